"""backup_data and restore_data: every row of every table, history included, comes back.

The data must be committed for pg_dump (another process) to see it, hence
``transaction=True``. On SQLite the round trip runs in this process (online backup API)
and into a fresh database file through the command; on PostgreSQL the test database is
dumped and restored into a scratch database beside it, dropped at the end.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from portal.lib.backup import BackupError, restore, table_checksums

pytestmark = pytest.mark.django_db(transaction=True)


def history_tables() -> set[str]:
    """simple-history's tables: Historical* models and the history of their m2m fields."""
    return {
        model._meta.db_table
        for model in apps.get_models()
        if any(field.name == "history_id" for field in model._meta.fields)
        or model.__name__.startswith("Historical")
    }


def fingerprints() -> dict[str, tuple[int, str]]:
    with connection.cursor() as cursor:
        return table_checksums(cursor, connection.introspection.table_names(cursor))


@pytest.fixture
def portal_data():
    """The demo data, its logins, and one row of each history that the demo leaves empty."""
    from agreements.models import Agreement, AgreementDocument
    from regions.models import AdministrativeUnit
    from reports.models import (
        CorrectedValue,
        IndicatorValue,
        ProgressReport,
        ReportCorrection,
        ReviewConclusion,
        ReviewMeeting,
        UnitCalendar,
    )

    call_command("load_units", verbosity=0)
    call_command("load_demo", verbosity=0)
    call_command("demo_users", allow_without_debug=True, verbosity=0)
    agreement = Agreement.objects.order_by("pk").first()
    AgreementDocument.objects.create(
        agreement=agreement, kind="agreement", title="Văn bản thỏa thuận", number="12/TTHT"
    )
    meeting = ReviewMeeting.objects.first()
    conclusion = ReviewConclusion.objects.create(
        meeting=meeting, number=99, text="Kết luận: đẩy nhanh tiến độ Đường tỉnh 931B"
    )
    conclusion.commitments.add(agreement.commitments.first())
    report = ProgressReport.objects.order_by("pk").first()
    report.achievements = "Đã sửa: thi công 3 km"
    report.save()  # a "changed" history entry beside the "created" ones
    value = IndicatorValue.objects.filter(report__status="approved").first()
    correction = ReportCorrection.objects.create(
        report=value.report, reason="Sai số liệu", stage=value.report.stage
    )  # a correction under way, with a corrected value
    CorrectedValue.objects.create(correction=correction, indicator=value.indicator, value=1)
    UnitCalendar.objects.create(  # a unit's own deadline for a period
        period=report.period,
        unit=AdministrativeUnit.objects.get(key="can-tho"),
        department_due=report.period.department_due + dt.timedelta(days=5),
    )
    empty = [
        table
        for table, (rows, _digest) in fingerprints().items()
        if table in history_tables() and rows == 0
    ]
    assert not empty, f"give these history tables a row in the fixture: {empty}"


def wipe_reports_and_history() -> None:
    with connection.cursor() as cursor:
        for table in sorted(history_tables()):
            cursor.execute(f'DELETE FROM "{table}"')  # noqa: S608
        cursor.execute("UPDATE reports_progressreport SET achievements = 'đã bị ghi đè'")


# --- SQLite ---------------------------------------------------------------------------

sqlite_only = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="the SQLite round trip (online backup API)",
)


@sqlite_only
def test_every_row_and_every_history_entry_comes_back_on_sqlite(portal_data, tmp_path):
    before = fingerprints()
    backup_file = tmp_path / "portal.sqlite3"
    call_command("backup_data", str(backup_file), verbosity=0)

    wipe_reports_and_history()
    assert fingerprints() != before
    call_command("restore_data", str(backup_file), force=True, verbosity=0)

    after = fingerprints()
    assert after == before
    assert history_tables() <= set(after)


@sqlite_only
def test_a_backup_restores_into_a_fresh_sqlite_database_through_the_command(portal_data, tmp_path):
    before = fingerprints()
    backup_file = tmp_path / "portal.sqlite3"
    call_command("backup_data", str(backup_file), verbosity=0)
    fresh = tmp_path / "fresh.sqlite3"

    env = dict(os.environ, DATABASE_URL=f"sqlite:///{fresh}")
    result = subprocess.run(
        [sys.executable, "manage.py", "restore_data", str(backup_file), "--no-input"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert f"Restored {len(before)} tables" in result.stdout
    assert "reports_historicalprogressreport" in result.stdout
    # Read both files alike (plain sqlite3, no Django type converters).
    with sqlite3.connect(backup_file) as saved, sqlite3.connect(fresh) as restored:
        expected = table_checksums(saved.cursor(), before)
        assert table_checksums(restored.cursor(), before) == expected
    assert {table: rows for table, (rows, _) in expected.items()} == {
        table: rows for table, (rows, _) in before.items()
    }


@sqlite_only
def test_listing_a_backup_shows_its_tables_and_rows_and_restores_nothing(
    portal_data, tmp_path, capsys
):
    before = fingerprints()
    backup_file = tmp_path / "portal.sqlite3"
    call_command("backup_data", str(backup_file), verbosity=0)
    wipe_reports_and_history()
    after_wipe = fingerprints()

    call_command("restore_data", str(backup_file), listing=True)

    lines = [line.split() for line in capsys.readouterr().out.splitlines()]
    shown = {line[0]: int(line[1]) for line in lines if len(line) == 2}
    history = "reports_historicalprogressreport"
    assert shown[history] == before[history][0] > 0
    assert fingerprints() == after_wipe


# --- both databases -----------------------------------------------------------------------


def test_restore_refuses_to_replace_a_database_that_has_data_without_force(tmp_path):
    call_command("load_units", verbosity=0)
    backup_file = tmp_path / "portal.backup"
    call_command("backup_data", str(backup_file), verbosity=0)
    call_command("setup_roles", verbosity=0)
    before = fingerprints()

    with pytest.raises(CommandError, match="--force"):
        call_command("restore_data", str(backup_file), interactive=False)

    assert fingerprints() == before


def test_backup_refuses_to_overwrite_an_existing_file(tmp_path):
    existing = tmp_path / "yesterday.backup"
    existing.write_bytes(b"yesterday's backup")
    with pytest.raises(CommandError, match="exists"):
        call_command("backup_data", str(existing))
    assert existing.read_bytes() == b"yesterday's backup"


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("không phải bản sao lưu")
    with pytest.raises(CommandError, match="neither"):
        call_command("restore_data", str(other), force=True)


# --- PostgreSQL ---------------------------------------------------------------------------

postgres_only = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="the PostgreSQL round trip (pg_dump, pg_restore)",
)


def pg_fingerprints(database: str, tables) -> dict[str, tuple[int, str]]:
    """Read through a plain psycopg2 session, the same for both databases compared."""
    import psycopg2

    params = connection.settings_dict
    with psycopg2.connect(
        dbname=database,
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
        host=params["HOST"] or None,
        port=params["PORT"] or None,
    ) as raw:
        cursor = raw.cursor()
        cursor.execute("SET TIME ZONE 'UTC'")
        result = table_checksums(cursor, tables)
    raw.close()
    return result


@postgres_only
def test_every_row_and_every_history_entry_comes_back_through_pg_dump(portal_data, tmp_path):
    test_database = connection.settings_dict["NAME"]
    scratch = f"{test_database}_restore"
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    before = pg_fingerprints(test_database, tables)
    backup_file = tmp_path / "portal.dump"
    call_command("backup_data", str(backup_file), verbosity=0)
    assert backup_file.read_bytes().startswith(b"PGDMP")

    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{scratch}"')
    try:
        restore(backup_file, database=scratch)  # a fresh, empty database
        after = pg_fingerprints(scratch, tables)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')

    assert after == before
    assert history_tables() <= set(after)
    assert all(after[table][0] > 0 for table in history_tables())


@postgres_only
def test_an_sqlite_backup_is_refused_on_postgresql(tmp_path):
    sqlite_file = tmp_path / "portal.sqlite3"
    sqlite3.connect(sqlite_file).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(BackupError, match="sqlite backup"):
        restore(sqlite_file)


def test_pg_password_travels_in_the_environment_never_on_the_command_line(monkeypatch):
    from portal.lib import backup

    seen = {}

    def fake_run(command, env, capture_output, text):
        seen.update(command=command, env=env)
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(backup.subprocess, "run", fake_run)
    database = {
        "NAME": "portal",
        "USER": "portal",
        "PASSWORD": "bí-mật",
        "HOST": "db",
        "PORT": 5432,
    }
    backup.pg_dump(Path("/tmp/x.dump"), database)

    assert "bí-mật" not in " ".join(seen["command"])
    assert seen["env"]["PGPASSWORD"] == "bí-mật"
    assert (seen["env"]["PGHOST"], seen["env"]["PGDATABASE"]) == ("db", "portal")
