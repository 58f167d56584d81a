from django.core.management.base import BaseCommand, CommandError

from portal.demo.data import TABLES, UnitsNotLoaded, load_demo

OUTCOMES = ("created", "updated", "unchanged")


class Command(BaseCommand):
    help = (
        "Load the demo agreements built from the source articles (marked is_demo), "
        "with their commitments, six-monthly reports and review meeting. Needs "
        "`manage.py load_units` first. Safe to run again: it changes only what differs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count, write nothing")

    def handle(self, *args, dry_run, **options):
        try:
            counts = load_demo(dry_run=dry_run)
        except UnitsNotLoaded as exc:
            raise CommandError(str(exc)) from exc
        seen = set(counts.created) | set(counts.updated) | set(counts.unchanged)
        tables = TABLES + sorted(seen - set(TABLES))
        for table in tables:
            numbers = [getattr(counts, outcome).get(table, 0) for outcome in OUTCOMES]
            if any(numbers):
                self.stdout.write(
                    "{:<12} created: {:>4}  updated: {:>4}  unchanged: {:>4}".format(
                        table, *numbers
                    )
                )
        if dry_run:
            self.stdout.write("dry run: nothing written")
        elif not counts.changed:
            self.stdout.write("demo data already up to date")
