"""Reads for the agreement pages: one query per table, never one per row."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from agreements.models import Agreement, AgreementParty, Commitment
from regions.models import AdministrativeUnit
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


def agreements_for_listing() -> QuerySet[Agreement]:
    parties = AgreementParty.objects.select_related("unit").order_by("order", "unit__short_name")
    return (
        Agreement.objects.with_status()
        .prefetch_related(Prefetch("parties", queryset=parties), "sectors")
        .order_by("-term_start", "title")
    )


def merger_outcome(parties: list[PartyView]) -> str:
    """What the 2025 reorganisation made of an agreement between these parties."""
    if not parties:
        return ""
    now = {u.pk: u for pv in parties for u in pv.successors}
    if any(not pv.party.unit.is_current for pv in parties):
        names = ", ".join(sorted(u.short_name for u in now.values()))
        if len(now) == 1:
            return _("Các bên nay cùng thuộc %(unit)s: hợp tác trở thành nội bộ một đơn vị.") % {
                "unit": names
            }
        if len(now) < len(parties):
            return _("Sau sắp xếp năm 2025, thỏa thuận nay nối %(units)s.") % {"units": names}
        return _("Các bên nay là %(units)s.") % {"units": names}
    return ""


def agreement_rows(agreements: QuerySet[Agreement] | list[Agreement]) -> list[AgreementRow]:
    agreements = list(agreements)
    units = [p.unit for a in agreements for p in a.parties.all()]
    successors = current_successors(units)
    rows = []
    for agreement in agreements:
        parties = [PartyView(p, successors.get(p.unit_id, [])) for p in agreement.parties.all()]
        rows.append(AgreementRow(agreement, parties, merger_outcome(parties)))
    return rows


def commitments_of(agreement: Agreement) -> QuerySet[Commitment]:
    return (
        agreement.commitments.select_related(
            "sector", "lead_agency", "committing_unit", "carried_over_from__agreement"
        )
        .prefetch_related("supporting_agencies", "indicators")
        .order_by("sector__order", "number", "id")
    )
