"""Long files off the request: a workbook, a consolidated report or a CSV of many rows is
produced by a background task (``reports.tasks.produce_file``) and fetched from its page.

Rules kept here, the views only call them:
- ``runs_in_background``: a file estimated at more rows than ``EXPORTS_INLINE_MAX_ROWS``
  is produced in the background; a smaller one is sent at once, as before.
- ``enqueue_or_reuse``: the same file (same subject, year, half, format, staff or public,
  language) whose data have not changed since (same ``data_stamp``, same day) is not
  produced twice: the finished job, or the one still under way, is handed back.
- ``run_job``: the file is written into a temporary file and saved to the default
  storage only once complete; a failure marks the job failed, keeps nothing half written
  and is logged. Progress is written at most once a second.
- ``notify_if_left``: whoever asked and stopped watching the page gets the link by e-mail.
- ``prune_jobs``: jobs (and their files) older than ``EXPORTS_KEEP_DAYS`` days go.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agreements.models import Agreement, Commitment
from portal.lib.text import slugify_vi
from regions.models import AdministrativeUnit
from reports import exports
from reports.exports import progress
from reports.exports.rows import Scope
from reports.models import (
    ExportJob,
    ExportKind,
    ExportState,
    IndicatorValue,
    ProgressReport,
    ReportStatus,
    ReviewConclusion,
    ReviewMeeting,
    UnitCalendar,
)

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 1.0  # seconds between two progress writes
LEFT_AFTER = dt.timedelta(seconds=30)  # a page not polled for this long was left
STALLED_AFTER = dt.timedelta(minutes=15)  # no progress for this long: the worker died
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True)
class ExportRequest:
    """Which file: enough to build it now or, from a job's fields, in a worker."""

    kind: str
    fmt: str
    year: int
    half: int | None = None
    agreement: Agreement | None = None
    unit: AdministrativeUnit | None = None
    staff: bool = False

    @classmethod
    def of_job(cls, job: ExportJob) -> ExportRequest:
        return cls(job.kind, job.fmt, job.year, job.half, job.agreement, job.unit, job.staff)

    def scope(self) -> Scope:
        if self.kind == ExportKind.AGREEMENT_REVIEW:
            return exports.scope_for_agreement(
                agreement=self.agreement, year=self.year, include_unapproved=self.staff
            )
        return exports.scope_for_unit(
            unit=self.unit, year=self.year, half=self.half, include_unapproved=self.staff
        )

    @property
    def filename(self) -> str:
        if self.kind == ExportKind.AGREEMENT_REVIEW:
            name = f"review-{self.agreement.slug}-{self.year}"
        elif self.kind == ExportKind.UNIT_CONSOLIDATED:
            name = f"consolidated-{self.unit.key}-{self.year}-h{self.half}"
        else:
            name = f"review-{self.unit.key}-{self.year}"
        return f"{slugify_vi(name + ('-noi-bo' if self.staff else ''))}.{self.fmt}"

    def write(self, scope: Scope, out: IO[bytes]) -> None:
        if self.fmt == "csv":
            exports.write_reports_csv(scope=scope, out=out)
        elif self.fmt == "docx":  # the consolidated report as the Word document to sign
            exports.build_six_monthly_docx(scope=scope, out=out)
        elif self.kind == ExportKind.UNIT_CONSOLIDATED:
            exports.build_consolidated_workbook(scope=scope, out=out)
        else:
            exports.build_review_workbook(scope=scope, out=out)


# --- how big, and what it shows -------------------------------------------------------------


def estimated_rows(export: ExportRequest, scope: Scope) -> int:
    """Table rows the file will have, roughly: one query (commitments and their reports)."""
    shown = Q(reports__period__in=scope.periods)
    if not scope.include_unapproved:
        shown &= Q(reports__status=ReportStatus.APPROVED)
    counts = Commitment.objects.filter(agreement_id__in=scope.agreement_ids).aggregate(
        commitments=Count("pk", distinct=True), reports=Count("reports", filter=shown)
    )
    if export.fmt == "csv":
        return counts["reports"]
    return counts["commitments"] + counts["reports"]


def runs_in_background(rows: int) -> bool:
    return rows > settings.EXPORTS_INLINE_MAX_ROWS


def data_stamp(scope: Scope) -> str:
    """A fingerprint of everything the file shows that can change: the scope's reports and
    indicator values, its agreements and commitments, periods, unit calendars, meetings
    and conclusions, and the day (lateness is counted up to today). One aggregate query a
    table; a change to any of them (a report approved, edited, corrected) changes it."""
    ids, periods = scope.agreement_ids, [p.pk for p in scope.periods]

    def summary(queryset, *, latest: str = "pk", version: bool = True) -> tuple:
        fields = {"n": Count("pk"), "latest": Max(latest)}
        if version:
            fields["versions"] = Sum("version")
        return tuple(queryset.aggregate(**fields).values())

    reports = ProgressReport.objects.filter(commitment__agreement_id__in=ids, period_id__in=periods)
    parts = [
        scope.today,
        [(a.pk, a.updated_at) for a in scope.agreements],
        [(p.pk, p.version, p.data_from, p.data_to, p.department_due) for p in scope.periods],
        summary(reports, latest="updated_at"),
        summary(IndicatorValue.objects.filter(report__in=reports)),
        summary(
            Commitment.objects.filter(agreement_id__in=ids), latest="updated_at", version=False
        ),
        summary(UnitCalendar.objects.filter(period_id__in=periods)),
        summary(ReviewMeeting.objects.filter(agreement_id__in=ids)),
        summary(ReviewConclusion.objects.filter(meeting__agreement_id__in=ids)),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


# --- asking for a file ----------------------------------------------------------------------


def is_stalled(job: ExportJob, now: dt.datetime | None = None) -> bool:
    """Queued or running with no sign of life for ``STALLED_AFTER``: no worker is on it."""
    if job.state not in (ExportState.QUEUED, ExportState.RUNNING):
        return False
    last = job.heartbeat_at or job.created_at
    return (now or timezone.now()) - last > STALLED_AFTER


def enqueue_or_reuse(
    export: ExportRequest,
    *,
    stamp: str,
    rows: int,
    user=None,
    source_path: str = "",
    absolute: Callable[[str], str] = str,
) -> ExportJob:
    """The finished (or still running) job of the same file and data, else a new one,
    queued. ``absolute`` makes the job page's address absolute, for the e-mail."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    same_file = {
        "kind": export.kind,
        "fmt": export.fmt,
        "year": export.year,
        "half": export.half,
        "agreement": export.agreement,
        "unit": export.unit,
        "staff": export.staff,
        "language": language,
        "stamp": stamp,
    }
    same = ExportJob.objects.filter(
        **same_file, state__in=[ExportState.DONE, ExportState.QUEUED, ExportState.RUNNING]
    ).order_by("-created_at")
    for job in same[:3]:
        if not is_stalled(job):
            return job
    job = ExportJob.objects.create(
        **same_file,
        rows_total=rows,
        filename=export.filename,
        requested_by=user if user is not None and user.is_authenticated else None,
        source_path=source_path[:300],
    )
    job.page_url = absolute(job.get_absolute_url())
    job.save(update_fields=["page_url"])
    from reports.tasks import produce_file  # the task module imports this one

    # In the request's transaction: the job and its task row are committed together.
    produce_file.enqueue(str(job.pk))
    return job


def mark_polled(job: ExportJob) -> None:
    job.last_polled_at = timezone.now()
    ExportJob.objects.filter(pk=job.pk).update(last_polled_at=job.last_polled_at)


# --- producing it (in the worker) -----------------------------------------------------------


def _claim(job_id: str) -> ExportJob | None:
    """Mark a queued job running; None when another worker took it or it is gone."""
    now = timezone.now()
    claimed = ExportJob.objects.filter(pk=job_id, state=ExportState.QUEUED).update(
        state=ExportState.RUNNING, started_at=now, heartbeat_at=now
    )
    if not claimed:
        return None
    return ExportJob.objects.select_related("agreement", "unit", "requested_by").get(pk=job_id)


def _progress_writer(job: ExportJob) -> Callable[[int], None]:
    last = [float("-inf")]  # the first row is always written

    def record(rows: int) -> None:
        now = time.monotonic()
        if now - last[0] < PROGRESS_EVERY:
            return
        last[0] = now
        ExportJob.objects.filter(pk=job.pk).update(rows_done=rows, heartbeat_at=timezone.now())

    return record


def run_job(job_id: str) -> ExportJob | None:
    """Produce a queued job's file; returns the job, done or failed (None: not queued)."""
    job = _claim(job_id)
    if job is None:
        return None
    export = ExportRequest.of_job(job)
    # A random folder, not the job's id: the stored path cannot be guessed from the page's
    # address (MEDIA_ROOT must not be served to the public anyway).
    path = f"exports/{secrets.token_urlsafe(18)}/{job.filename}"
    saved = ""
    try:
        with translation.override(job.language), tempfile.TemporaryFile() as handle:
            with progress.tracking(_progress_writer(job)):
                export.write(export.scope(), handle)
            handle.seek(0)
            saved = default_storage.save(path, File(handle))
    except Exception as error:
        logger.exception("Export %s (%s) failed", job.pk, job.filename)
        for name in {path, saved} - {""}:  # a save cut short may have left part of it
            if default_storage.exists(name):
                default_storage.delete(name)
        job.state = ExportState.FAILED
        job.error = f"{type(error).__name__}: {error}"[:2000]
    else:
        job.state = ExportState.DONE
        job.file.name = saved
        job.rows_done = max(job.rows_done, job.rows_total)
    job.finished_at = job.heartbeat_at = timezone.now()
    job.save(update_fields=["state", "error", "file", "rows_done", "finished_at", "heartbeat_at"])
    notify_if_left(job)
    return job


def notify_if_left(job: ExportJob, now: dt.datetime | None = None) -> bool:
    """E-mail the link to whoever asked, when they have not looked at the page lately."""
    user = job.requested_by
    if user is None or not user.email or job.emailed_at is not None:
        return False
    now = now or timezone.now()
    polled = ExportJob.objects.filter(pk=job.pk).values_list("last_polled_at", flat=True).get()
    if polled is not None and now - polled < LEFT_AFTER:
        return False
    with translation.override(job.language):
        if job.state == ExportState.DONE:
            subject = _("Tệp %(name)s đã sẵn sàng") % {"name": job.filename}
            body = _("Tệp bạn yêu cầu đã tạo xong. Tải về tại:\n%(url)s") % {"url": job.page_url}
        else:
            subject = _("Không tạo được tệp %(name)s") % {"name": job.filename}
            body = _("Tệp bạn yêu cầu không tạo được. Xem chi tiết và thử lại tại:\n%(url)s") % {
                "url": job.page_url
            }
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    job.emailed_at = now
    ExportJob.objects.filter(pk=job.pk).update(emailed_at=now)
    return True


# --- old files ------------------------------------------------------------------------------


def prune_jobs(*, days: int | None = None, dry_run: bool = False) -> int:
    """Delete jobs asked for more than ``days`` days ago (``EXPORTS_KEEP_DAYS``), files
    included; returns how many. Run by the task after each file and by
    ``manage.py prune_export_files``."""
    days = settings.EXPORTS_KEEP_DAYS if days is None else days
    old = ExportJob.objects.filter(created_at__lt=timezone.now() - dt.timedelta(days=days))
    jobs = list(old.only("pk", "file"))
    if dry_run:
        return len(jobs)
    for job in jobs:
        if job.file:
            default_storage.delete(job.file.name)
    ExportJob.objects.filter(pk__in=[job.pk for job in jobs]).delete()
    return len(jobs)
