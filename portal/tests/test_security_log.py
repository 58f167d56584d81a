"""The security log: each event is one JSON line with event, time, user, unit, address."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest
from django.test import Client
from django.urls import reverse

from portal.lib.audit import JsonLinesFormatter, client_ip, security_event
from portal.tests.fresh_process import run_python

pytestmark = pytest.mark.django_db


@pytest.fixture
def security_log(caplog):
    """The JSON objects written to ``portal.security`` (it does not propagate to root)."""
    logger = logging.getLogger("portal.security")
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.INFO, logger="portal.security")

    def events(kind: str | None = None) -> list[dict]:
        found = [
            json.loads(record.getMessage())
            for record in caplog.records
            if record.name == "portal.security"
        ]
        return [line for line in found if kind is None or line["event"] == kind]

    yield events
    logger.removeHandler(caplog.handler)


def log_in(client, username, password):
    return client.post(
        reverse("admin:login"), {"username": username, "password": password}, REMOTE_ADDR="10.1.2.3"
    )


def assert_standard_fields(line: dict, *, user: str | None, unit: str | None) -> None:
    assert line["user"] == user
    assert line["unit"] == unit
    assert line["ip"] == "10.1.2.3" or line["ip"] == "127.0.0.1"
    moment = dt.datetime.fromisoformat(line["time"])
    assert moment.tzinfo is not None
    assert abs(dt.datetime.now(dt.UTC) - moment) < dt.timedelta(minutes=1)


def test_a_failed_login_is_one_line_with_the_account_and_its_unit(client, world, security_log):
    log_in(client, "kehoach.cantho", "sai")
    (line,) = security_log("login_failed")
    assert_standard_fields(line, user="kehoach.cantho", unit="can-tho")
    assert line["ip"] == "10.1.2.3"
    assert line["account_exists"] is True
    assert "sai" not in json.dumps(line)  # never the password typed


def test_a_failed_login_for_an_unknown_name_logs_the_name_typed(client, db, security_log):
    log_in(client, "khong-ton-tai", "sai")
    (line,) = security_log("login_failed")
    assert_standard_fields(line, user="khong-ton-tai", unit=None)
    assert line["account_exists"] is False


def test_a_lock_out_is_logged_once_when_it_happens(client, world, security_log):
    for _ in range(5):
        log_in(client, "kehoach.cantho", "sai")
    (line,) = security_log("locked_out")
    assert_standard_fields(line, user="kehoach.cantho", unit="can-tho")
    assert line["failures"] == 5
    assert len(security_log("login_failed")) == 5


def test_a_successful_login_and_logout_are_logged(client, world, security_log):
    assert log_in(client, "kehoach.cantho", "pw-kehoach.cantho").status_code == 302
    client.post(reverse("admin:logout"))
    (login,) = security_log("login")
    (logout,) = security_log("logout")
    assert_standard_fields(login, user="kehoach.cantho", unit="can-tho")
    assert logout["user"] == "kehoach.cantho"


def test_a_refused_request_is_logged_with_who_asked(client, world, security_log):
    client.force_login(world.outsider)  # Cà Mau's planning staff, asking for Cần Thơ's file
    url = reverse("reports:staff-unit-review-csv", kwargs={"key": "can-tho", "year": 2024})
    assert client.get(url).status_code == 403
    (line,) = security_log("refused")
    assert_standard_fields(line, user="kehoach.camau", unit="ca-mau")
    assert line["status"] == 403 and line["reason"] == "permission_denied"
    assert line["path"] == url and line["method"] == "GET"
    assert security_log("download") == []


def test_a_csrf_failure_is_logged_once_with_its_reason(world, security_log):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.planner)
    assert client.post(reverse("set_language"), {"language": "en"}).status_code == 403
    (line,) = security_log("refused")
    assert_standard_fields(line, user="kehoach.cantho", unit="can-tho")
    assert line["reason"].startswith("csrf: ")


def test_each_staff_download_is_logged_with_the_file_and_its_unit(client, world, security_log):
    client.force_login(world.planner)
    urls = [
        reverse("reports:staff-unit-review-csv", kwargs={"key": "can-tho", "year": 2024}),
        reverse(
            "reports:staff-unit-consolidated-xlsx",
            kwargs={"key": "can-tho", "year": 2024, "half": 1},
        ),
        reverse(
            "reports:staff-agreement-review-csv", kwargs={"slug": world.ours.slug, "year": 2024}
        ),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    lines = security_log("download")
    assert [line["path"] for line in lines] == urls
    for line in lines:
        assert_standard_fields(line, user="kehoach.cantho", unit="can-tho")
    assert [line.get("target_unit") for line in lines] == ["can-tho", "can-tho", None]
    assert [line["file"] for line in lines] == [
        "review-2024.csv",
        "consolidated-2024-h1.xlsx",
        "review-2024.csv",
    ]
    assert lines[2]["agreement"] == world.ours.slug


def test_public_downloads_are_not_in_the_security_log(client, world, security_log):
    client.get(reverse("reports:unit-review-csv", kwargs={"key": "can-tho", "year": 2024}))
    assert security_log() == []


def test_a_field_never_overwrites_who_did_it(rf, world, security_log):
    request = rf.get("/")
    request.user = world.planner
    security_event("import", request=request, unit="ca-mau", rows=3)
    (line,) = security_log("import")
    assert line["unit"] == "can-tho" and line["target_unit"] == "ca-mau" and line["rows"] == 3


def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(rf, settings):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9", REMOTE_ADDR="10.0.0.1")
    settings.BEHIND_HTTPS_PROXY = False
    assert client_ip(request) == "10.0.0.1"  # a client's header is not believed
    settings.BEHIND_HTTPS_PROXY = True
    assert client_ip(request) == "203.0.113.9"  # the entry our proxy appended


def test_djangos_own_security_warnings_become_json_lines_too():
    record = logging.LogRecord(
        "django.security.DisallowedHost",
        logging.ERROR,
        __file__,
        1,
        "Invalid host %r",
        ("x",),
        None,
    )
    line = json.loads(JsonLinesFormatter().format(record))
    assert line["event"] == "django.security.DisallowedHost"
    assert line["message"] == "Invalid host 'x'"
    assert dt.datetime.fromisoformat(line["time"]).tzinfo is not None


def test_the_security_log_goes_to_the_file_named_in_the_environment(tmp_path, settings):
    log_file = tmp_path / "security.jsonl"
    result = run_python(
        "from portal.lib.audit import security_event; "
        "security_event('download', file='review-2024.xlsx'); "
        "import logging; logging.getLogger('django.security.DisallowedHost').error('bad host')",
        SECURITY_LOG_FILE=str(log_file),
    )
    lines = [json.loads(text) for text in log_file.read_text().splitlines()]
    assert [line["event"] for line in lines] == ["download", "django.security.DisallowedHost"]
    assert lines[0]["file"] == "review-2024.xlsx"
    assert "review-2024.xlsx" not in result.stderr  # in the file, not also on stderr
