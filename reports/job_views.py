"""A file produced in the background: its page (state, progress, link) and its download.

A public file (approved reports only) may be followed and fetched by anyone who has the
link (its id is a random UUID). A staff file is refused to anyone who could not ask for
it: the same checks as the staff download views, asked again on every request.
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from portal.lib.audit import security_event
from portal.lib.authz import allows
from reports import background
from reports.models import ExportJob, ExportKind, ExportState

REFRESH_SECONDS = 3


def _allowed_job(request: HttpRequest, pk) -> ExportJob | HttpResponse:
    """The job, if this user may have its file; anonymous users meet the login page."""
    job = get_object_or_404(ExportJob.objects.select_related("agreement", "unit"), pk=pk)
    if not job.staff:
        return job
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if not allows(request.user, "reports.download_staff_files"):
        raise PermissionDenied
    if job.kind == ExportKind.AGREEMENT_REVIEW:
        allowed = allows(request.user, "reports.download_agreement_staff_files", job.agreement)
    else:
        allowed = allows(request.user, "reports.download_unit_staff_files", job.unit)
    if not allowed:
        raise PermissionDenied
    return job


@require_safe
def job_page(request: HttpRequest, pk) -> HttpResponse:
    job = _allowed_job(request, pk)
    if isinstance(job, HttpResponse):
        return job
    if job.requested_by_id in (None, request.user.pk):  # the one who gets the e-mail
        background.mark_polled(job)
    stalled = background.is_stalled(job)
    waiting = job.state in (ExportState.QUEUED, ExportState.RUNNING) and not stalled
    response = render(
        request,
        "reports/exports/job.html",
        {"job": job, "stalled": stalled, "waiting": waiting, "refresh": REFRESH_SECONDS},
    )
    if waiting:
        response["Refresh"] = str(REFRESH_SECONDS)  # the page reloads itself until done
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def job_download(request: HttpRequest, pk) -> HttpResponse:
    job = _allowed_job(request, pk)
    if isinstance(job, HttpResponse):
        return job
    if job.state != ExportState.DONE or not job.file:
        raise Http404
    if job.staff:
        security_event("download", request=request, file=job.filename, job=str(job.pk))
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as missing:  # deleted as too old since the page was shown
        raise Http404 from missing
    return FileResponse(
        handle,
        as_attachment=True,
        filename=job.filename,
        content_type=background.CONTENT_TYPES[job.fmt],
    )
