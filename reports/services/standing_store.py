"""Computing and writing the standing records (``CommitmentStanding``).

``refresh(ids)`` recomputes every row of the given commitments from the database and
replaces them, inside the caller's transaction. The receivers of ``reports.signals``
call ``changed()`` on every save that can alter a standing (a report, its values, a
commitment, an indicator, an agreement or its parties, a period, a review conclusion,
a lead agency, the units); inside ``batched()`` (imports, demo loading) the ids are
gathered and refreshed once at the end of the block, still in its transaction.
``rebuild()`` recomputes everything; ``manage.py rebuild_standing`` calls it.

Which party answers for a commitment in a period (``responsible_units``): its
committing unit, else its lead agency's unit, else every party; each as the unit that
existed at the period's data cut-off (a merged unit's successor). A party that has
reported completed or cancelled owes nothing afterwards, nor does anyone once the
agreement has ended or the commitment was cancelled by staff.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Min, Prefetch, Q
from django.utils import timezone

from agreements import succession
from agreements.models import Agency, AgreementParty, Commitment, Indicator, Stage
from portal import page_cache
from regions.models import AdministrativeUnit
from regions.queries import current_successors, unit_on
from reports.models import (
    CommitmentStanding,
    ConclusionAction,
    IndicatorValue,
    ProgressReport,
    ReportStatus,
    period_seq,
)
from reports.services import calendar
from reports.services.standing_rules import (
    FINAL_STAGES,
    NOT_REPORTED,
    advance,
    category_of,
    is_under_specified,
)

CHUNK = 500  # commitments computed and written at once
EVERYTHING = -1  # in a batch: rebuild all instead of some

_pending: ContextVar[set[int] | None] = ContextVar("standing_pending", default=None)


# --- when ---------------------------------------------------------------------------------


def changed(commitment_ids: Iterable[int]) -> None:
    """These commitments' standing may have changed: refresh now, or at the batch's end."""
    ids = {pk for pk in commitment_ids if pk is not None}
    if not ids:
        return
    pending = _pending.get()
    if pending is not None:
        pending.update(ids)
    else:
        refresh(ids)


def changed_everything() -> None:
    """Reference data changed (units, successions): every standing may have."""
    pending = _pending.get()
    if pending is not None:
        pending.add(EVERYTHING)
    else:
        rebuild()


@contextmanager
def batched(*, discard: bool = False) -> Iterator[None]:
    """Gather the changes of a block and refresh them once, at its end (nested: outermost).

    ``discard``: the block is rolled back whatever happens (a dry run): refresh nothing.
    """
    if _pending.get() is not None:
        yield
        return
    token = _pending.set(set())
    try:
        yield
        ids = _pending.get()
    finally:
        _pending.reset(token)
    if discard:
        return
    if EVERYTHING in ids:
        rebuild()
    else:
        refresh(ids)


def period_changed(seq: int) -> None:
    """A period was opened, edited or deleted: its rows follow its dates.

    Its deadline only sets ``due_on`` (lateness is read against it), so a new deadline is
    one UPDATE; a new cut-off can change who answered for a commitment (a merged unit's
    successor), so the commitments of that period are recomputed — rarely, and only then.
    """
    window = calendar.window(seq, calendar.opened_periods())
    rows = CommitmentStanding.objects.filter(seq=seq)
    moved = rows.exclude(period_end=window.data_to)
    if moved.exists():
        changed(set(rows.values_list("commitment_id", flat=True)))
        return
    rows.exclude(due_on=window.department_due).update(due_on=window.department_due)
    unit_calendar_changed(seq)


def unit_calendar_changed(seq: int) -> None:
    """A unit's calendar for period ``seq`` changed: its parties' rows take its deadline.

    One UPDATE per deadline in force that period (at most one per unit), never a recompute:
    a unit's own deadline only decides lateness.
    """
    window = calendar.window(seq, calendar.opened_periods())
    dues = {unit: due for (s, unit), due in calendar.unit_dues().items() if s == seq}
    rows = CommitmentStanding.objects.filter(seq=seq, unit__isnull=False)
    by_due: dict[dt.date, list[int]] = defaultdict(list)
    for unit_id, due in dues.items():
        by_due[due].append(unit_id)
    rows.exclude(unit_id__in=list(dues)).exclude(due_on=window.department_due).update(
        due_on=window.department_due
    )
    for due, unit_ids in by_due.items():
        rows.filter(unit_id__in=unit_ids).exclude(due_on=due).update(due_on=due)


def refresh(commitment_ids: Iterable[int]) -> None:
    ids = sorted(set(commitment_ids))
    with transaction.atomic():
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            CommitmentStanding.objects.filter(commitment_id__in=chunk).delete()
            CommitmentStanding.objects.bulk_create(compute(chunk), batch_size=2000)


def rebuild(*, progress=None) -> int:
    """Recompute every record from the reports; idempotent. Returns the rows written."""
    written = 0
    with transaction.atomic():
        CommitmentStanding.objects.all().delete()
        ids = list(Commitment.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), CHUNK):
            rows = compute(ids[start : start + CHUNK])
            CommitmentStanding.objects.bulk_create(rows, batch_size=2000)
            written += len(rows)
            if progress is not None:
                progress(min(start + CHUNK, len(ids)), len(ids))
        # bulk_create sends no signal: stored public pages are voided here (generate_data
        # too), now and again when the rewrite is committed
        page_cache.invalidate()
        transaction.on_commit(page_cache.invalidate)
    return written


FIELDS = (
    "commitment_id", "agreement_id", "sector_id", "unit_id", "year", "half", "seq",
    "period_end", "is_last", "stage", "percent", "category", "under_specified",
    "carried_over", "periods_in_force", "periods_since_report", "approved_reports",
    "source_report_id", "actuals", "expected", "report_id", "report_status",
    "first_submitted_on", "due_on",
)  # fmt: skip


def as_tuple(row: CommitmentStanding) -> tuple:
    return tuple(
        tuple(sorted(row.actuals.items())) if name == "actuals" else getattr(row, name)
        for name in FIELDS
    )


def differences() -> list[tuple]:
    """Stored rows that a full recomputation would not write, and the reverse."""
    stored = {as_tuple(row) for row in CommitmentStanding.objects.iterator(chunk_size=5000)}
    fresh: set[tuple] = set()
    ids = list(Commitment.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        fresh.update(as_tuple(row) for row in compute(ids[start : start + CHUNK]))
    return sorted(stored ^ fresh, key=repr)


def ensure_after_migrate(sender, **kwargs) -> None:
    """post_migrate: a database migrated from before the records gets them once."""
    if sender.name != "reports":
        return
    if not CommitmentStanding.objects.exists() and Commitment.objects.exists():
        rebuild()


# --- what ---------------------------------------------------------------------------------


@dataclass
class Line:
    """One party's standing at the end of one period."""

    unit: AdministrativeUnit | None
    stage: str
    category: str
    percent: Decimal | None = None
    periods_since_report: int | None = None
    approved_reports: int = 0
    source: ProgressReport | None = None
    actuals: dict[str, tuple[int, Decimal]] = field(default_factory=dict)  # id → (seq, value)
    expected: bool = False
    report: ProgressReport | None = None

    @property
    def advance(self) -> int:
        return advance(self.category, self.stage)


class Facts:
    """Everything the rules need about a batch of commitments: one query per table."""

    def __init__(self, ids: list[int]):
        created = Min(
            "review_conclusions__meeting__held_on",
            filter=Q(review_conclusions__action=ConclusionAction.CREATE),
        )
        self.commitments = list(
            Commitment.objects.filter(pk__in=ids)
            .select_related("agreement", "lead_agency")
            .prefetch_related(
                Prefetch(
                    "indicators", queryset=Indicator.objects.only("pk", "commitment", "target")
                )
            )
            .annotate(created_on=created)
            .order_by("pk")
        )
        agreement_ids = {c.agreement_id for c in self.commitments}
        self.parties: dict[int, list[int]] = defaultdict(list)
        for agreement_id, unit_id in (
            AgreementParty.objects.filter(agreement_id__in=agreement_ids)
            .order_by("order", "pk")
            .values_list("agreement_id", "unit_id")
        ):
            self.parties[agreement_id].append(unit_id)
        self.reports: dict[int, list[ProgressReport]] = defaultdict(list)
        for report in (
            ProgressReport.objects.filter(commitment_id__in=ids)
            .select_related("period")
            .only(
                "pk", "commitment_id", "reporting_unit_id", "stage", "percent", "status",
                "submitted_at", "first_submitted_at", "period__year", "period__half",
            )
            .order_by("pk")
        ):  # fmt: skip
            self.reports[report.commitment_id].append(report)
        self.values: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
        for report_id, indicator_id, value in (
            IndicatorValue.objects.filter(
                report__commitment_id__in=ids, report__status=ReportStatus.APPROVED
            )
            .order_by("pk")
            .values_list("report_id", "indicator_id", "value")
        ):
            self.values[report_id].append((indicator_id, value))
        unit_ids = {u for units in self.parties.values() for u in units}
        unit_ids |= {c.committing_unit_id for c in self.commitments if c.committing_unit_id}
        # The agency that answered on a day follows the dated succession links: after a
        # handover the lead agency is the successor, but the periods before it stay its
        # predecessor's (and so its unit's).
        leads = {c.lead_agency_id for c in self.commitments if c.lead_agency_id}
        self.agency_links = succession.links_around(leads, forwards=True) if leads else None
        linked = set(self.agency_links.out) | set(self.agency_links.into) if leads else set()
        self.agency_units = dict(
            Agency.objects.filter(pk__in=leads | linked).values_list("pk", "unit_id")
        )
        unit_ids |= set(self.agency_units.values())
        unit_ids |= {r.reporting_unit_id for rs in self.reports.values() for r in rs}
        self.units = AdministrativeUnit.objects.in_bulk(unit_ids)
        self.successors = current_successors(self.units.values())
        self.opened = calendar.opened_periods()
        self.dues = calendar.unit_dues()

    def as_of(self, unit_id: int, day: dt.date) -> AdministrativeUnit:
        """The unit that answers for ``unit_id`` on ``day``: itself, or its successor."""
        return unit_on(self.units[unit_id], day, self.successors)[0]


def effective_start(commitment: Commitment) -> dt.date:
    """Its own start date, else the review meeting that added it, else the agreement's."""
    agreement = commitment.agreement
    own = commitment.start_on or getattr(commitment, "created_on", None) or agreement.term_start
    return max(own, agreement.term_start)


def responsible_units(commitment: Commitment, facts: Facts, day: dt.date) -> list:
    if commitment.committing_unit_id:
        owners = [commitment.committing_unit_id]
    elif commitment.lead_agency_id:
        answering = succession.answering_agency_id(
            facts.agency_links,
            commitment.lead_agency_id,
            day,
            commitment.pk,
            commitment.sector_id,
        )
        owners = [facts.agency_units[answering]]
    else:
        owners = facts.parties.get(commitment.agreement_id, [])
    units: dict[int, AdministrativeUnit] = {}
    for unit_id in owners:
        unit = facts.as_of(unit_id, day)
        units.setdefault(unit.pk, unit)
    return list(units.values())


def compute(ids: list[int]) -> list[CommitmentStanding]:
    facts = Facts(ids)
    rows: list[CommitmentStanding] = []
    for commitment in facts.commitments:
        rows.extend(commitment_rows(commitment, facts))
    return rows


def _seq(report: ProgressReport) -> int:
    return period_seq(report.period.year, report.period.half)


def commitment_rows(commitment: Commitment, facts: Facts) -> list[CommitmentStanding]:
    agreement = commitment.agreement
    first = calendar.seq_of_day(effective_start(commitment))
    # A period is owed when its cut-off falls within the term (the first one always).
    last = max(first, calendar.last_cutoff_seq(agreement.ends_on))
    reports = facts.reports.get(commitment.pk, [])
    approved = [r for r in reports if r.status == ReportStatus.APPROVED]
    indicators = list(commitment.indicators.all())
    static = {
        "commitment_id": commitment.pk,
        "agreement_id": commitment.agreement_id,
        "sector_id": commitment.sector_id,
        "under_specified": is_under_specified(commitment, indicators),
        "carried_over": commitment.carried_over_from_id is not None,
    }
    staff_cancelled = commitment.stage == Stage.CANCELLED
    rows = []
    for window in calendar.windows(first, last, facts.opened):
        day = window.data_to
        in_force = window.seq - first + 1
        owners = {u.pk: u for u in responsible_units(commitment, facts, day)}
        lines: dict[int, Line] = {
            pk: Line(u, commitment.stage, NOT_REPORTED) for pk, u in owners.items()
        }
        mine: dict[int, list[ProgressReport]] = defaultdict(list)
        for report in reports:
            seq = _seq(report)
            if seq > window.seq:
                continue
            if seq < window.seq and report.status != ReportStatus.APPROVED:
                continue
            unit = facts.as_of(report.reporting_unit_id, day)
            lines.setdefault(unit.pk, Line(unit, commitment.stage, NOT_REPORTED))
            mine[unit.pk].append(report)
        for unit_id, line in lines.items():
            _fill(line, mine.get(unit_id, []), window.seq, in_force, facts)
            # Nothing more is owed once the party's last approved report, from an earlier
            # period, said completed or cancelled.
            done = line.source is not None and line.source.stage in FINAL_STAGES
            done = done and _seq(line.source) < window.seq
            line.expected = unit_id in owners and not staff_cancelled and not done
        ordered = sorted(lines.values(), key=lambda line: (line.advance, line.unit.short_name))
        # The rule decides among the parties that answer for it or have an approved report.
        deciding = [line for line in ordered if line.unit.pk in owners or line.approved_reports]
        base = {
            **static,
            "year": window.year,
            "half": window.half,
            "seq": window.seq,
            "period_end": day,
            "is_last": window.seq == last,
            "periods_in_force": in_force,
            "due_on": window.department_due,
        }
        for line in ordered:
            due = facts.dues.get((window.seq, line.unit.pk), window.department_due)
            rows.append(_row(line, {**base, "due_on": due}, unit=line.unit))
        rows.append(_combined(deciding, base, commitment, in_force, approved, window.seq))
    return rows


def _fill(line: Line, reports: list[ProgressReport], seq: int, in_force: int, facts) -> None:
    """A party's line from its reports up to period ``seq`` (approved ones, and any of ``seq``)."""
    approved = [r for r in reports if r.status == ReportStatus.APPROVED]
    current = [r for r in reports if _seq(r) == seq]
    if current:  # the report of this period (two predecessors: the approved, else the first)
        line.report = min(current, key=lambda r: (r.status != ReportStatus.APPROVED, r.pk))
    line.approved_reports = len(approved)
    if approved:
        newest = max(_seq(r) for r in approved)
        candidates = [r for r in approved if _seq(r) == newest]
        source = min(candidates, key=lambda r: (advance(r.stage, r.stage), r.pk))
        line.source = source
        line.stage = source.stage
        line.percent = source.percent
        line.periods_since_report = seq - newest
        for report in sorted(approved, key=lambda r: (_seq(r), r.pk)):
            for indicator_id, value in facts.values.get(report.pk, []):
                line.actuals[str(indicator_id)] = (_seq(report), value)
    line.category = category_of(
        stage=line.stage, periods_since_report=line.periods_since_report, periods_in_force=in_force
    )


def _row(line: Line, base: dict, *, unit) -> CommitmentStanding:
    report = line.report
    first_sent = report.submitted_first if report is not None else None
    return CommitmentStanding(
        **base,
        unit=unit,
        stage=line.stage,
        percent=line.percent,
        category=line.category,
        periods_since_report=line.periods_since_report,
        approved_reports=line.approved_reports,
        source_report=line.source,
        actuals={k: str(v) for k, (_seq, v) in sorted(line.actuals.items())},
        expected=line.expected,
        report=report,
        report_status=report.status if report is not None else "",
        first_submitted_on=timezone.localdate(first_sent) if first_sent else None,
    )


def _combined(
    ordered: list[Line], base: dict, commitment, in_force: int, approved, seq: int
) -> CommitmentStanding:
    """The commitment as a whole: its least advanced party decides."""
    if ordered:
        decider = ordered[0]
        stage, percent, since = decider.stage, decider.percent, decider.periods_since_report
        source = decider.source
    else:
        stage, percent, since, source = commitment.stage, None, None, None
    actuals: dict[str, tuple[int, Decimal]] = {}
    for line in ordered:  # the newest actual of each indicator; the decider's first on a tie
        for key, (when, value) in line.actuals.items():
            if key not in actuals or when > actuals[key][0]:
                actuals[key] = (when, value)
    category = (
        NOT_REPORTED
        if not ordered or ordered[0].category == NOT_REPORTED
        else category_of(stage=stage, periods_since_report=since, periods_in_force=in_force)
    )
    return CommitmentStanding(
        **base,
        unit=None,
        stage=stage,
        percent=percent,
        category=category,
        periods_since_report=since,
        approved_reports=sum(1 for r in approved if _seq(r) <= seq),
        source_report=source,
        actuals={k: str(v) for k, (_when, v) in sorted(actuals.items())},
        expected=any(line.expected for line in ordered),
    )
