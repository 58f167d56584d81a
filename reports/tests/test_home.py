"""Point 2 of issue 12: the admin home says what is waiting, for each role; every count
opens the list that shows exactly those rows; the home's query count does not grow."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.tests.factories import AgencyFactory, CommitmentFactory
from reports.models import ProgressReport, ReminderLog, ReportStatus
from reports.tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db

AFTER = dt.date(2024, 6, 20)  # three days after the world's 2024-H1 deadline (17/06)


@pytest.fixture(autouse=True)
def today(monkeypatch, world):
    from reports.models import ReportingPeriod

    monkeypatch.setattr(timezone, "localdate", lambda *a: AFTER)
    # periods exist from the first year on: only 2024-H1 is left open to chase
    earlier = ReportingPeriod.objects.filter(year__lt=2024)
    earlier.update(closed_at=timezone.now(), close_note="Đã tổng hợp")


def more_work(world, n: int = 24) -> None:
    """Bigger data: commitments led by new and old departments, reports in every state,
    commitments nobody leads, other units' reports."""
    hau_giang = world.units["hau-giang-truoc-2025"]
    statuses = [ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.SUBMITTED, None]
    for i in range(n):
        agency = AgencyFactory(unit=hau_giang) if i % 3 else world.transport
        commitment = CommitmentFactory(
            agreement=world.ours, title=f"Nội dung thêm {i}", lead_agency=agency
        )
        status = statuses[i % 4]
        if status is not None:
            report = ProgressReportFactory(
                commitment=commitment, period=world.period, reporting_unit=hau_giang
            )
            if status != ReportStatus.DRAFT:
                ProgressReport.objects.filter(pk=report.pk).update(
                    status=status, submitted_at=timezone.now(), return_reason="Thiếu số liệu"
                )
        CommitmentFactory(agreement=world.ours, title=f"Chưa ai chủ trì {i}", lead_agency=None)
        CommitmentFactory(agreement=world.theirs, title=f"Của Cà Mau {i}")
    from reports.services import standing_store

    standing_store.rebuild()
    ReminderLog.objects.create(user=world.planner, kind="chase_list", sent_on=AFTER, topic="x")


def home_of(client, user):
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response, response.context["home"]


def rows_listed(client, url: str) -> int:
    """How many rows the list at ``url`` shows (a changelist or the chase page)."""
    response = client.get(url)
    assert response.status_code == 200, url  # a wrong filter would redirect to ?e=1
    if "cl" in response.context:
        changelist = response.context["cl"]
        assert changelist.result_count == len(changelist.result_list) or changelist.multi_page
        return changelist.result_count
    page = response.content.decode()
    assert response.context["total"] == page.count('class="chase-row"')
    return response.context["total"]


@pytest.mark.parametrize("role", ["reporter", "planner", "admin"])
@pytest.mark.parametrize("bigger", [False, True])
def test_every_count_opens_a_list_of_exactly_that_many_rows(client, world, role, bigger):
    if bigger:
        more_work(world)
    _response, home = home_of(client, getattr(world, role))
    assert home.tallies
    for tally in home.tallies:
        assert rows_listed(client, tally.url) == tally.number, tally.label


def test_a_reporter_sees_what_is_returned_drafted_and_owed_with_deadlines(client, world):
    returned = ProgressReportFactory(
        commitment=CommitmentFactory(
            agreement=world.ours, title="Cầu Cái Răng", lead_agency=world.transport
        ),
        period=world.period,
        reporting_unit=world.units["hau-giang-truoc-2025"],
    )
    ProgressReport.objects.filter(pk=returned.pk).update(
        status=ReportStatus.RETURNED, submitted_at=timezone.now(), return_reason="Thiếu"
    )
    from reports.services import standing_store

    standing_store.refresh([returned.commitment_id])
    response, home = home_of(client, world.reporter)
    numbers = {t.key: t.number for t in home.tallies}
    assert numbers == {"returned": 1, "draft": 1, "submitted": 0, "chase": 2}
    assert [line.report.commitment.title for line in home.reports] == [
        "Đường tỉnh 931B",  # same deadline: in the order they were written
        "Cầu Cái Răng",
    ]
    assert all(line.due_on == dt.date(2024, 6, 17) and line.late for line in home.reports)
    page = response.content.decode()
    assert reverse("admin:reports_progressreport_change", args=[returned.pk]) in page
    assert "17/06/2024" in page and "quá hạn 3 ngày" in page
    assert "Cầu Gành Hào" not in page  # Cà Mau's
    assert 'id="home-no-lead"' not in page  # planning staff's work


def test_planning_staff_see_reviews_the_chase_list_unled_commitments_and_periods(client, world):
    from agreements.access import actor_for
    from reports.services import workflow

    workflow.submit(report=world.our_report, actor=actor_for(world.reporter))
    CommitmentFactory(agreement=world.ours, title="Kè sông Cái Côn", lead_agency=None)
    response, home = home_of(client, world.planner)
    numbers = {t.key: t.number for t in home.tallies}
    # the unled commitment is owed by both parties (Cần Thơ and Hậu Giang, both now Cần Thơ)
    assert numbers == {"review": 1, "returned": 0, "chase": 2, "no_lead": 1}
    assert [line.report for line in home.reports] == [world.our_report]
    assert {(g.unit.key, g.agency, len(g.rows)) for g in home.chase} == {
        ("can-tho-truoc-2025", None, 1),
        ("hau-giang-truoc-2025", None, 1),
    }
    assert all(g.late(AFTER) for g in home.chase)
    assert [w.period.short_label for w in home.periods][:2] == ["2024-H2", "2024-H1"]
    page = response.content.decode()
    assert "Kè sông Cái Côn" in page and "Chưa có cơ quan chủ trì" in page
    assert page.count('name="csrfmiddlewaretoken"') >= 2  # a send button per group
    assert "Cầu Gành Hào" not in page


def test_an_administrator_sees_every_unit_and_the_scheduled_jobs(client, world):
    ReminderLog.objects.create(user=world.reporter, kind="report_due", sent_on=AFTER)
    response, home = home_of(client, world.admin)
    numbers = {t.key: t.number for t in home.tallies}
    assert numbers == {"review": 0, "returned": 0, "chase": 2, "no_lead": 0, "reminders": 1}
    assert {g.unit.key for g in home.chase} == {"hau-giang-truoc-2025", "ca-mau-truoc-2025"}
    page = response.content.decode()
    assert "lần gửi gần nhất: 20/06/2024 (1 thư)" in page
    assert "0 đang chờ, 0 đang tạo, 0 đã xong, 0 lỗi, 0 bị treo" in page


def test_a_viewer_has_no_work_sections_but_keeps_the_app_list(client, world):
    response, home = home_of(client, world.viewer)
    page = response.content.decode()
    assert home.role == "" and 'class="home-tallies"' not in page
    assert 'id="home-apps-title"' in page and "app-reports" in page


def test_the_chase_page_is_refused_to_a_viewer(client, world):
    client.force_login(world.viewer)
    assert client.get(reverse("reports:chase-list")).status_code == 403


def _queries_of_home(client, user, django_assert_num_queries, expected: int) -> None:
    client.force_login(user)
    with django_assert_num_queries(expected):
        response = client.get(reverse("admin:index"))
    assert response.status_code == 200


# Every role: a savepoint and its release (ATOMIC_REQUESTS), the session, the user, the
# user's and the groups' permissions (the app list), the user's membership (the actor).
COMMON = 7


@pytest.mark.parametrize("bigger", [False, True])
def test_a_reporters_home_reads_a_fixed_number_of_queries(
    client, world, bigger, django_assert_num_queries
):
    if bigger:
        more_work(world)
    # agency succession links, units merged into theirs, their agencies' units,
    # status counts, chased periods, unit locks, chase count, chase rows, the succession
    # links naming each chase group's department (one query, issue 21 item 7),
    # reports to do (deadline joined), the membership's agency (the department they work for)
    _queries_of_home(client, world.reporter, django_assert_num_queries, COMMON + 11)


@pytest.mark.parametrize("bigger", [False, True])
def test_a_planners_home_reads_a_fixed_number_of_queries(
    client, world, bigger, django_assert_num_queries
):
    if bigger:
        more_work(world)
    # units merged into theirs (two steps), membership and unit, status counts, chased
    # periods, unit locks, chase count, chase rows, the succession links naming each chase
    # group's department, unled commitments and their count,
    # reports to review (deadline joined), the unit's periods and its calendar rows
    _queries_of_home(client, world.planner, django_assert_num_queries, COMMON + 14)


@pytest.mark.parametrize("bigger", [False, True])
def test_an_administrators_home_reads_a_fixed_number_of_queries(
    client, world, bigger, django_assert_num_queries
):
    if bigger:
        more_work(world)
    # status counts, chased periods, unit locks, chase count, chase rows, the succession
    # links naming each chase group's department, unled
    # commitments and their count, reports to review, periods, last reminder day, last
    # reminder run, background file counts, failed or stalled files
    _queries_of_home(client, world.admin, django_assert_num_queries, COMMON + 14)
