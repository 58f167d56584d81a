"""Demo honesty (issue 10, point 5): each demo fact names its article or is marked
illustrative, and every file and page that shows a demo agreement says so."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from agreements.models import Agreement, AgreementParty, Commitment, Sector, Stage
from agreements.roles import assign_role
from portal.demo import seed
from reports.models import ProgressReport

MARK = "DỮ LIỆU MINH HỌA"  # the title block of every sheet of a demo file
ROW_MARK = "Dữ liệu minh họa"  # a demo row's note or column
CT_HG_2021 = "can-tho-hau-giang-2021-2025"
HG_KG_2006, HG_KG_2021 = "hau-giang-kien-giang-2006-2020", "hau-giang-kien-giang-2021-2025"


@pytest.fixture(scope="module")
def demo(demo_in_module):
    """The demo, loaded once for this module (root conftest.py)."""
    return demo_in_module


@pytest.fixture
def administrator(demo, django_user_model):
    user = django_user_model.objects.create_user("quantri.demo", "qt@example.vn", "pw")
    assign_role(user=user, role="administrator")
    return user


def demo_agreements() -> list[Agreement]:
    return list(Agreement.objects.filter(is_demo=True).order_by("slug"))


def year_of(agreement: Agreement) -> int:
    return min(agreement.term_end.year, 2024)


# --- the seed: sources and illustrative parts ------------------------------------------------


def test_every_agreement_commitment_and_meeting_of_the_seed_names_its_article():
    for spec in seed.AGREEMENTS:
        items = [spec, *spec["commitments"], *spec.get("meetings", [])]
        for item in items:
            assert item["source"], item.get("title")
            assert set(item["source"]) <= set(seed.ARTICLES), item.get("title")
            assert set(item.get("illustrative", [])) <= set(seed.ILLUSTRATIVE_PARTS)


@pytest.mark.django_db
def test_every_demo_row_carries_its_sources_and_what_is_illustrative(demo):
    agreements = demo_agreements()
    assert len(agreements) == len(seed.AGREEMENTS)
    for agreement in agreements:
        assert agreement.demo_source.startswith("Nguồn: bài "), agreement.slug
        assert "ngày ký" in agreement.demo_source  # no article gives a full signing date
    for commitment in Commitment.objects.filter(agreement__is_demo=True):
        assert commitment.demo_source.startswith("Nguồn: bài "), commitment.title
    # invented reports are said to be invented, wherever there are any
    reported = Commitment.objects.filter(reports__isnull=False).distinct()
    assert reported.exists()
    for commitment in reported:
        assert "các báo cáo tiến độ" in commitment.demo_source, commitment.title
    meeting_note = Agreement.objects.get(slug="tphcm-dbscl-2023-2025").demo_source
    assert "Hội nghị ngày 29/11/2024 — Nguồn: bài 003" in meeting_note
    assert "đơn vị đăng cai" in meeting_note


# --- the three facts the issue found invented -------------------------------------------------


@pytest.mark.django_db
def test_nobody_is_named_signatory_of_can_tho_hau_giang_2021(demo):
    parties = AgreementParty.objects.filter(agreement__slug=CT_HG_2021)
    assert [p.signatory_name for p in parties] == ["", ""]
    assert not AgreementParty.objects.filter(signatory_name__contains="Trương Cảnh Tuyên").exists()
    agreement = Agreement.objects.get(slug=CT_HG_2021)
    assert "không được nêu là người ký" in agreement.summary


@pytest.mark.django_db
def test_hau_giang_kien_giang_past_results_belong_to_the_earlier_phase(demo):
    past = ["Cái Tư", "Ba Voi", "Vĩnh Tuy", "Gò Quao – Cầu Đúc", "20 trẻ em"]
    for words in past:
        earlier = Commitment.objects.get(agreement__slug=HG_KG_2006, title__contains=words)
        assert earlier.stage == Stage.COMPLETED, words
        assert not Commitment.objects.filter(agreement__slug=HG_KG_2021, title__contains=words)
    # the 2021-2025 programme: nothing completed, by its stage or by any report
    current = Commitment.objects.filter(agreement__slug=HG_KG_2021)
    assert current.exists() and not current.filter(stage=Stage.COMPLETED).exists()
    reports = ProgressReport.objects.filter(commitment__agreement__slug=HG_KG_2021)
    assert reports.exists() and not reports.filter(stage=Stage.COMPLETED).exists()
    # what the article says of it: the shortcomings carried over, still not done
    cluster = current.get(title__contains="cụm công nghiệp")
    assert cluster.carried_over_from.agreement.slug == HG_KG_2006
    assert cluster.stage == Stage.PROPOSED
    # exchanges it is only assumed to continue are marked so
    assumed = current.get(title__contains="khóm Cầu Đúc")
    assert "việc xếp nội dung vào thỏa thuận này" in assumed.demo_source


@pytest.mark.django_db
def test_the_vam_xang_bridge_has_no_invented_due_date(demo):
    bridge = Commitment.objects.select_related("agreement").get(title__contains="Vàm Xáng")
    assert bridge.agreement.slug == "can-tho-hau-giang-2006-2020"  # a result seed 002 lists
    assert bridge.stage == Stage.STARTED  # "khởi công": started, as the article says
    assert bridge.due_on == bridge.agreement.term_end  # no date of its own
    assert "thời gian thực hiện" in bridge.demo_source  # and that term is illustrative


# --- files: workbooks and CSV ----------------------------------------------------------------


def workbook_of(response):
    assert response.status_code == 200, response
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def csv_of(response) -> list[list[str]]:
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def assert_workbook_marked(workbook, where: str) -> None:
    for ws in workbook.worksheets:
        # the title block: column A, or further right on a sheet printed on pages across
        top = [c.value or "" for r in range(1, 9) for c in ws[r]]
        assert any(MARK in str(text) for text in top), f"{where}: {ws.title}"
    annex = next(ws for ws in workbook.worksheets if ws.title.startswith("Phụ lục tiến độ"))
    note = next(
        c.column for row in annex.iter_rows(max_row=12) for c in row if c.value == "Ghi chú"
    )
    numbered = [row for row in annex.iter_rows() if isinstance(row[0].value, int | float)]
    for row in numbered:
        assert ROW_MARK in (row[note - 1].value or ""), f"{where}: {row[1].value}"
    for ws in workbook.worksheets:
        if not ws.title.startswith("Các báo cáo"):
            continue
        rows = list(ws.iter_rows(values_only=True))
        header = next(i for i, r in enumerate(rows) if r[0] == "STT")
        column = rows[header].index(ROW_MARK)
        for row in rows[header + 1 :]:
            if isinstance(row[0], int | float):  # a report (a sheet without any has an empty row)
                assert str(row[column]).startswith(ROW_MARK), f"{where}: {row}"


def assert_csv_marked(rows: list[list[str]], where: str) -> None:
    column = rows[0].index(ROW_MARK)
    for row in rows[1:]:
        assert row[column].startswith(ROW_MARK), where


@pytest.mark.django_db
def test_every_demo_agreements_workbooks_and_csv_carry_the_mark(client, administrator):
    for staff in (False, True):
        if staff:
            client.force_login(administrator)
        prefix = "reports:staff-" if staff else "reports:"
        for agreement in demo_agreements():
            args = [agreement.slug, year_of(agreement)]
            where = f"{agreement.slug} {'staff' if staff else 'public'}"
            xlsx = client.get(reverse(f"{prefix}agreement-review-xlsx", args=args))
            assert_workbook_marked(workbook_of(xlsx), where)
            rows = csv_of(client.get(reverse(f"{prefix}agreement-review-csv", args=args)))
            assert_csv_marked(rows, where)
        for key in ("hau-giang-truoc-2025", "can-tho"):
            where = f"{key} {'staff' if staff else 'public'}"
            review = client.get(reverse(f"{prefix}unit-review-xlsx", args=[key, 2024]))
            assert_workbook_marked(workbook_of(review), where)
            half = client.get(reverse(f"{prefix}unit-consolidated-xlsx", args=[key, 2024, 1]))
            assert_workbook_marked(workbook_of(half), where)
            rows = csv_of(client.get(reverse(f"{prefix}unit-review-csv", args=[key, 2024])))
            assert len(rows) > 1
            assert_csv_marked(rows, where)


@pytest.mark.django_db
def test_the_cover_and_the_meeting_sheet_name_the_articles(client, demo):
    hcm = Agreement.objects.get(slug="tphcm-dbscl-2023-2025")
    workbook = workbook_of(
        client.get(reverse("reports:agreement-review-xlsx", args=[hcm.slug, 2024]))
    )
    cover = [[c for c in row] for row in workbook["Tổng hợp"].iter_rows(values_only=True)]
    assert [ROW_MARK, hcm.demo_source] in [row[:2] for row in cover]
    meetings = [row[:2] for row in workbook["Hội nghị sơ kết"].iter_rows(values_only=True)]
    assert (ROW_MARK, hcm.demo_source) in meetings


# --- open data -----------------------------------------------------------------------------------


def open_data(client, url: str, params: dict) -> tuple[list[dict], list[dict]]:
    """The same list as CSV rows (dicts) and as JSON results."""
    rows = csv_of(client.get(url, {**params, "format": "csv"}))
    as_csv = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    as_json = json.loads(client.get(url, {**params, "format": "json"}).content)["results"]
    return as_csv, as_json


def assert_open_data_marked(client, url: str, *, with_source=True, **params) -> None:
    as_csv, as_json = open_data(client, url, params)
    assert as_csv and len(as_csv) == len(as_json), url
    for row in as_csv:
        assert row["demo_data"] == "True", url
        if with_source:
            assert row["demo_source"].startswith("Nguồn: bài "), url
    for row in as_json:
        assert row["demo_data"] is True, url


@pytest.mark.django_db
def test_every_open_data_file_marks_demo_rows(client, demo):
    assert_open_data_marked(client, reverse("agreement-list"))
    assert_open_data_marked(client, reverse("dashboard"), with_source=False)
    assert_open_data_marked(client, reverse("reporting"), with_source=False, period="2024-H1")
    assert_open_data_marked(client, reverse("unit-detail", args=["hau-giang-truoc-2025"]))
    for agreement in demo_agreements():
        assert_open_data_marked(client, agreement.get_absolute_url())
    for sector in Sector.objects.filter(commitments__isnull=False).distinct():
        assert_open_data_marked(client, sector.get_absolute_url())


# --- pages and the admin -------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_agreement_page_shows_the_sources_and_each_commitments_note(client, demo):
    agreement = Agreement.objects.get(slug=HG_KG_2021)
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert 'id="demo-note"' in page and agreement.demo_source in page
    for commitment in agreement.commitments.all():
        assert commitment.demo_source in page, commitment.title
    listing = client.get(reverse("agreement-list")).content.decode()
    assert listing.count('class="tag demo"') == len(seed.AGREEMENTS)


@pytest.mark.django_db
def test_the_admin_marks_demo_agreements_and_commitments(client, administrator):
    client.force_login(administrator)
    listing = client.get(reverse("admin:agreements_agreement_changelist")).content.decode()
    assert listing.count('class="demo-tag"') == len(seed.AGREEMENTS)
    commitments = client.get(reverse("admin:agreements_commitment_changelist"))
    assert 'class="demo-tag"' in commitments.content.decode()
    agreement = Agreement.objects.get(slug=CT_HG_2021)
    form = client.get(reverse("admin:agreements_agreement_change", args=[agreement.pk]))
    text = form.content.decode()
    assert "demo-data" in text and agreement.demo_source in text
    commitment = agreement.commitments.first()
    form = client.get(reverse("admin:agreements_commitment_change", args=[commitment.pk]))
    assert commitment.demo_source in form.content.decode()
