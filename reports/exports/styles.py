"""How the workbooks look: named styles, number formats and a streaming sheet writer.

Every sheet is written in openpyxl's write-only mode: rows go to a temporary file as
they are appended, so memory stays flat however many rows there are. That mode
wants the layout (column widths, frozen panes, sheet properties) fixed before the
first row; ``SheetWriter.start`` does that, and ``finish`` adds what comes after the
rows (autofilter, print titles).

Looks follow Vietnamese administrative documents: Times New Roman, bold centred
titles, a bordered table whose header repeats on every printed page, landscape A4
fitted to the page width. Numbers and dates are real values with formats; Excel
and LibreOffice show them with the reader's separators (1.234,5 in Vietnamese).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from . import progress

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
    return get_column_letter(number)


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

_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _style(name: str, *, bold=False, italic=False, size=12, fill=None, border=True, **align):
    style = NamedStyle(name=name)
    style.font = Font(name=FONT, size=size, bold=bold, italic=italic)
    style.alignment = Alignment(vertical=align.pop("vertical", "top"), **align)
    if fill:
        style.fill = PatternFill("solid", fgColor=fill)
    if border:
        style.border = _BOX
    return style


def _base_styles() -> list[NamedStyle]:
    return [
        _style("vn-title", bold=True, size=14, border=False, horizontal="center"),
        _style("vn-subtitle", bold=True, border=False, horizontal="center", wrap_text=True),
        _style("vn-caption", italic=True, border=False, horizontal="center", wrap_text=True),
        _style("vn-caption-right", italic=True, border=False, horizontal="right"),
        _style("vn-warning", bold=True, border=False, horizontal="center", fill=PENDING_FILL),
        _style("vn-label", bold=True, border=False),
        _style("vn-plain", border=False, wrap_text=False),
        _style("vn-plain-date", border=False, horizontal="left"),
        _style("vn-section", bold=True, size=13, border=False),
        _style(
            "vn-header",
            bold=True,
            fill=HEADER_FILL,
            horizontal="center",
            vertical="center",
            wrap_text=True,
        ),
        _style("vn-group", bold=True, fill=GROUP_FILL, wrap_text=False),
        _style("vn-subgroup", bold=True, italic=True, fill=SUBGROUP_FILL, wrap_text=False),
    ]


def _cell_styles() -> list[NamedStyle]:
    styles = []
    for suffix, fill in (("", None), ("-pending", PENDING_FILL)):
        styles += [
            _style(f"vn-text{suffix}", fill=fill),
            _style(f"vn-wrap{suffix}", fill=fill, wrap_text=True),
            _style(f"vn-center{suffix}", fill=fill, horizontal="center"),
            _style(f"vn-number{suffix}", fill=fill, horizontal="right"),
            _style(f"vn-date{suffix}", fill=fill, horizontal="center"),
        ]
    return styles


def new_workbook() -> Workbook:
    """A write-only workbook with the named styles registered."""
    workbook = Workbook(write_only=True)
    for style in _base_styles() + _cell_styles():
        workbook.add_named_style(style)
    return workbook


_KIND_STYLE = {
    TEXT: "vn-text",
    WRAP: "vn-wrap",
    CENTER: "vn-center",
    NUM: "vn-number",
    DAY: "vn-date",
}


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


class SheetWriter:
    """One streamed sheet: title block, header, rows, then print set-up."""

    def __init__(self, workbook: Workbook, title: str, columns: Sequence[Column]):
        self.ws = workbook.create_sheet(sheet_title(title))
        self.columns = list(columns)
        self.rows = 0
        self.header_rows: tuple[int, int] | None = None
        for index, column in enumerate(self.columns, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = column.width
        self._page_setup()

    @property
    def last_column(self) -> str:
        return get_column_letter(len(self.columns))

    def _page_setup(self) -> None:
        ws = self.ws
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.oddFooter.center.text = "&P / &N"
        ws.oddFooter.center.font = FONT

    # --- writing ---------------------------------------------------------------------
    def start(self, lines: Iterable[Line], *, header: bool = True, freeze_columns: int = 0):
        """Title block, a blank row, then the header; freezes the panes below it."""
        lines = list(lines)
        has_groups = header and any(c.group for c in self.columns)
        if header:
            first = len(lines) + 2
            last = first + (1 if has_groups else 0)
            self.header_rows = (first, last)
            self.ws.freeze_panes = f"{get_column_letter(freeze_columns + 1)}{last + 1}"
        for line in lines:
            self._merged_line(line)
        if header:
            self.blank()
            self._header(has_groups)

    def _merged_line(self, line: Line) -> None:
        self.rows += 1
        if len(self.columns) > 1:
            self.ws.merged_cells.add(f"A{self.rows}:{self.last_column}{self.rows}")
        self.ws.append([self.cell(line.text, line.style)])

    def _header(self, has_groups: bool) -> None:
        if not has_groups:
            self.append_styled([(c.label, "vn-header") for c in self.columns])
            return
        top, bottom = self.rows + 1, self.rows + 2
        first_row, second_row = [], []
        index = 0
        while index < len(self.columns):
            column = self.columns[index]
            col = index + 1
            if not column.group:
                first_row.append((column.label, "vn-header"))
                second_row.append((None, "vn-header"))
                self.ws.merged_cells.add(
                    f"{get_column_letter(col)}{top}:{get_column_letter(col)}{bottom}"
                )
                index += 1
                continue
            span = 1
            while (
                index + span < len(self.columns)
                and self.columns[index + span].group == column.group
            ):
                span += 1
            for offset in range(span):
                first_row.append((column.group if offset == 0 else None, "vn-header"))
                second_row.append((self.columns[index + offset].label, "vn-header"))
            if span > 1:
                end = get_column_letter(col + span - 1)
                self.ws.merged_cells.add(f"{get_column_letter(col)}{top}:{end}{top}")
            index += span
        self.append_styled(first_row)
        self.append_styled(second_row)

    def cell(self, value, style: str, fmt: str = "") -> WriteOnlyCell:
        """A styled cell; text never becomes a formula, numbers and dates stay native."""
        if isinstance(value, Promise):
            value = str(value)  # lazily translated labels
        if isinstance(value, dt.datetime):
            value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
        if value == "":
            value = None  # a blank (styled) cell: text from the left may flow over it
        cell = WriteOnlyCell(self.ws, value)
        cell.style = style
        if isinstance(value, str):
            cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters from pasted text
            cell.data_type = "s"  # openpyxl would read a leading "=" as a formula
            if looks_like_formula(value):
                cell.quotePrefix = True  # what Excel stores for a typed leading apostrophe
        elif isinstance(value, dt.date):
            cell.number_format = DATE
        elif isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            cell.number_format = fmt or number_format(value)
        return cell

    def append(self, values: Sequence, *, pending: bool = False, pad: bool = True) -> None:
        """A table row: each value styled by its column's kind; ``pad`` borders the
        remaining columns too."""
        suffix = "-pending" if pending else ""
        columns = self.columns if pad else self.columns[: len(values)]
        cells = []
        for index, column in enumerate(columns):
            value = values[index] if index < len(values) else None
            cells.append(self.cell(value, _KIND_STYLE[column.kind] + suffix, column.fmt))
        self.rows += 1
        self.ws.append(cells)
        progress.tick()

    def append_styled(self, pairs: Sequence[tuple[object, str]]) -> None:
        """A row of (value, style) pairs, e.g. headers or label: value lines."""
        self.rows += 1
        self.ws.append([self.cell(v, s) for v, s in pairs])

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
        self.ws.append([])

    def finish(self, *, autofilter: bool = True) -> None:
        """Autofilter over the table, header rows repeated on every printed page."""
        if self.header_rows is None:
            return
        first, last = self.header_rows
        self.ws.print_title_rows = f"{first}:{last}"
        if autofilter:
            end = max(self.rows, last)
            self.ws.auto_filter.ref = f"A{last}:{self.last_column}{end}"
