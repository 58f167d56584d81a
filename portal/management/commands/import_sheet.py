"""Import commitments or progress reports from an .xlsx or .csv file, all or nothing.

    manage.py import_sheet commitments noi-dung.xlsx --user ke-hoach-can-tho --dry-run
    manage.py import_sheet reports bao-cao-2025-h1.csv --user so-gtvt-hau-giang

The file is checked in full inside one transaction; any bad row (or a bad file)
means nothing is written and the command exits with status 1 after printing every
problem as row, column and reason. ``--dry-run`` checks and counts, and writes nothing.
The size, row and archive limits of the admin's uploads apply; every real run (and a
refused file) is written to the security log.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from import_export.results import RowResult

from agreements.resources import CommitmentResource
from portal.lib.audit import security_event
from portal.lib.authz import allows
from portal.lib.importing import ImportFileError, describe_errors, read_sheet
from reports.resources import ProgressReportResource

RESOURCES = {
    "commitments": (CommitmentResource, "agreements.import_commitment"),
    "reports": (ProgressReportResource, "reports.import_progressreport"),
}


class Command(BaseCommand):
    help = "Import commitments or progress reports from a spreadsheet (.xlsx or .csv)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(RESOURCES), help="what the file holds")
        parser.add_argument("file", type=Path, help="the .xlsx or .csv file")
        parser.add_argument(
            "--user", required=True, help="username of the person importing (permissions)"
        )
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")

    def handle(self, *args, kind, file, user, dry_run, **options):
        resource_class, permission = RESOURCES[kind]
        importer = get_user_model().objects.filter(username=user, is_active=True).first()
        if importer is None:
            raise CommandError(_("Không có người dùng đang hoạt động “%(user)s”.") % {"user": user})
        if not allows(importer, permission):  # the same question as the admin's import
            raise CommandError(
                _("Người dùng “%(user)s” không có quyền nhập loại dữ liệu này.") % {"user": user}
            )
        model = resource_class._meta.model._meta.label_lower
        try:
            dataset = read_sheet(file)
        except ImportFileError as error:
            security_event(
                "import", user=importer, model=model, rows=0, result="refused", reason=str(error)
            )
            raise CommandError(str(error)) from error

        result = resource_class().import_data(
            dataset,
            dry_run=dry_run,
            use_transactions=True,
            rollback_on_validation_errors=True,
            user=importer,
            file_name=file.name,
        )
        problems = describe_errors(result)
        if not dry_run:
            security_event(
                "import",
                user=importer,
                model=model,
                rows=result.total_rows,
                result="refused" if problems else "ok",
                reason=problems[0][:300] if problems else "",
                source="import_sheet",
            )
        if problems:
            for line in problems:
                self.stderr.write(line)
            raise CommandError(
                _("%(n)d lỗi: không dòng nào được ghi.") % {"n": len(problems)}, returncode=1
            )
        totals = result.totals
        new, updated = totals[RowResult.IMPORT_TYPE_NEW], totals[RowResult.IMPORT_TYPE_UPDATE]
        self.stdout.write(
            _("Mới: %(new)d, cập nhật: %(update)d, không đổi: %(skip)d.")
            % {"new": new, "update": updated, "skip": totals[RowResult.IMPORT_TYPE_SKIP]}
        )
        if dry_run:
            self.stdout.write(_("Chạy thử: chưa ghi gì."))
        elif new or updated:
            self.stdout.write(self.style.SUCCESS(_("Đã ghi.")))
        else:
            self.stdout.write(_("Không có gì thay đổi."))
