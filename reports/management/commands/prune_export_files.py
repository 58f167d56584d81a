from django.conf import settings
from django.core.management.base import BaseCommand

from reports.services.background import prune_jobs


class Command(BaseCommand):
    help = (
        "Delete files produced in the background (and their jobs) asked for more than "
        "EXPORTS_KEEP_DAYS days ago. The worker does it after every file; run this from "
        "cron when files are produced rarely."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="keep files this many days")
        parser.add_argument("--dry-run", action="store_true", help="count, delete nothing")

    def handle(self, *args, days, dry_run, **options):
        days = settings.EXPORTS_KEEP_DAYS if days is None else days
        count = prune_jobs(days=days, dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(f"{verb} {count} produced file(s) older than {days} day(s)")
