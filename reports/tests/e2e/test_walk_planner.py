"""Issue 21, the planning officer of Cần Thơ on a 1366 × 768 laptop, in Chromium on the
demo: the 2025-H2 reports nobody sent are on the chase list; the officer reminds a
department from the period's completeness grid (the reminder is recorded), opens the list
of reports waiting for them, approves one and goes on to the next through the link.

The demo's data stop at 2025-H1 (``portal/demo/data.py``); the walk runs on the day the
issue was filed, 07/12/2026, when 2025-H2 is a year overdue.
"""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from agreements.access import actor_for, manageable_agreements
from agreements.models import Agency
from agreements.roles import assign_role
from portal.lib.authz import reviewable_reports
from portal.tests.browser import ARTIFACTS, login
from regions.models import AdministrativeUnit
from reports.models import ProgressReport, ReminderLog, ReportingPeriod
from reports.queries import expectations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "hoptac-demo-2025"  # portal/demo/users.py
WALK_DAY = dt.date(2026, 12, 7)
NOT_SENT = ("missing", "draft", "returned")


def shot(page, name: str) -> None:
    """The screen as the officer sees it (1366 × 768), and no sideways scrolling."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1366, f"{page.url} is {width}px wide"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"planner-{name}.png"))


@pytest.fixture
def walk(demo_logins, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: WALK_DAY)
    # Cần Thơ's construction department (successor of both cities' transport departments
    # since 01/07/2025) has a reporter to remind; the demo logins have none.
    unit = AdministrativeUnit.objects.get(key="can-tho")
    agency = Agency.objects.get(unit=unit, name="Sở Xây dựng thành phố Cần Thơ")
    reporter = User.objects.create_user("baocao.xd.cantho", "xd@example.invalid", "x")
    assign_role(user=reporter, role="reporter", unit=unit, agency=agency)
    return reporter


def test_the_planner_chases_reminds_reviews_and_goes_on(new_page, live_server, walk):
    planner = User.objects.get(username="kehoach.cantho")
    actor = actor_for(planner)
    h2 = ReportingPeriod.objects.get(year=2025, half=2)
    owed = expectations.completeness(
        h2, manageable_agreements(actor), today=WALK_DAY, unit_ids=actor.unit_ids
    )
    owed_h2 = sum(1 for row in owed.rows if row.state in NOT_SENT)
    assert owed_h2 > 0  # the demo owes 2025-H2 reports (none was ever sent)

    page = new_page(1366, 768)
    login(page, live_server, "kehoach.cantho", PASSWORD)
    waiting = set(reviewable_reports(planner).values_list("pk", flat=True))
    review_tally = page.locator('.home-tallies li[data-key="review"] .tally-number')
    assert int(review_tally.inner_text()) == len(waiting) > 1
    assert page.locator("#home-workbooks").count() == 1  # the staff files, linked from home
    shot(page, "home")

    # the chase list: every 2025-H2 report not sent is there, a year after its deadline
    page.click('.home-tallies li[data-key="chase"] a')
    page.wait_for_selector("#chase-page")
    h2_rows = page.locator('.chase-group:has(.chase-meta:text("2025-H2")) .chase-row')
    assert h2_rows.count() == owed_h2
    shot(page, "chase-list")

    # the period's grid, the officer's own unit only, and a reminder from it
    page.click(f'#chase-page a[href^="{reverse("reports:completeness", args=[h2.pk])}"]')
    page.wait_for_url(re.compile(r"\?unit=mine$"))  # the officer's own unit
    counts = page.locator("#completeness-counts tbody td")
    assert int(counts.nth(0).inner_text()) == len(owed.rows)  # "Phải nộp"
    assert "Trang quản trị cho Django" not in page.content()
    assert page.locator("#logout-form, a[href$='/logout/'], form[action$='/logout/']").count()
    shot(page, "grid")
    row = page.locator(
        "#completeness-grid tbody tr", has_text="Sở Giao thông vận tải tỉnh Hậu Giang"
    )
    row.first.locator("button.grid-remind").click()
    page.wait_for_selector(".messagelist .success")
    assert page.url.endswith("?unit=mine")
    logs = list(ReminderLog.objects.filter(sent_by=planner))  # one per reporter reminded
    assert walk in {log.user for log in logs}
    for log in logs:
        assert log.kind == ReminderLog.Kind.DEPARTMENT_CHASE and log.sent_on == WALK_DAY
        assert log.topic.startswith("2025-H2/")

    # the list of reports waiting for this officer, titled in plain words
    page.goto(live_server.url + reverse("admin:index"))
    page.click('.home-tallies li[data-key="review"] a')
    page.wait_for_selector("#result_list")
    assert page.locator("#content h1").inner_text() == "Báo cáo chờ bạn duyệt"
    assert page.locator("#result_list tbody tr").count() == len(waiting)
    assert page.locator("#result_list thead").inner_text().lower().count("thỏa thuận") == 1
    shot(page, "review-list")

    # review one: approve at the top, then the link to the next one waiting
    page.locator("#result_list tbody tr th a").first.click()
    page.wait_for_selector("#review-decision")
    first = int(re.search(r"/(\d+)/change/", page.url).group(1))
    assert first in waiting
    assert page.locator("#review-context").is_visible()
    shot(page, "review-page")
    page.click("#workflow-approve")
    page.wait_for_selector(".messagelist .success")
    report = ProgressReport.objects.get(pk=first)
    assert (report.status, report.reviewed_by) == ("approved", planner)
    page.click("#review-next-link")
    page.wait_for_selector("#workflow-approve")
    following = int(re.search(r"/(\d+)/change/", page.url).group(1))
    assert following in waiting and following != first
    shot(page, "next-report")
