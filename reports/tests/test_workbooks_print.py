"""Every kind of workbook the portal produces, printed: LibreOffice converts it to PDF
(what a printer gets), and the text positions in that PDF (``pdftotext -bbox``) show
whether a row was too low for its wrapped lines (its text drawn over the next rows),
whether text ran past its column, and whether the pages are A4 landscape.

The workbooks are built once from the demo data (``load_demo``), in one rolled-back
transaction, and converted by one LibreOffice run; the first page of each, and the
first page of its progress annex, are saved as test-artifacts/print-<kind>.png to look at.

The demo's files are counted in pages (``PAGES``, the most each may take): a review
workbook printed two pages across with rows twice as tall as their text took 35 pages,
the Word report 33. A layout change that makes them grow fails here; one that makes
them shorter should lower the numbers.
"""

from __future__ import annotations

import io
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from agreements.models import Agreement
from regions.models import AdministrativeUnit
from reports import exports
from reports.exports.fit import DIGIT, READABLE, print_scale
from reports.models import ReviewMeeting
from reports.tests import office

# The marker makes pytest-django create the test database; the tests read files only.
pytestmark = pytest.mark.django_db

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
A4_LANDSCAPE = (842, 595)  # points
SMALLEST_PRINTED_TEXT = 6.5  # points: a word's box (about 1.1 times the printed font size)


@dataclass(frozen=True)
class Kind:
    """One kind of workbook as the export views make it."""

    scope: Callable[[], exports.Scope]
    consolidated: bool = False

    def build(self, out: Path) -> None:
        build = (
            exports.build_consolidated_workbook
            if self.consolidated
            else exports.build_review_workbook
        )
        with out.open("wb") as handle:
            build(scope=self.scope(), out=handle)


def _agreement(slug: str, year: int, *, staff: bool) -> Callable[[], exports.Scope]:
    def scope():
        agreement = Agreement.objects.get(slug=slug)
        return exports.scope_for_agreement(agreement=agreement, year=year, include_unapproved=staff)

    return scope


def _unit(key: str, year: int, half: int | None, *, staff: bool) -> Callable[[], exports.Scope]:
    def scope():
        unit = AdministrativeUnit.objects.get(key=key)
        return exports.scope_for_unit(unit=unit, year=year, half=half, include_unapproved=staff)

    return scope


# The demo's review meeting is of Ho Chi Minh City - Mekong Delta, in 2024; its
# unapproved reports are of the first half of 2025.
KINDS = {
    "agreement-review": Kind(_agreement("tphcm-dbscl-2023-2025", 2024, staff=False)),
    "agreement-review-staff": Kind(_agreement("can-tho-hau-giang-2021-2025", 2025, staff=True)),
    "unit-review": Kind(_unit("can-tho", 2024, None, staff=False)),
    "unit-review-staff": Kind(_unit("can-tho", 2025, None, staff=True)),
    "consolidated": Kind(_unit("can-tho", 2024, 2, staff=False), consolidated=True),
    "consolidated-staff": Kind(_unit("can-tho", 2025, 1, staff=True), consolidated=True),
}
# The Word report the demo's planning officer of Cần Thơ signs: the second half of 2024.
REPORT = "six-monthly-report"
# The most pages each of the demo's files may print on (LibreOffice 7.4, A4). Before issue
# 21 item 12 they took, with Calibri measured by DejaVu Sans / by Carlito (as Excel):
# agreement-review 12 / 14, its staff file 12 / 17, unit-review 35 / 46, its staff file
# 27 / 37, consolidated 32 / 42, its staff file 34 / 42; the Word report 33. The
# workbooks' page breaks are set in the file, so both measures now give these. Naming a
# carried-over commitment's predecessor by its term and widening the annexes' notes took
# unit-review from 21 to 20, its staff file 14 to 12, consolidated 23 to 21, its staff
# file 25 to 23 and the Word report 23 to 19.
PAGES = {
    "agreement-review": 10,
    "agreement-review-staff": 8,
    "unit-review": 20,
    "unit-review-staff": 12,
    "consolidated": 21,
    "consolidated-staff": 23,
    REPORT: 19,
}


@pytest.fixture(scope="module")
def printed(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[str, Path]:
    """Each kind's workbook from the demo data, converted to PDF; the data rolled back."""
    folder = tmp_path_factory.mktemp("print")
    sources = {}
    with django_db_blocker.unblock(), transaction.atomic(), translation.override("vi"):
        call_command("load_units", verbosity=0)
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
        for name, kind in KINDS.items():
            sources[name] = folder / f"{name}.xlsx"
            kind.build(sources[name])
        MEETINGS[:] = ["".join(m.title.split()) for m in ReviewMeeting.objects.all()]
        sources[REPORT] = folder / f"{REPORT}.docx"
        with sources[REPORT].open("wb") as handle:
            scope = _unit("can-tho", 2024, 2, staff=False)()
            exports.build_six_monthly_docx(scope=scope, out=handle)
        transaction.set_rollback(True)
    pdfs = office.to_pdfs(list(sources.values()))
    return dict(zip(sources, pdfs, strict=True))


def _save_pictures(name: str, pdf: Path) -> None:
    """Page one (the cover), and the first page of the progress annex."""
    office.first_page_png(pdf, ARTIFACTS / f"print-{name}.png")
    pages = office.page_texts(pdf)
    annex = next((n for n, text in enumerate(pages, start=1) if "PHỤLỤC" in text), None)
    if annex:
        office.page_png(pdf, ARTIFACTS / f"print-{name}-annex.png", page=annex)


def _describe(pair: tuple[office.Word, office.Word]) -> str:
    a, b = pair
    return (
        f"page {a.page}: {a.text!r} at ({a.x_min:.0f}, {a.y_min:.0f}) "
        f"over {b.text!r} at ({b.x_min:.0f}, {b.y_min:.0f})"
    )


@pytest.mark.parametrize("name", KINDS)
def test_it_prints_every_line_of_every_cell_without_text_over_text(printed, name):
    pdf = printed[name]
    found = office.words(pdf)
    _save_pictures(name, pdf)
    assert len(found) > 200, "the workbook printed (almost) nothing"
    overlaps = office.overlapping_words(found)
    assert not overlaps, f"{len(overlaps)} words printed over others, e.g.\n" + "\n".join(
        _describe(pair) for pair in overlaps[:12]
    )


@pytest.mark.parametrize("name", KINDS)
def test_it_prints_on_a4_landscape_in_readable_type(printed, name):
    office.require_excel_widths()  # else every sheet prints a quarter smaller than in Excel
    pdf = printed[name]
    sizes = {(round(width), round(height)) for width, height in office.page_sizes(pdf)}
    assert sizes == {A4_LANDSCAPE}
    heights = sorted(w.y_max - w.y_min for w in office.words(pdf))
    small = heights[len(heights) // 20]  # 95 % of the words are at least this high
    assert small >= SMALLEST_PRINTED_TEXT, f"the tables print {small:.1f} pt high"


@pytest.mark.parametrize("name", KINDS)
def test_every_sheet_prints_one_page_wide_at_half_size_or_more_in_excel(printed, name):
    """Excel's scale for a sheet fitted to one page's width, from its column widths
    (LibreOffice's with Carlito is a few per cent smaller)."""
    workbook = openpyxl.load_workbook(printed[name].with_suffix(".xlsx"))
    for ws in workbook.worksheets:
        assert ws.page_setup.fitToHeight == 0 and (ws.page_setup.fitToWidth or 1) == 1
        widths = []
        for dimension in ws.column_dimensions.values():
            if dimension.min and dimension.max < 100:  # not the default of the rest
                count = dimension.max - dimension.min + 1
                widths += [dimension.width - 5 / DIGIT] * count
        assert print_scale(widths) >= READABLE, f"{name}: {ws.title}"


MEETINGS: list[str] = []  # the demo's review meetings' titles, spaces left out


@pytest.mark.parametrize("name", ["unit-review", "agreement-review"])
def test_a_long_heading_is_wrapped_within_the_table(printed, name):
    """A meeting's title, longer than its sheet is wide, is merged across the table and
    wrapped in a row tall enough, rather than running past the table's (and the
    page's) edge, where a printer cuts it."""
    assert MEETINGS
    ws = openpyxl.load_workbook(printed[name].with_suffix(".xlsx"))["Hội nghị sơ kết"]
    found = [c for row in ws.iter_rows() for c in row if "".join(str(c.value).split()) in MEETINGS]
    assert found
    for cell in found:
        merged = next(r for r in ws.merged_cells.ranges if cell.coordinate in r)
        assert (merged.min_col, merged.max_col) == (2, ws.max_column)
        assert cell.alignment.wrap_text and ws.row_dimensions[cell.row].height >= 2 * 12


# --- the demo's files, counted in pages -------------------------------------------------------
HEADING_NUMBER = re.compile(r"^([A-Z]|[IVXLC]+)$")  # agreements A, B; sectors I, II


@pytest.mark.parametrize("name", PAGES)
def test_the_demos_files_print_on_no_more_pages_than_they_did(printed, name):
    pages = office.page_count(printed[name])
    assert pages <= PAGES[name], f"{name}: {pages} pages, {PAGES[name]} at most"


@pytest.mark.parametrize("name", KINDS)
def test_every_table_prints_one_page_wide(printed, name):
    """Each page with the table's left columns has its right ones too: no page holds
    only the columns that did not fit (two pages across did that)."""
    # (words only the left part of the table has, a word of its right end); header
    # labels as LibreOffice prints them (a wrapped label can read "Cơquanchủ…trì")
    ends = [
        (("Bắtđầu",), "Tênchỉ"),  # progress annex: dates; the indicators' name
        (("Thỏathuận", "Lĩnhvực", "Bênbáocáo"), "Ngàygửi"),  # reports
    ]
    for number, text in enumerate(office.page_texts(printed[name]), start=1):
        for left, right in ends:
            if all(word in text for word in left):
                assert right in text, f"{name}: page {number} cut across"


def _annex_rows(pdf: Path) -> dict[int, list[tuple[office.Word, float]]]:
    """On each page of the progress annex, the words of its first column (STT: the task
    numbers and the headings) from top to bottom, each with the bottom of the lowest
    word of its row."""
    found = office.words(pdf)
    rows = {}
    for page, text in enumerate(office.page_texts(pdf), start=1):
        if "Bắtđầu" not in text:  # not a page of the annex
            continue
        words = [w for w in found if w.page == page]
        stt = min((w for w in words if w.text == "STT"), key=lambda w: w.y_min)
        starts = []
        for word in sorted(words, key=lambda w: w.y_min):
            if word.x_min < stt.x_max and word.y_min > stt.y_max + 20:
                if not starts or word.y_min - starts[-1].y_min > 3:
                    starts.append(word)
        ends = [nxt.y_min for nxt in starts[1:]] + [max(w.y_max for w in words)]
        rows[page] = [
            (start, max(w.y_max for w in words if start.y_min - 1 <= w.y_min < end - 1))
            for start, end in zip(starts, ends, strict=True)
        ]
    return rows


@pytest.mark.parametrize("name", ["unit-review", "agreement-review", "consolidated"])
def test_a_heading_prints_on_the_page_of_its_first_task(printed, name):
    for page, rows in _annex_rows(printed[name]).items():
        last = rows[-1][0].text
        assert not HEADING_NUMBER.match(last), f"{name}: page {page} ends on heading {last}"


@pytest.mark.parametrize("name", ["unit-review", "agreement-review", "consolidated"])
def test_rows_are_as_tall_as_their_text(printed, name):
    """A row of three lines or more is at most a line or two taller than its text."""
    office.require_excel_widths()  # row heights are worked out for Excel's columns
    ratios = []
    for rows in _annex_rows(printed[name]).values():
        for (start, bottom), (following, _bottom) in zip(rows, rows[1:], strict=False):
            text = bottom - start.y_min
            if text > 3 * (start.y_max - start.y_min):
                ratios.append((following.y_min - start.y_min) / text)
    assert ratios, "no row of three lines"
    assert statistics.median(ratios) <= 1.2 and max(ratios) <= 1.6, sorted(ratios)[-5:]


def test_the_word_report_keeps_its_closing_block_with_the_text(printed):
    pdf = printed[REPORT]
    texts = office.page_texts(pdf)
    closing = next(n for n, text in enumerate(texts) if "Nơinhận:" in text)
    page = texts[closing]
    assert "GIÁMĐỐC" in page
    before = page.split("Trênđâylàbáocáo")[0] if "Trênđâylàbáocáo" in page else ""
    assert len(before) > 100, "the closing block alone on its page"
    assert not re.search(r"[^.]\.\.(?!\.)", "".join(texts)), "a doubled full stop"
    office.page_png(pdf, ARTIFACTS / "print-report-closing.png", page=closing + 1)


def test_the_word_reports_annex_fits_its_pages(printed):
    """Across: every annex page holds the table's first and last columns; down: each
    page but the last starts a task (no row taller than a page); the demo's notes are
    said once, under the table."""
    pdf = printed[REPORT]
    texts = office.page_texts(pdf)
    first = next(n for n, text in enumerate(texts) if "PHỤLỤC" in text)
    annex = texts[first:]
    for number, text in enumerate(annex[:-1], start=first + 1):
        assert "STT" in text and "Ghichú" in text, f"page {number}"
    found = office.words(pdf)
    started = set()
    for page in range(first + 1, len(texts) + 1):
        words = [w for w in found if w.page == page]
        stt = [w for w in words if w.text in ("STT", "ST")]
        if stt and any(w.text.isdigit() and w.x_min < stt[0].x_max + 3 for w in words):
            started.add(page)
    assert set(range(first + 1, len(texts))) <= started, "a page without a task's start"
    together = "".join(annex)
    notes = re.findall(r"\[(\d+)\]Nguồn:", together)
    assert notes and len(notes) == len(set(notes)), "each demo note once, under the table"
    assert "Dữliệuminhhọa.Nguồn:" not in together  # not the whole note on each row
    office.page_png(pdf, ARTIFACTS / "print-report-annex.png", page=first + 1)
