"""Background tasks (Django's tasks framework; the worker is ``manage.py db_worker``)."""

from __future__ import annotations

from django.tasks import task

from reports.models import ExportState
from reports.services import background


class ExportFailed(Exception):
    """The file could not be produced; the job says so, and the log has the cause."""


@task()
def produce_file(job_id: str) -> str:
    """Produce the file of a queued ``ExportJob``, then delete files past their time."""
    job = background.run_job(job_id)
    background.prune_jobs()
    if job is None:
        return "skipped"  # taken by another worker, or no longer queued
    if job.state == ExportState.FAILED:
        raise ExportFailed(f"export {job_id} failed: {job.error}")
    return job.state
