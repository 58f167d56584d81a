"""Logins: wrong passwords are throttled (django-axes), sessions last a working day."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-dung-2025"


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_user(
        "kehoach.cantho", "kehoach@example.vn", PASSWORD, is_staff=True
    )


def log_in(client, username, password, ip="10.0.0.7"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=ip,
    )


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_right_password_after_thirty_wrong_ones_is_refused_with_a_vietnamese_message(
    client, officer
):
    for _ in range(30):
        assert log_in(client, "kehoach.cantho", "sai").status_code in (200, 429)
    page = log_in(client, "kehoach.cantho", PASSWORD)
    assert page.status_code == 429
    text = page.content.decode()
    assert "Tài khoản tạm khóa" in text
    assert "thử lại sau 15 phút" in text
    assert not logged_in(client)


def test_the_fifth_wrong_password_locks_and_the_fourth_does_not(client, officer):
    for _ in range(4):
        assert log_in(client, "kehoach.cantho", "sai").status_code == 200  # form again
    assert log_in(client, "kehoach.cantho", "sai").status_code == 429


def test_the_login_works_again_after_the_cool_off(client, officer):
    for _ in range(5):
        log_in(client, "kehoach.cantho", "sai")
    assert log_in(client, "kehoach.cantho", PASSWORD).status_code == 429
    # Fourteen minutes later it is still locked; sixteen minutes later it is not.
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=14))
    assert log_in(client, "kehoach.cantho", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    page = log_in(client, "kehoach.cantho", PASSWORD)
    assert page.status_code == 302 and page["Location"] == reverse("admin:index")
    assert logged_in(client)


def test_an_administrator_can_unlock_before_the_cool_off(client, officer):
    for _ in range(5):
        log_in(client, "kehoach.cantho", "sai")
    reset(username="kehoach.cantho")
    assert log_in(client, "kehoach.cantho", PASSWORD).status_code == 302


def test_the_axes_reset_command_unlocks_everybody(client, officer):
    for _ in range(5):
        log_in(client, "kehoach.cantho", "sai")
    call_command("axes_reset", stdout=io.StringIO())
    assert log_in(client, "kehoach.cantho", PASSWORD).status_code == 302


def test_the_lock_holds_for_one_name_from_one_address_only(client, officer, django_user_model):
    django_user_model.objects.create_user("dongnghiep", password=PASSWORD, is_staff=True)
    for _ in range(5):
        log_in(client, "kehoach.cantho", "sai", ip="10.0.0.7")
    # A colleague behind the same address, and the same person from another machine.
    assert log_in(client, "dongnghiep", PASSWORD, ip="10.0.0.7").status_code == 302
    client.logout()
    assert log_in(client, "kehoach.cantho", PASSWORD, ip="10.0.0.8").status_code == 302


def test_a_successful_login_forgets_the_earlier_failures(client, officer):
    for _ in range(4):
        log_in(client, "kehoach.cantho", "sai")
    assert log_in(client, "kehoach.cantho", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert log_in(client, "kehoach.cantho", "sai").status_code == 200
    assert log_in(client, "kehoach.cantho", PASSWORD).status_code == 302


def test_the_lock_out_page_is_in_english_when_english_was_chosen(client, officer, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _ in range(5):
        log_in(client, "kehoach.cantho", "sai")
    page = log_in(client, "kehoach.cantho", PASSWORD)
    assert page.status_code == 429
    assert '<html lang="en">' in page.content.decode()


def test_the_limits_come_from_the_environment():
    from portal.tests.fresh_process import run_python

    out = run_python(
        "from django.conf import settings as s; "
        "print(s.AXES_FAILURE_LIMIT, int(s.AXES_COOLOFF_TIME.total_seconds()), "
        "s.SESSION_COOKIE_AGE)",
        LOGIN_FAILURE_LIMIT="3",
        LOGIN_COOLOFF_MINUTES="60",
        SESSION_HOURS="4",
    ).stdout.split()
    assert out == ["3", "3600", "14400"]


def test_the_demo_logins_still_work(client, units, settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    call_command("demo_users", stdout=io.StringIO())
    for name in ["quantri", "kehoach.cantho", "baocao.gtvt.haugiang"]:
        page = log_in(client, name, "hoptac-demo-2025")
        assert page.status_code == 302, name
        assert client.get(reverse("admin:index")).status_code == 200, name
        client.logout()


# --- sessions -------------------------------------------------------------------------------


def test_a_login_lasts_a_working_day_and_ends_with_the_browser(client, officer, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    before = timezone.now()
    page = log_in(client, "kehoach.cantho", PASSWORD)
    cookie = page.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # a browser-session cookie
    assert cookie["httponly"] is True
    session = Session.objects.get(session_key=cookie.value)
    lasts = session.expire_date - before
    assert dt.timedelta(hours=7, minutes=59) < lasts <= dt.timedelta(hours=8, minutes=1)


def test_an_expired_session_is_sent_back_to_the_login(client, officer):
    log_in(client, "kehoach.cantho", PASSWORD)
    assert client.get(reverse("admin:index")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    page = client.get(reverse("admin:index"))
    assert page.status_code == 302 and page["Location"].startswith(reverse("admin:login"))
