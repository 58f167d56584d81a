import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from agreements.access import actor_for
from agreements.tests.factories import CommitmentFactory
from reports.models import ReminderLog
from reports.queries import expectations as queries
from reports.services import workflow
from reports.tests.factories import ProgressReportFactory, ReviewMeetingFactory, period

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"admin:{name}", args=args)


# Every list opens with: 1 savepoint (ATOMIC_REQUESTS), 2 session, 3 user, and closes its
# rows with a release of the savepoint; a count comes twice (the filtered and the full
# count). The same on SQLite and PostgreSQL.
@pytest.mark.parametrize(
    ("name", "queries"),
    [
        # … 4 memberships, 5 periods that have reports, 6 reporting units, 7 sectors
        # (filters), 8-9 counts,
        # 10 reports with commitment, agreement, sector, period and unit, 11 release,
        # 12 first and last submission, 13 years (date hierarchy)
        ("reports_progressreport_changelist", 13),
        # … 4 years (filter), 5 memberships, 6-7 counts, 8 periods with who opened them,
        # 9 release, 10 years (date hierarchy)
        ("reports_reportingperiod_changelist", 10),
        # … 4 memberships, 5 units that held meetings (filter), 6-7 counts, 8 meetings with
        # agreement and unit, 9 release, 10 first and last meeting day, 11 years
        ("reports_reviewmeeting_changelist", 11),
    ],
)
def test_report_changelists_stay_flat(
    admin_client, world, name, queries, django_assert_num_queries
):
    for n in range(22):
        commitment = CommitmentFactory(agreement=world.ours, title=f"Nội dung {n}")
        ProgressReportFactory(
            commitment=commitment,
            period=world.period,
            reporting_unit=world.units["hau-giang-truoc-2025"],
        )
        period(2000 + n, 1)
        ReviewMeetingFactory(agreement=world.ours, held_on=f"20{10 + n}-11-29")
    with django_assert_num_queries(queries):
        assert admin_client.get(url(name)).status_code == 200


def test_a_planners_report_list_stays_flat_too(client, world, django_assert_num_queries):
    for n in range(22):
        commitment = CommitmentFactory(agreement=world.ours, title=f"Nội dung {n}")
        ProgressReportFactory(
            commitment=commitment,
            period=world.period,
            reporting_unit=world.units["hau-giang-truoc-2025"],
        )
    client.force_login(world.planner)
    # 1 savepoint (ATOMIC_REQUESTS), 2 session, 3 user, 4-5 the user's and the groups'
    # permissions, 6 memberships, 7-8 the units merged into theirs (predecessors,
    # successors), 9 periods that have reports, 10 reporting units in their scope,
    # 11 sectors (filters), 12-13 counts, 14 reports with commitment, agreement, sector, period and unit,
    # 15 release, 16 first and last submission, 17 years (date hierarchy).
    # The same on SQLite and PostgreSQL.
    with django_assert_num_queries(17):
        response = client.get(url("reports_progressreport_changelist"))
    assert len(response.context["cl"].result_list) == 23


def test_the_completeness_grid_counts_each_state(world):
    import datetime as dt

    from reports.models import ProgressReport
    from reports.services import standing_store

    workflow.submit(report=world.our_report, actor=actor_for(world.reporter))
    on_time = dt.datetime(2024, 6, 10, 9, tzinfo=dt.UTC)
    ProgressReport.objects.filter(pk=world.our_report.pk).update(
        submitted_at=on_time, first_submitted_at=on_time
    )
    standing_store.refresh([world.our_report.commitment_id])  # a bulk update: refresh by hand
    grid = queries.completeness(world.period, world.ours.__class__.objects.all(), today=world.today)
    by_commitment = {row.commitment.title: row.state for row in grid.rows}
    assert by_commitment == {"Đường tỉnh 931B": "submitted", "Cầu Gành Hào": "draft"}
    assert grid.counts["expected"] == 2 and grid.counts["late"] == 0


def test_a_report_submitted_after_the_deadline_counts_as_late(world):
    workflow.submit(report=world.our_report, actor=actor_for(world.reporter))  # now: 2026
    grid = queries.completeness(world.period, world.ours.__class__.objects.all(), today=world.today)
    late = [row.commitment.title for row in grid.rows if row.late]
    assert late == ["Đường tỉnh 931B"]


def test_a_report_not_sent_by_the_deadline_is_late(world):
    after_due = world.period.department_due.replace(day=world.period.department_due.day + 1)
    grid = queries.completeness(world.period, world.ours.__class__.objects.all(), today=after_due)
    assert grid.counts["late"] == 2


def test_a_commitment_nobody_reported_on_is_missing(world):
    CommitmentFactory(
        agreement=world.ours,
        title="Cầu Vàm Xáng",
        committing_unit=world.units["can-tho-truoc-2025"],
    )
    grid = queries.completeness(world.period, world.ours.__class__.objects.all(), today=world.today)
    missing = [(r.commitment.title, r.unit.key) for r in grid.rows if r.state == "missing"]
    assert missing == [("Cầu Vàm Xáng", "can-tho-truoc-2025")]


def test_the_grid_page_shows_counts_and_the_closed_state(client, world):
    from reports.services import periods

    periods.close(period=world.period, actor=actor_for(world.admin), reason="Hết hạn nộp")
    client.force_login(world.planner)
    page = client.get(
        reverse("reports:completeness", kwargs={"pk": world.period.pk})
    ).content.decode()
    assert "Đường tỉnh 931B" in page and "Cầu Gành Hào" not in page  # only Cần Thơ's agreements
    assert "Hết hạn nộp" in page


def test_reminders_go_to_owing_reporters_and_waiting_reviewers_once_a_day(
    world, settings, monkeypatch
):
    import reports.services.reminders as reminders

    monkeypatch.setattr(reminders.timezone, "localdate", lambda *a: world.today)
    call_command("send_reminders", verbosity=0)
    # (planning staff also get their unit's chase list: reports/tests/test_chase_reminders.py)
    not_chase = [m for m in mail.outbox if "chưa gửi báo cáo" not in m.subject]
    recipients = sorted(m.to[0] for m in not_chase)
    # the Hậu Giang reporter owes a draft; nobody has a submitted report waiting yet
    assert recipients == ["baocao.gtvt.haugiang@example.vn"]
    assert "Đường tỉnh 931B" in not_chase[0].body
    first = len(mail.outbox)
    workflow.submit(report=world.our_report, actor=actor_for(world.reporter))
    call_command("send_reminders", verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox[first:]) == ["kehoach.cantho@example.vn"]
    call_command("send_reminders", verbosity=0)
    assert len(mail.outbox) == first + 1  # nobody is reminded twice on the same day
    assert ReminderLog.objects.count() == first + 1


def test_no_reminder_when_nothing_is_due_within_a_week(world, monkeypatch):
    import datetime as dt

    from django.utils import timezone

    import reports.services.reminders as reminders
    from reports.models import ReportingPeriod

    # Periods exist from the first year on; the ones before 2024 are closed for everyone,
    # so nothing is overdue either.
    earlier = ReportingPeriod.objects.filter(year__lt=2024)
    earlier.update(closed_at=timezone.now(), close_note="Đã tổng hợp")
    monkeypatch.setattr(reminders.timezone, "localdate", lambda *a: dt.date(2024, 5, 1))
    call_command("send_reminders", verbosity=0)
    assert mail.outbox == []


def test_no_reminder_is_sent_when_reminders_are_disabled(world, settings, monkeypatch):
    import reports.services.reminders as reminders

    settings.REMINDERS_DISABLED = True
    monkeypatch.setattr(reminders.timezone, "localdate", lambda *a: world.today)
    call_command("send_reminders", verbosity=0)
    assert mail.outbox == [] and ReminderLog.objects.count() == 0


def test_the_period_page_says_it_is_closed_why_and_who_may_reopen(client, world):
    client.force_login(world.admin)
    client.post(
        url("reports_reportingperiod_lock", world.period.pk, "close"),
        {"close_reason": "Đã tổng hợp"},
    )
    page = client.get(url("reports_reportingperiod_change", world.period.pk)).content.decode()
    assert "Kỳ báo cáo đã khóa" in page and "Đã tổng hợp" in page and world.admin.username in page
    assert "có thể mở lại" in page and 'id="period-reopen"' in page
    client.post(url("reports_reportingperiod_lock", world.period.pk, "reopen"))
    world.period.refresh_from_db()
    assert not world.period.is_closed


def test_a_reporter_cannot_close_a_period_by_forging_the_request(client, world):
    client.force_login(world.reporter)
    response = client.post(
        url("reports_reportingperiod_lock", world.period.pk, "close"), {"close_reason": "x"}
    )
    assert response.status_code in (302, 403)
    world.period.refresh_from_db()
    assert not world.period.is_closed
