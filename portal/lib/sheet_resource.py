"""A strict import-export resource for spreadsheets typed by people.

What it adds to django-import-export's ``ModelResource`` (whatever the caller passes):

- all or nothing: one transaction, rolled back when any row is bad;
- headers matched ignoring accents and case, unknown or missing columns refused;
- errors keyed by the column header, rows numbered as the spreadsheet shows them;
- a natural key instead of ids, and the same key twice in one file refused;
- columns resolved in order, each able to narrow the next (``context_for``);
- a row that changes nothing is skipped when the user may see it, even where they may
  not write (an approved report, the other party's row), so re-importing an export is
  always harmless;
- history rows name the importing user; ``version`` moves on, so an open admin form
  notices the import;
- on export, formula-looking text is neutralised while numbers and dates stay native.

Subclasses declare ``SheetField`` columns and implement ``find_existing`` and
``check_row`` (who may write what).
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import router, transaction
from django.db.models import CheckConstraint, Model, Q
from django.utils.translation import gettext as _
from import_export import resources, widgets
from import_export.fields import Field
from import_export.results import Result

from portal.lib.formulas import neutralise
from portal.lib.importing import (
    DateWidget,
    ImportFileError,
    NumberWidget,
    is_filled,
    name_key,
    shorten,
)


class SheetField(Field):
    """One column.

    ``depends_on``: columns this one needs; when one of them failed, this one is not
    checked (one mistake, one message). ``context_only``: read to find other values,
    never written. ``keep_if_blank``: an empty cell keeps the stored value (or the
    model's default for a new row) instead of clearing it.
    """

    def __init__(self, *args, depends_on=(), context_only=False, keep_if_blank=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.depends_on = tuple(depends_on)
        self.context_only = context_only
        self.keep_if_blank = keep_if_blank


@dataclass
class RowState:
    number: int  # as the spreadsheet shows it: the header is row 1
    new: bool = True
    cleaned: bool = False
    changed: bool = True
    values: dict[str, Any] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)
    errors: dict[str, list[str]] = field(default_factory=dict)
    before: dict[str, Any] = field(default_factory=dict)
    m2m: dict[str, list] = field(default_factory=dict)


class SheetResult(Result):
    """Row numbers as the spreadsheet shows them (import-export counts data rows from 1)."""

    def append_invalid_row(self, number, row, validation_error):
        super().append_invalid_row(number + 1, row, validation_error)

    def append_error_row(self, number, row, errors):
        super().append_error_row(number + 1, row, errors)

    def row_errors(self):
        return [(row.number, row.errors) for row in self.error_rows]


class SheetResource(resources.ModelResource):
    #: names of the fields whose values identify a row, in column order
    natural_key: tuple[str, ...] = ()
    export_select_related: tuple[str, ...] = ()
    export_prefetch_related: tuple[str, ...] = ()

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.user = kwargs.get("user")
        self._seen: dict[tuple, int] = {}
        self._state = RowState(number=0)
        self._writing = False
        self._checked: dict[tuple, ValidationError | None] = {}

    @classmethod
    def get_result_class(cls):
        return SheetResult

    # --- hooks for subclasses --------------------------------------------------------
    def prepare(self, **kwargs) -> None:
        """Once per import, after the file checks: load what the permission checks need."""

    def context_for(self, name: str, value) -> dict:
        """What a cleaned value tells the columns after it (a date, the allowed units…)."""
        return {}

    def find_existing(self, values: dict[str, Any]):
        raise NotImplementedError

    def check_row(self, instance, *, new: bool) -> dict[str, list[str]]:
        """Errors (keyed by attribute) that forbid writing this new or changed row."""
        return {}

    def check_unchanged(self, instance) -> dict[str, list[str]]:
        """Errors for a row that would change nothing: only if the user may not even see it
        (a skip must not tell what a hidden row holds)."""
        return {}

    def before_write(self, instance, *, new: bool) -> None:
        """Last touch before ``save()`` (who created it…)."""

    # --- the whole file ----------------------------------------------------------------
    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ):
        """All or nothing, whoever calls: one transaction, rolled back on any bad row.

        Only the preview shows each row's values; a real run skips import-export's copy
        and comparison of every row (its documented ``skip_diff`` option).
        """
        self._meta = copy(type(self)._meta)
        self._meta.skip_diff = not dry_run
        # The standing records of every touched commitment are refreshed once, at the
        # end, in the same transaction (a preview is rolled back: nothing to refresh).
        from reports.services import standing_store  # the wiring layer: reports' records

        with transaction.atomic(), standing_store.batched(discard=dry_run):
            return super().import_data(
                dataset,
                dry_run=dry_run,
                raise_errors=raise_errors,
                use_transactions=True,
                collect_failed_rows=collect_failed_rows,
                rollback_on_validation_errors=True,
                **kwargs,
            )

    def before_import(self, dataset, **kwargs):
        try:
            self.user = kwargs.get("user") or self.user
            if self.user is None or not self.user.is_authenticated:
                raise ImportFileError(_("Cần biết ai đang nhập tệp."))
            self._seen.clear()
            self._checked.clear()
            self._match_headers(dataset)
            if not len(dataset):
                raise ImportFileError(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
            self.prepare(**kwargs)
        except ImportFileError:
            del dataset[:]  # a file refused as a whole: no row is read
            raise

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

    # --- one row -----------------------------------------------------------------------
    def import_row(self, row, instance_loader, **kwargs):
        self._state = RowState(number=kwargs["row_number"] + 1)
        self._writing = not kwargs.get("dry_run")
        if not any(is_filled(value) for value in row.values()):
            return self.get_row_result_class()()  # a blank line: no type, counted nowhere
        return super().import_row(row, instance_loader, **kwargs)

    def _cleaned(self, row) -> RowState:
        state = self._state
        if state.cleaned:
            return state
        context: dict[str, Any] = {}
        for name in self.get_import_order():  # columns resolved in order: each narrows the next
            column = self.fields.get(name)
            if column is None or column.readonly or column.column_name not in row:
                continue
            if any(dependency in state.failed for dependency in column.depends_on):
                state.failed.add(name)
                continue
            try:
                value = column.clean(row, **context)
            except ValueError as error:
                state.failed.add(name)
                state.errors.setdefault(self._error_key(column), []).append(str(error))
                continue
            state.values[name] = value
            context.update(self.context_for(name, value))
        state.cleaned = True
        return state

    def get_instance(self, instance_loader, row):
        values = self._cleaned(row).values
        if any(values.get(name) in (None, "") for name in self.natural_key):
            return None
        return self.find_existing(values)

    def after_init_instance(self, instance, new, row, **kwargs):
        self._state.new = new
        self._state.before = {} if new else self._snapshot(instance)

    def import_instance(self, instance, row, **kwargs):
        state = self._cleaned(row)
        errors = {key: list(messages) for key, messages in state.errors.items()}
        for name, value in state.values.items():
            column = self.fields[name]
            if column.context_only or (value is None and column.keep_if_blank):
                continue
            if isinstance(column.widget, widgets.ManyToManyWidget):
                state.m2m[column.attribute] = list(value or [])
            else:
                setattr(instance, column.attribute, value)
        key = self._natural_key_value(state)
        if key is not None:
            first = self._seen.setdefault(key, state.number)
            if first != state.number:
                last = self.fields[self.natural_key[-1]]
                names = ", ".join(str(self.fields[n].column_name) for n in self.natural_key)
                errors.setdefault(self._error_key(last), []).append(
                    _("Trùng với dòng %(row)d (cùng %(columns)s).")
                    % {"row": first, "columns": names}
                )
        state.changed = state.new or self._differs(instance, state)
        if not errors:
            refused = (
                self.check_row(instance, new=state.new)
                if state.changed
                else self.check_unchanged(instance)
            )
            for error_key, messages in refused.items():
                errors.setdefault(error_key, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or not self._meta.skip_unchanged:
            return False
        return not self._state.changed

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's own rules too, except on columns already refused or not checked.

        Also left out: foreign keys the columns found in the database during this import
        (asking again whether each exists would cost a query per row and per key), and
        the fields no column writes (what the import does not change was checked when it
        was saved). A new row's natural key is known to be free (``find_existing``) and
        unique within the file (``_seen``).
        """
        errors = dict(import_validation_errors or {})
        if self._meta.clean_model_instances:
            unchecked = {self.fields[name].attribute for name in self._state.failed}
            exclude = set(errors) | unchecked | self._not_rechecked()
            try:
                instance.full_clean(
                    exclude=exclude, validate_unique=validate_unique, validate_constraints=False
                )
            except ValidationError as error:
                errors = error.update_error_dict(errors)
            try:
                self._validate_constraints(instance, exclude | set(errors))
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(self._by_column(ValidationError(errors)))

    def before_save_instance(self, instance, row, **kwargs):
        instance._history_user = self.user
        reason = _("Nhập từ bảng tính %(file)s") % {"file": kwargs.get("file_name") or ""}
        instance._change_reason = shorten(reason.strip(), 100)
        if not self._state.new and hasattr(instance, "version"):
            instance.version += 1
        self.before_write(instance, new=self._state.new)

    def do_instance_save(self, instance, is_create):
        """The preview (dry run) checks every row and writes nothing; confirm writes."""
        if self._writing:
            super().do_instance_save(instance, is_create)

    def save_m2m(self, instance, row, **kwargs):
        if not self._writing:
            return
        for attribute, values in self._state.m2m.items():
            if not self._state.new:
                getattr(instance, attribute).set(values)
            elif values:  # a new row has nothing to remove: one query less
                getattr(instance, attribute).add(*values)

    # --- helpers -----------------------------------------------------------------------
    def _validate_constraints(self, instance, exclude: set[str]) -> None:
        """``Model.validate_constraints``, each check asked once per set of values it reads.

        Django asks the database for every check constraint of every row; a file's rows
        share most values (the same stage, the same dates), so the answers are kept for
        the length of the import.
        """
        using = router.db_for_write(type(instance), instance=instance)
        errors: dict = {}
        for model_class, constraints in instance.get_constraints():
            for constraint in constraints:
                key = None
                if isinstance(constraint, CheckConstraint):
                    names = sorted(Q(constraint.condition).referenced_base_fields)
                    if exclude & set(names):
                        continue  # as Django: a check on a field left out is not asked
                    opts = model_class._meta
                    key = (
                        constraint.name,
                        *(getattr(instance, opts.get_field(n).attname) for n in names),
                    )
                if key is None or key not in self._checked:
                    try:
                        constraint.validate(model_class, instance, exclude=exclude, using=using)
                        answer = None
                    except ValidationError as error:
                        answer = error
                    if key is not None:
                        self._checked[key] = answer
                answer = self._checked[key] if key is not None else answer
                if answer is None:
                    continue
                fields = getattr(constraint, "fields", ())
                if getattr(answer, "code", None) == "unique" and len(fields) == 1:
                    errors.setdefault(fields[0], []).append(answer)
                else:
                    errors = answer.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def _not_rechecked(self) -> set[str]:
        """Model fields ``full_clean`` need not check again on this row (see above)."""
        model_fields = {f.name for f in self._meta.model._meta.concrete_fields}
        written = {f.attribute for f in self.fields.values() if f.attribute and not f.context_only}
        found = {
            self.fields[name].attribute
            for name, value in self._state.values.items()
            if isinstance(value, Model) and value.pk is not None
        }
        return (model_fields - written) | found

    def _error_key(self, column: SheetField) -> str:
        """The model attribute (so ``full_clean`` skips it), else the column header."""
        attribute = column.attribute
        if attribute and "__" not in attribute and not column.context_only:
            return attribute
        return str(column.column_name)

    def _by_column(self, error: ValidationError) -> dict[str, list]:
        columns = {
            f.attribute: str(f.column_name)
            for f in self.fields.values()
            if f.attribute and not f.context_only
        }
        keyed: dict[str, list] = {}
        for key, messages in error.error_dict.items():
            column = columns.get(key, key)
            if key != NON_FIELD_ERRORS and key not in columns:
                try:
                    column = str(self._meta.model._meta.get_field(key).verbose_name)
                except FieldDoesNotExist:
                    pass
            keyed.setdefault(column, []).extend(messages)
        return keyed

    def _attname(self, attribute: str) -> str:
        return self._meta.model._meta.get_field(attribute).attname

    def _snapshot(self, instance) -> dict[str, Any]:
        snapshot = {}
        for column in self.fields.values():
            if column.attribute is None or column.context_only or column.readonly:
                continue
            if isinstance(column.widget, widgets.ManyToManyWidget):
                related = getattr(instance, column.attribute)
                snapshot[column.attribute] = frozenset(related.values_list("pk", flat=True))
            else:
                snapshot[column.attribute] = getattr(instance, self._attname(column.attribute))
        return snapshot

    def _differs(self, instance, state: RowState) -> bool:
        for name in state.values:
            column = self.fields[name]
            if column.context_only or column.attribute is None:
                continue
            if isinstance(column.widget, widgets.ManyToManyWidget):
                now = frozenset(obj.pk for obj in state.m2m.get(column.attribute, []))
            else:
                now = getattr(instance, self._attname(column.attribute))
            if now != state.before.get(column.attribute):
                return True
        return False

    def _natural_key_value(self, state: RowState) -> tuple | None:
        parts = []
        for name in self.natural_key:
            value = state.values.get(name)
            if value in (None, ""):
                return None
            parts.append(name_key(value) if isinstance(value, str) else getattr(value, "pk", value))
        return tuple(parts)

    # --- export ------------------------------------------------------------------------
    def filter_export(self, queryset, **kwargs):
        return queryset.select_related(*self.export_select_related).prefetch_related(
            *self.export_prefetch_related
        )

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        if isinstance(value, str) and not isinstance(field.widget, NumberWidget | DateWidget):
            return neutralise(value, reversible=True)  # the import reads it back
        return value
