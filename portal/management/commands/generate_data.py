"""``manage.py generate_data``: national-scale synthetic data for benchmarks.

The data and its rules live in ``portal.synthetic_data``; this parses, asks before
anything risky, and prints what was written and how long each phase took.
"""

from __future__ import annotations

import sys
import time

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError

from portal import synthetic_data as synthetic

STANDING_COMMAND = "rebuild_standing"


class Command(BaseCommand):
    help = (
        "Fill the database with deterministic synthetic data for benchmarks: about 2,000 "
        "agreements, 40,000 commitments and 400,000 progress reports at --scale 1 (marked: "
        "slugs synthetic-…, is_demo). Needs `manage.py load_units` first. Refuses to run "
        "twice unless --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="same seed, same data (1)")
        parser.add_argument(
            "--scale", type=float, default=1.0, help="fraction of the national size (1.0)"
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete the synthetic data already there (and all it holds) first",
        )
        parser.add_argument(
            "--yes", action="store_true", help="do not ask before replacing or mixing data"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="generate, count, then roll back"
        )

    def handle(self, *args, seed, scale, replace, yes, dry_run, verbosity, **options):
        if not 0 < scale <= 10:
            raise CommandError("--scale must be greater than 0 and at most 10.")
        try:
            synthetic.check_units()
        except synthetic.UnitsNotLoaded as error:
            raise CommandError(str(error)) from error
        existing = synthetic.synthetic_agreements().count()
        if existing and not replace:
            raise CommandError(
                f"The database already holds {existing} synthetic agreements. Add --replace "
                "to delete them (with their commitments and reports) and generate anew."
            )
        self.confirm(existing, yes)
        started = time.perf_counter()
        try:
            outcome = synthetic.generate(
                seed=seed,
                scale=scale,
                replace=replace,
                dry_run=dry_run,
                show_progress=verbosity >= 1,
            )
        except (synthetic.UnitsNotLoaded, synthetic.SyntheticDataExists) as error:
            raise CommandError(str(error)) from error
        if not dry_run:
            self.rebuild_standing(outcome, verbosity)
        if verbosity:
            self.report(outcome, seed, scale, dry_run, time.perf_counter() - started)

    def confirm(self, existing: int, yes: bool) -> None:
        risks = []
        if existing:
            risks.append(f"delete the {existing} synthetic agreements already there")
        real = synthetic.real_agreements().count()
        if real:
            risks.append(
                f"add synthetic agreements beside {real} real ones (public pages will show them)"
            )
        if not risks or yes:
            return
        question = "This will " + " and ".join(risks) + "."
        if not sys.stdin.isatty():
            raise CommandError(f"{question} Add --yes to go ahead.")
        if input(f"{question} Continue? [y/N] ").strip().lower() not in ("y", "yes"):
            raise CommandError("Nothing changed.")

    def rebuild_standing(self, outcome: synthetic.Outcome, verbosity: int) -> None:
        """bulk_create skipped the code that keeps the standing table; recompute it."""
        if STANDING_COMMAND not in get_commands():
            if verbosity:
                self.stdout.write(f"{STANDING_COMMAND} not available: standing not rebuilt")
            return
        with outcome.phase(STANDING_COMMAND), synthetic.without_query_log():
            call_command(STANDING_COMMAND, verbosity=verbosity, stdout=self.stdout)

    def report(self, outcome, seed: int, scale: float, dry_run: bool, seconds: float) -> None:
        if outcome.deleted:
            self.stdout.write("Deleted first:")
            for table, n in sorted(outcome.deleted.items()):
                self.stdout.write(f"  {table:<40} {n:>9,}")
        verb = "Would create (dry run, rolled back)" if dry_run else "Created"
        self.stdout.write(f"{verb}, seed {seed}, scale {scale:g}:")
        for table, n in outcome.counts.items():
            self.stdout.write(f"  {table:<40} {n:>9,}")
        self.stdout.write("Time per phase:")
        for phase, spent in outcome.timings.items():
            self.stdout.write(f"  {phase:<40} {spent:>8.1f} s")
        self.stdout.write(f"  {'total':<40} {seconds:>8.1f} s")
