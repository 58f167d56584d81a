"""Logins into the security log: successes, failures, lock-outs and logouts.

Django announces every login attempt (``django.contrib.auth.signals``) and django-axes
announces a lock-out (``axes.signals.user_locked_out``); these receivers turn each into
one line of ``portal.security`` (portal/lib/audit.py). Connected by importing this
module in ``PortalConfig.ready()``. They only log: no rule lives here.
"""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import DatabaseError
from django.dispatch import receiver

from portal.lib.audit import security_event


def _account(username: str | None) -> Any:
    """The account a failed login named (so that its unit is logged), else the name typed."""
    if not username:
        return None
    model = get_user_model()
    try:
        account = (
            model._default_manager.select_related("membership__unit")
            .filter(**{model.USERNAME_FIELD: username})
            .first()
        )
    except DatabaseError:
        account = None
    return account or username


@receiver(user_login_failed, dispatch_uid="portal.security.login_failed")
def log_login_failed(sender, credentials: dict, request=None, **kwargs) -> None:
    account = _account(credentials.get(get_user_model().USERNAME_FIELD))
    security_event(
        "login_failed",
        request=request,
        user=account,
        account_exists=not isinstance(account, str | None),
    )


@receiver(user_locked_out, dispatch_uid="portal.security.locked_out")
def log_locked_out(sender, request=None, username: str | None = None, **kwargs) -> None:
    security_event(
        "locked_out",
        request=request,
        user=_account(username),
        failures=getattr(request, "axes_failures_since_start", None),
    )


@receiver(user_logged_in, dispatch_uid="portal.security.login")
def log_login(sender, request=None, user=None, **kwargs) -> None:
    security_event("login", request=request, user=user)


@receiver(user_logged_out, dispatch_uid="portal.security.logout")
def log_logout(sender, request=None, user=None, **kwargs) -> None:
    if user is not None:
        security_event("logout", request=request, user=user)
