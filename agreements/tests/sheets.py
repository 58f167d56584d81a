"""Building spreadsheets in tests, and running an import the way the admin does."""

from __future__ import annotations

import csv
import io

import openpyxl
from django.contrib.auth.models import User

from portal.lib.importing import CsvFormat, XlsxFormat, describe_errors

FORMATS = {"xlsx": XlsxFormat, "csv": CsvFormat}


def xlsx_bytes(headers: list, rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text that looks like a formula, as a clerk typed it
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(headers: list, rows: list[list], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue().encode("utf-8-sig")


def sheet(kind: str, headers: list, rows: list[list]) -> bytes:
    return xlsx_bytes(headers, rows) if kind == "xlsx" else csv_bytes(headers, rows)


def run_import(resource_class, content: bytes, kind: str, user: User, *, dry_run: bool = False):
    dataset = FORMATS[kind]().create_dataset(content)
    return resource_class().import_data(dataset, dry_run=dry_run, user=user, file_name=f"t.{kind}")


def export_bytes(resource_class, kind: str, queryset=None) -> bytes:
    fmt = FORMATS[kind]()
    data = resource_class().export(queryset=queryset, force_native_type=fmt.is_binary())
    exported = fmt.export_data(data)
    return exported if isinstance(exported, bytes) else exported.encode("utf-8-sig")


def errors_of(result) -> list[str]:
    return describe_errors(result)


def counts(result) -> dict[str, int]:
    return {k: v for k, v in result.totals.items() if v}


def queries_of_import(resource_class, content: bytes, user: User, *, dry_run: bool) -> int:
    """How many queries a clean CSV import costs, for a freshly loaded user."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = type(user).objects.get(pk=user.pk)  # a fresh user: nothing remembered on it
    with CaptureQueriesContext(connection) as queries:
        result = run_import(resource_class, content, "csv", user, dry_run=dry_run)
    assert errors_of(result) == []
    return len(queries)
