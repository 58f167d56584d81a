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


def require(program: str) -> str:
    """The program's path, or fail (in CI) / skip (elsewhere) naming its package."""
    found = shutil.which(program)
    if found is None:
        package = PACKAGES.get(program, program)
        message = f"{program} is missing: apt-get install {package} (make test-tools does it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def to_pdf(source: Path) -> Path:
    """``soffice --convert-to pdf``: what LibreOffice (and a printer) makes of the file."""
    soffice = require("soffice")
    home = source.parent / ".office-home"  # a private profile: runs never share one
    home.mkdir(exist_ok=True)
    subprocess.run(
        [soffice, "--headless", "--norestore", "--convert-to", "pdf", "--outdir"]
        + [str(source.parent), str(source)],
        env={**os.environ, "HOME": str(home)},
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = source.with_suffix(".pdf")
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF"), f"no PDF made of {source}"
    return pdf


@dataclass(frozen=True)
class Word:
    page: int
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str


def words(pdf: Path) -> list[Word]:
    """Every word of the PDF with its box in points (``pdftotext -bbox``), page by page."""
    pdftotext = require("pdftotext")
    html = subprocess.run(
        [pdftotext, "-bbox", str(pdf), "-"], check=True, capture_output=True, timeout=120
    ).stdout
    root = ElementTree.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", html))
    found = []
    for number, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
        for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
            box = {k: float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")}
            found.append(
                Word(number, box["xMin"], box["yMin"], box["xMax"], box["yMax"], word.text or "")
            )
    return found


def page_count(pdf: Path) -> int:
    return max((w.page for w in words(pdf)), default=0)


def first_page_png(pdf: Path, target: Path, *, dpi: int = 80) -> Path:
    """The first page as a PNG at ``target`` (``pdftoppm``), to look at."""
    pdftoppm = require("pdftoppm")
    target.parent.mkdir(parents=True, exist_ok=True)
    stem = target.with_suffix("")
    subprocess.run(
        [pdftoppm, "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile"]
        + [str(pdf), str(stem)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return target
