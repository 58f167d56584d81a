"""The workbooks' read-model: what is in scope, and its rows as streams.

Every file (the review and consolidated workbooks, the Word report, the CSV) reads the
database through here. Rows are read with ``QuerySet.iterator(chunk_size=…)``: one
query per table (per chunk of ``CHUNK`` commitments for the prefetched ones), never
one per row, and never the whole table in memory. Where a commitment stands, and who
owed a report in each period, are read from the standing records as of the scope's
last period (``reports.queries.standing``, ``reports.queries.expectations``): the
workbook of a past year says the same thing whenever it is produced, whatever was
approved for later periods.

A public file shows approved reports only. The rows still carry every report of the
period so that the counts (expected, late, missing) agree with the staff grid;
``CommitmentRow.shown`` is what may be written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.text import capfirst

from agreements import access
from agreements.models import (
    Agency,
    Agreement,
    AgreementStatus,
    Commitment,
    Indicator,
    Sector,
    Stage,
)
from agreements.queries import SIGNED, parties_as_signed
from portal.lib.text import fold
from regions.models import AdministrativeUnit, UnitName
from regions.queries import annotated_name, name_on, name_records
from reports.models import (
    IndicatorValue,
    ProgressReport,
    ReportingPeriod,
    ReportStatus,
    ReviewMeeting,
    default_window,
    period_seq,
)
from reports.queries import standing as records
from reports.queries.expectations import ExpectedReport, expected_in
from reports.services.standing_rules import Standing

CHUNK = 250  # commitments (or reports) held at once; bounds memory at any size
AGREEMENT_ORDER = ("-term_start", "title", "id")
COMMITMENT_ORDER = (
    "-agreement__term_start",
    "agreement__title",
    "agreement_id",
    "sector__order",
    "sector__name",
    "sector_id",
    "number",
    "id",
)


def _through(prefix: str, keys: tuple[str, ...]) -> tuple[str, ...]:
    """``COMMITMENT_ORDER`` seen from a related model: ("-report__commitment__…", …)."""
    return tuple(f"-{prefix}{key[1:]}" if key.startswith("-") else f"{prefix}{key}" for key in keys)


REPORT_ORDER = (
    *_through("commitment__", COMMITMENT_ORDER),
    "period__year",
    "period__half",
    "reporting_unit__short_name",
    "id",
)
VALUE_ORDER = (
    *_through("report__commitment__", COMMITMENT_ORDER),
    "indicator__order",
    "indicator_id",
    "report__period__year",
    "report__period__half",
    "report__reporting_unit__short_name",
    "id",
)
# Money indicators are shown in millions of đồng (triệu đồng), as official tables are.
MILLION_DONG = "triệu đồng"
_MONEY_FACTORS = {
    "trieu dong": Decimal(1),
    "ty dong": Decimal(1000),
    "nghin dong": Decimal("0.001"),
    "ngan dong": Decimal("0.001"),
    "dong": Decimal("0.000001"),
    "vnd": Decimal("0.000001"),
}


def in_million_dong(value: Decimal | None, unit_of_measure: str) -> tuple[Decimal | None, str]:
    """(value, unit) with money converted to triệu đồng; anything else unchanged."""
    factor = _MONEY_FACTORS.get(" ".join(fold(unit_of_measure).split()))
    if factor is None:
        return value, unit_of_measure
    return (None if value is None else value * factor), MILLION_DONG


@dataclass
class Scope:
    """One workbook's subject: an agreement or a unit, a year or one of its halves."""

    year: int
    agreements: list[Agreement]
    periods: list[ReportingPeriod]
    today: dt.date
    include_unapproved: bool = False
    half: int | None = None
    agreement: Agreement | None = None
    unit: AdministrativeUnit | None = None
    by_id: dict[int, Agreement] = field(init=False)
    _short_names: dict[int, str] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {a.pk: a for a in self.agreements}

    @property
    def agreement_ids(self) -> list[int]:
        return list(self.by_id)

    @property
    def name(self) -> str:
        if self.agreement is not None:
            return self.agreement.title
        return self.name_of(self.unit).name if self.unit else ""

    @cached_property
    def units(self) -> dict[int, AdministrativeUnit]:
        """Every unit (about a hundred), read once per file: rows take theirs from here."""
        return {u.pk: u for u in AdministrativeUnit.objects.all()}

    @cached_property
    def sectors(self) -> dict[int, Sector]:
        return {s.pk: s for s in Sector.objects.all()}

    @cached_property
    def _names(self) -> dict[int, list[UnitName]]:
        return name_records(None)  # every unit's (a hundred rows), read once per workbook

    def name_of(self, unit: AdministrativeUnit) -> UnitName:
        """The unit's name and kind at the data cut-off: a 2024 file names units as in 2024."""
        return name_on(unit, self._names.get(unit.pk, []), self.standing_as_of)

    def short_name_of(self, unit: AdministrativeUnit) -> str:
        """``name_of(unit).short_name``, worked out once per unit and file."""
        found = self._short_names.get(unit.pk)
        if found is None:
            found = self._short_names[unit.pk] = self.name_of(unit).short_name
        return found

    @cached_property
    def stage_labels(self) -> dict[str, str]:
        """Each stage's label in the file's language (rows look them up, not gettext)."""
        return {value: capfirst(str(label)) for value, label in Stage.choices}

    @cached_property
    def status_labels(self) -> dict[str, str]:
        return {value: str(label) for value, label in ReportStatus.choices}

    @staticmethod
    def signed_as(party) -> UnitName:
        """A party's name on the signing day (read with the parties, no query)."""
        return annotated_name(party.unit, party, SIGNED) or party.unit.name_on(
            party.agreement.signed_on
        )

    @property
    def window(self) -> tuple[dt.date, dt.date]:
        """The data window: 15/12 of the year before to 14/12, or one half of it."""
        return data_window(self.year, self.half, self.periods)

    @property
    def as_of_seq(self) -> int:
        """The period whose end the workbook describes: the year's second half, or its half."""
        return period_seq(self.year, self.half or 2)

    @property
    def standing_as_of(self) -> dt.date:
        return data_window(self.year, self.half, self.periods)[1]

    @property
    def data_as_of(self) -> dt.date | None:
        """The last data cut-off already passed (None: no period of the scope is over)."""
        passed = [p.data_to for p in self.periods if p.data_to < self.today]
        return max(passed) if passed else None

    def shown(self, report: ProgressReport) -> bool:
        return self.include_unapproved or report.status == ReportStatus.APPROVED


def data_window(
    year: int, half: int | None, periods: list[ReportingPeriod]
) -> tuple[dt.date, dt.date]:
    """From the periods as opened, else from the reporting calendar's defaults."""
    if periods:
        return min(p.data_from for p in periods), max(p.data_to for p in periods)
    first, last = (half, half) if half else (1, 2)
    return default_window(year, first)["data_from"], default_window(year, last)["data_to"]


# Ended before its term's end: an agreement so marked before the window is out of scope.
ENDED_EARLY = (AgreementStatus.TERMINATED, AgreementStatus.SUPERSEDED)


def _agreements() -> QuerySet[Agreement]:
    parties = parties_as_signed()
    return Agreement.objects.prefetch_related(Prefetch("parties", queryset=parties)).order_by(
        *AGREEMENT_ORDER
    )


def _periods(year: int, half: int | None) -> list[ReportingPeriod]:
    periods = ReportingPeriod.objects.filter(year=year).order_by("half")
    if half:
        periods = periods.filter(half=half)
    return list(periods)


def scope_for_agreement(
    *,
    agreement: Agreement,
    year: int,
    include_unapproved: bool = False,
    today: dt.date | None = None,
) -> Scope:
    agreement = _agreements().get(pk=agreement.pk)
    return Scope(
        year=year,
        agreements=[agreement],
        periods=_periods(year, None),
        today=today or timezone.localdate(),
        include_unapproved=include_unapproved,
        agreement=agreement,
    )


def scope_for_unit(
    *,
    unit: AdministrativeUnit,
    year: int,
    half: int | None = None,
    include_unapproved: bool = False,
    today: dt.date | None = None,
) -> Scope:
    """The unit's agreements and those of the units that merged into it, live in the window."""
    periods = _periods(year, half)
    start, end = data_window(year, half, periods)
    signed_by = Agreement.objects.filter(parties__unit_id__in=access.unit_scope(unit.pk))
    live = (
        _agreements()
        .filter(pk__in=signed_by.values("pk"), term_start__lte=end, term_end__gte=start)
        .exclude(status_override__in=ENDED_EARLY, status_changed_on__lt=start)
    )
    return Scope(
        year=year,
        agreements=list(live),
        periods=periods,
        today=today or timezone.localdate(),
        include_unapproved=include_unapproved,
        half=half,
        unit=unit,
    )


# --- commitments ---------------------------------------------------------------------------


@dataclass
class IndicatorLine:
    """An indicator's target and the year's latest actual (per reporting unit)."""

    name: str
    unit_of_measure: str
    target: Decimal | None
    actual: Decimal | None
    reported_by: str = ""
    pending: bool = False

    @property
    def ratio(self) -> float | None:
        if self.actual is None or not self.target:
            return None
        return float(self.actual / self.target)


@dataclass
class CommitmentRow:
    standing: Standing
    agreement: Agreement
    reports: list[ProgressReport]  # every report of the scope's periods, oldest first
    supporting: list[str]
    scope: Scope
    owed: list[records.StandingRecord] = field(default_factory=list)  # party rows of its periods

    @property
    def commitment(self) -> Commitment:
        return self.standing.commitment

    @property
    def shown(self) -> list[ProgressReport]:
        return [r for r in self.reports if self.scope.shown(r)]

    @property
    def latest(self) -> list[ProgressReport]:
        """The shown reports of the latest period that has any (one per unit)."""
        shown = self.shown
        if not shown:
            return []
        last = max(r.period.half + 2 * r.period.year for r in shown)
        return [r for r in shown if r.period.half + 2 * r.period.year == last]

    def indicator_lines(self) -> list[IndicatorLine]:
        lines = []
        for indicator in self.commitment.indicator_list:
            by_unit: dict[int, tuple[ProgressReport, IndicatorValue]] = {}
            for report in self.shown:  # oldest first: later periods overwrite
                for value in report.value_list:
                    if value.indicator_id == indicator.pk:
                        by_unit[report.reporting_unit_id] = (report, value)
            target, uom = in_million_dong(indicator.target, indicator.unit_of_measure)
            if not by_unit:
                lines.append(IndicatorLine(indicator.name, uom, target, None))
                continue
            several = len(by_unit) > 1
            for report, value in by_unit.values():
                actual, _uom = in_million_dong(value.value, indicator.unit_of_measure)
                lines.append(
                    IndicatorLine(
                        indicator.name,
                        uom,
                        target,
                        actual,
                        reported_by=report.reporting_unit.short_name if several else "",
                        pending=report.status != ReportStatus.APPROVED,
                    )
                )
        return lines


def commitment_rows(scope: Scope) -> Iterator[CommitmentRow]:
    """Every commitment of the scope's agreements that existed by the end of its last
    period, in annex order, with its standing then and what each party owed.

    Read ``CHUNK`` commitments at a time: the commitments with their indicators,
    supporting agencies, reports (and their values), and three kinds of standing
    records, each one query per chunk. Periods and units come from small lookup
    tables instead of joins, so that each is one object, not one per row."""
    seq = scope.as_of_seq
    periods = {p.pk: p for p in scope.periods}
    units, sectors = scope.units, scope.sectors
    reports = (
        ProgressReport.objects.filter(period__in=scope.periods)
        .prefetch_related(
            Prefetch("values", queryset=IndicatorValue.objects.order_by("id"), to_attr="value_list")
        )
        .order_by("period__year", "period__half", "reporting_unit__short_name", "id")
    )
    ids = list(
        Commitment.objects.filter(
            agreement_id__in=scope.agreement_ids,
            pk__in=records.rows_as_of(seq).values("commitment_id"),
        )
        .order_by(*COMMITMENT_ORDER)
        .values_list("pk", flat=True)
    )
    owed_seqs = [period_seq(p.year, p.half) for p in scope.periods]
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        commitments = (
            Commitment.objects.filter(pk__in=chunk)
            .select_related("lead_agency", "carried_over_from__agreement")
            .prefetch_related(
                Prefetch(
                    "indicators",
                    queryset=Indicator.objects.order_by("order", "id"),
                    to_attr="indicator_list",
                ),
                Prefetch("supporting_agencies", to_attr="supporting_list"),
                Prefetch("reports", queryset=reports, to_attr="scope_reports"),
            )
            .in_bulk()
        )
        standings = records.standings_by_commitment(commitments, seq, units)
        owed = records.records_by_commitment(
            records.owed_in(owed_seqs).filter(commitment_id__in=chunk), units
        )
        for pk in chunk:
            c = commitments[pk]
            c.sector = sectors[c.sector_id]
            if c.committing_unit_id:
                c.committing_unit = units[c.committing_unit_id]
            for report in c.scope_reports:
                report.period = periods[report.period_id]
                report.reporting_unit = units[report.reporting_unit_id]
            supporting = [a.short_name or a.name for a in c.supporting_list]
            yield CommitmentRow(
                standings[pk],
                scope.by_id[c.agreement_id],
                c.scope_reports,
                supporting,
                scope,
                owed.get(pk, []),
            )


class Expectations:
    """Who owed a report in each period of the scope, as the standing records say."""

    def __init__(self, scope: Scope):
        self.scope = scope

    def of(self, row: CommitmentRow, period: ReportingPeriod) -> list[ExpectedReport]:
        reports = {r.pk: r for r in row.reports}
        return expected_in(
            period_seq(period.year, period.half),
            row.owed,
            commitment=row.commitment,
            reports=reports,
            today=self.scope.today,
        )


# --- reports ---------------------------------------------------------------------------------


def shown_reports(scope: Scope) -> QuerySet[ProgressReport]:
    """The reports a file may show: approved ones, or every one in a staff file."""
    reports = ProgressReport.objects.filter(
        commitment__agreement_id__in=scope.agreement_ids, period__in=scope.periods
    )
    return reports if scope.include_unapproved else reports.approved()


def report_rows(scope: Scope, *, having: str = "") -> Iterator[ProgressReport]:
    """Shown reports in annex order; ``having``: only those with that text field filled."""
    reports = shown_reports(scope)
    if having:
        reports = reports.exclude(Q(**{having: ""}))
    rows = reports.select_related("commitment").order_by(*REPORT_ORDER).iterator(chunk_size=CHUNK)
    return _with_lookups(rows, scope, lambda report: report)


def _with_lookups(rows, scope: Scope, report_of) -> Iterator:
    """Each row's report with its period, unit and sector from lookup tables (one object
    each, not one per row as a join would make)."""
    periods = {p.pk: p for p in scope.periods}
    units, sectors = scope.units, scope.sectors
    for row in rows:
        report = report_of(row)
        report.period = periods[report.period_id]
        report.reporting_unit = units[report.reporting_unit_id]
        report.commitment.sector = sectors[report.commitment.sector_id]
        yield row


def indicator_value_rows(scope: Scope) -> Iterator[IndicatorValue]:
    """The shown reports' indicator values. Filtered through the join, not with
    ``report__in=shown_reports(scope)``: PostgreSQL plans that subquery as a semi-join
    after reading every value in the country (0.9 s instead of 10 ms at national scale)."""
    values = IndicatorValue.objects.filter(
        report__commitment__agreement_id__in=scope.agreement_ids,
        report__period__in=scope.periods,
    )
    if not scope.include_unapproved:
        values = values.filter(report__status=ReportStatus.APPROVED)
    rows = (
        values.select_related("indicator", "report__commitment")
        .order_by(*VALUE_ORDER)
        .iterator(chunk_size=CHUNK)
    )
    return _with_lookups(rows, scope, lambda value: value.report)


# --- review meetings and agencies -----------------------------------------------------------


def meetings_of_year(scope: Scope) -> list[ReviewMeeting]:
    """The review meetings of the scope's agreements held in its year, oldest first."""
    return list(
        ReviewMeeting.objects.filter(agreement_id__in=scope.agreement_ids, held_on__year=scope.year)
        .select_related("host_unit", "agreement")
        .order_by("held_on", "id")
    )


def last_meetings(scope: Scope) -> dict[int, ReviewMeeting]:
    """Each agreement's latest review meeting (any year), by agreement id."""
    last: dict[int, ReviewMeeting] = {}
    for meeting in (
        ReviewMeeting.objects.filter(agreement_id__in=scope.agreement_ids)
        .select_related("host_unit")
        .order_by("held_on")
    ):
        last[meeting.agreement_id] = meeting
    return last


def agencies_of(units: frozenset[int]) -> list[Agency]:
    """The agencies of ``units`` (any day), with what naming one on a day needs."""
    return list(
        Agency.objects.filter(unit_id__in=units).only("name", "unit", "valid_from", "valid_until")
    )
