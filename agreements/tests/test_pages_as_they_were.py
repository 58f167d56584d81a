"""Pages about a day show units as they were that day: names at signing, and a historical
unit's partners and agreements as on its last day."""

import csv
import io

import pytest
from django.urls import reverse

from agreements.queries import unit_page
from agreements.tests.factories import bilateral

pytestmark = pytest.mark.django_db


@pytest.fixture
def hau_giang(units):
    """Cần Thơ - Hậu Giang since 2006: the 2006-2020 programme, ended in 2020, and the
    2021-2025 one, in force when both merged into the new Cần Thơ on 01/07/2025."""
    old = bilateral(
        title="Chương trình hợp tác Cần Thơ - Hậu Giang 2006-2020",
        slug="ct-hg-2006",
        signed_on="2006-03-01",
        term_start="2006-03-01",
        term_end="2020-12-31",
    )
    new = bilateral(
        title="Chương trình hợp tác Cần Thơ - Hậu Giang 2021-2025",
        slug="ct-hg-2021",
        signed_on="2021-02-26",
        term_start="2021-02-26",
        term_end="2025-12-31",
    )
    return old, new


def _row(page, slug):
    return next(r for r in page.rows if r.agreement.slug == slug)


def test_hau_giang_before_2025_lists_can_tho_before_2025_as_partner(client, hau_giang):
    response = client.get(reverse("unit-detail", kwargs={"key": "hau-giang-truoc-2025"}))
    page = response.context["page"]
    assert [(p.unit.key, p.agreements) for p in page.partners] == [("can-tho-truoc-2025", 2)]
    body = response.content.decode()
    assert "Đối tác (đơn vị ngày 30/06/2025)" in body
    assert 'href="/provinces/can-tho-truoc-2025/"' in body


def test_the_2006_2020_programme_shows_as_ended_not_internal(client, hau_giang):
    page = client.get("/provinces/hau-giang-truoc-2025/").context["page"]
    ended = _row(page, "ct-hg-2006")
    assert ended.status == "expired"
    assert "đã kết thúc ngày 31/12/2020" in ended.merger_outcome
    assert "nội bộ" not in ended.merger_outcome
    assert not ended.became_internal
    assert [r.agreement.slug for r in page.internal] == ["ct-hg-2021"]


def test_statuses_on_a_historical_page_are_those_of_its_last_day(client, hau_giang):
    response = client.get("/provinces/hau-giang-truoc-2025/")
    current = _row(response.context["page"], "ct-hg-2021")
    assert current.status == "in_force"  # on 30/06/2025, whatever today is
    assert "Tình trạng ngày 30/06/2025" in response.content.decode()


def test_the_programme_in_force_on_the_merger_day_became_internal(hau_giang):
    from regions.models import AdministrativeUnit

    page = unit_page(AdministrativeUnit.objects.get(key="can-tho"))
    assert [r.agreement.slug for r in page.internal] == ["ct-hg-2021"]
    ended = _row(page, "ct-hg-2006")
    assert "đã kết thúc" in ended.merger_outcome and not ended.became_internal


def test_the_agreement_page_says_the_old_programme_ended(client, hau_giang):
    body = client.get("/agreements/ct-hg-2006/").content.decode()
    assert "đã kết thúc ngày 31/12/2020" in body
    assert "trở thành nội bộ" not in body
    assert "trở thành nội bộ" in client.get("/agreements/ct-hg-2021/").content.decode()


@pytest.fixture
def hue_2020(units):
    return bilateral(
        "hue-truoc-2025",
        "da-nang-truoc-2025",
        title="Thừa Thiên Huế - Đà Nẵng 2020",
        slug="hue-dn",
        signed_on="2020-05-04",
        term_start="2020-05-04",
        term_end="2025-12-31",
    )


def test_a_party_shows_under_its_name_at_signing(client, hue_2020):
    detail = client.get("/agreements/hue-dn/").content.decode()
    assert "Tỉnh Thừa Thiên Huế" in detail
    listing = client.get("/agreements/").content.decode()
    assert ">Thừa Thiên Huế</a>" in listing


def test_open_data_lists_parties_under_their_name_at_signing(client, hue_2020):
    body = client.get("/agreements/", {"format": "csv"}).content.decode("utf-8-sig")
    (row,) = list(csv.DictReader(io.StringIO(body)))
    assert row["parties_as_signed"] == "Tỉnh Thừa Thiên Huế; Thành phố Đà Nẵng"


def test_hue_before_2025_page_is_named_as_on_its_last_day_with_its_earlier_name(client, units):
    body = client.get("/provinces/hue-truoc-2025/").content.decode()
    assert "<h1>Thành phố Huế" in body
    assert "Tỉnh Thừa Thiên Huế (tỉnh)" in body and "175/2024/QH15" in body


def test_a_historical_page_reads_a_bounded_number_of_queries(
    client, hau_giang, django_assert_num_queries
):
    for n in range(22):
        bilateral("hau-giang-truoc-2025", "kien-giang-truoc-2025", title=f"Thỏa thuận {n}")
    # 1 savepoint (ATOMIC_REQUESTS), 2 the unit with its region, 3 its successions (in and
    # out at once), 4 agreements, 5 parties with their names at signing, 6 sectors,
    # 7 successions of the parties, 8 names of the unit and its partners, 9 periods,
    # 10 where the agreements stand, 11 the unit's own lines, 12 release.
    # The same on SQLite and PostgreSQL, for any number of rows.
    with django_assert_num_queries(12):
        response = client.get("/provinces/hau-giang-truoc-2025/")
    page = response.context["page"]
    assert len(page.rows) == 24
    assert [p.unit.key for p in page.partners] == ["kien-giang-truoc-2025", "can-tho-truoc-2025"]
