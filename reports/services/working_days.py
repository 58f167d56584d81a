"""Working days in Vietnam: Monday to Friday, less the public holidays.

Public holidays (Tết by the lunar calendar, Hùng Kings' day, 30/4, 1/5, 2/9 and the
days the Labour Code adds) come from the ``holidays`` package, which follows each
year's official schedule. Art. 8(5) of Decree 09/2019/NĐ-CP asks for at least one
working day between a period's data cut-off and its deadline: a default deadline
that falls on a weekend or a holiday moves to the next working day.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("VN", years=year))


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _holidays_of(day.year)


def next_working_day(day: dt.date) -> dt.date:
    """``day`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day
