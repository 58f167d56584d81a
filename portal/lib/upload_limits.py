"""What an uploaded spreadsheet may cost the server, checked before a cell is read.

An import runs in a web worker (gunicorn, 30 s, a small server's memory) on a file any
reporter may upload. An .xlsx is a zip of XML, and openpyxl believes what the file says:
its read-only reader pads every row to the declared ``<dimension>`` (4.7 KB declaring
``A1:XFD2000`` took 586 MB), and it loads the whole shared-strings table before the
first row (158 KB of strings expanded to 150 MB). So, in this order:

1. the upload's size (``IMPORT_MAX_BYTES``);
2. the archive as listed in its directory, which bounds what reading it can produce:
   the number of parts, their total uncompressed size (``IMPORT_MAX_UNCOMPRESSED_BYTES``),
   the compression ratio, and the size of every part openpyxl parses whole (all but the
   worksheets and the shared strings, which it streams);
3. the shared strings, counted and measured while streaming through them, before openpyxl
   builds its table;
4. the first sheet, read row by row as stored (the declared dimension is dropped), at most
   ``MAX_COLUMNS`` + 1 columns wide; reading stops at the first filled row past
   ``IMPORT_MAX_ROWS``.

CSV files get the same size, row and column limits. Every refusal is an
``ImportFileError`` whose message says, in Vietnamese, what to change.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.etree import ElementTree
from xml.parsers import expat

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _


class ImportFileError(Exception):
    """The file as a whole cannot be imported: its type, encoding, headers, size or emptiness."""


#: columns read from a sheet (the widest resource has 11); a filled column past it is refused
MAX_COLUMNS = 40
#: parts in the archive (an Excel workbook of one sheet has about a dozen)
MAX_PARTS = 500
#: uncompressed / compressed, over the archive (real workbooks: 5 to 30)
MAX_RATIO = 100
#: parts openpyxl parses whole into a tree (styles, workbook, relationships, properties)
MAX_WHOLE_PART_BYTES = 4 * 2**20
#: shared strings: entries and characters (a 5,000-row sheet of text needs far less)
MAX_SHARED_STRINGS = 200_000
MAX_SHARED_CHARACTERS = 20_000_000
#: rows iterated, blank ones included, as a multiple of the row limit
MAX_ROWS_SCANNED_FACTOR = 20

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_STREAMED_TYPES = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
)
_SHARED_STRINGS_TYPE = _STREAMED_TYPES[1]
# read whole by openpyxl at fixed paths, whatever the content types say
_ALWAYS_WHOLE = {"[content_types].xml", "xl/styles.xml", "xl/workbook.xml"}


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int
    max_uncompressed: int


def limits() -> Limits:
    """The configured limits (read on every call, so that tests may change them)."""
    return Limits(
        max_bytes=settings.IMPORT_MAX_BYTES,
        max_rows=settings.IMPORT_MAX_ROWS,
        max_uncompressed=settings.IMPORT_MAX_UNCOMPRESSED_BYTES,
    )


def megabytes(size: int) -> str:
    return f"{size / 2**20:.1f}".replace(".", ",")


def check_size(size: int) -> None:
    """Refuses an upload larger than ``IMPORT_MAX_BYTES``."""
    limit = limits().max_bytes
    if size > limit:
        raise ImportFileError(
            _(
                "Tệp nặng %(size)s MB, vượt giới hạn %(limit)s MB cho một lần nhập. "
                "Hãy chia tệp thành nhiều tệp nhỏ hơn."
            )
            % {"size": megabytes(size), "limit": megabytes(limit)}
        )


# --- xlsx ----------------------------------------------------------------------------------


def check_archive(archive: zipfile.ZipFile) -> str | None:
    """Checks what the archive's directory declares; returns the shared strings part."""
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise ImportFileError(_("Tệp .xlsx có quá nhiều thành phần; hãy lưu lại bằng Excel."))
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    limit = limits().max_uncompressed
    if total > limit:
        raise ImportFileError(
            _(
                "Tệp .xlsx khi giải nén nặng %(size)s MB, vượt giới hạn %(limit)s MB. "
                "Hãy chia tệp hoặc xóa định dạng, hình ảnh thừa."
            )
            % {"size": megabytes(total), "limit": megabytes(limit)}
        )
    if total > 2**20 and total > MAX_RATIO * max(packed, 1):
        raise ImportFileError(
            _(
                "Tệp .xlsx nén bất thường (giải nén lớn gấp hơn %(ratio)d lần); tệp có thể "
                "bị hỏng hoặc được tạo để làm quá tải máy chủ. Hãy mở bằng Excel và lưu lại."
            )
            % {"ratio": MAX_RATIO}
        )
    types = _content_types(archive)
    streamed = {
        name
        for name, kind in types.items()
        if kind in _STREAMED_TYPES and name.lower() not in _ALWAYS_WHOLE
    }
    for info in infos:
        if info.filename not in streamed and info.file_size > MAX_WHOLE_PART_BYTES:
            raise ImportFileError(
                _("Thành phần “%(part)s” của tệp .xlsx quá lớn (%(size)s MB).")
                % {"part": info.filename[:80], "size": megabytes(info.file_size)}
            )
    shared = [name for name, kind in types.items() if kind == _SHARED_STRINGS_TYPE]
    return shared[0] if shared else None


def _content_types(archive: zipfile.ZipFile) -> dict[str, str]:
    """Part name (without the leading slash) -> declared content type, from the overrides."""
    try:
        info = archive.getinfo("[Content_Types].xml")
    except KeyError:
        raise ImportFileError(_("Tệp không phải bảng tính Excel (.xlsx).")) from None
    if info.file_size > MAX_WHOLE_PART_BYTES:
        raise ImportFileError(_("Tệp .xlsx bị hỏng (danh mục thành phần quá lớn)."))
    try:
        root = ElementTree.fromstring(archive.read(info))
    except ElementTree.ParseError:
        raise ImportFileError(
            _("Tệp .xlsx bị hỏng (danh mục thành phần không đọc được).")
        ) from None
    return {
        node.get("PartName", "").lstrip("/"): node.get("ContentType", "")
        for node in root.iter(f"{_TYPES}Override")
    }


def check_shared_strings(archive: zipfile.ZipFile, name: str) -> None:
    """Counts the shared strings and their characters, streaming, before openpyxl loads them.

    expat hands the text over in pieces, so not even one long string is held whole.
    """
    try:
        source = archive.open(name)
    except KeyError:
        return  # declared but absent: openpyxl ignores it too
    tally = {"strings": 0, "characters": 0, "in_text": 0}

    def refuse() -> None:
        raise ImportFileError(
            _(
                "Bảng chuỗi của tệp .xlsx quá lớn (hơn %(count)s chuỗi hoặc %(chars)s ký tự). "
                "Hãy chia tệp thành nhiều tệp nhỏ hơn."
            )
            % {
                "count": _grouped(MAX_SHARED_STRINGS),
                "chars": _grouped(MAX_SHARED_CHARACTERS),
            }
        )

    def start(tag, attributes):
        if tag == f"{_MAIN_NS} t":
            tally["in_text"] += 1

    def end(tag):
        if tag == f"{_MAIN_NS} t":
            tally["in_text"] -= 1
        elif tag == f"{_MAIN_NS} si":
            tally["strings"] += 1
            if tally["strings"] > MAX_SHARED_STRINGS:
                refuse()

    def text(data):
        if tally["in_text"]:
            tally["characters"] += len(data)
            if tally["characters"] > MAX_SHARED_CHARACTERS:
                refuse()

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler = text
    try:
        with source:
            while chunk := source.read(256 * 1024):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError:
        raise ImportFileError(_("Tệp .xlsx bị hỏng (bảng chuỗi không đọc được).")) from None


def xlsx_rows(data: bytes) -> list[list]:
    """The first sheet's rows (header first), within every limit above."""
    import openpyxl

    check_size(len(data))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise ImportFileError(
            _("Không đọc được tệp Excel (%(error)s).") % {"error": type(error).__name__}
        ) from error
    try:
        with archive:
            shared = check_archive(archive)
            if shared:
                check_shared_strings(archive, shared)
    except ImportFileError:
        raise
    except Exception as error:  # a damaged or encrypted archive, a bad checksum
        raise ImportFileError(
            _("Không đọc được tệp Excel (%(error)s).") % {"error": type(error).__name__}
        ) from error
    try:
        book = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
        try:
            sheet = book.worksheets[0]
            sheet.reset_dimensions()  # the declared size is not to be believed
            return take_rows(sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True))
        finally:
            book.close()
    except ImportFileError:
        raise
    except Exception as error:  # a zip that is not a workbook, a damaged part
        raise ImportFileError(
            _("Không đọc được tệp Excel (%(error)s).") % {"error": type(error).__name__}
        ) from error


# --- rows, whatever the format --------------------------------------------------------------


def take_rows(rows: Iterable[Sequence]) -> list[list]:
    """Rows as stored, at most ``MAX_COLUMNS`` wide, up to the row limit.

    Blank rows are kept (rows are numbered as the spreadsheet shows them) but only up to
    the limit; a filled row past it, or a filled cell past ``MAX_COLUMNS``, refuses the
    file. Rows past the limit are never kept, so memory does not grow with them.
    """
    max_rows = limits().max_rows
    scan_limit = max(MAX_ROWS_SCANNED_FACTOR * max_rows, 1000)
    kept: list[list] = []
    for number, row in enumerate(rows, start=1):
        if any(_filled(cell) for cell in row[MAX_COLUMNS:]):
            raise ImportFileError(
                _(
                    "Dòng %(row)d có dữ liệu ở cột thứ %(col)d trở đi; tệp nhập chỉ được dùng "
                    "%(max)d cột đầu."
                )
                % {"row": number, "col": MAX_COLUMNS + 1, "max": MAX_COLUMNS}
            )
        if number <= max_rows + 1:  # the header and the data rows allowed
            kept.append(list(row[:MAX_COLUMNS]))
        elif any(_filled(cell) for cell in row):
            raise ImportFileError(
                _(
                    "Tệp có hơn %(max)s dòng dữ liệu; mỗi lần chỉ nhập được tối đa %(max)s "
                    "dòng. Hãy chia tệp thành nhiều tệp nhỏ hơn."
                )
                % {"max": _grouped(max_rows)}
            )
        elif number > scan_limit:
            raise ImportFileError(
                _(
                    "Trang tính có hơn %(n)s dòng (kể cả dòng trống); hãy xóa các dòng trống "
                    "ở cuối trang rồi lưu lại."
                )
                % {"n": _grouped(scan_limit)}
            )
    return kept


def _filled(cell) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _grouped(number: int) -> str:
    """5.000 in Vietnamese, 5,000 in English: the active language's grouping."""
    return number_format(number, force_grouping=True)
