"""Opening, closing and reopening reporting periods."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.access import Actor
from reports.models import ReportingPeriod


def _require_planning(actor: Actor) -> None:
    if not (actor.is_admin or actor.is_planning):
        raise PermissionDenied(_("Chỉ cán bộ kế hoạch hoặc quản trị mới mở, khóa kỳ báo cáo."))


@transaction.atomic
def open_year(*, year: int, actor: Actor) -> list[ReportingPeriod]:
    """Open both six-monthly periods of ``year`` with the calendar's defaults."""
    _require_planning(actor)
    return [ReportingPeriod.objects.get_or_open(year=year, half=half)[0] for half in (1, 2)]


@transaction.atomic
def close(*, period: ReportingPeriod, actor: Actor, reason: str) -> ReportingPeriod:
    _require_planning(actor)
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if period.is_closed:
        raise ValidationError(_("Kỳ báo cáo này đã khóa."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Cần ghi lý do khóa kỳ báo cáo."))
    period.closed_at = timezone.now()
    period.closed_by = actor.user
    period.close_note = reason
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def reopen(*, period: ReportingPeriod, actor: Actor) -> ReportingPeriod:
    _require_planning(actor)
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if not period.is_closed:
        raise ValidationError(_("Kỳ báo cáo này đang mở."))
    period.closed_at = None
    period.closed_by = None
    period.close_note = ""
    period.save()
    return period
