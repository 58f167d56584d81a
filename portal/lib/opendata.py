"""Open-data downloads: the same rows a page lists, as CSV (UTF-8 with BOM) or JSON.

Each list declares its columns once, as a ``Table``: each column's name and how to read
it from one of the list's rows. Its CSV and its JSON are both written from that
declaration, so they hold the same columns in the same order with the same values, and
the open-data page lists the same names.

Values are made plain once for both files: a date as ISO 8601, a ``Decimal`` as a float
(a JSON number, and 100.0 in the CSV too). The CSV then goes through the portal's one
CSV writer (``portal/lib/csv_files.py``), which neutralises formula-looking text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from itertools import chain
from typing import Any

from django.http import HttpResponse, JsonResponse

from portal.lib.csv_files import csv_bytes

FORMATS = ("csv", "json")

Reader = Callable[[Any], object]


class Table:
    """One open-data list: its columns in order, each a name and how to read it from a
    row (``Table(slug=lambda row: row.slug, …)``). Keyword arguments, so that a name
    given twice fails at once instead of making a CSV column the JSON does not have."""

    def __init__(self, **columns: Reader):
        self.columns = columns

    @property
    def names(self) -> list[str]:
        return list(self.columns)

    def record(self, row: Any) -> dict[str, object]:
        """One row as both files hold it, column by column."""
        return {name: plain(read(row)) for name, read in self.columns.items()}


def plain(value: object) -> object:
    """A value as JSON holds it: dates in ISO 8601, decimals as floats."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def csv_response(filename: str, table: Table, rows: Iterable[Any]) -> HttpResponse:
    records = ([*table.record(row).values()] for row in rows)
    response = HttpResponse(
        csv_bytes(chain([table.names], records)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def json_response(table: Table, rows: Iterable[Any]) -> JsonResponse:
    data = [table.record(row) for row in rows]
    return JsonResponse(
        {"count": len(data), "results": data}, json_dumps_params={"ensure_ascii": False}
    )


def download(fmt: str, filename: str, table: Table, rows: Iterable[Any]) -> HttpResponse:
    """The list's rows in ``fmt`` (one of ``FORMATS``)."""
    if fmt == "csv":
        return csv_response(filename, table, rows)
    return json_response(table, rows)
