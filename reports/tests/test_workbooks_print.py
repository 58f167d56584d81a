"""Every kind of workbook the portal produces, printed: LibreOffice converts it to PDF
(what a printer gets), and the text positions in that PDF (``pdftotext -bbox``) show
whether a row was too low for its wrapped lines (its text drawn over the next rows),
whether text ran past its column, and whether the pages are A4 landscape.

The workbooks are built once from the demo data (``load_demo``), in one rolled-back
transaction, and converted by one LibreOffice run; the first page of each, and the
first page of its progress annex, are saved as test-artifacts/print-<kind>.png to look at.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from agreements.models import Agreement
from regions.models import AdministrativeUnit
from reports import exports
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
    pdf = printed[name]
    sizes = {(round(width), round(height)) for width, height in office.page_sizes(pdf)}
    assert sizes == {A4_LANDSCAPE}
    heights = sorted(w.y_max - w.y_min for w in office.words(pdf))
    small = heights[len(heights) // 20]  # 95 % of the words are at least this high
    assert small >= SMALLEST_PRINTED_TEXT, f"the tables print {small:.1f} pt high"
