"""Fuzz every public query parameter of every public page: nothing anyone can type in a
URL may answer 500 (issue 8). Hypothesis draws the values: any Unicode, NUL, huge,
negative and decimal numbers, empty and repeated parameters, and raw query strings.

The number of cases run is printed at the end of the module (quoted in the notes).
Set FUZZ_EXAMPLES to run more; CI (CI=true) runs a fixed, reproducible set.
"""

from __future__ import annotations

import os
from urllib.parse import urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

CASES = {"public": 0}
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES)  # the rest: the "portal" profile in conftest.py

PARAMETERS = ["q", "province", "sector", "status", "year", "sort", "page", "group", "format"]
PARAMETERS += ["period", "standing", "as_of", "o", "p", "e"]  # names other pages or the admin use

TRICKY = [
    "",
    " ",
    "\x00",
    "can\x00tho",
    "-1",
    "0",
    "1e5",
    "2024.5",
    "2024.0",
    "99999999999999999999",
    "9" * 5000,
    "NaN",
    "inf",
    "0x7e8",
    "１２３",  # full-width digits: int() reads them
    " 2024 ",
    "%",
    "'",
    '"; DROP TABLE agreements_agreement; --',
    "<script>alert(1)</script>",
    "Cần Thơ",
    "can tho hau giang kien giang ca mau bac lieu soc trang an giang dong thap",
    "a " * 300,
    "x" * 10_000,
    "csv",
    "json",
    "signed",
    "start",
    "-start",
    "in_force",
    "can-tho",
    "can-tho-truoc-2025",
    "y-te",
]


def text():
    """Any Unicode a URL can carry (lone surrogates cannot be encoded in UTF-8)."""
    return st.text(st.characters(exclude_categories=("Cs",)), max_size=60)


def numbers():
    return st.one_of(
        st.integers().map(str),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.decimals(allow_nan=False, allow_infinity=False).map(str),
    )


# Listed names and values are drawn more often than any text, so that every filter sees
# the values known to break databases in a modest number of examples.
VALUES = st.one_of(st.sampled_from(TRICKY), st.sampled_from(TRICKY), text(), numbers())
NAMES = st.one_of(st.sampled_from(PARAMETERS), st.sampled_from(PARAMETERS), text().filter(bool))
QUERY = st.lists(st.tuples(NAMES, VALUES), max_size=5)
# Raw query strings, to reach the parser with broken percent-escapes and separators.
RAW = st.text(st.sampled_from("qyearpgsortf=&;%+0123456789-.eE\x00 ÿđ"), max_size=60)


FILTERED = ["/", "/agreements/", "/commitments/"]  # the pages of the shared FilterSet


@pytest.fixture
def other_urls(world):
    """The other public pages that read query parameters, with a real slug or key."""
    return [
        "/provinces/",
        "/provinces/can-tho/",
        "/provinces/hau-giang-truoc-2025/",
        f"/sectors/{world.road.sector.slug}/",
        "/reports/",
        f"/agreements/{world.ours.slug}/",
        "/open-data/",
    ]


def answer(client, url: str, query: str) -> int:
    CASES["public"] += 1
    response = client.get(f"{url}?{query}" if query else url)
    return response.status_code


@FUZZ
@given(
    url=st.sampled_from(FILTERED),
    query=QUERY,
    download=st.sampled_from([None, None, "csv", "json"]),
)
def test_no_filter_parameter_of_the_lists_answers_500(client, world, url, query, download):
    if download:
        query = [*query, ("format", download)]
    assert answer(client, url, urlencode(query)) < 500


@settings(FUZZ, max_examples=max(EXAMPLES // 2, 1))
@given(data=st.data(), query=QUERY, download=st.sampled_from([None, "csv", "json"]))
def test_no_query_parameter_of_the_other_pages_answers_500(
    client, other_urls, data, query, download
):
    url = data.draw(st.sampled_from(other_urls), label="url")
    if download:
        query = [*query, ("format", download)]
    assert answer(client, url, urlencode(query)) < 500


@settings(FUZZ, max_examples=max(EXAMPLES // 2, 1))
@given(data=st.data(), raw=RAW)
def test_no_raw_query_string_answers_500(client, other_urls, data, raw):
    url = data.draw(st.sampled_from([*FILTERED, *other_urls]), label="url")
    assert answer(client, url, raw) < 500


def test_every_tricky_value_of_every_filter_answers_the_page(client, world):
    """Each listed value in each filter, one at a time (the list and the dashboard
    share the FilterSet; the dashboard alone reads ``group``)."""
    pages = {
        "/agreements/": ["q", "province", "sector", "status", "year", "sort", "page"],
        "/": ["group"],
        "/commitments/": ["standing", "as_of", "province", "page"],
    }
    for url, names in pages.items():
        for name in names:
            for value in TRICKY:
                CASES["public"] += 1
                response = client.get(url, {name: value})
                assert response.status_code == 200, (url, name, value)


def test_the_public_fuzz_ran_and_says_how_many_cases(capsys):
    """Runs last in the module: checks that the cases ran and prints their number."""
    if not CASES["public"]:
        pytest.skip("counts only when the fuzz tests of this module ran")
    assert CASES["public"] >= EXAMPLES  # hypothesis ran its examples, none were skipped
    with capsys.disabled():
        print(f"\n[fuzz] public URLs: {CASES['public']} cases")
