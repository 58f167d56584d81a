"""The public page cache (portal/page_cache.py): anonymous pages served from the cache,
fresh after every data change, never for logged-in users, one entry per language and
query string, and no visitor's CSRF token or cookie kept in a stored page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache, caches
from django.test import Client, RequestFactory

from agreements.access import actor_for
from portal import page_cache
from reports.services import workflow
from reports.tests.factories import ProgressReportFactory, period

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
APPROVED_TEXT = "Đã thông xe kỹ thuật 5 km đường tỉnh 931B"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def stored_entry(path: str, language: str = "vi"):
    request = RequestFactory().get(path)
    request.LANGUAGE_CODE = language
    return cache.get(page_cache.key_for(request))


def test_the_second_anonymous_request_is_answered_from_the_cache_without_a_query(
    client, world, django_assert_num_queries
):
    first = client.get("/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert TOKEN.sub("", second.content.decode()) == TOKEN.sub("", first.content.decode())
    assert second["Content-Language"] == "vi"
    assert "Cookie" in second["Vary"]
    assert second["X-Frame-Options"] == "DENY"
    assert second["Cache-Control"] == "private, no-cache"
    assert "public" not in second["Cache-Control"]


def test_every_public_page_is_cached_for_anonymous_visitors(client, world):
    pages = [
        "/",
        "/agreements/",
        f"/agreements/{world.ours.slug}/",
        "/provinces/",
        "/provinces/can-tho/",
        f"/sectors/{world.road.sector.slug}/",
        "/reports/",
        "/open-data/",
    ]
    for path in pages:
        assert client.get(path)["X-Page-Cache"] == "miss", path
        assert client.get(path)["X-Page-Cache"] == "hit", path


def test_an_approved_report_shows_at_once_on_the_agreement_page_and_dashboard(client, world):
    report = world.our_report
    report.achievements = APPROVED_TEXT
    report.created_by = world.reporter
    report.save()
    workflow.submit(report=report, actor=actor_for(world.reporter))
    agreement_page = f"/agreements/{world.ours.slug}/?as_of=2024-H1"
    dashboard = "/?as_of=2024-H1"
    assert APPROVED_TEXT not in client.get(agreement_page).content.decode()
    not_reported_before = count_not_reported(client.get(dashboard))
    assert client.get(agreement_page)["X-Page-Cache"] == "hit"
    assert client.get(dashboard)["X-Page-Cache"] == "hit"

    workflow.approve(report=report, actor=actor_for(world.planner))

    page = client.get(agreement_page)
    assert page["X-Page-Cache"] == "miss"
    assert APPROVED_TEXT in page.content.decode()
    assert count_not_reported(client.get(dashboard)) == not_reported_before - 1


def count_not_reported(response) -> int:
    found = re.search(r'id="count-not-reported">(\d+)<', response.content.decode())
    return int(found.group(1))


def test_a_changed_period_deadline_shows_at_once_on_the_reporting_page(client, world):
    path = f"/reports/?period={world.period.pk}"
    assert "20/06/2024" not in client.get(path).content.decode()
    assert client.get(path)["X-Page-Cache"] == "hit"
    world.period.department_due = dt.date(2024, 6, 20)
    world.period.save()
    page = client.get(path)
    assert page["X-Page-Cache"] == "miss"
    assert "20/06/2024" in page.content.decode()


def test_a_new_agreement_shows_at_once_in_the_list(client, world):
    from agreements.tests.factories import bilateral

    assert "Vĩnh Long - Trà Vinh" not in client.get("/agreements/").content.decode()
    bilateral("vinh-long-truoc-2025", "tra-vinh-truoc-2025", title="Vĩnh Long - Trà Vinh")
    assert "Vĩnh Long - Trà Vinh" in client.get("/agreements/").content.decode()


def test_a_bulk_write_is_followed_by_invalidate(client, world):
    client.get("/reports/")
    assert client.get("/reports/")["X-Page-Cache"] == "hit"
    page_cache.invalidate()
    assert client.get("/reports/")["X-Page-Cache"] == "miss"


def test_a_change_is_invalidated_again_when_its_transaction_commits(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        world.period.department_due = dt.date(2024, 6, 20)
        world.period.save()
        # meanwhile another request renders (and stores) the page
        client.get("/reports/")
        assert client.get("/reports/")["X-Page-Cache"] == "hit"
    for callback in callbacks:
        callback()  # the commit
    assert client.get("/reports/")["X-Page-Cache"] == "miss"


def test_a_logged_in_user_never_gets_a_stored_page(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    anonymous = Client()
    anonymous.get("/")
    client.force_login(world.admin)
    page = client.get("/")
    assert "X-Page-Cache" not in page
    assert 'href="/admin/"' in page.content.decode()  # staff see their link
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]
    assert "public" not in page["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/")
    assert "X-Page-Cache" not in again
    assert len(queries) > 0  # rendered again, not served


def test_a_logged_in_user_never_fills_the_cache(client, world):
    client.force_login(world.admin)
    client.get("/")
    client.get(f"/agreements/{world.ours.slug}/")
    assert stored_entry("/") is None
    assert stored_entry(f"/agreements/{world.ours.slug}/") is None
    anonymous = Client().get("/")
    assert anonymous["X-Page-Cache"] == "miss"
    assert 'href="/admin/"' not in anonymous.content.decode()


def test_each_language_is_its_own_entry(client, world):
    assert '<html lang="vi">' in client.get("/").content.decode()
    english = Client()
    english.cookies["django_language"] = "en"
    first = english.get("/")
    assert first["X-Page-Cache"] == "miss"
    assert '<html lang="en">' in first.content.decode()
    second = english.get("/")
    assert second["X-Page-Cache"] == "hit"
    assert '<html lang="en">' in second.content.decode()
    assert second["Content-Language"] == "en"
    vietnamese = client.get("/")
    assert vietnamese["X-Page-Cache"] == "hit"
    assert '<html lang="vi">' in vietnamese.content.decode()


def test_each_query_string_is_its_own_entry(client, world):
    client.get("/agreements/")
    filtered = client.get("/agreements/?province=ca-mau")
    assert filtered["X-Page-Cache"] == "miss"
    assert world.theirs.title in filtered.content.decode()
    assert world.ours.title not in filtered.content.decode()
    assert client.get("/agreements/?province=ca-mau")["X-Page-Cache"] == "hit"
    assert world.ours.title in client.get("/agreements/").content.decode()


def test_a_stored_page_keeps_no_csrf_token_and_no_cookie(world):
    Client().get("/")
    _generation, content, headers = stored_entry("/")
    assert page_cache.CSRF_PLACEHOLDER in content
    assert TOKEN.search(content.decode(errors="replace")) is None
    assert all(name.lower() != "set-cookie" for name, _ in headers)


def test_each_visitor_gets_his_own_working_csrf_token_from_a_stored_page(world):
    Client().get("/")  # stored
    tokens = []
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        page = visitor.get("/")
        assert page["X-Page-Cache"] == "hit"
        assert "csrftoken" in page.cookies
        token = TOKEN.search(page.content.decode()).group(1)
        tokens.append(token)
        switched = visitor.post(
            "/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token}
        )
        assert switched.status_code == 302  # the language switch accepts the token
        assert visitor.get("/")["Content-Language"] == "en"
    assert tokens[0] != tokens[1]


def test_downloads_errors_and_other_pages_are_not_stored(client, world):
    for path in ["/?format=csv", "/agreements/no-such-agreement/", "/healthz", "/admin/login/"]:
        client.get(path)
        assert "X-Page-Cache" not in client.get(path), path


def test_pages_are_rendered_as_usual_when_the_cache_is_down(client, world, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    backend = caches["default"]
    for method in ("get", "get_many", "set", "add", "incr"):
        monkeypatch.setattr(backend, method, down)
    assert client.get("/").status_code == 200
    ProgressReportFactory(
        commitment=world.road, period=period(2023, 2), reporting_unit=world.units["can-tho"]
    )  # a save still succeeds


def test_the_page_cache_is_off_when_page_cache_seconds_is_0(client, world, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")


def test_bulk_rewrites_that_send_no_signal_still_void_stored_pages(client, world):
    """rebuild_standing (and generate_data, which runs it) writes with bulk_create."""
    from django.core.management import call_command

    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    call_command("rebuild_standing", verbosity=0)
    assert client.get("/")["X-Page-Cache"] == "miss"
