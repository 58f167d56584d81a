"""Issue 21 item 7: a report owed stays on the chase list until it is sent or its period
is closed; the completeness grid reminds the departments of its missing rows (POST, by
whom may chase the unit), filters to the officer's own unit, and sits in the admin's
header."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from agreements.access import actor_for
from reports.models import ReminderLog, ReportingPeriod
from reports.queries import home as home_queries
from reports.services import reminders

pytestmark = pytest.mark.django_db

A_YEAR_LATER = dt.date(2025, 6, 20)  # 2024-H1 was due on 17/06/2024


@pytest.fixture(autouse=True)
def earlier_periods_closed(world):
    """Periods exist from the first year on: those before 2024 are closed (as the demo
    closes those before it began), so 2024-H1 is the first one chased."""
    ReportingPeriod.objects.filter(year__lt=2024).update(
        closed_at=timezone.now(), close_note="Đã tổng hợp"
    )


@pytest.fixture
def on_day(monkeypatch):
    def set_day(day: dt.date):
        monkeypatch.setattr(timezone, "localdate", lambda *a: day)

    return set_day


def chased_titles(world, day):
    actor = actor_for(world.planner)
    groups, total, late, _periods = home_queries.chase_page(actor, day)
    return {(g.period.short_label, row.commitment.title) for g in groups for row in g.rows}


def test_a_report_owed_a_year_ago_is_still_on_the_chase_list(world, on_day):
    on_day(A_YEAR_LATER)
    assert ("2024-H1", "Đường tỉnh 931B") in chased_titles(world, A_YEAR_LATER)


def test_it_leaves_the_chase_list_when_its_period_is_closed(world, on_day):
    on_day(A_YEAR_LATER)
    ReportingPeriod.objects.filter(pk=world.period.pk).update(
        closed_at=timezone.now(), close_note="Đã tổng hợp"
    )
    assert ("2024-H1", "Đường tỉnh 931B") not in chased_titles(world, A_YEAR_LATER)


def test_a_future_period_is_not_chased_before_its_week(world, on_day):
    on_day(dt.date(2024, 6, 1))  # 16 days before the deadline
    assert not chased_titles(world, dt.date(2024, 6, 1))


def grid(client, world, **params):
    url = reverse("reports:completeness", args=[world.period.pk])
    return client.get(url, params)


def test_the_grid_offers_a_reminder_for_each_row_not_sent(client, world, on_day):
    on_day(A_YEAR_LATER)
    client.force_login(world.planner)
    page = grid(client, world).content.decode()
    assert page.count('class="button grid-remind"') == 1  # the Hậu Giang road's draft
    assert 'name="back" value="completeness-' in page


def test_the_grid_sits_in_the_admin_header_with_a_logout(client, world, on_day):
    on_day(A_YEAR_LATER)
    client.force_login(world.planner)
    page = grid(client, world).content.decode()
    assert "Trang quản trị cho Django" not in page
    assert reverse("admin:logout") in page


def test_a_reminder_from_the_grid_is_recorded_and_returns_to_the_grid(client, world, on_day):
    on_day(A_YEAR_LATER)
    client.force_login(world.planner)
    data = {
        "period": "2024-H1",
        "unit": world.units["hau-giang-truoc-2025"].pk,
        "agency": world.transport.pk,
        "back": f"completeness-{world.period.pk}-mine",
    }
    response = client.post(reverse("reports:chase-remind"), data)
    assert response.url == reverse("reports:completeness", args=[world.period.pk]) + "?unit=mine"
    log = ReminderLog.objects.get()
    assert (log.user, log.sent_by, log.kind) == (
        world.reporter,
        world.planner,
        ReminderLog.Kind.DEPARTMENT_CHASE,
    )
    assert len(mail.outbox) == 1 and "Đường tỉnh 931B" in mail.outbox[0].body


def test_an_officer_of_another_unit_sees_no_button_and_is_refused(client, world, on_day):
    """Cà Mau's officer may open the grid (their agreement's rows) but not chase Hậu Giang."""
    on_day(A_YEAR_LATER)
    client.force_login(world.outsider)
    page = grid(client, world).content.decode()
    assert "Đường tỉnh 931B" not in page and page.count("grid-remind") == 1  # Cà Mau's bridge
    data = {
        "period": "2024-H1",
        "unit": world.units["hau-giang-truoc-2025"].pk,
        "agency": world.transport.pk,
        "back": f"completeness-{world.period.pk}",
    }
    assert client.post(reverse("reports:chase-remind"), data).status_code == 403
    assert not ReminderLog.objects.exists() and not mail.outbox


def test_the_remindable_rows_are_those_of_units_the_actor_may_chase(world, on_day):
    from reports.queries import expectations

    on_day(A_YEAR_LATER)
    rows = expectations.completeness(
        world.period, world.ours.__class__.objects.all(), today=A_YEAR_LATER
    ).rows
    mine = reminders.remindable(rows, world.period, actor_for(world.planner), A_YEAR_LATER)
    theirs = reminders.remindable(rows, world.period, actor_for(world.outsider), A_YEAR_LATER)
    road = (world.road.pk, world.units["hau-giang-truoc-2025"].pk)
    bridge = (world.bridge.pk, world.units["ca-mau-truoc-2025"].pk)
    assert mine == {road} and theirs == {bridge}


def test_the_grid_filters_to_the_officers_own_unit(client, world, on_day, units):
    from agreements.tests.factories import CommitmentFactory

    CommitmentFactory(
        agreement=world.ours, title="Cầu Vàm Xáng", committing_unit=units["can-tho-truoc-2025"]
    )
    on_day(A_YEAR_LATER)
    client.force_login(world.outsider)  # Cà Mau: none of Cần Thơ - Hậu Giang's rows are theirs
    world.ours.parties.create(unit=units["ca-mau-truoc-2025"], order=3)
    everyone = grid(client, world).content.decode()
    mine = grid(client, world, unit="mine").content.decode()
    assert "Cầu Vàm Xáng" in everyone and "Cầu Vàm Xáng" not in mine
    assert "Cầu Gành Hào" in mine


def test_the_grid_reads_a_fixed_number_of_queries(client, world, on_day, django_assert_num_queries):
    from agreements.tests.factories import CommitmentFactory

    for n in range(20):
        CommitmentFactory(agreement=world.ours, title=f"Nội dung {n}", lead_agency=world.transport)
    on_day(A_YEAR_LATER)
    client.force_login(world.planner)
    # 1 savepoint (ATOMIC_REQUESTS), 2 session, 3 user, 4-5 the user's and the groups'
    # permissions (staff check), 6 memberships, 7-8 the units merged into theirs, 9 the
    # period, 10 the owed rows with commitment, agreement, sector, unit and report,
    # 11 release.
    with django_assert_num_queries(11):
        response = grid(client, world)
    assert len(response.context["rows"]) == 21
