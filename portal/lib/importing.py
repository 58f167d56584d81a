"""Reading spreadsheets the way Vietnamese offices write them, without knowing any model.

Cells arrive either native (openpyxl gives ``int``, ``float``, ``datetime``) or as
text (CSV). Each parser here accepts both, refuses what it cannot read without
guessing, and raises ``ValueError`` with a message meant for the person who typed
the cell. The widgets wrap the parsers for django-import-export; the two formats
(.xlsx and .csv) check the file itself before a single row is read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import tablib
from django.db.models import TextChoices
from django.utils import translation
from django.utils.numberformat import format as format_number
from django.utils.translation import gettext as _
from import_export import widgets
from import_export.formats import base_formats

from portal.lib.formulas import refused_on_import
from portal.lib.text import fold
from portal.lib.upload_limits import ImportFileError, check_size, take_rows, xlsx_rows

# --- text -----------------------------------------------------------------------------


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def name_key(text: str) -> str:
    """Key for matching names: accents, case and runs of spaces ignored."""
    return " ".join(fold(text).split())


def clean_text(value) -> str:
    """A cell as text (NFC, outer spaces removed); refuses formula-looking text.

    One leading apostrophe, the neutralised form, is dropped and the rest kept as is.
    """
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if not isinstance(value, str):
        return str(value)
    text = unicodedata.normalize("NFC", value).strip()
    if text.startswith("'"):
        return text[1:]
    if refused_on_import(text):  # see portal/lib/formulas.py
        raise ValueError(
            _(
                "“%(text)s” trông giống công thức bảng tính nên không được nhận. Ô văn bản "
                "không được bắt đầu bằng =, +, @ hoặc dấu - liền chữ; nếu đúng là văn bản, "
                "hãy thêm dấu nháy đơn (') ở đầu ô."
            )
            % {"text": shorten(text)}
        )
    return text


# --- numbers ------------------------------------------------------------------------

_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:,\d+)?$")
_GROUPED_NUMBER = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")


def parse_number(value) -> Decimal | None:
    """A number written the Vietnamese way ("1.234,5") or a real numeric cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(_("“%(value)s” không phải là số.") % {"value": value})
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = unicodedata.normalize("NFC", str(value)).strip().removeprefix("'").strip()
    text = text.removesuffix("%").strip()
    compact = re.sub(r"[\s\u00a0\u202f]", "", text)
    if _PLAIN_NUMBER.match(compact):
        return Decimal(compact.replace(",", "."))
    if _GROUPED_NUMBER.match(compact):
        return Decimal(compact.replace(".", "").replace(",", "."))
    if refused_on_import(text) and not re.match(r"^-[\d.,]", text):
        raise ValueError(
            _("“%(value)s” trông giống công thức bảng tính; ô này cần một số.")
            % {"value": shorten(text)}
        )
    raise ValueError(
        _(
            "“%(value)s” không phải là số viết đúng kiểu Việt Nam: dấu chấm ngăn cách "
            "hàng nghìn, dấu phẩy trước phần thập phân (ví dụ 1.234,5)."
        )
        % {"value": shorten(text)}
    )


def render_number(value: Decimal | int) -> str:
    return format_number(value, ",", grouping=3, thousand_sep=".", force_grouping=True)


# --- dates ----------------------------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(value) -> dt.date | None:
    """A date cell: a real date, ``dd/mm/yyyy`` (also with . or -) or ``yyyy-mm-dd``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = unicodedata.normalize("NFC", str(value)).strip().removeprefix("'").strip()
    if match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DMY.match(text):
        day, month, year = (int(part) for part in match.groups())
        if month > 12 and day <= 12:
            raise ValueError(
                _(
                    "Ngày “%(value)s” có vẻ viết theo kiểu tháng/ngày/năm; hãy viết "
                    "ngày/tháng/năm (dd/mm/yyyy)."
                )
                % {"value": text}
            )
    else:
        raise ValueError(
            _("“%(value)s” không phải là ngày; hãy viết ngày/tháng/năm (dd/mm/yyyy).")
            % {"value": shorten(text)}
        )
    if not 1900 <= year <= 2100:
        raise ValueError(_("Năm của ngày “%(value)s” không hợp lệ.") % {"value": text})
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(
            _("Ngày “%(value)s” không có trên lịch (ngày/tháng/năm).") % {"value": text}
        ) from None


# --- widgets --------------------------------------------------------------------------


class TextWidget(widgets.CharWidget):
    """Text cell: NFC, trimmed, formula-looking text refused."""

    def clean(self, value, row=None, **kwargs):
        return clean_text(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class NumberWidget(widgets.DecimalWidget):
    """Vietnamese number; a real number in .xlsx, "1.234,5" in .csv."""

    def __init__(self, *, integer: bool = False, bounds: tuple | None = None, **kwargs):
        self.integer, self.bounds = integer, bounds
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        number = parse_number(value)
        if number is None:
            return None
        if self.bounds and not self.bounds[0] <= number <= self.bounds[1]:
            low, high = self.bounds
            raise ValueError(
                _("%(value)s nằm ngoài khoảng từ %(low)s đến %(high)s.")
                % {"value": render_number(number), "low": low, "high": high}
            )
        if not self.integer:
            return number
        if number != number.to_integral_value():
            raise ValueError(
                _("Ô này cần một số nguyên, không phải “%(value)s”.") % {"value": value}
            )
        return int(number)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if kwargs.get("force_native_type"):
            return value
        return render_number(value)


class DateWidget(widgets.DateWidget):
    """Vietnamese date; a real date in .xlsx, dd/mm/yyyy in .csv."""

    def clean(self, value, row=None, **kwargs):
        return parse_date(value)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if kwargs.get("force_native_type"):
            return value
        return value.strftime("%d/%m/%Y")


class ChoiceWidget(widgets.Widget):
    """One of a ``TextChoices``: its Vietnamese label, its label in the user's language, or
    its code. An empty cell gives ``None`` (the resource decides what that means)."""

    def __init__(self, choices: type[TextChoices], **kwargs):
        self.choices = choices
        super().__init__(**kwargs)

    def _lookup(self) -> dict[str, str]:
        tables = self.__dict__.setdefault("_tables", {})  # per language: labels are translated
        language = translation.get_language()
        if language not in tables:
            tables[language] = self._table()
        return tables[language]

    def _table(self) -> dict[str, str]:
        table = {}
        for member in self.choices:
            table[name_key(member.value)] = member.value
            table[name_key(str(member.label))] = member.value
            with translation.override("vi"):
                table[name_key(str(member.label))] = member.value
        return table

    def clean(self, value, row=None, **kwargs):
        text = clean_text(value)
        if not text:
            return None
        found = self._lookup().get(name_key(text))
        if found is None:
            labels = ", ".join(str(member.label) for member in self.choices)
            raise ValueError(
                _("Không hiểu “%(value)s”; hãy ghi một trong: %(labels)s.")
                % {"value": shorten(text), "labels": labels}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        try:
            return str(self.choices(value).label)
        except ValueError:
            return value


# --- files ----------------------------------------------------------------------------


def tidy(headers: list, rows: list[list]) -> tablib.Dataset:
    """Headers normalised, empty trailing columns and rows dropped, shape checked."""
    names = [
        " ".join(unicodedata.normalize("NFC", str(h)).split()) if h is not None else ""
        for h in headers
    ]
    width = len(names)
    rows = [
        list(r)[:width] + [None] * (width - len(r)) if len(r) <= width else list(r) for r in rows
    ]
    for number, cells in enumerate(rows, start=2):
        if any(is_filled(c) for c in cells[width:]):
            raise ImportFileError(
                _("Dòng %(row)d có dữ liệu ở cột không có tiêu đề.") % {"row": number}
            )
    keep = [i for i, name in enumerate(names) if name or any(is_filled(r[i]) for r in rows)]
    for i in keep:
        if not names[i]:
            raise ImportFileError(
                _("Cột thứ %(col)d có dữ liệu nhưng không có tiêu đề ở dòng 1.") % {"col": i + 1}
            )
    names = [names[i] for i in keep]
    rows = [[r[i] for i in keep] for r in rows]
    while rows and not any(is_filled(c) for c in rows[-1]):
        rows.pop()
    if not names:
        raise ImportFileError(_("Tệp trống: không có dòng tiêu đề và dữ liệu."))
    seen = set()
    for name in names:
        if name_key(name) in seen:
            raise ImportFileError(_("Cột “%(col)s” xuất hiện hai lần.") % {"col": name})
        seen.add(name_key(name))
    if not rows:
        raise ImportFileError(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
    return tablib.Dataset(*rows, headers=names)


def is_filled(cell) -> bool:
    """Whether a cell holds anything but blanks."""
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


class XlsxFormat(base_formats.XLSX):
    """Excel workbook (first sheet); written with real dates and numbers."""

    def create_dataset(self, in_stream):
        if not isinstance(in_stream, bytes) or not in_stream.startswith(b"PK\x03\x04"):
            raise ImportFileError(
                _(
                    "Tệp không phải bảng tính Excel (.xlsx); hãy mở bằng Excel và lưu lại dạng .xlsx."
                )
            )
        rows = xlsx_rows(in_stream)  # within the size, archive, row and column limits
        if not rows:
            raise ImportFileError(_("Tệp trống: không có dòng tiêu đề và dữ liệu."))
        return tidy(rows[0], rows[1:])

    def export_data(self, dataset, **kwargs):
        import openpyxl
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet()
        header = []
        for title in dataset.headers or []:
            cell = WriteOnlyCell(sheet, value=title)
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        for row in dataset:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


def _xlsx_cell(sheet, value):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, dt.date):
        cell.number_format = "DD/MM/YYYY"
    elif isinstance(value, Decimal) and value != value.to_integral_value():
        cell.number_format = "#,##0.0#"
    elif isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # never a formula, whatever reached here
    return cell


class CsvFormat(base_formats.CSV):
    """CSV in UTF-8 (Excel: "CSV UTF-8"), separated by commas or by semicolons."""

    def create_dataset(self, in_stream, **kwargs):
        check_size(len(in_stream))
        if isinstance(in_stream, bytes):
            if in_stream.startswith(b"PK\x03\x04") or b"\x00" in in_stream[:4096]:
                raise ImportFileError(_("Tệp không phải tệp văn bản CSV."))
            try:
                in_stream = in_stream.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise ImportFileError(
                    _(
                        "Tệp CSV phải mã hóa UTF-8 (trong Excel chọn lưu dạng “CSV UTF-8”), "
                        "hoặc dùng tệp .xlsx."
                    )
                ) from None
        text = in_stream.lstrip("\ufeff")
        if "\x00" in text:
            raise ImportFileError(_("Tệp không phải tệp văn bản CSV."))
        if not text.strip():
            raise ImportFileError(_("Tệp trống: không có dòng tiêu đề và dữ liệu."))
        first_line = text.splitlines()[0]
        try:
            delimiter = max(",;\t", key=lambda d: len(next(csv.reader([first_line], delimiter=d))))
            rows = take_rows(csv.reader(io.StringIO(text), delimiter=delimiter))
        except csv.Error as error:  # a field past the csv module's limit, a stray quote
            raise ImportFileError(
                _("Không đọc được tệp CSV (%(error)s).") % {"error": shorten(str(error), 80)}
            ) from error
        return tidy(rows[0], rows[1:])


SHEET_FORMATS = {".xlsx": XlsxFormat, ".csv": CsvFormat}


def read_sheet(path: Path) -> tablib.Dataset:
    """The file at ``path`` as a dataset; the extension says which format it must be."""
    fmt = SHEET_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ImportFileError(
            _("Chỉ nhập được tệp .xlsx hoặc .csv, không nhận “%(name)s”.") % {"name": path.name}
        )
    try:
        check_size(path.stat().st_size)
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(_("Không mở được tệp: %(error)s") % {"error": error}) from error
    return fmt().create_dataset(data)


# --- reporting ------------------------------------------------------------------------


def describe_errors(result) -> list[str]:
    """Every problem of an import result, one line each: row, column, reason."""
    lines = [str(error.error) for error in result.base_errors]
    for row in result.invalid_rows:
        for column, messages in row.error_dict.items():
            for message in messages:
                if column == "__all__":
                    lines.append(
                        _("Dòng %(row)d: %(reason)s") % {"row": row.number, "reason": message}
                    )
                else:
                    lines.append(
                        _("Dòng %(row)d, cột “%(col)s”: %(reason)s")
                        % {"row": row.number, "col": column, "reason": message}
                    )
    for number, errors in result.row_errors():
        for error in errors:
            lines.append(_("Dòng %(row)d: %(reason)s") % {"row": number, "reason": error.error})
    return lines
