"""Typed readers of environment variables that fail loudly on a bad value."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class ConfigurationError(ValueError):
    """An environment variable holds a value the portal cannot use."""


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ConfigurationError(
        f"{name}={raw!r} is not a boolean; use one of "
        f"{sorted(TRUE_WORDS)} or {sorted(FALSE_WORDS - {''})}"
    )


def envstr(name: str, default: str) -> str:
    return os.environ.get(name, default)


def envlist(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigurationError(f"{name}={raw!r} is not a whole number") from exc


def secret_key(*, debug: bool, keep_in: Path) -> str:
    """SECRET_KEY from the environment, or one generated once and kept locally.

    With DEBUG off the key must come from the environment: a key generated on one
    server would differ from the next server's and log everybody out.
    """
    from_env = os.environ.get("SECRET_KEY", "").strip()
    if from_env:
        return from_env
    if not debug and not envbool("ALLOW_LOCAL_SECRET_KEY", False):
        raise ConfigurationError(
            "SECRET_KEY must be set when DEBUG is off "
            "(or set ALLOW_LOCAL_SECRET_KEY=1 on a single machine)"
        )
    keep_in.parent.mkdir(parents=True, exist_ok=True)
    if keep_in.exists():
        return keep_in.read_text().strip()
    key = secrets.token_urlsafe(50)
    keep_in.write_text(key)
    keep_in.chmod(0o600)
    return key
