"""Read-models of the public pages: dashboard, agreement, unit, sector, reporting.

Every figure is read from the standing records as of one period's end
(``reports.queries.standing``): approved reports only, counted in the database, a
fixed number of queries whatever the number of agreements, commitments or reports.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import groupby

from django.core.paginator import Page
from django.db.models import Count, Max, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, AgreementParty, Commitment, Sector
from agreements.queries import AgreementRow, UnitPage, agreement_rows
from regions.models import AdministrativeUnit
from regions.queries import current_successors
from reports.models import CommitmentStanding, ProgressReport, period_seq
from reports.queries import standing as records
from reports.queries.standing import AsOf
from reports.services.calendar import Periods, PeriodWindow
from reports.services.standing_rules import (
    FORMAL_ONLY,
    NOT_REPORTED,
    Standing,
    Summary,
    summarise,
)

GROUP_AS_SIGNED = "signed"
GROUP_NOW = "now"


# --- which commitments a card counts, and lists ------------------------------------------


@dataclass(frozen=True)
class StandingFilter:
    """One card of the dashboard: the stored rows it counts (``q``, the very condition
    ``records.summaries_as_of`` counts them by) and the list its link opens."""

    key: str
    label: str
    q: Q
    css: str

    @property
    def dom_id(self) -> str:
        return self.key.replace("_", "-")

    def count(self, summary: Summary) -> int:
        if self.key == UNDER_SPECIFIED:
            return summary.under_specified
        return summary.by_category.get(self.key, 0)


UNDER_SPECIFIED = "under_specified"
STANDING_FILTERS = {
    f.key: f
    for f in (
        StandingFilter(FORMAL_ONLY, _("chỉ mang tính hình thức"), Q(category=FORMAL_ONLY), "bad"),
        StandingFilter(NOT_REPORTED, _("chưa có báo cáo"), Q(category=NOT_REPORTED), "warn"),
        StandingFilter(UNDER_SPECIFIED, _("thiếu cụ thể"), Q(under_specified=True), "warn"),
        StandingFilter("implementing", _("đang triển khai"), Q(category="implementing"), "ok"),
        StandingFilter("completed", _("hoàn thành"), Q(category="completed"), "ok"),
        StandingFilter("stalled", _("chậm, vướng mắc"), Q(category="stalled"), "bad"),
    )
}


def standing_scope(
    agreements: QuerySet[Agreement], *, filtered: bool, sector: Sector | None
) -> dict:
    """The standing rows a dashboard counts: its filtered agreements, its sector. The
    dashboard's cards and the list behind each card both read through this."""
    scope: dict = {}
    if filtered:
        scope["agreement__in"] = agreements.order_by().values("pk")
    if sector is not None:
        scope["sector"] = sector
    return scope


def commitment_rows(
    as_of: AsOf, scope: dict, standing: StandingFilter | None
) -> QuerySet[CommitmentStanding]:
    """The commitments behind a card, as of ``as_of`` (all of them without ``standing``)."""
    rows = records.rows_as_of(as_of.seq).filter(**scope)
    if standing is not None:
        rows = rows.filter(standing.q)
    return rows.order_by(*SECTOR_ORDER)


def owing_period(
    periods: Periods, *, upto: int | None = None, scope: dict | None = None
) -> int | None:
    """The latest period, due by today and not after ``upto``, for which reports are owed
    (by ``scope``'s agreements): the one whose late reports the dashboard counts and
    ``/reports/`` opens on. A period due that owes nothing (every agreement ended) is
    passed over; ``None`` when none is due or none owes."""
    due = periods.last_due(upto)
    if due is None:
        return None
    owed = records.owed_in(range(periods.first(), due + 1))
    if scope and "agreement__in" in scope:
        owed = owed.filter(agreement__in=scope["agreement__in"])
    return owed.order_by().aggregate(seq=Max("seq"))["seq"]


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
    as_of: AsOf
    summary: Summary
    by_agreement: dict[int, Summary]
    groups: list[UnitGroup]
    late: Counter
    late_period: PeriodWindow | None
    cards: list[tuple[StandingFilter, int]] = field(default_factory=list)
    agreements: list[AgreementStanding] = field(default_factory=list)  # the page shown
    successors: dict = field(default_factory=dict)  # unit id → current units, as read


def dashboard(
    agreements: QuerySet[Agreement],
    *,
    as_of: AsOf,
    filtered: bool = True,
    sector: Sector | None = None,
    grouping: str = GROUP_NOW,
    periods: Periods | None = None,
) -> Dashboard:
    periods = periods or Periods()
    scope = standing_scope(agreements, filtered=filtered, sector=sector)
    by_agreement = records.summaries_as_of(as_of.seq, **scope)
    late_seq = owing_period(periods, upto=as_of.seq, scope=scope)
    late = Counter()
    if late_seq is not None:
        owed = records.owed(late_seq)
        if filtered:
            owed = owed.filter(agreement__in=scope["agreement__in"])
        late = records.owed_counts(owed, periods.today)
    groups, successors = _groups(agreements, by_agreement, grouping, filtered)
    summary = records.total(by_agreement.values())
    return Dashboard(
        as_of=as_of,
        summary=summary,
        cards=[(f, f.count(summary)) for f in STANDING_FILTERS.values()],
        by_agreement=by_agreement,
        groups=groups,
        late=late,
        late_period=periods.window(late_seq) if late_seq else None,
        successors=successors,
    )


def show_page(board: Dashboard, page: Page) -> None:
    """The cards of one page of agreements (the counts come from ``board``)."""
    board.agreements = [
        AgreementStanding(row, board.by_agreement.get(row.agreement.pk, Summary.empty()))
        for row in agreement_rows(page.object_list, board.successors or None)
    ]


def _groups(agreements, by_agreement, grouping: str, filtered: bool):
    """Each unit's agreements and their counts (units as signed, or as they are now)."""
    parties = AgreementParty.objects.order_by()
    if filtered:
        parties = parties.filter(agreement__in=agreements.order_by().values("pk"))
    pairs = list(parties.values_list("agreement_id", "unit_id"))
    units = AdministrativeUnit.objects.in_bulk({unit_id for _a, unit_id in pairs})
    successors = current_successors(units.values())
    members: dict[int, AdministrativeUnit] = {}
    agreements_of: dict[int, set[int]] = defaultdict(set)
    for agreement_id, unit_id in pairs:
        unit = units[unit_id]
        found = successors.get(unit_id) if grouping == GROUP_NOW else [unit]
        for member in found or [unit]:
            members[member.pk] = member
            agreements_of[member.pk].add(agreement_id)
    groups = []
    for pk, unit in members.items():
        summary = records.total(by_agreement[a] for a in agreements_of[pk] if a in by_agreement)
        groups.append(UnitGroup(unit, len(agreements_of[pk]), summary))
    groups.sort(key=lambda g: (-g.summary.total, g.unit.short_name))
    return groups, successors


# --- one agreement ----------------------------------------------------------------------


@dataclass
class CommitmentView:
    standing: Standing
    history: list[Commitment] = field(default_factory=list)  # carried over from, oldest first
    label: str = ""  # its number on the page: "2.3", the third of the second sector

    @property
    def latest(self):
        """The approved report the standing comes from (the deciding party's)."""
        return self.standing.source_report

    @property
    def indicators(self):
        return [(i, self.standing.actual(i.pk)) for i in self.standing.commitment.indicators.all()]


@dataclass
class PeriodLine:
    window: PeriodWindow
    summary: Summary
    approved: int


@dataclass
class GridCell:
    total: int = 0
    formal_only: int = 0
    not_reported: int = 0
    real: int = 0  # implementing or completed
    sector: Sector | None = None  # its column (a phone shows it beside the cell)


@dataclass
class AgreementPage:
    row: AgreementRow
    as_of: AsOf
    summary: Summary
    by_sector: list[tuple[Sector, list[CommitmentView]]]
    timeline: list[PeriodLine]
    grid: list[tuple[AdministrativeUnit, list[GridCell]]]
    grid_sectors: list[Sector]

    @property
    def standings(self) -> list[Standing]:
        return [view.standing for _sector, views in self.by_sector for view in views]

    @property
    def has_signatories(self) -> bool:
        """Whether any party's signatory is known (else the column is left out)."""
        return any(pv.party.signatory_name for pv in self.row.parties)

    @property
    def demo_sources(self) -> list[tuple[str, list[str]]]:
        """Each distinct demo note of the commitments, with the numbers it applies to:
        said once at the top of the page, a short tag beside each commitment."""
        found: dict[str, list[str]] = {}
        for _sector, views in self.by_sector:
            for view in views:
                note = view.standing.commitment.demo_source
                if note:
                    found.setdefault(note, []).append(view.label)
        return list(found.items())


def agreement_page(agreement: Agreement, *, as_of: AsOf, periods: Periods) -> AgreementPage:
    (row,) = agreement_rows([agreement])
    items = records.standings_of_agreement(agreement, as_of)
    views = [CommitmentView(s, _history(s)) for s in items]
    by_sector = [
        (sector, list(group))
        for sector, group in groupby(views, lambda v: v.standing.commitment.sector)
    ]
    for number, (_sector, group) in enumerate(by_sector, start=1):
        for within, view in enumerate(group, start=1):
            view.label = f"{number}.{within}"
    sectors, grid = _party_sector_grid(items)
    return AgreementPage(
        row=row,
        as_of=as_of,
        summary=summarise(items),
        by_sector=by_sector,
        timeline=_timeline(agreement, as_of, periods),
        grid=grid,
        grid_sectors=sectors,
    )


def _history(item: Standing) -> list[Commitment]:
    """Earlier promises this commitment carries over, oldest first (two hops loaded)."""
    chain = []
    link = item.commitment.carried_over_from
    if link is not None:
        chain.append(link)
        if link.carried_over_from_id and link.carried_over_from is not None:
            chain.append(link.carried_over_from)
    return list(reversed(chain))


def _timeline(agreement: Agreement, as_of: AsOf, periods: Periods) -> list[PeriodLine]:
    """Each period of the term up to the as-of one: the standing at its end, newest first."""
    counted = (
        CommitmentStanding.objects.filter(
            agreement=agreement, unit__isnull=True, seq__lte=as_of.seq
        )
        .order_by()
        .values("seq", "category")
        .annotate(n=Count("pk"))
    )
    by_seq: dict[int, Counter] = defaultdict(Counter)
    for line in counted:
        by_seq[line["seq"]][line["category"]] += line["n"]
    approved = (
        ProgressReport.objects.approved()
        .filter(commitment__agreement=agreement)
        .order_by()
        .values_list("period__year", "period__half")
        .annotate(n=Count("pk"))
    )
    approved_in = {period_seq(year, half): n for year, half, n in approved}
    return [
        PeriodLine(
            periods.window(seq),
            Summary.of_counts(by_seq[seq], under_specified=0, carried_over=0),
            approved_in.get(seq, 0),
        )
        for seq in sorted(by_seq, reverse=True)
    ]


def _party_sector_grid(items: list[Standing]):
    """Each party's own line per sector: how far each got (a party × sector table)."""
    sectors = sorted({s.commitment.sector for s in items}, key=lambda s: (s.order, s.name))
    cells: dict[tuple[int, int], GridCell] = defaultdict(GridCell)
    units: dict[int, AdministrativeUnit] = {}
    for item in items:
        for line in item.parties:
            units[line.unit.pk] = line.unit
            cell = cells[(line.unit.pk, item.commitment.sector_id)]
            cell.total += 1
            cell.formal_only += line.formal_only
            cell.not_reported += line.not_reported
            cell.real += line.real
    ordered = sorted(units.values(), key=lambda u: u.short_name)
    for (_unit_id, sector_id), cell in cells.items():
        cell.sector = next(s for s in sectors if s.pk == sector_id)
    empty = {s.pk: GridCell(sector=s) for s in sectors}
    grid = [
        (unit, [cells.get((unit.pk, s.pk)) or empty[s.pk] for s in sectors]) for unit in ordered
    ]
    return sectors, grid


# --- one unit ----------------------------------------------------------------------------


@dataclass
class UnitStanding:
    page: UnitPage
    as_of: AsOf
    summary: Summary  # the commitments of its agreements, each as a whole
    own: Summary  # its own lines (the commitments it answers for)
    by_agreement: dict[int, Summary]


def unit_standing(page: UnitPage, *, as_of: AsOf) -> UnitStanding:
    ids = [row.agreement.pk for row in page.rows]
    by_agreement = records.summaries_by_agreement(
        records.rows_as_of(as_of.seq).filter(agreement_id__in=ids)
    )
    units = {page.unit.pk, *(s.pk for s in page.successors), *(p.pk for p in page.predecessors)}
    own_rows = records.rows_as_of(as_of.seq, combined=False).filter(
        agreement_id__in=ids, unit_id__in=units
    )
    own = records.total(records.summaries_by_agreement(own_rows).values())
    return UnitStanding(page, as_of, records.total(by_agreement.values()), own, by_agreement)


# --- reporting page ------------------------------------------------------------------


@dataclass
class UnitReporting:
    unit: AdministrativeUnit
    expected: int = 0
    approved: int = 0
    pending: int = 0  # written but not (yet) approved: drafts, submitted, returned
    missing: int = 0
    late: int = 0


def reporting_by_unit(seq: int, *, today: dt.date | None = None) -> list[UnitReporting]:
    counted = list(records.owed_by_unit(records.owed(seq), today))
    units = AdministrativeUnit.objects.in_bulk([line["unit_id"] for line in counted])
    lines = [
        UnitReporting(
            unit=units[line["unit_id"]],
            expected=line["expected"],
            approved=line["approved"],
            missing=line["missing"],
            pending=line["expected"] - line["approved"] - line["missing"],
            late=line["late"],
        )
        for line in counted
    ]
    return sorted(lines, key=lambda line: (-line.late, line.unit.short_name))


# --- one sector ------------------------------------------------------------------------

SECTOR_ORDER = ("commitment__agreement__title", "commitment__number", "commitment_id")


def sector_rows(sector: Sector, as_of: AsOf) -> QuerySet[CommitmentStanding]:
    return records.rows_as_of(as_of.seq).filter(sector=sector).order_by(*SECTOR_ORDER)
