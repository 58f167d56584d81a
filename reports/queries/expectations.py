"""Read-models over reports: who owed a report in a period, who sent it, who is late.

Who owes what is decided once, when the standing records are written
(``reports.services.standing_store``): each commitment × period × responsible unit once, never
after the commitment was reported completed or cancelled or its agreement ended. These
reads only select those rows: one query per table, never one per row.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from agreements.models import Agreement, Commitment
from regions.models import AdministrativeUnit
from reports.models import (
    CommitmentStanding,
    ProgressReport,
    ReportingPeriod,
    period_seq,
)
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

    @classmethod
    def of(
        cls,
        owed: CommitmentStanding,
        *,
        commitment: Commitment,
        report: ProgressReport | None,
        today: dt.date,
    ) -> ExpectedReport:
        """What an owed standing record (commitment × unit × period) says: the report's
        state, or missing; late by the unit's own deadline."""
        return cls(
            commitment,
            owed.unit,
            report,
            owed.report_status or MISSING,
            records.is_late(owed, today),
            owed.due_on,
        )


def expected_in(
    seq: int,
    owed: Iterable[CommitmentStanding],
    *,
    commitment: Commitment,
    reports: dict[int, ProgressReport],
    today: dt.date,
) -> list[ExpectedReport]:
    """A commitment's owed records for period ``seq`` (read at once for several periods,
    ``records.owed_in``), in the order of the units' short names; each with its report
    from ``reports`` (by id)."""
    return [
        ExpectedReport.of(
            row, commitment=commitment, report=reports.get(row.report_id), today=today
        )
        for row in sorted(owed, key=lambda r: r.unit.short_name)
        if row.seq == seq
    ]


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
    period: ReportingPeriod,
    agreements: QuerySet[Agreement],
    *,
    today: dt.date | None = None,
    unit_ids: Iterable[int] | None = None,
) -> Completeness:
    """The owed rows of the period in these agreements; of these responsible units only
    when ``unit_ids`` is given (a planning officer's own unit and those merged into it)."""
    today = today or timezone.localdate()
    owed = records.owed(period_seq(period.year, period.half))
    if unit_ids is not None:
        owed = owed.filter(unit_id__in=list(unit_ids))
    rows = (
        owed
        .filter(agreement__in=agreements.order_by().values("pk"))
        .select_related(
            "commitment__agreement", "commitment__sector", "commitment__lead_agency", "unit", "report"
        )
        .order_by("commitment__agreement__title", "commitment__sector__order",
                  "commitment__number", "commitment_id", "unit__short_name")
    )  # fmt: skip
    result = Completeness(period)
    for row in rows:
        result.rows.append(
            ExpectedReport.of(row, commitment=row.commitment, report=row.report, today=today)
        )
    return result


def is_late(report: ProgressReport | None, period: ReportingPeriod, today: dt.date) -> bool:
    """Late by its first submission (a return and resubmission do not make it late)."""
    due = period.department_due
    sent = report.submitted_first if report is not None else None
    if sent is None:
        return today > due
    return timezone.localdate(sent) > due
