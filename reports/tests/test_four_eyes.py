"""Four eyes and stale tabs: an approval is a second person's decision on what they saw."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from agreements.access import actor_for
from reports.models import ProgressReport
from reports.services import workflow
from reports.tests.factories import ProgressReportFactory


def transition(client, report, name, seen_version, follow=False):
    url = reverse("admin:reports_progressreport_transition", args=[report.pk, name])
    return client.post(url, {"seen_version": seen_version}, follow=follow)


@pytest.fixture
def own_report(world):
    """A report Cần Thơ's planning staff created and submitted themselves."""
    report = ProgressReportFactory(
        commitment=world.road,
        period=world.period,
        reporting_unit=world.units["can-tho-truoc-2025"],
        created_by=world.planner,
    )
    return workflow.submit(report=report, actor=actor_for(world.planner))


def test_planning_staff_cannot_approve_a_report_they_created_and_submitted(world, own_report):
    with pytest.raises(PermissionDenied, match="nguyên tắc hai người"):
        workflow.approve(report=own_report, actor=actor_for(world.planner))
    assert ProgressReport.objects.get(pk=own_report.pk).status == "submitted"


def test_nor_an_administrator_who_submitted_it(world):
    report = ProgressReportFactory(
        commitment=world.road, period=world.period, created_by=world.admin
    )
    workflow.submit(report=report, actor=actor_for(world.admin))
    with pytest.raises(PermissionDenied):
        workflow.approve(report=report, actor=actor_for(world.admin))


def test_the_page_says_why_the_buttons_are_missing(client, world, own_report):
    client.force_login(world.planner)
    page = client.get(reverse("admin:reports_progressreport_change", args=[own_report.pk]))
    html = page.content.decode()
    assert 'id="four-eyes-note"' in html and 'id="workflow-approve"' not in html


def test_a_one_person_department_may_relax_the_rule_and_the_page_says_so(
    client, settings, world, own_report
):
    settings.REPORT_FOUR_EYES = False
    client.force_login(world.planner)
    page = client.get(reverse("admin:reports_progressreport_change", args=[own_report.pk]))
    assert "REPORT_FOUR_EYES=0" in page.content.decode()
    assert transition(client, own_report, "approve", own_report.version).status_code == 302
    assert ProgressReport.objects.get(pk=own_report.pk).status == "approved"


def test_approving_from_a_stale_tab_is_refused_with_a_message(client, world):
    report = workflow.submit(report=world.our_report, actor=actor_for(world.reporter))
    seen = report.version
    # meanwhile the report is returned and submitted again with other content
    workflow.return_for_revision(report=report, actor=actor_for(world.admin), reason="Thiếu số")
    report = ProgressReport.objects.get(pk=report.pk)
    report.achievements = "Nội dung mới"
    report.save()
    workflow.submit(report=report, actor=actor_for(world.reporter))
    client.force_login(world.planner)
    response = transition(client, report, "approve", seen, follow=True)
    assert ProgressReport.objects.get(pk=report.pk).status == "submitted"
    assert "Báo cáo đã được thay đổi sau khi bạn mở trang" in response.content.decode()


def test_a_button_without_a_version_is_refused(client, world):
    report = workflow.submit(report=world.our_report, actor=actor_for(world.reporter))
    client.force_login(world.planner)
    url = reverse("admin:reports_progressreport_transition", args=[report.pk, "approve"])
    client.post(url, {})
    assert ProgressReport.objects.get(pk=report.pk).status == "submitted"


def test_the_current_version_approves(client, world):
    report = workflow.submit(report=world.our_report, actor=actor_for(world.reporter))
    client.force_login(world.planner)
    assert transition(client, report, "approve", report.version).status_code == 302
    assert ProgressReport.objects.get(pk=report.pk).status == "approved"
