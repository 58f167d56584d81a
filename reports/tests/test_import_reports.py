"""Importing and exporting progress reports: drafts only, status untouched, all or nothing."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from agreements.models import Agency, Role, Stage
from agreements.roles import assign_role
from agreements.tests.factories import CommitmentFactory, bilateral, unit
from agreements.tests.sheets import (
    counts,
    csv_bytes,
    errors_of,
    export_bytes,
    queries_of_import,
    run_import,
    sheet,
)
from reports.models import ProgressReport, ReportStatus
from reports.resources import ProgressReportResource, parse_period
from reports.tests.factories import ProgressReportFactory, period

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kept_uploads(settings, tmp_path):
    """Uploads kept between preview and confirm go to a folder of this test's own."""
    settings.IMPORT_UPLOAD_DIR = tmp_path / "imports"


HEADERS = [
    "Thỏa thuận",
    "Nội dung hợp tác",
    "Kỳ",
    "Bên báo cáo",
    "Tiến độ",
    "Tỷ lệ (%)",
    "Kết quả thực hiện",
    "Khó khăn, vướng mắc",
    "Kiến nghị, đề xuất",
    "Nhiệm vụ kỳ tới",
]


def row(**changes):
    values = {
        "Thỏa thuận": "ct-hg-2021",
        "Nội dung hợp tác": "Nâng cấp tuyến đường kết nối",
        "Kỳ": "2024-H1",
        "Bên báo cáo": "Hậu Giang",
        "Tiến độ": "đang triển khai",
        "Tỷ lệ (%)": "45,5",
        "Kết quả thực hiện": "Đã khởi công 3 km",
        "Khó khăn, vướng mắc": "Thiếu vốn đối ứng",
        "Kiến nghị, đề xuất": "Bổ sung vốn trung hạn",
        "Nhiệm vụ kỳ tới": "Hoàn thành nền đường",
    }
    values.update(changes)
    return [values[h] for h in HEADERS]


@pytest.fixture
def world(units):
    agreement = bilateral(slug="ct-hg-2021", title="Chương trình hợp tác Cần Thơ - Hậu Giang")
    transport = Agency.objects.create(
        unit=unit("hau-giang-truoc-2025"), name="Sở Giao thông vận tải"
    )
    road = CommitmentFactory(
        agreement=agreement,
        title="Nâng cấp tuyến đường kết nối",
        lead_agency=transport,
        committing_unit=unit("hau-giang-truoc-2025"),
    )
    park = CommitmentFactory(agreement=agreement, title="Khu công nghiệp chung")
    for year, half in [(2024, 1), (2024, 2), (2025, 2)]:
        period(year, half)
    return {"agreement": agreement, "transport": transport, "road": road, "park": park}


@pytest.fixture
def reporter(world):
    user = User.objects.create_user("so-gtvt-hau-giang")
    assign_role(
        user=user, role=Role.REPORTER, unit=unit("hau-giang-truoc-2025"), agency=world["transport"]
    )
    return user


@pytest.fixture
def planner(world, planner):
    """conftest.py's planning officer of Cần Thơ, with this module's reports in place."""
    return planner


@pytest.fixture
def viewer(world, viewer):
    """conftest.py's viewer, with this module's reports in place."""
    return viewer


def existing(world, status=ReportStatus.DRAFT, **kw):
    now = timezone.now()
    stamps = {}
    if status != ReportStatus.DRAFT:
        stamps["submitted_at"] = now
    if status == ReportStatus.APPROVED:
        stamps["reviewed_at"] = now
    if status == ReportStatus.RETURNED:
        stamps["return_reason"] = "Bổ sung số liệu"
    return ProgressReportFactory(
        commitment=world["road"],
        period=period(2024, 1),
        reporting_unit=unit("hau-giang-truoc-2025"),
        status=status,
        **stamps,
        **kw,
    )


def test_a_dry_run_checks_every_row_and_writes_nothing(reporter):
    result = run_import(
        ProgressReportResource, sheet("xlsx", HEADERS, [row()]), "xlsx", reporter, dry_run=True
    )
    assert errors_of(result) == []
    assert counts(result) == {"new": 1}
    assert ProgressReport.objects.count() == 0


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_real_run_creates_a_draft_written_by_the_importer(reporter, world, kind):
    result = run_import(ProgressReportResource, sheet(kind, HEADERS, [row()]), kind, reporter)
    assert errors_of(result) == []
    report = ProgressReport.objects.get()
    assert (report.commitment, report.period.short_label) == (world["road"], "2024-H1")
    assert report.reporting_unit.key == "hau-giang-truoc-2025"
    assert (report.status, report.created_by) == (ReportStatus.DRAFT, reporter)
    assert (report.stage, report.percent) == (Stage.IMPLEMENTING, Decimal("45.5"))
    assert report.difficulties == "Thiếu vốn đối ứng"
    assert report.history.get().history_user == reporter


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_exporting_and_reimporting_the_same_file_changes_nothing(planner, world, kind):
    existing(world, status=ReportStatus.APPROVED, percent=Decimal("80.0"), achievements="=A1 xong")
    ProgressReportFactory(
        commitment=world["park"], period=period(2025, 2), reporting_unit=unit("can-tho")
    )
    ProgressReportFactory(
        commitment=world["park"],
        period=period(2025, 2),
        reporting_unit=unit("hau-giang-truoc-2025"),
    )
    before = list(ProgressReport.objects.values_list("pk", "version", "status", "updated_at"))
    result = run_import(
        ProgressReportResource, export_bytes(ProgressReportResource, kind), kind, planner
    )
    assert errors_of(result) == []
    assert counts(result) == {"skip": 3}
    assert (
        list(ProgressReport.objects.values_list("pk", "version", "status", "updated_at")) == before
    )


@pytest.mark.parametrize(
    "written", ["2024-H1", "2024 h1", "H1/2024", "6 tháng đầu năm 2024", "6 THANG DAU NAM 2024"]
)
def test_a_period_is_read_in_the_ways_offices_write_it(written):
    assert parse_period(written) == (2024, 1)


def test_a_period_after_next_year_is_refused(reporter):
    later = timezone.localdate().year + 2
    result = run_import(
        ProgressReportResource,
        sheet("csv", HEADERS, [row(**{"Kỳ": f"{later}-H1"})]),
        "csv",
        reporter,
    )
    assert errors_of(result) == [
        f"Dòng 2, cột “Kỳ”: Không có kỳ báo cáo {later}-H1: các kỳ tính từ năm 2016 đến năm sau."
    ]


def test_a_returned_report_gets_new_content_and_keeps_its_status(reporter, world):
    report = existing(world, status=ReportStatus.RETURNED)
    result = run_import(ProgressReportResource, sheet("csv", HEADERS, [row()]), "csv", reporter)
    assert counts(result) == {"update": 1}
    report.refresh_from_db()
    assert (report.status, report.achievements, report.version) == (
        ReportStatus.RETURNED,
        "Đã khởi công 3 km",
        2,
    )


@pytest.mark.parametrize("status", [ReportStatus.SUBMITTED, ReportStatus.APPROVED])
def test_a_submitted_or_approved_report_is_never_overwritten(reporter, world, status):
    report = existing(world, status=status, achievements="Bản đã gửi")
    rows = [row(**{"Kỳ": "2024-H2"}), row()]
    result = run_import(ProgressReportResource, sheet("xlsx", HEADERS, rows), "xlsx", reporter)
    errors = errors_of(result)
    assert len(errors) == 1 and errors[0].startswith("Dòng 3: Báo cáo này đang ở trạng thái")
    report.refresh_from_db()
    assert (report.status, report.achievements) == (status, "Bản đã gửi")
    assert ProgressReport.objects.count() == 1


def test_a_closed_period_refuses_a_reporter_but_not_planning_staff(reporter, planner):
    closed = period(2024, 1)
    closed.closed_at, closed.close_note = timezone.now(), "Hết hạn"
    closed.save()
    result = run_import(ProgressReportResource, sheet("csv", HEADERS, [row()]), "csv", reporter)
    assert errors_of(result) == [
        "Dòng 2, cột “Kỳ”: Kỳ báo cáo 6 tháng đầu năm 2024 đã khóa; chỉ cán bộ kế hoạch sửa được."
    ]
    assert ProgressReport.objects.count() == 0
    result = run_import(ProgressReportResource, sheet("csv", HEADERS, [row()]), "csv", planner)
    assert errors_of(result) == []
    assert ProgressReport.objects.count() == 1


def test_a_reporter_may_report_only_on_their_commitments_for_their_unit(reporter):
    rows = [
        row(),
        row(**{"Nội dung hợp tác": "khu cong nghiep chung"}),
        row(**{"Bên báo cáo": "Cần Thơ"}),
    ]
    result = run_import(ProgressReportResource, sheet("csv", HEADERS, rows), "csv", reporter)
    assert errors_of(result) == [
        "Dòng 3, cột “Nội dung hợp tác”: Bạn không được báo cáo về nội dung hợp tác này.",
        "Dòng 4, cột “Bên báo cáo”: Bạn không được báo cáo thay cho Cần Thơ (đến 30/06/2025).",
    ]
    assert ProgressReport.objects.count() == 0


def test_an_unchanged_row_is_refused_when_the_user_may_not_even_see_the_report(world):
    existing(world, achievements="Bản nháp của Sở Giao thông vận tải")
    other = User.objects.create_user("so-khac")
    agency = Agency.objects.create(unit=unit("hau-giang-truoc-2025"), name="Sở Y tế")
    assign_role(user=other, role=Role.REPORTER, unit=unit("hau-giang-truoc-2025"), agency=agency)
    exported = export_bytes(ProgressReportResource, "csv")
    result = run_import(ProgressReportResource, exported, "csv", other)
    assert errors_of(result) == ["Dòng 2: Bạn không có quyền với báo cáo này."]


def test_a_viewer_may_import_no_report(viewer):
    result = run_import(ProgressReportResource, sheet("csv", HEADERS, [row()]), "csv", viewer)
    assert errors_of(result)
    assert ProgressReport.objects.count() == 0


def test_the_reporting_unit_is_the_unit_that_existed_at_the_end_of_the_period(planner):
    rows = [
        row(**{"Bên báo cáo": "Cần Thơ", "Kỳ": "2024-H1"}),
        row(**{"Bên báo cáo": "thanh pho can tho", "Kỳ": "6 tháng cuối năm 2025"}),
    ]
    result = run_import(ProgressReportResource, sheet("csv", HEADERS, rows), "csv", planner)
    assert errors_of(result) == []
    keys = sorted(ProgressReport.objects.values_list("reporting_unit__key", flat=True))
    assert keys == ["can-tho", "can-tho-truoc-2025"]
    result = run_import(
        ProgressReportResource,
        sheet("csv", HEADERS, [row(**{"Bên báo cáo": "Hậu Giang", "Kỳ": "2025-H2"})]),
        "csv",
        planner,
    )
    assert "không còn tồn tại vào ngày 14/12/2025" in errors_of(result)[0]


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("Tỷ lệ (%)", "1.234,5", "nằm ngoài khoảng từ 0 đến 100"),
        ("Tỷ lệ (%)", "45.5", "dấu phẩy trước phần thập phân"),
        ("Kết quả thực hiện", "+84 người được đào tạo", "công thức"),
        ("Nội dung hợp tác", "Không có nội dung này", "không có nội dung"),
        ("Bên báo cáo", "Hậu Giang Mới", "Không tìm thấy đơn vị"),
        ("Tiến độ", "", "trường này"),
    ],
)
def test_a_bad_cell_is_reported_with_row_and_column_and_nothing_is_written(
    reporter, column, value, reason
):
    rows = [row(**{"Kỳ": "2024-H2"}), row(**{column: value})]
    result = run_import(ProgressReportResource, sheet("csv", HEADERS, rows), "csv", reporter)
    errors = errors_of(result)
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"Dòng 3, cột “{column}”:")
    assert reason.lower() in errors[0].lower()
    assert ProgressReport.objects.count() == 0


def test_the_same_report_twice_in_one_file_is_refused(reporter):
    rows = [row(), row(**{"Kỳ": "6 tháng đầu năm 2024", "Bên báo cáo": "93"})]
    result = run_import(ProgressReportResource, sheet("xlsx", HEADERS, rows), "xlsx", reporter)
    assert errors_of(result) == [
        "Dòng 3, cột “Bên báo cáo”: Trùng với dòng 2 (cùng Nội dung hợp tác, Kỳ, Bên báo cáo)."
    ]
    assert ProgressReport.objects.count() == 0


# --- the command --------------------------------------------------------------------------


def write(tmp_path, name: str, content: bytes):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_the_command_dry_run_counts_and_writes_nothing(reporter, tmp_path, capsys):
    path = write(
        tmp_path, "bao-cao.xlsx", sheet("xlsx", HEADERS, [row(), row(**{"Kỳ": "2024-H2"})])
    )
    call_command("import_sheet", "reports", str(path), user=reporter.username, dry_run=True)
    out = capsys.readouterr().out
    assert "Mới: 2, cập nhật: 0, không đổi: 0." in out and "Chạy thử" in out
    assert ProgressReport.objects.count() == 0
    call_command("import_sheet", "reports", str(path), user=reporter.username)
    assert ProgressReport.objects.count() == 2


def test_the_command_prints_row_errors_and_fails_without_writing(reporter, tmp_path, capsys):
    path = write(tmp_path, "bao-cao.csv", csv_bytes(HEADERS, [row(), row(**{"Tỷ lệ (%)": "abc"})]))
    with pytest.raises(CommandError, match="không dòng nào được ghi"):
        call_command("import_sheet", "reports", str(path), user=reporter.username)
    assert "Dòng 3, cột “Tỷ lệ (%)”:" in capsys.readouterr().err
    assert ProgressReport.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("bao-cao.txt", b"Thoa thuan\nabc\n", "Chỉ nhập được tệp .xlsx hoặc .csv"),
        ("anh.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "không phải bảng tính Excel"),
        ("trong.csv", ",".join(HEADERS).encode(), "không có dòng dữ liệu"),
        ("trong.xlsx", sheet("xlsx", HEADERS, []), "không có dòng dữ liệu"),
    ],
)
def test_the_command_refuses_an_empty_file_or_a_file_of_the_wrong_type(
    reporter, tmp_path, name, content, reason
):
    path = write(tmp_path, name, content)
    with pytest.raises(CommandError, match=reason):
        call_command("import_sheet", "reports", str(path), user=reporter.username)
    assert ProgressReport.objects.count() == 0


def test_the_command_refuses_a_user_without_the_permission(viewer, tmp_path):
    path = write(
        tmp_path,
        "noi-dung.csv",
        csv_bytes(["Thỏa thuận", "Nội dung hợp tác"], [["ct-hg-2021", "X"]]),
    )
    with pytest.raises(CommandError, match="không có quyền"):
        call_command("import_sheet", "commitments", str(path), user=viewer.username)


# --- admin -------------------------------------------------------------------------------


def _upload(client, content: bytes, name: str):
    upload = SimpleUploadedFile(name, content)
    url = reverse("admin:reports_progressreport_import")
    return client.post(url, {"import_file": upload, "format": "1", "resource": "0"})


def test_a_reporter_imports_through_the_admin_upload_then_confirm(client, reporter):
    client.force_login(reporter)
    response = _upload(client, csv_bytes(HEADERS, [row()]), "bao-cao.csv")
    confirm = response.context["confirm_form"]
    assert confirm is not None and ProgressReport.objects.count() == 0
    response = client.post(reverse("admin:reports_progressreport_process_import"), confirm.initial)
    assert response.status_code == 302
    assert ProgressReport.objects.get().status == ReportStatus.DRAFT


def test_a_viewer_is_refused_the_import_page(client, viewer):
    client.force_login(viewer)
    assert client.get(reverse("admin:reports_progressreport_import")).status_code == 403
    assert _upload(client, csv_bytes(HEADERS, [row()]), "bao-cao.csv").status_code == 403
    assert ProgressReport.objects.count() == 0


def test_the_admin_export_query_count_does_not_grow_with_rows(
    client, planner, world, django_assert_num_queries
):
    for n in range(22):
        commitment = CommitmentFactory(agreement=world["agreement"], title=f"Nội dung số {n}")
        ProgressReportFactory(
            commitment=commitment, period=period(2024, 1), reporting_unit=unit("can-tho-truoc-2025")
        )
    data = {"format": "0", "resource": "0"}
    data.update({f"progressreportresource_{n}": "on" for n in ProgressReportResource.Meta.fields})
    client.force_login(planner)
    # 1 savepoint (ATOMIC_REQUESTS), 2 session, 3 user, 4 memberships, 5-6 the units
    # merged into theirs (predecessors, successors), 7-8 the user's and the groups'
    # permissions, the changelist filters' choices: 9 periods, 10 reporting units in
    # scope, 11 sectors; 12 the reports with commitment, agreement, sector, period and unit
    # joined, 13 release. The same on SQLite and PostgreSQL, for 1 row as for 22.
    with django_assert_num_queries(13):
        response = client.post(reverse("admin:reports_progressreport_export"), data)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(
        openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    )
    assert len(rows) == 1 + 22


# --- cost ------------------------------------------------------------------------------------


def _queries(content: bytes, user, *, dry_run: bool) -> int:
    return queries_of_import(ProgressReportResource, content, user, dry_run=dry_run)


@pytest.mark.parametrize("dry_run", [True, False])
def test_each_row_costs_a_fixed_number_of_queries(world, planner, dry_run):
    for n in range(25):
        CommitmentFactory(agreement=world["agreement"], title=f"Nội dung số {n}")

    def rows(n):
        return [row(**{"Nội dung hợp tác": f"Nội dung số {i}"}) for i in range(n)]

    few = _queries(csv_bytes(HEADERS, rows(5)), planner, dry_run=dry_run)
    ProgressReport.objects.all().delete()
    many = _queries(csv_bytes(HEADERS, rows(25)), planner, dry_run=dry_run)
    # per row, preview: the row's savepoint and its release. The model's clean() (the
    # agreement's parties and their successors, kept on the agreement) and the change
    # permission (the user's commitments, read once per request), like commitments,
    # periods, units, existing reports and the check constraints, are answered once per
    # file. Confirm adds the insert and its history row.
    per_row = 2 if dry_run else 2 + 2
    assert many - few == 20 * per_row
