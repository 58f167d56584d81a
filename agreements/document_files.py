"""What an attached agreement document may be: a PDF, a Word (.docx) or an Excel (.xlsx)
file, recognised by its content, never by its name or the browser's word for it.

Staff attach the signed agreement, the implementing plans and the meeting minutes, and
others download them and open them in Word, Excel or a PDF reader. So a file is kept only
if it is what its name says:

- a PDF begins with ``%PDF-``;
- a .docx is a zip whose directory lists ``[Content_Types].xml`` and ``word/document.xml``,
  a .xlsx one that lists ``[Content_Types].xml`` and ``xl/workbook.xml``, and the content
  types declare the ordinary (macro-free) main part: a macro-enabled .docm or .xlsm
  renamed .docx or .xlsx is refused;
- the extension is the one of the detected type;
- the size is at most ``AGREEMENT_DOCUMENT_MAX_BYTES``.

What is read is bounded: the first bytes, the zip's central directory (within the upload,
itself bounded), and ``[Content_Types].xml`` up to ``MAX_CONTENT_TYPES_BYTES``. No other
member is decompressed; an archive that declares an implausible expansion (a zip bomb) or
too many members is refused all the same, since readers open it whole.

Why no file-type library: ``filetype`` (pure Python) recognises OOXML by the names of the
first five local headers within the first 6,000 bytes, so it misses valid files written in
another order and reads no directory; ``python-magic`` adds the C library libmagic, whose
OOXML rules are order-dependent too. Three allowed types need a five-byte prefix and the
standard library's ``zipfile``, which reads the directory a reader uses.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
#: members of a .docx or .xlsx (a long Word document with images has a few hundred)
MAX_MEMBERS = 5_000
#: declared uncompressed size / compressed size, over the archive (real files: 1 to 30)
MAX_RATIO = 100
#: ``[Content_Types].xml`` read and parsed whole (real ones: a few KB)
MAX_CONTENT_TYPES_BYTES = 2**20

_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


@dataclass(frozen=True)
class DocumentType:
    extension: str
    label: str
    content_type: str
    main_part: str = ""  # a zip's part that makes it this kind of file
    main_content_types: tuple[str, ...] = ()  # what [Content_Types].xml may call it


PDF = DocumentType("pdf", "PDF", "application/pdf")
DOCX = DocumentType(
    "docx",
    "DOCX",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "word/document.xml",
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",),
)
XLSX = DocumentType(
    "xlsx",
    "XLSX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xl/workbook.xml",
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",),
)
TYPES = {t.extension: t for t in (PDF, DOCX, XLSX)}


def max_bytes() -> int:
    """The configured limit (read on every call, so that tests may change it)."""
    return settings.AGREEMENT_DOCUMENT_MAX_BYTES


def megabytes(size: int) -> str:
    return f"{size / 2**20:.1f}".replace(".", ",")


def extension_of(name: str) -> str:
    return PurePath(name or "").suffix.lower().lstrip(".")


def allowed_types_text() -> str:
    return _("Chỉ nhận tệp PDF, Word (.docx) hoặc Excel (.xlsx), tối đa %(limit)s MB.") % {
        "limit": megabytes(max_bytes())
    }


def check_document_file(upload) -> DocumentType:
    """The type of an uploaded file (``File``/``UploadedFile``), or a ``ValidationError``
    with a Vietnamese message saying what to change."""
    size = upload.size
    if size is not None and size > max_bytes():
        raise ValidationError(
            _("Tệp nặng %(size)s MB, vượt giới hạn %(limit)s MB cho một văn bản."),
            code="document_too_large",
            params={"size": megabytes(size), "limit": megabytes(max_bytes())},
        )
    detected = detect(upload)
    if detected is None:
        raise ValidationError(
            _(
                "Nội dung tệp “%(name)s” không phải PDF, Word (.docx) hay Excel (.xlsx); "
                "tệp không được nhận. Hãy chọn đúng văn bản."
            ),
            code="document_type",
            params={"name": PurePath(upload.name or "").name[:80]},
        )
    extension = extension_of(upload.name)
    if extension != detected.extension:
        raise ValidationError(
            _(
                "Tệp có đuôi “.%(extension)s” nhưng nội dung là %(detected)s; hãy đặt đúng "
                "đuôi .%(expected)s hoặc chọn đúng tệp."
            ),
            code="document_extension",
            params={
                "extension": extension or "",
                "detected": detected.label,
                "expected": detected.extension,
            },
        )
    return detected


def detect(upload) -> DocumentType | None:
    """PDF, DOCX or XLSX by content; None for anything else. Raises ``ValidationError``
    for a zip that is damaged or built to exhaust a reader."""
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head == PDF_MAGIC:
        return PDF
    if not head.startswith(ZIP_MAGIC):
        return None
    try:
        with zipfile.ZipFile(upload) as archive:
            return _office_type(archive)
    except ValidationError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,  # a compression method zipfile cannot read
        RuntimeError,  # an encrypted member
    ) as error:
        raise ValidationError(
            _("Tệp nén bị hỏng, không đọc được (%(error)s). Hãy mở và lưu lại tệp rồi gửi lại."),
            code="document_damaged",
            params={"error": type(error).__name__},
        ) from error
    finally:
        upload.seek(0)


def _office_type(archive: zipfile.ZipFile) -> DocumentType | None:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _overblown()
    declared = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if declared > 2**20 and declared > MAX_RATIO * max(packed, 1):
        raise _overblown()
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names:
        return None
    kind = next((t for t in (DOCX, XLSX) if t.main_part in names), None)
    if kind is None:
        return None
    declared_type = _content_types(archive).get(kind.main_part)
    if declared_type not in kind.main_content_types:
        raise ValidationError(
            _(
                "Tệp %(label)s này không phải dạng thường (có thể chứa macro hoặc là mẫu). "
                "Hãy lưu lại thành tệp .%(extension)s thông thường rồi gửi lại."
            ),
            code="document_macro",
            params={"label": kind.label, "extension": kind.extension},
        )
    return kind


def _content_types(archive: zipfile.ZipFile) -> dict[str, str]:
    """Part name (without the leading slash) -> declared content type, from the overrides."""
    with archive.open("[Content_Types].xml") as source:
        data = source.read(MAX_CONTENT_TYPES_BYTES + 1)
    if len(data) > MAX_CONTENT_TYPES_BYTES:
        raise _overblown()
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise ValueError("content types") from error
    return {
        node.get("PartName", "").lstrip("/"): node.get("ContentType", "")
        for node in root.iter(f"{_TYPES_NS}Override")
    }


def _overblown() -> ValidationError:
    return ValidationError(
        _(
            "Tệp nén bất thường (quá nhiều thành phần hoặc giải nén lớn gấp hơn %(ratio)d "
            "lần); tệp có thể bị hỏng hoặc được tạo để làm quá tải máy đọc. Hãy mở và lưu "
            "lại tệp rồi gửi lại."
        ),
        code="document_overblown",
        params={"ratio": MAX_RATIO},
    )


def validate_new_document_file(value) -> None:
    """Model-field validator: checks a file just uploaded; a stored one was checked then."""
    if value and not getattr(value, "_committed", True):
        check_document_file(value.file)
