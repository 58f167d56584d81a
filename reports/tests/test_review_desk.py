"""Issue 21 items 8-10: the review page is built around the decision, the review list
says what it is, and four eyes says why a report cannot be decided."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from agreements.access import actor_for
from agreements.tests.factories import CommitmentFactory
from reports.models import IndicatorValue
from reports.services import workflow
from reports.tests.factories import ProgressReportFactory, period

pytestmark = pytest.mark.django_db


def change_url(report) -> str:
    return reverse("admin:reports_progressreport_change", args=[report.pk])


def review_list() -> str:
    return reverse("admin:reports_progressreport_changelist") + "?review=mine"


def submitted(world, title: str, **extra):
    report = ProgressReportFactory(
        commitment=CommitmentFactory(
            agreement=world.ours, title=title, lead_agency=world.transport
        ),
        period=world.period,
        reporting_unit=world.units["hau-giang-truoc-2025"],
        **extra,
    )
    fresh = User.objects.get(pk=world.reporter.pk)  # its scope read anew
    return workflow.submit(report=report, actor=actor_for(fresh))


@pytest.fixture
def two_waiting(world):
    return submitted(world, "Cầu Vàm Cống"), submitted(world, "Bến xe Vị Thanh")


def test_approve_and_return_are_at_the_top_and_lead_to_the_next(client, world, two_waiting):
    first, second = two_waiting
    client.force_login(world.planner)
    page = client.get(change_url(first)).content.decode()
    decision = page.index('id="review-decision"')
    assert decision < page.index('id="workflow-approve"') < page.index('id="workflow-return"')
    assert page.index('id="workflow-return"') < page.index("field-achievements")
    assert change_url(second) in page  # the next report waiting for this reviewer
    response = client.post(
        reverse("admin:reports_progressreport_transition", args=[first.pk, "approve"]),
        {"seen_version": type(first).objects.get(pk=first.pk).version},
        follow=True,
    )
    first.refresh_from_db()
    assert first.status == "approved"
    after = response.content.decode()
    assert 'id="review-next-link"' in after and change_url(second) in after


def test_the_desk_shows_the_indicators_previous_report_and_agreement(client, world):
    indicator = world.road.indicators.create(name="Số km duy tu", unit_of_measure="km", target=3)
    before = ProgressReportFactory(
        commitment=world.road,
        period=period(2023, 2),
        reporting_unit=world.units["hau-giang-truoc-2025"],
        status="approved",
        submitted_at=timezone.now(),
        reviewed_at=timezone.now(),
        achievements="Đã duy tu 1 km",
    )
    IndicatorValue.objects.create(report=before, indicator=indicator, value=1)
    report = workflow.submit(report=world.our_report, actor=actor_for(world.reporter))
    IndicatorValue.objects.create(report=report, indicator=indicator, value=3)
    client.force_login(world.planner)
    page = client.get(change_url(report)).content.decode()
    context = page[page.index('id="review-context"') :]
    assert world.ours.title in context and "Số km duy tu" in context
    assert change_url(before) in context and "Đã duy tu 1 km" in context
    assert "100 %" in context  # 3 of a target of 3
    assert "3.00" not in page and "Số km duy tu (km): 3,00" in page  # the inline's heading


def test_where_four_eyes_blocks_the_page_says_so(client, world):
    own = ProgressReportFactory(
        commitment=world.road,
        period=world.period,
        reporting_unit=world.units["can-tho-truoc-2025"],
        created_by=world.planner,
    )
    workflow.submit(report=own, actor=actor_for(world.planner))
    client.force_login(world.planner)
    page = client.get(change_url(own)).content.decode()
    assert page.count('id="four-eyes-note"') == 1 and "nguyên tắc hai người" in page
    assert 'id="workflow-approve"' not in page


def test_the_review_list_is_titled_and_shows_agreement_and_sender(client, world, two_waiting):
    client.force_login(world.planner)
    response = client.get(review_list())
    page = response.content.decode()
    assert response.context["title"] == "Báo cáo chờ bạn duyệt"
    assert "Cần Thơ - Hậu Giang" in page  # the agreement column
    assert "baocao.gtvt.haugiang" in page  # who sent it
    assert {r.pk for r in response.context["cl"].result_list} == {r.pk for r in two_waiting}


def test_the_period_filter_offers_only_periods_with_reports(client, world):
    other = period(2022, 2)
    ProgressReportFactory(
        commitment=world.road, period=other, reporting_unit=world.units["hau-giang-truoc-2025"]
    )
    period(2019, 1)  # no report: not offered (nor the other periods since 2016)
    client.force_login(world.planner)
    response = client.get(reverse("admin:reports_progressreport_changelist"))
    (periods,) = [f for f in response.context["cl"].filter_specs if f.title == "kỳ báo cáo"]
    offered = {str(label) for _pk, label in periods.lookup_choices}
    assert offered == {str(world.period), str(other)}


def test_the_review_list_stays_flat(client, world, django_assert_num_queries):
    for n in range(22):
        submitted(world, f"Nội dung {n}")
    client.force_login(world.planner)
    # 1 savepoint (ATOMIC_REQUESTS), 2 session, 3 user, 4-5 the user's and the groups'
    # permissions, 6 memberships, 7-8 the units merged into theirs, 9 periods that have
    # reports, 10 reporting units in their scope, 11 sectors (filters), 12-13 counts,
    # 14 reports with commitment, agreement, lead agency, sender, period and unit,
    # 15 release, 16 first and last submission, 17 years (date hierarchy).
    with django_assert_num_queries(17):
        response = client.get(review_list())
    assert len(response.context["cl"].result_list) == 22


def test_the_review_list_waits_in_the_order_of_next_oldest_sent_first(client, world):
    """One order (``WAITING_ORDER``): the "next" of the list's first report is its
    second row, whatever the titles (the list was sorted by title)."""
    import datetime as dt

    from reports.models import ProgressReport

    written = [submitted(world, title) for title in ("Âu thuyền", "Bến xe Vị Thanh", "Cầu Cái")]
    sent = [written[1], written[2], written[0]]  # neither by title nor as written
    start = timezone.now() - dt.timedelta(days=3)
    for n, report in enumerate(sent):
        ProgressReport.objects.filter(pk=report.pk).update(
            submitted_at=start + dt.timedelta(hours=n)
        )
    client.force_login(world.planner)
    changelist = client.get(review_list()).context["cl"]
    rows = list(changelist.result_list)
    assert [r.pk for r in rows] == [r.pk for r in sent]
    from portal.lib.admin_params import CheckedChangeList

    assert isinstance(changelist, CheckedChangeList)  # the list's checks kept
    marked = changelist.get_ordering_field_columns()  # the header's sort arrow
    assert {changelist.list_display[i]: way for i, way in marked.items()} == {"submitted_at": "asc"}
    desk = client.get(change_url(rows[0])).context["review_desk"]
    assert desk.next_report.pk == rows[1].pk
    home = client.get(reverse("admin:index")).context["home"]
    assert [line.report.pk for line in home.reports] == [r.pk for r in sent]
