"""Uploads that cannot hurt, tried from the attacker's side: forged confirmations, bombs,
oversized files, leftovers. Uses the shared ``world`` (a reporter of Hậu Giang's transport
department, Cần Thơ's planning staff) and reports of its agreement."""

import io
import json
import logging
import os
import tempfile
import time
import tracemalloc
import zipfile

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import SuspiciousOperation
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from agreements.tests.sheets import csv_bytes, xlsx_bytes
from portal.lib import upload_limits
from portal.lib.import_uploads import KeptUploadStorage
from portal.lib.importing import CsvFormat, ImportFileError, XlsxFormat
from reports.models import ProgressReport
from reports.tests.factories import period

pytestmark = pytest.mark.django_db

IMPORT = "admin:reports_progressreport_import"
CONFIRM = "admin:reports_progressreport_process_import"
CANCEL = "admin:reports_progressreport_cancel_import"
HEADERS = ["Thỏa thuận", "Nội dung hợp tác", "Kỳ", "Bên báo cáo", "Tiến độ", "Tỷ lệ (%)"]
MB = 2**20


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "imports"
    return settings.IMPORT_UPLOAD_DIR


@pytest.fixture
def rows(world):
    period(2024, 2)
    return [[world.ours.slug, "Đường tỉnh 931B", "2024-H2", "Hậu Giang", "đang triển khai", "40"]]


def upload(client, content: bytes, name: str = "bao-cao.csv"):
    fmt = "0" if name.endswith(".xlsx") else "1"
    return client.post(
        reverse(IMPORT),
        {"import_file": SimpleUploadedFile(name, content), "format": fmt, "resource": "0"},
    )


def previewed(client, rows) -> dict:
    """Uploads a good file; returns the confirm form's fields as the page posts them."""
    response = upload(client, csv_bytes(HEADERS, rows))
    assert response.context["confirm_form"] is not None
    return dict(response.context["confirm_form"].initial)


def kept_files(upload_dir) -> list[str]:
    return sorted(p.name for p in upload_dir.iterdir()) if upload_dir.exists() else []


def shown(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def new_reports() -> int:
    return ProgressReport.objects.filter(period__half=2).count()


# --- the confirmation takes nothing but a token of the user's own session ----------------------


@pytest.mark.parametrize("forged", ["victim", "../victim", "absolute"])
def test_a_forged_file_name_at_confirmation_reads_and_deletes_nothing(client, world, rows, forged):
    victim = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8")
    victim.write("MẬT KHẨU CỦA MÁY CHỦ,42\n")
    victim.close()
    name = {
        "victim": os.path.basename(victim.name),
        "../victim": "../" + os.path.basename(victim.name),
        "absolute": victim.name,
    }[forged]
    client.force_login(world.reporter)
    try:
        response = client.post(
            reverse(CONFIRM),
            {"import_file_name": name, "original_file_name": "x.csv", "format": "1"},
        )
        assert response.status_code == 302 and response["Location"] == reverse(IMPORT)
        assert any("Hãy tải tệp lên lại" in m for m in shown(response))
        assert "MẬT KHẨU" not in client.get(reverse(IMPORT)).content.decode()
        assert os.path.exists(victim.name)
    finally:
        os.unlink(victim.name)
    assert new_reports() == 0


def test_a_confirmation_without_a_file_name_is_refused_without_an_error_page(client, world):
    client.force_login(world.reporter)
    response = client.post(reverse(CONFIRM), {})
    assert response.status_code == 302
    assert any("Hãy tải tệp lên lại" in m for m in shown(response))
    assert client.get(reverse(CONFIRM)).status_code == 405


def test_a_token_guessed_in_the_right_shape_is_refused_and_its_file_left_alone(
    client, world, rows, upload_dir
):
    other = KeptUploadStorage()
    other.save(csv_bytes(HEADERS, rows))
    client.force_login(world.reporter)
    response = client.post(reverse(CONFIRM), {"import_file_name": other.name, "format": "1"})
    assert response.status_code == 302
    assert kept_files(upload_dir) == [other.name]
    assert new_reports() == 0


def test_another_users_token_is_refused_and_their_upload_still_confirms(
    client, world, rows, upload_dir
):
    client.force_login(world.planner)
    fields = previewed(client, rows)
    from django.test import Client

    attacker = Client()
    attacker.force_login(world.reporter)
    response = attacker.post(reverse(CONFIRM), fields)
    assert response.status_code == 302 and response["Location"] == reverse(IMPORT)
    assert kept_files(upload_dir) == [fields["import_file_name"]]
    assert new_reports() == 0

    same_user_other_browser = Client()
    same_user_other_browser.force_login(world.planner)
    assert same_user_other_browser.post(reverse(CONFIRM), fields).status_code == 302
    assert new_reports() == 0

    assert client.post(reverse(CONFIRM), fields)["Location"].endswith("/progressreport/")
    assert new_reports() == 1


def test_a_token_serves_one_confirmation_only(client, world, rows, upload_dir):
    client.force_login(world.reporter)
    fields = previewed(client, rows)
    assert client.post(reverse(CONFIRM), fields)["Location"].endswith("/progressreport/")
    again = client.post(reverse(CONFIRM), fields)
    assert again["Location"] == reverse(IMPORT)
    assert new_reports() == 1
    assert kept_files(upload_dir) == []


def test_an_expired_token_is_refused_and_its_file_removed(client, world, rows, settings):
    client.force_login(world.reporter)
    fields = previewed(client, rows)
    settings.IMPORT_UPLOAD_MAX_AGE = -1
    response = client.post(reverse(CONFIRM), fields)
    assert response["Location"] == reverse(IMPORT)
    assert kept_files(settings.IMPORT_UPLOAD_DIR) == []
    assert new_reports() == 0


def test_the_confirmation_imports_what_was_previewed_whatever_else_the_form_says(
    client, world, rows
):
    client.force_login(world.reporter)
    fields = previewed(client, rows)
    fields.update(format="0", original_file_name="../../khac.xlsx", resource="7")
    assert client.post(reverse(CONFIRM), fields)["Location"].endswith("/progressreport/")
    report = ProgressReport.objects.get(period__half=2)
    assert report.history.get().history_change_reason == "Nhập từ bảng tính bao-cao.csv"


def test_the_kept_upload_storage_takes_no_path_for_a_name():
    for name in ["../x", "/etc/passwd", "x" * 32, "ABCDEF0123456789ABCDEF0123456789"]:
        with pytest.raises(SuspiciousOperation):
            KeptUploadStorage(name=name)


# --- nothing left behind -----------------------------------------------------------------------


def test_a_confirmed_import_leaves_no_file(client, world, rows, upload_dir):
    client.force_login(world.reporter)
    fields = previewed(client, rows)
    assert kept_files(upload_dir) == [fields["import_file_name"]]
    client.post(reverse(CONFIRM), fields)
    assert kept_files(upload_dir) == []


def test_a_refused_preview_keeps_no_file(client, world, rows, upload_dir):
    client.force_login(world.reporter)
    bad = [[*rows[0][:5], "nhiều"]]
    response = upload(client, csv_bytes(HEADERS, bad))
    assert response.context.get("confirm_form") is None
    response = upload(client, b"\x89PNG\r\n", "anh.xlsx")
    assert "không phải bảng tính Excel" in response.content.decode()
    assert kept_files(upload_dir) == []


def test_cancelling_removes_the_kept_file_and_the_token(client, world, rows, upload_dir):
    client.force_login(world.reporter)
    fields = previewed(client, rows)
    response = client.post(reverse(CANCEL), {"import_file_name": fields["import_file_name"]})
    assert response.status_code == 302
    assert kept_files(upload_dir) == []
    assert client.post(reverse(CONFIRM), fields)["Location"] == reverse(IMPORT)
    assert new_reports() == 0


def test_the_preview_page_offers_the_cancel_button(client, world, rows):
    client.force_login(world.reporter)
    body = upload(client, csv_bytes(HEADERS, rows)).content.decode()
    assert f'action="{reverse(CANCEL)}"' in body


def test_a_new_preview_sweeps_expired_uploads_only(client, world, rows, upload_dir):
    upload_dir.mkdir(parents=True)
    old, fresh, other = upload_dir / ("a" * 32), upload_dir / ("b" * 32), upload_dir / "README"
    for path in (old, fresh, other):
        path.write_bytes(b"x")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    client.force_login(world.reporter)
    fields = previewed(client, rows)
    assert kept_files(upload_dir) == sorted([fresh.name, other.name, fields["import_file_name"]])


# --- size, rows, columns -------------------------------------------------------------------------


def test_an_upload_over_the_size_limit_is_refused_with_a_clear_message(
    client, world, rows, settings, upload_dir
):
    settings.IMPORT_MAX_BYTES = 1000
    client.force_login(world.reporter)
    response = upload(client, csv_bytes(HEADERS, rows * 30))
    body = response.content.decode()
    assert response.status_code == 200 and "vượt giới hạn 0,0 MB" in body
    assert response.context.get("confirm_form") is None
    assert kept_files(upload_dir) == []


def test_a_file_over_the_row_limit_is_refused(settings, rows):
    settings.IMPORT_MAX_ROWS = 3
    blank = [""] * len(HEADERS)
    assert len(CsvFormat().create_dataset(csv_bytes(HEADERS, rows * 3 + [blank] * 50))) == 3
    for fmt, build in [(CsvFormat, csv_bytes), (XlsxFormat, xlsx_bytes)]:
        with pytest.raises(ImportFileError, match="hơn 3 dòng dữ liệu"):
            fmt().create_dataset(build(HEADERS, rows * 4))
        with pytest.raises(ImportFileError, match="hơn 3 dòng dữ liệu"):
            fmt().create_dataset(build(HEADERS, rows * 2 + [blank] * 10 + rows))


def test_a_cell_past_the_fortieth_column_is_refused():
    wide = ["x"] * 41
    with pytest.raises(ImportFileError, match="cột thứ 41"):
        CsvFormat().create_dataset(csv_bytes([f"c{i}" for i in range(41)], [wide]))
    one_line = ("a," + "," * 100_000 + "b\n").encode()
    peak, refused = peak_while(lambda: CsvFormat().create_dataset(one_line))
    assert isinstance(refused, ImportFileError) and "cột thứ 41" in str(refused)
    assert peak < 30 * MB, f"{peak / MB:.0f} MB"
    with pytest.raises(ImportFileError, match="Không đọc được tệp CSV"):
        CsvFormat().create_dataset(("a;" + "x" * 200_000 + "\n").encode())


def test_the_command_refuses_a_file_over_the_size_limit(world, rows, settings, tmp_path):
    settings.IMPORT_MAX_BYTES = 100
    path = tmp_path / "bao-cao.csv"
    path.write_bytes(csv_bytes(HEADERS, rows * 10))
    with pytest.raises(CommandError, match="vượt giới hạn"):
        call_command("import_sheet", "reports", str(path), user=world.reporter.username)


# --- crafted .xlsx files -------------------------------------------------------------------------

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def crafted_xlsx(sheet_rows: str, *, dimension: str = "A1", shared: str | None = None, extra=()):
    """A minimal workbook written part by part, as an attacker would."""
    overrides = [
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>',
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>',
    ]
    rels = [f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>']
    if shared is not None:
        overrides.append(
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>'
        )
        rels.append(
            f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(overrides)
            + "</Types>"
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook {_NS} xmlns:r="{_REL}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(rels)
            + "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet {_NS}><dimension ref="{dimension}"/><sheetData>{sheet_rows}'
            "</sheetData></worksheet>"
        ),
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = f"<sst {_NS}>{shared}</sst>"
    parts.update(extra)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()


def inline_rows(count: int) -> str:
    return "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{"Kỳ" if n == 1 else n}</t></is></c></row>'
        for n in range(1, count + 1)
    )


def peak_while(call) -> tuple[int, object]:
    tracemalloc.start()
    try:
        try:
            outcome = call()
        except ImportFileError as error:
            outcome = error
        return tracemalloc.get_traced_memory()[1], outcome
    finally:
        tracemalloc.stop()


def test_a_sheet_declaring_16384_columns_is_read_by_the_cells_it_holds():
    bomb = crafted_xlsx(inline_rows(2000), dimension="A1:XFD2000")
    assert len(bomb) < 40_000
    peak, dataset = peak_while(lambda: XlsxFormat().create_dataset(bomb))
    assert peak < 30 * MB, f"{peak / MB:.0f} MB"
    assert dataset.headers == ["Kỳ"] and len(dataset) == 1999


def test_a_shared_strings_bomb_is_refused_before_openpyxl_loads_it():
    table = "<si><t>x</t></si>" * 1_000_000  # 17 MB of strings in a file of a few dozen KB
    bomb = crafted_xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared=table)
    assert len(bomb) < 200_000
    peak, refused = peak_while(lambda: XlsxFormat().create_dataset(bomb))
    assert isinstance(refused, ImportFileError) and "nén bất thường" in str(refused)
    assert peak < 30 * MB, f"{peak / MB:.0f} MB"


@pytest.mark.parametrize(
    ("table", "reason"),
    [
        ("<si><t>x</t></si>" * 200_001, "quá lớn (hơn 200.000 chuỗi"),
        ("<si><t>" + "x" * 20_000_001 + "</t></si>", "20.000.000 ký tự"),
    ],
)
def test_the_shared_strings_are_counted_while_streaming(monkeypatch, settings, table, reason):
    monkeypatch.setattr(upload_limits, "MAX_RATIO", 10**6)  # past the ratio check on purpose
    bomb = crafted_xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared=table)
    peak, refused = peak_while(lambda: XlsxFormat().create_dataset(bomb))
    assert isinstance(refused, ImportFileError) and reason in str(refused)
    assert peak < 30 * MB, f"{peak / MB:.0f} MB"


def test_an_archive_over_the_uncompressed_limit_is_refused(settings):
    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 100_000
    with pytest.raises(ImportFileError, match="khi giải nén nặng"):
        XlsxFormat().create_dataset(crafted_xlsx(inline_rows(3000)))


def test_a_part_openpyxl_reads_whole_is_bounded_whatever_its_declared_type(monkeypatch):
    monkeypatch.setattr(upload_limits, "MAX_RATIO", 10**6)
    styles = f"<styleSheet {_NS}>" + " " * (5 * MB) + "</styleSheet>"
    bomb = crafted_xlsx(inline_rows(2), extra={"xl/styles.xml": styles})
    with pytest.raises(ImportFileError, match="“xl/styles.xml” của tệp .xlsx quá lớn"):
        XlsxFormat().create_dataset(bomb)


def test_a_damaged_archive_is_refused_with_a_message():
    good = crafted_xlsx(inline_rows(3))
    broken = good[:-40]
    with pytest.raises(ImportFileError, match="Không đọc được tệp Excel"):
        XlsxFormat().create_dataset(broken)


def test_the_admin_refuses_a_bomb_with_a_message_and_keeps_nothing(client, world, upload_dir):
    client.force_login(world.reporter)
    table = "<si><t>x</t></si>" * 1_000_000
    bomb = crafted_xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared=table)
    response = upload(client, bomb, "bao-cao.xlsx")
    assert response.status_code == 200
    assert "nén bất thường" in response.content.decode()
    assert kept_files(upload_dir) == []


# --- the security log ----------------------------------------------------------------------------


def _events(caplog) -> list[dict]:
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "portal.security"]


def test_a_confirmed_import_and_a_refused_upload_are_in_the_security_log(
    client, world, rows, settings, caplog
):
    caplog.set_level(logging.INFO, logger="portal.security")
    client.force_login(world.reporter)
    client.post(reverse(CONFIRM), previewed(client, rows))
    settings.IMPORT_MAX_BYTES = 10
    upload(client, csv_bytes(HEADERS, rows))
    client.post(reverse(CONFIRM), {"import_file_name": "../../etc/passwd"})
    imports = [e for e in _events(caplog) if e["event"] == "import"]
    assert [(e["result"], e["rows"], e["user"]) for e in imports] == [
        ("ok", 1, world.reporter.username),
        ("refused", 0, world.reporter.username),
        ("refused", 0, world.reporter.username),
    ]
    assert imports[0]["model"] == "reports.progressreport" and imports[0]["new"] == 1
    assert "vượt giới hạn" in imports[1]["reason"]
    assert imports[2]["unit"] == "hau-giang-truoc-2025"


def test_the_command_logs_its_imports(world, rows, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="portal.security")
    path = tmp_path / "bao-cao.csv"
    path.write_bytes(csv_bytes(HEADERS, rows))
    call_command("import_sheet", "reports", str(path), user=world.reporter.username)
    imports = [e for e in _events(caplog) if e["event"] == "import"]
    assert [(e["result"], e["rows"], e["user"], e["source"]) for e in imports] == [
        ("ok", 1, world.reporter.username, "import_sheet")
    ]
