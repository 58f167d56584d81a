"""Importing commitments: rows already read from a file, written all or nothing.

Planning staff keep the commitments of their agreements in spreadsheets; the admin's
import page and ``manage.py import_sheet`` read the file (``agreements.resources``) and
hand the rows here. A commitment is known by its agreement and its title (accents and
case ignored). The permission rule is the admin's (``portal/permissions.py``), asked on
the row as it was and as the file would leave it: a partner cannot rewrite or take over
another party's commitment through a spreadsheet. A row that changes nothing is skipped,
so importing an export back is always harmless.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from agreements import access
from agreements.models import Agency, Agreement, Commitment, Sector
from agreements.widgets import commitments_by_title
from portal.lib.authz import allows
from portal.lib.importing import name_key
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

#: how the natural key is named in a message: the headers of the commitments' file
KEY_LABELS = ("Thỏa thuận", "Nội dung hợp tác")


@dataclass(frozen=True)
class CommitmentRow:
    """One commitment as a file gives it.

    ``columns``: the fields the file has (``None``: all); the others are left as stored.
    ``number`` or ``stage`` left empty (``None``) keeps the stored value, or the model's
    default for a new commitment.
    """

    row: int
    agreement: Agreement | None
    title: str
    sector: Sector | None = None
    number: int | None = None
    description: str = ""
    committing_unit: AdministrativeUnit | None = None
    lead_agency: Agency | None = None
    supporting_agencies: tuple[Agency, ...] = ()
    start_on: dt.date | None = None
    due_on: dt.date | None = None
    stage: str | None = None
    columns: frozenset[str] | None = None


@transaction.atomic
def import_commitments(
    rows: Sequence[CommitmentRow],
    *,
    user: AbstractBaseUser,
    dry_run: bool,
    file_name: str = "",
) -> ImportResult:
    """Checks every row, then writes them all, or nothing if any row is refused.

    A dry run checks the same and writes nothing. Each row runs in its own savepoint: a
    row that fails in the database is reported as that row's error and the others are
    still checked.
    """
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Cần biết ai đang nhập tệp."))
    importer = _Importer(user=user, dry_run=dry_run, file_name=file_name)
    result = ImportResult(dry_run=dry_run)
    result.apply(rows, importer.one)
    if not result.written:
        transaction.set_rollback(True)
    return result


class _Importer:
    def __init__(self, *, user, dry_run: bool, file_name: str):
        self.user, self.dry_run = user, dry_run
        self.actor = access.actor_for(user)
        self.actor.cache.clear()  # facts as they are now (an earlier import may have added)
        self.manageable = (
            None
            if self.actor.is_admin
            else set(access.manageable_agreements(self.actor).values_list("pk", flat=True))
        )
        self.writer = RowWriter(
            Commitment,
            row_class=CommitmentRow,
            user=user,
            file_name=file_name,
            keep_if_blank=frozenset({"number", "stage"}),
        )
        self.titles: dict = {}
        self.seen: dict[tuple, int] = {}

    def one(self, row: CommitmentRow) -> tuple[RowOutcome | None, dict[str, list[str]]]:
        errors: dict[str, list[str]] = {}
        values = given(row)
        existing = self.find(row, errors)
        new = existing is None
        instance = Commitment() if new else existing
        original = None if new else self.writer.original(instance)
        before = {} if new else self.writer.snapshot(instance, values)
        m2m = self.writer.apply(instance, values)
        if row.agreement is not None and row.title:
            key = (row.agreement.pk, name_key(row.title))
            first = self.seen.setdefault(key, row.row)
            if first != row.row:
                errors.setdefault("title", []).append(duplicate_message(first, KEY_LABELS))
        changed = new or self.writer.differs(instance, before, m2m)
        if not changed and not errors:
            return RowOutcome(row.row, SKIP, instance, original), {}
        if not errors:
            errors.update(self.refusal(instance, new=new))
        errors = self.writer.validate(instance, errors, values)
        if errors:
            return None, errors
        if not self.dry_run:
            self.writer.save(instance, new=new, m2m=m2m)
        return RowOutcome(row.row, NEW if new else UPDATE, instance, original), {}

    def find(self, row: CommitmentRow, errors: dict) -> Commitment | None:
        if row.agreement is None or not row.title:
            return None
        matches = commitments_by_title(row.agreement, self.titles).get(name_key(row.title), [])
        if len(matches) > 1:
            errors.setdefault("title", []).append(
                _("Thỏa thuận đã có %(n)d nội dung cùng tên này; hãy sửa trong trang quản trị.")
                % {"n": len(matches)}
            )
            return None
        return matches[0] if matches else None

    def refusal(self, instance: Commitment, *, new: bool) -> dict[str, list[str]]:
        """The admin's rule (portal/permissions.py), on the row as it was and as the file
        would leave it."""
        if instance.agreement_id is None:
            return {}  # the model's own check says the agreement is missing
        if self.manageable is not None and instance.agreement_id not in self.manageable:
            return {
                "agreement": [
                    _("Bạn không có quyền thêm hoặc sửa nội dung của thỏa thuận “%(title)s”.")
                    % {"title": instance.agreement.title}
                ]
            }
        permission = f"agreements.{'add' if new else 'change'}_commitment"
        allowed = allows(self.user, permission, instance)
        if allowed and not new:
            stored = Commitment.objects.select_related("agreement").get(pk=instance.pk)
            allowed = allows(self.user, "agreements.change_commitment", stored)
        if allowed:
            return {}
        return {
            "committing_unit": [
                _(
                    "Nội dung “%(title)s” là cam kết của bên khác (hoặc chung của các bên, "
                    "do bên điều phối quản lý): bạn không thêm hoặc sửa được."
                )
                % {"title": instance.title}
            ]
        }
