"""The review workbook, the consolidated report and the CSV, opened as their readers would."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from agreements.tests.factories import CommitmentFactory, IndicatorFactory, SectorFactory
from reports import exports
from reports.exports.rows import in_million_dong
from reports.models import IndicatorValue, ReportStatus
from reports.tests.factories import ProgressReportFactory, period

pytestmark = pytest.mark.django_db

SECRET = "Bản nháp chưa duyệt — không được công bố"
FORMULAS = ['=HYPERLINK("http://x")', "+84 tỷ đồng", "-Đã khởi công", "@SUM(A1)"]
ANNEX_HEADERS = [
    "STT",
    "Nội dung hợp tác",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian thực hiện",
    None,
    "Kết quả thực hiện",
    "Tiến độ",
    "Tỷ lệ hoàn thành (%)",
    "Khó khăn, vướng mắc",
    "Kiến nghị, đề xuất",
    "Ghi chú",
    "Chỉ tiêu",
]


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def approved(commitment, the_period, unit, **values):
    values.setdefault("achievements", f"Kết quả của {commitment.title}")
    return ProgressReportFactory(
        commitment=commitment,
        period=the_period,
        reporting_unit=unit,
        status=ReportStatus.APPROVED,
        submitted_at=at(the_period.department_due - dt.timedelta(days=1)),
        reviewed_at=at(the_period.consolidated_due, 15),
        **values,
    )


def add_commitments(world, count: int, *, start: int = 0) -> list:
    """``count`` more commitments of Cần Thơ – Hậu Giang, each with an approved report."""
    hau_giang = world.units["hau-giang-truoc-2025"]
    h1 = period(2024, 1)
    sectors = [
        SectorFactory(slug="giao-thong", name="Giao thông", order=1),
        SectorFactory(slug="y-te", name="Y tế", order=2),
    ]
    made = []
    for n in range(start, start + count):
        commitment = CommitmentFactory(
            agreement=world.ours,
            sector=sectors[n % 2],
            number=n + 10,
            title=f"Nội dung số {n}",
            lead_agency=world.transport,
        )
        made.append(
            approved(commitment, h1, hau_giang, stage="implementing", percent=Decimal("40"))
        )
    return made


@pytest.fixture
def data(world):
    """The world, plus 2024 reports: approved ones, tricky text, an indicator, a secret draft."""
    hau_giang = world.units["hau-giang-truoc-2025"]
    h1, h2 = period(2024, 1), period(2024, 2)
    world.road.sector = SectorFactory(slug="giao-thong", name="Giao thông", order=1)
    world.road.save()
    world.h1, world.h2 = h1, h2
    world.approved = add_commitments(world, 20)
    tricky = CommitmentFactory(
        agreement=world.ours,
        sector=world.road.sector,
        number=99,
        title=FORMULAS[0],
        lead_agency=world.transport,
    )
    world.tricky = approved(
        tricky,
        h2,
        hau_giang,
        stage="started",
        percent=Decimal("45.5"),
        achievements=FORMULAS[1],
        difficulties=FORMULAS[2],
        recommendations=FORMULAS[3],
    )
    indicator = IndicatorFactory(
        commitment=tricky, name="Vốn đối ứng", unit_of_measure="tỷ đồng", target=Decimal("12")
    )
    IndicatorValue.objects.create(report=world.tricky, indicator=indicator, value=Decimal("3.5"))
    world.approved.append(world.tricky)
    world.road_h2 = approved(world.road, h2, hau_giang, stage="implementing", percent=Decimal("60"))
    world.approved.append(world.road_h2)
    # not approved: the draft of the world, and a submitted one with a secret text
    world.our_report.achievements = SECRET
    world.our_report.save()
    pending = CommitmentFactory(
        agreement=world.ours,
        sector=world.road.sector,
        number=98,
        title="Cầu Vàm Cống",
        lead_agency=world.transport,
    )
    world.submitted = ProgressReportFactory(
        commitment=pending,
        period=h2,
        reporting_unit=hau_giang,
        status=ReportStatus.SUBMITTED,
        submitted_at=at(h2.department_due),
        achievements=SECRET,
    )
    return world


def review(world, *, staff=False):
    scope = exports.scope_for_agreement(
        agreement=world.ours, year=2024, include_unapproved=staff, today=dt.date(2025, 1, 10)
    )
    out = io.BytesIO()
    exports.build_review_workbook(scope=scope, out=out)
    out.seek(0)
    return load_workbook(out)


def numbered(row) -> bool:
    """A numbered table row. Numbers are numbers to a spreadsheet: some writers store
    1 as "1.0", which openpyxl reads as a float."""
    return isinstance(row[0], int | float) and float(row[0]).is_integer()


def header_row(ws, label="STT"):
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == label:
            return row[0].row
    raise AssertionError(f"no header row in {ws.title}")


def table(ws):
    """Rows below the header as lists of values."""
    start = header_row(ws)
    return [[c.value for c in row] for row in ws.iter_rows(min_row=start + 1)]


def all_text(workbook) -> str:
    return "\n".join(
        str(cell.value)
        for ws in workbook.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None
    )


# --- the review workbook ----------------------------------------------------------------------------


def test_the_public_workbook_has_its_sheets_in_order(data):
    workbook = review(data)
    assert workbook.sheetnames == [
        "Tổng hợp",
        "Phụ lục tiến độ",
        "Các báo cáo 2024",
        "Kết quả chỉ tiêu",
        "Hội nghị sơ kết",
    ]


def test_the_annex_has_the_official_columns_and_sectors_under_roman_numerals(data):
    ws = review(data)["Phụ lục tiến độ"]
    top = header_row(ws)
    assert [c.value for c in ws[top]][: len(ANNEX_HEADERS)] == ANNEX_HEADERS
    assert [c.value for c in ws[top + 1]][4:6] == ["Bắt đầu", "Hoàn thành"]
    assert [c.value for c in ws[top + 1]][12:17] == [
        "Tên chỉ tiêu",
        "Đơn vị tính",
        "Mục tiêu",
        "Kết quả",
        "Đạt so với mục tiêu",
    ]
    # the table prints one page wide: the title block is centred over all its columns
    titles = [next((c.value for c in ws[r] if c.value), None) for r in range(1, top)]
    assert titles[0] == "PHỤ LỤC" and ws["A1"].value == "PHỤ LỤC"
    assert "A1:Q1" in {str(r) for r in ws.merged_cells.ranges}
    assert any("Kèm theo Báo cáo số" in (t or "") for t in titles)
    assert "Đơn vị tính tiền: triệu đồng" in titles
    rows = [r for r in table(ws)[1:] if r[0] is not None]
    headings = [(r[0], r[1]) for r in rows if isinstance(r[0], str)]
    assert headings == [("I", "Giao thông"), ("II", "Y tế")]
    numbers = [r[0] for r in rows if numbered(r)]
    assert numbers == list(range(1, len(numbers) + 1))  # numbered continuously
    assert len(numbers) == 23  # road, 20 numbered, the tricky one, the pending one


def test_every_approved_report_of_the_year_appears_once_and_no_other(data):
    workbook = review(data)
    rows = table(workbook["Các báo cáo 2024"])
    ids = [row[15] for row in rows]
    assert sorted(ids) == sorted(r.pk for r in data.approved)
    assert len(ids) == len(set(ids))
    assert data.submitted.pk not in ids and data.our_report.pk not in ids
    assert SECRET not in all_text(workbook)
    assert "Trạng thái" not in [
        c.value for c in workbook["Các báo cáo 2024"][header_row(workbook["Các báo cáo 2024"])]
    ]


def test_numbers_and_dates_are_real_values_with_vietnamese_friendly_formats(data):
    workbook = review(data)
    ws = workbook["Các báo cáo 2024"]
    row = next(r for r in ws.iter_rows(min_row=header_row(ws) + 1) if r[15].value == data.tricky.pk)
    percent, sent = row[7], row[12]
    assert percent.value == 45.5 and percent.data_type == "n" and percent.number_format == "#,##0.0"
    assert isinstance(sent.value, dt.datetime) and sent.number_format == "dd/mm/yyyy"
    assert sent.value.date() == data.h2.department_due - dt.timedelta(days=1)
    annex = workbook["Phụ lục tiến độ"]
    line = next(r for r in annex.iter_rows() if r[12].value == "Vốn đối ứng")
    assert line[13].value == "triệu đồng"  # money in millions of đồng
    assert (line[14].value, line[15].value) == (12000, 3500)
    assert line[16].number_format == "0.0%" and abs(line[16].value - 3.5 / 12) < 1e-9
    assert isinstance(line[4].value, dt.datetime) or line[4].value is None
    cover = workbook["Tổng hợp"]
    made = next(r for r in cover.iter_rows() if r[0].value == "Ngày lập")
    assert made[1].value == dt.datetime(2025, 1, 10) and made[1].number_format == "dd/mm/yyyy"


def test_sheets_have_frozen_headers_filters_and_print_set_up(data):
    workbook = review(data)
    for name in ("Phụ lục tiến độ", "Các báo cáo 2024", "Kết quả chỉ tiêu"):
        ws = workbook[name]
        last_header = header_row(ws) + (1 if name == "Phụ lục tiến độ" else 0)
        assert ws.freeze_panes.endswith(str(last_header + 1)), name
        assert ws.auto_filter.ref.startswith(f"A{last_header}:"), name
        assert ws.print_title_rows == f"${header_row(ws)}:${last_header}", name
        assert ws.page_setup.orientation == "landscape"
        # fitToWidth left out means 1 (the default of ECMA-376), which some writers rely on;
        # every table prints one page wide (test_workbooks_print.py prints them)
        assert (ws.page_setup.fitToWidth or 1) == 1 and ws.page_setup.fitToHeight == 0
        assert ws.print_title_cols is None
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.column_dimensions["B"].width >= 18
    header = workbook["Phụ lục tiến độ"].cell(row=header_row(workbook["Phụ lục tiến độ"]), column=2)
    assert header.font.b and header.alignment.wrap_text


def test_text_that_looks_like_a_formula_stays_text_in_the_workbook(data):
    workbook = review(data)
    cells = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    for text in FORMULAS:
        found = [c for c in cells if c.value == text]
        assert found, text
        assert all(c.data_type == "s" and c.quotePrefix for c in found), text


def test_the_cover_counts_reports_and_commitments(data):
    cover = review(data)["Tổng hợp"]
    rows = [[c.value for c in r] for r in cover.iter_rows()]
    h1 = next(r for r in rows if r[0] == "6 tháng đầu năm 2024")
    # expected: 23 commitments + the bridge-less world: road, 20, tricky, pending (H1)
    assert h1[2:7] == [23, 20, 20, 3, 3]
    assert any(r[0] == "Trong đó: chỉ mang tính hình thức" for r in rows)
    sectors = [r[0] for r in rows if r[0] in ("Giao thông", "Y tế")]
    assert sectors == ["Giao thông", "Y tế"]


def test_the_staff_workbook_includes_unapproved_reports_clearly_marked(data):
    workbook = review(data, staff=True)
    assert all(name.endswith("(nội bộ)") for name in workbook.sheetnames)
    ws = workbook["Các báo cáo 2024 (nội bộ)"]
    header = [c.value for c in ws[header_row(ws)]]
    assert header[-1] == "Trạng thái"
    rows = {row[15]: row for row in table(ws)}
    assert rows[data.submitted.pk][-1] == "đã gửi"
    assert rows[data.our_report.pk][-1] == "bản nháp"
    marked = next(r for r in ws.iter_rows() if r[15].value == data.submitted.pk)
    assert marked[1].fill.fgColor.rgb.endswith("FFF2CC")
    assert "BẢN NỘI BỘ" in workbook["Tổng hợp (nội bộ)"]["A3"].value


def test_a_unit_workbook_covers_the_units_that_merged_into_it(data):
    scope = exports.scope_for_unit(
        unit=data.units["can-tho"], year=2024, today=dt.date(2025, 1, 10)
    )
    assert [a.pk for a in scope.agreements] == [data.ours.pk]  # not Cà Mau's
    out = io.BytesIO()
    exports.build_review_workbook(scope=scope, out=out)
    assert "Thành phố Cần Thơ" in all_text(load_workbook(io.BytesIO(out.getvalue())))


# --- the consolidated report ---------------------------------------------------------------------------


def consolidated(world, half=1, staff=False):
    scope = exports.scope_for_unit(
        unit=world.units["can-tho"],
        year=2024,
        half=half,
        include_unapproved=staff,
        today=dt.date(2025, 1, 10),
    )
    out = io.BytesIO()
    exports.build_consolidated_workbook(scope=scope, out=out)
    out.seek(0)
    return load_workbook(out)


def test_the_consolidated_report_follows_the_usual_outline(data):
    workbook = consolidated(data)
    assert workbook.sheetnames == [
        "Tổng hợp",
        "Báo cáo",
        "Phụ lục tiến độ",
        "Báo cáo còn thiếu",
        "Các báo cáo 2024-H1",
    ]
    body = workbook["Báo cáo"]
    sections = [
        (r[0].value, r[1].value)
        for r in body.iter_rows()
        if r[0].value in ("I", "II", "III", "IV", "V")
    ]
    assert sections == [
        ("I", "KẾT QUẢ THỰC HIỆN"),
        ("II", "HẠN CHẾ VÀ NGUYÊN NHÂN"),
        ("III", "KHÓ KHĂN, VƯỚNG MẮC"),
        ("IV", "NHIỆM VỤ KỲ TỚI"),
        ("V", "KIẾN NGHỊ, ĐỀ XUẤT"),
    ]
    text = all_text(workbook)
    assert "Số liệu từ 15/12/2023 đến 14/06/2024" in text
    assert SECRET not in text and "Nội dung số 7" in text


def test_every_approved_report_of_the_period_appears_once_in_the_consolidated_report(data):
    workbook = consolidated(data)
    ids = [row[15] for row in table(workbook["Các báo cáo 2024-H1"])]
    expected = [r.pk for r in data.approved if r.period_id == data.h1.pk]
    assert sorted(ids) == sorted(expected) and len(expected) == 20
    assert data.our_report.pk not in ids


def test_the_consolidated_report_lists_the_missing_reports(data):
    missing = consolidated(data)["Báo cáo còn thiếu"]
    rows = [r for r in table(missing) if numbered(r)]
    titles = sorted(r[2] for r in rows)
    assert titles == sorted([FORMULAS[0], "Cầu Vàm Cống", "Đường tỉnh 931B"])
    assert {r[6] for r in rows} == {"chưa có báo cáo được duyệt"}
    assert all(not c.fill.fgColor.rgb.endswith("FFF2CC") for r in missing.iter_rows() for c in r)
    staff = consolidated(data, staff=True)["Báo cáo còn thiếu (nội bộ)"]
    states = {r[2]: r[6] for r in table(staff) if numbered(r)}
    assert states["Đường tỉnh 931B"] == "bản nháp"


def test_a_consolidated_report_needs_a_unit_and_a_period(data):
    scope = exports.scope_for_agreement(agreement=data.ours, year=2024)
    with pytest.raises(ValueError):
        exports.build_consolidated_workbook(scope=scope, out=io.BytesIO())


@pytest.fixture
def english(monkeypatch):
    """An English catalogue with a few of the workbook's labels (the real one is maintained
    with the other translations)."""
    from django.utils.translation import trans_real

    en = trans_real.translation("en")
    catalog = trans_real.TranslationCatalog()
    words = {"Tổng hợp": "Summary", "Phụ lục tiến độ": "Progress annex", "STT": "No."}
    catalog._catalogs = [words, *en._catalog._catalogs]
    monkeypatch.setattr(en, "_catalog", catalog)


def test_labels_follow_the_active_language(data, english):
    from django.utils import translation

    with translation.override("en"):
        workbook = review(data)
    assert workbook.sheetnames[:2] == ["Summary", "Progress annex"]
    annex = workbook["Progress annex"]
    assert annex.cell(row=header_row(annex, "No."), column=1).value == "No."


# --- CSV ----------------------------------------------------------------------------------------------


def test_the_csv_has_a_bom_neutralised_formulas_and_plain_numbers(data):
    scope = exports.scope_for_agreement(agreement=data.ours, year=2024)
    out = io.BytesIO()
    count = exports.write_reports_csv(scope=scope, out=out)
    raw = out.getvalue()
    assert raw.startswith(b"\xef\xbb\xbf")
    import csv

    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["STT", "Thỏa thuận", "Lĩnh vực", "Nội dung hợp tác"]
    assert count == len(rows) - 1 == len(data.approved)
    tricky = next(r for r in rows if r[15] == str(data.tricky.pk))
    assert tricky[3] == "'" + FORMULAS[0]
    assert tricky[8:11] == ["'" + FORMULAS[1], "'" + FORMULAS[2], "'" + FORMULAS[3]]
    assert (
        tricky[7] == "45.5"
        and tricky[12] == (data.h2.department_due - dt.timedelta(days=1)).isoformat()
    )
    assert SECRET not in raw.decode("utf-8-sig")


# --- downloads ---------------------------------------------------------------------------------------


def test_the_public_download_is_an_xlsx_attachment_with_an_ascii_name(client, data):
    response = client.get(f"/agreements/{data.ours.slug}/review-2024.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    disposition = response["Content-Disposition"]
    assert disposition.isascii() and f'filename="review-{data.ours.slug}-2024.xlsx"' in disposition
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert SECRET not in all_text(workbook)


@pytest.mark.parametrize(
    "path",
    [
        "/provinces/can-tho/review-2024.xlsx",
        "/provinces/can-tho/review-2024.csv",
        "/provinces/can-tho/consolidated-2024-h1.xlsx",
        "/provinces/can-tho/consolidated-2024-h2.csv",
    ],
)
def test_a_units_public_files_download(client, data, path):
    response = client.get(path)
    assert response.status_code == 200
    assert SECRET.encode() not in b"".join(response.streaming_content)


@pytest.mark.parametrize(
    "path",
    [
        "/provinces/can-tho/consolidated-2024-h3.xlsx",
        "/provinces/khong-co/review-2024.xlsx",
        "/agreements/khong-co/review-2024.csv",
    ],
)
def test_unknown_units_agreements_and_periods_are_not_found(client, data, path):
    assert client.get(path).status_code == 404


def staff_urls(world):
    return [
        reverse("reports:staff-agreement-review-xlsx", args=[world.ours.slug, 2024]),
        reverse("reports:staff-agreement-review-csv", args=[world.ours.slug, 2024]),
        reverse("reports:staff-unit-review-xlsx", args=["can-tho", 2024]),
        reverse("reports:staff-unit-consolidated-xlsx", args=["can-tho", 2024, 1]),
    ]


@pytest.mark.parametrize("who", ["reporter", "viewer", "outsider"])
def test_staff_files_are_refused_to_users_without_the_right(client, data, who):
    client.force_login(getattr(data, who))
    for url in staff_urls(data):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Content-Disposition" not in response
    page = client.get(reverse("reports:staff-downloads"))
    if who == "outsider":  # Cà Mau's planning staff: a page with Cà Mau's files only
        assert data.ours.title not in page.content.decode()
    else:
        assert page.status_code == 403


def test_staff_files_send_anonymous_users_to_the_login_page(client, data):
    for url in staff_urls(data) + [reverse("reports:staff-downloads")]:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_planning_staff_get_the_marked_file_of_their_agreements_only(client, data):
    client.force_login(data.planner)
    for url in staff_urls(data):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "noi-bo" in response["Content-Disposition"]
    theirs = reverse("reports:staff-agreement-review-xlsx", args=[data.theirs.slug, 2024])
    assert client.get(theirs).status_code == 403
    assert (
        client.get(reverse("reports:staff-unit-review-xlsx", args=["ca-mau", 2024])).status_code
        == 403
    )
    page = client.get(reverse("reports:staff-downloads")).content.decode()
    assert data.ours.title in page and data.theirs.title not in page


def test_an_administrator_gets_every_staff_file(client, data):
    client.force_login(data.admin)
    response = client.get(
        reverse("reports:staff-agreement-review-xlsx", args=[data.theirs.slug, 2024])
    )
    assert response.status_code == 200


def test_the_download_does_not_query_per_row(client, data, django_assert_num_queries):
    url = reverse("reports:agreement-review-xlsx", args=[data.ours.slug, 2024])
    # 1 savepoint (ATOMIC_REQUESTS), the agreement twice: 2 lookup, 3 with its parties,
    # 4 parties with units and names; 5 periods; 6 commitments with reports (the size
    # estimate); once per file: 7 units, 8 sectors; 9 commitment ids, then per chunk:
    # 10 commitments, 11 indicators, 12 supporting agencies, 13 reports, 14 values,
    # standing rows: 15 the commitment's, 16 each party's, 17 what was owed; 18 reports,
    # 19 unit names, 20 values, 21 meetings, 22 successions (host rotation), 23 meetings
    # of the year, 24 successions, 25 release. The same on SQLite and PostgreSQL (where
    # 18 and 20 are read through a server-side cursor, .iterator(): one query each).
    with django_assert_num_queries(25) as first:
        assert client.get(url).status_code == 200
    add_commitments(data, 25, start=100)
    with CaptureQueriesContext(connection) as second:
        assert client.get(url).status_code == 200
    assert len(second.captured_queries) == len(first.captured_queries)


# --- command, helpers, a real spreadsheet program -------------------------------------------------------


def test_the_command_writes_each_kind_of_file(data, tmp_path):
    review_file = tmp_path / "r.xlsx"
    call_command(
        "export_workbook",
        "review",
        "--agreement",
        data.ours.slug,
        "--year",
        "2024",
        "-o",
        str(review_file),
        stdout=io.StringIO(),
    )
    assert load_workbook(review_file).sheetnames[0] == "Tổng hợp"
    csv_file = tmp_path / "r.csv"
    call_command(
        "export_workbook",
        "review",
        "--unit",
        "can-tho",
        "--year",
        "2024",
        "--format",
        "csv",
        "--include-unapproved",
        "-o",
        str(csv_file),
        stdout=io.StringIO(),
    )
    assert SECRET in csv_file.read_text(encoding="utf-8-sig")
    cons = tmp_path / "c.xlsx"
    call_command(
        "export_workbook",
        "consolidated",
        "--unit",
        "can-tho",
        "--year",
        "2024",
        "--half",
        "2",
        "-o",
        str(cons),
        stdout=io.StringIO(),
    )
    assert "Báo cáo còn thiếu" in load_workbook(cons).sheetnames
    with pytest.raises(CommandError):
        call_command("export_workbook", "consolidated", "--unit", "can-tho", "--year", "2024")


@pytest.mark.parametrize(
    "value, unit, expected",
    [
        (Decimal("1.5"), "tỷ đồng", (Decimal("1500.0"), "triệu đồng")),
        (Decimal("250"), "Triệu đồng", (Decimal("250"), "triệu đồng")),
        (Decimal("2000000"), "đồng", (Decimal("2.000000"), "triệu đồng")),
        (Decimal("7"), "km", (Decimal("7"), "km")),
    ],
)
def test_money_is_shown_in_millions_of_dong(value, unit, expected):
    assert in_million_dong(value, unit) == expected


def test_libreoffice_opens_the_workbook(data, tmp_path):
    """A real spreadsheet program converts the file: it opens and renders it."""
    soffice = shutil.which("soffice")
    if soffice is None:
        message = "soffice is missing: apt-get install libreoffice-calc (.ci/run does it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    source = tmp_path / "review.xlsx"
    scope = exports.scope_for_unit(unit=data.units["can-tho"], year=2024, include_unapproved=True)
    with source.open("wb") as out:
        exports.build_review_workbook(scope=scope, out=out)
    home = tmp_path / "home"
    home.mkdir()
    # CSV filter options: comma, double quote, UTF-8 (76): the first sheet as text
    for fmt in ("pdf", "csv:Text - txt - csv (StarCalc):44,34,76"):
        subprocess.run(
            [
                soffice,
                "--headless",
                "--norestore",
                "--convert-to",
                fmt,
                "--outdir",
                str(tmp_path),
                str(source),
            ],
            env={**os.environ, "HOME": str(home)},
            check=True,
            capture_output=True,
            timeout=180,
        )
    pdf = tmp_path / "review.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5_000
    first_sheet = (tmp_path / "review.csv").read_text(encoding="utf-8")
    assert "BẢNG TỔNG HỢP PHỤC VỤ HỘI NGHỊ SƠ KẾT NĂM 2024" in first_sheet
