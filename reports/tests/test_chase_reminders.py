"""Point 3 of issue 12: planning staff get their unit's chase list before and after each
deadline; a department is reminded by hand from it, once a day, by whom it may."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agreements.access import actor_for
from agreements.tests.factories import CommitmentFactory
from reports.models import ReminderLog, UnitCalendar
from reports.services import periods, reminders, workflow

pytestmark = pytest.mark.django_db

BEFORE = dt.date(2024, 6, 10)  # the world's period 2024-H1 is due on 17/06/2024
AFTER = dt.date(2024, 6, 20)


@pytest.fixture
def on_day(monkeypatch):
    def set_day(day: dt.date):
        monkeypatch.setattr(timezone, "localdate", lambda *a: day)

    return set_day


@pytest.fixture
def unled(world):
    """A commitment of Cần Thơ's agreement nobody leads: every party owes its report."""
    return CommitmentFactory(agreement=world.ours, title="Kè sông Cái Côn", lead_agency=None)


@pytest.fixture(autouse=True)
def earlier_periods_closed(world):
    """Periods exist from the first year on; 2023-H2 would still be chased in June 2024
    (within six months of its deadline): closed for everyone, so only 2024-H1 is."""
    from reports.models import ReportingPeriod

    earlier = ReportingPeriod.objects.filter(year__lt=2024)
    earlier.update(closed_at=timezone.now(), close_note="Đã tổng hợp")


def test_an_open_earlier_period_is_chased_for_six_months_after_its_deadline(world, on_day):
    from reports.models import ReportingPeriod

    ReportingPeriod.objects.filter(year=2023, half=2).update(closed_at=None, close_note="")
    on_day(BEFORE)
    call_command("send_reminders", verbosity=0)
    (chase,) = mails_to("kehoach.cantho@example.vn")
    assert "6 tháng cuối năm 2023" in chase.body and "quá hạn 175 ngày" in chase.body


def mails_to(address: str):
    return [m for m in mail.outbox if m.to == [address]]


def test_planning_staff_get_their_units_chase_list_before_the_deadline(world, unled, on_day):
    on_day(BEFORE)
    call_command("send_reminders", verbosity=0)
    (chase,) = mails_to("kehoach.cantho@example.vn")
    assert "chưa gửi báo cáo" in chase.subject
    assert "Sở Giao thông vận tải tỉnh Hậu Giang" in chase.body and "Đường tỉnh 931B" in chase.body
    # nobody leads it, so no department was told: the planning staff are
    assert "Chưa có cơ quan chủ trì" in chase.body and "Kè sông Cái Côn" in chase.body
    assert "hạn 17/06/2024 (còn 7 ngày)" in chase.body
    assert "Cầu Gành Hào" not in chase.body  # Cà Mau's, on Cà Mau's list
    (theirs,) = mails_to("kehoach.camau@example.vn")
    assert "Cầu Gành Hào" in theirs.body and "Đường tỉnh 931B" not in theirs.body
    log = ReminderLog.objects.get(user=world.planner, kind=ReminderLog.Kind.CHASE_LIST)
    assert log.topic == f"unit-{world.units['can-tho'].pk}" and log.sent_by is None
    assert "Kè sông Cái Côn" in log.summary and log.sent_at is not None


def test_and_after_it_the_list_says_how_late(world, unled, on_day):
    on_day(AFTER)
    call_command("send_reminders", verbosity=0)
    (chase,) = mails_to("kehoach.cantho@example.vn")
    assert "quá hạn 3 ngày" in chase.body and "Kè sông Cái Côn" in chase.body


def test_nothing_is_chased_long_before_the_deadline(world, unled, on_day):
    on_day(dt.date(2024, 6, 1))
    call_command("send_reminders", verbosity=0)
    assert mails_to("kehoach.cantho@example.vn") == []


def test_a_sent_report_leaves_the_chase_list(world, on_day):
    on_day(BEFORE)
    workflow.submit(report=world.our_report, actor=actor_for(world.reporter))
    call_command("send_reminders", verbosity=0)
    bodies = [m.body for m in mails_to("kehoach.cantho@example.vn")]
    assert len(bodies) == 1 and "chờ duyệt" not in bodies[0]  # the review reminder only
    assert ReminderLog.objects.filter(user=world.planner).get().kind == "review_waiting"


def test_a_period_closed_or_locked_by_the_unit_is_not_chased(world, unled, on_day):
    on_day(BEFORE)
    UnitCalendar.objects.create(
        period=world.period,
        unit=world.units["can-tho"],
        closed_at=timezone.now(),
        close_note="Đã tổng hợp",
    )
    call_command("send_reminders", verbosity=0)
    assert mails_to("kehoach.cantho@example.vn") == []  # Hậu Giang merged into Cần Thơ
    assert mails_to("baocao.gtvt.haugiang@example.vn") == []
    assert len(mails_to("kehoach.camau@example.vn")) == 1  # Cà Mau did not lock it
    periods.close(period=world.period, actor=actor_for(world.admin), reason="Hết hạn")
    mail.outbox.clear()
    ReminderLog.objects.all().delete()
    call_command("send_reminders", verbosity=0)
    assert mail.outbox == []


def test_the_daily_chase_list_goes_once_a_day(world, unled, on_day):
    on_day(BEFORE)
    call_command("send_reminders", verbosity=0)
    call_command("send_reminders", verbosity=0)
    assert len(mails_to("kehoach.cantho@example.vn")) == 1
    on_day(BEFORE + dt.timedelta(days=1))
    call_command("send_reminders", verbosity=0)
    assert len(mails_to("kehoach.cantho@example.vn")) == 2


# --- by hand ------------------------------------------------------------------------------


def remind(client, world, agency_id=None, follow=False, **extra):
    data = {
        "period": "2024-H1",
        "unit": world.units["hau-giang-truoc-2025"].pk,
        "agency": world.transport.pk if agency_id is None else agency_id,
        **extra,
    }
    return client.post(reverse("reports:chase-remind"), data, follow=follow)


def test_planning_staff_remind_a_department_by_hand_and_it_is_recorded(client, world, on_day):
    on_day(AFTER)
    client.force_login(world.planner)
    response = remind(client, world)
    assert response.status_code == 302 and response.url == reverse("admin:index")
    (sent,) = mail.outbox
    assert sent.to == ["baocao.gtvt.haugiang@example.vn"]
    assert "Đường tỉnh 931B" in sent.body and "quá hạn 3 ngày" in sent.body
    log = ReminderLog.objects.get()
    assert (log.user, log.sent_by, log.kind, log.sent_on) == (
        world.reporter,
        world.planner,
        ReminderLog.Kind.DEPARTMENT_CHASE,
        AFTER,
    )
    unit_id = world.units["hau-giang-truoc-2025"].pk
    assert log.topic == f"2024-H1/unit-{unit_id}/agency-{world.transport.pk}"
    assert "Đường tỉnh 931B" in log.summary


def test_a_second_reminder_the_same_day_is_refused_with_a_clear_message(client, world, on_day):
    on_day(AFTER)
    client.force_login(world.planner)
    remind(client, world)
    response = remind(client, world, back="list")
    assert response.url == reverse("reports:chase-list")
    assert len(mail.outbox) == 1 and ReminderLog.objects.count() == 1
    page = client.get(response.url).content.decode()
    assert "đã nhận nhắc việc này hôm nay" in page
    on_day(AFTER + dt.timedelta(days=1))  # the next day it goes again
    remind(client, world)
    assert len(mail.outbox) == 2


def test_an_administrator_may_remind_any_unit(client, world, on_day):
    on_day(AFTER)
    client.force_login(world.admin)
    remind(client, world)
    assert [m.to for m in mail.outbox] == [["baocao.gtvt.haugiang@example.vn"]]


def test_a_group_nobody_answers_for_sends_nothing_and_says_why(client, world, unled, on_day):
    on_day(AFTER)
    client.force_login(world.planner)
    response = remind(client, world, agency_id=0, follow=True)
    assert "không có cán bộ báo cáo nào phụ trách" in response.content.decode()
    assert mail.outbox == [] and ReminderLog.objects.count() == 0


@pytest.mark.parametrize("who", ["reporter", "viewer", "outsider"])
def test_others_are_refused_and_nothing_is_sent(client, world, on_day, who):
    on_day(AFTER)
    client.force_login(getattr(world, who))
    assert remind(client, world).status_code == 403
    assert mail.outbox == [] and ReminderLog.objects.count() == 0


def test_the_service_refuses_other_units_planning_staff_too(world, on_day):
    on_day(AFTER)
    with pytest.raises(reminders.PermissionDenied):
        reminders.send_department_chase(
            actor=actor_for(world.outsider),
            period_label="2024-H1",
            unit_id=world.units["hau-giang-truoc-2025"].pk,
            agency_id=world.transport.pk,
        )
    assert mail.outbox == [] and ReminderLog.objects.count() == 0


def test_a_forged_post_without_the_csrf_token_is_refused(world, on_day):
    on_day(AFTER)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.planner)
    assert remind(client, world).status_code == 403
    assert mail.outbox == [] and ReminderLog.objects.count() == 0


def test_anonymous_posts_go_to_the_login_page(client, world, on_day):
    on_day(AFTER)
    response = remind(client, world)
    assert response.status_code == 302 and "/login/" in response.url
    assert mail.outbox == [] and ReminderLog.objects.count() == 0


def test_a_get_does_not_send(client, world, on_day):
    on_day(AFTER)
    client.force_login(world.planner)
    assert client.get(reverse("reports:chase-remind")).status_code == 405
    assert mail.outbox == []


def test_each_daily_run_is_recorded_even_when_nobody_needs_reminding(world, on_day):
    from reports.models import ReminderRun

    on_day(dt.date(2024, 3, 1))  # nothing due within a week, nothing overdue
    call_command("send_reminders", verbosity=0)
    on_day(BEFORE)
    call_command("send_reminders", verbosity=0)
    first, second = ReminderRun.objects.order_by("started_at")
    assert (first.sent, first.error) == (0, "") and first.finished_at is not None
    assert second.sent == len(mail.outbox) > 0 and second.finished_at >= second.started_at


def test_a_failed_run_is_recorded_with_its_error(world, on_day, monkeypatch):
    from reports.models import ReminderRun

    def broken(**kwargs):
        raise RuntimeError("máy chủ thư không trả lời")

    monkeypatch.setattr(reminders, "send_reminders", broken)
    with pytest.raises(RuntimeError):
        call_command("send_reminders", verbosity=0)
    (run,) = ReminderRun.objects.all()
    assert run.error == "RuntimeError: máy chủ thư không trả lời" and run.finished_at


def test_the_administrators_home_says_when_reminders_last_ran_and_when_they_stopped(client, world):
    from reports.models import ReminderRun

    client.force_login(world.admin)
    page = client.get("/admin/").content.decode()
    assert "chưa chạy lần nào" in page and "Không có lần chạy nào trong 26 giờ qua" in page
    started = timezone.now() - dt.timedelta(hours=3)
    ReminderRun.objects.create(started_at=started, finished_at=started, sent=4, already_sent=1)
    page = client.get("/admin/").content.decode()
    shown = timezone.localtime(started).strftime("%d/%m/%Y %H:%M")
    assert f"{shown} — 4 thư gửi, 1 đã gửi trong ngày" in page
    assert "Không có lần chạy nào trong 26 giờ qua" not in page
    ReminderRun.objects.update(started_at=timezone.now() - dt.timedelta(hours=30))
    assert "Không có lần chạy nào trong 26 giờ qua" in client.get("/admin/").content.decode()


def test_ids_in_the_chase_form_and_links_are_not_written_as_numbers_with_dots():
    """Vietnamese number format writes 12345 as "12.345": an id posted or linked that way
    would be refused (the form) or wrong (the link). Ids are written plainly."""
    from types import SimpleNamespace as Obj

    from django.template.loader import render_to_string
    from django.utils import translation

    period = Obj(pk=1234, short_label="2025-H1")
    row = Obj(report_id=None, commitment_id=45678, unit_id=2345, commitment=Obj(title="Kè"))
    group = Obj(
        topic="t", due_on=dt.date(2025, 6, 16), period=period, rows=[row],
        unit=Obj(pk=2345, short_name="Cần Thơ"), agency=Obj(pk=98765, name="Sở Y tế"),
    )  # fmt: skip
    with translation.override("vi"):
        html = render_to_string(
            "admin/home/chase_groups.html",
            {"groups": [group], "today": dt.date(2025, 6, 20), "may_send": True, "back": ""},
        )
    assert 'name="unit" value="2345"' in html and 'name="agency" value="98765"' in html
    assert "?commitment=45678&amp;period=1234&amp;reporting_unit=2345" in html
    assert "12.345" not in html and "2.345" not in html
