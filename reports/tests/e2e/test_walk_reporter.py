"""In Chromium at 1366 × 768, on the demo: the reporter of Hậu Giang's transport
department, whose department was merged in 2025 (into Hậu Giang's construction department,
then the new Cần Thơ's), files the 2025-H2 report they owe and sends it, and nothing typed
is lost (issue 21 items 13-14).

From the home to a submitted report: 5 clicks (was 13, plus a save and an extra row):
the owed item on the home, the stage, the indicator's value, the recommendation, and
"Lưu và gửi báo cáo để duyệt" (nothing saved first).
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from agreements.models import Commitment
from portal.demo.users import DEMO_PASSWORD
from portal.tests.browser import ARTIFACTS, login
from reports.models import ProgressReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROADS = "Quản lý, duy tu bảo dưỡng các đường tỉnh 926, 931B và 932"
RECOMMENDATION = "Đề nghị bố trí vốn duy tu đường tỉnh 931B năm 2026"


def test_the_merged_departments_reporter_files_and_sends_the_owed_2025_h2_report(
    new_page, live_server, demo_logins
):
    ARTIFACTS.mkdir(exist_ok=True)
    page = new_page(width=1366, height=768)
    login(page, live_server, "baocao.gtvt.haugiang", DEMO_PASSWORD)
    clicks = 0

    # The home says what is owed, 2025-H2 included, for the department's successor.
    owed = page.locator("li.tally[data-key=chase] .tally-number")
    assert int(owed.inner_text()) > 0
    group = page.locator("article.chase-group", has_text="2025-H2").filter(has_text=ROADS)
    assert "Cần Thơ" in group.locator(".chase-meta").inner_text()
    page.screenshot(path=str(ARTIFACTS / "walk-reporter-home.png"), full_page=True)

    group.get_by_role("link", name=ROADS).click()
    clicks += 1
    page.wait_for_selector("#progressreport_form")
    # Commitment, period and party preselected; the commitment says its agreement and term.
    commitment = page.locator("#id_commitment option:checked").inner_text()
    assert ROADS in commitment and "(2021–2025)" in commitment
    period = page.locator("#id_period option:checked").inner_text()
    assert period.startswith("6 tháng cuối năm 2025") and "còn phải gửi" in period
    assert page.locator("#id_reporting_unit option:checked").inner_text() == "Cần Thơ"
    # The commitment's indicator is a row already, with its unit and target.
    row = page.locator("#values-group tr.form-row").first
    indicator = row.locator("select[name$='-indicator'] option:checked").inner_text()
    assert "(tuyến)" in indicator and "mục tiêu 3" in indicator
    # The submit button comes last, after the workflow's read-only fields.
    buttons = page.locator("#progressreport_form button, #progressreport_form input[type=submit]")
    assert buttons.last.get_attribute("id") == "workflow-submit"
    page.screenshot(path=str(ARTIFACTS / "walk-reporter-form-empty.png"), full_page=True)

    page.select_option("#id_stage", "implementing")
    clicks += 1
    row.locator("input[name$='-value']").click()
    clicks += 1
    row.locator("input[name$='-value']").fill("2")
    page.locator("#id_recommendations").click()
    clicks += 1
    page.locator("#id_recommendations").fill(RECOMMENDATION)
    page.screenshot(path=str(ARTIFACTS / "walk-reporter-form-filled.png"), full_page=True)

    page.locator("#workflow-submit").click()  # without saving first
    clicks += 1
    page.wait_for_selector(".messagelist .success")
    assert "Đã lưu và gửi báo cáo để duyệt" in page.locator(".messagelist").inner_text()
    page.screenshot(path=str(ARTIFACTS / "walk-reporter-submitted.png"), full_page=True)

    report = ProgressReport.objects.get(
        commitment=Commitment.objects.get(title=ROADS),
        period__year=2025,
        period__half=2,
    )
    assert report.status == "submitted"
    assert report.reporting_unit.key == "can-tho"
    assert report.recommendations == RECOMMENDATION
    assert [v.value for v in report.values.all()] == [Decimal("2")]
    assert report.submitted_by.username == "baocao.gtvt.haugiang"
    assert page.locator("#workflow-submit").count() == 0  # read-only now
    assert clicks == 5


def test_choosing_the_commitment_on_a_new_report_brings_its_indicator_rows(
    new_page, live_server, demo_logins
):
    page = new_page(width=1366, height=768)
    login(page, live_server, "baocao.gtvt.haugiang", DEMO_PASSWORD)
    page.goto(live_server.url + reverse("admin:reports_progressreport_add"))
    assert (
        page.locator(
            "#values-group tr.form-row.has_original, #values-group tr.dynamic-values"
        ).count()
        == 0
    )
    roads = Commitment.objects.get(title=ROADS)
    with page.expect_navigation():
        page.select_option("#id_commitment", str(roads.pk))
    assert f"commitment={roads.pk}" in page.url
    indicator = page.locator("#values-group select[name$='-indicator'] option:checked").first
    assert "mục tiêu 3" in indicator.inner_text()
