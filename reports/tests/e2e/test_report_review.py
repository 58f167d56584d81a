"""In Chromium: a reporter submits, planning staff return it with a reason, the reporter reads it."""

import pytest
from django.urls import reverse

from portal.tests.browser import ARTIFACTS, login
from reports.models import ProgressReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_report_goes_out_comes_back_with_a_reason_and_the_reporter_sees_it(
    new_page, live_server, world
):
    change_url = live_server.url + reverse(
        "admin:reports_progressreport_change", args=[world.our_report.pk]
    )

    reporter = new_page()
    login(reporter, live_server, "baocao.gtvt.haugiang", "pw-baocao.gtvt.haugiang")
    reporter.goto(change_url)
    reporter.fill("#id_achievements", "Đã duy tu 12 km đường tỉnh 931B")
    reporter.click("input[name=_continue]")
    reporter.wait_for_selector(".messagelist .success")
    reporter.click("#workflow-submit")
    reporter.wait_for_selector(".messagelist .success")
    assert ProgressReport.objects.get(pk=world.our_report.pk).status == "submitted"

    planner = new_page()
    login(planner, live_server, "kehoach.cantho", "pw-kehoach.cantho")
    planner.goto(change_url)
    planner.fill("#return-reason", "Cần bổ sung số km và kinh phí thực hiện")
    planner.click("#workflow-return")
    planner.wait_for_selector(".messagelist .success")
    report = ProgressReport.objects.get(pk=world.our_report.pk)
    assert (report.status, report.reviewed_by) == ("returned", world.planner)

    reporter.goto(change_url)
    alert = reporter.locator("p.errornote[role=alert]")
    assert "Cần bổ sung số km và kinh phí thực hiện" in alert.inner_text()
    assert reporter.locator("#workflow-submit").is_visible()  # may send it again
    ARTIFACTS.mkdir(exist_ok=True)
    reporter.screenshot(path=str(ARTIFACTS / "admin-returned-report.png"), full_page=True)
