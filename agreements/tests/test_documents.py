"""Documents attached to an agreement: uploaded through the admin and checked by content,
downloaded through the portal by whoever may have them, listed on the agreement page."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements.models import AgreementDocument
from agreements.tests.factories import bilateral
from portal.tests.matrix_world import form_data

pytestmark = pytest.mark.django_db

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


# --- tiny real files ---------------------------------------------------------------------


def pdf_bytes(size: int = 0) -> bytes:
    body = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n"
    return body + b"%" * max(0, size - len(body) - 6) + b"%%EOF\n"


def docx_bytes(main_type: str = DOCX_MAIN) -> bytes:
    """The smallest package Word opens: content types, the package relationship, a body."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{main_type}"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
            "</Relationships>",
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>Kế hoạch thực hiện</w:t></w:r></w:p></w:body></w:document>",
        )
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "Biên bản"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zip_bomb_bytes() -> bytes:
    """A .docx-shaped zip declaring 8 MB that packs into a few KB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (8 * 2**20))
    return buffer.getvalue()


GOOD = {
    "signed.pdf": pdf_bytes(),
    "plan.docx": docx_bytes(),
    "minutes.xlsx": None,  # openpyxl, built in the test
}


# --- the admin -------------------------------------------------------------------------


def change_url(agreement) -> str:
    return reverse("admin:agreements_agreement_change", args=[agreement.pk])


def with_document(client, agreement, upload, **fields) -> dict:
    """The agreement's change form as the page has it, plus one new document row."""
    data = form_data(client.get(change_url(agreement)).content.decode())
    total = int(data["documents-TOTAL_FORMS"][0])
    prefix = f"documents-{total}-"
    row = {
        "kind": "agreement",
        "title": "Chương trình hợp tác phát triển giai đoạn 2021-2025",
        "number": "",
        "issued_on": "26/02/2021",
        "issuer": "UBND tỉnh Hậu Giang",
        "issuing_unit": "",
        "url": "",
        **fields,
    }
    data |= {prefix + name: [value] for name, value in row.items()}
    if row.get("is_public"):
        data[prefix + "is_public"] = ["on"]
    else:
        data.pop(prefix + "is_public", None)
    data["documents-TOTAL_FORMS"] = [str(total + 1)]
    data[prefix + "file"] = upload
    return data


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.mark.parametrize("name", ["signed.pdf", "plan.docx", "minutes.xlsx"])
def test_planning_staff_attach_a_pdf_docx_or_xlsx_to_their_agreement(client, world, media, name):
    content = GOOD[name] if GOOD[name] is not None else xlsx_bytes()
    client.force_login(world.planner)
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    response = client.post(
        change_url(world.ours),
        with_document(client, world.ours, upload, number="01/CTr-HT", is_public=True),
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    document = AgreementDocument.objects.get(agreement=world.ours)
    assert (document.number, document.is_public) == ("01/CTr-HT", True)
    assert document.issued_on.isoformat() == "2021-02-26"  # typed dd/mm/yyyy
    # stored under a random name, with the detected extension, the bytes unchanged
    assert document.file.name.startswith("documents/") and name not in document.file.name
    assert document.file_extension == name.rsplit(".", 1)[1]
    with document.file.open("rb") as stored:
        assert stored.read() == content


def test_an_implementing_plan_names_the_party_that_issued_it(client, world, media):
    client.force_login(world.planner)
    upload = SimpleUploadedFile("ke-hoach.docx", docx_bytes())
    data = with_document(client, world.ours, upload, kind="implementing_plan", number="45/KH")
    response = client.post(change_url(world.ours), data)
    assert "Kế hoạch thực hiện cần ghi đơn vị ban hành (bên nào)." in response.content.decode()
    bac_lieu = world.units["bac-lieu-truoc-2025"].pk
    data = with_document(
        client, world.ours, upload, kind="implementing_plan", number="45/KH", issuing_unit=bac_lieu
    )
    response = client.post(change_url(world.ours), data)
    assert "phải là một bên của thỏa thuận" in response.content.decode()
    hau_giang = world.units["hau-giang-truoc-2025"].pk
    upload.seek(0)
    data = with_document(
        client, world.ours, upload, kind="implementing_plan", number="45/KH", issuing_unit=hau_giang
    )
    assert client.post(change_url(world.ours), data).status_code == 302
    assert AgreementDocument.objects.get().issuing_unit_id == hau_giang


def exe_bytes() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\0" * 200


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "ke-hoach.pdf",
            exe_bytes(),
            "Nội dung tệp “ke-hoach.pdf” không phải PDF, Word (.docx) hay Excel (.xlsx); "
            "tệp không được nhận. Hãy chọn đúng văn bản.",
        ),
        ("van-ban.docx", pdf_bytes(), "có đuôi “.docx” nhưng nội dung là PDF"),
        ("ghi-chu.txt", "Biên bản họp".encode(), "không phải PDF, Word (.docx) hay Excel"),
        ("ghi-chu.pdf", "Biên bản họp".encode(), "không phải PDF, Word (.docx) hay Excel"),
        ("bang.xlsx", docx_bytes(), "có đuôi “.xlsx” nhưng nội dung là DOCX"),
        ("hong.docx", b"PK\x03\x04" + b"\x14\x00garbage" * 40, "Tệp nén bị hỏng"),
        ("bom.docx", zip_bomb_bytes(), "Tệp nén bất thường"),
        ("macro.docx", docx_bytes(DOCM_MAIN), "có thể chứa macro"),
        ("rong.zip.docx", b"PK\x03\x04", "Tệp nén bị hỏng"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused_and_nothing_saved(
    client, world, media, name, content, message
):
    client.force_login(world.planner)
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")  # browser lies
    response = client.post(
        change_url(world.ours), with_document(client, world.ours, upload, number="01/CTr-HT")
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AgreementDocument.objects.exists()
    assert not media.exists() or not any(media.rglob("*.*"))


def test_a_file_over_the_configured_size_is_refused(client, world, media, settings):
    settings.AGREEMENT_DOCUMENT_MAX_BYTES = 2 * 2**20
    client.force_login(world.planner)
    upload = SimpleUploadedFile("lon.pdf", pdf_bytes(3 * 2**20))
    response = client.post(
        change_url(world.ours), with_document(client, world.ours, upload, number="01/CTr-HT")
    )
    assert "Tệp nặng 3,0 MB, vượt giới hạn 2,0 MB cho một văn bản." in response.content.decode()
    assert not AgreementDocument.objects.exists()


def test_another_units_planning_staff_cannot_attach_to_an_agreement_they_are_not_party_to(
    client, world, media
):
    client.force_login(world.planner)  # the form as a party sees it
    data = with_document(client, world.ours, SimpleUploadedFile("a.pdf", pdf_bytes()), number="1")
    client.force_login(world.outsider)  # Cà Mau: not a party of Cần Thơ - Hậu Giang
    data["documents-0-file"] = SimpleUploadedFile("a.pdf", pdf_bytes())
    response = client.post(change_url(world.ours), data)
    assert response.status_code == 403
    assert not AgreementDocument.objects.exists()


def test_a_party_that_does_not_coordinate_adds_only_its_own_units_documents(client, world, media):
    """A multilateral agreement coordinated by Hồ Chí Minh City: Cần Thơ's planning staff
    attach Cần Thơ's plan, not one in another party's name."""
    from agreements.models import AgreementParty

    multi = bilateral("ho-chi-minh-truoc-2025", "can-tho-truoc-2025", slug="hcm-dbscl")
    AgreementParty.objects.create(agreement=multi, unit=world.units["an-giang-truoc-2025"])
    multi.parties.filter(unit__key="ho-chi-minh-truoc-2025").update(role="coordinator")
    client.force_login(world.planner)
    theirs = world.units["an-giang-truoc-2025"].pk
    upload = SimpleUploadedFile("kh.pdf", pdf_bytes())
    data = with_document(
        client, multi, upload, kind="implementing_plan", number="9/KH", issuing_unit=theirs
    )
    response = client.post(change_url(multi), data)
    assert "thuộc đơn vị khác" in response.content.decode()
    assert not AgreementDocument.objects.exists()
    upload.seek(0)
    ours = world.units["can-tho-truoc-2025"].pk
    data = with_document(
        client, multi, upload, kind="implementing_plan", number="9/KH", issuing_unit=ours
    )
    assert client.post(change_url(multi), data).status_code == 302
    assert AgreementDocument.objects.get().issuing_unit_id == ours


# --- downloads ---------------------------------------------------------------------------


def attach(agreement, *, public: bool, name: str = "thoa-thuan.pdf", content=None, **fields):
    document = AgreementDocument(
        agreement=agreement,
        kind=fields.pop("kind", "agreement"),
        title=fields.pop("title", "Thỏa thuận hợp tác giai đoạn 2021-2025"),
        number=fields.pop("number", "01/TTHT"),
        is_public=public,
        **fields,
    )
    document.file.save(name, ContentFile(content or pdf_bytes()), save=False)
    document.save()
    return document


def test_a_public_document_downloads_for_anyone_as_an_attachment(client, world, media):
    document = attach(world.ours, public=True, title="Chương trình hợp tác Cần Thơ - Hậu Giang")
    url = document.get_download_url()
    assert url == (
        f"/agreements/{world.ours.slug}/documents/{document.pk}/"
        "01-ttht-chuong-trinh-hop-tac-can-tho-hau-giang.pdf"
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="01-ttht-chuong-trinh-hop-tac-can-tho-hau-giang.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == pdf_bytes()


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        (
            "ke-hoach.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("bien-ban.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_word_and_excel_files_are_sent_with_their_own_type(
    client, world, media, name, content_type
):
    content = docx_bytes() if name.endswith("docx") else xlsx_bytes()
    document = attach(world.ours, public=True, name=name, content=content)
    response = client.get(document.get_download_url())
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].endswith(f'.{name.rsplit(".", 1)[1]}"')


def test_a_file_stored_before_uploads_were_checked_goes_as_opaque_bytes(client, world, media):
    legacy = attach(world.ours, public=True, name="cu.doc", content=b"\xd0\xcf\x11\xe0old")
    response = client.get(legacy.get_download_url())
    assert response["Content-Type"] == "application/octet-stream"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="01-ttht-thoa-thuan-hop-tac-giai-doan-2021-2025.doc"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_internal_document_is_not_found_for_anyone_who_may_not_have_it(client, world, media):
    document = attach(world.ours, public=False)
    url = document.get_download_url()
    assert client.get(url).status_code == 404  # anonymous: not even told it exists
    for user in (world.viewer, world.reporter, world.outsider):
        client.force_login(user)
        assert client.get(url).status_code == 404, user.username


def test_an_internal_document_downloads_for_the_parties_planning_staff_and_administrators(
    client, world, media
):
    document = attach(world.ours, public=False)
    for user in (world.planner, world.admin):
        client.force_login(user)
        response = client.get(document.get_download_url())
        assert response.status_code == 200, user.username
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert b"".join(response.streaming_content) == pdf_bytes()


def test_another_agreements_document_under_this_agreements_slug_is_not_found(client, world, media):
    theirs = attach(world.theirs, public=True)
    forged = reverse(
        "agreement-document",
        kwargs={"slug": world.ours.slug, "pk": theirs.pk, "filename": theirs.download_name},
    )
    assert client.get(forged).status_code == 404
    assert client.get(theirs.get_download_url()).status_code == 200


def test_an_outdated_file_name_redirects_to_the_current_one_only_when_allowed(client, world, media):
    public = attach(world.ours, public=True)
    internal = attach(world.ours, public=False, number="02/BB")
    old = f"/agreements/{world.ours.slug}/documents/{public.pk}/ten-cu.pdf"
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (302, public.get_download_url())
    assert (
        client.get(f"/agreements/{world.ours.slug}/documents/{internal.pk}/x.pdf").status_code
        == 404
    )


def test_a_document_with_only_a_link_has_no_download(client, world, media):
    linked = AgreementDocument.objects.create(
        agreement=world.ours, kind="agreement", title="Văn bản", url="https://example.gov.vn/vb"
    )
    url = f"/agreements/{world.ours.slug}/documents/{linked.pk}/van-ban"
    assert client.get(url).status_code == 404
    page = client.get(world.ours.get_absolute_url()).content.decode()
    assert 'href="https://example.gov.vn/vb"' not in page  # internal: not listed at all
    linked.is_public = True
    linked.save()
    page = client.get(world.ours.get_absolute_url()).content.decode()
    assert 'href="https://example.gov.vn/vb"' in page


def test_downloads_answer_only_get_and_head(client, world, media):
    document = attach(world.ours, public=True)
    assert client.post(document.get_download_url()).status_code == 405


# --- the agreement page ------------------------------------------------------------------


def documents_block(page: str) -> str:
    return page.split('id="documents"', 1)[1].split("<h2", 1)[0]


def test_the_page_lists_public_documents_for_all_and_internal_ones_for_those_allowed(
    client, world, media
):
    public = attach(world.ours, public=True, issued_on="2021-02-26", issuer="UBND TP Cần Thơ")
    internal = attach(world.ours, public=False, number="07/BB", title="Biên bản sơ kết 2024")
    page = documents_block(client.get(world.ours.get_absolute_url()).content.decode())
    assert public.get_download_url() in page and "26/02/2021" in page
    assert "07/BB" not in page and internal.get_download_url() not in page
    for user in (world.viewer, world.reporter, world.outsider):
        client.force_login(user)
        page = documents_block(client.get(world.ours.get_absolute_url()).content.decode())
        assert "07/BB" not in page, user.username
        assert "Đính kèm văn bản" not in page, user.username
    client.force_login(world.planner)
    page = documents_block(client.get(world.ours.get_absolute_url()).content.decode())
    assert internal.get_download_url() in page and "nội bộ" in page
    assert change_url(world.ours) + "#documents-group" in page


def test_an_agreement_without_documents_says_so_and_staff_get_the_way_to_attach_one(client, world):
    page = documents_block(client.get(world.ours.get_absolute_url()).content.decode())
    assert "Chưa có văn bản nào được đính kèm." in page
    assert "/admin/" not in page
    client.force_login(world.planner)
    page = documents_block(client.get(world.ours.get_absolute_url()).content.decode())
    assert change_url(world.ours) + "#documents-group" in page


def test_the_admin_links_stored_files_to_their_checked_download_never_to_media(
    client, world, media
):
    public = attach(world.ours, public=True)
    internal = attach(world.ours, public=False, number="07/BB")
    client.force_login(world.planner)  # may change: the file input shows the current file
    page = client.get(change_url(world.ours)).content.decode()
    assert public.get_download_url() in page and internal.get_download_url() in page
    assert "/media/" not in page
    client.force_login(world.viewer)  # read-only: public documents only, as links
    page = client.get(change_url(world.ours)).content.decode()
    assert public.get_download_url() in page
    assert "07/BB" not in page and internal.get_download_url() not in page
    assert "/media/" not in page


# Anonymous visitor, exactly: savepoint and release (ATOMIC_REQUESTS), the agreement, its
# parties, its sectors, the reporting periods, the unit successions, the standing rows, the
# indicators, the standing party lines, the timeline by category, the approved reports per
# period, the renewals, the documents (ONE query, public ones with their issuing units, no
# permission query for a visitor) and the review meetings.
ANONYMOUS_PAGE_QUERIES = 15
# Planning staff of a party, on top: session and user (2), their membership (1), the units
# merged into theirs (2 rounds, the second finding none), the agreements they manage (1,
# kept for the request: both "may see internal documents" and "may attach" read it); the
# documents stay one query, internal ones included.
PLANNER_EXTRA_QUERIES = 6


@pytest.mark.parametrize("count", [0, 2, 22])
def test_the_agreement_page_query_count_does_not_grow_with_documents(
    client, world, media, count, django_assert_num_queries
):
    for number in range(count):
        attach(world.ours, public=number % 2 == 0, number=f"{number}/KH")
    with django_assert_num_queries(ANONYMOUS_PAGE_QUERIES):
        response = client.get(world.ours.get_absolute_url())
    assert response.content.decode().count("/documents/") == (count + 1) // 2
    client.force_login(world.planner)
    with django_assert_num_queries(ANONYMOUS_PAGE_QUERIES + PLANNER_EXTRA_QUERIES):
        response = client.get(world.ours.get_absolute_url())
    assert response.content.decode().count("/documents/") == count


def test_the_demo_invents_no_document_and_its_pages_show_where_documents_go(client, units):
    """The source articles name no signed document's number, so the demo records none."""
    from django.core.management import call_command

    from agreements.models import Agreement

    call_command("load_demo", verbosity=0)
    assert not AgreementDocument.objects.exists()
    agreement = Agreement.objects.filter(is_demo=True).first()
    page = documents_block(client.get(agreement.get_absolute_url()).content.decode())
    assert "Chưa có văn bản nào được đính kèm." in page
