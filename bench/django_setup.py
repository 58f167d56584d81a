"""What every benchmark does before it touches the database: set Django up as a server runs
it (DEBUG off, so no query log grows) and refuse the development database."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django_for_benchmark() -> None:
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # as in production: DEBUG keeps a log of every query
    name = str(settings.DATABASES["default"]["NAME"])
    if "DATABASE_URL" not in os.environ or Path(name).resolve() == (
        ROOT / "var" / "portal.sqlite3"
    ):
        sys.exit("Set DATABASE_URL to a throwaway database (the development data stays untouched).")
