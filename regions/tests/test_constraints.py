import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from regions.models import AdministrativeUnit, UnitSuccession

pytestmark = pytest.mark.django_db


def refused_by_database(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def new_unit(**kw):
    values = dict(key="thu-nghiem", code=99, name="Tỉnh Thử", short_name="Thử", kind="province")
    return AdministrativeUnit.objects.create(**(values | kw))


def test_two_current_units_cannot_share_a_code(units):
    refused_by_database(lambda: new_unit(code=92, valid_from=dt.date(2025, 7, 1)))


def test_two_units_of_one_era_cannot_share_a_code(units):
    refused_by_database(lambda: new_unit(code=93, valid_until=dt.date(2025, 6, 30)))


def test_a_unit_cannot_end_before_it_starts(db):
    refused_by_database(
        lambda: new_unit(valid_from=dt.date(2025, 7, 1), valid_until=dt.date(2025, 6, 30))
    )


def test_unit_keys_are_unique(units):
    refused_by_database(lambda: new_unit(key="can-tho"))


def test_a_unit_cannot_succeed_itself(units):
    unit = AdministrativeUnit.objects.get(key="can-tho")
    refused_by_database(
        lambda: UnitSuccession.objects.create(
            predecessor=unit, successor=unit, effective_on=dt.date(2025, 7, 1), legal_basis="x"
        )
    )


def test_a_succession_is_recorded_once(units):
    link = UnitSuccession.objects.first()
    refused_by_database(
        lambda: UnitSuccession.objects.create(
            predecessor=link.predecessor,
            successor=link.successor,
            effective_on=link.effective_on,
            legal_basis="x",
        )
    )
