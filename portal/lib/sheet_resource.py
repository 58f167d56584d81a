"""Spreadsheets typed by people, read into rows and handed to an import service.

django-import-export reads the file (``portal.lib.importing``'s formats) and runs the
admin's upload, preview and confirm pages; a ``SheetResource`` declares the columns
(their headers are the file's contract) and is the one place where a file meets a
service. Its ``import_data``, the Resource method the admin and ``import_sheet`` call,
does three things in the open rather than through the library's per-row hooks:

1. *read*: headers matched ignoring accents and case, unknown or missing columns refused
   as a whole file; each row's cells cleaned by the columns' widgets in column order,
   each column able to narrow the next (``context_for``: the agreement's parties for
   the unit, the period's last day for the unit valid then). A row becomes a plain
   dataclass (``row_class``) or its cell errors, by row and column;
2. *write*: the rows go to the service (``service``), which checks permissions and the
   model's rules and writes all or nothing; a file with any bad cell is run dry, so that
   every error of every row is reported and nothing is written;
3. *report*: the service's outcome becomes the library's ``Result``, rows numbered as
   the spreadsheet shows them and errors keyed by column header, which the admin pages
   and ``describe_errors`` show.

On export, formula-looking text is neutralised while numbers and dates stay native.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any, ClassVar

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from import_export import resources
from import_export.fields import Field
from import_export.results import Result, RowResult

from portal.lib.formulas import neutralise
from portal.lib.importing import DateWidget, ImportFileError, NumberWidget, is_filled, name_key
from portal.lib.row_import import ImportResult, RowError, written_fields

CellErrors = dict[int, dict[str, list[str]]]  # row number -> column header -> messages


class SheetField(Field):
    """One column.

    ``depends_on``: columns this one needs; when one of them failed, this one is not
    checked (one mistake, one message). ``context_only``: read to find other values,
    never written.
    """

    def __init__(self, *args, depends_on=(), context_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.depends_on = tuple(depends_on)
        self.context_only = context_only


class SheetResource(resources.ModelResource):
    #: names of the fields whose values identify a row, in column order
    natural_key: ClassVar[tuple[str, ...]] = ()
    #: the frozen dataclass a row is read into
    row_class: ClassVar[type]
    #: ``service(rows, *, user, dry_run, file_name) -> ImportResult``
    service: ClassVar[Callable[..., ImportResult]]
    export_select_related: ClassVar[tuple[str, ...]] = ()
    export_prefetch_related: ClassVar[tuple[str, ...]] = ()

    def context_for(self, name: str, value) -> dict:
        """What a cleaned value tells the columns after it (a date, the allowed units…)."""
        return {}

    # --- the whole file ------------------------------------------------------------------
    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        """Reads the rows, hands them to the service, says what happened; all or nothing.

        The library's transaction flags (``use_transactions``,
        ``rollback_on_validation_errors``…) are accepted and not needed: the service is
        one transaction and writes nothing when any row is bad, whoever calls.
        """
        result = self.get_result_class()()
        result.diff_headers = self.get_diff_headers()
        user = kwargs.get("user")
        try:
            if user is None or not user.is_authenticated:
                raise ImportFileError(_("Cần biết ai đang nhập tệp."))
            self._match_headers(dataset)
            if not len(dataset):
                raise ImportFileError(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
        except ImportFileError as error:  # a file refused as a whole: no row is read
            result.append_base_error(self.get_error_result_class()(error))
            return result
        result.total_rows = len(dataset)
        cells = {
            number: dict(zip(dataset.headers, values, strict=False))
            for number, values in enumerate(dataset, start=2)
        }
        rows, cell_errors = self.read_rows(cells)
        # The standing records of every touched commitment are refreshed once, at the
        # end, in the same transaction (a dry run is rolled back: nothing to refresh).
        from reports.services import standing_store  # the wiring layer: reports' records

        dry = dry_run or bool(cell_errors)
        with transaction.atomic(), standing_store.batched(discard=dry):
            done = type(self).service(
                rows, user=user, dry_run=dry, file_name=kwargs.get("file_name") or ""
            )
        self._report(result, cells, cell_errors, done, preview=dry_run)
        return result

    def _match_headers(self, dataset) -> None:
        columns = {name_key(str(f.column_name)): f.column_name for f in self.get_import_fields()}
        headers, unknown = [], []
        for header in dataset.headers or []:
            column = columns.get(name_key(str(header or "")))
            if column is None:
                unknown.append(f"“{header}”")
            headers.append(column or header)
        if unknown:
            raise ImportFileError(
                _("Không nhận ra cột %(unknown)s. Các cột dùng được: %(known)s.")
                % {"unknown": ", ".join(unknown), "known": ", ".join(columns.values())}
            )
        missing = [
            f"“{self.fields[n].column_name}”"
            for n in self.natural_key
            if self.fields[n].column_name not in headers
        ]
        if missing:
            raise ImportFileError(
                _("Thiếu cột bắt buộc %(missing)s.") % {"missing": ", ".join(missing)}
            )
        dataset.headers = headers

    # --- reading -------------------------------------------------------------------------
    def read_rows(self, cells: dict[int, dict]) -> tuple[list, CellErrors]:
        """Each non-blank row as a ``row_class`` instance, or its cell errors."""
        rows, errors = [], {}
        for number, row in cells.items():
            if not any(is_filled(value) for value in row.values()):
                continue  # a blank line: counted nowhere
            values, problems = self._clean(row)
            if problems:
                errors[number] = problems
            else:
                rows.append(self._row(number, values))
        return rows, errors

    def _clean(self, row: dict) -> tuple[dict[str, Any], dict[str, list[str]]]:
        values: dict[str, Any] = {}
        failed: set[str] = set()
        problems: dict[str, list[str]] = {}
        context: dict[str, Any] = {}
        for name in self.get_import_order():  # columns resolved in order: each narrows the next
            column = self.fields.get(name)
            if column is None or column.readonly or column.column_name not in row:
                continue
            if any(dependency in failed for dependency in column.depends_on):
                failed.add(name)
                continue
            try:
                value = column.clean(row, **context)
            except ValueError as error:
                failed.add(name)
                problems.setdefault(str(column.column_name), []).append(str(error))
                continue
            values[name] = value
            context.update(self.context_for(name, value))
        return values, problems

    def _row(self, number: int, values: dict[str, Any]):
        settable = written_fields(self.row_class)
        given = {
            name: tuple(value) if isinstance(value, list) else value
            for name, value in values.items()
            if name in settable and not self.fields[name].context_only
        }
        for name in self.natural_key:  # a key cell left empty still names the field
            given.setdefault(name, None)
        return self.row_class(row=number, columns=frozenset(given), **given)

    # --- reporting -----------------------------------------------------------------------
    def _report(
        self, result: Result, cells: dict, cell_errors: CellErrors, done: ImportResult, *, preview
    ) -> None:
        errors: CellErrors = defaultdict(dict)
        for number, problems in cell_errors.items():
            errors[number].update(problems)
        for error in done.errors:
            errors[error.row].setdefault(self._column(error), []).append(error.message)
        outcomes = {outcome.row: outcome for outcome in done.outcomes}
        for number in sorted(set(errors) | set(outcomes)):
            row_result = self.get_row_result_class()()
            if number in errors:
                row_result.import_type = RowResult.IMPORT_TYPE_INVALID
                row_result.validation_error = ValidationError(errors[number])
                result.append_invalid_row(number, cells[number], row_result.validation_error)
            else:
                outcome = outcomes[number]
                row_result.import_type = outcome.action
                row_result.add_instance_info(outcome.instance)
                row_result.instance = outcome.instance
                row_result.original = outcome.original
                if preview and not self._meta.skip_html_diff:
                    new = outcome.original is None
                    diff = self.get_diff_class()(
                        self, self._meta.model() if new else outcome.original, new
                    )
                    diff.compare_with(self, outcome.instance)
                    row_result.diff = diff.as_html()
            result.increment_row_result_total(row_result)
            result.append_row_result(row_result)

    def _column(self, error: RowError) -> str:
        """The header of the column a service error is about (else the model's name for
        the field; the whole row for none)."""
        if not error.field or error.field == NON_FIELD_ERRORS:
            return NON_FIELD_ERRORS
        for column in self.fields.values():
            if column.attribute == error.field and not column.context_only:
                return str(column.column_name)
        try:
            return str(self._meta.model._meta.get_field(error.field).verbose_name)
        except FieldDoesNotExist:
            return error.field

    # --- export --------------------------------------------------------------------------
    def filter_export(self, queryset, **kwargs):
        return queryset.select_related(*self.export_select_related).prefetch_related(
            *self.export_prefetch_related
        )

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        if isinstance(value, str) and not isinstance(field.widget, NumberWidget | DateWidget):
            return neutralise(value, reversible=True)  # our import reads it back
        return value
