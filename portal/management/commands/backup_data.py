"""``manage.py backup_data FILE``: the whole database, history included, in one file."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from portal.lib.backup import BackupError, backup, current_counts, vendor


class Command(BaseCommand):
    help = (
        "Back up the whole database to FILE: pg_dump's custom format on PostgreSQL, an "
        "SQLite file (online backup API) on SQLite. Safe while the portal is running."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, file: Path, force: bool, database: str, **options):
        if file.exists() and not force:
            raise CommandError(f"{file} exists; choose another name or add --force")
        try:
            kind = vendor(database)
            counts = current_counts(database)
            backup(file, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(count.rows for count in counts)
        size = file.stat().st_size / 1e6
        self.stdout.write(
            f"Backed up {len(counts)} tables, {rows} rows ({kind}) to {file} ({size:.1f} MB)"
        )
        if options["verbosity"] > 1:
            for count in counts:
                self.stdout.write(f"  {count.table:<50} {count.rows:>9}")
