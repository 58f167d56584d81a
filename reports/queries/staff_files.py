"""What the staff files page offers (issue 21 item 11): every year that has reports in the
user's scope, and each unit the user answers for with the reason it is there (the unit as
it is now, whose workbook also holds the units merged into it, and each of those units up
to its last day). Three queries, whatever the data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from agreements.access import Actor, manageable_agreements
from regions.models import AdministrativeUnit, UnitSuccession
from reports.models import ProgressReport


@dataclass
class UnitRow:
    unit: AdministrativeUnit
    merged: list[AdministrativeUnit] = field(default_factory=list)  # into this one
    successor: AdministrativeUnit | None = None  # what this one became
    effective_on: dt.date | None = None
    legal_basis: str = ""


def years_with_data(actor: Actor, today: dt.date) -> list[int]:
    """Years with reports in the user's agreements or units, and this year and the last
    (the files of a year under way), latest first."""
    reports = ProgressReport.objects.all()
    if not actor.is_admin:
        reports = reports.filter(
            Q(commitment__agreement__in=manageable_agreements(actor).values("pk"))
            | Q(reporting_unit_id__in=actor.unit_ids)
        )
    years = set(reports.order_by().values_list("period__year", flat=True).distinct())
    return sorted(years | {today.year, today.year - 1}, reverse=True)


def unit_rows(units: list[AdministrativeUnit]) -> list[UnitRow]:
    """The units, current ones first, each with what merged into it or what it became."""
    rows = {unit.pk: UnitRow(unit) for unit in units}
    links = UnitSuccession.objects.filter(
        Q(predecessor__in=list(rows)) | Q(successor__in=list(rows))
    ).select_related("predecessor", "successor")
    for link in links:
        if link.successor_id in rows and link.predecessor_id in rows:
            rows[link.successor_id].merged.append(link.predecessor)
        if link.predecessor_id in rows:
            row = rows[link.predecessor_id]
            row.successor, row.effective_on = link.successor, link.effective_on
            row.legal_basis = link.legal_basis
    return sorted(
        rows.values(),
        key=lambda r: (r.unit.valid_until is not None, r.unit.valid_until or dt.date.min,
                       r.unit.short_name),
    )  # fmt: skip
