"""In Chromium, in Vietnamese: the export page, the import page and its preview show no
English word, for commitments and for progress reports.

What is read is what a user meets: the visible text, the buttons' words, placeholders,
tooltips and the labels screen readers speak. The browser's own file button ("Choose
File", "No file chosen", in the language of the browser, not of the page) is hidden
behind the page's own button, so it is checked to be out of sight.
"""

from __future__ import annotations

import re

import pytest

from portal.demo.users import DEMO_PASSWORD
from portal.tests.browser import ARTIFACTS, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Words of django-import-export's and the Django admin's English that would betray an
# untranslated string on these pages. Vietnamese written without accents shares some
# short words with English ("non", "run", "do", "an"): none of them is listed.
ENGLISH = set(
    """
    import importer export exporter file files format formats resource resources field
    fields submit confirm preview errors error line number skipped skip update updated
    delete deleted new row rows following below will this the and with from your
    select selected choose chosen browse upload uploaded clear cancel save change
    changes add home logout log out view site password filter search action actions
    show counts toggle navigation sidebar breadcrumbs theme light dark main content
    yes unknown history previous next page results result total please correct
    some failed validate validated valid value values instance item items key keys
    finished successfully success warning required invalid missing empty none
    agreement commitment sector stage period report reporting unit agency title
    description percent achievements difficulties recommendations tasks start due lead
    supporting committing
    """.split()
)

# Everything the page says: visible text, button words, placeholders, tooltips, labels
# for screen readers (aria-label), image descriptions.
SAID = """() => [
  document.body.innerText,
  ...[...document.querySelectorAll('input[type=submit], input[type=button], button')]
      .map(e => e.value || e.innerText),
  ...[...document.querySelectorAll('[placeholder]')].map(e => e.placeholder),
  ...[...document.querySelectorAll('[title]')].map(e => e.title),
  ...[...document.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label')),
  ...[...document.querySelectorAll('img[alt]')].map(e => e.alt),
].join('\\n')"""

# Each file input's size and opacity: the browser draws its own words in it.
FILE_INPUTS = """() => [...document.querySelectorAll('input[type=file]')].map(e => {
  const r = e.getBoundingClientRect();
  return {width: r.width, height: r.height, opacity: getComputedStyle(e).opacity,
          labels: [...e.labels].map(l => l.innerText.trim())};
})"""


def english_words(text: str) -> list[str]:
    return sorted({word for word in re.findall(r"[A-Za-z]+", text) if word.lower() in ENGLISH})


def check_vietnamese(page, name: str, *, full_page: bool = True) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)
    assert page.locator("html").get_attribute("lang") == "vi"
    assert english_words(page.evaluate(SAID)) == [], f"{name}: English on the page"
    for file_input in page.evaluate(FILE_INPUTS):
        assert file_input["width"] <= 1 and file_input["height"] <= 1, f"{name}: {file_input}"
        assert file_input["opacity"] == "0", f"{name}: the browser's file button shows"
        assert "Chọn tệp" in file_input["labels"], f"{name}: no button of the page's own"


def test_the_import_and_export_pages_say_nothing_in_english(
    new_page, live_server, demo_logins, settings, tmp_path
):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "imports"
    ARTIFACTS.mkdir(exist_ok=True)
    page = new_page(width=1366, height=768)
    login(page, live_server, "kehoach.cantho", DEMO_PASSWORD)

    for model in ["agreements/commitment", "reports/progressreport"]:
        name = model.split("/")[1]
        page.goto(f"{live_server.url}/admin/{model}/export/")
        check_vietnamese(page, f"export-{name}")
        page.goto(f"{live_server.url}/admin/{model}/import/")
        check_vietnamese(page, f"import-{name}")

    # the commitments as exported, imported back: the upload, its name, the preview
    page.goto(f"{live_server.url}/admin/agreements/commitment/export/")
    page.select_option("#id_format", label="xlsx")
    with page.expect_download() as download:
        page.click("input[type=submit]")
    exported = tmp_path / "noi-dung-hop-tac.xlsx"
    download.value.save_as(exported)

    page.goto(f"{live_server.url}/admin/agreements/commitment/import/")
    assert page.locator(".file-picker-name").inner_text() == "Chưa chọn tệp"
    page.set_input_files("input[type=file]", str(exported))
    assert page.locator(".file-picker-name").inner_text() == "noi-dung-hop-tac.xlsx"
    selected = page.locator("#id_format option:checked").inner_text()
    assert selected == "xlsx"  # guessed from the name by django-import-export's script
    check_vietnamese(page, "import-commitment-chosen")
    page.click("input[type=submit]")
    page.wait_for_selector("input[name=confirm]")
    check_vietnamese(page, "import-commitment-preview", full_page=False)  # 56 rows long

    page.get_by_role("button", name="Hủy lần nhập này").click()  # nothing written
    page.wait_for_selector("#changelist")
