"""Large files off the request (issue 11): queued, produced by the database worker,
followed on their page, reused while their data stand, refused to whoever could not
ask for them, and never left half written."""

from __future__ import annotations

import datetime as dt
import io
import logging
import signal

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from reports.exports import progress
from reports.models import ExportJob, ExportState, ReportStatus
from reports.services import background

pytestmark = pytest.mark.django_db

XLSX_MAGIC = b"PK"


@pytest.fixture
def big(world, settings, tmp_path):
    """Every file goes to the background; produced files land in a fresh MEDIA_ROOT."""
    settings.EXPORTS_INLINE_MAX_ROWS = 0
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    world.our_report.status = ReportStatus.APPROVED
    world.our_report.submitted_at = world.our_report.reviewed_at = timezone.now()
    world.our_report.achievements = "Đã thông xe 5 km"
    world.our_report.save()
    return world


@pytest.fixture
def worker(monkeypatch):
    """``manage.py db_worker --batch``: runs every queued task in this process, then stops.

    The worker closes stale connections between tasks; here that would close the test's
    own transaction, so that one call is a no-op. Its signal handlers and log levels are
    put back afterwards."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    loggers = [logging.getLogger(name) for name in ("django.tasks", "django_tasks_db")]
    levels = [(lg, lg.level, list(lg.handlers)) for lg in loggers]

    def run() -> str:
        out = io.StringIO()
        call_command(
            "db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0, stdout=out
        )
        return out.getvalue()

    yield run
    for sig, handler in handlers.items():
        signal.signal(sig, handler)
    for lg, level, lg_handlers in levels:
        lg.setLevel(level)
        lg.handlers[:] = lg_handlers


def public_url(world, fmt="xlsx"):
    return reverse(f"reports:agreement-review-{fmt}", args=[world.ours.slug, 2024])


def staff_url(world, fmt="xlsx"):
    return reverse(f"reports:staff-agreement-review-{fmt}", args=[world.ours.slug, 2024])


def stored_files() -> list[str]:
    if not default_storage.exists("exports"):
        return []
    folders, _files = default_storage.listdir("exports")
    return [name for folder in folders for name in default_storage.listdir(f"exports/{folder}")[1]]


# --- enqueue, worker, download ---------------------------------------------------------------


def test_a_large_file_is_queued_and_the_user_is_sent_to_its_page(client, big):
    response = client.get(public_url(big))
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    assert (job.state, job.staff, job.year, job.agreement) == ("queued", False, 2024, big.ours)
    task = DBTaskResult.objects.get()
    assert task.task_path == "reports.tasks.produce_file"
    assert task.args_kwargs == {"args": [str(job.pk)], "kwargs": {}}
    page = client.get(job.get_absolute_url())
    assert page.status_code == 200
    assert page["Refresh"] == "3"  # reloads itself while waiting
    assert "đang chờ" in page.content.decode()
    assert client.get(reverse("reports:job-download", args=[job.pk])).status_code == 404


def test_the_database_worker_produces_the_file_and_the_page_links_it(client, big, worker):
    client.get(public_url(big))
    job = ExportJob.objects.get()
    worker()
    job.refresh_from_db()
    assert job.state == ExportState.DONE
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert job.file.name.startswith("exports/") and str(job.pk) not in job.file.name
    page = client.get(job.get_absolute_url())
    assert "Refresh" not in page
    download = reverse("reports:job-download", args=[job.pk])
    assert download in page.content.decode()
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'filename="{job.filename}"')
    body = b"".join(response.streaming_content)
    assert body.startswith(XLSX_MAGIC)
    workbook = load_workbook(io.BytesIO(body), read_only=True)
    texts = [c for ws in workbook for row in ws.iter_rows(values_only=True) for c in row if c]
    assert "Đã thông xe 5 km" in texts


def test_a_csv_is_produced_in_the_background_too(client, big, worker):
    client.get(reverse("reports:unit-review-csv", args=["hau-giang-truoc-2025", 2024]))
    worker()
    job = ExportJob.objects.get()
    assert (job.state, job.fmt, job.unit.key) == ("done", "csv", "hau-giang-truoc-2025")
    body = b"".join(client.get(reverse("reports:job-download", args=[job.pk])).streaming_content)
    assert "Đã thông xe 5 km" in body.decode("utf-8-sig")


def test_a_small_file_is_still_sent_at_once(client, big, settings):
    settings.EXPORTS_INLINE_MAX_ROWS = 1000
    response = client.get(public_url(big))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(XLSX_MAGIC)
    assert not ExportJob.objects.exists()


# --- progress --------------------------------------------------------------------------------


def test_progress_is_written_as_rows_are_and_shown_as_a_percentage(client, big, monkeypatch):
    client.get(public_url(big))
    job = ExportJob.objects.get()
    ExportJob.objects.filter(pk=job.pk).update(rows_total=4)
    seen = []

    seen_page = []

    def write(export, scope, out):
        for _ in range(3):
            progress.tick()
            seen.append(ExportJob.objects.get(pk=job.pk).rows_done)
        seen_page.append(client.get(job.get_absolute_url()).content.decode())
        out.write(b"PK fake")

    monkeypatch.setattr(background, "PROGRESS_EVERY", 0)
    monkeypatch.setattr(background.ExportRequest, "write", write)
    background.run_job(str(job.pk))
    assert seen == [1, 2, 3]
    assert 'value="75"' in seen_page[0] and "75%" in seen_page[0]
    job.refresh_from_db()
    assert (job.state, job.percent) == ("done", 100)


def test_progress_is_written_at_most_once_a_second(big, monkeypatch):
    job = background.enqueue_or_reuse(
        background.ExportRequest("agreement-review", "xlsx", 2024, agreement=big.ours),
        stamp="s",
        rows=1000,
    )
    written = []

    def write(export, scope, out):
        for _ in range(500):
            progress.tick()
        written.append(ExportJob.objects.get(pk=job.pk).rows_done)
        out.write(b"PK")

    monkeypatch.setattr(background.ExportRequest, "write", write)
    background.run_job(str(job.pk))
    assert written == [1]  # the first row, then nothing for a second
    job.refresh_from_db()
    assert (job.state, job.rows_done) == ("done", 1000)


# --- failure ---------------------------------------------------------------------------------


def test_a_failed_build_says_so_keeps_nothing_and_is_logged(
    client, big, worker, monkeypatch, caplog
):
    def broken(export, scope, out):
        out.write(b"PK half a workbook")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(background.ExportRequest, "write", broken)
    client.get(public_url(big))
    with caplog.at_level(logging.ERROR, logger="reports.services.background"):
        worker()
    job = ExportJob.objects.get()
    assert job.state == ExportState.FAILED
    assert job.file.name == ""
    assert "disk on fire" in job.error
    assert stored_files() == []
    assert any("failed" in r.getMessage() and r.exc_info for r in caplog.records)
    assert DBTaskResult.objects.get().status == "FAILED"
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Không tạo được tệp" in page and "disk on fire" not in page
    assert reverse("reports:job-download", args=[job.pk]) not in page
    assert public_url(big) in page  # try again
    assert client.get(reverse("reports:job-download", args=[job.pk])).status_code == 404
    # asking again makes a new job: a failed one is never reused
    client.get(public_url(big))
    assert ExportJob.objects.count() == 2


def test_a_save_cut_short_leaves_nothing_in_the_storage(big, monkeypatch):
    job = background.enqueue_or_reuse(
        background.ExportRequest("agreement-review", "csv", 2024, agreement=big.ours),
        stamp="s",
        rows=10,
    )
    real_save = FileSystemStorage.save

    def disk_full(storage, name, content, max_length=None):
        real_save(storage, name, ContentFile(content.read(10)))  # the first bytes only
        assert len(stored_files()) == 1
        raise OSError("No space left on device")

    monkeypatch.setattr(FileSystemStorage, "save", disk_full)
    background.run_job(str(job.pk))
    job.refresh_from_db()
    assert (job.state, job.file.name) == ("failed", "")
    assert stored_files() == []


# --- reuse -----------------------------------------------------------------------------------


def test_the_same_file_is_built_once_until_a_report_in_its_scope_changes(client, big, worker):
    first = client.get(public_url(big))["Location"]
    assert client.get(public_url(big))["Location"] == first  # still queued: the same job
    worker()
    assert client.get(public_url(big))["Location"] == first  # done: reused
    assert (ExportJob.objects.count(), DBTaskResult.objects.count()) == (1, 1)
    # a report of another agreement changes nothing here
    big.their_report.achievements = "Khác"
    big.their_report.save()
    assert client.get(public_url(big))["Location"] == first
    # a report in scope is edited: a new file
    big.our_report.achievements = "Đã thông xe 7 km"
    big.our_report.save()
    second = client.get(public_url(big))["Location"]
    assert second != first
    worker()
    assert ExportJob.objects.filter(state="done").count() == 2
    # the staff version is another file
    client.force_login(big.planner)
    assert client.get(staff_url(big))["Location"] not in (first, second)
    assert (ExportJob.objects.count(), DBTaskResult.objects.count()) == (3, 3)


def test_a_report_approved_in_scope_makes_a_new_public_file(client, big, worker):
    big.their_report.status = ReportStatus.SUBMITTED
    big.their_report.submitted_at = timezone.now()
    big.their_report.save()
    url = reverse("reports:agreement-review-xlsx", args=[big.theirs.slug, 2024])
    first = client.get(url)["Location"]
    worker()
    big.their_report.status = ReportStatus.APPROVED
    big.their_report.reviewed_at = timezone.now()
    big.their_report.version += 1
    big.their_report.save()
    assert client.get(url)["Location"] != first


def test_each_language_has_its_own_file(big):
    export = background.ExportRequest("agreement-review", "xlsx", 2024, agreement=big.ours)
    with translation.override("vi"):
        vietnamese = background.enqueue_or_reuse(export, stamp="s", rows=9)
        assert background.enqueue_or_reuse(export, stamp="s", rows=9) == vietnamese
    with translation.override("en"):
        english = background.enqueue_or_reuse(export, stamp="s", rows=9)
    assert (vietnamese.language, english.language) == ("vi", "en")


def test_a_stalled_job_is_not_reused(client, big):
    first = client.get(public_url(big))["Location"]
    long_ago = timezone.now() - background.STALLED_AFTER - dt.timedelta(minutes=1)
    ExportJob.objects.update(created_at=long_ago)
    page = client.get(first).content.decode()
    assert "bị gián đoạn" in page
    assert client.get(public_url(big))["Location"] != first


# --- e-mail if they left ---------------------------------------------------------------------


def test_the_link_is_mailed_to_a_requester_who_left_the_page(client, big, worker):
    client.force_login(big.planner)
    client.get(staff_url(big))
    job = ExportJob.objects.get()
    ExportJob.objects.update(last_polled_at=timezone.now() - dt.timedelta(minutes=2))
    worker()
    (message,) = mail.outbox
    assert message.to == [big.planner.email]
    assert job.filename in message.subject
    assert f"http://testserver{job.get_absolute_url()}" in message.body
    job.refresh_from_db()
    assert job.emailed_at is not None


def test_no_mail_while_the_requester_watches_the_page(client, big, worker):
    client.force_login(big.planner)
    page = client.get(staff_url(big))["Location"]
    client.get(page)  # polled just now
    worker()
    assert mail.outbox == []
    assert ExportJob.objects.get().state == "done"


def test_someone_else_watching_does_not_stop_the_mail(client, big, worker):
    client.force_login(big.planner)
    page = client.get(staff_url(big))["Location"]
    ExportJob.objects.update(last_polled_at=timezone.now() - dt.timedelta(minutes=2))
    client.force_login(big.admin)
    assert client.get(page).status_code == 200
    worker()
    assert [m.to for m in mail.outbox] == [[big.planner.email]]


def test_the_job_pages_answer_no_post(client, big):
    page = client.get(public_url(big))["Location"]
    job = ExportJob.objects.get()
    assert client.post(page).status_code == 405
    assert client.post(reverse("reports:job-download", args=[job.pk])).status_code == 405


def test_an_anonymous_requester_gets_no_mail(client, big, worker):
    client.get(public_url(big))
    worker()
    assert mail.outbox == []


def test_a_failure_is_mailed_too(client, big, worker, monkeypatch):
    monkeypatch.setattr(background.ExportRequest, "write", lambda *a: 1 / 0)
    client.force_login(big.planner)
    client.get(staff_url(big))
    worker()
    (message,) = mail.outbox
    assert "Không tạo được" in message.subject


# --- who may follow and fetch a staff file ---------------------------------------------------


@pytest.fixture
def staff_job(client, big, worker):
    client.force_login(big.planner)
    client.get(staff_url(big))
    worker()
    client.logout()
    job = ExportJob.objects.get()
    assert job.staff and job.state == "done"
    return job


@pytest.mark.parametrize("who", ["outsider", "viewer", "reporter"])
def test_a_staff_file_is_refused_to_who_could_not_ask_for_it(client, big, staff_job, who):
    client.force_login(getattr(big, who))
    assert client.get(staff_job.get_absolute_url()).status_code == 403
    assert client.get(reverse("reports:job-download", args=[staff_job.pk])).status_code == 403


def test_a_staff_file_sends_anonymous_users_to_the_login_page(client, staff_job):
    for url in (staff_job.get_absolute_url(), reverse("reports:job-download", args=[staff_job.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_a_staff_file_is_served_to_who_may_have_it(client, big, staff_job):
    for user in (big.planner, big.admin):
        client.force_login(user)
        response = client.get(reverse("reports:job-download", args=[staff_job.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(XLSX_MAGIC)


def test_a_public_file_is_for_anyone_with_its_link(client, big, worker):
    page = client.get(public_url(big))["Location"]
    worker()
    client.force_login(big.outsider)
    assert client.get(page).status_code == 200
    client.logout()
    job = ExportJob.objects.get()
    assert client.get(reverse("reports:job-download", args=[job.pk])).status_code == 200


def test_an_unknown_job_is_not_found(client, big):
    url = reverse("reports:job", args=["6f1c1e0c-0000-4000-8000-000000000000"])
    assert client.get(url).status_code == 404


# --- old files -------------------------------------------------------------------------------


def test_old_files_are_deleted_with_their_jobs(client, big, worker, settings):
    client.get(public_url(big))
    worker()
    assert len(stored_files()) == 1
    ExportJob.objects.update(
        created_at=timezone.now() - dt.timedelta(days=settings.EXPORTS_KEEP_DAYS + 1)
    )
    out = io.StringIO()
    call_command("prune_export_files", "--dry-run", stdout=out)
    assert "would delete 1" in out.getvalue() and len(stored_files()) == 1
    call_command("prune_export_files", stdout=out)
    assert stored_files() == [] and not ExportJob.objects.exists()
