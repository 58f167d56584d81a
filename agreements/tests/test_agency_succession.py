"""Dated, many-to-many agency succession: the routing rule, the reporter's scope that
follows it, a successor unit's agency as lead, and the admin handover (refused side first).

The world: Hậu Giang's labour department (Sở LĐ-TB&XH) ended on 28/02/2025 and split:
the child heart-surgery commitment went to health (named in the link's share), the rest
to home affairs (the link with an empty share). Both handed on to the merged Cần Thơ's
departments on 01/07/2025.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from agreements import access, succession
from agreements.models import AgencySuccession, Commitment, Membership
from agreements.roles import assign_role
from agreements.tests.factories import AgencyFactory, CommitmentFactory, SectorFactory, bilateral

MARCH, JULY = dt.date(2025, 3, 1), dt.date(2025, 7, 1)
LAST_DAY = dt.date(2025, 6, 30)
BASIS = "Nghị định số 45/2025/NĐ-CP ngày 28/02/2025 của Chính phủ"


class Split:
    pass


@pytest.fixture
def freezer(monkeypatch):
    """Moves "today" (``timezone.localdate``, which the scope and the handover read)."""
    from django.utils import timezone

    class Clock:
        def move_to(self, day: str) -> None:
            monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date.fromisoformat(day))

    return Clock()


@pytest.fixture
def split(units, django_user_model):
    w = Split()
    hg, ct = units["hau-giang-truoc-2025"], units["can-tho"]
    w.agreement = bilateral("hau-giang-truoc-2025", "kien-giang-truoc-2025")
    w.social = SectorFactory(slug="ldxh", name="Lao động - thương binh và xã hội")
    w.transport_sector = SectorFactory(slug="gt", name="Hạ tầng giao thông")
    w.labour = AgencyFactory(
        unit=hg,
        name="Sở Lao động - Thương binh và Xã hội tỉnh Hậu Giang",
        valid_until=dt.date(2025, 2, 28),
    )
    w.home = AgencyFactory(unit=hg, name="Sở Nội vụ tỉnh Hậu Giang", valid_until=LAST_DAY)
    w.health = AgencyFactory(unit=hg, name="Sở Y tế tỉnh Hậu Giang", valid_until=LAST_DAY)
    w.home_now = AgencyFactory(unit=ct, name="Sở Nội vụ thành phố Cần Thơ", valid_from=JULY)
    w.health_now = AgencyFactory(unit=ct, name="Sở Y tế thành phố Cần Thơ", valid_from=JULY)
    w.heart = CommitmentFactory(
        agreement=w.agreement,
        sector=w.social,
        title="Hỗ trợ phẫu thuật cho trẻ em bị bệnh tim bẩm sinh",
        lead_agency=w.labour,
    )
    w.jobs = CommitmentFactory(
        agreement=w.agreement,
        sector=w.social,
        title="Trao đổi thông tin thị trường lao động",
        lead_agency=w.labour,
    )
    w.fair = CommitmentFactory(
        agreement=w.agreement, sector=w.transport_sector, title="Phiên giao dịch việc làm"
    )
    w.fair.supporting_agencies.add(w.labour)
    w.to_home = AgencySuccession.objects.create(
        predecessor=w.labour, successor=w.home, effective_on=MARCH, legal_basis=BASIS
    )
    w.to_health = AgencySuccession.objects.create(
        predecessor=w.labour, successor=w.health, effective_on=MARCH, legal_basis=BASIS
    )
    w.to_health.commitments.add(w.heart)
    for old, new in ((w.home, w.home_now), (w.health, w.health_now)):
        AgencySuccession.objects.create(predecessor=old, successor=new, effective_on=JULY)

    def user(name, role, unit=None, agency=None):
        person = django_user_model.objects.create_user(name, f"{name}@example.vn", "pw")
        assign_role(user=person, role=role, unit=unit, agency=agency)
        return person

    w.user = user
    w.admin = user("quantri", "administrator")
    w.planner = user("kehoach.cantho", "planning", ct)
    w.outsider = user("kehoach.camau", "planning", units["ca-mau"])
    w.labour_reporter = user("baocao.ldtbxh", "reporter", hg, w.labour)
    return w


def visible(person) -> set[str]:
    actor = access.actor_for(person)
    return set(access.reportable_commitments(actor).values_list("title", flat=True))


# --- the rule ------------------------------------------------------------------------------------


def link(pk, *, on=MARCH, sectors=(), commitments=()):
    return succession.Link(
        pk=pk,
        predecessor_id=1,
        successor_id=100 + pk,
        effective_on=on,
        sector_ids=frozenset(sectors),
        commitment_ids=frozenset(commitments),
    )


def test_a_named_commitment_wins_over_its_sector_and_the_rest_takes_the_remainder():
    named, by_sector, rest = link(1, commitments=[7]), link(2, sectors=[3]), link(3)
    links = [rest, by_sector, named]
    assert succession.route(links, 7, 3) == named
    assert succession.route(links, 8, 3) == by_sector
    assert succession.route(links, 8, 4) == rest


def test_without_a_remainder_link_an_unnamed_commitment_stays():
    links = [link(1, commitments=[7])]
    assert succession.route(links, 8, 3) is None
    # people still go somewhere: the earliest link
    assert succession.remainder(links) == links[0]


@pytest.mark.django_db
def test_the_database_condition_routes_exactly_as_the_rule(split):
    out = [
        succession.Link(
            pk=x.pk,
            predecessor_id=x.predecessor_id,
            successor_id=x.successor_id,
            effective_on=x.effective_on,
            commitment_ids=frozenset(x.commitments.values_list("pk", flat=True)),
        )
        for x in (split.to_home, split.to_health)
    ]
    everything = Commitment.objects.all()
    for target in out:
        by_db = set(everything.filter(succession.route_q(out, target)).values_list("pk", flat=True))
        by_rule = {c.pk for c in everything if succession.route(out, c.pk, c.sector_id) == target}
        assert by_db == by_rule
    assert by_rule == {split.heart.pk}  # the last target is health's share


# --- the reporter's scope: from the refused side ----------------------------------------------


@pytest.mark.django_db
def test_a_reporter_of_a_split_department_sees_exactly_its_share(split, freezer):
    freezer.move_to("2025-08-01")
    home = split.user("baocao.noivu", "reporter", split.home_now.unit, split.home_now)
    health = split.user("baocao.yte", "reporter", split.health_now.unit, split.health_now)
    assert visible(home) == {split.jobs.title, split.fair.title}
    assert split.heart.title not in visible(home)
    assert visible(health) == {split.heart.title}


@pytest.mark.django_db
def test_before_the_handover_date_the_successors_see_nothing_of_it(split, freezer):
    freezer.move_to("2025-02-20")
    home = split.user("baocao.noivu", "reporter", split.home.unit, split.home)
    health = split.user("baocao.yte", "reporter", split.health.unit, split.health)
    assert visible(home) == set() and visible(health) == set()
    assert visible(split.labour_reporter) == {split.heart.title, split.jobs.title, split.fair.title}


@pytest.mark.django_db
def test_a_sector_share_gives_its_sector_only_and_others_see_nothing(split, units, freezer):
    freezer.move_to("2025-08-01")
    finance = AgencyFactory(unit=units["can-tho"], name="Sở Tài chính thành phố Cần Thơ")
    share = AgencySuccession.objects.create(
        predecessor=split.home, successor=finance, effective_on=JULY
    )
    share.sectors.add(split.transport_sector)
    person = split.user("baocao.taichinh", "reporter", finance.unit, finance)
    assert visible(person) == {split.fair.title}  # the only commitment of its sector
    home = split.user("baocao.noivu", "reporter", split.home_now.unit, split.home_now)
    assert visible(home) == {split.jobs.title}
    unrelated = AgencyFactory(unit=units["can-tho"], name="Sở Tư pháp thành phố Cần Thơ")
    nobody = split.user("baocao.tuphap", "reporter", unrelated.unit, unrelated)
    assert visible(nobody) == set()


@pytest.mark.django_db
def test_the_reporter_scope_reads_a_bounded_number_of_queries(
    split, freezer, django_assert_num_queries
):
    freezer.move_to("2025-08-01")
    health = split.user("baocao.yte", "reporter", split.health_now.unit, split.health_now)
    health = type(health).objects.get(pk=health.pk)  # no actor kept on the object
    # 1 memberships; agency succession two steps back: 2 links, 3 their sectors,
    # 4 their commitments, 5-7 the same a step further, 8 links of the third step (none);
    # 9-10 the unit's predecessors and successors; 11 the commitments' titles.
    # The same on SQLite and PostgreSQL.
    with django_assert_num_queries(11):
        assert visible(health) == {split.heart.title}


# --- who answered on a day ----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_agency_that_answered_follows_the_dated_links_both_ways(split):
    links = succession.links_around([split.labour.pk, split.health.pk], forwards=True)
    heart = split.heart

    def on(agency, day):
        return succession.answering_agency_id(links, agency.pk, day, heart.pk, heart.sector_id)

    assert on(split.labour, dt.date(2024, 12, 16)) == split.labour.pk
    assert on(split.labour, dt.date(2025, 6, 16)) == split.health.pk
    assert on(split.labour, dt.date(2025, 12, 16)) == split.health_now.pk
    assert on(split.health_now, dt.date(2024, 6, 16)) == split.labour.pk  # backwards


# --- a successor unit's agency may lead ---------------------------------------------------------


@pytest.mark.django_db
def test_the_new_can_tho_trade_department_may_lead_a_can_tho_hau_giang_2021_commitment(units):
    agreement = bilateral("can-tho-truoc-2025", "hau-giang-truoc-2025")
    trade = AgencyFactory(
        unit=units["can-tho"], name="Sở Công Thương thành phố Cần Thơ", valid_from=JULY
    )
    commitment = CommitmentFactory.build(
        agreement=agreement, sector=SectorFactory(), lead_agency=trade
    )
    commitment.full_clean()


@pytest.mark.django_db
def test_an_agency_of_a_unit_that_is_no_party_nor_succeeds_one_may_not_lead(units):
    agreement = bilateral("can-tho-truoc-2025", "hau-giang-truoc-2025")
    foreign = AgencyFactory(unit=units["ca-mau"], name="Sở Công Thương tỉnh Cà Mau")
    commitment = CommitmentFactory.build(
        agreement=agreement, sector=SectorFactory(), lead_agency=foreign
    )
    with pytest.raises(ValidationError) as error:
        commitment.full_clean()
    assert "lead_agency" in error.value.message_dict


# --- the admin handover: refused side first -----------------------------------------------------

CHANGELIST = "admin:agreements_agency_changelist"


def hand_over(client, agencies, confirm=True):
    data = {"action": "hand_over_to_successors", "_selected_action": [a.pk for a in agencies]}
    if confirm:
        data["post"] = "yes"
    return client.post(reverse(CHANGELIST), data)


def unchanged(split) -> bool:
    split.heart.refresh_from_db()
    split.jobs.refresh_from_db()
    member = Membership.objects.get(user=split.labour_reporter)
    return (
        split.heart.lead_agency_id == split.labour.pk
        and split.jobs.lead_agency_id == split.labour.pk
        and member.agency_id == split.labour.pk
        and split.fair.supporting_agencies.filter(pk=split.labour.pk).exists()
    )


@pytest.mark.django_db
def test_planning_staff_of_another_unit_may_not_hand_over(client, split, freezer):
    freezer.move_to("2025-04-01")
    client.force_login(split.outsider)
    assert hand_over(client, [split.labour]).status_code == 403
    assert hand_over(client, [split.labour], confirm=False).status_code == 403
    assert unchanged(split)


@pytest.mark.django_db
def test_a_reporter_is_not_offered_the_handover(client, split, freezer):
    freezer.move_to("2025-04-01")
    client.force_login(split.labour_reporter)
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "hand_over_to_successors" not in page
    response = hand_over(client, [split.labour])
    assert response.status_code in (200, 302, 403)
    assert unchanged(split)


@pytest.mark.django_db
def test_the_handover_moves_commitments_by_share_and_reporters_to_the_rest(client, split, freezer):
    freezer.move_to("2025-04-01")
    client.force_login(split.planner)  # Cần Thơ's planning staff answer for Hậu Giang now
    confirm = hand_over(client, [split.labour], confirm=False)
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert "Sở Y tế tỉnh Hậu Giang" in page and "Sở Nội vụ tỉnh Hậu Giang" in page
    assert unchanged(split)  # the confirmation page changes nothing

    response = hand_over(client, [split.labour])
    assert response.status_code == 302
    split.heart.refresh_from_db()
    split.jobs.refresh_from_db()
    assert split.heart.lead_agency == split.health
    assert split.jobs.lead_agency == split.home
    assert list(split.fair.supporting_agencies.all()) == [split.home]
    member = Membership.objects.get(user=split.labour_reporter)
    assert (member.agency, member.unit) == (split.home, split.home.unit)
    revision = split.heart.history.order_by("-history_id").first()
    assert revision.history_change_reason.startswith("Bàn giao từ")
    assert "45/2025/NĐ-CP" in revision.history_change_reason
    assert revision.history_user == split.planner
    log = LogEntry.objects.get(object_id=str(split.labour_reporter.pk))
    assert "Sở Nội vụ tỉnh Hậu Giang" in log.change_message


@pytest.mark.django_db
def test_a_handover_before_the_effective_date_moves_nothing(client, split, freezer):
    freezer.move_to("2025-02-20")
    client.force_login(split.admin)
    assert hand_over(client, [split.labour]).status_code == 302
    assert unchanged(split)
