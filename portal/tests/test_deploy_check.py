"""`manage.py check --deploy` is clean with the production settings README.md documents,
and a server without mail configuration refuses to start."""

from __future__ import annotations

import secrets
import subprocess
import sys

import pytest
from django.conf import settings

from portal.tests.fresh_process import run_python

# The "Production checklist" of README.md, as environment variables.
PRODUCTION = {
    "DEBUG": "0",
    "ALLOWED_HOSTS": "hoptac.example.gov.vn",
    "CSRF_TRUSTED_ORIGINS": "https://hoptac.example.gov.vn",
    "BEHIND_HTTPS_PROXY": "1",
    "EMAIL_HOST": "smtp.example.gov.vn",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run manage.py in a fresh process with only the given environment."""
    environment = {
        "PATH": "/usr/bin:/bin",
        "SECRET_KEY": secrets.token_urlsafe(50),
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env={name: value for name, value in environment.items() if value is not None},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_documented_production_settings_pass_the_deployment_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_a_server_without_e_mail_may_run_when_it_says_so():
    env = {**PRODUCTION, "EMAIL_HOST": None, "REMINDERS_DISABLED": "1"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_a_server_without_e_mail_configuration_refuses_to_start():
    result = manage("check", "--deploy", **{**PRODUCTION, "EMAIL_HOST": None})
    assert result.returncode != 0
    assert "ConfigurationError: E-mail is not configured and DEBUG is off" in result.stderr
    assert "EMAIL_HOST" in result.stderr and "REMINDERS_DISABLED=1" in result.stderr


def test_printing_mail_on_a_server_is_reported_by_the_deployment_check():
    backend = "django.core.mail.backends.console.EmailBackend"
    result = manage("check", "--deploy", **{**PRODUCTION, "EMAIL_BACKEND": backend})
    assert result.returncode != 0
    assert "mail.E001" in result.stderr


def test_plain_http_is_reported_rather_than_silenced():
    result = manage("check", "--deploy", **{**PRODUCTION, "BEHIND_HTTPS_PROXY": "0"})
    assert "security.W004" in result.stderr  # no HSTS
    assert "security.W008" in result.stderr  # no redirect to HTTPS


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "31536000 False True"),
        ({"BEHIND_HTTPS_PROXY": "0"}, "0 False False"),
        ({"SECURE_HSTS_SECONDS": "300"}, "300 False True"),
    ],
)
def test_hsts_and_the_https_redirect_follow_the_proxy_setting(env, expected):
    out = run_python(
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT)",
        **{"SECRET_KEY": secrets.token_urlsafe(50), **PRODUCTION, **env},
    ).stdout.strip()
    assert out == expected


@pytest.mark.django_db
def test_behind_the_proxy_plain_http_is_redirected_except_the_health_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    page = client.get("/agreements/")
    assert page.status_code == 301 and page["Location"] == "https://testserver/agreements/"
    assert client.get("/healthz").status_code == 200  # the load balancer's probe
    secure = client.get("/agreements/", secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000"
