"""Issue 21 items 7 and 13: after the 2025 merger the chase list names the department
answering for a period (the successor of the commitment's recorded lead agency, by the
succession rule ``answering_agency_id``), and its reminders, from the list, the grid and
the daily run, reach that department's reporters."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from agreements.access import actor_for
from agreements.models import AgencySuccession
from agreements.roles import assign_role
from agreements.tests.factories import AgencyFactory, CommitmentFactory, SectorFactory
from reports.models import ReminderLog, ReportingPeriod
from reports.queries import home as home_queries
from reports.services import reminders, standing_store
from reports.tests.factories import period

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 1, 20)  # 2025-H2 is due in January 2026
CITY = "Sở Xây dựng thành phố Cần Thơ"
HEADING = f"{CITY} (kế thừa Sở Giao thông vận tải tỉnh Hậu Giang)"


@pytest.fixture
def on_day(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: TODAY)


@pytest.fixture
def merged(world, on_day, django_user_model):
    """Hậu Giang's transport department ended on 28/02/2025 (its work went to Hậu Giang's
    construction department), which went to the new Cần Thơ's on 01/07/2025; only 2025-H2
    is open. A reporter of the new department besides the old department's one."""
    world.transport.valid_until = dt.date(2025, 2, 28)
    world.transport.save()
    building = AgencyFactory(
        name="Sở Xây dựng tỉnh Hậu Giang",
        unit=world.units["hau-giang-truoc-2025"],
        valid_until=dt.date(2025, 6, 30),
    )
    world.city = AgencyFactory(name=CITY, unit=world.units["can-tho"])
    AgencySuccession.objects.create(
        predecessor=world.transport, successor=building, effective_on=dt.date(2025, 3, 1)
    )
    AgencySuccession.objects.create(
        predecessor=building, successor=world.city, effective_on=dt.date(2025, 7, 1)
    )
    world.h2 = period(2025, 2)
    ReportingPeriod.objects.exclude(pk=world.h2.pk).update(
        closed_at=timezone.now(), close_note="Đã tổng hợp"
    )
    world.city_reporter = django_user_model.objects.create_user(
        "baocao.xd.cantho", "baocao.xd.cantho@example.vn", "pw"
    )
    assign_role(
        user=world.city_reporter, role="reporter", unit=world.units["can-tho"], agency=world.city
    )
    standing_store.rebuild()
    return world


def _group(world):
    groups, _total, _late, _periods = home_queries.chase_page(actor_for(world.planner), TODAY)
    (group,) = [g for g in groups if g.agency == world.transport]
    return group


def test_the_heading_names_the_department_answering_for_the_period(client, merged):
    group = _group(merged)
    assert group.period == merged.h2 and group.unit == merged.units["can-tho"]
    assert group.department == HEADING
    client.force_login(merged.planner)
    page = client.get(reverse("reports:chase-list")).content.decode()
    assert HEADING in page


def test_the_reminder_by_hand_reaches_the_successors_reporters(merged):
    group = _group(merged)
    outcome = reminders.send_department_chase(
        actor=actor_for(merged.planner),
        period_label="2025-H2",
        unit_id=group.unit.pk,
        agency_id=merged.transport.pk,
    )
    assert sorted(outcome.sent) == ["baocao.gtvt.haugiang", "baocao.xd.cantho"]
    logs = ReminderLog.objects.filter(kind=ReminderLog.Kind.DEPARTMENT_CHASE)
    assert {log.user for log in logs} == {merged.reporter, merged.city_reporter}
    assert all(HEADING in log.summary for log in logs)
    (sent, *_rest) = mail.outbox
    assert HEADING in sent.body


def test_the_grids_reminder_reaches_them_too(client, merged):
    client.force_login(merged.planner)
    grid = client.get(reverse("reports:completeness", args=[merged.h2.pk]))
    (remind,) = [r for row, r in grid.context["rows"] if row.commitment == merged.road]
    assert remind  # its "Gửi nhắc việc" is shown
    data = {
        "period": "2025-H2",
        "unit": merged.units["can-tho"].pk,
        "agency": merged.transport.pk,  # the grid posts the recorded lead agency
        "back": f"completeness-{merged.h2.pk}",
    }
    client.post(reverse("reports:chase-remind"), data)
    reminded = ReminderLog.objects.filter(kind=ReminderLog.Kind.DEPARTMENT_CHASE)
    assert {log.user for log in reminded} == {merged.reporter, merged.city_reporter}


def test_the_daily_run_names_the_successor_to_the_reporters_and_the_planner(merged):
    call_command("send_reminders", verbosity=0)
    to = {m.to[0]: m.body for m in mail.outbox}
    assert HEADING in to["baocao.gtvt.haugiang@example.vn"]
    assert HEADING in to["baocao.xd.cantho@example.vn"]
    assert HEADING in to["kehoach.cantho@example.vn"]


def test_a_split_departments_commitment_goes_to_the_share_not_where_the_people_go(merged):
    """Labour's children's protection went to Health, the rest (and the people) to Home
    Affairs: a children's protection commitment is Health's to answer, not Home Affairs'
    (``working_agency_id`` would say Home Affairs: it is the rule for people)."""
    children = SectorFactory()
    labour = AgencyFactory(
        name="Sở LĐ-TB&XH tỉnh Hậu Giang",
        unit=merged.units["hau-giang-truoc-2025"],
        valid_until=dt.date(2025, 2, 28),
    )
    health = AgencyFactory(name="Sở Y tế thành phố Cần Thơ", unit=merged.units["can-tho"])
    home = AgencyFactory(name="Sở Nội vụ thành phố Cần Thơ", unit=merged.units["can-tho"])
    share = AgencySuccession.objects.create(
        predecessor=labour, successor=health, effective_on=dt.date(2025, 3, 1)
    )
    share.sectors.set([children])
    AgencySuccession.objects.create(
        predecessor=labour, successor=home, effective_on=dt.date(2025, 3, 1)
    )
    CommitmentFactory(
        agreement=merged.ours, title="Bảo vệ trẻ em", lead_agency=labour, sector=children
    )
    standing_store.rebuild()
    groups, *_rest = home_queries.chase_page(actor_for(merged.planner), TODAY)
    (group,) = [g for g in groups if g.agency == labour]
    assert group.department == f"{health.name} (kế thừa {labour.name})"


def test_the_chase_page_reads_a_fixed_number_of_queries(client, merged, django_assert_num_queries):
    for n in range(22):
        CommitmentFactory(
            agreement=merged.ours,
            title=f"Nội dung {n}",
            lead_agency=merged.transport if n % 2 else AgencyFactory(unit=merged.units["can-tho"]),
        )
    standing_store.rebuild()
    client.force_login(merged.planner)
    # 1 savepoint (ATOMIC_REQUESTS), 2 session, 3 user, 4 membership, 5-6 units merged
    # into theirs, 7 chased periods, 8 unit locks, 9 chase count, 10 chase rows,
    # 11 the succession links naming each group's department, 12-13 the user's and the
    # groups' permissions (the admin's menu), 14 release
    with django_assert_num_queries(14):
        response = client.get(reverse("reports:chase-list"))
    assert response.context["total"] == 23


def test_a_namesake_successor_is_named_once(merged):
    """The old Cần Thơ's industry department went to the new city's, of the same name:
    "Sở Công Thương thành phố Cần Thơ (kế thừa Sở Công Thương thành phố Cần Thơ)" says
    nothing; the name alone does."""
    name = "Sở Công Thương thành phố Cần Thơ"
    old = AgencyFactory(
        name=name, unit=merged.units["can-tho-truoc-2025"], valid_until=dt.date(2025, 6, 30)
    )
    new = AgencyFactory(name=name, unit=merged.units["can-tho"])
    AgencySuccession.objects.create(
        predecessor=old, successor=new, effective_on=dt.date(2025, 7, 1)
    )
    CommitmentFactory(agreement=merged.ours, title="Hội chợ", lead_agency=old)
    standing_store.rebuild()
    groups, *_rest = home_queries.chase_page(actor_for(merged.planner), TODAY)
    (group,) = [g for g in groups if g.agency == old]
    assert group.answering == [(new.pk, name)] and group.department == name
