"""Recompute every standing record from the reports: ``manage.py rebuild_standing``.

Idempotent: running it twice writes the same rows. Pages never need it (every save
keeps the records up to date); it is for bulk loads that bypass ``save()`` and for
checking (``--check`` reports rows that differ from a fresh computation, writes nothing).
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from reports.services import standing_store


class Command(BaseCommand):
    help = "Recompute the standing of every commitment in every period from the reports."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Compare the stored records with a fresh computation; write nothing.",
        )

    def handle(self, *args, check: bool = False, **options) -> None:
        started = time.monotonic()
        if check:
            differences = standing_store.differences()
            if differences:
                raise CommandError(
                    f"{len(differences)} standing records differ from the reports, "
                    f"e.g. {differences[:3]}. Run manage.py rebuild_standing."
                )
            self.stdout.write(self.style.SUCCESS("Standing records match the reports."))
            return

        verbosity = options["verbosity"]

        def progress(done: int, total: int) -> None:
            if verbosity >= 2 or done == total:
                self.stdout.write(f"  {done:,}/{total:,} commitments")

        written = standing_store.rebuild(progress=progress)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Rewritten rows are not yet "all visible": until a vacuum, PostgreSQL cannot count
            # them from the covering indexes alone (and autovacuum may be off or late).
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE reports_commitmentstanding")
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"{written:,} standing records written in {elapsed:.1f} s.")
        )
