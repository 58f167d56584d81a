"""The floor a workbook writer is measured against: the same cells, written as plain
SpreadsheetML with ``str.format`` and zipped with zlib at level 6.

``recording()`` captures what the portal's writer is given (every row of every sheet,
each cell as its value and its format, the merged ranges), while the real file is
written as usual; ``write_floor()`` then writes those cells again with nothing but
string formatting and ``zipfile``: no styles beyond one cell format per distinct
format the portal used, no validation, no shared strings. No library can write the
same file with less work, so ``time of the portal's file / time of the floor`` says
how much the writer (and the Python feeding it) costs above the unavoidable.
For the CSV the floor is ``csv.writer`` over the same rows, already in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from contextlib import contextmanager
from xml.sax.saxutils import escape

EPOCH = dt.date(1899, 12, 30).toordinal()


def column_letters(count: int) -> list[str]:
    out = []
    for number in range(1, count + 1):
        letters = ""
        while number > 0:
            number, remainder = divmod(number - 1, 26)
            letters = chr(65 + remainder) + letters
        out.append(letters)
    return out


class Recorded:
    """The cells of one sheet, in memory."""

    def __init__(self, title: str):
        self.title = title
        self.rows: list[tuple[int, list[tuple[object, int]]]] = []
        self.merges: list[tuple[int, int, int]] = []

    @property
    def cells(self) -> int:
        return sum(len(cells) for _, cells in self.rows)


@contextmanager
def recording():
    """Within the block, every workbook's cells are also kept in the yielded list."""
    from reports.exports import xlsx

    sheets: list[Recorded] = []
    formats: dict[int, int] = {}
    keys: dict[int, tuple] = {}  # format number -> (style, number format, quote prefix)
    original_write, original_merge = xlsx.Sheet.write_row, xlsx.Sheet.merge
    original_format = xlsx.Book.format

    def format_(self, style, num_format="", quote=False):
        fmt = original_format(self, style, num_format, quote)
        keys.setdefault(formats.setdefault(id(fmt), len(formats) + 1), (style, num_format, quote))
        return fmt

    def record(sheet) -> Recorded:
        found = getattr(sheet, "_recorded", None)
        if found is None:
            found = sheet._recorded = Recorded(sheet.title)
            sheets.append(found)
        return found

    def write_row(self, row, cells):
        ids = [(value, formats.setdefault(id(fmt), len(formats) + 1)) for value, fmt in cells]
        record(self).rows.append((row, ids))
        return original_write(self, row, cells)

    def merge(self, row, first_col, last_col, value, style):
        record(self).merges.append((row, first_col, last_col))
        fmt = self.book.format(style)
        record(self).rows.append((row, [(value, formats.setdefault(id(fmt), len(formats) + 1))]))
        return original_merge(self, row, first_col, last_col, value, style)

    xlsx.Sheet.write_row, xlsx.Sheet.merge, xlsx.Book.format = write_row, merge, format_
    try:
        yield sheets
    finally:
        xlsx.Sheet.write_row, xlsx.Sheet.merge = original_write, original_merge
        xlsx.Book.format = original_format
        for sheet in sheets:
            sheet.formats = keys


def replay(sheets: list[Recorded], out, writer: str) -> None:
    """The recorded cells through one of the portal's writers, nothing else: the
    writer's own cost, beside the floor's."""
    from reports.exports import xlsx
    from reports.exports.styles import STYLES

    book = xlsx.Book(STYLES, writer=writer)
    for recorded in sheets:
        sheet = book.add_sheet(recorded.title)
        native = {n: book.format(*key) for n, key in recorded.formats.items()}
        write = sheet.write_row
        for row, cells in recorded.rows:
            write(row, [(value, native[n]) for value, n in cells])
    book.save(out)


def _cell(ref: str, value, style: int) -> str:
    if value is None:
        return f'<c r="{ref}" s="{style}"/>'
    if isinstance(value, str):
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="{style}"><v>{value.toordinal() - EPOCH}</v></c>'
    return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'


def _sheet_xml(sheet: Recorded, handle) -> None:
    width = max((len(cells) for _, cells in sheet.rows), default=1)
    letters = column_letters(max(width, 1))
    handle.write(
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>"
    )
    chunk = []
    for row, cells in sheet.rows:
        number = row + 1
        text = "".join(
            _cell(f"{letters[col]}{number}", value, style)
            for col, (value, style) in enumerate(cells)
        )
        chunk.append(f'<row r="{number}">{text}</row>')
        if len(chunk) == 500:
            handle.write("".join(chunk).encode())
            chunk = []
    handle.write("".join(chunk).encode())
    handle.write(b"</sheetData>")
    if sheet.merges:
        refs = "".join(
            f'<mergeCell ref="{letters[a]}{r + 1}:{letters[b]}{r + 1}"/>'
            for r, a, b in sheet.merges
        )
        handle.write(f'<mergeCells count="{len(sheet.merges)}">{refs}</mergeCells>'.encode())
    handle.write(
        b'<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
        b'<pageSetup paperSize="9" orientation="landscape" fitToHeight="0"/></worksheet>'
    )


def write_floor(sheets: list[Recorded], out) -> None:
    """The recorded sheets as a minimal .xlsx (it opens in LibreOffice and openpyxl)."""
    styles = max((s for sheet in sheets for _, c in sheet.rows for _, s in c), default=0) + 1
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        names = "".join(
            f'<sheet name="{escape(s.title)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, s in enumerate(sheets, start=1)
        )
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for i in range(1, len(sheets) + 1)
            )
            + "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f"<sheets>{names}</sheets></workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, len(sheets) + 1)
            )
            + f'<Relationship Id="rId{len(sheets) + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            "</Relationships>",
        )
        xfs = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>' * styles
        archive.writestr(
            "xl/styles.xml",
            '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<fonts count="1"><font><sz val="12"/><name val="Times New Roman"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            f'<cellXfs count="{styles}">{xfs}</cellXfs></styleSheet>',
        )
        for index, sheet in enumerate(sheets, start=1):
            with archive.open(f"xl/worksheets/sheet{index}.xml", "w") as handle:
                _sheet_xml(sheet, handle)


@contextmanager
def recording_csv():
    """Within the block, the rows the portal's CSV writer is given are also kept."""
    from portal.lib import csv_files

    rows: list[list[str]] = []
    original = csv_files.csv.writer

    class Recorder:
        def __init__(self, text):
            self.writer = original(text)

        def writerow(self, row):
            rows.append(list(row))
            return self.writer.writerow(row)

    csv_files.csv.writer = Recorder
    try:
        yield rows
    finally:
        csv_files.csv.writer = original


def csv_floor(rows: list[list[str]], out) -> None:
    """The same (already formatted) rows through ``csv.writer``, nothing else."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerows(rows)
    text.flush()
    text.detach()
