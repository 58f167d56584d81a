"""Staff pages of the reports app: the completeness grid of a period, the chase list in
full and a reminder sent from it by hand. Thin views over ``reports.queries.expectations`` and
``reports.services.reminders``."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from agreements import access
from agreements.access import actor_for
from portal.lib.authz import allows
from reports.models import ReportingPeriod
from reports.queries import expectations
from reports.queries import home as home_queries
from reports.services import reminders


@require_safe
@staff_member_required
def completeness(request: HttpRequest, pk: int) -> HttpResponse:
    """The period's owed reports in the user's agreements (``?unit=mine``: of their own
    unit and those merged into it), each missing one with its "Gửi nhắc việc" button when
    the user may chase its unit (``reports.services.reminders.may_chase``)."""
    if not allows(request.user, "reports.view_completeness"):
        raise PermissionDenied
    actor = access.actor_for(request.user)
    period = get_object_or_404(ReportingPeriod, pk=pk)
    mine = request.GET.get("unit") == "mine" and bool(actor.unit_ids)
    grid = expectations.completeness(
        period, access.manageable_agreements(actor), unit_ids=actor.unit_ids if mine else None
    )
    context = {
        **admin.site.each_context(request),
        "title": _("Tình hình nộp báo cáo — %(period)s") % {"period": period},
        "period": period,
        "grid": grid,
        "mine": mine,
        "has_unit": bool(actor.unit_ids),
        "rows": _with_reminders(grid.rows, period, actor),
        "back": f"completeness-{period.pk}" + ("-mine" if mine else ""),
    }
    return TemplateResponse(request, "reports/completeness.html", context)


def _with_reminders(rows, period, actor) -> list[tuple]:
    """(row, may be reminded from the grid) for each row of the grid."""
    remindable = reminders.remindable(rows, period, actor, timezone.localdate())
    return [(row, (row.commitment.pk, row.unit.pk) in remindable) for row in rows]


@require_safe
@staff_member_required
def chase_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not (actor.is_admin_or_planning or actor.is_reporter):
        raise PermissionDenied
    today = timezone.localdate()
    groups, total, late, periods = home_queries.chase_page(actor, today)
    context = {
        **admin.site.each_context(request),
        "title": _("Nội dung chưa gửi báo cáo"),
        "groups": groups,
        "total": total,
        "late": late,
        "periods": periods,
        "by_period": home_queries.rows_by_period(groups),
        "grid_query": "?unit=mine" if actor.is_planning else "",  # the grid of their unit
        "today": today,
        "may_send": actor.is_admin_or_planning,
        "back": "list",
    }
    return TemplateResponse(request, "admin/home/chase_list.html", context)


def _whole(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


@require_POST
@staff_member_required
def chase_remind(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    unit_id = _whole(request.POST.get("unit"))
    agency_id = _whole(request.POST.get("agency"))
    period = request.POST.get("period", "")[:10]
    if agency_id is None or not reminders.may_chase(actor, unit_id):
        raise PermissionDenied
    try:
        outcome = reminders.send_department_chase(
            actor=actor, period_label=period, unit_id=unit_id, agency_id=agency_id
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        text = _("Đã gửi nhắc việc cho %(names)s.") % {"names": ", ".join(outcome.sent)}
        if outcome.already:
            text += " " + _("%(names)s đã nhận nhắc việc này hôm nay: không gửi lại.") % {
                "names": ", ".join(outcome.already)
            }
        messages.success(request, text)
    return HttpResponseRedirect(_back(request.POST.get("back", "")))


def _back(back: str) -> str:
    """Where a reminder sent by hand returns: the chase list, a period's grid (``completeness-
    <pk>``, ``-mine`` for the user's own unit) or the home."""
    if back == "list":
        return reverse("reports:chase-list")
    parts = back.split("-")
    if len(parts) in (2, 3) and parts[0] == "completeness" and _whole(parts[1]) is not None:
        url = reverse("reports:completeness", args=[_whole(parts[1])])
        return url + ("?unit=mine" if parts[2:] == ["mine"] else "")
    return reverse("admin:index")
