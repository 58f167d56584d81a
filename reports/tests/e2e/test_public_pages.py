"""In Chromium: officials find Cần Thơ's agreements, open one, read it in English,
on a desktop and on a 360 px phone, and nothing is fetched from another host."""

import pytest
from django.core.management import call_command

from portal.tests.browser import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CT_HG = (
    "Chương trình hợp tác phát triển giữa tỉnh Hậu Giang với thành phố Cần Thơ giai đoạn 2021-2025"
)


@pytest.fixture
def demo(units):
    call_command("load_demo", verbosity=0)


def test_an_official_filters_can_tho_opens_the_agreement_and_reads_it_in_english(
    new_page, live_server, demo
):
    page = new_page()
    page.goto(f"{live_server.url}/agreements/")
    page.get_by_label("Tìm kiếm").fill("can tho")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**/agreements/?q=can+tho*")
    found = page.locator("table.agreements tbody tr td:first-child a").all_inner_texts()
    assert CT_HG in found
    rows = page.locator("table.agreements tbody tr").all_inner_texts()
    assert rows and all("Cần Thơ" in row for row in rows)  # in the title or among the parties
    assert page.get_by_text("Tìm kiếm: can tho").is_visible()  # the active filter, removable

    page.get_by_role("link", name=CT_HG).click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == CT_HG
    assert page.locator("#agreement-status").inner_text() == "hết hạn"
    assert page.locator("tr.commitment").count() >= 10
    assert (
        page.get_by_text(
            "Quản lý, duy tu bảo dưỡng các đường tỉnh 926, 931B và 932", exact=False
        ).count()
        >= 1
    )

    page.select_option("#lang-select", "en")
    page.get_by_role("button", name="Đổi").click()
    page.wait_for_selector("html[lang=en]")
    assert page.locator("#agreement-status").inner_text() == "expired"
    assert page.get_by_role("heading", name="Commitments").is_visible()
    assert page.get_by_role("link", name="Overview").first.is_visible()


@pytest.mark.parametrize(("width", "device"), [(1280, "desktop"), (360, "phone")])
def test_dashboard_and_agreement_page_fit_the_screen_and_are_saved(
    new_page, live_server, demo, width, device
):
    page = new_page(width=width, height=800)
    ARTIFACTS.mkdir(exist_ok=True)
    for path, name in [
        ("/", "dashboard"),
        ("/agreements/can-tho-hau-giang-2021-2025/", "agreement"),
    ]:
        page.goto(live_server.url + path)
        page.wait_for_selector("h1")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} is {overflow}px wider than a {width}px screen"
        page.screenshot(path=str(ARTIFACTS / f"{name}-{device}.png"), full_page=True)
        assert page.locator("svg[role=img]").count() >= 1  # the status bar, with its text


def test_every_public_page_loads_with_no_request_to_another_host(new_page, live_server, demo):
    page = new_page()
    for path in [
        "/",
        "/agreements/",
        "/agreements/tphcm-dbscl-2023-2025/",
        "/provinces/can-tho/",
        "/provinces/",
        "/sectors/y-te/",
        "/reports/",
        "/open-data/",
        "/admin/login/",
    ]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.title()
    # the new_page fixture fails the test if any request left the server


def test_the_filters_work_from_the_keyboard(new_page, live_server, demo):
    page = new_page()
    page.goto(f"{live_server.url}/agreements/")
    page.get_by_label("Tìm kiếm").focus()
    page.keyboard.type("hau giang")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=hau+giang*")
    assert page.locator("table.agreements tbody tr").count() >= 2
