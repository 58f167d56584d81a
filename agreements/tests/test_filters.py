"""The public FilterSet, one filter at a time, and the attacker's side of each: a long
search costs what a short one does, and a value no filter can use is ignored with a
message on the page, never a 500 (issue 8)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agreements.filters import MAX_SEARCH_CHARS, MAX_SEARCH_WORDS, AgreementFilter, search_words
from agreements.models import Agreement
from agreements.queries import agreements_for_listing
from agreements.tests.factories import (
    CommitmentFactory,
    PartyFactory,
    SectorFactory,
    bilateral,
    unit,
)

pytestmark = pytest.mark.django_db

MEKONG = [
    "an-giang-truoc-2025",
    "bac-lieu-truoc-2025",
    "ben-tre-truoc-2025",
    "ca-mau-truoc-2025",
    "can-tho-truoc-2025",
    "dong-thap-truoc-2025",
    "hau-giang-truoc-2025",
    "kien-giang-truoc-2025",
    "long-an-truoc-2025",
    "soc-trang-truoc-2025",
    "tien-giang-truoc-2025",
    "tra-vinh-truoc-2025",
    "vinh-long-truoc-2025",
]


@pytest.fixture
def three(units):
    ct_hg = bilateral(title="Cần Thơ - Hậu Giang 2021-2025", slug="ct-hg", document_number="12/TT")
    hg_kg = bilateral("hau-giang-truoc-2025", "kien-giang-truoc-2025", title="Nông nghiệp")
    cm_bl = bilateral(
        "ca-mau-truoc-2025",
        "bac-lieu-truoc-2025",
        title="Cà Mau - Bạc Liêu 2016-2020",
        term_start="2016-01-01",
        term_end="2020-12-31",
    )
    hg_kg.sectors.add(SectorFactory(slug="y-te", name="Y tế"))
    return ct_hg, hg_kg, cm_bl


def query(**params) -> QueryDict:
    data = QueryDict(mutable=True)
    data.update(params)
    return data


def found(**params) -> list[str]:
    filterset = AgreementFilter(query(**params), queryset=agreements_for_listing())
    return sorted(a.title for a in filterset.qs)


# --- one test per filter -----------------------------------------------------------------


def test_q_ignores_accents_and_case_in_the_title(three):
    assert found(q="CAN THO") == ["Cần Thơ - Hậu Giang 2021-2025"]


def test_q_finds_a_party_by_name(three):
    assert found(q="kien giang") == ["Nông nghiệp"]


def test_q_needs_every_word(three):
    assert found(q="hau giang nong") == ["Nông nghiệp"]
    assert found(q="hau giang bac lieu") == []


def test_q_reads_decomposed_accents_as_typed_on_a_mac(three):
    assert found(q=unicodedata.normalize("NFD", "Nông nghiệp")) == ["Nông nghiệp"]


def test_q_finds_the_document_number(three):
    assert found(q="12/tt") == ["Cần Thơ - Hậu Giang 2021-2025"]


def test_q_that_matches_nothing_finds_nothing(three):
    assert found(q="hai phong") == []


def test_no_filter_finds_every_agreement(three):
    assert found() == [
        "Cà Mau - Bạc Liêu 2016-2020",
        "Cần Thơ - Hậu Giang 2021-2025",
        "Nông nghiệp",
    ]


def test_province_takes_in_the_units_merged_into_it(three):
    assert found(province="an-giang") == ["Nông nghiệp"]  # An Giang took in Kiên Giang


@pytest.mark.parametrize(
    ("province", "titles"),
    [
        # Cần Thơ took in Hậu Giang and Sóc Trăng on 01/07/2025
        ("can-tho", ["Cần Thơ - Hậu Giang 2021-2025", "Nông nghiệp"]),
        ("ca-mau", ["Cà Mau - Bạc Liêu 2016-2020"]),  # Cà Mau took in Bạc Liêu
        ("dong-thap", []),
        # a unit as it was before 2025 finds only what it signed itself
        ("can-tho-truoc-2025", ["Cần Thơ - Hậu Giang 2021-2025"]),
        ("hau-giang-truoc-2025", ["Cần Thơ - Hậu Giang 2021-2025", "Nông nghiệp"]),
        ("kien-giang-truoc-2025", ["Nông nghiệp"]),
        ("bac-lieu-truoc-2025", ["Cà Mau - Bạc Liêu 2016-2020"]),
    ],
)
def test_province_finds_exactly_the_agreements_of_the_unit(three, province, titles):
    assert found(province=province) == titles


def test_sector_finds_agreements_listing_it(three):
    assert found(sector="y-te") == ["Nông nghiệp"]


def test_sector_finds_agreements_with_a_commitment_in_it_once(three):
    ct_hg, hg_kg, _cm_bl = three
    transport = SectorFactory(slug="giao-thong", name="Giao thông")
    CommitmentFactory(agreement=ct_hg, sector=transport, title="Đường tỉnh 931B")
    CommitmentFactory(agreement=ct_hg, sector=transport, title="Cầu Cái Răng")
    hg_kg.sectors.add(transport)
    CommitmentFactory(agreement=hg_kg, sector=transport, title="Bến xe")
    assert found(sector="giao-thong") == ["Cần Thơ - Hậu Giang 2021-2025", "Nông nghiệp"]


@pytest.fixture
def dated(units):
    """One agreement in each status on the day the tests run, and two on its edges."""
    today = timezone.localdate()
    year = dt.timedelta(days=365)

    def agreement(title, start, end, **kw):
        return bilateral(title=title, term_start=start, term_end=end, **kw)

    agreement("Đang hiệu lực", today - year, today + year)
    agreement("Bắt đầu hôm nay", today, today + year)
    agreement("Kết thúc hôm nay", today - year, today)
    agreement("Chưa có hiệu lực", today + dt.timedelta(days=1), today + year)
    agreement("Hết hạn", today - 2 * year, today - dt.timedelta(days=1))
    agreement(
        "Đã chấm dứt",
        today - year,
        today + year,
        status_override="terminated",
        status_changed_on=today - dt.timedelta(days=30),
    )
    agreement(
        "Đã được thay thế",
        today - 2 * year,
        today - dt.timedelta(days=1),  # past its term too: the override wins
        status_override="superseded",
        status_changed_on=today - year,
    )


@pytest.mark.parametrize(
    ("status", "titles"),
    [
        ("in_force", ["Bắt đầu hôm nay", "Kết thúc hôm nay", "Đang hiệu lực"]),
        ("not_yet_in_force", ["Chưa có hiệu lực"]),
        ("expired", ["Hết hạn"]),
        ("terminated", ["Đã chấm dứt"]),
        ("superseded", ["Đã được thay thế"]),
    ],
)
def test_status_finds_exactly_the_agreements_in_that_status_today(dated, status, titles):
    assert found(status=status) == titles


@pytest.mark.parametrize(
    ("year", "titles"),
    [
        ("2015", []),
        ("2016", ["Cà Mau - Bạc Liêu 2016-2020"]),  # the first year of its term
        ("2018", ["Cà Mau - Bạc Liêu 2016-2020"]),
        ("2020", ["Cà Mau - Bạc Liêu 2016-2020"]),  # the last year of its term
        ("2021", ["Cần Thơ - Hậu Giang 2021-2025", "Nông nghiệp"]),
        ("2025", ["Cần Thơ - Hậu Giang 2021-2025", "Nông nghiệp"]),
        ("2026", []),
    ],
)
def test_year_finds_agreements_in_force_that_year(three, year, titles):
    assert found(year=year) == titles


def sorted_by(sort: str) -> list[str]:
    data = QueryDict(f"sort={sort}")
    return [a.title for a in AgreementFilter(data, queryset=agreements_for_listing()).qs]


@pytest.fixture
def signed_apart(three):
    """The agreements signed in another order than their terms start."""
    ct_hg, hg_kg, cm_bl = three
    for agreement, signed_on in [
        (ct_hg, dt.date(2021, 3, 1)),
        (hg_kg, dt.date(2020, 12, 15)),
        (cm_bl, dt.date(2015, 11, 20)),
    ]:
        agreement.signed_on = signed_on
        agreement.save()
    hg_kg.term_start = dt.date(2021, 6, 1)
    hg_kg.save()
    return three


@pytest.mark.parametrize(
    ("sort", "titles"),
    [
        ("start", ["Cà Mau - Bạc Liêu 2016-2020", "Cần Thơ - Hậu Giang 2021-2025", "Nông nghiệp"]),
        ("-start", ["Nông nghiệp", "Cần Thơ - Hậu Giang 2021-2025", "Cà Mau - Bạc Liêu 2016-2020"]),
        ("signed", ["Cà Mau - Bạc Liêu 2016-2020", "Nông nghiệp", "Cần Thơ - Hậu Giang 2021-2025"]),
        (
            "-signed",
            ["Cần Thơ - Hậu Giang 2021-2025", "Nông nghiệp", "Cà Mau - Bạc Liêu 2016-2020"],
        ),
        # none: the newest term first, as the list's own order
        ("", ["Nông nghiệp", "Cần Thơ - Hậu Giang 2021-2025", "Cà Mau - Bạc Liêu 2016-2020"]),
    ],
)
def test_sort_orders_the_agreements(signed_apart, sort, titles):
    assert sorted_by(sort) == titles


# --- bounded search ------------------------------------------------------------------------


def test_the_search_keeps_the_first_eight_distinct_words():
    words, shortened = search_words("a b c d e f g h i j")
    assert words == list("abcdefgh") and shortened
    assert search_words("Cần cần CẦN thơ") == (["Cần", "thơ"], False)


def test_the_search_keeps_the_first_hundred_characters():
    words, shortened = search_words("x" * 150)
    assert words == ["x" * MAX_SEARCH_CHARS] and shortened


def test_a_shortened_search_says_so_on_the_page(client, three):
    page = client.get("/agreements/", {"q": " ".join(["can"] * 3 + list("abcdefghij"))})
    assert page.status_code == 200
    assert f"tối đa {MAX_SEARCH_WORDS} từ" in page.content.decode()


def test_nul_characters_are_removed_from_the_search(three):
    assert found(q="can\x00 tho") == ["Cần Thơ - Hậu Giang 2021-2025"]


def search_sql(q: str) -> str:
    return str(AgreementFilter(query(q=q), queryset=Agreement.objects.all()).qs.query)


@pytest.mark.parametrize("words", [5, 10])
def test_a_long_search_joins_the_parties_no_more_than_a_one_word_search(units, words):
    one = search_sql("can")
    many = search_sql(" ".join(f"tu{n}" for n in range(words)))
    joins = re.compile(r'JOIN "agreements_agreementparty"')
    assert len(joins.findall(many)) == len(joins.findall(one)) == 0
    assert "DISTINCT" not in many  # no join that multiplies rows, so nothing to fold
    # one EXISTS per word, and never more than the limit
    assert many.count("EXISTS") == min(words, MAX_SEARCH_WORDS)


@pytest.mark.parametrize("words", [5, 10])
def test_a_long_search_takes_as_many_queries_as_a_one_word_search(client, units, words):
    hcmc_mekong = bilateral("ho-chi-minh-truoc-2025", MEKONG[0], title="Vùng Đồng bằng")
    for n, key in enumerate(MEKONG[1:], start=3):
        PartyFactory(agreement=hcmc_mekong, unit=unit(key), order=n)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/agreements/", {"q": "giang"}).status_code == 200
    long_search = " ".join(
        ["giang", "tien", "hau", "kien", "an", "tra", "vinh", "long", "ca", "mau"]
    )
    with CaptureQueriesContext(connection) as many:
        response = client.get("/agreements/", {"q": " ".join(long_search.split()[:words])})
    assert response.status_code == 200
    assert len(many) == len(one)
    assert [row.agreement.title for row in response.context["rows"]] == ["Vùng Đồng bằng"]


# --- what an attacker types: the page, with a message ----------------------------------------


@pytest.mark.parametrize(
    "name, value",
    [
        ("year", "-1"),
        ("year", "1e5"),
        ("year", "99999999999999999999"),
        ("year", "1944"),
        ("year", "2101"),
        ("province", "atlantis"),
        ("sector", "khong-co"),
        ("status", "đang-bay"),
        ("sort", "junk"),
    ],
)
@pytest.mark.parametrize("url", ["/agreements/", "/"])
def test_an_invalid_filter_gives_the_page_and_names_the_ignored_filter(
    client, three, url, name, value
):
    response = client.get(url, {name: value})
    assert response.status_code == 200
    assert any(value in notice for notice in response.context["notices"])
    assert "được bỏ qua" in response.content.decode()


@pytest.mark.parametrize(
    "url, name, value",
    [
        ("/agreements/", "page", "junk"),
        ("/agreements/", "page", "99999999999999999999"),
        ("/agreements/", "format", "xlsx"),
        ("/", "group", "junk"),
        ("/", "format", "junk"),
        ("/reports/", "period", "junk"),
        ("/provinces/can-tho/", "format", "pdf"),
    ],
)
def test_an_invalid_page_group_period_or_format_gives_the_page_with_a_message(
    client, three, url, name, value
):
    response = client.get(url, {name: value})
    assert response.status_code == 200
    assert any(value in notice for notice in response.context["notices"])


def test_the_other_filters_still_apply_when_one_is_ignored(client, three):
    response = client.get("/agreements/", {"year": "1e5", "province": "an-giang"})
    assert [row.agreement.title for row in response.context["rows"]] == ["Nông nghiệp"]
    assert ("province", "Đơn vị hành chính", "An Giang") in response.context["active"]


def test_a_valid_request_has_no_message(client, three):
    response = client.get("/agreements/", {"year": "2018", "page": "1", "format": ""})
    assert response.context["notices"] == []
