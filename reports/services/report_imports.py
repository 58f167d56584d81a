"""Importing six-monthly progress reports: rows already read from a file, all or nothing.

A reporter (or planning staff for their units) may fill many reports at once from a
spreadsheet; the admin's import page and ``manage.py import_sheet`` read the file
(``reports.resources``) and hand the rows here. A report is known by its commitment,
period and reporting unit. An import writes report *content* only: a new report is a
draft written by the importer, an existing one keeps its status, and a report already
submitted or approved is never touched (its row is refused unless it changes nothing).
Who may write a row is what ``workflow.can_write`` says, closed periods included; a row
that changes nothing is skipped when the user may see the report, so importing an export
back is always harmless, and refused when they may not (a skip must not tell what a
hidden report holds).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from agreements import access
from agreements.models import Commitment
from portal.lib.row_import import (
    NEW,
    SKIP,
    UPDATE,
    ImportResult,
    RowOutcome,
    RowWriter,
    duplicate_message,
    given,
)
from regions.models import AdministrativeUnit
from reports.models import ProgressReport, ReportingPeriod, ReportStatus
from reports.services import standing_store, workflow

#: how the natural key is named in a message: the headers of the reports' file
KEY_LABELS = ("Nội dung hợp tác", "Kỳ", "Bên báo cáo")
WRITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)


@dataclass(frozen=True)
class ReportRow:
    """One progress report as a file gives it.

    ``columns``: the fields the file has (``None``: all); the others are left as stored.
    """

    row: int
    commitment: Commitment | None
    period: ReportingPeriod | None
    reporting_unit: AdministrativeUnit | None
    stage: str | None = None
    percent: Decimal | None = None
    achievements: str = ""
    difficulties: str = ""
    recommendations: str = ""
    next_tasks: str = ""
    columns: frozenset[str] | None = None


@transaction.atomic
def import_reports(
    rows: Sequence[ReportRow],
    *,
    user: AbstractBaseUser,
    dry_run: bool,
    file_name: str = "",
) -> ImportResult:
    """Checks every row, then writes them all, or nothing if any row is refused.

    A dry run checks the same and writes nothing. Each row runs in its own savepoint: a
    row that fails in the database is reported as that row's error and the others are
    still checked. The standing of every touched commitment is refreshed once, at the end.
    """
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Cần biết ai đang nhập tệp."))
    importer = _Importer(user=user, dry_run=dry_run, file_name=file_name)
    result = ImportResult(dry_run=dry_run)
    try:
        with standing_store.batched(discard=dry_run):
            result.apply(rows, importer.one)
            if not result.ok:
                raise _Refused  # leaves the batch without refreshing what is rolled back
    except _Refused:
        pass
    if not result.written:
        transaction.set_rollback(True)
    return result


class _Refused(Exception):
    """A row was refused: nothing is written, so no standing is refreshed."""


class _Importer:
    def __init__(self, *, user, dry_run: bool, file_name: str):
        self.user, self.dry_run = user, dry_run
        self.actor = access.actor_for(user)
        self.actor.cache.clear()  # facts as they are now (an earlier import may have added)
        self.writer = RowWriter(ProgressReport, row_class=ReportRow, user=user, file_name=file_name)
        self.visible: set[int] | None = None
        self.existing: dict[tuple[int, int], dict[tuple[int, int], ProgressReport]] = {}
        self.seen: dict[tuple, int] = {}
        if not self.actor.is_admin:
            commitments = access.reportable_commitments(self.actor)
            self.reportable = set(commitments.values_list("pk", flat=True))
            self.units = access.reporting_units_of(self.actor)

    def one(self, row: ReportRow) -> tuple[RowOutcome | None, dict[str, list[str]]]:
        errors: dict[str, list[str]] = {}
        values = given(row)
        existing = self.find(row)
        new = existing is None
        instance = ProgressReport() if new else existing
        original = None if new else self.writer.original(instance)
        before = {} if new else self.writer.snapshot(instance, values)
        m2m = self.writer.apply(instance, values)
        key = self.key(row)
        if key is not None:
            first = self.seen.setdefault(key, row.row)
            if first != row.row:
                errors.setdefault("reporting_unit", []).append(duplicate_message(first, KEY_LABELS))
        changed = new or self.writer.differs(instance, before, m2m)
        if not errors:
            errors.update(self.refusal(instance) if changed else self.hidden(instance))
        if not changed and not errors:
            return RowOutcome(row.row, SKIP, instance, original), {}
        errors = self.writer.validate(instance, errors, values)
        if errors:
            return None, errors
        if not self.dry_run:
            if new:
                instance.status = ReportStatus.DRAFT
                instance.created_by = self.user
            self.writer.save(instance, new=new, m2m=m2m)
        return RowOutcome(row.row, NEW if new else UPDATE, instance, original), {}

    @staticmethod
    def key(row: ReportRow) -> tuple[int, int, int] | None:
        if row.commitment is None or row.period is None or row.reporting_unit is None:
            return None
        return (row.commitment.pk, row.period.pk, row.reporting_unit.pk)

    def find(self, row: ReportRow) -> ProgressReport | None:
        if self.key(row) is None:
            return None
        commitment, period, unit = row.commitment, row.period, row.reporting_unit
        group = (commitment.agreement_id, period.pk)
        if group not in self.existing:  # one query per agreement and period, not per row
            self.existing[group] = {
                (report.commitment_id, report.reporting_unit_id): report
                for report in ProgressReport.objects.filter(
                    commitment__agreement_id=commitment.agreement_id, period=period
                )
            }
        report = self.existing[group].get((commitment.pk, unit.pk))
        if report is not None:  # the objects this import already holds: no query
            report.commitment, report.period, report.reporting_unit = commitment, period, unit
        return report

    def refusal(self, report: ProgressReport) -> dict[str, list[str]]:
        """Why this user may not write this new or changed report (empty: they may)."""
        if report.status not in WRITABLE:
            return {
                NON_FIELD_ERRORS: [
                    _(
                        "Báo cáo này đang ở trạng thái “%(status)s” nên không sửa được bằng tệp "
                        "nhập; chỉ bản nháp và báo cáo bị trả lại mới được ghi đè."
                    )
                    % {"status": report.get_status_display()}
                ]
            }
        if None in (report.commitment_id, report.period_id, report.reporting_unit_id):
            return {}  # the model's own check says what is missing
        errors = {}
        if not self.actor.is_admin:
            if report.commitment_id not in self.reportable:
                errors["commitment"] = [_("Bạn không được báo cáo về nội dung hợp tác này.")]
            if report.reporting_unit_id not in self.units:
                errors["reporting_unit"] = [
                    _("Bạn không được báo cáo thay cho %(unit)s.") % {"unit": report.reporting_unit}
                ]
        if not workflow.period_open_for(self.actor, report.period, report.reporting_unit_id):
            errors["period"] = [
                _("Kỳ báo cáo %(period)s đã khóa; chỉ cán bộ kế hoạch sửa được.")
                % {"period": report.period}
            ]
        if not errors and not workflow.can_write(self.actor, report):
            errors[NON_FIELD_ERRORS] = [_("Bạn không có quyền ghi báo cáo này.")]
        return errors

    def hidden(self, report: ProgressReport) -> dict[str, list[str]]:
        """An unchanged row is refused only if the user may not even see the report."""
        if self.visible is None:
            visible = workflow.visible_reports(self.actor).values_list("pk", flat=True)
            self.visible = set(visible)
        if report.pk in self.visible:
            return {}
        return {NON_FIELD_ERRORS: [_("Bạn không có quyền với báo cáo này.")]}
