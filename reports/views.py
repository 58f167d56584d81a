"""Staff pages of the reports app: thin views over queries.py."""

from __future__ import annotations

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from agreements import access
from portal.lib.authz import allows
from reports import queries
from reports.models import ReportingPeriod


@staff_member_required
def completeness(request: HttpRequest, pk: int) -> HttpResponse:
    if not allows(request.user, "reports.view_completeness"):
        raise PermissionDenied
    actor = access.actor_for(request.user)
    period = get_object_or_404(ReportingPeriod, pk=pk)
    grid = queries.completeness(period, access.manageable_agreements(actor))
    return render(request, "reports/completeness.html", {"period": period, "grid": grid})
