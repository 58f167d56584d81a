from django.conf import settings
from django.core.management.base import BaseCommand

from reports.services.reminders import run_daily


class Command(BaseCommand):
    help = (
        "E-mail reporters whose reports are due within 7 days or overdue, and planning "
        "staff their unit's chase list (departments not reported, commitments without a "
        "lead agency) and the reports waiting for their review. Run daily from cron; a "
        "user never gets the same reminder twice in a day (reports.services.reminders). Each run is "
        "recorded (ReminderRun) and shown on the administrators' home."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count, send nothing")

    def handle(self, *args, dry_run, **options):
        if getattr(settings, "REMINDERS_DISABLED", False):
            self.stdout.write("reminders are disabled (REMINDERS_DISABLED=1): nothing sent")
            return
        counts = run_daily(dry_run=dry_run)
        self.stdout.write(
            f"sent: {counts.sent}, already sent today: {counts.skipped_already_sent}, "
            f"no e-mail address: {counts.skipped_no_email}"
            + (" (dry run: nothing sent)" if dry_run else "")
        )
