"""Helpers of the browser tests of every app (the fixtures live in the root conftest.py)."""

from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"  # screenshots, git-ignored


def login(page, live_server, username: str, password: str) -> None:
    """Sign in through the admin's login form and wait for the signed-in header."""
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
