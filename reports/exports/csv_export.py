"""The report rows as CSV, for other tools.

UTF-8 with a byte-order mark, so that Excel shows Vietnamese letters; comma
separated; numbers with a dot and no grouping (45.5), dates as ISO 8601
(2024-06-16): values any program reads the same way, whatever its locale. Text that
starts like a formula gets a leading apostrophe; numbers and dates are left alone.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import IO

from django.utils import timezone
from django.utils.functional import Promise

from . import progress
from .rows import Scope, report_rows
from .sheets import report_columns, report_values
from .styles import neutralise


def csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def write_reports_csv(*, scope: Scope, out: IO[bytes]) -> int:
    """Write the shown reports of ``scope`` to the binary file ``out``; returns the count."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow([csv_value(column.label) for column in report_columns(scope)])
    count = 0
    for count, report in enumerate(report_rows(scope), start=1):
        writer.writerow([csv_value(v) for v in report_values(scope, count, report)])
        progress.tick()
    text.flush()
    text.detach()
    return count
