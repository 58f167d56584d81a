"""``manage.py restore_data FILE``: put back everything ``backup_data`` wrote.

Restoring replaces the whole database, so it refuses to overwrite one that already has
tables unless told so (``--force``, or "yes" typed at the prompt).
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from portal import page_cache
from portal.lib.backup import (
    BackupError,
    current_counts,
    file_kind,
    pg_listing,
    restore,
    sqlite_listing,
    vendor,
)


class Command(BaseCommand):
    help = (
        "Restore the whole database from FILE written by backup_data. Everything now in "
        "the database is replaced; works on a fresh, empty database too."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="replace a database that already has data"
        )
        parser.add_argument(
            "--list", "--dry-run", action="store_true", dest="listing",
            help="show what FILE holds, restore nothing",
        )  # fmt: skip
        parser.add_argument("--no-input", action="store_false", dest="interactive")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, file: Path, force, listing, interactive, database, **options):
        if not file.is_file():
            raise CommandError(f"{file} does not exist")
        try:
            kind = file_kind(file)
            if listing:
                self._list(file, kind)
                return
            if kind != vendor(database):
                raise CommandError(
                    f"{file} is a {kind} backup; this portal runs on {vendor(database)}"
                )
            existing = current_counts(database)
            if existing and not force:
                self._confirm(existing, database, interactive)
            restore(file, using=database)
            connections[database].close()
            page_cache.invalidate()  # the pages stored from the data before are void
            counts = current_counts(database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for count in counts:
            if count.rows:
                self.stdout.write(f"  {count.table:<50} {count.rows:>9}")
        rows = sum(count.rows for count in counts)
        self.stdout.write(
            self.style.SUCCESS(f"Restored {len(counts)} tables, {rows} rows from {file}")
        )

    def _confirm(self, existing, database: str, interactive: bool) -> None:
        name = connections[database].settings_dict["NAME"]
        rows = sum(count.rows for count in existing)
        what = f"The database {name} already holds {len(existing)} tables ({rows} rows)."
        if not (interactive and sys.stdin.isatty()):
            raise CommandError(f"{what} Restoring replaces all of it; add --force to do so.")
        answer = input(f"{what}\nRestoring replaces all of it. Type 'yes' to go on: ")
        if answer.strip().lower() != "yes":
            raise CommandError("Nothing restored.")

    def _list(self, file: Path, kind: str) -> None:
        if kind == "sqlite":
            counts = sqlite_listing(file)
            for count in counts:
                self.stdout.write(f"  {count.table:<50} {count.rows:>9}")
            rows = sum(count.rows for count in counts)
            self.stdout.write(f"{file}: SQLite backup, {len(counts)} tables, {rows} rows")
        else:
            tables = pg_listing(file)
            for table in tables:
                self.stdout.write(f"  {table}")
            self.stdout.write(f"{file}: PostgreSQL dump with the rows of {len(tables)} tables")
