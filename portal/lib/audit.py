"""The security log: one JSON line per event a security officer wants to see.

Failed logins, lock-outs, refused requests, staff file downloads and imports go to the
``portal.security`` logger with who, which unit, from where and when, so that a log
collector (journald, Loki, Elasticsearch, Graylog) can read them without parsing prose.
Each line is a JSON object with at least ``event``, ``time`` (ISO 8601 with offset),
``user``, ``unit``, ``ip``, ``path`` and ``method``; settings.LOGGING sends the lines
to stderr or to ``SECURITY_LOG_FILE``.

Writing the log must never break the request it describes: when the database is down,
the unit is left out rather than the page failing.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

logger = logging.getLogger("portal.security")

SECURITY_LOGGER = "portal.security"


def client_ip(request: HttpRequest) -> str | None:
    """The address of the browser, as the portal's own proxy saw it.

    Behind the HTTPS proxy (``BEHIND_HTTPS_PROXY``) every request comes from the proxy,
    which appends the client's address to ``X-Forwarded-For``; only that last entry is
    trusted, since anything before it was written by the client. Used by the security
    log and by the login throttle (``AXES_CLIENT_IP_CALLABLE``).
    """
    if getattr(settings, "BEHIND_HTTPS_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR")


def _user_name(user: Any) -> str | None:
    if isinstance(user, str):
        return user or None
    return getattr(user, "username", None) or None


def _unit_of(user: Any) -> str | None:
    """The key of the user's unit (``can-tho``), or None for users without one."""
    if user is None or isinstance(user, str) or not getattr(user, "is_authenticated", False):
        return None
    try:
        membership = getattr(user, "membership", None)
        unit = getattr(membership, "unit", None) if membership else None
    except DatabaseError:
        return None
    return getattr(unit, "key", None)


def security_event(event: str, *, request=None, user=None, **fields: Any) -> None:
    """Record ``event`` (e.g. ``login_failed``, ``download``) with who, unit, where, when.

    ``user`` is a user, or the user name typed on a failed login; by default the
    request's user. Extra keyword arguments become fields of the line; ``unit`` is the
    user's unit, so a field that would overwrite one of the standard fields (say the
    unit a file is about) is kept as ``target_<name>`` (``target_unit``).
    """
    if user is None and request is not None:
        user = getattr(request, "user", None)
    record = {
        "event": event,
        "time": timezone.now().isoformat(),
        "user": _user_name(user),
        "unit": _unit_of(user),
        "ip": client_ip(request) if request is not None else None,
        "path": request.get_full_path() if request is not None else None,
        "method": request.method if request is not None else None,
    }
    for name, value in fields.items():
        record[f"target_{name}" if name in record else name] = value
    logger.warning(json.dumps(record, ensure_ascii=False, default=str))


class JsonLinesFormatter(logging.Formatter):
    """One JSON object per line for every logger the security handler receives.

    ``portal.security`` messages already are JSON and pass through unchanged; others
    (Django's ``django.security.*``: a forged Host header, a suspicious file name) are
    wrapped in the same shape so the collector sees a single format.
    """

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.name == SECURITY_LOGGER or record.name.startswith(SECURITY_LOGGER + "."):
            return message
        request = getattr(record, "request", None)
        line = {
            "event": record.name,
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "message": message,
            "user": None,
            "unit": None,
            "ip": client_ip(request) if isinstance(request, HttpRequest) else None,
            "path": request.path if isinstance(request, HttpRequest) else None,
        }
        return json.dumps(line, ensure_ascii=False, default=str)


class RefusedRequestLog:
    """Middleware: every refused request (status 403) goes into the security log.

    Django turns a ``PermissionDenied`` raised anywhere (admin, staff pages, the
    permission checks) into a 403 response before it reaches this middleware, so one
    place sees them all. The CSRF failure view says why (``request.security_reason``).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 403:
            security_event(
                "refused",
                request=request,
                status=403,
                reason=getattr(request, "security_reason", "permission_denied"),
            )
        return response
