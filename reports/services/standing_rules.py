"""Where a commitment stands at the end of a period: the rules, in one place.

The categories the seeds complain about, kept apart (design.md):

- *not reported*: no approved report yet, or the last one is two periods old or more
  and said neither completed nor cancelled (a stale standing is not a standing);
- *formal only*: reported, in force for two reporting periods or more counted from the
  commitment's own start, and still below "implementing" (proposed, studying, started);
- *under-specified*: no lead agency, no indicator, or an indicator without a target;
- *carried over*: continues an unfinished commitment of a predecessor agreement.

**Several parties, one rule.** Each party that answers for a commitment in a period
has its own line: its latest approved report up to that period (reports of the units
it succeeded count as its own). The commitment stands where its **least advanced
party** stands, in the order of ``ADVANCE``: not reported, stalled, proposed,
studying, started, implementing, cancelled, completed. A commitment is completed only
when every party has completed it; one party's silence makes it "not reported". The
agreement page shows each party's line under the commitment.

Pure functions over plain values: ``reports.services.standing_store`` reads the database,
applies these rules and writes the records (``CommitmentStanding``); pages read the
records through ``Standing``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from agreements.models import REAL_STAGES, Commitment, Stage

BELOW_IMPLEMENTING = frozenset({Stage.PROPOSED, Stage.STUDYING, Stage.STARTED})
FINAL_STAGES = frozenset({Stage.COMPLETED, Stage.CANCELLED})  # nothing more is owed
PERIODS_BEFORE_FORMAL = 2  # in force this many periods and still below implementing
STALE_AFTER_PERIODS = 2  # a report this many periods old no longer tells where it stands

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
# How far a party got, least advanced first: the least advanced party decides.
ADVANCE = {
    NOT_REPORTED: 0,
    Stage.STALLED: 1,
    Stage.PROPOSED: 2,
    Stage.STUDYING: 3,
    Stage.STARTED: 4,
    Stage.IMPLEMENTING: 5,
    Stage.CANCELLED: 6,
    Stage.COMPLETED: 7,
}


def category_of(*, stage: str, periods_since_report: int | None, periods_in_force: int) -> str:
    """The one bucket of the status bar for a line (or the combined standing)."""
    if periods_since_report is None:
        return NOT_REPORTED
    if periods_since_report >= STALE_AFTER_PERIODS and stage not in FINAL_STAGES:
        return NOT_REPORTED
    if periods_in_force >= PERIODS_BEFORE_FORMAL and stage in BELOW_IMPLEMENTING:
        return FORMAL_ONLY
    return stage


def advance(category: str, stage: str) -> int:
    return ADVANCE[NOT_REPORTED] if category == NOT_REPORTED else ADVANCE[stage]


def is_under_specified(commitment: Commitment, indicators: list) -> bool:
    return (
        commitment.lead_agency_id is None
        or not indicators
        or any(i.target is None for i in indicators)
    )


@dataclass
class Standing:
    """A stored standing as pages read it (a ``CommitmentStanding`` and its commitment)."""

    commitment: Commitment
    stage: str  # effective stage: of the deciding report, else as staff recorded
    category: str
    percent: Decimal | None
    approved_reports: int
    under_specified: bool
    carried_over: bool
    periods_since_report: int | None = None
    periods_in_force: int = 0
    source_report: object | None = None  # the approved ProgressReport that decides
    actuals: dict = field(default_factory=dict)  # indicator id (str) → Decimal
    parties: list[Standing] = field(default_factory=list)  # each party's own line
    unit: object | None = None  # for a party's line: the AdministrativeUnit

    @classmethod
    def of(cls, row, commitment: Commitment | None = None) -> Standing:
        return cls(
            commitment=commitment if commitment is not None else row.commitment,
            stage=row.stage,
            category=row.category,
            percent=row.percent,
            approved_reports=row.approved_reports,
            under_specified=row.under_specified,
            carried_over=row.carried_over,
            periods_since_report=row.periods_since_report,
            periods_in_force=row.periods_in_force,
            source_report=row.source_report if row.source_report_id else None,
            actuals={k: Decimal(v) for k, v in (row.actuals or {}).items()},
            unit=row.unit if row.unit_id else None,
        )

    @property
    def stage_label(self) -> str:
        return str(Stage(self.stage).label)

    @property
    def category_label(self) -> str:
        return str(CATEGORY_LABELS[self.category])

    @property
    def not_reported(self) -> bool:
        return self.category == NOT_REPORTED

    @property
    def formal_only(self) -> bool:
        return self.category == FORMAL_ONLY

    @property
    def real(self) -> bool:
        return self.category in REAL_STAGES

    def actual(self, indicator_id: int) -> Decimal | None:
        return self.actuals.get(str(indicator_id))


def line_text(s: Standing) -> str:
    """How a standing reads in a cell: its stage, or that nothing (recent) was approved."""
    return capfirst(_("(chưa có báo cáo)") if s.not_reported else s.stage_label)


def standing_text(s: Standing) -> str:
    """The commitment's standing, then each party's own line when the parties differ."""
    text = line_text(s)
    if len({(p.category, p.stage) for p in s.parties}) > 1:
        lines = "; ".join(f"{p.unit.short_name}: {line_text(p)}" for p in s.parties)
        text = f"{text} ({lines})"
    return text


@dataclass
class BarSegment:
    key: str
    label: str
    count: int
    share: float  # percent of the bar
    offset: float  # percent from the left


@dataclass
class Summary:
    total: int
    formal_only: int
    not_reported: int
    under_specified: int
    carried_over: int
    by_category: Counter

    @classmethod
    def empty(cls) -> Summary:
        return cls(0, 0, 0, 0, 0, Counter())

    @classmethod
    def of_counts(cls, by_category: Counter, *, under_specified: int, carried_over: int) -> Summary:
        return cls(
            total=sum(by_category.values()),
            formal_only=by_category.get(FORMAL_ONLY, 0),
            not_reported=by_category.get(NOT_REPORTED, 0),
            under_specified=under_specified,
            carried_over=carried_over,
            by_category=by_category,
        )

    def add(self, other: Summary) -> None:
        self.total += other.total
        self.formal_only += other.formal_only
        self.not_reported += other.not_reported
        self.under_specified += other.under_specified
        self.carried_over += other.carried_over
        counts = self.by_category
        for key, n in other.by_category.items():  # faster than Counter.update, called often
            counts[key] += n

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
        return sum(self.by_category.get(key, 0) for key in REAL_STAGES)


def summarise(items: list[Standing]) -> Summary:
    return Summary.of_counts(
        Counter(s.category for s in items),
        under_specified=sum(s.under_specified for s in items),
        carried_over=sum(s.carried_over for s in items),
    )
