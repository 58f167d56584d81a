"""Public agreement list and unit pages: filters, merged units, open data, flat queries."""

import csv
import io
import json

import pytest
from django.urls import reverse

from agreements.tests.factories import SectorFactory, bilateral

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(units):
    ct_hg = bilateral(title="Chương trình hợp tác Cần Thơ - Hậu Giang 2021-2025", slug="ct-hg")
    hg_kg = bilateral(
        "hau-giang-truoc-2025",
        "kien-giang-truoc-2025",
        title="Hậu Giang - Kiên Giang",
        slug="hg-kg",
    )
    cm_bl = bilateral(
        "ca-mau-truoc-2025",
        "bac-lieu-truoc-2025",
        title="Cà Mau - Bạc Liêu 2016-2020",
        slug="cm-bl",
        signed_on="2016-01-05",
        term_start="2016-01-01",
        term_end="2020-12-31",
    )
    health = SectorFactory(slug="y-te", name="Y tế")
    hg_kg.sectors.add(health)
    return ct_hg, hg_kg, cm_bl


def titles(response):
    return [row.agreement.title for row in response.context["rows"]]


@pytest.mark.parametrize("q", ["can tho", "CẦN THƠ", "Cần Thơ", "can  tho"])
def test_the_list_finds_can_tho_without_accents_or_case(client, three, q):
    response = client.get("/agreements/", {"q": q})
    assert titles(response) == ["Chương trình hợp tác Cần Thơ - Hậu Giang 2021-2025"]


def test_a_current_unit_finds_agreements_its_predecessors_signed(client, three):
    # the new An Giang took in Kiên Giang; the new Cần Thơ took in Cần Thơ and Hậu Giang
    assert titles(client.get("/agreements/", {"province": "an-giang"})) == [
        "Hậu Giang - Kiên Giang"
    ]
    assert sorted(titles(client.get("/agreements/", {"province": "can-tho"}))) == [
        "Chương trình hợp tác Cần Thơ - Hậu Giang 2021-2025",
        "Hậu Giang - Kiên Giang",
    ]


def test_a_historical_unit_finds_only_what_it_signed(client, three):
    assert titles(client.get("/agreements/", {"province": "kien-giang-truoc-2025"})) == [
        "Hậu Giang - Kiên Giang"
    ]


def test_filters_by_sector_status_and_year(client, three):
    assert titles(client.get("/agreements/", {"sector": "y-te"})) == ["Hậu Giang - Kiên Giang"]
    assert titles(client.get("/agreements/", {"year": 2018})) == ["Cà Mau - Bạc Liêu 2016-2020"]
    expired = titles(client.get("/agreements/", {"status": "expired"}))
    assert "Cà Mau - Bạc Liêu 2016-2020" in expired


def test_sorting_by_start_of_term(client, three):
    assert titles(client.get("/agreements/", {"sort": "start"}))[0] == "Cà Mau - Bạc Liêu 2016-2020"
    assert (
        titles(client.get("/agreements/", {"sort": "-start"}))[-1] == "Cà Mau - Bạc Liêu 2016-2020"
    )


def test_active_filters_are_shown_and_removable(client, three):
    page = client.get("/agreements/", {"q": "can tho", "sector": "y-te"}).content.decode()
    assert "Tìm kiếm: can tho" in page
    assert 'href="?sector=y-te"' in page  # removing the text filter keeps the sector


def test_a_bad_filter_value_is_explained_not_a_crash(client, three):
    response = client.get("/agreements/", {"year": "hai nghìn", "province": "atlantis"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error"' in page


def test_the_list_paginates(client, units):
    for n in range(25):
        bilateral(title=f"Thỏa thuận {n:02d}")
    first = client.get("/agreements/")
    assert len(first.context["rows"]) == 20
    assert "Trang 1/2" in first.content.decode()
    assert len(client.get("/agreements/", {"page": 2}).context["rows"]) == 5


def test_the_list_downloads_as_csv_and_json_with_the_same_filters(client, three):
    response = client.get("/agreements/", {"q": "can tho", "format": "csv"})
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert [r["slug"] for r in rows] == ["ct-hg"]
    assert rows[0]["parties_now"] == "Thành phố Cần Thơ"
    data = json.loads(
        client.get("/agreements/", {"province": "an-giang", "format": "json"}).content
    )
    assert data["count"] == 1 and data["results"][0]["slug"] == "hg-kg"


def test_the_list_query_count_does_not_grow_with_rows(client, units, django_assert_num_queries):
    for n in range(22):
        bilateral(title=f"Thỏa thuận {n}")
    # 1 savepoint (ATOMIC_REQUESTS), 2 units (the filter form's choices), 3 count,
    # 4 agreements, 5 parties with their units and names, 6 sectors, 7 successions of the
    # parties, 8 sectors (the filter form's choices), 9 release.
    # The same on SQLite and PostgreSQL, for any number of rows.
    with django_assert_num_queries(9):
        response = client.get("/agreements/")
    assert len(response.context["rows"]) == 20


def test_unit_page_shows_partners_predecessors_and_merged_agreements(client, three):
    page = client.get(reverse("unit-detail", kwargs={"key": "can-tho"})).content.decode()
    assert "Hợp nhất từ" in page and "Sóc Trăng" in page
    assert "Thỏa thuận nay thành nội bộ" in page
    partners = client.get("/provinces/can-tho/").context["page"].partners
    assert [(p.unit.key, p.agreements) for p in partners] == [("an-giang", 1)]


def test_unit_url_is_unambiguous_across_2025(client, units):
    old = client.get("/provinces/an-giang-truoc-2025/").content.decode()
    new = client.get("/provinces/an-giang/").content.decode()
    assert "trước 01/07/2025" in old and "Mã thống kê</dt><dd>89" in old
    assert "Mã thống kê</dt><dd>91" in new


def test_unit_page_query_count_does_not_grow(client, units, django_assert_num_queries):
    for n in range(22):
        bilateral(title=f"Thỏa thuận {n}")
    # 1 savepoint (ATOMIC_REQUESTS), 2 the unit with its region, 3 its successions (in and
    # out), 4-5 its scope (predecessors, successors), 6 agreements, 7 parties with their
    # units and names, 8 sectors, 9 successions of the parties, 10 names of the partners,
    # 11 periods, 12 where the agreements stand, 13 the unit's own lines; its reporting
    # calendar: 14 recent periods, 15 its own calendar rows; 16 release.
    # The same on SQLite and PostgreSQL, for any number of rows.
    with django_assert_num_queries(16):
        response = client.get("/provinces/can-tho/")
    assert len(response.context["page"].rows) == 22


def test_unit_index_lists_34_current_units(client, units):
    assert len(client.get("/provinces/").context["current"]) == 34
