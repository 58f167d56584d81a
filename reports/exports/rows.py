"""What the files count from the read-model's rows, and the read-model's names.

The rows themselves (scope, commitments with their standing and what each party owed,
reports, indicator values) are read in ``reports.queries.workbook``; the files read the
database only through it. Here: the cover's counters, filled one commitment at a time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from agreements.models import Sector
from reports.models import ProgressReport, ReportingPeriod, ReportStatus
from reports.queries.expectations import ExpectedReport
from reports.queries.workbook import (
    CHUNK,
    MILLION_DONG,
    CommitmentRow,
    Expectations,
    IndicatorLine,
    Scope,
    commitment_rows,
    data_window,
    in_million_dong,
    indicator_value_rows,
    report_rows,
    scope_for_agreement,
    scope_for_unit,
    shown_reports,
)
from reports.services.standing_rules import Summary

__all__ = [
    "CHUNK",
    "MILLION_DONG",
    "CommitmentRow",
    "Expectations",
    "IndicatorLine",
    "PeriodTally",
    "Scope",
    "Totals",
    "commitment_rows",
    "data_window",
    "in_million_dong",
    "indicator_value_rows",
    "report_rows",
    "scope_for_agreement",
    "scope_for_unit",
    "shown_reports",
    "status_label",
]


@dataclass
class PeriodTally:
    """On time, late, missing: one period's line on the cover."""

    period: ReportingPeriod
    counts: Counter = field(default_factory=Counter)

    def add(self, item: ExpectedReport) -> None:
        self.counts["expected"] += 1
        self.counts[item.state] += 1
        if item.late:
            self.counts["late"] += 1
        if item.state == ReportStatus.APPROVED and not item.late:
            self.counts["on_time"] += 1

    def __getitem__(self, key: str) -> int:
        return self.counts[key]

    @property
    def not_approved(self) -> int:
        return self.counts["expected"] - self.counts[ReportStatus.APPROVED]


class Totals:
    """Counters the cover needs, filled one commitment at a time."""

    def __init__(self, scope: Scope):
        self.scope = scope
        self.items = Counter()
        self.by_category: Counter = Counter()
        self.sectors: dict[int, Sector] = {}
        self.by_sector: dict[int, Counter] = {}
        self.by_agreement: dict[int, Counter] = {a.pk: Counter() for a in scope.agreements}
        self.periods = {p.pk: PeriodTally(p) for p in scope.periods}

    def add(self, row: CommitmentRow, expected: dict[int, list[ExpectedReport]]) -> None:
        s = row.standing
        category = s.category
        self.by_category[category] += 1
        flags = {
            "total": True,
            "formal_only": s.formal_only,
            "not_reported": s.not_reported,
            "under_specified": s.under_specified,
            "carried_over": s.carried_over,
        }
        self.items.update(key for key, on in flags.items() if on)
        sector = row.commitment.sector
        self.sectors.setdefault(sector.pk, sector)
        self.by_sector.setdefault(sector.pk, Counter())[category] += 1
        agreement = self.by_agreement[row.agreement.pk]
        agreement.update(key for key, on in flags.items() if on)
        agreement["reports"] += len(row.shown)
        for period_id, items in expected.items():
            for item in items:
                self.periods[period_id].add(item)

    @property
    def summary(self) -> Summary:
        return Summary.of_counts(
            self.by_category,
            under_specified=self.items["under_specified"],
            carried_over=self.items["carried_over"],
        )


def status_label(report: ProgressReport | None) -> str:
    if report is None:
        return _("chưa lập báo cáo")
    return str(ReportStatus(report.status).label)
