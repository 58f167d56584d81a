"""Importing and exporting commitments: strict, all or nothing, errors by row and column."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from agreements.models import Agency, Commitment, Sector, Stage
from agreements.resources import CommitmentResource
from agreements.tests.factories import CommitmentFactory, SectorFactory, bilateral, unit
from agreements.tests.sheets import (
    counts,
    csv_bytes,
    errors_of,
    export_bytes,
    queries_of_import,
    run_import,
    sheet,
)
from agreements.widgets import UnitWidget
from portal.lib.importing import CsvFormat, ImportFileError, XlsxFormat, parse_date, parse_number

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kept_uploads(settings, tmp_path):
    """Uploads kept between preview and confirm go to a folder of this test's own."""
    settings.IMPORT_UPLOAD_DIR = tmp_path / "imports"


HEADERS = [
    "Thỏa thuận",
    "Lĩnh vực",
    "STT",
    "Nội dung hợp tác",
    "Mô tả",
    "Bên cam kết",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Bắt đầu",
    "Hoàn thành trước",
    "Tiến độ",
]


def row(**changes):
    values = {
        "Thỏa thuận": "ct-hg-2021",
        "Lĩnh vực": "Giao thông vận tải",
        "STT": 1,
        "Nội dung hợp tác": "Nâng cấp tuyến đường kết nối Cần Thơ - Hậu Giang",
        "Mô tả": "Tuyến dài 12 km",
        "Bên cam kết": "hau giang",
        "Cơ quan chủ trì": "Sở Giao thông vận tải",
        "Cơ quan phối hợp": "Sở Kế hoạch và Đầu tư; sở giao thông vận tải (Cần Thơ)",
        "Bắt đầu": "01/03/2021",
        "Hoàn thành trước": "31/12/2025",
        "Tiến độ": "đang triển khai",
    }
    values.update(changes)
    return [values[h] for h in HEADERS]


@pytest.fixture
def world(units):
    agreement = bilateral(slug="ct-hg-2021", title="Chương trình hợp tác Cần Thơ - Hậu Giang")
    other = bilateral(
        slug="hcm-la",
        title="Hồ Chí Minh - Long An",
        first="ho-chi-minh-truoc-2025",
        second="long-an-truoc-2025",
    )
    SectorFactory(slug="giao-thong", name="Giao thông vận tải")
    hau_giang, can_tho = unit("hau-giang-truoc-2025"), unit("can-tho-truoc-2025")
    agencies = {
        "hg_transport": Agency.objects.create(unit=hau_giang, name="Sở Giao thông vận tải"),
        "hg_planning": Agency.objects.create(unit=hau_giang, name="Sở Kế hoạch và Đầu tư"),
        "ct_transport": Agency.objects.create(unit=can_tho, name="Sở Giao thông vận tải"),
    }
    return {"agreement": agreement, "other": other, **agencies}


@pytest.fixture
def planner(world, planner):
    """conftest.py's planning officer of Cần Thơ, with this module's agreements in place."""
    return planner


@pytest.fixture
def viewer(world, viewer):
    """conftest.py's viewer, with this module's agreements in place."""
    return viewer


def test_a_dry_run_checks_every_row_and_writes_nothing(planner):
    result = run_import(
        CommitmentResource, sheet("xlsx", HEADERS, [row()]), "xlsx", planner, dry_run=True
    )
    assert counts(result) == {"new": 1}
    assert Commitment.objects.count() == 0


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_real_run_writes_the_commitment_with_its_agencies(planner, world, kind):
    result = run_import(CommitmentResource, sheet(kind, HEADERS, [row()]), kind, planner)
    assert errors_of(result) == []
    commitment = Commitment.objects.get()
    assert commitment.agreement == world["agreement"]
    assert commitment.committing_unit.key == "hau-giang-truoc-2025"
    assert commitment.lead_agency == world["hg_transport"]  # the committing unit's, not Cần Thơ's
    assert set(commitment.supporting_agencies.all()) == {
        world["hg_planning"],
        world["ct_transport"],
    }
    assert (commitment.start_on, commitment.due_on) == (dt.date(2021, 3, 1), dt.date(2025, 12, 31))
    assert commitment.stage == Stage.IMPLEMENTING
    assert {h.history_user for h in commitment.history.all()} == {planner}


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_exporting_and_reimporting_the_same_file_changes_nothing(planner, world, kind):
    run_import(
        CommitmentResource,
        sheet("xlsx", HEADERS, [row(), row(**{"Nội dung hợp tác": "B", "STT": 2})]),
        "xlsx",
        planner,
    )
    CommitmentFactory(agreement=world["agreement"], title="=SUM(A1) không phải công thức")
    before = list(Commitment.objects.values_list("pk", "version", "updated_at"))
    result = run_import(CommitmentResource, export_bytes(CommitmentResource, kind), kind, planner)
    assert errors_of(result) == []
    assert counts(result) == {"skip": 3}
    assert list(Commitment.objects.values_list("pk", "version", "updated_at")) == before


def test_a_row_is_found_again_by_agreement_and_title_ignoring_accents_and_case(planner):
    run_import(CommitmentResource, sheet("csv", HEADERS, [row()]), "csv", planner)
    changed = row(
        **{
            "Nội dung hợp tác": "NANG CAP TUYEN DUONG KET NOI CAN THO - HAU GIANG",
            "Tiến độ": "hoàn thành",
        }
    )
    result = run_import(CommitmentResource, sheet("csv", HEADERS, [changed]), "csv", planner)
    assert counts(result) == {"update": 1}
    commitment = Commitment.objects.get()
    assert (commitment.stage, commitment.version) == (Stage.COMPLETED, 2)


@pytest.mark.parametrize("written", ["hau giang", "Tỉnh Hậu Giang", "HẬU GIANG", 93, "93"])
def test_a_unit_is_matched_by_name_ignoring_accents_and_case_or_by_code(planner, written):
    result = run_import(
        CommitmentResource,
        sheet("xlsx", HEADERS, [row(**{"Bên cam kết": written})]),
        "xlsx",
        planner,
    )
    assert errors_of(result) == []
    assert Commitment.objects.get().committing_unit.key == "hau-giang-truoc-2025"


def test_a_reused_code_or_name_means_the_unit_valid_on_the_signing_day(units):
    widget = UnitWidget()
    assert widget.clean(91, on_date=dt.date(2021, 2, 26)).key == "kien-giang-truoc-2025"
    assert widget.clean("91", on_date=dt.date(2025, 8, 1)).key == "an-giang"
    assert widget.clean("An Giang", on_date=dt.date(2021, 2, 26)).key == "an-giang-truoc-2025"
    assert widget.clean("tp. cần thơ", on_date=dt.date(2026, 1, 1)).key == "can-tho"
    with pytest.raises(ValueError, match="có thể là"):
        widget.clean("An Giang")
    with pytest.raises(ValueError, match="không còn tồn tại vào ngày 01/08/2025"):
        widget.clean("Hậu Giang", on_date=dt.date(2025, 8, 1))


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("Bắt đầu", "31/02/2025", "không có trên lịch"),
        ("Hoàn thành trước", "12/31/2025", "tháng/ngày/năm"),
        ("Hoàn thành trước", "next year", "không phải là ngày"),
        ("Bên cam kết", "Atlantis", "Không tìm thấy đơn vị hành chính"),
        ("Bên cam kết", "Hồ Chí Minh", "không phải là một bên của thỏa thuận"),
        ("Thỏa thuận", "khong-co-thoa-thuan", "Không tìm thấy thỏa thuận"),
        ("Lĩnh vực", "Vũ trụ", "Không có lĩnh vực"),
        ("Cơ quan chủ trì", "Sở Ngoại giao", "Không tìm thấy cơ quan"),
        ("Mô tả", '=HYPERLINK("http://x.example","bấm")', "công thức"),
        ("Mô tả", "-2+3", "công thức"),
        ("Mô tả", "@SUM(A1)", "công thức"),
        ("STT", "1,5", "số nguyên"),
        ("Tiến độ", "xong rồi", "Không hiểu"),
        ("Nội dung hợp tác", "", "trường này"),
    ],
)
def test_a_bad_cell_is_reported_with_row_and_column_and_nothing_is_written(
    planner, column, value, reason
):
    rows = [row(**{"Nội dung hợp tác": "Dòng tốt"}), row(**{column: value})]
    result = run_import(CommitmentResource, sheet("csv", HEADERS, rows), "csv", planner)
    errors = errors_of(result)
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"Dòng 3, cột “{column}”:")
    assert reason.lower() in errors[0].lower()
    assert Commitment.objects.count() == 0


def test_a_leading_apostrophe_keeps_formula_looking_text_as_text(planner):
    run_import(
        CommitmentResource,
        sheet("csv", HEADERS, [row(**{"Mô tả": "'=1+1 là phép cộng"})]),
        "csv",
        planner,
    )
    assert Commitment.objects.get().description == "=1+1 là phép cộng"


def test_a_dash_followed_by_a_space_is_ordinary_text(planner):
    run_import(
        CommitmentResource,
        sheet("csv", HEADERS, [row(**{"Mô tả": "- làm đường\n- làm cầu"})]),
        "csv",
        planner,
    )
    assert Commitment.objects.get().description == "- làm đường\n- làm cầu"


def test_the_same_commitment_twice_in_one_file_is_refused(planner):
    rows = [row(), row(**{"Nội dung hợp tác": "nâng cấp tuyến đường kết nối cần thơ - hậu giang"})]
    result = run_import(CommitmentResource, sheet("xlsx", HEADERS, rows), "xlsx", planner)
    assert errors_of(result) == [
        "Dòng 3, cột “Nội dung hợp tác”: Trùng với dòng 2 (cùng Thỏa thuận, Nội dung hợp tác)."
    ]
    assert Commitment.objects.count() == 0


def test_a_row_of_an_agreement_the_planner_does_not_manage_is_refused(planner):
    rows = [
        row(),
        row(
            **{
                "Thỏa thuận": "Hồ Chí Minh - Long An",
                "Bên cam kết": "",
                "Cơ quan chủ trì": "",
                "Cơ quan phối hợp": "",
            }
        ),
    ]
    result = run_import(CommitmentResource, sheet("xlsx", HEADERS, rows), "xlsx", planner)
    errors = errors_of(result)
    assert len(errors) == 1
    assert errors[0].startswith("Dòng 3, cột “Thỏa thuận”: Bạn không có quyền")
    assert Commitment.objects.count() == 0


def test_a_viewer_may_import_no_commitment(viewer):
    result = run_import(CommitmentResource, sheet("csv", HEADERS, [row()]), "csv", viewer)
    assert errors_of(result)[0].startswith("Dòng 2, cột “Thỏa thuận”: Bạn không có quyền")
    assert Commitment.objects.count() == 0


def test_an_empty_file_is_refused():
    with pytest.raises(ImportFileError, match="không có dòng dữ liệu"):
        CsvFormat().create_dataset(",".join(HEADERS).encode())
    with pytest.raises(ImportFileError, match="Tệp trống"):
        CsvFormat().create_dataset(b"")
    with pytest.raises(ImportFileError, match="không có dòng dữ liệu"):
        XlsxFormat().create_dataset(sheet("xlsx", HEADERS, []))


def test_a_file_of_the_wrong_type_is_refused():
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    with pytest.raises(ImportFileError, match="không phải bảng tính Excel"):
        XlsxFormat().create_dataset(png)
    with pytest.raises(ImportFileError, match="không phải bảng tính Excel"):
        XlsxFormat().create_dataset(b"Thoa thuan,STT\nabc,1\n")
    with pytest.raises(ImportFileError, match="UTF-8"):
        CsvFormat().create_dataset(png.replace(b"\x00", b"\x01"))
    with pytest.raises(ImportFileError, match="không phải tệp văn bản"):
        CsvFormat().create_dataset(sheet("xlsx", HEADERS, [row()]))


def test_unknown_and_missing_columns_are_refused_before_any_row(planner):
    result = run_import(
        CommitmentResource,
        sheet("csv", ["Thoa thuan", "Ghi chú"], [["ct-hg-2021", "x"]]),
        "csv",
        planner,
    )
    assert len(errors_of(result)) == 1
    assert "Không nhận ra cột “Ghi chú”" in errors_of(result)[0]
    result = run_import(
        CommitmentResource, sheet("csv", ["Thỏa thuận", "STT"], [["ct-hg-2021", 1]]), "csv", planner
    )
    assert errors_of(result) == ["Thiếu cột bắt buộc “Nội dung hợp tác”."]


def test_a_semicolon_separated_csv_from_vietnamese_excel_is_read(planner):
    content = csv_bytes(HEADERS, [row()], delimiter=";")
    assert errors_of(run_import(CommitmentResource, content, "csv", planner)) == []
    assert Commitment.objects.count() == 1


def test_vietnamese_numbers_and_dates_are_read_strictly():
    assert parse_number("1.234,5") == Decimal("1234.5")
    assert parse_number("1234,5") == Decimal("1234.5")
    assert parse_number("1.234.567") == Decimal("1234567")
    assert parse_number(1234.5) == Decimal("1234.5")
    assert parse_number("87,5 %") == Decimal("87.5")
    for wrong in ["12.5", "1,234.5", "abc"]:
        with pytest.raises(ValueError):
            parse_number(wrong)
    assert parse_date("05/06/2025") == dt.date(2025, 6, 5)
    assert parse_date(dt.datetime(2025, 6, 5, 0, 0)) == dt.date(2025, 6, 5)
    assert parse_date("2025-06-05") == dt.date(2025, 6, 5)


def test_real_excel_date_and_number_cells_are_read(planner):
    cells = row(
        **{
            "Bắt đầu": dt.datetime(2021, 3, 1),
            "Hoàn thành trước": dt.date(2025, 12, 31),
            "STT": 7.0,
        }
    )
    run_import(CommitmentResource, sheet("xlsx", HEADERS, [cells]), "xlsx", planner)
    commitment = Commitment.objects.get()
    assert (commitment.start_on, commitment.due_on, commitment.number) == (
        dt.date(2021, 3, 1),
        dt.date(2025, 12, 31),
        7,
    )


# --- admin ------------------------------------------------------------------------------


def _upload(client, content: bytes, name: str, fmt: str = "0"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name, content)
    return client.post(
        reverse("admin:agreements_commitment_import"),
        {"import_file": upload, "format": fmt, "resource": "0"},
    )


def test_a_planner_imports_through_the_admin_upload_then_confirm(client, planner):
    client.force_login(planner)
    assert client.get(reverse("admin:agreements_commitment_import")).status_code == 200
    response = _upload(client, sheet("xlsx", HEADERS, [row()]), "noi-dung.xlsx")
    assert response.status_code == 200
    confirm = response.context["confirm_form"]
    assert confirm is not None and Commitment.objects.count() == 0
    response = client.post(reverse("admin:agreements_commitment_process_import"), confirm.initial)
    assert response.status_code == 302
    assert Commitment.objects.count() == 1


def test_an_import_that_fails_at_confirmation_writes_nothing_and_says_why(client, planner):
    client.force_login(planner)
    confirm = _upload(client, sheet("xlsx", HEADERS, [row()]), "x.xlsx").context["confirm_form"]
    Sector.objects.all().delete()  # somebody else changed the data in between
    response = client.post(
        reverse("admin:agreements_commitment_process_import"), confirm.initial, follow=True
    )
    shown = [str(m) for m in response.context["messages"]]
    assert "Dòng 2, cột “Lĩnh vực”: Không có lĩnh vực “Giao thông vận tải”." in shown
    assert Commitment.objects.count() == 0


def test_blank_lines_between_rows_are_ignored(planner):
    rows = [row(), [None] * len(HEADERS), row(**{"Nội dung hợp tác": "B"}), [""] * len(HEADERS)]
    result = run_import(CommitmentResource, sheet("xlsx", HEADERS, rows), "xlsx", planner)
    assert errors_of(result) == [] and counts(result) == {"new": 2}


def test_the_admin_shows_row_errors_and_offers_no_confirmation(client, planner):
    client.force_login(planner)
    response = _upload(
        client,
        sheet("xlsx", HEADERS, [row(), row(**{"Bắt đầu": "31/02/2025", "Nội dung hợp tác": "B"})]),
        "x.xlsx",
    )
    body = response.content.decode()
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert "Bắt đầu" in body and "31/02/2025" in body and "không có trên lịch" in body
    assert Commitment.objects.count() == 0


def test_the_admin_refuses_a_file_whose_type_does_not_match(client, planner):
    client.force_login(planner)
    response = _upload(client, b"just text", "ghi-chu.txt", fmt="1")
    assert "không phải tệp .csv" in response.content.decode()
    response = _upload(client, b"\x89PNG\r\n\x1a\n\x00\x00", "anh.xlsx", fmt="0")
    assert "không phải bảng tính Excel" in response.content.decode()


def test_the_admin_says_why_a_whole_file_is_refused(client, planner):
    client.force_login(planner)
    body = _upload(
        client, sheet("csv", ["Thỏa thuận", "Ghi chú"], [["x", "y"]]), "x.csv", fmt="1"
    ).content.decode()
    assert "Không nhận ra cột “Ghi chú”" in body and "Traceback" not in body
    body = _upload(client, ",".join(HEADERS).encode(), "x.csv", fmt="1").content.decode()
    assert "không có dòng dữ liệu" in body
    assert Commitment.objects.count() == 0


def test_a_viewer_is_refused_the_import_page(client, viewer):
    client.force_login(viewer)
    assert client.get(reverse("admin:agreements_commitment_import")).status_code == 403
    assert _upload(client, sheet("xlsx", HEADERS, [row()]), "x.xlsx").status_code == 403
    assert Commitment.objects.count() == 0


def test_the_changelist_offers_import_export_and_the_change_form_keeps_history(
    client, planner, world
):
    commitment = CommitmentFactory(agreement=world["agreement"])
    client.force_login(planner)
    body = client.get(reverse("admin:agreements_commitment_changelist")).content.decode()
    assert reverse("admin:agreements_commitment_import") in body
    assert reverse("admin:agreements_commitment_export") in body
    body = client.get(
        reverse("admin:agreements_commitment_change", args=[commitment.pk])
    ).content.decode()
    assert reverse("admin:agreements_commitment_history", args=[commitment.pk]) in body


def _export(client, fmt="0"):
    data = {"format": fmt, "resource": "0"}
    data.update({f"commitmentresource_{name}": "on" for name in CommitmentResource.Meta.fields})
    return client.post(reverse("admin:agreements_commitment_export"), data)


def test_the_admin_export_neutralises_formulas_and_keeps_numbers_and_dates_native(
    client, planner, world
):
    CommitmentFactory(
        agreement=world["agreement"],
        title="=1+1",
        description="'trích dẫn",
        number=3,
        due_on=dt.date(2025, 6, 30),
    )
    client.force_login(planner)
    response = _export(client)
    assert response.status_code == 200
    sheet_ = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet_[1]]
    values = dict(zip(header, [c.value for c in sheet_[2]], strict=True))
    assert values["Nội dung hợp tác"] == "'=1+1"
    assert values["Mô tả"] == "''trích dẫn"
    assert values["STT"] == 3
    assert values["Hoàn thành trước"] == dt.datetime(2025, 6, 30)
    assert sheet_["J2"].number_format == "DD/MM/YYYY"


def test_the_admin_export_query_count_does_not_grow_with_rows(
    client, planner, world, django_assert_num_queries
):
    for n in range(25):
        commitment = CommitmentFactory(
            agreement=world["agreement"], title=f"Nội dung {n}", lead_agency=world["hg_transport"]
        )
        commitment.supporting_agencies.set([world["hg_planning"], world["ct_transport"]])
    client.force_login(planner)
    # 1 savepoint (ATOMIC_REQUESTS), 2 session, 3 user, 4 memberships, 5-6 the units merged
    # into theirs (predecessors, successors), 7-8 the user's and the groups' permissions,
    # the changelist filters' choices: 9 units, 10 units that are parties, 11 sectors,
    # 12 agreements; 13 count, 14 the commitments with agreement, sector, unit and lead
    # agency joined, 15 their supporting agencies, 16 those agencies' units, 17 release.
    # The same on SQLite and PostgreSQL, for 1 row as for 25.
    with django_assert_num_queries(17):
        response = _export(client, fmt="1")
    assert response.status_code == 200
    assert len(response.content.decode("utf-8-sig").splitlines()) == 1 + 25


# --- cost ------------------------------------------------------------------------------------


def _queries(resource_class, content: bytes, user, *, dry_run: bool) -> int:
    return queries_of_import(resource_class, content, user, dry_run=dry_run)


@pytest.mark.parametrize("dry_run", [True, False])
def test_each_row_costs_a_fixed_number_of_queries(planner, dry_run):
    def rows(n):
        return [row(**{"Nội dung hợp tác": f"Nội dung {i}", "STT": i}) for i in range(n)]

    few = _queries(CommitmentResource, sheet("csv", HEADERS, rows(5)), planner, dry_run=dry_run)
    Commitment.objects.all().delete()
    many = _queries(CommitmentResource, sheet("csv", HEADERS, rows(25)), planner, dry_run=dry_run)
    # per row, preview: the row's savepoint and its release, the model's clean() (the
    # agreement's parties); units, agencies, sectors, agreements and the check constraints
    # are answered once per file. Confirm adds the insert; the history row of the save
    # (row written, its excluded ``updated_at`` read back, links read: none yet); the
    # agencies added (existing links read, links written); the history row the link
    # change writes (row written, ``updated_at`` read back, links read, links written).
    per_row = 3 if dry_run else 3 + 1 + 3 + 2 + 4
    assert many - few == 20 * per_row


# django-import-export's own words, as it shows them in English (it ships no Vietnamese)
LIBRARY_ENGLISH = [
    "File to import",
    "Submit",
    "This importer will import the following fields",
    "Below is a preview of data to be imported",
    "Confirm import",
    ">Import<",
    "Skip to main content",
]


def test_the_import_pages_speak_vietnamese(client, planner):
    """The upload page and the preview, in Vietnamese: the library's strings come from
    the project's catalogue (locale/vi)."""
    client.force_login(planner)
    pages = [
        client.get(reverse("admin:agreements_commitment_import")).content.decode(),
        _upload(client, sheet("xlsx", HEADERS, [row()]), "noi-dung.xlsx").content.decode(),
    ]
    for body in pages:
        assert [text for text in LIBRARY_ENGLISH if text in body] == []
    assert "Tệp cần nhập" in pages[0] and "Sẽ nhập các trường sau" in pages[0]
    assert "Xác nhận nhập" in pages[1] and "Dưới đây là bản xem trước" in pages[1]
