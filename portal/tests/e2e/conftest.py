"""Fixtures of the admin's browser tests."""

import io

import pytest
from django.core.management import call_command


@pytest.fixture
def demo_logins(units):
    """The demo data and one demo login per role (password ``DEMO_PASSWORD``)."""
    call_command("load_demo", verbosity=0)
    call_command("demo_users", allow_without_debug=True, stdout=io.StringIO())
