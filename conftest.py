"""Fixtures shared by every app's tests."""

import os

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, settings

# Fuzz tests (hypothesis): reproducible in CI, no example database in the work tree.
settings.register_profile(
    "portal",
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("portal")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests create many users; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


_REFERENCE_ROWS: list = []  # the regions tables as load_units leaves them, read once


@pytest.fixture
def units(db):
    """The real reference data: 63 historical and 34 current units, with succession.

    ``load_units`` runs once per test session; later tests get the same rows back with
    one INSERT per table (the loader checks each row and costs seconds on a busy machine).
    """
    from django.apps import apps

    from regions.models import AdministrativeUnit

    if not AdministrativeUnit.objects.exists():
        if not _REFERENCE_ROWS:
            call_command("load_units", verbosity=0)
            for model in apps.get_app_config("regions").get_models():
                _REFERENCE_ROWS.append((model, list(model.objects.order_by("pk"))))
        else:
            for model, rows in _REFERENCE_ROWS:
                model.objects.bulk_create(rows)
    return {u.key: u for u in AdministrativeUnit.objects.all()}


@pytest.fixture
def demo_logins(units):
    """The demo data and one demo login per role (password ``DEMO_PASSWORD``), for the
    browser walks of every app."""
    import io

    call_command("load_demo", verbosity=0)
    call_command("demo_users", allow_without_debug=True, stdout=io.StringIO())


@pytest.fixture(scope="module")
def demo_in_module(django_db_setup, django_db_blocker):
    """Units, then the demo, loaded once for a test module and rolled back at its end;
    yields ``load_demo``'s counts. Each test runs in its own savepoint inside this
    transaction (pytest-django's ``django_db``), so what a test changes is undone before
    the next one. Modules that read the demo without writing to it share this load."""
    from io import StringIO

    from django.db import transaction

    from portal.demo.data import load_demo

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_units", stdout=StringIO())
        counts = load_demo()
        yield counts
        transaction.set_rollback(True)


# --- the named users of style.md, one per role, and the department the reporter answers for --


def _named_user(django_user_model, name: str, role: str, unit=None, agency=None):
    """A user who signs in as ``name`` with the password ``pw-<name>``."""
    from agreements.roles import assign_role

    user = django_user_model.objects.create_user(name, f"{name}@example.vn", "pw-" + name)
    assign_role(user=user, role=role, unit=unit, agency=agency)
    return user


@pytest.fixture
def hau_giang_transport(units):
    """Hậu Giang's transport department (as it was before 2025), whose reporter is ours."""
    from agreements.tests.factories import AgencyFactory

    return AgencyFactory(
        unit=units["hau-giang-truoc-2025"], name="Sở Giao thông vận tải tỉnh Hậu Giang"
    )


@pytest.fixture
def administrator(db, django_user_model):
    return _named_user(django_user_model, "quantri", "administrator")


@pytest.fixture
def planner(units, django_user_model):
    """A planning officer of Cần Thơ (the city as it is since 01/07/2025)."""
    return _named_user(django_user_model, "kehoach.cantho", "planning", units["can-tho"])


@pytest.fixture
def reporter(units, hau_giang_transport, django_user_model):
    """A reporter of Hậu Giang's transport department."""
    return _named_user(
        django_user_model,
        "baocao.gtvt.haugiang",
        "reporter",
        units["hau-giang-truoc-2025"],
        hau_giang_transport,
    )


@pytest.fixture
def viewer(db, django_user_model):
    """Sees the staff pages, may change nothing."""
    return _named_user(django_user_model, "nguoixem", "viewer")


@pytest.fixture
def outsider(units, django_user_model):
    """A planning officer of Cà Mau: staff, but of no party to Cần Thơ's agreements."""
    return _named_user(django_user_model, "kehoach.camau", "planning", units["ca-mau"])


class World:
    """Two agreements, one of Cần Thơ's (as it was signed) and one of Cà Mau's,
    with a commitment, a report and the named users of every role."""


@pytest.fixture
def world(units, hau_giang_transport, administrator, planner, reporter, viewer, outsider):
    import datetime as dt

    from agreements.tests.factories import AgencyFactory, CommitmentFactory, bilateral
    from reports.tests.factories import ProgressReportFactory, period

    w = World()
    w.units = units
    w.ours = bilateral("can-tho-truoc-2025", "hau-giang-truoc-2025", title="Cần Thơ - Hậu Giang")
    w.theirs = bilateral("ca-mau-truoc-2025", "bac-lieu-truoc-2025", title="Cà Mau - Bạc Liêu")
    w.transport = hau_giang_transport
    w.ca_mau_transport = AgencyFactory(
        unit=units["ca-mau-truoc-2025"], name="Sở Giao thông vận tải tỉnh Cà Mau"
    )
    w.road = CommitmentFactory(agreement=w.ours, title="Đường tỉnh 931B", lead_agency=w.transport)
    w.bridge = CommitmentFactory(
        agreement=w.theirs, title="Cầu Gành Hào", lead_agency=w.ca_mau_transport
    )
    w.period = period(2024, 1)
    w.our_report = ProgressReportFactory(
        commitment=w.road, period=w.period, reporting_unit=units["hau-giang-truoc-2025"]
    )
    w.their_report = ProgressReportFactory(
        commitment=w.bridge, period=w.period, reporting_unit=units["ca-mau-truoc-2025"]
    )
    w.admin = administrator
    w.planner = planner
    w.reporter = reporter
    w.viewer = viewer
    w.outsider = outsider
    w.today = dt.date(2024, 6, 10)
    return w


# --- real browser (Debian's Chromium driven by Playwright) -----------------------------


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run. In CI a missing browser fails the run."""
    import shutil

    from portal.tests.browser import CHROMIUM

    if not shutil.which(CHROMIUM):
        message = f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # sync Playwright in pytest
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Pages in fresh browser contexts (one per user); requests to other hosts, and
    anything the Content-Security-Policy had to block, fail the test."""
    contexts, foreign, blocked = [], [], []

    def make(width: int = 1280, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)

        def watch(request):
            if not request.url.startswith((live_server.url, "data:", "about:")):
                foreign.append(request.url)

        page.on("request", watch)
        page.on(
            "console",
            lambda msg: blocked.append(msg.text) if "Content Security Policy" in msg.text else None,
        )
        return page

    yield make
    for context in contexts:
        context.close()
    assert foreign == [], f"requests left the server: {foreign}"
    assert blocked == [], f"the Content-Security-Policy blocked: {blocked}"


@pytest.fixture(autouse=True)
def empty_cache(settings):
    """Each test gets this process's own memory cache, empty, and the page cache off
    (portal/page_cache.py; its tests turn it on): no page or entry stored by an earlier
    test, or by another test process through a REDIS_URL in the environment, is served."""
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PAGE_CACHE_SECONDS = 0
    cache.clear()
