"""What the import services share: rows in, outcomes and errors out, rows written alike.

An import service (``agreements.services.import_commitments``,
``reports.services.report_imports.import_reports``) takes rows already read into plain
dataclasses and decides, for each, whether it is new, changed or unchanged, and whether
this user may write it. The services differ in their rules; what they do alike is here,
so that a commitment and a report are validated, counted and written the same way:

- ``ImportResult``: every row's outcome and every error (row, field, message); nothing is
  written when there is any error;
- ``RowWriter``: a row's values set on the model, compared with what is stored, checked
  with the model's own rules (``full_clean``) and saved with the importing user and the
  file named in the history, ``version`` moved on so that an open admin form notices.

Nothing here knows spreadsheets: column headers are the reading side's business
(``portal.lib.sheet_resource``).
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, router, transaction
from django.db.models import CheckConstraint, ManyToManyField, Model, Q
from django.utils.translation import gettext as _

from portal.lib.importing import shorten
from portal.lib.versioning import bump

NEW, UPDATE, SKIP = "new", "update", "skip"


@dataclass(frozen=True)
class RowError:
    """One problem of one row: ``field`` is a model field's name, "" for the whole row."""

    row: int  # as the spreadsheet shows it: the header is row 1
    field: str
    message: str


@dataclass(frozen=True)
class RowOutcome:
    """What a row does (or, in a dry run or a refused file, would do)."""

    row: int
    action: str  # NEW, UPDATE or SKIP
    instance: Model
    original: Model | None  # the stored row as it was before this import; None if new


@dataclass
class ImportResult:
    dry_run: bool
    outcomes: list[RowOutcome] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run

    def count(self, action: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.action == action)

    def add_errors(self, row: int, errors: dict[str, list[str]]) -> None:
        for key, messages in errors.items():
            name = "" if key == NON_FIELD_ERRORS else key
            self.errors.extend(RowError(row, name, str(message)) for message in messages)

    def apply(self, rows: Iterable[Any], one: Callable[[Any], tuple]) -> None:
        """Run ``one(row)`` for every row, each in its own savepoint, so that a database
        error on one row is reported against it and the other rows are still checked.
        ``one`` returns ``(outcome, errors)``; the caller decides whether to keep them."""
        for row in rows:
            try:
                with transaction.atomic():
                    outcome, errors = one(row)
            except DatabaseError as error:
                outcome, errors = None, {"": [str(error)]}
            if errors:
                self.add_errors(row.row, errors)
            else:
                self.outcomes.append(outcome)


def given(row: Any) -> dict[str, Any]:
    """The values a row dataclass gives: the fields named in its ``columns`` (all when
    ``columns`` is ``None``), without the row number."""
    names = [f.name for f in dataclasses.fields(row) if f.name not in ("row", "columns")]
    if row.columns is not None:
        names = [name for name in names if name in row.columns]
    return {name: getattr(row, name) for name in names}


def written_fields(row_class: type) -> set[str]:
    """Every model field a row of this class can set."""
    return {f.name for f in dataclasses.fields(row_class)} - {"row", "columns"}


class RowWriter:
    """Sets, compares, checks and saves the rows of one import (one per service call).

    ``keep_if_blank``: fields whose ``None`` keeps the stored value (or the model's
    default for a new row) instead of clearing it.
    """

    def __init__(
        self,
        model: type[Model],
        *,
        row_class: type,
        user,
        file_name: str = "",
        keep_if_blank: frozenset[str] = frozenset(),
    ):
        self.model = model
        self.user = user
        self.file_name = file_name
        self.keep_if_blank = keep_if_blank
        self._written = written_fields(row_class)
        self._m2m = {f.name for f in model._meta.get_fields() if isinstance(f, ManyToManyField)}
        self._checked: dict[tuple, ValidationError | None] = {}

    # --- one row ----------------------------------------------------------------------
    def apply(self, instance: Model, values: dict[str, Any]) -> dict[str, list]:
        """Sets the row's values on ``instance``; returns the many-to-many ones, set on save."""
        m2m = {}
        for name, value in values.items():
            if value is None and name in self.keep_if_blank:
                continue
            if name in self._m2m:
                m2m[name] = list(value or [])
            else:
                setattr(instance, name, value)
        return m2m

    def snapshot(self, instance: Model, names: Iterable[str]) -> dict[str, Any]:
        """The stored values of these fields (ids for relations), to compare after ``apply``."""
        stored = {}
        for name in names:
            if name in self._m2m:
                related = getattr(instance, name)
                stored[name] = frozenset(related.values_list("pk", flat=True))
            else:
                stored[name] = getattr(instance, self._attname(name))
        return stored

    def differs(self, instance: Model, before: dict[str, Any], m2m: dict[str, list]) -> bool:
        for name, stored in before.items():
            if name in self._m2m:
                now = frozenset(obj.pk for obj in m2m.get(name, []))
            else:
                now = getattr(instance, self._attname(name))
            if now != stored:
                return True
        return False

    def original(self, instance: Model) -> Model:
        """A copy of the stored row before ``apply`` (Django copies its related-object cache)."""
        return copy.copy(instance)

    def validate(
        self, instance: Model, errors: dict[str, list[str]], values: dict[str, Any]
    ) -> dict[str, list[str]]:
        """``errors`` plus the model's own rules, on the fields not already refused.

        Left out too: foreign keys the row found in the database during this import
        (asking again whether each exists would cost a query per row and per key), and
        the fields no row writes (what the import does not change was checked when it was
        saved). A check constraint is asked once per set of values it reads.
        """
        errors = {key: list(messages) for key, messages in errors.items()}
        model_fields = {f.name for f in self.model._meta.concrete_fields}
        found = {n for n, v in values.items() if isinstance(v, Model) and v.pk is not None}
        exclude = set(errors) | (model_fields - self._written) | found
        try:
            instance.full_clean(exclude=exclude, validate_constraints=False)
        except ValidationError as error:
            errors = _merge(errors, error)
        try:
            self._validate_constraints(instance, exclude | set(errors))
        except ValidationError as error:
            errors = _merge(errors, error)
        return errors

    def save(self, instance: Model, *, new: bool, m2m: dict[str, list]) -> None:
        """Saves with the importing user and the file in the history; the version moves on."""
        instance._history_user = self.user
        reason = _("Nhập từ bảng tính %(file)s") % {"file": self.file_name or ""}
        instance._change_reason = shorten(reason.strip(), 100)
        if not new and hasattr(instance, "version"):
            bump(instance)
        instance.save()
        for name, values in m2m.items():
            if not new:
                getattr(instance, name).set(values)
            elif values:  # a new row has nothing to remove: one query less
                getattr(instance, name).add(*values)

    # --- helpers ------------------------------------------------------------------------
    def _attname(self, name: str) -> str:
        return self.model._meta.get_field(name).attname

    def _validate_constraints(self, instance: Model, exclude: set[str]) -> None:
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


def _merge(errors: dict[str, list[str]], error: ValidationError) -> dict[str, list[str]]:
    for key, messages in error.message_dict.items():
        errors.setdefault(key, []).extend(messages)
    return errors


def duplicate_message(first: int, labels: Iterable[str]) -> str:
    return _("Trùng với dòng %(row)d (cùng %(columns)s).") % {
        "row": first,
        "columns": ", ".join(str(label) for label in labels),
    }
