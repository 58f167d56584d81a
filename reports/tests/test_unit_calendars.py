"""Reporting calendars: periods by the Decree's rule, working-day deadlines, and each
unit's own deadlines and lock, set by its planning staff and by nobody else's."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from agreements.access import actor_for
from portal.lib.authz import allows
from reports.models import CommitmentStanding, ReportingPeriod, UnitCalendar, default_window
from reports.services import calendar, periods, standing_store
from reports.services.working_days import is_working_day

pytestmark = pytest.mark.django_db


def test_default_deadlines_2020_to_2030_fall_on_working_days_after_the_cut_off():
    for year in range(2020, 2031):
        for half in (1, 2):
            window = default_window(year, half)
            department, consolidated = window["department_due"], window["consolidated_due"]
            # Art. 8(5): at least one working day after the cut-off, on which to send.
            assert department > window["data_to"], (year, half)
            assert is_working_day(department), (year, half, department)
            assert is_working_day(consolidated), (year, half, consolidated)
            assert consolidated >= department, (year, half)
            # Moved only as far as the next working day.
            configured = dt.date(year, window["data_to"].month, 16)
            assert all(
                not is_working_day(configured + dt.timedelta(days=d))
                for d in range((department - configured).days)
            )


@pytest.mark.parametrize(
    "year, half, department, consolidated",
    [
        (2024, 1, dt.date(2024, 6, 17), dt.date(2024, 6, 20)),  # 16/06/2024 is a Sunday
        (2025, 2, dt.date(2025, 12, 16), dt.date(2025, 12, 22)),  # 20/12/2025 a Saturday
        (2026, 1, dt.date(2026, 6, 16), dt.date(2026, 6, 22)),  # 20/06/2026 a Saturday
        (2026, 2, dt.date(2026, 12, 16), dt.date(2026, 12, 21)),  # 20/12/2026 a Sunday
        (2027, 1, dt.date(2027, 6, 16), dt.date(2027, 6, 21)),  # 20/06/2027 a Sunday
    ],
)
def test_the_weekend_defaults_the_issue_found_move_to_monday(year, half, department, consolidated):
    window = default_window(year, half)
    assert (window["department_due"], window["consolidated_due"]) == (department, consolidated)


def test_tet_and_national_day_are_not_working_days():
    assert not is_working_day(dt.date(2026, 2, 17))  # Tết Nguyên Đán 2026, a Tuesday
    assert not is_working_day(dt.date(2025, 9, 2))  # Quốc khánh, a Tuesday
    assert is_working_day(dt.date(2026, 2, 24))


def test_periods_exist_without_anyone_opening_them():
    this_year = dt.date.today().year
    assert ReportingPeriod.objects.filter(year=2016, half=1).exists()
    assert ReportingPeriod.objects.filter(year=this_year + 1, half=2).exists()
    assert periods.ensure_periods() == 0  # nothing missing: nothing written


def cantho_calendar(world, **fields) -> UnitCalendar:
    return UnitCalendar(period=world.period, unit=world.units["can-tho"], **fields)


def test_can_tho_planning_closes_the_period_for_can_tho_only(world, units):
    hanoi_reporter_unit = units["ha-noi-truoc-2025"]
    assert allows(world.reporter, "reports.change_progressreport", world.our_report)
    periods.save_unit_calendar(
        actor=actor_for(world.planner),
        calendar=cantho_calendar(world),
        closed=True,
        reason="Đã tổng hợp báo cáo 6 tháng",
    )
    # Hậu Giang merged into Cần Thơ: its reporter is locked out of the period...
    assert calendar.is_closed_for(world.period, world.our_report.reporting_unit_id)
    assert not allows(world.reporter, "reports.change_progressreport", world.our_report)
    # ...and nobody else is: the period itself stays open.
    world.period.refresh_from_db()
    assert not world.period.is_closed
    assert not calendar.is_closed_for(world.period, units["ca-mau-truoc-2025"].pk)
    assert not calendar.is_closed_for(world.period, hanoi_reporter_unit.pk)
    assert not calendar.is_closed_for(world.period, units["ha-noi"].pk)


def test_can_tho_planning_cannot_close_ha_noi(world, units):
    hanoi = UnitCalendar(period=world.period, unit=units["ha-noi"])
    with pytest.raises(PermissionDenied):
        periods.save_unit_calendar(
            actor=actor_for(world.planner), calendar=hanoi, closed=True, reason="Hết hạn"
        )
    assert not UnitCalendar.objects.exists()
    assert not calendar.is_closed_for(world.period, units["ha-noi"].pk)


def test_can_tho_planning_cannot_close_ha_noi_through_the_admin(client, world, units):
    client.force_login(world.planner)
    add = reverse("admin:reports_unitcalendar_add")
    response = client.post(
        add,
        {"period": world.period.pk, "unit": units["ha-noi"].pk, "closed": "on", "close_note": "x"},
    )
    assert response.status_code == 200  # the form refuses the unit: not one of the choices
    assert not UnitCalendar.objects.exists()
    # A Hà Nội row an administrator made cannot be changed from Cần Thơ either.
    row = periods.save_unit_calendar(
        actor=actor_for(world.admin),
        calendar=UnitCalendar(period=world.period, unit=units["ha-noi"]),
        closed=False,
    )
    change = reverse("admin:reports_unitcalendar_change", args=[row.pk])
    response = client.post(change, {"closed": "on", "close_note": "Khóa hộ"})
    assert response.status_code == 403
    row.refresh_from_db()
    assert not row.is_closed


@pytest.mark.parametrize("role", ["reporter", "viewer", "outsider"])
def test_others_cannot_set_can_tho_s_calendar(world, units, role):
    with pytest.raises(PermissionDenied):
        periods.save_unit_calendar(
            actor=actor_for(getattr(world, role)),
            calendar=cantho_calendar(world, department_due=dt.date(2024, 6, 28)),
            closed=False,
        )
    assert not UnitCalendar.objects.exists()


def test_an_administrator_acts_for_any_unit_and_for_all(world, units):
    admin = actor_for(world.admin)
    periods.save_unit_calendar(
        actor=admin,
        calendar=UnitCalendar(period=world.period, unit=units["ha-noi"]),
        closed=True,
        reason="Theo đề nghị của Hà Nội",
    )
    assert calendar.is_closed_for(world.period, units["ha-noi"].pk)
    closed = periods.close(period=world.period, actor=admin, reason="Đã gửi Chính phủ")
    assert calendar.is_closed_for(closed, units["ca-mau"].pk)
    with pytest.raises(PermissionDenied):
        periods.close(period=world.period, actor=actor_for(world.planner), reason="x")


def test_a_unit_deadline_moves_its_parties_rows_only_and_stays_a_record(world, units):
    seq = world.period.year * 2 + world.period.half - 1
    standing_store.rebuild()
    before = dict(
        CommitmentStanding.objects.filter(seq=seq, unit__isnull=False).values_list(
            "unit__key", "due_on"
        )
    )
    assert before["hau-giang-truoc-2025"] == before["ca-mau-truoc-2025"] == dt.date(2024, 6, 17)
    periods.save_unit_calendar(
        actor=actor_for(world.planner),
        calendar=cantho_calendar(world, department_due=dt.date(2024, 6, 28)),
        closed=False,
    )
    after = dict(
        CommitmentStanding.objects.filter(seq=seq, unit__isnull=False).values_list(
            "unit__key", "due_on"
        )
    )
    assert after["hau-giang-truoc-2025"] == dt.date(2024, 6, 28)  # merged into Cần Thơ
    assert after["ca-mau-truoc-2025"] == dt.date(2024, 6, 17)  # not Cần Thơ's to set
    assert standing_store.differences() == []  # the stored rows equal a full rebuild
    UnitCalendar.objects.all().delete()
    assert standing_store.differences() == []


def test_a_deadline_before_the_cut_off_is_refused_with_the_rule(world, units):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        periods.save_unit_calendar(
            actor=actor_for(world.planner),
            calendar=cantho_calendar(world, department_due=dt.date(2024, 6, 14)),
            closed=False,
        )
    assert "09/2019" in str(refused.value)
    assert not UnitCalendar.objects.exists()


def test_the_unit_page_shows_its_calendar_and_the_reason_it_closed(client, world, units):
    periods.save_unit_calendar(
        actor=actor_for(world.planner),
        calendar=cantho_calendar(world, department_due=dt.date(2024, 6, 28)),
        closed=True,
        reason="Đã tổng hợp báo cáo 6 tháng",
    )
    from unittest import mock

    with mock.patch("reports.services.calendar.timezone.localdate", return_value=world.today):
        page = client.get(reverse("unit-detail", args=["can-tho"])).content.decode()
        other = client.get(reverse("unit-detail", args=["ca-mau"])).content.decode()
    assert 'id="reporting-calendar"' in page
    assert "Đã tổng hợp báo cáo 6 tháng" in page and "28/06/2024" in page
    assert "Đã tổng hợp báo cáo 6 tháng" not in other and "17/06/2024" in other
