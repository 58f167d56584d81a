"""Where each commitment stands, from public (approved) reports only.

The categories the seeds complain about, kept apart (design.md):

- *not reported*: no approved report at all — nobody wrote, or nothing was accepted;
- *formal only*: reported, its agreement in force for two reporting periods or more,
  and still below "implementing" on the ladder (proposed, studying, started);
- *under-specified*: no lead agency, no indicator, or an indicator without a target;
- *carried over*: continues an unfinished commitment of a predecessor agreement.

A commitment's *effective stage* is the stage of its latest approved report, or the
stage staff recorded when none is approved yet. Everything here reads one query per
table, whatever the number of commitments.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, Commitment, Indicator, Stage
from reports.models import ProgressReport, ReportingPeriod, ReportStatus

BELOW_IMPLEMENTING = {Stage.PROPOSED, Stage.STUDYING, Stage.STARTED}
PERIODS_BEFORE_FORMAL = 2

NOT_REPORTED = "not_reported"
FORMAL_ONLY = "formal_only"
CATEGORY_LABELS = {
    NOT_REPORTED: _("chưa có báo cáo"),
    FORMAL_ONLY: _("chỉ mang tính hình thức"),
    Stage.PROPOSED: Stage.PROPOSED.label,
    Stage.STUDYING: Stage.STUDYING.label,
    Stage.STARTED: Stage.STARTED.label,
    Stage.IMPLEMENTING: Stage.IMPLEMENTING.label,
    Stage.COMPLETED: Stage.COMPLETED.label,
    Stage.STALLED: Stage.STALLED.label,
    Stage.CANCELLED: Stage.CANCELLED.label,
}
# Order of the status bar: the worrying categories first.
BAR_ORDER = [
    FORMAL_ONLY,
    NOT_REPORTED,
    Stage.PROPOSED,
    Stage.STUDYING,
    Stage.STARTED,
    Stage.STALLED,
    Stage.IMPLEMENTING,
    Stage.COMPLETED,
    Stage.CANCELLED,
]


@dataclass
class Standing:
    commitment: Commitment
    stage: str  # effective stage
    percent: Decimal | None
    approved_reports: int
    periods_in_force: int

    @property
    def stage_label(self) -> str:
        return str(Stage(self.stage).label)

    @property
    def not_reported(self) -> bool:
        return self.approved_reports == 0

    @property
    def formal_only(self) -> bool:
        return (
            not self.not_reported
            and self.periods_in_force >= PERIODS_BEFORE_FORMAL
            and self.stage in BELOW_IMPLEMENTING
        )

    @property
    def under_specified(self) -> bool:
        c = self.commitment
        indicators = list(c.indicators.all())
        no_target = any(i.target is None for i in indicators)
        return c.lead_agency_id is None or not indicators or no_target

    @property
    def carried_over(self) -> bool:
        return self.commitment.carried_over_from_id is not None

    @property
    def category(self) -> str:
        """The one bucket of the status bar."""
        if self.not_reported:
            return NOT_REPORTED
        if self.formal_only:
            return FORMAL_ONLY
        return self.stage


def _latest_approved(field: str) -> Subquery:
    latest = ProgressReport.objects.filter(
        commitment=OuterRef("pk"), status=ReportStatus.APPROVED
    ).order_by("-period__year", "-period__half", "-reviewed_at")
    return Subquery(latest.values(field)[:1])


def commitments_with_standing(queryset: QuerySet[Commitment]) -> QuerySet[Commitment]:
    """Commitments annotated with their latest approved stage and percent, and counts."""
    approved_count = (
        ProgressReport.objects.filter(commitment=OuterRef("pk"), status=ReportStatus.APPROVED)
        .order_by()
        .values("commitment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        queryset.select_related(
            "agreement", "sector", "lead_agency", "committing_unit", "carried_over_from__agreement"
        )
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("order", "id"))
        )
        .annotate(
            approved_stage=_latest_approved("stage"),
            approved_percent=_latest_approved("percent"),
            approved_count=Coalesce(
                Subquery(approved_count, output_field=IntegerField()), Value(0)
            ),
        )
    )


def periods_in_force(agreement: Agreement, periods: list[ReportingPeriod], today: dt.date) -> int:
    """Reporting periods already over whose window overlaps the agreement's term."""
    end = min(agreement.term_end, today)
    return sum(1 for p in periods if p.data_to < today and p.overlaps(agreement.term_start, end))


def standings(queryset: QuerySet[Commitment], *, today: dt.date | None = None) -> list[Standing]:
    today = today or timezone.localdate()
    periods = list(ReportingPeriod.objects.all())
    in_force: dict[int, int] = {}
    result = []
    for c in commitments_with_standing(queryset):
        if c.agreement_id not in in_force:
            in_force[c.agreement_id] = periods_in_force(c.agreement, periods, today)
        result.append(
            Standing(
                commitment=c,
                stage=c.approved_stage or c.stage,
                percent=c.approved_percent,
                approved_reports=c.approved_count,
                periods_in_force=in_force[c.agreement_id],
            )
        )
    return result


@dataclass
class Summary:
    total: int
    formal_only: int
    not_reported: int
    under_specified: int
    carried_over: int
    by_category: Counter

    def bar(self) -> list[BarSegment]:
        """The status bar's segments in bar order, empty buckets left out."""
        segments, offset = [], 0.0
        for key in BAR_ORDER:
            n = self.by_category.get(key, 0)
            if not n:
                continue
            share = 100 * n / self.total
            segments.append(BarSegment(str(key), str(CATEGORY_LABELS[key]), n, share, offset))
            offset += share
        return segments

    @property
    def real(self) -> int:
        """Commitments where something actually happened: implementing or completed."""
        return self.by_category.get(Stage.IMPLEMENTING, 0) + self.by_category.get(
            Stage.COMPLETED, 0
        )


@dataclass
class BarSegment:
    key: str
    label: str
    count: int
    share: float  # percent of the bar
    offset: float  # percent from the left


def summarise(items: list[Standing]) -> Summary:
    return Summary(
        total=len(items),
        formal_only=sum(s.formal_only for s in items),
        not_reported=sum(s.not_reported for s in items),
        under_specified=sum(s.under_specified for s in items),
        carried_over=sum(s.carried_over for s in items),
        by_category=Counter(s.category for s in items),
    )
