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

from portal.lib.formulas import FORMULA_STARTS, looks_like_formula

from . import progress
from .fit import (
    DEFAULT_ROW,
    capacity,
    first_page_columns,
    lines_in,
    merged_width,
    page_breaks,
    pages_across,
    print_scale,
    row_height,
    row_points,
)
from .numbering import letter
from .xlsx import Book, PageSetup, Style

FONT = "Times New Roman"
INTEGER = "#,##0"
NUMBER = "#,##0.0"
PRECISE = "#,##0.0#"
RATIO = "0.0%"
DATE = "dd/mm/yyyy"

TEXT, WRAP, CENTER, NUM, DAY = "text", "wrap", "center", "number", "date"
PENDING_FILL = "FFF2CC"  # staff files: rows of reports not yet approved
HEADER_FILL = "DDE6F0"
GROUP_FILL = "EEF3F8"
SUBGROUP_FILL = "F7F7F7"


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
        "vn-warning": Style(bold=True, horizontal="center", fill=PENDING_FILL, wrap=True, **plain),
        "vn-label": Style(bold=True, **plain),
        "vn-plain": Style(**plain),
        "vn-plain-left": Style(horizontal="left", **plain),
        "vn-note": Style(horizontal="left", wrap=True, **plain),
        "vn-plain-date": Style(horizontal="left", **plain),
        "vn-section": Style(bold=True, size=13, **plain),
        "vn-header": Style(
            bold=True, fill=HEADER_FILL, horizontal="center", vertical="center", wrap=True
        ),
        "vn-group": Style(bold=True, fill=GROUP_FILL),
        "vn-group-wrap": Style(bold=True, fill=GROUP_FILL, wrap=True),
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
        self.widths = [column.width for column in self.columns]
        self.sheet.column_widths(self.widths)
        self.pages_across = 1
        self.repeated_columns = 0
        self.title_columns = len(self.columns)  # what a title line is merged across
        self._tall: dict[int, float] = {}  # row -> its height, when not the default
        self._keep: dict[int, int] = {}  # a heading's row -> the last row kept with it
        self._keep_from: int | None = None  # the open heading block's first row
        self._table_end: int | None = None  # the row after the table, when notes follow
        # the wrapped columns: their text decides how tall a table row must be
        self._wrapped = [
            (i, *capacity(c.width)) for i, c in enumerate(self.columns) if c.kind == WRAP
        ]
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
        self._print_layout(freeze_columns if header else 0)
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

    def _print_layout(self, repeated: int) -> None:
        """A4 landscape, one page wide (the portal's tables are sized for it); only a
        table too wide to read at half size prints on several pages across, its first
        columns repeated on each, its title over the first page's columns."""
        self.pages_across = pages_across(self.widths, repeated=repeated)
        self.repeated_columns = repeated if self.pages_across > 1 else 0
        self.title_columns = first_page_columns(self.widths, self.pages_across, repeated=repeated)
        self.sheet.page_setup(PageSetup(fit_width=self.pages_across))

    def _merged_line(self, line: Line) -> None:
        """Over the first page's columns, past those repeated on every page (a title
        there would show its middle at the left of the following pages)."""
        first = self.repeated_columns if self.repeated_columns < self.title_columns else 0
        self.merged(line.text, line.style, first=first, last=self.title_columns - 1)

    def merged(
        self,
        value,
        style: str,
        *,
        label: tuple[object, str] | None = None,
        first: int = 0,
        last: int | None = None,
    ) -> None:
        """A row whose ``value`` spans the table's width (columns ``first`` to ``last``),
        wrapped when its style wraps; with a ``label`` (a value and its style) in the
        first column, the value spans the others."""
        row = self.rows
        self.rows += 1
        first = 1 if label is not None else first
        last = len(self.columns) - 1 if last is None else last
        cells = [(value, style, merged_width(self.widths[first : last + 1]))]
        if label is not None:
            cells.append((*label, self.widths[0]))
        self._fit(row, cells)
        head = [self.cell(*label)] if label is not None else []
        if last > first:
            if head:
                self.sheet.write_row(row, head)
            self.sheet.merge(row, first, last, self.cell(value, style)[0], style)
        elif head or first == 0:
            self.sheet.write_row(row, [*head, self.cell(value, style)])
        else:
            self.sheet.write_row(
                row, [(None, self.book.format(style))] * first + [self.cell(value, style)]
            )

    def _fit(self, row: int, cells) -> None:
        """Set the row's height from its (value, style name, column width) cells."""
        needed = row_points((value, STYLES[name], width) for value, name, width in cells)
        if needed > DEFAULT_ROW:
            self._height(row, needed)

    def _height(self, row: int, points: float) -> None:
        self._tall[row] = points
        self.sheet.row_height(row, points)

    def _header(self, has_groups: bool) -> None:
        """One header row; with column groups two: a group's label over its columns
        (merged) with theirs below, and each other column's label in one box over both."""
        if not has_groups:
            self.append_styled([(c.label, "vn-header") for c in self.columns])
            return
        top = self.rows
        spans = []  # (first column, last column) of each group
        index = 0
        while index < len(self.columns):
            group = self.columns[index].group
            span = 1
            while group and index + span < len(self.columns):
                if self.columns[index + span].group != group:
                    break
                span += 1
            spans.append((index, index + span - 1))
            index += span
        upper = []
        for first, last in spans:
            column = self.columns[first]
            if column.group:
                upper.append(
                    (column.group, "vn-header", merged_width(self.widths[first : last + 1]))
                )
            else:
                upper.append((column.label, "vn-header-upper", column.width))
        self._fit(top, upper)
        self.append_styled(
            [
                (c.group, "vn-header") if c.group else (c.label, "vn-header-upper")
                for c in self.columns
            ],
            fit=False,
        )
        for first, last in spans:
            if last > first:
                self.sheet.merge(top, first, last, self.columns[first].group, "vn-header")
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
            quote = looks_like_formula(text)  # what Excel stores for a typed "'"
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
            elif kind is str and value.isprintable() and not value.startswith(FORMULA_STARTS):
                add((value[:MAX_TEXT], plan.plain))  # no control character, no formula
            elif (kind is int or kind is float or kind is Decimal) and plan.fixed is not None:
                add((value, plan.fixed))
            else:
                add(self.cell(value, plan.style, plan.fmt))
        lines = 1
        for i, room, sure in self._wrapped:  # the row's height: its longest wrapped text
            if i < given:
                value = values[i]
                if type(value) is str and value:
                    found = lines_in(value, room, sure)
                    if found > lines:
                        lines = found
        if lines > 1:
            self._height(self.rows, row_height(lines))
        self.sheet.write_row(self.rows, cells)
        self._close_keep()
        self.rows += 1
        progress.tick()

    def append_styled(
        self, pairs: Sequence[tuple[object, str]], *, fit: bool = True, keep: bool = False
    ) -> None:
        """A row of (value, style) pairs, e.g. headers or label: value lines; ``keep``:
        a heading, the next row is kept on its page."""
        if fit:
            widths = self.widths
            self._fit(
                self.rows,
                [(v, s, widths[i] if i < len(widths) else 8.43) for i, (v, s) in enumerate(pairs)],
            )
        self.sheet.write_row(self.rows, [self.cell(v, s) for v, s in pairs])
        if not keep:
            self._close_keep()
        self.rows += 1

    def _close_keep(self) -> None:
        """A row that is not a heading ends the open heading block (kept on one page)."""
        if self._keep_from is not None:
            self._keep[self._keep_from] = self.rows
            self._keep_from = None

    def _open_keep(self) -> None:
        if self._keep_from is None:
            self._keep_from = self.rows - 1

    def heading(self, number: str, text: str, *, level: int = 1, wrap: bool = False) -> None:
        """A group row inside the table: "I | Lĩnh vực giao thông", printed on the page
        of the row after it (with any headings between). ``wrap``: a text that may be
        longer than the table is wide, merged across it and wrapped (a sheet without a
        filter: Excel cannot sort a range with merged rows)."""
        style = "vn-group" if level == 1 else "vn-subgroup"
        if wrap:
            self.merged(text, "vn-group-wrap", label=(number, style))
        else:
            values = [(number, style), (text, style)] + [("", style)] * (len(self.columns) - 2)
            self.append_styled(values, keep=True)
        self._open_keep()

    def section(self, text: str) -> None:
        """A heading line outside any table (bold, no border), kept with the next row."""
        self.append_styled([(text, "vn-section")], keep=True)
        self._open_keep()

    def blank(self) -> None:
        self.rows += 1

    def notes(self, lines: Sequence[str]) -> None:
        """Notes under the table (outside its filter), each across the table's width."""
        if not lines:
            return
        self._table_end = self.rows
        self.blank()
        first = self.rows
        for line in lines:
            self.merged(line, "vn-note", last=self.title_columns - 1)
        self._keep[first] = self.rows - 1  # printed together

    def _paginate(self) -> None:
        """Where each printed page ends, set as manual breaks (``fit.page_breaks``): a
        sheet fitted to one page's width only."""
        if self.pages_across != 1:
            return
        tall = self._tall
        heights = [tall.get(row, DEFAULT_ROW) for row in range(self.rows)]
        header = None
        if self.header_rows is not None:
            header = (self.header_rows[0] - 1, self.header_rows[1] - 1)
        breaks = page_breaks(
            heights, scale=print_scale(self.widths), header=header, keep=self._keep
        )
        if breaks:
            self.sheet.page_breaks(breaks)

    def finish(self, *, autofilter: bool = True) -> None:
        """Page breaks, autofilter over the table, header rows repeated on every page."""
        self._paginate()
        if self.header_rows is None:
            return
        first, last = self.header_rows
        self.sheet.repeat_rows(first - 1, last - 1)
        if self.repeated_columns:
            self.sheet.repeat_columns(0, self.repeated_columns - 1)
        if autofilter:
            end = max(self._table_end or self.rows, last)
            self.sheet.autofilter(last - 1, end - 1, len(self.columns) - 1)
