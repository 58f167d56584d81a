"""Opening, closing and reopening reporting periods."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.access import Actor
from portal.lib.authz import allows
from reports.models import ReportingPeriod, default_window


def _require(actor: Actor, perm: str, period: ReportingPeriod | None = None) -> None:
    # Periods are national until each unit keeps its own calendar: administrators only.
    if not allows(actor.user, perm, period):
        raise PermissionDenied(_("Chỉ quản trị hệ thống mới mở, khóa hoặc mở lại kỳ báo cáo."))


@transaction.atomic
def open_year(
    *,
    year: int,
    actor: Actor,
    department_due_day: int | None = None,
    consolidated_due_day: int | None = None,
) -> list[ReportingPeriod]:
    """Open both six-monthly periods of ``year``; deadlines default to the calendar's.

    A period already open keeps its dates: opening twice changes nothing.
    """
    _require(actor, "reports.open_reportingperiods")
    opened = []
    for half in (1, 2):
        window = default_window(year, half)
        month = window["data_to"].month
        if department_due_day:
            window["department_due"] = _day(year, month, department_due_day)
        if consolidated_due_day:
            window["consolidated_due"] = _day(year, month, consolidated_due_day)
        period = ReportingPeriod.objects.filter(year=year, half=half).first()
        if period is None:
            period = ReportingPeriod(year=year, half=half, **window)
            period.full_clean()
            period.save()
        opened.append(period)
    return opened


def _day(year: int, month: int, day: int):
    import datetime as dt

    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise ValidationError(
            _("Ngày %(d)s/%(m)s/%(y)s không tồn tại.") % {"d": day, "m": month, "y": year}
        ) from error


@transaction.atomic
def close(*, period: ReportingPeriod, actor: Actor, reason: str) -> ReportingPeriod:
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
    period.version += 1
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def reopen(*, period: ReportingPeriod, actor: Actor) -> ReportingPeriod:
    _require(actor, "reports.close_reportingperiod", period)
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if not period.is_closed:
        raise ValidationError(_("Kỳ báo cáo này đang mở."))
    period.closed_at = None
    period.closed_by = None
    period.close_note = ""
    period.version += 1
    period.save()
    return period
