"""The report rows as CSV, for other tools.

Written by the portal's one CSV writer (``portal/lib/csv_files.py``): UTF-8 with a
byte-order mark, so that Excel shows Vietnamese letters; comma separated; numbers with
a dot and no grouping (45.5), dates as ISO 8601 (2024-06-16): values any program reads
the same way, whatever its locale. Text that starts like a formula gets a leading
apostrophe; numbers and dates are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import IO

from portal.lib.csv_files import write_csv

from . import progress
from .rows import Scope, report_rows
from .sheets import report_columns, report_values


def write_reports_csv(*, scope: Scope, out: IO[bytes]) -> int:
    """Write the shown reports of ``scope`` to the binary file ``out``; returns the count."""
    count = 0

    def rows() -> Iterator[Sequence[object]]:
        nonlocal count
        yield [column.label for column in report_columns(scope)]
        for count, report in enumerate(report_rows(scope), start=1):
            yield report_values(scope, count, report)
            progress.tick()

    write_csv(out, rows())
    return count
