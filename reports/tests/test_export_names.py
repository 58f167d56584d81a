"""Workbooks name units as they were at the data cut-off, and parties as they signed."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from agreements.tests.factories import CommitmentFactory, bilateral
from reports import exports
from reports.tests.factories import ProgressReportFactory, period

pytestmark = pytest.mark.django_db


def _cells(build, scope) -> set[str]:
    out = io.BytesIO()
    build(scope=scope, out=out)
    out.seek(0)
    book = load_workbook(out, read_only=True)
    return {
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    }


@pytest.fixture
def quang_ninh_and_hue(units):
    """Agreements of 2023 with Quảng Ninh (a province throughout) and Thừa Thiên Huế
    (a province until 31/12/2024, then Thành phố Huế), each with a 2024-H1 report."""
    qn = bilateral(
        "quang-ninh-truoc-2025",
        "hai-phong-truoc-2025",
        title="Quảng Ninh - Hải Phòng 2023-2027",
        signed_on="2023-03-01",
        term_start="2023-03-01",
        term_end="2027-12-31",
    )
    hue = bilateral(
        "hue-truoc-2025",
        "quang-tri-truoc-2025",
        title="Thừa Thiên Huế - Quảng Trị 2023-2027",
        signed_on="2023-03-01",
        term_start="2023-03-01",
        term_end="2027-12-31",
    )
    h1 = period(2024, 1)
    for agreement, key in ((qn, "quang-ninh-truoc-2025"), (hue, "hue-truoc-2025")):
        commitment = CommitmentFactory(agreement=agreement, title=f"Nội dung {agreement.pk}")
        ProgressReportFactory(commitment=commitment, period=h1, reporting_unit=units[key])
    return qn, hue


def test_a_2024_workbook_of_quang_ninh_says_tinh_quang_ninh(units, quang_ninh_and_hue):
    for key in ("quang-ninh-truoc-2025", "quang-ninh"):  # then, and the unit it lives on in
        scope = exports.scope_for_unit(unit=units[key], year=2024)
        cells = _cells(exports.build_review_workbook, scope)
        assert "Tỉnh Quảng Ninh" in cells
        assert not any("Thành phố Quảng Ninh" in c for c in cells)


def test_a_2024_workbook_of_hue_names_thua_thien_hue_a_province(units, quang_ninh_and_hue):
    scope = exports.scope_for_unit(unit=units["hue-truoc-2025"], year=2024, half=1)
    assert scope.name == "Tỉnh Thừa Thiên Huế"
    cells = _cells(exports.build_consolidated_workbook, scope)
    assert "Tỉnh Thừa Thiên Huế" in cells
    assert "Thành phố Huế" not in cells


def test_a_2025_h2_workbook_of_hue_names_the_city(units, quang_ninh_and_hue):
    assert exports.scope_for_unit(unit=units["hue"], year=2025, half=2).name == "Thành phố Huế"


def test_the_cover_lists_parties_under_the_name_they_signed(units, quang_ninh_and_hue):
    _qn, hue = quang_ninh_and_hue
    scope = exports.scope_for_agreement(agreement=hue, year=2024)
    cells = _cells(exports.build_review_workbook, scope)
    assert "Thừa Thiên Huế → Huế; Quảng Trị" in cells
