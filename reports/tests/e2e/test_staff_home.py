"""In Chromium, on the demo data: each role's admin home shows its sections, fits a
1366 × 768 laptop and a 390 px phone, and each count opens a list of that many rows."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from portal.tests.browser import ARTIFACTS, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "hoptac-demo-2025"  # portal/demo/users.py
# Four days after the demo's last period's deadline (2025-H1, 16/06/2025): its unsent
# reports are on the chase lists. The demo's data stop there (portal/demo/data.py).
DEMO_DAY = dt.date(2025, 6, 20)

SECTIONS = {
    "reporter": ["#home-reports", "#home-chase"],
    "planning": ["#home-reports", "#home-chase", "#home-no-lead", "#home-periods"],
    "admin": ["#home-reports", "#home-chase", "#home-no-lead", "#home-periods", "#home-jobs"],
}
USERS = {"reporter": "baocao.gtvt.haugiang", "planning": "kehoach.cantho", "admin": "quantri"}


@pytest.fixture
def demo(units, monkeypatch):
    call_command("load_demo", verbosity=0)
    call_command("demo_users", allow_without_debug=True, verbosity=0)
    monkeypatch.setattr(timezone, "localdate", lambda *a: DEMO_DAY)


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page is {width}px wide"


def _rows_on(page) -> int:
    if page.locator("#changelist").count():  # an empty changelist has no table
        return page.locator("#result_list tbody tr").count()
    if page.locator("#chase-page").count():
        return page.locator(".chase-row").count()
    raise AssertionError(f"no list at {page.url}")


def _tallies(page) -> list[tuple[str, int, str]]:
    found = []
    for item in page.locator(".home-tallies li").all():
        number = int(item.locator(".tally-number").inner_text())
        found.append(
            (item.get_attribute("data-key"), number, item.locator("a").get_attribute("href"))
        )
    return found


@pytest.mark.parametrize("role", ["reporter", "planning", "admin"])
def test_each_roles_home_shows_its_work_and_each_count_opens_that_many_rows(
    new_page, live_server, demo, role
):
    page = new_page(1366, 768)
    login(page, live_server, USERS[role], PASSWORD)
    page.goto(f"{live_server.url}/admin/")
    assert page.get_attribute("#staff-home", "data-role") == role
    for section in SECTIONS[role]:
        assert page.locator(section).is_visible(), section
    assert page.locator("#home-apps-title").is_visible()  # the app list stays, below
    _fits(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"home-{role}.png"), full_page=True)
    tallies = _tallies(page)
    assert tallies
    for key, number, href in tallies:
        page.click(f'.home-tallies li[data-key="{key}"] a')
        page.wait_for_load_state()
        assert page.url.endswith(href), (page.url, href)
        assert _rows_on(page) == number, (key, number, page.url)
        page.go_back()


def test_the_planners_home_fits_a_phone(new_page, live_server, demo):
    page = new_page(390, 844)
    login(page, live_server, USERS["planning"], PASSWORD)
    page.goto(f"{live_server.url}/admin/")
    assert page.locator("#home-chase").is_visible()
    _fits(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home-planning-phone.png"), full_page=True)


def test_planning_staff_send_a_reminder_from_the_chase_list(new_page, live_server, demo):
    from django.core import mail

    from reports.models import ReminderLog

    page = new_page(1366, 768)
    login(page, live_server, USERS["planning"], PASSWORD)
    page.goto(f"{live_server.url}/admin/")
    groups = page.locator("#home-chase .chase-group")
    assert groups.count() > 0
    sent_before = len(mail.outbox)
    page.locator("#home-chase .chase-group form.chase-send button").first.click()
    page.wait_for_selector(".messagelist li")
    message = page.locator(".messagelist li").first.inner_text()
    logs = ReminderLog.objects.filter(kind="department_chase")
    if page.locator(".messagelist .success").count():
        assert logs.count() >= 1 and len(mail.outbox) > sent_before
        page.locator("#home-chase .chase-group form.chase-send button").first.click()
        page.wait_for_selector(".messagelist .error")
        assert "hôm nay" in page.locator(".messagelist .error").inner_text()
    else:  # nobody answers for the first group: it says why, nothing recorded
        assert "Chưa gửi" in message and logs.count() == 0
