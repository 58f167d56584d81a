"""Error pages in Vietnamese (English when chosen), without a traceback, even with the
database down. Tests run with DEBUG off, as a server does."""

from __future__ import annotations

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

TITLES = {
    400: "Yêu cầu không hợp lệ",
    403: "Không có quyền truy cập",
    404: "Không tìm thấy trang",
    500: "Lỗi máy chủ",
    503: "Tạm thời gián đoạn",
    "csrf": "Biểu mẫu đã hết hạn",
}


def english(vietnamese: str) -> str:
    with translation.override("en"):
        return translation.gettext(vietnamese)


def database_down(execute, sql, params, many, context):
    raise OperationalError("could not connect to server: Connection refused")


def a_bug(execute, sql, params, many, context):
    raise RuntimeError("a programming error, not an outage")


@pytest.fixture
def browser_client():
    """A browser set to English that has not chosen English on the portal; it gets
    the 500 page, as a browser would, instead of the exception."""
    return Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")


@pytest.fixture
def english_client(settings):
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def request_for(kind, client, django_user_model):
    if kind == 400:
        return client.get("/", HTTP_HOST="portal.evil.example")
    if kind == 403:
        nobody = django_user_model.objects.create_user("khongvaitro", password="x")
        client.force_login(nobody)  # logged in, but no role: no staff files
        return client.get(reverse("reports:staff-downloads"))
    if kind == 404:
        return client.get("/trang-khong-co/")
    if kind == 500:
        with connection.execute_wrapper(a_bug):
            return client.get(reverse("dashboard"))
    if kind == 503:
        with connection.execute_wrapper(database_down):
            return client.get(reverse("dashboard"))
    if kind == "csrf":
        csrf_client = Client(
            enforce_csrf_checks=True, raise_request_exception=False, **client.defaults
        )
        csrf_client.cookies.update(client.cookies)
        return csrf_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    raise AssertionError(kind)


STATUS = {400: 400, 403: 403, 404: 404, 500: 500, 503: 503, "csrf": 403}


@pytest.mark.parametrize("kind", [400, 403, 404, 500, 503, "csrf"])
def test_each_error_page_is_vietnamese_and_shows_no_traceback(
    kind, browser_client, django_user_model, settings
):
    assert not settings.DEBUG  # as on a server
    page = request_for(kind, browser_client, django_user_model)
    assert page.status_code == STATUS[kind]
    body = page.content.decode()
    assert '<html lang="vi">' in body
    assert TITLES[kind] in body
    assert "Về trang chủ" in body
    leaks = ["Traceback", "OperationalError", "RuntimeError", "Connection refused", "CSRF verif"]
    for leak in leaks:
        assert leak not in body


@pytest.mark.parametrize("kind", [400, 403, 404, 500, 503, "csrf"])
def test_each_error_page_is_english_when_english_was_chosen(
    kind, english_client, django_user_model
):
    page = request_for(kind, english_client, django_user_model)
    assert page.status_code == STATUS[kind]
    body = page.content.decode()
    assert '<html lang="en">' in body
    assert english(TITLES[kind]) in body
    assert "Traceback" not in body


def test_the_500_page_asks_nothing_of_the_database(browser_client, django_assert_num_queries):
    from django.template import loader

    with (
        translation.override("vi"),
        connection.execute_wrapper(database_down),
        django_assert_num_queries(0),
    ):
        body = loader.get_template("500.html").render()
    assert TITLES[500] in body


def test_a_database_outage_says_try_again_shortly(browser_client):
    with connection.execute_wrapper(database_down):
        page = browser_client.get(reverse("dashboard"))
    assert page.status_code == 503 and page["Retry-After"] == "30"
