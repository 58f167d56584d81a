"""Write a review workbook, a consolidated report or their CSV to a file.

manage.py export_workbook review --agreement SLUG --year 2024 -o review.xlsx
manage.py export_workbook review --unit can-tho --year 2024 --format csv
manage.py export_workbook consolidated --unit can-tho --year 2024 --half 1
… --include-unapproved   the marked staff version
… --language en          labels in English (default: the site's language)
"""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from agreements.models import Agreement
from regions.models import AdministrativeUnit
from reports import exports


class Command(BaseCommand):
    help = "Write the review workbook or the consolidated six-monthly report (xlsx or csv)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["review", "consolidated"])
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--agreement", metavar="SLUG", help="one agreement (review only)")
        target.add_argument("--unit", metavar="KEY", help="a unit and the units merged into it")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--half", type=int, choices=[1, 2], help="period (consolidated)")
        parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
        parser.add_argument("--include-unapproved", action="store_true", help="staff version")
        parser.add_argument(
            "--language", choices=[code for code, _name in settings.LANGUAGES], default=None
        )
        parser.add_argument("-o", "--output", help="file to write (default: a name in .)")

    def handle(self, *args, **options):
        kind, fmt = options["kind"], options["format"]
        if kind == "consolidated" and (options["agreement"] or not options["half"]):
            raise CommandError("consolidated needs --unit and --half")
        if kind == "review" and options["half"]:
            raise CommandError("--half belongs to consolidated")
        staff = options["include_unapproved"]
        with translation.override(options["language"] or settings.LANGUAGE_CODE):
            scope, name = self._scope(kind, options, staff)
            output = Path(options["output"] or f"{name}{'-noi-bo' if staff else ''}.{fmt}")
            started = time.perf_counter()
            with output.open("wb") as out:
                if fmt == "csv":
                    exports.write_reports_csv(scope=scope, out=out)
                elif kind == "consolidated":
                    exports.build_consolidated_workbook(scope=scope, out=out)
                else:
                    exports.build_review_workbook(scope=scope, out=out)
        seconds = time.perf_counter() - started
        size = output.stat().st_size / 1024
        self.stdout.write(
            f"{output}: {size:,.0f} KB, {len(scope.agreements)} agreement(s), {seconds:.1f} s"
            + (" (includes reports not yet approved)" if staff else "")
        )

    def _scope(self, kind: str, options: dict, staff: bool) -> tuple[exports.Scope, str]:
        year = options["year"]
        if options["agreement"]:
            try:
                agreement = Agreement.objects.get(slug=options["agreement"])
            except Agreement.DoesNotExist as error:
                raise CommandError(f"no agreement {options['agreement']!r}") from error
            scope = exports.scope_for_agreement(
                agreement=agreement, year=year, include_unapproved=staff
            )
            return scope, f"review-{agreement.slug}-{year}"
        try:
            unit = AdministrativeUnit.objects.get(key=options["unit"])
        except AdministrativeUnit.DoesNotExist as error:
            raise CommandError(f"no unit {options['unit']!r}") from error
        half = options["half"] if kind == "consolidated" else None
        scope = exports.scope_for_unit(unit=unit, year=year, half=half, include_unapproved=staff)
        name = f"consolidated-{unit.key}-{year}-h{half}" if half else f"review-{unit.key}-{year}"
        return scope, name
