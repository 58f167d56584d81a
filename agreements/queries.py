"""Reads for the agreement pages: one query per table, never one per row."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from agreements.access import unit_scope
from agreements.models import Agreement, AgreementParty
from regions.models import AdministrativeUnit, UnitSuccession
from regions.queries import current_successors


@dataclass
class PartyView:
    party: AgreementParty
    successors: list[AdministrativeUnit]


@dataclass
class AgreementRow:
    agreement: Agreement
    parties: list[PartyView]
    merger_outcome: str

    def as_open_data(self, base_url: str = "") -> dict:
        a = self.agreement
        return {
            "slug": a.slug,
            "title": a.title,
            "kind": a.kind,
            "status": a.status_now if hasattr(a, "status_now") else a.status,
            "document_number": a.document_number,
            "signed_on": a.signed_on,
            "term_start": a.term_start,
            "term_end": a.term_end,
            "parties_as_signed": "; ".join(pv.party.unit.name for pv in self.parties),
            "parties_now": "; ".join(
                sorted({s.name for pv in self.parties for s in pv.successors})
            ),
            "after_2025": self.merger_outcome,
            "sectors": "; ".join(s.name for s in a.sectors.all()),
            "demo_data": a.is_demo,
            "url": base_url + a.get_absolute_url(),
        }


OPEN_DATA_COLUMNS = [
    "slug",
    "title",
    "kind",
    "status",
    "document_number",
    "signed_on",
    "term_start",
    "term_end",
    "parties_as_signed",
    "parties_now",
    "after_2025",
    "sectors",
    "demo_data",
    "url",
]


def agreements_for_listing() -> QuerySet[Agreement]:
    parties = AgreementParty.objects.select_related("unit").order_by("order", "unit__short_name")
    return (
        Agreement.objects.with_status()
        .prefetch_related(Prefetch("parties", queryset=parties), "sectors")
        .order_by("-term_start", "title")
    )


def merger_outcome(parties: list[PartyView]) -> str:
    """What the 2025 reorganisation made of an agreement between these parties."""
    if not parties or all(pv.party.unit.is_current for pv in parties):
        return ""
    now = {u.pk: u for pv in parties for u in pv.successors}
    names = ", ".join(sorted(u.short_name for u in now.values()))
    if len(now) == 1:
        return _("Các bên nay cùng thuộc %(unit)s: hợp tác trở thành nội bộ một đơn vị.") % {
            "unit": names
        }
    if len(now) < len(parties):
        return _("Sau sắp xếp năm 2025, thỏa thuận nay nối %(units)s.") % {"units": names}
    return _("Các bên nay là %(units)s.") % {"units": names}


def agreement_rows(
    agreements: QuerySet[Agreement] | list[Agreement], successors: dict | None = None
) -> list[AgreementRow]:
    """``successors``: a ``current_successors`` map already read (a superset is fine)."""
    agreements = list(agreements)
    units = [p.unit for a in agreements for p in a.parties.all()]
    if successors is None or any(u.pk not in successors for u in units):
        successors = current_successors(units)
    rows = []
    for agreement in agreements:
        parties = [PartyView(p, successors.get(p.unit_id, [])) for p in agreement.parties.all()]
        rows.append(AgreementRow(agreement, parties, merger_outcome(parties)))
    return rows


@dataclass
class UnitPage:
    unit: AdministrativeUnit
    predecessors: list[AdministrativeUnit]
    successors: list[AdministrativeUnit]
    rows: list[AgreementRow]
    partners: list[tuple[AdministrativeUnit, int]]  # current partner unit, shared agreements
    internal: list[AgreementRow]  # agreements whose parties all merged into this unit


def unit_page(unit: AdministrativeUnit) -> UnitPage:
    links = UnitSuccession.objects.select_related("predecessor", "successor")
    predecessors = [s.predecessor for s in links.filter(successor=unit)]
    successors = [s.successor for s in links.filter(predecessor=unit)]
    scope = unit_scope(unit.pk) if unit.is_current else {unit.pk}
    agreements = agreements_for_listing().filter(
        pk__in=Agreement.objects.filter(parties__unit_id__in=scope).values("pk")
    )
    rows = agreement_rows(agreements)
    own_now = {unit.pk} if unit.is_current else {s.pk for s in successors}
    partners: Counter = Counter()
    partner_units: dict[int, AdministrativeUnit] = {}
    internal = []
    for row in rows:
        others = {s.pk: s for pv in row.parties for s in pv.successors if s.pk not in own_now}
        if not others:
            internal.append(row)
        for pk, partner in others.items():
            partners[pk] += 1
            partner_units[pk] = partner
    ranked = sorted(partners.items(), key=lambda kv: (-kv[1], partner_units[kv[0]].short_name))
    return UnitPage(
        unit=unit,
        predecessors=predecessors,
        successors=successors,
        rows=rows,
        partners=[(partner_units[pk], n) for pk, n in ranked],
        internal=internal,
    )
