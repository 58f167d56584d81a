"""People keep their jobs when their department is merged (issue 21 item 13): the agency a
member works for on a day, along the dated succession links (``working_agency_id``)."""

import datetime as dt

import pytest

from agreements.models import AgencySuccession
from agreements.succession import working_agency_id
from agreements.tests.factories import AgencyFactory, SectorFactory

pytestmark = pytest.mark.django_db

ENDED = dt.date(2025, 2, 28)
FROM = dt.date(2025, 3, 1)


def _link(old, new, **share):
    link = AgencySuccession.objects.create(predecessor=old, successor=new, effective_on=FROM)
    if share.get("sectors"):
        link.sectors.set(share["sectors"])
    return link


def test_an_ended_department_sends_its_people_to_the_successor_that_takes_the_rest(units):
    old = AgencyFactory(name="Sở LĐ-TB&XH", valid_until=ENDED)
    health = AgencyFactory(name="Sở Y tế")
    home_affairs = AgencyFactory(name="Sở Nội vụ")
    _link(old, health, sectors=[SectorFactory()])  # a share: children's protection
    _link(old, home_affairs)  # the rest, and the people
    assert working_agency_id(old.pk, old.valid_until, dt.date(2025, 3, 2)) == home_affairs.pk


def test_before_the_link_counts_and_while_the_agency_exists_nobody_moves(units):
    old = AgencyFactory(name="Sở GTVT", valid_until=ENDED)
    new = AgencyFactory(name="Sở Xây dựng")
    _link(old, new)
    assert working_agency_id(old.pk, old.valid_until, dt.date(2025, 2, 1)) == old.pk
    going_on = AgencyFactory(name="Sở Công Thương")  # handed a part over, carries on
    _link(going_on, new, sectors=[SectorFactory()])
    assert working_agency_id(going_on.pk, None, dt.date(2026, 1, 1)) == going_on.pk


def test_it_follows_several_steps_while_each_successor_has_ended(units):
    transport = AgencyFactory(name="Sở GTVT tỉnh Hậu Giang", valid_until=ENDED)
    building = AgencyFactory(name="Sở Xây dựng tỉnh Hậu Giang", valid_until=dt.date(2025, 6, 30))
    city = AgencyFactory(name="Sở Xây dựng thành phố Cần Thơ")
    _link(transport, building)
    AgencySuccession.objects.create(
        predecessor=building, successor=city, effective_on=dt.date(2025, 7, 1)
    )
    assert working_agency_id(transport.pk, ENDED, dt.date(2025, 5, 1)) == building.pk
    assert working_agency_id(transport.pk, ENDED, dt.date(2025, 12, 1)) == city.pk
