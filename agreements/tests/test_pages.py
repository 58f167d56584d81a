"""Public pages of the foundation: they answer, show true data, and stay flat in queries."""

import datetime as dt

import pytest
from django.urls import reverse

from agreements.tests.factories import CommitmentFactory, IndicatorFactory, bilateral, unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_agreements(units):
    return [bilateral(title=f"Chương trình hợp tác số {n}") for n in range(22)]


def test_home_lists_agreements_with_status_and_parties(client, units):
    bilateral(
        title="Chương trình hợp tác Cần Thơ - Hậu Giang 2021-2025",
        term_start=dt.date(2021, 1, 1),
        term_end=dt.date(2025, 12, 31),
    )
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="vi")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Chương trình hợp tác Cần Thơ - Hậu Giang 2021-2025" in body
    assert "Hậu Giang" in body and "Cần Thơ" in body
    assert "hết hạn" in body or "đang hiệu lực" in body
    assert "01/01/2021" in body and "31/12/2025" in body


def test_home_says_what_became_of_merged_parties(client, units):
    bilateral(title="Cần Thơ - Hậu Giang")
    body = client.get("/").content.decode()
    assert "hợp tác trở thành nội bộ" in body


def test_home_query_count_does_not_grow_with_agreements(
    client, many_agreements, django_assert_max_num_queries
):
    # session-less GET: agreements, parties+units, sectors, successions (one hop), successors
    with django_assert_max_num_queries(6):
        response = client.get("/")
    assert response.status_code == 200
    assert response.content.decode().count("Chương trình hợp tác số") == 22


def test_agreement_list_query_count_does_not_grow(
    client, many_agreements, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        assert client.get("/agreements/").status_code == 200


def test_agreement_page_shows_commitments_by_sector(client, units, django_assert_max_num_queries):
    agreement = bilateral(title="Cần Thơ - Hậu Giang 2021-2025")
    for n in range(21):
        commitment = CommitmentFactory(agreement=agreement, title=f"Nội dung số {n}", number=n)
        IndicatorFactory(commitment=commitment, target=3270)
    with django_assert_max_num_queries(14):
        response = client.get(agreement.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("Nội dung số") == 21
    assert "3.270" in body


def test_an_unknown_agreement_is_404(client, db):
    assert client.get("/agreements/khong-co/").status_code == 404


def test_unit_page_lists_agreements_of_its_predecessors(client, units):
    bilateral(
        title="Hậu Giang - Kiên Giang", first="hau-giang-truoc-2025", second="kien-giang-truoc-2025"
    )
    response = client.get(reverse("agreements:unit", kwargs={"key": "an-giang"}))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Hậu Giang - Kiên Giang" in body
    assert "Kiên Giang" in body


def test_unit_url_is_unambiguous_across_2025(client, units):
    old = client.get("/provinces/an-giang-truoc-2025/").content.decode()
    new = client.get("/provinces/an-giang/").content.decode()
    assert "trước 01/07/2025" in old and "trước 01/07/2025" not in new
    assert unit("an-giang").code == 91 and unit("an-giang-truoc-2025").code == 89


def test_sector_page_lists_its_agreements(client, units):
    commitment = CommitmentFactory(agreement=bilateral(title="Có lĩnh vực"))
    commitment.agreement.sectors.add(commitment.sector)
    response = client.get(commitment.sector.get_absolute_url())
    assert "Có lĩnh vực" in response.content.decode()


def test_english_is_available(client, units):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode()
