"""LibreOffice and poppler, as the tests use them: convert a produced file to PDF the way a
printer would get it, read where each line of text landed, and save a picture of a page.

In CI a missing program fails the test (``make test-tools`` installs them as root);
elsewhere the test is skipped with the package to install.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest

PACKAGES = {"soffice": "libreoffice-calc libreoffice-writer", "pdftotext": "poppler-utils"}


def _missing(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def require(program: str) -> str:
    """The program's path, or fail (in CI) / skip (elsewhere) naming its package."""
    found = shutil.which(program)
    if found is None:
        package = PACKAGES.get(program, program)
        _missing(f"{program} is missing: apt-get install {package} (make test-tools does it)")
    return found


def require_excel_widths() -> None:
    """LibreOffice measures a workbook's columns as Excel does (in digits of Calibri, the
    default font) only with a font metric-compatible with Calibri: Carlito. Without it,
    DejaVu Sans stands in, every column is a third wider and every sheet prints a
    quarter smaller than in Excel: what is measured then is not what users print."""
    fc_match = shutil.which("fc-match")
    found = (
        subprocess.run(
            [fc_match, "-f", "%{family}", "Calibri"], capture_output=True, text=True, timeout=30
        ).stdout
        if fc_match
        else ""
    )
    if "Carlito" not in found:
        _missing(
            f"Calibri prints as {found or '?'}: apt-get install fonts-crosextra-carlito "
            "(make test-tools does it)"
        )


def to_pdf(source: Path) -> Path:
    """``soffice --convert-to pdf``: what LibreOffice (and a printer) makes of the file."""
    return to_pdfs([source])[0]


def to_pdfs(sources: list[Path]) -> list[Path]:
    """Several files of one folder converted by one LibreOffice start (it takes seconds)."""
    soffice = require("soffice")
    folder = sources[0].parent
    assert all(s.parent == folder for s in sources), "one folder per call"
    home = folder / ".office-home"  # a private profile: runs never share one
    home.mkdir(exist_ok=True)
    profile = f"-env:UserInstallation={home.resolve().as_uri()}"
    subprocess.run(
        [soffice, profile, "--headless", "--norestore", "--convert-to", "pdf"]
        + ["--outdir", str(folder)]
        + [str(s) for s in sources],
        env={**os.environ, "HOME": str(home)},
        check=True,
        capture_output=True,
        timeout=120 + 60 * len(sources),
    )
    pdfs = [s.with_suffix(".pdf") for s in sources]
    for source, pdf in zip(sources, pdfs, strict=True):
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF"), f"no PDF made of {source}"
    return pdfs


@dataclass(frozen=True)
class Word:
    page: int
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str


XHTML = "{http://www.w3.org/1999/xhtml}"


def _bbox(pdf: Path) -> ElementTree.Element:
    pdftotext = require("pdftotext")
    html = subprocess.run(
        [pdftotext, "-bbox", str(pdf), "-"], check=True, capture_output=True, timeout=120
    ).stdout
    return ElementTree.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", html))


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """(width, height) of every page in points: A4 landscape is (842, 595)."""
    return [
        (float(page.get("width")), float(page.get("height")))
        for page in _bbox(pdf).iter(XHTML + "page")
    ]


def words(pdf: Path) -> list[Word]:
    """Every word of the PDF with its box in points (``pdftotext -bbox``), page by page."""
    found = []
    for number, page in enumerate(_bbox(pdf).iter(XHTML + "page"), start=1):
        for word in page.iter(XHTML + "word"):
            box = {k: float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")}
            found.append(
                Word(number, box["xMin"], box["yMin"], box["xMax"], box["yMax"], word.text or "")
            )
    return found


def page_texts(pdf: Path) -> list[str]:
    """The text of each page (``pdftotext``), spaces left out: pdftotext splits some
    Vietnamese words, so look for "PHỤLỤC" rather than "PHỤ LỤC"."""
    pdftotext = require("pdftotext")
    text = subprocess.run(
        [pdftotext, str(pdf), "-"], check=True, capture_output=True, timeout=120, text=True
    ).stdout
    return ["".join(page.split()) for page in text.split("\f")[:-1]]


def page_count(pdf: Path) -> int:
    return len(page_sizes(pdf))


def overlapping_words(found: list[Word], *, tolerance: float = 0.2) -> list[tuple[Word, Word]]:
    """Pairs of words drawn over each other, on one page: a row too low for its lines (its
    last lines over the next row's), text running past its column (its end under the
    next cell's text).

    Words on different lines overlap when their boxes share more than ``tolerance`` of
    the smaller height and of the narrower width (neighbouring lines of one cell only
    touch). On one line (one baseline) pdftotext splits a word at some Vietnamese
    letters and their boxes overhang the next letter a little, so there two words
    overlap only when they share most of the narrower one and more than a third of
    the line's height in width."""
    pairs = []
    by_page: dict[int, list[Word]] = {}
    for word in found:
        by_page.setdefault(word.page, []).append(word)
    for page_words in by_page.values():
        page_words.sort(key=lambda w: w.y_min)
        active: list[Word] = []
        for word in page_words:
            active = [a for a in active if a.y_max > word.y_min]
            for other in active:
                tall = min(word.y_max - word.y_min, other.y_max - other.y_min)
                wide = min(word.x_max - word.x_min, other.x_max - other.x_min)
                down = min(word.y_max, other.y_max) - max(word.y_min, other.y_min)
                across = min(word.x_max, other.x_max) - max(word.x_min, other.x_min)
                if down <= tolerance * tall or across <= tolerance * wide:
                    continue
                if abs(word.y_max - other.y_max) < 0.15 * tall:  # one baseline
                    if across <= max(0.6 * wide, 0.35 * tall):
                        continue
                pairs.append((other, word))
            active.append(word)
    return pairs


def first_page_png(pdf: Path, target: Path, *, dpi: int = 80) -> Path:
    """The first page as a PNG at ``target`` (``pdftoppm``), to look at."""
    return page_png(pdf, target, page=1, dpi=dpi)


def page_png(pdf: Path, target: Path, *, page: int, dpi: int = 80) -> Path:
    """Page ``page`` (from 1) as a PNG at ``target``."""
    pdftoppm = require("pdftoppm")
    target.parent.mkdir(parents=True, exist_ok=True)
    stem = target.with_suffix("")
    subprocess.run(
        [pdftoppm, "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile"]
        + [str(pdf), str(stem)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return target
