"""How the workbooks look: named styles, number formats and a streaming sheet writer.

Every sheet streams its rows to disk as they are written (``xlsx.Book``, the one
module that knows the writing library), so memory stays flat however many rows there
are. Rows go in order; the layout (column widths, frozen panes, print set-up) may be
set at any time, and ``finish`` adds what comes after the rows (autofilter, print titles).

Looks follow Vietnamese administrative documents: Times New Roman, bold centred
titles, a bordered table whose header repeats on every printed page, landscape A4
fitted to the page width. Numbers and dates are real values with formats; Excel
and LibreOffice show them with the reader's separators (1.234,5 in Vietnamese).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.functional import Promise

from . import progress
from .xlsx import Book, PageSetup, Style

FONT = "Times New Roman"
INTEGER = "#,##0"
NUMBER = "#,##0.0"
PRECISE = "#,##0.0#"
RATIO = "0.0%"
DATE = "dd/mm/yyyy"

# Text that a spreadsheet could read as a formula (OWASP's list for CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

TEXT, WRAP, CENTER, NUM, DAY = "text", "wrap", "center", "number", "date"
PENDING_FILL = "FFF2CC"  # staff files: rows of reports not yet approved
HEADER_FILL = "DDE6F0"
GROUP_FILL = "EEF3F8"
SUBGROUP_FILL = "F7F7F7"


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START)


def neutralise(text: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe (CSV)."""
    return "'" + text if looks_like_formula(text) else text


def roman(number: int) -> str:
    """1 -> I, 4 -> IV, 14 -> XIV: the numbering of sector headings."""
    numerals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = []
    for value, letters in numerals:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def letter(number: int) -> str:
    """1 -> A, 27 -> AA: the numbering of agreement headings."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def number_format(value: Decimal | float | int) -> str:
    """Whole numbers without decimals, others with one or two."""
    if isinstance(value, Decimal):
        return INTEGER if value == value.to_integral_value() else PRECISE
    if isinstance(value, float):
        return INTEGER if value.is_integer() else PRECISE
    return INTEGER


def sheet_title(text: str) -> str:
    """A legal sheet name: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in text).strip()
    return cleaned[:31].rstrip() or "Sheet"


# --- named styles -----------------------------------------------------------------------


def _styles() -> dict[str, Style]:
    plain = {"border": False}
    styles = {
        "vn-title": Style(bold=True, size=14, horizontal="center", **plain),
        "vn-subtitle": Style(bold=True, horizontal="center", wrap=True, **plain),
        "vn-caption": Style(italic=True, horizontal="center", wrap=True, **plain),
        "vn-caption-right": Style(italic=True, horizontal="right", **plain),
        "vn-warning": Style(bold=True, horizontal="center", fill=PENDING_FILL, **plain),
        "vn-label": Style(bold=True, **plain),
        "vn-plain": Style(**plain),
        "vn-plain-date": Style(horizontal="left", **plain),
        "vn-section": Style(bold=True, size=13, **plain),
        "vn-header": Style(
            bold=True, fill=HEADER_FILL, horizontal="center", vertical="center", wrap=True
        ),
        "vn-group": Style(bold=True, fill=GROUP_FILL),
        # A header cell over two rows: its halves drawn as one box (a merge across rows
        # cannot be streamed once the next row has begun).
        "vn-header-upper": Style(
            bold=True,
            fill=HEADER_FILL,
            horizontal="center",
            vertical="bottom",
            wrap=True,
            open_side="bottom",
        ),
        "vn-header-lower": Style(bold=True, fill=HEADER_FILL, open_side="top"),
        "vn-subgroup": Style(bold=True, italic=True, fill=SUBGROUP_FILL),
    }
    for suffix, fill in (("", None), ("-pending", PENDING_FILL)):
        styles |= {
            f"vn-text{suffix}": Style(fill=fill),
            f"vn-wrap{suffix}": Style(fill=fill, wrap=True),
            f"vn-center{suffix}": Style(fill=fill, horizontal="center"),
            f"vn-number{suffix}": Style(fill=fill, horizontal="right"),
            f"vn-date{suffix}": Style(fill=fill, horizontal="center"),
        }
    return styles


STYLES = _styles()


def new_workbook() -> Book:
    """A workbook with the named styles registered."""
    return Book(STYLES)


_KIND_STYLE = {
    TEXT: "vn-text",
    WRAP: "vn-wrap",
    CENTER: "vn-center",
    NUM: "vn-number",
    DAY: "vn-date",
}
# Control characters that XML 1.0 cannot hold (pasted text brings them).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_TEXT = 32767  # characters a cell holds


# --- sheets -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    label: str
    width: float
    kind: str = TEXT
    group: str = ""  # a label over several neighbouring columns (two header rows)
    fmt: str = ""  # number format; empty: chosen from the value


@dataclass(frozen=True)
class Line:
    """One line of a title block, merged across the table's width."""

    text: str
    style: str = "vn-subtitle"


@dataclass(frozen=True)
class _ColumnPlan:
    """A column's style and its ready formats, worked out once per sheet."""

    style: str
    fmt: str
    plain: object  # the format of text and blanks
    fixed: object | None  # the format of numbers when the column names one


class SheetWriter:
    """One streamed sheet: title block, header, rows, then print set-up.

    ``rows`` counts the rows written so far, so row ``rows`` (1-based) is the last one.
    """

    def __init__(self, workbook: Book, title: str, columns: Sequence[Column]):
        self.book = workbook
        self.sheet = workbook.add_sheet(sheet_title(title))
        self.columns = list(columns)
        self.rows = 0
        self.header_rows: tuple[int, int] | None = None
        self.sheet.column_widths([column.width for column in self.columns])
        self.sheet.page_setup(PageSetup())
        self._plans = {
            pending: [self._plan(column, pending) for column in self.columns]
            for pending in (False, True)
        }

    @property
    def title(self) -> str:
        return self.sheet.title

    @property
    def last_column(self) -> str:
        return letter(len(self.columns))

    # --- writing ---------------------------------------------------------------------
    def start(self, lines: Iterable[Line], *, header: bool = True, freeze_columns: int = 0):
        """Title block, a blank row, then the header; freezes the panes below it."""
        lines = list(lines)
        has_groups = header and any(c.group for c in self.columns)
        if header:
            first = len(lines) + 2
            last = first + (1 if has_groups else 0)
            self.header_rows = (first, last)
            self.sheet.freeze(last, freeze_columns)
        for line in lines:
            self._merged_line(line)
        if header:
            self.blank()
            self._header(has_groups)

    def _merged_line(self, line: Line) -> None:
        row = self.rows
        self.rows += 1
        value, fmt = self.cell(line.text, line.style)
        if len(self.columns) > 1:
            self.sheet.merge(row, 0, len(self.columns) - 1, value, line.style)
        else:
            self.sheet.write_row(row, [(value, fmt)])

    def _header(self, has_groups: bool) -> None:
        """One header row; with column groups two: a group's label over its columns
        (merged) with theirs below, and each other column's label in one box over both."""
        if not has_groups:
            self.append_styled([(c.label, "vn-header") for c in self.columns])
            return
        top = self.rows
        self.append_styled(
            [
                (c.group, "vn-header") if c.group else (c.label, "vn-header-upper")
                for c in self.columns
            ]
        )
        index = 0
        while index < len(self.columns):
            group = self.columns[index].group
            span = 1
            while group and index + span < len(self.columns):
                if self.columns[index + span].group != group:
                    break
                span += 1
            if span > 1:
                self.sheet.merge(top, index, index + span - 1, group, "vn-header")
            index += span
        self.append_styled(
            [(c.label, "vn-header") if c.group else (None, "vn-header-lower") for c in self.columns]
        )

    def cell(self, value, style: str, fmt: str = "") -> tuple[object, object]:
        """A value ready for the writer and its format: text never becomes a formula,
        numbers and dates stay native."""
        if value is None or value == "":
            return None, self.book.format(style)  # a blank (styled) cell
        if isinstance(value, str | Promise):
            text = _ILLEGAL.sub("", str(value))[:MAX_TEXT]
            quote = text.startswith(FORMULA_START)  # what Excel stores for a typed "'"
            return text, self.book.format(style, "", quote)
        if isinstance(value, dt.datetime):
            value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
        if isinstance(value, dt.date):
            return value, self.book.format(style, DATE)
        if isinstance(value, bool):
            return str(value), self.book.format(style)
        if isinstance(value, Decimal | int | float):
            return value, self.book.format(style, fmt or number_format(value))
        return str(value), self.book.format(style)

    def _plan(self, column: Column, pending: bool) -> _ColumnPlan:
        style = _KIND_STYLE[column.kind] + ("-pending" if pending else "")
        plain = self.book.format(style)
        fixed = self.book.format(style, column.fmt) if column.fmt else None
        return _ColumnPlan(style, column.fmt, plain, fixed)

    def append(self, values: Sequence, *, pending: bool = False, pad: bool = True) -> None:
        """A table row: each value styled by its column's kind; ``pad`` borders the
        remaining columns too. Plain text and numbers, nearly every cell, take a short
        path; anything else goes through ``cell``."""
        plans = self._plans[pending]
        given = len(values)
        count = len(plans) if pad else min(given, len(plans))
        cells = []
        add = cells.append
        for i in range(count):
            value = values[i] if i < given else None
            plan = plans[i]
            kind = type(value)
            if value is None or (kind is str and not value):
                add((None, plan.plain))
            elif kind is str and value.isprintable() and not value.startswith(FORMULA_START):
                add((value[:MAX_TEXT], plan.plain))  # no control character, no formula
            elif (kind is int or kind is float or kind is Decimal) and plan.fixed is not None:
                add((value, plan.fixed))
            else:
                add(self.cell(value, plan.style, plan.fmt))
        self.sheet.write_row(self.rows, cells)
        self.rows += 1
        progress.tick()

    def append_styled(self, pairs: Sequence[tuple[object, str]]) -> None:
        """A row of (value, style) pairs, e.g. headers or label: value lines."""
        self.sheet.write_row(self.rows, [self.cell(v, s) for v, s in pairs])
        self.rows += 1

    def heading(self, number: str, text: str, *, level: int = 1) -> None:
        """A group row inside the table: "I | Lĩnh vực giao thông"."""
        style = "vn-group" if level == 1 else "vn-subgroup"
        values = [(number, style), (text, style)] + [("", style)] * (len(self.columns) - 2)
        self.append_styled(values)

    def section(self, text: str) -> None:
        """A heading line outside any table (bold, no border)."""
        self.append_styled([(text, "vn-section")])

    def blank(self) -> None:
        self.rows += 1

    def finish(self, *, autofilter: bool = True) -> None:
        """Autofilter over the table, header rows repeated on every printed page."""
        if self.header_rows is None:
            return
        first, last = self.header_rows
        self.sheet.repeat_rows(first - 1, last - 1)
        if autofilter:
            end = max(self.rows, last)
            self.sheet.autofilter(last - 1, end - 1, len(self.columns) - 1)
