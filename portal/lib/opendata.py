"""Open-data downloads: the same rows a page lists, as CSV (UTF-8 with BOM) or JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse, JsonResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "json")


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _plain(value: object) -> object:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def csv_response(filename: str, columns: Sequence[str], rows: Iterable[dict]) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # BOM: Excel then reads UTF-8 Vietnamese correctly
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(_plain(row.get(c))) for c in columns])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def json_response(columns: Sequence[str], rows: Iterable[dict], **meta) -> JsonResponse:
    data = [{c: _plain(row.get(c)) for c in columns} for row in rows]
    return JsonResponse(
        {**meta, "count": len(data), "results": data}, json_dumps_params={"ensure_ascii": False}
    )


def download(
    fmt: str, filename: str, columns: Sequence[str], rows: Iterable[dict], **meta
) -> HttpResponse:
    if fmt == "csv":
        return csv_response(filename, columns, rows)
    return json_response(columns, rows, **meta)
