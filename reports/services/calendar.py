"""The Decree 09/2019 six-monthly periods as they elapse, opened in the admin or not.

A period is a number (``period_seq``) so that "the period of a day", "the periods from
a commitment's start to its agreement's end" and "how many periods ago" are arithmetic.
Dates and deadlines come from the period as opened when it is, else from the reporting
calendar's defaults (``default_window``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from reports.models import ReportingPeriod, default_window
from reports.models.standing import period_seq, seq_period


@dataclass(frozen=True)
class PeriodWindow:
    seq: int
    year: int
    half: int
    data_from: dt.date
    data_to: dt.date
    department_due: dt.date
    period: ReportingPeriod | None = None  # as opened, if it is

    @property
    def short_label(self) -> str:
        return f"{self.year}-H{self.half}"

    def __str__(self) -> str:
        half = ReportingPeriod.Half(self.half).label
        return f"{half} {self.year}"


def seq_of_day(day: dt.date) -> int:
    """The period whose data window holds ``day`` (Art. 12: 15/12–14/06, 15/06–14/12)."""
    cutoff = settings.REPORTING_CALENDAR["cutoff_day"]
    if (day.month, day.day) > (12, cutoff):
        return period_seq(day.year + 1, 1)
    if (day.month, day.day) > (6, cutoff):
        return period_seq(day.year, 2)
    return period_seq(day.year, 1)


def last_cutoff_seq(day: dt.date) -> int:
    """The latest period whose data cut-off falls on or before ``day``."""
    seq = seq_of_day(day)
    return seq if day >= window(seq).data_to else seq - 1


def current_seq(today: dt.date | None = None) -> int:
    return seq_of_day(today or timezone.localdate())


def window(seq: int, opened: dict[int, ReportingPeriod] | None = None) -> PeriodWindow:
    year, half = seq_period(seq)
    period = (opened or {}).get(seq)
    if period is not None:
        return PeriodWindow(
            seq, year, half, period.data_from, period.data_to, period.department_due, period
        )
    dates = default_window(year, half)
    return PeriodWindow(
        seq, year, half, dates["data_from"], dates["data_to"], dates["department_due"]
    )


def opened_periods() -> dict[int, ReportingPeriod]:
    return {period_seq(p.year, p.half): p for p in ReportingPeriod.objects.all()}


def windows(first: int, last: int, opened: dict[int, ReportingPeriod]) -> list[PeriodWindow]:
    return [window(seq, opened) for seq in range(first, last + 1)]


class Periods:
    """The calendar as one page sees it: the opened periods are read once, lazily."""

    def __init__(self, today: dt.date | None = None):
        self.today = today or timezone.localdate()
        self._opened: dict[int, ReportingPeriod] | None = None

    @property
    def opened(self) -> dict[int, ReportingPeriod]:
        if self._opened is None:
            self._opened = opened_periods()
        return self._opened

    @property
    def current(self) -> int:
        """The period under way today."""
        return seq_of_day(self.today)

    def window(self, seq: int) -> PeriodWindow:
        return window(seq, self.opened)

    def first(self) -> int:
        """The first period the portal opened (ten years back when none is)."""
        return min(self.opened, default=self.current - 20)

    def past(self) -> list[PeriodWindow]:
        """Periods already over, newest first, back to the first opened one."""
        return [self.window(seq) for seq in range(self.current - 1, self.first() - 1, -1)]

    def last_due(self, upto: int | None = None) -> int | None:
        """The latest period (up to ``upto``) whose department deadline has passed."""
        upto = self.current if upto is None else upto
        for seq in range(upto, upto - 3, -1):
            if self.window(seq).department_due < self.today:
                return seq
        return None

    def parse(self, label: str) -> int | None:
        """``2022-H2`` → its number, if it is a real period not after the current one."""
        year, sep, half = (label or "").partition("-H")
        if not (sep and year.isdigit() and half in ("1", "2") and len(year) == 4):
            return None
        seq = period_seq(int(year), int(half))
        return seq if 2000 * 2 <= seq <= self.current else None


# --- each unit's own calendar --------------------------------------------------------------


def _predecessors_map() -> dict[int, set[int]]:
    """Each unit → every unit that merged into it, however many steps back (one query)."""
    from regions.models import UnitSuccession

    direct: dict[int, set[int]] = {}
    for before, after in UnitSuccession.objects.values_list("predecessor_id", "successor_id"):
        direct.setdefault(after, set()).add(before)
    closed: dict[int, set[int]] = {}
    for unit_id in direct:
        seen, frontier = set(), {unit_id}
        while frontier:
            frontier = {p for u in frontier for p in direct.get(u, ())} - seen
            seen |= frontier
        closed[unit_id] = seen
    return closed


def unit_dues() -> dict[tuple[int, int], dt.date]:
    """(period seq, unit id) → the department deadline its unit's calendar sets.

    A calendar row belongs to a current unit and also governs the units merged into it.
    Two queries, whatever the number of rows.
    """
    from reports.models import UnitCalendar

    predecessors = _predecessors_map()
    found: dict[tuple[int, int], dt.date] = {}
    rows = UnitCalendar.objects.filter(department_due__isnull=False).values_list(
        "period__year", "period__half", "unit_id", "department_due"
    )
    for year, half, unit_id, due in rows:
        seq = period_seq(year, half)
        for governed in {unit_id} | predecessors.get(unit_id, set()):
            key = (seq, governed)
            found[key] = min(due, found.get(key, due))
    return found


def governing_unit_ids(unit_id: int) -> set[int]:
    """The unit whose calendar applies to ``unit_id``: itself and the units it merged into."""
    from regions.models import UnitSuccession

    found, frontier = {unit_id}, {unit_id}
    for _ in range(5):
        frontier = (
            set(
                UnitSuccession.objects.filter(predecessor_id__in=frontier).values_list(
                    "successor_id", flat=True
                )
            )
            - found
        )
        if not frontier:
            break
        found |= frontier
    return found


@dataclass(frozen=True)
class UnitWindow:
    """A period as one unit lives it: its deadlines and whether it is closed, and why."""

    period: ReportingPeriod
    department_due: dt.date
    consolidated_due: dt.date
    closed: bool
    close_note: str
    closed_at: dt.datetime | None
    closed_for_all: bool
    own: bool  # the unit's calendar changed something


def _unit_window(period: ReportingPeriod, row) -> UnitWindow:
    if period.is_closed:
        closed, note, at = True, period.close_note, period.closed_at
    elif row is not None and row.is_closed:
        closed, note, at = True, row.close_note, row.closed_at
    else:
        closed, note, at = False, "", None
    return UnitWindow(
        period=period,
        department_due=(row and row.department_due) or period.department_due,
        consolidated_due=(row and row.consolidated_due) or period.consolidated_due,
        closed=closed,
        close_note=note,
        closed_at=at,
        closed_for_all=period.is_closed,
        own=row is not None,
    )


def is_closed_for(period: ReportingPeriod, unit_id: int | None) -> bool:
    """Closed for everyone, or by the calendar of the unit that answers for ``unit_id``.

    The units a period is closed for are read once per period object (one query, two
    when some unit closed it): an import or a list asks for many reports of one period.
    """
    if period.is_closed:
        return True
    if unit_id is None:
        return False
    locked = period.__dict__.get("_locked_units")
    if locked is None:
        locked = period.__dict__["_locked_units"] = _locked_units(period)
    return unit_id in locked


def _locked_units(period: ReportingPeriod) -> frozenset[int]:
    from reports.models import UnitCalendar

    closing = set(
        UnitCalendar.objects.filter(period=period, closed_at__isnull=False).values_list(
            "unit_id", flat=True
        )
    )
    if not closing:
        return frozenset()
    predecessors = _predecessors_map()
    return frozenset(closing.union(*(predecessors.get(u, set()) for u in closing)))


def unit_calendar(
    unit_id: int, periods: list[ReportingPeriod], governing: set[int] | None = None
) -> list[UnitWindow]:
    """``periods`` as the unit lives them, for its page: one query for the rows."""
    from reports.models import UnitCalendar

    rows = {
        r.period_id: r
        for r in UnitCalendar.objects.filter(
            period__in=[p.pk for p in periods], unit_id__in=governing or governing_unit_ids(unit_id)
        )
    }
    return [_unit_window(p, rows.get(p.pk)) for p in periods]


def recent_unit_calendar(unit, today: dt.date | None = None, count: int = 4) -> list[UnitWindow]:
    """The unit's deadlines and locks for the period under way and the ones before it.

    A unit that no longer exists has none: its periods are its successor's to keep.
    """
    if not unit.is_current:
        return []
    current = seq_of_day(today or timezone.localdate())
    wanted = [seq_period(seq) for seq in range(current, current - count, -1)]
    found = {
        (p.year, p.half): p
        for p in ReportingPeriod.objects.filter(year__in={y for y, _h in wanted})
    }
    periods = [found[key] for key in wanted if key in found]
    return unit_calendar(unit.pk, periods, governing={unit.pk})  # a current unit has no successor
