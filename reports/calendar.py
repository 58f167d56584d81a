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
