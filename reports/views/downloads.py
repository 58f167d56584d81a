"""Downloads of the review and consolidated workbooks, and the review meeting page.

The consolidated report of a unit's half year also comes as a Word document
(``….docx``, ``reports.exports.docx_report``): same views, same checks, same rows.

Thin views: parse, check who may have the file, then either let ``reports.exports``
write it into a temporary file and send it (a small file), or hand it to a background
task and send the user to its page (``reports.services.background``). Public files hold
approved reports only; the staff versions (planning staff for the agreements and units
they manage, administrators for all) include reports not yet approved, marked as such.

A file produced in the background has its page (state, progress, link) and its download.

A public file (approved reports only) may be followed and fetched by anyone who has the
link (its id is a random UUID). A staff file is refused to anyone who could not ask for
it: the same checks as the staff download views, asked again on every request.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from typing import IO

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from agreements import access
from agreements.models import Agreement
from portal.lib.audit import security_event
from portal.lib.authz import allows
from regions.models import AdministrativeUnit
from reports.models import ExportJob, ExportKind, ExportState, ReviewMeeting
from reports.queries import staff_files
from reports.queries.meetings import meeting_records
from reports.services import background

YEARS = range(2000, 2101)


def _checked_year(year: int, half: int | None = None) -> None:
    if year not in YEARS or half not in (None, 1, 2):
        raise Http404


def _send(write: Callable[[IO[bytes]], object], *, name: str) -> FileResponse:
    """Write into an anonymous temporary file and stream it; the file goes when sent."""
    handle = tempfile.TemporaryFile()
    write(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type=background.CONTENT_TYPES[name.rsplit(".", 1)[-1]],
    )


def _staff(request: HttpRequest) -> access.Actor | HttpResponse:
    """Planning staff or an administrator; anonymous users are sent to the login page."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if not allows(request.user, "reports.download_staff_files"):
        raise PermissionDenied
    return access.actor_for(request.user)


# --- review workbook of one agreement ------------------------------------------------------------


def _deliver(request: HttpRequest, export: background.ExportRequest) -> HttpResponse:
    """A small file is written and sent at once; a large one is produced in the background
    (or the same file, already produced from the same data, is reused): its page follows."""
    scope = export.scope()
    rows = background.estimated_rows(export, scope)
    if not background.runs_in_background(rows):
        return _send(lambda out: export.write(scope, out), name=export.filename)
    job = background.enqueue_or_reuse(
        export,
        stamp=background.data_stamp(scope),
        rows=rows,
        user=request.user,
        source_path=request.get_full_path(),
        absolute=request.build_absolute_uri,
    )
    return redirect(job)


def _agreement_review(
    request: HttpRequest, agreement: Agreement, year: int, fmt: str, *, staff: bool
) -> HttpResponse:
    kind = ExportKind.AGREEMENT_REVIEW
    return _deliver(
        request, background.ExportRequest(kind, fmt, year, agreement=agreement, staff=staff)
    )


def agreement_review(request: HttpRequest, slug: str, year: int, fmt: str) -> HttpResponse:
    _checked_year(year)
    agreement = get_object_or_404(Agreement, slug=slug)
    return _agreement_review(request, agreement, year, fmt, staff=False)


def staff_agreement_review(request: HttpRequest, slug: str, year: int, fmt: str) -> HttpResponse:
    actor = _staff(request)
    if isinstance(actor, HttpResponse):
        return actor
    _checked_year(year)
    agreement = get_object_or_404(Agreement, slug=slug)
    if not allows(request.user, "reports.download_agreement_staff_files", agreement):
        raise PermissionDenied
    security_event("download", request=request, file=f"review-{year}.{fmt}", agreement=slug)
    return _agreement_review(request, agreement, year, fmt, staff=True)


# --- a unit's workbooks ---------------------------------------------------------------------------


def _unit_file(
    request: HttpRequest,
    unit: AdministrativeUnit,
    year: int,
    half: int | None,
    fmt: str,
    *,
    staff: bool,
) -> HttpResponse:
    kind = ExportKind.UNIT_CONSOLIDATED if half else ExportKind.UNIT_REVIEW
    export = background.ExportRequest(kind, fmt, year, half, unit=unit, staff=staff)
    return _deliver(request, export)


def unit_review(request: HttpRequest, key: str, year: int, fmt: str) -> HttpResponse:
    _checked_year(year)
    unit = get_object_or_404(AdministrativeUnit, key=key)
    return _unit_file(request, unit, year, None, fmt, staff=False)


def unit_consolidated(request: HttpRequest, key: str, year: int, half: int, fmt: str):
    _checked_year(year, half)
    unit = get_object_or_404(AdministrativeUnit, key=key)
    return _unit_file(request, unit, year, half, fmt, staff=False)


def _staff_unit(request: HttpRequest, key: str) -> AdministrativeUnit | HttpResponse:
    actor = _staff(request)
    if isinstance(actor, HttpResponse):
        return actor
    unit = get_object_or_404(AdministrativeUnit, key=key)
    if not allows(request.user, "reports.download_unit_staff_files", unit):
        raise PermissionDenied
    return unit


def staff_unit_review(request: HttpRequest, key: str, year: int, fmt: str) -> HttpResponse:
    unit = _staff_unit(request, key)
    if isinstance(unit, HttpResponse):
        return unit
    _checked_year(year)
    security_event("download", request=request, file=f"review-{year}.{fmt}", target_unit=key)
    return _unit_file(request, unit, year, None, fmt, staff=True)


def staff_unit_consolidated(request: HttpRequest, key: str, year: int, half: int, fmt: str):
    unit = _staff_unit(request, key)
    if isinstance(unit, HttpResponse):
        return unit
    _checked_year(year, half)
    file = f"consolidated-{year}-h{half}.{fmt}"
    security_event("download", request=request, file=file, target_unit=key)
    return _unit_file(request, unit, year, half, fmt, staff=True)


# --- pages ---------------------------------------------------------------------------------------


def staff_downloads(request: HttpRequest) -> HttpResponse:
    """The staff versions of every file the user may have, for this year and the last."""
    actor = _staff(request)
    if isinstance(actor, HttpResponse):
        return actor
    today = timezone.localdate()
    years = staff_files.years_with_data(actor, today)
    asked = request.GET.get("year", "")
    year = int(asked) if asked.isdigit() and int(asked) in years else today.year
    agreements = access.manageable_agreements(actor).order_by("-term_start", "title")
    units = (
        AdministrativeUnit.objects.filter(pk__in=actor.unit_ids)
        if not actor.is_admin
        else (AdministrativeUnit.objects.current())
    )
    context = {
        **admin.site.each_context(request),
        "title": _("Bảng tính nội bộ"),
        "years": years,
        "year": year,
        "agreements": list(agreements.only("slug", "title", "term_start", "term_end")),
        "unit_rows": staff_files.unit_rows(list(units)),
    }
    return TemplateResponse(request, "reports/exports/staff_downloads.html", context)


def meeting_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = get_object_or_404(
        ReviewMeeting.objects.select_related("agreement", "host_unit"), pk=pk, agreement__slug=slug
    )
    (record,) = meeting_records([meeting])
    context = {
        "record": record,
        "meeting": meeting,
        "agreement": meeting.agreement,
        "year": meeting.held_on.year,
        "timeline": list(
            meeting.agreement.review_meetings.select_related("host_unit").order_by("held_on")
        ),
    }
    return render(request, "reports/meeting_detail.html", context)


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
