"""Daily reminders: reporters whose reports are due or overdue, planning staff with
reports waiting for review. Each user gets each kind of reminder at most once a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agreements.access import actor_for, reportable_commitments, reporting_units_of
from agreements.models import Membership, Role
from reports import queries
from reports.models import ReminderLog, ReportingPeriod

DUE_WITHIN_DAYS = 7
OVERDUE_CHASED_DAYS = 183  # until the next period's deadline
OWED_STATES = {queries.MISSING, "draft", "returned"}


@dataclass
class ReminderCounts:
    sent: int = 0
    skipped_already_sent: int = 0
    skipped_no_email: int = 0


def _periods_due(today: dt.date) -> list[ReportingPeriod]:
    """Open periods due within the week, and the last one overdue (older ones are past
    chasing: periods exist from the first year on, nobody closes them all)."""
    horizon = today + dt.timedelta(days=DUE_WITHIN_DAYS)
    since = today - dt.timedelta(days=OVERDUE_CHASED_DAYS)
    return list(
        ReportingPeriod.objects.filter(
            closed_at__isnull=True, department_due__lte=horizon, department_due__gte=since
        )
    )


def send_reminders(*, today: dt.date | None = None, dry_run: bool = False) -> ReminderCounts:
    today = today or timezone.localdate()
    counts = ReminderCounts()
    from agreements.models import Agreement

    grids = [
        queries.completeness(p, Agreement.objects.all(), today=today) for p in _periods_due(today)
    ]
    memberships = Membership.objects.filter(
        user__is_active=True, role__in=[Role.REPORTER, Role.PLANNING]
    ).select_related("user")
    for membership in memberships:
        user = membership.user
        actor = actor_for(user)
        if membership.role == Role.REPORTER:
            items = _owed_by(actor, grids)
            kind, subject = (
                ReminderLog.Kind.REPORT_DUE,
                _("Báo cáo hợp tác sắp đến hạn hoặc quá hạn"),
            )
        else:
            items = [
                str(r)
                for r in queries.waiting_for_review(actor.unit_ids).select_related(
                    "commitment", "reporting_unit", "period"
                )
            ]
            kind, subject = ReminderLog.Kind.REVIEW_WAITING, _("Báo cáo tiến độ đang chờ duyệt")
        if items:
            _send_once(user, kind, subject, items, today, counts, dry_run)
    return counts


def _owed_by(actor, grids) -> list[str]:
    commitment_ids = set(reportable_commitments(actor).values_list("pk", flat=True))
    unit_ids = reporting_units_of(actor)
    lines = []
    for grid in grids:
        for row in grid.rows:
            if (
                row.state in OWED_STATES
                and row.commitment.pk in commitment_ids
                and row.unit.pk in unit_ids
            ):
                due = grid.period.department_due.strftime("%d/%m/%Y")
                lines.append(
                    _("%(period)s — %(commitment)s (hạn %(due)s)")
                    % {"period": grid.period, "commitment": row.commitment, "due": due}
                )
    return lines


def _send_once(
    user: User, kind: str, subject: str, items: list[str], today, counts, dry_run
) -> None:
    if not user.email:
        counts.skipped_no_email += 1
        return
    try:
        with transaction.atomic():
            ReminderLog.objects.create(user=user, kind=kind, sent_on=today, item_count=len(items))
            if not dry_run:
                with translation.override(settings.LANGUAGE_CODE):
                    body = "\n".join(
                        [
                            _("Kính gửi %(name)s,")
                            % {"name": user.get_full_name() or user.username},
                            "",
                            *items,
                        ]
                    )
                    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            else:
                transaction.set_rollback(True)
    except IntegrityError:
        counts.skipped_already_sent += 1
        return
    counts.sent += 1
