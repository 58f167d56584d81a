"""Views that belong to the portal as a whole rather than to one app."""

from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import csrf
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@transaction.non_atomic_requests
@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for a load balancer: 200 when the database answers, 503 when not.

    The question is whether the database answers *now*. A persistent connection
    (CONN_MAX_AGE) that the server dropped when it restarted says nothing about that,
    so a failure closes it and asks once more on a new connection: the worker never
    stays "unhealthy" because of an old socket, and never needs a restart.
    """
    for _attempt in range(2):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except DatabaseError:
            if connection.in_atomic_block:  # never close what a transaction still uses
                break
            connection.close()
        else:
            return JsonResponse({"status": "ok", "database": "ok"})
    return JsonResponse({"status": "error", "database": "unreachable"}, status=503)


# --- refusals: the login lock-out and CSRF failures (error pages are templates/4xx.html) ---


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """django-axes' lock-out answer (AXES_LOCKOUT_CALLABLE): 429 Too Many Requests.

    429 rather than 403: the account is not forbidden, it is resting; the security log
    has the lock-out from the ``user_locked_out`` signal (portal/signals.py).
    """
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "portal/locked_out.html", context, status=429)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: Django's view with templates/403_csrf.html, the reason logged."""
    request.security_reason = f"csrf: {reason}"  # read by portal.lib.audit.RefusedRequestLog
    return csrf.csrf_failure(request, reason)


def server_error(request: HttpRequest) -> HttpResponse:
    """500, or 503 "try again shortly" when the database is unreachable (a restart)."""
    import sys

    from django.db import InterfaceError, OperationalError
    from django.template import loader
    from django.views import defaults

    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        page = loader.get_template("503.html").render({}, request=None)
        response = HttpResponse(page, status=503)
        response["Retry-After"] = "30"
        return response
    return defaults.server_error(request)
