"""Fuzz the filter parameters of every admin list: whatever an administrator puts in the
query string, the admin answers a page, a redirect to ``?e=1`` or a 400, never a 500
(issue 8: ``signed_on__year=99999999999999999999`` answered 500).

The lists come from ``admin.site._registry``, so a new admin is fuzzed without a change
here; each list's parameter names come from its own filters (``expected_parameters()``),
its date hierarchy (``<field>__year/__month/__day``) and the admin's own ``q o p e``.
The number of cases run is printed at the end of the module (quoted in the notes).
"""

from __future__ import annotations

import os
from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

CASES = {"admin": 0}
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES)  # the rest: the "portal" profile in conftest.py
ADMIN_PARAMETERS = ["q", "o", "p", "e", "all", "_facets", "_popup", "_to_field"]
NASTY = [
    "",
    "\x00",
    "a\x00b",
    "-1",
    "0",
    "1",
    "2",
    "13",
    "31",
    "32",
    "1e5",
    "2024.5",
    "9998",
    "9999",
    "10000",
    "99999999999999999999",
    "-99999999999999999999",
    "9" * 5000,
    "１２",
    "NaN",
    "x",
    "%",
    "2024-02-30",
    "99999-01-01",
    "<script>",
    "Cần Thơ",
]


class AdminList:
    def __init__(self, model, filters: list[str], date_parts: list[str], url_name: str):
        self.model = model
        self.url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{url_name}")
        self.filters = filters  # the parameters of its list_filter
        self.date_parts = date_parts  # <field>__year, __month, __day, or nothing

    def __repr__(self) -> str:
        return self.url


def admin_lists_of(model, model_admin, request) -> list[AdminList]:
    """A list (and its export page, which takes the same filters) and what it reads
    from the query string."""
    changelist = model_admin.get_changelist_instance(request)
    names = [p for spec in changelist.filter_specs for p in spec.expected_parameters()]
    field = changelist.date_hierarchy
    date_parts = [f"{field}__{part}" for part in ("year", "month", "day")] if field else []
    filters = list(dict.fromkeys(names))
    lists = [AdminList(model, filters, date_parts, "changelist")]
    if hasattr(model_admin, "export_action"):  # django-import-export's page
        lists.append(AdminList(model, filters, date_parts, "export"))
    return lists


@pytest.fixture
def boss(world, django_user_model):
    return django_user_model.objects.create_superuser("sieuquantri", "sq@example.vn", "pw")


@pytest.fixture
def admin_lists(boss):
    request = RequestFactory().get("/")
    request.user = boss
    registry = admin.site._registry.items()
    return [page for m, model_admin in registry for page in admin_lists_of(m, model_admin, request)]


def answer(client, url: str, query: list[tuple[str, str]]) -> int:
    CASES["admin"] += 1
    return client.get(f"{url}?{urlencode(query)}").status_code


def text():
    return st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


VALUES = st.one_of(
    st.sampled_from(NASTY),
    st.sampled_from(NASTY),
    st.integers(min_value=-3, max_value=40).map(str),  # days and months, and beyond
    st.integers(min_value=9990, max_value=10010).map(str),  # the last years a date has
    st.integers().map(str),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.floats().map(repr),
    text(),
)


@FUZZ
@given(data=st.data())
def test_no_admin_list_filter_parameter_answers_500(client, boss, admin_lists, data):
    client.force_login(boss)
    target = data.draw(st.sampled_from(admin_lists), label="list")
    # Mostly the list's own names, few at a time: one unknown name makes the admin
    # refuse the whole query early (400 or ?e=1), which would hide what the others do.
    own = target.date_parts + target.filters or ADMIN_PARAMETERS
    names = st.one_of(
        st.sampled_from(target.date_parts or own),
        st.sampled_from(target.date_parts or own),
        st.sampled_from(own),
        st.sampled_from(ADMIN_PARAMETERS),
        text(),
    )
    query = data.draw(st.lists(st.tuples(names, VALUES), min_size=1, max_size=3), label="query")
    assert answer(client, target.url, query) < 500


def test_every_nasty_value_of_every_date_hierarchy_part_answers_no_500(client, boss, admin_lists):
    client.force_login(boss)
    for target in admin_lists:
        for name in target.date_parts:
            for value in NASTY:
                assert answer(client, target.url, [(name, value)]) < 500, (target, name, value)
        if target.date_parts:  # a whole date, the last day of the calendar included
            for date in [("9999", "12", "31"), ("1", "1", "1"), ("2024", "2", "30")]:
                query = list(zip(target.date_parts, date, strict=True))
                assert answer(client, target.url, query) < 500, (target, date)


def test_the_overflowing_year_of_the_issue_redirects_to_the_error_flag(client, boss):
    client.force_login(boss)
    url = reverse("admin:agreements_agreement_changelist")
    response = client.get(url, {"signed_on__year": "99999999999999999999"})
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_the_export_page_answers_400_to_the_filters_the_list_refuses(client, boss):
    client.force_login(boss)
    url = reverse("admin:agreements_commitment_export")
    assert client.get(url, {"due_on__year": "99999999999999999999"}).status_code == 400
    assert client.get(url, {"no_such_field": "1"}).status_code == 400
    assert client.get(url).status_code == 200


def test_a_nul_in_the_admin_search_redirects_to_the_error_flag(client, boss):
    client.force_login(boss)
    url = reverse("admin:agreements_agreement_changelist")
    response = client.get(url, {"q": "can\x00tho"})
    assert response.status_code == 302


def test_the_admin_fuzz_ran_and_says_how_many_cases(capsys):
    """Runs last in the module: checks that the cases ran and prints their number."""
    if not CASES["admin"]:
        pytest.skip("counts only when the fuzz tests of this module ran")
    assert CASES["admin"] >= EXAMPLES  # hypothesis ran its examples, none were skipped
    with capsys.disabled():
        print(f"\n[fuzz] admin lists: {CASES['admin']} cases")
