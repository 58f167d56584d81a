"""In Chromium: planning staff attach the signed agreement in the admin with the browser's
own file input, a renamed program is refused, and the public page lists and downloads it."""

import pytest
from django.urls import reverse

from agreements.models import AgreementDocument
from agreements.tests.test_documents import exe_bytes, pdf_bytes
from portal.tests.browser import ARTIFACTS, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_attach_a_signed_agreement_and_anyone_downloads_it(
    new_page, live_server, world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    ARTIFACTS.mkdir(exist_ok=True)
    agreement_url = live_server.url + world.ours.get_absolute_url()

    visitor = new_page()
    visitor.goto(agreement_url)
    assert visitor.locator("#no-documents").inner_text() == "Chưa có văn bản nào được đính kèm."
    assert visitor.get_by_text("Đính kèm văn bản", exact=False).count() == 0

    planner = new_page(width=1366, height=768)
    login(planner, live_server, "kehoach.cantho", "pw-kehoach.cantho")
    planner.goto(agreement_url)
    planner.get_by_role("link", name="Đính kèm văn bản", exact=False).click()
    planner.wait_for_url(
        "**" + reverse("admin:agreements_agreement_change", args=[world.ours.pk]) + "*"
    )
    group = planner.locator("#documents-group")
    group.locator(".add-row a").click()
    row = group.locator(".inline-related:not(.empty-form)").last
    row.locator("select[name$='-kind']").select_option("agreement")
    row.locator("input[name$='-title']").fill("Chương trình hợp tác phát triển 2021-2025")
    row.locator("input[name$='-number']").fill("01/CTr-HT")
    row.locator("input[name$='-issued_on']").fill("26/02/2021")
    row.locator("input[name$='-issuer']").fill("UBND TP Cần Thơ và UBND tỉnh Hậu Giang")
    row.locator("input[name$='-is_public']").check()
    upload = tmp_path / "chuong-trinh.pdf"
    upload.write_bytes(exe_bytes())  # a program renamed .pdf first
    row.locator("input[type=file]").set_input_files(str(upload))
    planner.click("input[name=_continue]")
    planner.wait_for_selector(".errornote")
    error = planner.locator("#documents-group .errorlist").first.inner_text()
    assert "Nội dung tệp “chuong-trinh.pdf” không phải PDF" in error
    assert not AgreementDocument.objects.exists()
    planner.locator("#documents-group").screenshot(
        path=str(ARTIFACTS / "admin-agreement-document-refused.png")
    )

    upload.write_bytes(pdf_bytes())  # the real signed text
    row = planner.locator("#documents-group .inline-related:not(.empty-form)").last
    row.locator("input[type=file]").set_input_files(str(upload))
    planner.click("input[name=_continue]")
    planner.wait_for_selector(".messagelist .success")
    document = AgreementDocument.objects.get()
    assert (document.number, document.is_public) == ("01/CTr-HT", True)
    current = planner.locator("#documents-group p.file-upload a").first
    assert current.get_attribute("href") == document.get_download_url()
    planner.locator("#documents-group").screenshot(
        path=str(ARTIFACTS / "admin-agreement-document.png")
    )

    visitor.goto(agreement_url)
    link = visitor.locator("ul.documents a").first
    assert "01/CTr-HT" in link.inner_text()
    visitor.locator("#documents").scroll_into_view_if_needed()
    visitor.screenshot(path=str(ARTIFACTS / "agreement-documents.png"), full_page=True)
    with visitor.expect_download() as download:
        link.click()
    saved = tmp_path / "downloaded.pdf"
    download.value.save_as(str(saved))
    assert saved.read_bytes() == pdf_bytes()
    assert download.value.suggested_filename == document.download_name
