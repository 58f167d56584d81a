from django.core.management.base import BaseCommand

from regions.services import load_unit_data
from regions.unit_data_source import DATA_FILE


class Command(BaseCommand):
    help = (
        "Load administrative units (63 before and 34 since 01/07/2025), their "
        "succession, their dated names and the socio-economic regions from the shipped "
        "data file. "
        "Safe to run again: it changes only what differs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(DATA_FILE), help="data file to load")
        parser.add_argument("--dry-run", action="store_true", help="count, write nothing")

    def handle(self, *args, file, dry_run, **options):
        from pathlib import Path

        counts = load_unit_data(Path(file), dry_run=dry_run)
        if options["verbosity"] == 0:
            return
        for outcome in ("created", "updated", "unchanged", "deleted"):
            bucket = getattr(counts, outcome)
            if bucket:
                parts = ", ".join(f"{table}: {n}" for table, n in sorted(bucket.items()))
                self.stdout.write(f"{outcome}: {parts}")
        if dry_run:
            self.stdout.write("dry run: nothing written")
