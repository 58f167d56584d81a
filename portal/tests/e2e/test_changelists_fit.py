"""In Chromium at 1366 × 768, the most common office screen: every admin list each role
may open shows all its columns without a horizontal scroll, and is saved as a screenshot.

The lists are taken from the admin's own app list for each user (what their sidebar and
home link to), so a model registered later is measured without touching this test.
"""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessFailureLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from agreements.access import actor_for
from portal.demo.users import DEMO_PASSWORD, DEMO_USERS
from portal.tests.browser import ARTIFACTS, login
from regions.models import AdministrativeUnit
from reports.models import (
    ProgressReport,
    ReminderLog,
    ReportingPeriod,
    ReportStatus,
    UnitCalendar,
)
from reports.services.corrections import request_correction

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 1366, 768
BROWSER_SIGNATURE = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87"
)

# How wide the list is against the box it is drawn in; the page itself must not scroll
# sideways either (a list can fit its box while the box overflows the page).
MEASURE = """() => {
  const box = document.querySelector('#changelist .results');
  const table = document.querySelector('#result_list');
  const root = document.documentElement;
  return {
    rows: table ? table.tBodies[0].rows.length : 0,
    table: table ? Math.ceil(table.getBoundingClientRect().width) : 0,
    box_client: box ? box.clientWidth : 0,
    box_scroll: box ? box.scrollWidth : 0,
    page_overflow: root.scrollWidth - window.innerWidth,
    headers: table ? [...table.tHead.rows[0].cells].map(c => c.innerText.trim()) : [],
    cut_without_whole: table ? [...table.tBodies[0].querySelectorAll('td, th')].filter(
      c => c.innerText.includes('…') && !c.querySelector('[title]')
    ).map(c => c.innerText) : [],
    hidden_headers: table ? [...table.tHead.rows[0].cells].filter(c => {
      const r = c.getBoundingClientRect();
      return r.right > (box.getBoundingClientRect().right + 1) || r.width < 1;
    }).map(c => c.innerText.trim()) : [],
  };
}"""


def changelists_of(username: str) -> list[tuple[str, str, str]]:
    """(app label, model name, URL) of every list the user may open, as the admin offers."""
    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.get(username=username)
    return [
        (app["app_label"], model["object_name"].lower(), model["admin_url"])
        for app in admin.site.get_app_list(request)
        for model in app["models"]
        if model.get("admin_url") and model.get("perms", {}).get("view")
    ]


@pytest.fixture
def demo(demo_logins):
    """The demo, its logins, and one row in each list the demo leaves empty, so that
    every list is measured with content (long names included) rather than as a header."""
    users = {u.username: u for u in get_user_model().objects.all()}
    planner, reporter = users["kehoach.cantho"], users["baocao.gtvt.haugiang"]
    period = ReportingPeriod.objects.order_by("-year", "-half").first()
    UnitCalendar.objects.create(
        period=period,
        unit=AdministrativeUnit.objects.get(key="can-tho"),
        department_due=dt.date(period.year, 6 * period.half, 16),
        consolidated_due=dt.date(period.year, 6 * period.half, 20),
        close_note="Đã tổng hợp xong báo cáo của các sở, ngành",
    )
    ReminderLog.objects.create(
        user=planner,
        kind=ReminderLog.Kind.CHASE_LIST,
        topic="can-tho",
        sent_on=dt.date(period.year, 6 * period.half, 17),
        item_count=12,
    )
    approved = ProgressReport.objects.filter(
        status=ReportStatus.APPROVED, commitment__lead_agency=reporter.membership.agency
    ).first()
    request_correction(
        report=approved,
        actor=actor_for(reporter),
        reason="Bổ sung số km đã duy tu và kinh phí thực hiện theo quyết toán năm",
    )
    # kept only when AXES_ENABLE_ACCESS_FAILURE_LOG is on; its list is offered anyway
    AccessFailureLog.objects.create(
        user_agent=BROWSER_SIGNATURE,
        ip_address="203.113.131.42",
        username="kehoach.cantho.cu",
        http_accept="text/html,application/xhtml+xml",
        path_info="/admin/login/",
        locked_out=False,
    )


def test_every_changelist_fits_a_1366_screen_for_every_role(new_page, live_server, demo):
    ARTIFACTS.mkdir(exist_ok=True)
    too_wide, measured = [], []
    for username, role, *_ in DEMO_USERS:
        lists = changelists_of(username)
        assert lists, f"{username} ({role}) may open no list at all"
        page = new_page(width=WIDTH, height=HEIGHT)
        if role == "administrator":  # a mistyped login fills the lists of failed logins
            page.goto(f"{live_server.url}/admin/login/")
            page.fill("#id_username", "kehoach.cantho.cu")
            page.fill("#id_password", "mat-khau-sai")
            page.click("input[type=submit]")
            page.wait_for_selector(".errornote")
        login(page, live_server, username, DEMO_PASSWORD)
        for app_label, model_name, url in lists:
            page.goto(live_server.url + url)
            page.wait_for_selector("#changelist")
            where = f"{role} {app_label}.{model_name}"
            # as the user first sees it (the navigation sidebar closed), then with it open
            closed = page.evaluate(MEASURE)
            assert page.locator("#main.shifted").count() == 0, "the sidebar starts closed"
            page.screenshot(path=str(ARTIFACTS / f"changelist-{role}-{app_label}-{model_name}.png"))
            page.click("#toggle-nav-sidebar")
            opened = page.evaluate(MEASURE)
            page.click("#toggle-nav-sidebar")  # the choice is remembered: close it again
            measured.append((where, closed["rows"]))
            assert closed["cut_without_whole"] == [], f"{where}: cut text with no tooltip"
            for state, size in [("sidebar closed", closed), ("sidebar open", opened)]:
                if size["box_scroll"] > size["box_client"] or size["page_overflow"] > 0:
                    too_wide.append(
                        f"{where}, {state}: table {size['table']}px in "
                        f"{size['box_client']}px, page overflow {size['page_overflow']}px, "
                        f"cut off: {size['hidden_headers']}"
                    )
    assert too_wide == [], "\n".join(too_wide)
    # the lists were measured with rows in them, not as empty tables
    assert [where for where, rows in measured if rows == 0] == [], "\n".join(map(str, measured))
