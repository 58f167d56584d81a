"""Read-models of the public pages: dashboard, agreement, sector, reporting.

Only approved reports are read here. One query per table, whatever the rows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import QuerySet
from django.utils import timezone

from agreements.models import Agreement, Commitment, Indicator, Sector, Stage
from agreements.queries import AgreementRow, agreement_rows
from regions.models import AdministrativeUnit
from reports import queries
from reports.models import IndicatorValue, ProgressReport, ReportingPeriod, ReportStatus
from reports.standing import Standing, Summary, standings, summarise

GROUP_AS_SIGNED = "signed"
GROUP_NOW = "now"


# --- dashboard -----------------------------------------------------------------------


@dataclass
class AgreementStanding:
    row: AgreementRow
    summary: Summary


@dataclass
class UnitGroup:
    unit: AdministrativeUnit
    agreements: int
    summary: Summary


@dataclass
class Dashboard:
    summary: Summary
    agreements: list[AgreementStanding]
    groups: list[UnitGroup]
    late: Counter
    late_period: ReportingPeriod | None


def dashboard(
    agreements: QuerySet[Agreement],
    *,
    sector: Sector | None = None,
    grouping: str = GROUP_NOW,
    today: dt.date | None = None,
) -> Dashboard:
    today = today or timezone.localdate()
    agreement_list = list(agreements)
    rows = agreement_rows(agreement_list)
    commitments = Commitment.objects.filter(agreement__in=[a.pk for a in agreement_list])
    if sector is not None:
        commitments = commitments.filter(sector=sector)
    items = standings(commitments, today=today)
    by_agreement: dict[int, list[Standing]] = defaultdict(list)
    for item in items:
        by_agreement[item.commitment.agreement_id].append(item)
    per_agreement = [
        AgreementStanding(row, summarise(by_agreement.get(row.agreement.pk, []))) for row in rows
    ]
    late_period = (
        ReportingPeriod.objects.filter(department_due__lt=today).order_by("-year", "-half").first()
    )
    late = Counter()
    if late_period is not None:
        grid = queries.completeness(late_period, agreements, today=today)
        late = grid.counts
    return Dashboard(
        summary=summarise(items),
        agreements=per_agreement,
        groups=_groups(rows, by_agreement, grouping),
        late=late,
        late_period=late_period,
    )


def _groups(rows: list[AgreementRow], by_agreement, grouping: str) -> list[UnitGroup]:
    members: dict[int, AdministrativeUnit] = {}
    agreements_of: dict[int, set[int]] = defaultdict(set)
    for row in rows:
        for pv in row.parties:
            units = pv.successors if grouping == GROUP_NOW else [pv.party.unit]
            for unit in units:
                members[unit.pk] = unit
                agreements_of[unit.pk].add(row.agreement.pk)
    groups = []
    for pk, unit in members.items():
        items = [s for a in agreements_of[pk] for s in by_agreement.get(a, [])]
        groups.append(UnitGroup(unit, len(agreements_of[pk]), summarise(items)))
    return sorted(groups, key=lambda g: (-g.summary.total, g.unit.short_name))


# --- one agreement ----------------------------------------------------------------------


@dataclass
class CommitmentView:
    standing: Standing
    latest: ProgressReport | None
    actuals: dict[int, IndicatorValue] = field(default_factory=dict)  # indicator id -> value
    history: list[Commitment] = field(default_factory=list)  # carried over from, oldest first

    @property
    def indicators(self) -> list[tuple[Indicator, IndicatorValue | None]]:
        return [(i, self.actuals.get(i.pk)) for i in self.standing.commitment.indicators.all()]


@dataclass
class PeriodLine:
    period: ReportingPeriod
    approved: int
    stages: Counter

    @property
    def stage_labels(self) -> list[tuple[str, str, int]]:
        return [(key, Stage(key).label, n) for key, n in self.stages.most_common()]


@dataclass
class GridCell:
    total: int = 0
    formal_only: int = 0
    not_reported: int = 0
    real: int = 0  # implementing or completed


@dataclass
class AgreementPage:
    row: AgreementRow
    summary: Summary
    by_sector: list[tuple[Sector, list[CommitmentView]]]
    timeline: list[PeriodLine]
    grid: list[tuple[AdministrativeUnit, list[GridCell]]]
    grid_sectors: list[Sector]


def agreement_page(agreement: Agreement, *, today: dt.date | None = None) -> AgreementPage:
    today = today or timezone.localdate()
    (row,) = agreement_rows([agreement])
    items = standings(
        agreement.commitments.select_related(
            "carried_over_from__carried_over_from__agreement"
        ).order_by("sector__order", "number", "id"),
        today=today,
    )
    approved = list(
        ProgressReport.objects.approved()
        .filter(commitment__agreement=agreement)
        .select_related("period", "reporting_unit")
        .order_by("-period__year", "-period__half", "reporting_unit__short_name")
    )
    latest: dict[int, ProgressReport] = {}
    for report in approved:
        latest.setdefault(report.commitment_id, report)
    actuals: dict[int, dict[int, IndicatorValue]] = defaultdict(dict)
    values = (
        IndicatorValue.objects.filter(
            report__status=ReportStatus.APPROVED, indicator__commitment__agreement=agreement
        )
        .select_related("indicator", "report__period")
        .order_by("-report__period__year", "-report__period__half")
    )
    for value in values:
        actuals[value.indicator.commitment_id].setdefault(value.indicator_id, value)
    views = [
        CommitmentView(
            s, latest.get(s.commitment.pk), actuals.get(s.commitment.pk, {}), _history(s)
        )
        for s in items
    ]
    by_sector = [
        (sector, list(group))
        for sector, group in groupby(views, lambda v: v.standing.commitment.sector)
    ]
    sectors, grid = _party_sector_grid(row, items)
    return AgreementPage(
        row=row,
        summary=summarise(items),
        by_sector=by_sector,
        timeline=_timeline(agreement, approved),
        grid=grid,
        grid_sectors=sectors,
    )


def _history(item: Standing) -> list[Commitment]:
    """Earlier promises this commitment carries over, oldest first (two hops loaded)."""
    chain = []
    link = item.commitment.carried_over_from
    if link is not None:
        chain.append(link)
        if link.carried_over_from_id:
            chain.append(link.carried_over_from)
    return list(reversed(chain))


def _timeline(agreement: Agreement, approved: list[ProgressReport]) -> list[PeriodLine]:
    per_period: dict[int, list[ProgressReport]] = defaultdict(list)
    for report in approved:
        per_period[report.period_id].append(report)
    periods = ReportingPeriod.objects.filter(
        data_to__gte=agreement.term_start, data_from__lte=agreement.term_end
    ).order_by("year", "half")
    return [
        PeriodLine(p, len(per_period[p.pk]), Counter(r.stage for r in per_period[p.pk]))
        for p in periods
    ]


def _party_sector_grid(row: AgreementRow, items: list[Standing]):
    """Who promised what in which sector, and how far each got (committing unit ×
    sector; joint commitments count for every party)."""
    sectors = sorted({s.commitment.sector for s in items}, key=lambda s: (s.order, s.name))
    cells: dict[tuple[int, int], GridCell] = defaultdict(GridCell)
    party_units = [pv.party.unit for pv in row.parties]
    for item in items:
        c = item.commitment
        owners = [c.committing_unit] if c.committing_unit_id else party_units
        for unit in owners:
            cell = cells[(unit.pk, c.sector_id)]
            cell.total += 1
            cell.formal_only += item.formal_only
            cell.not_reported += item.not_reported
            cell.real += (
                item.stage in (Stage.IMPLEMENTING, Stage.COMPLETED) and not item.not_reported
            )
    grid = [(unit, [cells[(unit.pk, s.pk)] for s in sectors]) for unit in party_units]
    return sectors, grid


# --- reporting page ------------------------------------------------------------------


@dataclass
class UnitReporting:
    unit: AdministrativeUnit
    expected: int = 0
    approved: int = 0
    pending: int = 0  # written but not (yet) approved: drafts, submitted, returned
    missing: int = 0
    late: int = 0


def reporting_by_unit(
    period: ReportingPeriod, *, today: dt.date | None = None
) -> list[UnitReporting]:
    grid = queries.completeness(period, Agreement.objects.all(), today=today)
    lines: dict[int, UnitReporting] = {}
    for row in grid.rows:
        line = lines.setdefault(row.unit.pk, UnitReporting(row.unit))
        line.expected += 1
        if row.state == ReportStatus.APPROVED:
            line.approved += 1
        elif row.state == queries.MISSING:
            line.missing += 1
        else:
            line.pending += 1
        line.late += row.late
    return sorted(lines.values(), key=lambda line: (-line.late, line.unit.short_name))


# --- one sector ------------------------------------------------------------------------


def sector_standings(sector: Sector, *, today: dt.date | None = None) -> list[Standing]:
    return standings(
        Commitment.objects.filter(sector=sector).order_by("agreement__title", "number", "id"),
        today=today,
    )
