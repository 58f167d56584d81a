"""Each rule of the agreements models, tried and refused."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agreements.models import AgencySuccession, AgreementParty, Commitment
from agreements.tests.factories import (
    AgencyFactory,
    AgreementFactory,
    CommitmentFactory,
    IndicatorFactory,
    PartyFactory,
    SectorFactory,
    bilateral,
    unit,
)

pytestmark = pytest.mark.django_db


def refused_by_database(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_an_agreement_cannot_end_before_it_starts(units):
    refused_by_database(
        lambda: AgreementFactory(term_start=dt.date(2025, 1, 1), term_end=dt.date(2024, 1, 1))
    )


def test_an_agreement_cannot_be_its_own_predecessor(units):
    agreement = AgreementFactory()
    agreement.predecessor_id = agreement.pk
    refused_by_database(agreement.save)


def test_a_terminated_agreement_needs_the_date(units):
    refused_by_database(lambda: AgreementFactory(status_override="terminated"))


def test_a_renewal_chain_cannot_loop(units):
    first = AgreementFactory()
    second = AgreementFactory(predecessor=first)
    first.predecessor = second
    with pytest.raises(ValidationError, match="vòng lặp"):
        first.full_clean()


def test_a_unit_is_a_party_only_once(units):
    agreement = bilateral()
    refused_by_database(lambda: PartyFactory(agreement=agreement, unit=unit("can-tho-truoc-2025")))


def test_a_party_must_exist_on_the_signing_date(units):
    agreement = AgreementFactory(signed_on=dt.date(2021, 2, 26))
    party = AgreementParty(agreement=agreement, unit=unit("can-tho"))  # the 2025 city
    with pytest.raises(ValidationError, match="không tồn tại vào ngày ký 26/02/2021"):
        party.full_clean()


def test_a_current_unit_may_sign_after_1_july_2025(units):
    agreement = AgreementFactory(
        signed_on=dt.date(2025, 9, 1),
        term_start=dt.date(2025, 9, 1),
        term_end=dt.date(2030, 12, 31),
    )
    AgreementParty(agreement=agreement, unit=unit("can-tho")).full_clean()
    with pytest.raises(ValidationError):
        AgreementParty(agreement=agreement, unit=unit("hau-giang-truoc-2025")).full_clean()


def test_a_commitment_cannot_be_due_before_it_starts(units):
    refused_by_database(
        lambda: CommitmentFactory(start_on=dt.date(2022, 1, 1), due_on=dt.date(2021, 1, 1))
    )


def test_a_commitment_stage_must_be_on_the_list(units):
    refused_by_database(lambda: CommitmentFactory(stage="dreaming"))


def test_a_commitment_cannot_carry_over_from_itself(units):
    commitment = CommitmentFactory()
    commitment.carried_over_from_id = commitment.pk
    refused_by_database(commitment.save)


def test_the_committing_unit_must_be_a_party(units):
    agreement = bilateral()
    commitment = Commitment(
        agreement=agreement,
        sector=SectorFactory(),
        title="X",
        committing_unit=unit("ca-mau-truoc-2025"),
    )
    with pytest.raises(ValidationError) as caught:
        commitment.full_clean()
    assert "committing_unit" in caught.value.message_dict


def test_the_lead_agency_must_belong_to_a_party(units):
    agreement = bilateral()
    outsider = AgencyFactory(unit=unit("ca-mau-truoc-2025"))
    commitment = Commitment(
        agreement=agreement, sector=SectorFactory(), title="X", lead_agency=outsider
    )
    with pytest.raises(ValidationError) as caught:
        commitment.full_clean()
    assert "lead_agency" in caught.value.message_dict


def test_carry_over_only_from_a_predecessor_agreement(units):
    earlier = bilateral()
    later = bilateral(predecessor=earlier)
    unrelated = bilateral()
    sector = SectorFactory()
    old = CommitmentFactory(agreement=earlier, sector=sector)
    stray = CommitmentFactory(agreement=unrelated, sector=sector)
    Commitment(agreement=later, sector=sector, title="Tiếp", carried_over_from=old).full_clean()
    with pytest.raises(ValidationError) as caught:
        Commitment(
            agreement=later, sector=sector, title="Lạc", carried_over_from=stray
        ).full_clean()
    assert "carried_over_from" in caught.value.message_dict


def test_an_indicator_name_is_unique_within_its_commitment(units):
    indicator = IndicatorFactory(name="Sinh viên đào tạo")
    refused_by_database(
        lambda: IndicatorFactory(commitment=indicator.commitment, name="Sinh viên đào tạo")
    )


def test_an_indicator_direction_must_be_known(units):
    refused_by_database(lambda: IndicatorFactory(direction="sideways"))


def test_an_agency_name_is_unique_within_its_unit(units):
    AgencyFactory(name="Sở Giao thông vận tải tỉnh Hậu Giang")
    refused_by_database(lambda: AgencyFactory(name="Sở Giao thông vận tải tỉnh Hậu Giang"))


def test_an_agency_cannot_succeed_itself(units):
    agency = AgencyFactory()
    link = AgencySuccession(predecessor=agency, successor=agency, effective_on=dt.date(2025, 3, 1))
    refused_by_database(link.save)


def test_an_agency_cannot_end_before_it_starts(units):
    refused_by_database(
        lambda: AgencyFactory(valid_from=dt.date(2025, 7, 1), valid_until=dt.date(2025, 6, 30))
    )


def test_a_document_needs_a_number_a_file_or_a_link(units):
    agreement = AgreementFactory()
    refused_by_database(
        lambda: agreement.documents.create(kind="agreement", title="Văn bản không số")
    )
    agreement.documents.create(kind="agreement", title="Thỏa thuận", number="01/TTHT")
