"""Run Django in a fresh process with only the given environment: settings read the
environment once, at start-up, so that is where their tests must look."""

from __future__ import annotations

import subprocess
import sys

from django.conf import settings


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    """``python -c code`` after ``django.setup()``; fails the test if it exits non-zero."""
    environment = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "portal.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
