"""Reads for the agreement pages: one query per table, never one per row."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from agreements.access import unit_scope
from agreements.models import Agreement, AgreementParty, AgreementStatus
from portal.lib import opendata
from regions.models import AdministrativeUnit, UnitName, UnitSuccession
from regions.queries import (
    annotated_name,
    current_successors,
    name_on,
    name_on_annotations,
    name_records,
    names_on,
    units_on,
)

SIGNED = "signed"  # prefix of the party's name-at-signing annotations


@dataclass
class PartyView:
    party: AgreementParty
    successors: list[AdministrativeUnit]
    signed_as: UnitName  # the party's name and kind on the signing day


@dataclass
class AgreementRow:
    agreement: Agreement
    parties: list[PartyView]
    merger_outcome: str
    status: str = ""  # on the day the page is about (today, or a historical unit's last day)
    became_internal: bool = False

    @property
    def status_label(self) -> str:
        return AgreementStatus(self.status).label


def agreements_open_data(base_url: str = "") -> opendata.Table:
    """The open-data columns of an agreement list (``AgreementRow``s); links start with
    ``base_url`` (the site's address)."""
    return opendata.Table(
        slug=lambda r: r.agreement.slug,
        title=lambda r: r.agreement.title,
        kind=lambda r: r.agreement.kind,
        status=lambda r: r.status,
        document_number=lambda r: r.agreement.document_number,
        signed_on=lambda r: r.agreement.signed_on,
        term_start=lambda r: r.agreement.term_start,
        term_end=lambda r: r.agreement.term_end,
        parties_as_signed=lambda r: "; ".join(pv.signed_as.name for pv in r.parties),
        parties_now=lambda r: "; ".join(
            sorted({s.name for pv in r.parties for s in pv.successors})
        ),
        after_2025=lambda r: r.merger_outcome,
        sectors=lambda r: "; ".join(s.name for s in r.agreement.sectors.all()),
        demo_data=lambda r: r.agreement.is_demo,
        demo_source=lambda r: r.agreement.demo_source,
        url=lambda r: base_url + r.agreement.get_absolute_url(),
    )


def parties_as_signed() -> QuerySet[AgreementParty]:
    """Parties with their unit and the unit's name on the signing day, in one query."""
    return (
        AgreementParty.objects.select_related("unit")
        .annotate(**name_on_annotations("unit_id", "agreement__signed_on", SIGNED))
        .order_by("order", "unit__short_name")
    )


def agreements_for_listing() -> QuerySet[Agreement]:
    return (
        Agreement.objects.with_status()
        .prefetch_related(Prefetch("parties", queryset=parties_as_signed()), "sectors")
        .order_by("-term_start", "title")
    )


@dataclass
class MergerOutcome:
    text: str = ""
    became_internal: bool = False


def merger_outcome(parties: list[PartyView], agreement: Agreement) -> MergerOutcome:
    """What the 2025 reorganisation made of an agreement between these parties.

    Only an agreement still binding on the day its parties merged can have become
    internal to one unit; one that had ended before is an ended agreement whose former
    parties now lie in these units.
    """
    merged = [pv.party.unit for pv in parties if not pv.party.unit.is_current]
    if not parties or not merged:
        return MergerOutcome()
    merger_day = min(u.valid_until for u in merged) + dt.timedelta(days=1)
    now = {u.pk: u for pv in parties for u in pv.successors}
    names = ", ".join(sorted(u.short_name for u in now.values()))
    if agreement.ends_on < merger_day:
        return MergerOutcome(
            _(
                "Thỏa thuận đã kết thúc ngày %(ended)s, trước khi các bên sáp nhập "
                "(%(merged)s); các bên nay thuộc %(units)s."
            )
            % {
                "ended": agreement.ends_on.strftime("%d/%m/%Y"),
                "merged": merger_day.strftime("%d/%m/%Y"),
                "units": names,
            }
        )
    if len(now) == 1:
        text = _("Các bên nay cùng thuộc %(unit)s: hợp tác trở thành nội bộ một đơn vị.")
        return MergerOutcome(text % {"unit": names}, became_internal=True)
    if len(now) < len(parties):
        return MergerOutcome(
            _("Sau sắp xếp năm 2025, thỏa thuận nay nối %(units)s.") % {"units": names}
        )
    return MergerOutcome(_("Các bên nay là %(units)s.") % {"units": names})


def agreement_rows(
    agreements: QuerySet[Agreement] | list[Agreement],
    successors: dict | None = None,
    *,
    on: dt.date | None = None,
) -> list[AgreementRow]:
    """``successors``: a ``current_successors`` map already read (a superset is fine).
    ``on``: the day statuses are read on (today by default).

    Parties read through ``parties_as_signed`` carry their name at signing; others cost
    one query for the names of all of them."""
    agreements = list(agreements)
    units = [p.unit for a in agreements for p in a.parties.all()]
    if successors is None or any(u.pk not in successors for u in units):
        successors = current_successors(units)
    records = None
    rows = []
    for agreement in agreements:
        parties = []
        for p in agreement.parties.all():
            signed_as = annotated_name(p.unit, p, SIGNED)
            if signed_as is None:
                if records is None:
                    records = name_records(units)
                signed_as = name_on(p.unit, records.get(p.unit_id, []), agreement.signed_on)
            parties.append(PartyView(p, successors.get(p.unit_id, []), signed_as))
        outcome = merger_outcome(parties, agreement)
        if on is not None:
            status = agreement.status_on(on)
        else:
            status = getattr(agreement, "status_now", None) or agreement.status
        rows.append(AgreementRow(agreement, parties, outcome.text, status, outcome.became_internal))
    return rows


@dataclass
class Partner:
    unit: AdministrativeUnit
    name: UnitName  # on the day the page is about
    agreements: int  # shared agreements


@dataclass
class UnitPage:
    unit: AdministrativeUnit
    name: UnitName  # today's, or a historical unit's on its last day
    names: list[UnitName]  # every name the unit bore, oldest first
    predecessors: list[AdministrativeUnit]
    successors: list[AdministrativeUnit]
    rows: list[AgreementRow]
    partners: list[Partner]  # units as they are now, or as they were on the unit's last day
    internal: list[AgreementRow]  # in force when its parties all merged into one unit
    as_on: dt.date | None = None  # a historical unit's last day; None: today


def unit_page(unit: AdministrativeUnit) -> UnitPage:
    """A current unit as it is now; a historical one as it was on its last day: partners
    are the units that existed that day, statuses are that day's."""
    links = list(
        UnitSuccession.objects.filter(Q(successor=unit) | Q(predecessor=unit)).select_related(
            "predecessor", "successor"
        )
    )
    predecessors = sorted(
        (s.predecessor for s in links if s.successor_id == unit.pk), key=lambda u: u.short_name
    )
    successors = sorted(
        (s.successor for s in links if s.predecessor_id == unit.pk), key=lambda u: u.short_name
    )
    as_on = unit.valid_until
    scope = unit_scope(unit.pk) if unit.is_current else {unit.pk}
    agreements = agreements_for_listing().filter(
        pk__in=Agreement.objects.filter(parties__unit_id__in=scope).values("pk")
    )
    rows = agreement_rows(agreements, on=as_on)
    party_units = {pv.party.unit_id: pv.party.unit for row in rows for pv in row.parties}
    if as_on is None:  # the parties' units now
        partner_of = {pv.party.unit_id: pv.successors for row in rows for pv in row.parties}
    else:  # the parties' units on the unit's last day
        partner_of = units_on(party_units.values(), as_on)
    partners: Counter = Counter()
    partner_units: dict[int, AdministrativeUnit] = {}
    internal = []
    for row in rows:
        others = {
            s.pk: s
            for pv in row.parties
            for s in partner_of.get(pv.party.unit_id, [])
            if s.pk != unit.pk
        }
        if row.became_internal and (as_on is not None or not others):
            internal.append(row)
        for pk, partner in others.items():
            partners[pk] += 1
            partner_units[pk] = partner
    records = name_records([unit, *partner_units.values()])
    day = as_on or dt.date.max
    names = names_on(partner_units.values(), day, records)
    ranked = sorted(partners.items(), key=lambda kv: (-kv[1], names[kv[0]].short_name))
    return UnitPage(
        unit=unit,
        name=name_on(unit, records.get(unit.pk, []), day),
        names=records.get(unit.pk, []),
        predecessors=predecessors,
        successors=successors,
        rows=rows,
        partners=[Partner(partner_units[pk], names[pk], n) for pk, n in ranked],
        internal=internal,
        as_on=as_on,
    )
