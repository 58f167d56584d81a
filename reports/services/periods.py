"""Reporting periods and each unit's calendar: the rules of who sets and locks what.

Periods exist by the Decree's rule (``ensure_periods``); nobody opens them. The
period's own dates are the national defaults. Each unit's planning staff set their
unit's deadlines and close or reopen a period **for their unit only**
(``save_unit_calendar``); an administrator acts for any unit, or for all at once by
closing the period itself (``close`` / ``reopen``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.access import Actor
from portal.lib.authz import allows
from portal.lib.versioning import bump
from reports.models import ReportingPeriod, UnitCalendar


def ensure_periods(today=None) -> int:
    """Every period up to next year exists (one query when they all do)."""
    today = today or timezone.localdate()
    return ReportingPeriod.objects.ensure_through(today.year + 1)


def ensure_after_migrate(sender, **kwargs) -> None:
    if sender.name == "reports":
        ensure_periods()


def _require(actor: Actor, perm: str, obj=None) -> None:
    if not allows(actor.user, perm, obj):
        raise PermissionDenied(
            _("Chỉ quản trị hệ thống mới khóa hoặc mở lại kỳ báo cáo cho mọi đơn vị.")
            if perm == "reports.close_reportingperiod"
            else _("Chỉ cán bộ kế hoạch của đơn vị này hoặc quản trị hệ thống được đặt lịch.")
        )


@transaction.atomic
def save_unit_calendar(
    *, actor: Actor, calendar: UnitCalendar, closed: bool, reason: str = ""
) -> UnitCalendar:
    """Set one unit's deadlines for one period, and close or reopen it for that unit."""
    if calendar.unit_id is None:
        raise ValidationError({"unit": _("Cần chọn đơn vị.")})
    _require(actor, "reports.change_unitcalendar", calendar)
    reason = (reason or "").strip()
    if closed and not calendar.is_closed:
        if not reason:
            raise ValidationError({"close_note": _("Cần ghi lý do khóa kỳ báo cáo.")})
        calendar.closed_at = timezone.now()
        calendar.closed_by = actor.user
        calendar.close_note = reason
    elif closed:
        calendar.close_note = reason or calendar.close_note
    else:
        calendar.closed_at = None
        calendar.closed_by = None
        calendar.close_note = ""
    if calendar.pk:
        bump(calendar)
    calendar.full_clean()
    calendar.save()
    return calendar


@transaction.atomic
def close(*, period: ReportingPeriod, actor: Actor, reason: str) -> ReportingPeriod:
    """Close the period for every unit (administrators)."""
    _require(actor, "reports.close_reportingperiod", period)
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if period.is_closed:
        raise ValidationError(_("Kỳ báo cáo này đã khóa."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Cần ghi lý do khóa kỳ báo cáo."))
    period.closed_at = timezone.now()
    period.closed_by = actor.user
    period.close_note = reason
    bump(period)
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def reopen(*, period: ReportingPeriod, actor: Actor) -> ReportingPeriod:
    """Reopen a period closed for every unit (administrators); units' own locks stay."""
    _require(actor, "reports.close_reportingperiod", period)
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if not period.is_closed:
        raise ValidationError(_("Kỳ báo cáo này đang mở."))
    period.closed_at = None
    period.closed_by = None
    period.close_note = ""
    bump(period)
    period.save()
    return period
