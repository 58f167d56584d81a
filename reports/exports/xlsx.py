"""The one module that knows which library writes our .xlsx files.

Everything else in ``reports.exports`` speaks to ``Book`` and ``Sheet`` below: named
styles declared as ``Style`` values, rows of values written in order, and the sheet's
layout and print set-up. Two writers sit behind them, both streaming rows to disk
(constant memory), both checked by the same golden-file test:

- ``rust``: rvgsrust-xlsxwriter, a binding of the Rust crate rust_xlsxwriter (the
  Rust port of XlsxWriter by XlsxWriter's author). About four times faster than
  XlsxWriter on our sheets; a young package (first release 2026-08).
- ``xlsxwriter``: XlsxWriter, mature (since 2013), pure Python.

``settings.EXPORT_XLSX_WRITER`` (env ``EXPORT_XLSX_WRITER``) picks one; bench/README.md
has the measurements behind the default. Rows and columns are counted from 0 here.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO

from django.conf import settings

WRITERS = ("rust", "xlsxwriter")
A4 = 9  # the paper size code of A4 in SpreadsheetML


@dataclass(frozen=True)
class Style:
    """A named cell style: font, fill, border and alignment. Number formats and the
    quote prefix are added per cell (``Sheet.write_row``)."""

    font: str = "Times New Roman"
    size: float = 12
    bold: bool = False
    italic: bool = False
    fill: str | None = None  # RGB hex, "DDE6F0"
    border: bool = True  # a thin grey box
    open_side: str | None = None  # "top" or "bottom": that side of the box left open
    horizontal: str | None = None  # left, center, right
    vertical: str = "top"
    wrap: bool = False


@dataclass(frozen=True)
class PageSetup:
    """Print set-up: landscape A4 fitted to ``fit_width`` pages across (one unless the
    sheet is too wide to read on one), page numbers in the footer."""

    landscape: bool = True
    fit_width: int = 1
    across_first: bool = True  # pages numbered across a row of pages, then down
    fit_height: int = 0  # as many pages down as needed
    margins: tuple[float, float, float, float] = (0.5, 0.5, 0.6, 0.6)  # left, right, top, bottom
    footer: str = "&P / &N"  # page n / of m, centred
    center_horizontally: bool = True


BORDER_COLOR = "808080"


def writer_name() -> str:
    name = getattr(settings, "EXPORT_XLSX_WRITER", "rust")
    if name not in WRITERS:
        raise ValueError(f"EXPORT_XLSX_WRITER must be one of {WRITERS}, not {name!r}")
    return name


class Book:
    """A workbook being written: sheets in the order they are added."""

    def __init__(self, styles: Mapping[str, Style], *, writer: str | None = None):
        self.writer = writer or writer_name()
        self.styles = dict(styles)
        self._dir = tempfile.mkdtemp(prefix="xlsx-")
        self._path = os.path.join(self._dir, "book.xlsx")
        if self.writer == "rust":
            import rvgsrust_xlsxwriter

            self._native = rvgsrust_xlsxwriter.Workbook()
        else:
            import xlsxwriter

            self._native = xlsxwriter.Workbook(
                self._path, {"constant_memory": True, "tmpdir": self._dir}
            )
        self._formats: dict[tuple[str, str, bool], object] = {}
        self.sheets: list[Sheet] = []

    @property
    def sheet_titles(self) -> list[str]:
        return [sheet.title for sheet in self.sheets]

    def add_sheet(self, title: str) -> Sheet:
        if self.writer == "rust":
            native = self._native.add_worksheet(title, constant_memory=True)
        else:
            native = self._native.add_worksheet(title)
        sheet = Sheet(self, native, title)
        self.sheets.append(sheet)
        return sheet

    def format(self, style: str, num_format: str = "", quote: bool = False):
        """The writer's format object for a named style, a number format and a quote
        prefix; made once per combination."""
        key = (style, num_format, quote)
        found = self._formats.get(key)
        if found is None:
            found = self._formats[key] = self._make_format(self.styles[style], num_format, quote)
        return found

    def _make_format(self, style: Style, num_format: str, quote: bool):
        if self.writer == "xlsxwriter":
            props = {
                "font_name": style.font,
                "font_size": style.size,
                "bold": style.bold,
                "italic": style.italic,
                "valign": {"center": "vcenter"}.get(style.vertical, style.vertical),
                "text_wrap": style.wrap,
            }
            if style.horizontal:
                props["align"] = style.horizontal
            if style.fill:
                props.update(pattern=1, bg_color="#" + style.fill)
            if style.border:
                props.update(border=1, border_color="#" + BORDER_COLOR)
                if style.open_side:
                    props[style.open_side] = 0
            if num_format:
                props["num_format"] = num_format
            if quote:
                props["quote_prefix"] = True
            return self._native.add_format(props)
        fmt = self._native.add_format()
        fmt.set_font_name(style.font)
        fmt.set_font_size(style.size)
        if style.bold:
            fmt.set_bold()
        if style.italic:
            fmt.set_italic()
        fmt.set_vertical_align(style.vertical)
        if style.horizontal:
            fmt.set_align(style.horizontal)
        if style.wrap:
            fmt.set_text_wrap()
        if style.fill:
            fmt.set_pattern("solid")
            fmt.set_background_color("#" + style.fill)
        if style.border:
            sides = {
                "top": fmt.set_top_border,
                "bottom": fmt.set_bottom_border,
                "left": fmt.set_left_border,
                "right": fmt.set_right_border,
            }
            for side, set_side in sides.items():
                if side != style.open_side:
                    set_side("thin")
            fmt.set_border_color("#" + BORDER_COLOR)
        if num_format:
            fmt.set_num_format(num_format)
        if quote:
            fmt.set_quote_prefix()
        return fmt

    def save(self, out: IO[bytes] | str) -> None:
        """Finish the file and copy it to ``out`` (a path or a binary file)."""
        try:
            if self.writer == "rust":
                self._native.close(self._path)
            else:
                self._native.close()
            if isinstance(out, str | os.PathLike):
                shutil.copyfile(self._path, out)
            else:
                with open(self._path, "rb") as source:
                    shutil.copyfileobj(source, out, 1 << 20)
        finally:
            shutil.rmtree(self._dir, ignore_errors=True)


class Sheet:
    """One worksheet. Rows must be written in increasing order (they stream to disk)."""

    def __init__(self, book: Book, native, title: str):
        self.book = book
        self.native = native
        self.title = title
        rust = book.writer == "rust"
        self._rust = rust
        if rust:
            self._write = native.write
        else:
            self._string = native.write_string
            self._number = native.write_number
            self._date = native.write_datetime
            self._blank = native.write_blank

    # --- layout (any time before the book is saved) -----------------------------------
    def column_widths(self, widths: Sequence[float]) -> None:
        for col, width in enumerate(widths):
            if self._rust:
                self.native.set_column_width(col, width)
            else:
                self.native.set_column(col, col, width)

    def page_setup(self, setup: PageSetup) -> None:
        ws = self.native
        left, right, top, bottom = setup.margins
        if self._rust:
            ws.set_landscape() if setup.landscape else ws.set_portrait()
            ws.set_paper_size(A4)
            ws.set_print_fit_to_pages(setup.fit_width, setup.fit_height)
            ws.set_margins(left, right, top, bottom, 0.3, 0.3)
            ws.set_footer(f"&C{setup.footer}")
            ws.set_print_center_horizontally(setup.center_horizontally)
            if setup.across_first:
                ws.set_page_order(False)  # rust_xlsxwriter's True is "down, then over"
        else:
            ws.set_landscape() if setup.landscape else ws.set_portrait()
            ws.set_paper(A4)
            ws.fit_to_pages(setup.fit_width, setup.fit_height)
            ws.set_margins(left=left, right=right, top=top, bottom=bottom)
            ws.set_footer(f"&C{setup.footer}")
            if setup.center_horizontally:
                ws.center_horizontally()
            if setup.across_first:
                ws.print_across()

    def freeze(self, row: int, col: int) -> None:
        """Rows above ``row`` and columns left of ``col`` stay in view."""
        self.native.freeze_panes(row, col)

    def autofilter(self, first_row: int, last_row: int, last_col: int) -> None:
        self.native.autofilter(first_row, 0, last_row, last_col)

    def repeat_rows(self, first_row: int, last_row: int) -> None:
        """Rows printed at the top of every page."""
        if self._rust:
            self.native.set_repeat_rows(first_row, last_row)
        else:
            self.native.repeat_rows(first_row, last_row)

    def page_breaks(self, rows: Sequence[int]) -> None:
        """Manual page breaks above each of ``rows``."""
        if self._rust:
            self.native.set_page_breaks(list(rows))
        else:
            self.native.set_h_pagebreaks(list(rows))

    def repeat_columns(self, first_col: int, last_col: int) -> None:
        """Columns printed at the left of every page (when a row spans pages across)."""
        if self._rust:
            self.native.set_repeat_columns(first_col, last_col)
        else:
            self.native.repeat_columns(first_col, last_col)

    # --- content (in row order) -----------------------------------------------------------
    def row_height(self, row: int, points: float) -> None:
        """Before the row's cells are written. In whole pixels (0.75 point) for the rust
        writer: its ``set_row_height`` in points, called even once, made a streamed sheet
        keep every row in memory (565 MB for 100,000 rows instead of 16; 0.3.5)."""
        if self._rust:
            self.native.set_row_height_pixels(row, round(points / 0.75))
        else:
            self.native.set_row(row, points)

    def merge(self, row: int, first_col: int, last_col: int, value, style: str) -> None:
        """One value across columns of a row (a title line, a grouped header)."""
        fmt = self.book.format(style)
        self.native.merge_range(row, first_col, row, last_col, value, fmt)

    def merge_rows(self, first_row: int, last_row: int, col: int, value, style: str) -> None:
        fmt = self.book.format(style)
        self.native.merge_range(first_row, col, last_row, col, value, fmt)

    def write_row(self, row: int, cells: Sequence[tuple[object, object]]) -> None:
        """``cells``: (value, format) pairs, the format from ``Book.format``. Values are
        already plain: str, int, float, Decimal, date, or None for a styled blank."""
        if self._rust:
            write = self._write
            for col, (value, fmt) in enumerate(cells):
                write(row, col, value, fmt)
            return
        for col, (value, fmt) in enumerate(cells):
            if value is None:
                self._blank(row, col, None, fmt)
            elif isinstance(value, str):
                self._string(row, col, value, fmt)
            elif isinstance(value, dt.date):
                self._date(row, col, value, fmt)
            else:
                self._number(row, col, float(value) if isinstance(value, Decimal) else value, fmt)
