"""The six-monthly report as a Word document: opened with python-docx as Word would show
it, printed through LibreOffice as the signed copy would be, and downloaded beside the
consolidated workbook by whoever may have it (and by nobody else)."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm
from openpyxl import load_workbook

from agreements.models import Agency, Commitment
from agreements.tests.factories import CommitmentFactory
from reports import exports
from reports.models import ExportJob, ExportState, ReportStatus
from reports.tests import office
from reports.tests.factories import ProgressReportFactory
from reports.tests.test_background_exports import worker  # noqa: F401
from reports.tests.test_exports import SECRET, add_commitments, at, data  # noqa: F401

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HEADINGS = [
    "I. KẾT QUẢ THỰC HIỆN",
    "II. HẠN CHẾ VÀ NGUYÊN NHÂN",
    "III. KHÓ KHĂN, VƯỚNG MẮC",
    "IV. NHIỆM VỤ KỲ TỚI",
    "V. KIẾN NGHỊ, ĐỀ XUẤT",
]
TODAY = dt.date(2024, 7, 10)
DIFFICULTY = "Thiếu vốn đối ứng cho đoạn qua Vị Thanh"
NEXT_TASK = "Khởi công đoạn 2 trong quý III"
PROPOSAL = "Đề nghị Trung ương bổ sung vốn"
PENDING_DIFFICULTY = "Vướng mắc của báo cáo chưa duyệt"


@pytest.fixture
def half(data):  # noqa: F811 (the fixture imported above)
    """2024-H1 of Cần Thơ: the world's approved reports (one with a text in every
    section), Cần Thơ's planning department, and a submitted report whose texts must
    stay out of the public file."""
    Agency.objects.create(
        unit=data.units["can-tho-truoc-2025"],
        name="Sở Kế hoạch và Đầu tư thành phố Cần Thơ",
        valid_until=dt.date(2025, 2, 28),
    )
    first = data.approved[0]
    first.difficulties, first.next_tasks, first.recommendations = (
        DIFFICULTY,
        NEXT_TASK,
        PROPOSAL,
    )
    first.save()
    pending = CommitmentFactory(
        agreement=data.ours,
        sector=data.road.sector,
        number=97,
        title="Kè sông Cái Côn",
        lead_agency=data.transport,
    )
    data.pending_h1 = ProgressReportFactory(
        commitment=pending,
        period=data.h1,
        reporting_unit=data.units["hau-giang-truoc-2025"],
        status=ReportStatus.SUBMITTED,
        submitted_at=at(data.h1.department_due),
        achievements=SECRET,
        difficulties=PENDING_DIFFICULTY,
        percent=Decimal("10"),
    )
    return data


def scope_of(world, *, staff: bool = False):
    return exports.scope_for_unit(
        unit=world.units["can-tho"], year=2024, half=1, include_unapproved=staff, today=TODAY
    )


def build(world, *, staff: bool = False) -> bytes:
    out = io.BytesIO()
    exports.build_six_monthly_docx(scope=scope_of(world, staff=staff), out=out)
    return out.getvalue()


def opened(content: bytes):
    return Document(io.BytesIO(content))


def body_texts(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def every_text(document) -> str:
    """Paragraphs, tables (cells once each) and every header: all a reader could see."""
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in dict.fromkeys(row.cells))
    for section in document.sections:
        for header in (section.header, section.first_page_header):
            texts.extend(p.text for p in header.paragraphs)
    return "\n".join(texts)


def section_of(texts: list[str], heading: str) -> list[str]:
    """The paragraphs under one of the five headings, up to the next one."""
    start = texts.index(heading)
    ends = [texts.index(h) for h in HEADINGS if texts.index(h) > start]
    return texts[start + 1 : min(ends) if ends else None]


# --- the document ---------------------------------------------------------------------------


def test_the_header_names_the_issuer_the_nation_a_blank_number_and_place_and_date(half):
    document = opened(build(half))
    header = document.tables[0]
    issuer, nation = ([p for p in cell.paragraphs if p.text] for cell in header.rows[0].cells)
    assert [p.text for p in issuer] == [
        "ỦY BAN NHÂN DÂN",
        "THÀNH PHỐ CẦN THƠ",
        "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",  # the department, without the city the line above names
    ]
    assert issuer[2].runs[0].bold and not issuer[0].runs[0].bold
    assert [p.text for p in nation] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    motto_sizes = [(p.runs[0].bold, p.runs[0].font.size.pt) for p in nation]
    assert motto_sizes[0][0] and 12 <= motto_sizes[0][1] <= 13
    assert motto_sizes[1][0] and 13 <= motto_sizes[1][1] <= 14
    # the short rules under the issuer and the motto: empty paragraphs with a bottom border
    for cell in header.rows[0].cells:
        assert (
            cell.paragraphs[-1]._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
            is not None
        )
    number, place = header.rows[1].cells
    assert number.text == "Số: ……/BC-……"  # number and symbol for the clerk to fill in
    assert place.text == "Cần Thơ, ngày … tháng … năm 20…"
    assert all(run.italic for run in place.paragraphs[0].runs)


def _issuer_line(world, today: dt.date) -> str:
    scope = exports.scope_for_unit(unit=world.units["can-tho"], year=2024, half=1, today=today)
    out = io.BytesIO()
    exports.build_six_monthly_docx(scope=scope, out=out)
    cell = opened(out.getvalue()).tables[0].rows[0].cells[0]
    return [p.text for p in cell.paragraphs if p.text][2]


def test_the_issuer_is_the_planning_department_of_the_day_the_file_is_made(half):
    Agency.objects.create(
        unit=half.units["can-tho"],
        name="Sở Tài chính thành phố Cần Thơ",
        valid_from=dt.date(2025, 3, 1),
    )
    assert _issuer_line(half, dt.date(2025, 2, 20)) == "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"
    assert _issuer_line(half, dt.date(2025, 8, 1)) == "SỞ TÀI CHÍNH"  # Decree 45/2025


def test_without_a_known_planning_department_the_issuer_is_left_to_fill_in(half):
    Agency.objects.filter(name__startswith="Sở Kế hoạch").delete()
    assert _issuer_line(half, TODAY) == "SỞ ………………"


def test_the_title_and_the_five_sections_come_in_order(half):
    document = opened(build(half))
    texts = body_texts(document)
    title = next(p for p in document.paragraphs if p.text == "BÁO CÁO")
    assert title.runs[0].bold
    assert texts[texts.index("BÁO CÁO") + 1] == (
        "Tình hình thực hiện các chương trình, thỏa thuận hợp tác\n6 tháng đầu năm 2024"
    )
    positions = [texts.index(h) for h in HEADINGS]
    assert positions == sorted(positions)
    assert texts[-4:-1] == [
        "PHỤ LỤC",
        "TÌNH HÌNH THỰC HIỆN CÁC NỘI DUNG HỢP TÁC 6 THÁNG ĐẦU NĂM 2024",
        "(Kèm theo Báo cáo số ……/BC-…… ngày … tháng … năm 20… của Sở Kế hoạch và Đầu tư)",
    ]
    recipients, signer = document.tables[1].rows[0].cells
    assert recipients.paragraphs[0].text == "Nơi nhận:"
    assert recipients.paragraphs[0].runs[0].bold and recipients.paragraphs[0].runs[0].italic
    assert recipients.paragraphs[-1].text.startswith("- Lưu: VT")
    assert [p.text for p in signer.paragraphs if p.text][0] == "GIÁM ĐỐC"


def test_the_public_file_says_what_approved_reports_say_and_nothing_else(half):
    document = opened(build(half))
    texts = body_texts(document)
    results = "\n".join(section_of(texts, HEADINGS[0]))
    assert "Nội dung số 0 (Hậu Giang; đang triển khai, 40%): Kết quả của Nội dung số 0" in results
    assert DIFFICULTY in "\n".join(section_of(texts, HEADINGS[2]))
    assert NEXT_TASK in "\n".join(section_of(texts, HEADINGS[3]))
    assert PROPOSAL in "\n".join(section_of(texts, HEADINGS[4]))
    everything = every_text(document)
    for hidden in (SECRET, PENDING_DIFFICULTY, "chưa duyệt]", "DỰ THẢO"):
        assert hidden not in everything
    # the limitations say which commitments have no approved report in the period
    limits = "\n".join(section_of(texts, HEADINGS[1]))
    assert "- Kè sông Cái Côn (chủ trì: Sở Giao thông vận tải tỉnh Hậu Giang)" in limits
    assert "chưa có báo cáo được duyệt trong kỳ" in limits


def test_the_staff_file_is_a_draft_marked_on_every_page(half):
    document = opened(build(half, staff=True))
    for section in document.sections:
        headers = [section.header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        for header in headers:
            assert "DỰ THẢO – BẢN NỘI BỘ" in "\n".join(p.text for p in header.paragraphs)
    texts = body_texts(document)
    assert f"- Kè sông Cái Côn (Hậu Giang; khởi động, 10%): {SECRET} [chưa duyệt]" in texts
    assert any(PENDING_DIFFICULTY in t for t in section_of(texts, HEADINGS[2]))


def test_a_sentence_that_ends_in_a_full_stop_gets_no_second_one(half):
    report = half.approved[0]
    report.difficulties = "Lưu lượng xe rất lớn, chưa có giải pháp căn cơ."
    report.save()
    half.road.lead_agency = None  # under-specified: section II speaks of it, with its cause
    half.road.save()
    everything = every_text(opened(build(half)))
    assert "chưa có giải pháp căn cơ." in everything
    assert not re.search(r"[^.…]\.\.(?!\.)", everything), "a doubled full stop"


def test_the_closing_block_is_kept_with_the_text_before_it(half):
    """The last item, the closing sentence and the signature table print on one page:
    each keeps with the next, the table's row never splits."""
    document = opened(build(half))
    body = document.element.body
    signature = document.tables[1]._tbl
    closing = signature.getprevious()
    assert closing.xpath("string(.)").startswith("Trên đây là báo cáo")
    last_item = closing.getprevious()
    for paragraph in (last_item, closing):
        assert paragraph.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
    assert signature.find(f"{qn('w:tr')}/{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
    cells = document.tables[1].rows[0].cells
    assert all(p.paragraph_format.keep_with_next for c in cells for p in c.paragraphs)
    assert body.index(signature) < body.index(document.tables[-1]._tbl)


def test_the_annex_has_one_numbered_row_per_commitment_in_scope(half):
    document = opened(build(half))
    annex = document.tables[-1]
    assert [c.text for c in annex.rows[0].cells] == [
        "STT",
        "Nội dung hợp tác",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian thực hiện",
        "Kết quả thực hiện",
        "Tiến độ",
        "Khó khăn, vướng mắc",
        "Kiến nghị, đề xuất",
        "Ghi chú",
    ]
    numbered = [r.cells for r in annex.rows[1:] if r.cells[0].text.isdigit()]
    in_scope = Commitment.objects.filter(agreement_id__in=scope_of(half).agreement_ids)
    assert len(numbered) == in_scope.count() == 24
    assert [int(cells[0].text) for cells in numbered] == list(range(1, 25))
    assert {cells[1].text for cells in numbered} == set(in_scope.values_list("title", flat=True))
    sectors = [r.cells[1].text for r in annex.rows[1:] if r.cells[0].text in ("I", "II")]
    assert sectors == ["Giao thông", "Y tế"]  # under Roman numerals
    row = next(cells for cells in numbered if cells[1].text == "Nội dung số 0")
    assert row[5].text == "Kết quả của Nội dung số 0"
    assert (row[6].text, row[7].text, row[8].text) == (
        "Đang triển khai (40%)",
        DIFFICULTY,
        PROPOSAL,
    )
    assert SECRET not in every_text(document)


def test_a_carried_over_commitment_names_its_predecessor_by_its_term(half):
    """The annex note of the Word report and of the workbook (one function writes both)
    says which earlier agreement a commitment carries on from by its term, not by its
    title of two lines, which made the note the tallest cell of its row."""
    from agreements.tests.factories import bilateral

    earlier = bilateral(
        title="Chương trình hợp tác phát triển kinh tế - xã hội giai đoạn 2016-2020",
        term_start="2016-01-01",
        term_end="2020-12-31",
        signed_on="2016-01-01",
    )
    half.ours.predecessor = earlier
    half.ours.save()
    carried = half.approved[0].commitment
    carried.carried_over_from = CommitmentFactory(agreement=earlier, sector=carried.sector)
    carried.save()
    annex = opened(build(half)).tables[-1]
    note = next(r.cells[9].text for r in annex.rows[1:] if r.cells[1].text == carried.title)
    assert "tiếp nối giai đoạn 2016–2020" in note.lower()
    out = io.BytesIO()
    scope = exports.scope_for_unit(
        unit=half.units["can-tho"], year=2024, half=None, include_unapproved=False, today=TODAY
    )
    exports.build_review_workbook(scope=scope, out=out)
    sheet = load_workbook(out).worksheets
    rows = next(ws for ws in sheet if ws.title.startswith("Phụ lục tiến độ")).iter_rows(
        values_only=True
    )
    header = next(row for row in rows if row[0] == "STT")
    cells = next(row for row in rows if row[1] == carried.title)
    assert "Tiếp nối giai đoạn 2016–2020" in cells[header.index("Ghi chú")].split("\n")
    for text in (note, cells[header.index("Ghi chú")]):
        assert earlier.title not in text


def _resolved_fonts(document, paragraph, run) -> dict[str, str]:
    """The font each script of the run is drawn in: the run's own, else its paragraph
    style's (and their bases), else the document defaults; a theme font is an error."""
    levels = [run._r.rPr]
    style = paragraph.style
    while style is not None:
        levels.append(style.element.rPr)
        style = style.base_style
    defaults = document.styles.element.find(qn("w:docDefaults"))
    levels.append(defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}"))
    found = {}
    for rpr in levels:
        fonts = None if rpr is None else rpr.find(qn("w:rFonts"))
        if fonts is None:
            continue
        for script in ("ascii", "hAnsi", "eastAsia", "cs"):
            theme = fonts.get(qn(f"w:{script}Theme" if script != "cs" else "w:cstheme"))
            assert theme is None, f"a theme font for {script}: {theme}"
            found.setdefault(script, fonts.get(qn(f"w:{script}")))
    return found


def _resolved_size(paragraph, run) -> float:
    if run.font.size is not None:
        return run.font.size.pt
    style = paragraph.style
    while style is not None:
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    raise AssertionError("no size")


def test_the_body_is_times_new_roman_13_to_14_for_every_script(half):
    document = opened(build(half))
    runs = [(p, r) for p in document.paragraphs for r in p.runs if r.text.strip()]
    assert len(runs) > 100
    for paragraph, run in runs:
        fonts = _resolved_fonts(document, paragraph, run)
        assert set(fonts.values()) == {"Times New Roman"}, (run.text, fonts)
        assert 13 <= _resolved_size(paragraph, run) <= 14, run.text
    lang = document.styles.element.find(f".//{qn('w:rPrDefault')}//{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "vi-VN"


def test_the_pages_are_a4_with_the_decrees_margins(half):
    report, annex = opened(build(half)).sections
    assert (round(report.page_width.mm), round(report.page_height.mm)) == (210, 297)
    assert report.orientation == WD_ORIENT.PORTRAIT
    assert (round(annex.page_width.mm), round(annex.page_height.mm)) == (297, 210)
    assert annex.orientation == WD_ORIENT.LANDSCAPE
    for section in (report, annex):
        margins = {
            side: round(getattr(section, f"{side}_margin").mm, 1)  # stored in twips
            for side in ("top", "bottom", "left", "right")
        }
        assert 20 <= margins["top"] <= 25 and 20 <= margins["bottom"] <= 25, margins
        assert 30 <= margins["left"] <= 35 and 15 <= margins["right"] <= 20, margins
    # page numbers from page two: none in the first page's header, a PAGE field after it
    assert report.different_first_page_header_footer
    assert "PAGE" not in report.first_page_header._element.xml
    for section in (report, annex):
        assert " PAGE " in section.header._element.xml


def test_a_consolidated_report_needs_a_unit_and_a_period(half):
    scope = exports.scope_for_unit(unit=half.units["can-tho"], year=2024)
    with pytest.raises(ValueError, match="one unit and one period"):
        exports.build_six_monthly_docx(scope=scope, out=io.BytesIO())


def test_pasted_line_breaks_are_kept_and_control_characters_left_out(half):
    first = half.approved[1]
    first.achievements = "Đã thông xe\x0b5 km\x1f"  # Word's line break, pasted; a control
    first.save()
    assert "Đã thông xe\n5 km" in "\n".join(body_texts(opened(build(half))))


# --- printed ---------------------------------------------------------------------------------


def _page_sizes(pdf: Path) -> list[tuple[float, float]]:
    office.require("pdftotext")  # poppler-utils: pdfinfo comes with it
    info = subprocess.run(
        [shutil.which("pdfinfo"), "-f", "1", "-l", "999", str(pdf)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"size:\s+([\d.]+) x ([\d.]+)", info)]


def _squeezed(text: str) -> str:
    """Without spaces: pdftotext cuts Vietnamese words where a diacritic was placed."""
    return re.sub(r"\s+", "", text)


def test_libreoffice_prints_it_on_a4_with_the_annex_across(half, tmp_path):
    source = tmp_path / "bao-cao-6-thang.docx"
    source.write_bytes(build(half))
    pdf = office.to_pdf(source)
    found = office.words(pdf)
    pages = {}
    for word in found:
        pages[word.page] = pages.get(word.page, "") + word.text
    first = pages[1]
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
        "Số: ……/BC-……",
        "Cần Thơ, ngày … tháng … năm 20…",
        "BÁO CÁO",
        "I. KẾT QUẢ THỰC HIỆN",
    ):
        assert _squeezed(expected) in first, expected
    everything = "".join(pages.values())
    for expected in HEADINGS + ["Nơi nhận:", "GIÁM ĐỐC", PROPOSAL, "PHỤ LỤC"]:
        assert _squeezed(expected) in everything, expected
    assert _squeezed(SECRET) not in everything
    sizes = _page_sizes(pdf)
    annex_page = next(n for n, text in pages.items() if _squeezed("PHỤ LỤC") in text)
    a4, a4_across = (595.3, 841.9), (841.9, 595.3)
    assert all(abs(w - a4[0]) < 1 and abs(h - a4[1]) < 1 for w, h in sizes[: annex_page - 1])
    assert all(
        abs(w - a4_across[0]) < 1 and abs(h - a4_across[1]) < 1 for w, h in sizes[annex_page - 1 :]
    )
    # no page number on page one; "2" alone at the top of page two
    top_of_two = [w.text for w in found if w.page == 2 and w.y_max < Mm(20).pt]
    assert top_of_two == ["2"]
    picture = office.first_page_png(pdf, ARTIFACTS / "report-docx-page1.png", dpi=80)
    assert picture.stat().st_size > 10_000
    subprocess.run(
        [shutil.which("pdftoppm"), "-png", "-r", "80", "-f", str(annex_page), "-l", str(annex_page)]
        + ["-singlefile", str(pdf), str(ARTIFACTS / "report-docx-annex")],
        check=True,
        capture_output=True,
    )
    assert (ARTIFACTS / "report-docx-annex.png").exists()


def test_the_staff_draft_prints_its_mark_on_every_page(half, tmp_path):
    source = tmp_path / "du-thao.docx"
    source.write_bytes(build(half, staff=True))
    pdf = office.to_pdf(source)
    pages = {}
    for word in office.words(pdf):
        pages[word.page] = pages.get(word.page, "") + word.text
    assert len(pages) >= 3
    assert all(_squeezed("DỰ THẢO – BẢN NỘI BỘ") in text for text in pages.values())
    office.first_page_png(pdf, ARTIFACTS / "report-docx-draft-page1.png", dpi=80)


# --- downloads --------------------------------------------------------------------------------


def _document_of(response) -> str:
    return every_text(opened(b"".join(response.streaming_content)))


def test_the_public_docx_downloads_beside_the_workbook(client, half):
    url = reverse("reports:unit-consolidated-docx", args=["can-tho", 2024, 1])
    assert url == "/provinces/can-tho/consolidated-2024-h1.docx"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    disposition = response["Content-Disposition"]
    assert disposition.isascii() and 'filename="consolidated-can-tho-2024-h1.docx"' in disposition
    text = _document_of(response)
    assert "Kết quả của Nội dung số 0" in text and SECRET not in text
    page = client.get(reverse("unit-detail", args=["can-tho"])).content.decode()
    assert reverse("reports:unit-consolidated-xlsx", args=["can-tho", 2024, 1]) in page
    assert url in page


def staff_docx(key: str = "can-tho") -> str:
    return reverse("reports:staff-unit-consolidated-docx", args=[key, 2024, 1])


@pytest.mark.parametrize("who", ["reporter", "viewer", "outsider"])
def test_the_staff_docx_is_refused_like_the_staff_workbook(client, half, who):
    client.force_login(getattr(half, who))
    for fmt in ("xlsx", "docx"):  # the same answer for both
        url = reverse(f"reports:staff-unit-consolidated-{fmt}", args=["can-tho", 2024, 1])
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Content-Disposition" not in response


def test_the_staff_docx_sends_anonymous_users_to_the_login_page(client, half):
    response = client.get(staff_docx())
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_planning_staff_get_the_draft_of_their_unit_only(client, half):
    client.force_login(half.planner)
    response = client.get(staff_docx())
    assert response.status_code == 200
    assert 'filename="consolidated-can-tho-2024-h1-noi-bo.docx"' in response["Content-Disposition"]
    text = _document_of(response)
    assert "DỰ THẢO – BẢN NỘI BỘ" in text and SECRET in text
    assert client.get(staff_docx("ca-mau")).status_code == 403
    this_year = timezone.localdate().year  # the page offers this year and the last
    page = client.get(reverse("reports:staff-downloads")).content.decode()
    docx_url = reverse("reports:staff-unit-consolidated-docx", args=["can-tho", this_year, 1])
    assert docx_url in page


def test_the_docx_download_does_not_query_per_row(client, half, django_assert_num_queries):
    url = reverse("reports:unit-consolidated-docx", args=["can-tho", 2024, 1])
    # savepoint; the unit; periods; units merged into it (2 hops); its agreements, their
    # parties; estimated rows; units merged into it again (the document's recipients, 2);
    # unit names (once per file); agencies (the planning department); section I: sizes,
    # stages, units, sectors (once per file), reports; section II and the annex:
    # commitment ids, then per chunk of 250 commitments: commitments, indicators,
    # supporting agencies, reports, values, standing rows (combined, per party, owed);
    # III–V: reports, one query each; release savepoint
    with django_assert_num_queries(30):
        assert client.get(url).status_code == 200
    add_commitments(half, 25, start=100)
    with django_assert_num_queries(30):
        assert client.get(url).status_code == 200


# --- large ones in the background ---------------------------------------------------------------


def test_a_large_docx_is_produced_in_the_background(client, half, worker, settings, tmp_path):  # noqa: F811
    settings.EXPORTS_INLINE_MAX_ROWS = 10
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = client.get(reverse("reports:unit-consolidated-docx", args=["can-tho", 2024, 1]))
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.fmt, job.filename) == ("docx", "consolidated-can-tho-2024-h1.docx")
    worker()
    job.refresh_from_db()
    assert job.state == ExportState.DONE
    download = client.get(reverse("reports:job-download", args=[job.pk]))
    assert download["Content-Type"] == DOCX
    text = _document_of(download)
    assert "Kết quả của Nội dung số 0" in text and SECRET not in text
