"""Fixtures shared by every app's tests."""

import pytest
from django.core.management import call_command


@pytest.fixture
def units(db):
    """The real reference data: 63 historical and 34 current units, with succession."""
    call_command("load_units", verbosity=0)
    from regions.models import AdministrativeUnit

    return {u.key: u for u in AdministrativeUnit.objects.all()}
