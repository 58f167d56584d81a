"""Read-models over reports: who owed a report in a period, who sent it, who is late.

Who owes what is decided once, when the standing records are written
(``reports.services.standing_store``): each commitment × period × responsible unit once, never
after the commitment was reported completed or cancelled or its agreement ended. These
reads only select those rows: one query per table, never one per row.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from agreements.models import Agreement, Commitment
from regions.models import AdministrativeUnit
from reports.models import ProgressReport, ReportingPeriod, ReportStatus, period_seq
from reports.queries import standing as records

MISSING = records.MISSING
LATE = "late"


@dataclass
class ExpectedReport:
    commitment: Commitment
    unit: AdministrativeUnit
    report: ProgressReport | None
    state: str  # a ReportStatus value, or MISSING
    late: bool
    due_on: dt.date | None = None  # the unit's own deadline (its calendar), else the period's


@dataclass
class Completeness:
    period: ReportingPeriod
    rows: list[ExpectedReport] = field(default_factory=list)

    @property
    def counts(self) -> Counter:
        counts = Counter(row.state for row in self.rows)
        counts["expected"] = len(self.rows)
        counts[LATE] = sum(1 for row in self.rows if row.late)
        return counts


def completeness(
    period: ReportingPeriod, agreements: QuerySet[Agreement], *, today: dt.date | None = None
) -> Completeness:
    today = today or timezone.localdate()
    rows = (
        records.owed(period_seq(period.year, period.half))
        .filter(agreement__in=agreements.order_by().values("pk"))
        .select_related("commitment__agreement", "commitment__sector", "unit", "report")
        .order_by("commitment__agreement__title", "commitment__sector__order",
                  "commitment__number", "commitment_id", "unit__short_name")
    )  # fmt: skip
    result = Completeness(period)
    for row in rows:
        result.rows.append(
            ExpectedReport(
                row.commitment,
                row.unit,
                row.report,
                row.report_status or MISSING,
                records.is_late(row, today),
                row.due_on,
            )
        )
    return result


def is_late(report: ProgressReport | None, period: ReportingPeriod, today: dt.date) -> bool:
    """Late by its first submission (a return and resubmission do not make it late)."""
    due = period.department_due
    sent = report.submitted_first if report is not None else None
    if sent is None:
        return today > due
    return timezone.localdate(sent) > due


def waiting_for_review(unit_ids: frozenset[int]) -> QuerySet[ProgressReport]:
    return ProgressReport.objects.filter(
        Q(reporting_unit_id__in=unit_ids), status=ReportStatus.SUBMITTED
    )
