"""factory_boy factories for the agreements app; units come from the real data."""

import datetime as dt

import factory

from agreements.models import (
    Agency,
    Agreement,
    AgreementParty,
    Commitment,
    Indicator,
    Sector,
)
from regions.models import AdministrativeUnit


def unit(key: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(key=key)


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"linh-vuc-{n}")
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    slug = factory.Sequence(lambda n: f"thoa-thuan-{n}")
    title = factory.Sequence(lambda n: f"Chương trình hợp tác {n}")
    kind = Agreement.Kind.BILATERAL
    signed_on = dt.date(2021, 2, 26)
    term_start = dt.date(2021, 1, 1)
    term_end = dt.date(2025, 12, 31)


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementParty

    agreement = factory.SubFactory(AgreementFactory)
    unit = factory.LazyFunction(lambda: unit("can-tho-truoc-2025"))


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    unit = factory.LazyFunction(lambda: unit("hau-giang-truoc-2025"))
    name = factory.Sequence(lambda n: f"Sở số {n}")


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    agreement = factory.SubFactory(AgreementFactory)
    sector = factory.SubFactory(SectorFactory)
    title = factory.Sequence(lambda n: f"Nội dung {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    commitment = factory.SubFactory(CommitmentFactory)
    name = factory.Sequence(lambda n: f"Chỉ tiêu {n}")
    unit_of_measure = "người"
    target = 100


def bilateral(first: str = "can-tho-truoc-2025", second: str = "hau-giang-truoc-2025", **kw):
    """An agreement with two parties, as signed."""
    agreement = AgreementFactory(**kw)
    PartyFactory(agreement=agreement, unit=unit(first), order=1)
    PartyFactory(agreement=agreement, unit=unit(second), order=2)
    return agreement
