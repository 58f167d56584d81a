"""The security log: one JSON line per event a security officer wants to see.

Failed logins, lock-outs, refused requests, staff file downloads and imports go to the
``portal.security`` logger with who, which unit, from where and when, so that a log
collector (journald, Loki, Elasticsearch) can read them without parsing prose.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.utils import timezone

logger = logging.getLogger("portal.security")


def _unit_of(user) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    membership = getattr(user, "membership", None)
    unit = getattr(membership, "unit", None) if membership else None
    return getattr(unit, "key", None)


def security_event(event: str, *, request=None, user=None, **fields: Any) -> None:
    """Record ``event`` (e.g. ``login_failed``, ``download``) with who, unit, where, when."""
    if user is None and request is not None:
        user = getattr(request, "user", None)
    record = {
        "event": event,
        "time": timezone.now().isoformat(),
        "user": getattr(user, "username", None) or None,
        "unit": _unit_of(user),
        "ip": request.META.get("REMOTE_ADDR") if request is not None else None,
        "path": request.get_full_path() if request is not None else None,
        "method": request.method if request is not None else None,
        **fields,
    }
    logger.warning(json.dumps(record, ensure_ascii=False, default=str))
