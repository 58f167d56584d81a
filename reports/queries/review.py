"""What a reviewer reads beside a report before deciding (issue 21 item 9): the
commitment's indicators with their targets and this report's values, the agreement, the
previous approved report of the same commitment, and the next report waiting for this
reviewer (``portal.permissions.reviewable_reports``, the rule of the review list and the
home's "Chờ bạn duyệt"). A fixed number of queries, whatever the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, F, IntegerField, Q, Value, When

from agreements.access import Actor
from agreements.models import Indicator
from portal.lib.authz import reviewable_reports
from reports.models import IndicatorValue, ProgressReport, ReportStatus

# The order reports wait in, oldest sent first, as a queue: the review list
# (``?review=mine``), the review page's "next" and the planner's home list follow it.
WAITING_ORDER = (F("submitted_at").asc(nulls_last=True), "pk")


@dataclass
class IndicatorLine:
    indicator: Indicator
    value: Decimal | None  # this report's
    previous: Decimal | None  # the previous approved report's

    @property
    def share(self) -> Decimal | None:
        """This report's value as a share of the target (per cent), when both exist."""
        target = self.indicator.target
        if self.value is None or not target:
            return None
        return (self.value / target * 100).quantize(Decimal("0.1"))


@dataclass
class ReviewDesk:
    report: ProgressReport
    may_decide: bool
    four_eyes_blocked: bool
    indicators: list[IndicatorLine] = field(default_factory=list)
    previous: ProgressReport | None = None
    next_report: ProgressReport | None = None
    waiting: int = 0  # reports waiting for this reviewer, this one excepted


def waiting_for(actor: Actor):
    """The reports waiting for this user's decision, in the order they wait."""
    return reviewable_reports(actor.user).order_by(*WAITING_ORDER)


def previous_approved(report: ProgressReport) -> ProgressReport | None:
    """The latest approved report on the same commitment of an earlier period; the same
    reporting unit first (a merged unit's last report stays its successor's previous)."""
    period = report.period
    earlier = Q(period__year__lt=period.year) | Q(
        period__year=period.year, period__half__lt=period.half
    )
    same_unit = Case(
        When(reporting_unit_id=report.reporting_unit_id, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        ProgressReport.objects.filter(earlier, commitment_id=report.commitment_id,
                                      status=ReportStatus.APPROVED)
        .select_related("period", "reporting_unit")
        .order_by("-period__year", "-period__half", same_unit, "-pk")
        .first()
    )  # fmt: skip


def review_desk(actor: Actor, report: ProgressReport, *, may_decide: bool, blocked: bool):
    """Everything beside the report's text: five queries (indicators, this report's
    values, the previous report, its values, the next waiting and their count)."""
    desk = ReviewDesk(report, may_decide=may_decide, four_eyes_blocked=blocked)
    indicators = list(Indicator.objects.filter(commitment_id=report.commitment_id))
    desk.previous = previous_approved(report)
    reports = [report.pk] + ([desk.previous.pk] if desk.previous else [])
    values: dict[tuple[int, int], Decimal] = {
        (v.report_id, v.indicator_id): v.value
        for v in IndicatorValue.objects.filter(report_id__in=reports).only(
            "report_id", "indicator_id", "value"
        )
    }
    before = desk.previous.pk if desk.previous else None
    desk.indicators = [
        IndicatorLine(i, values.get((report.pk, i.pk)), values.get((before, i.pk)))
        for i in indicators
    ]
    others = waiting_for(actor).exclude(pk=report.pk)
    desk.next_report = others.select_related("commitment", "reporting_unit", "period").first()
    desk.waiting = others.count() if desk.next_report else 0
    return desk
