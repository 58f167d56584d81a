"""Reminders: who owes what, told to whoever can act on it, never twice a day.

- Reporters: the reports their department owes (missing, draft or returned) in the
  periods being chased.
- Planning staff: reports waiting for their review, and their unit's *chase list*: the
  departments that have not sent their report, with the commitments and the deadline,
  commitments without a lead agency included (no department answers for those, so before
  this list they reminded nobody).
- By hand, from the chase list: planning staff of the unit (or an administrator) remind
  one department, that is its reporters, about its commitments of one period.

A report is chased from ``DUE_WITHIN_DAYS`` before a responsible unit's deadline (its
own calendar's, else the period's) until it is sent, or until its period is closed for
everyone or locked by the unit's calendar: a report owed does not drop off the list because
time passed (issue 21 item 7). Periods exist from the first year on, so an administrator
closes the periods nobody will report any more (the period's "Khóa kỳ" action, with its
reason); the demo closes those before it began.

Every e-mail is a ``ReminderLog`` row (to whom, what kind, about what, who sent it and
when); its unique constraint (user, kind, topic, day) is what keeps a second one out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agreements import succession
from agreements.access import (
    Actor,
    actor_for,
    reportable_commitment_ids,
    reporting_units_of,
)
from agreements.models import Agency, Membership, Role
from portal.lib.authz import allows, reviewable_reports
from regions.models import AdministrativeUnit
from reports.models import (
    CommitmentStanding,
    ReminderLog,
    ReminderRun,
    ReportingPeriod,
    ReportStatus,
    UnitCalendar,
    period_seq,
)
from reports.services.calendar import seq_of_day

DUE_WITHIN_DAYS = 7
NOT_SENT = ("", ReportStatus.DRAFT, ReportStatus.RETURNED)  # "" = no report yet


@dataclass
class ReminderCounts:
    sent: int = 0
    skipped_already_sent: int = 0
    skipped_no_email: int = 0


# --- the chase list ---------------------------------------------------------------------------


@dataclass
class ChaseGroup:
    """One department (or "no lead agency") of one responsible unit in one period."""

    period: ReportingPeriod
    unit: AdministrativeUnit
    agency: Agency | None  # the commitments' lead agency, as recorded
    rows: list[CommitmentStanding] = field(default_factory=list)
    # The departments answering for the rows now (``answering``), when the lead agency has
    # been merged or split since: (id, name), in the order first met.
    answering: list[tuple[int, str]] = field(default_factory=list)

    @property
    def department(self) -> str:
        """Who the heading names and the reminder reaches: the department answering for
        the rows, with the lead agency it continues unless of the same name ("" without
        a lead agency)."""
        if self.agency is None:
            return ""
        names = [name for pk, name in self.answering if pk != self.agency.pk]
        if set(names) <= {self.agency.name}:  # none, or a namesake (the old city's own)
            return self.agency.name
        return _("%(now)s (kế thừa %(given)s)") % {
            "now": ", ".join(names),
            "given": self.agency.name,
        }

    @property
    def due_on(self) -> dt.date:
        return min(row.due_on or self.period.department_due for row in self.rows)

    @property
    def topic(self) -> str:
        """What a reminder about this group is about (``ReminderLog.topic``)."""
        return chase_topic(self.period.short_label, self.unit.pk, self.agency)

    def late(self, today: dt.date) -> bool:
        return self.due_on < today

    def days_left(self, today: dt.date) -> int:
        return (self.due_on - today).days


def chase_topic(period_label: str, unit_id: int, agency: Agency | int | None) -> str:
    agency_id = agency.pk if isinstance(agency, Agency) else (agency or 0)
    return f"{period_label}/unit-{unit_id}/agency-{agency_id}"


def chased_periods(today: dt.date) -> list[ReportingPeriod]:
    """The periods that can be chased today (one query): every one not closed for
    everyone, up to the one under way (a deadline falls after its cut-off), latest first."""
    periods = ReportingPeriod.objects.filter(closed_at__isnull=True, year__lte=today.year)
    chased = [p for p in periods if is_chased(p, today)]
    return sorted(chased, key=lambda p: (p.year, p.half), reverse=True)


def is_chased(period: ReportingPeriod, today: dt.date) -> bool:
    """Not closed for everyone, and not after the period under way."""
    return period.closed_at is None and period_seq(period.year, period.half) <= seq_of_day(today)


def remindable(grid_rows, period: ReportingPeriod, actor: Actor, today: dt.date) -> set:
    """(commitment id, unit id) of the rows of a completeness grid (``ExpectedReport``)
    whose department the actor may remind today from the grid: not sent, on the chase
    list (period chased, deadline at most ``DUE_WITHIN_DAYS`` away or past) and of a unit
    the actor may chase. One check per unit, no query per row."""
    if not is_chased(period, today):
        return set()
    soon = today + dt.timedelta(days=DUE_WITHIN_DAYS)
    owed = [
        row
        for row in grid_rows
        if (row.report is None or row.report.status in NOT_SENT)
        and (row.due_on or period.department_due) <= soon
    ]
    units = {row.unit.pk for row in owed}
    allowed = {unit for unit in units if may_chase(actor, unit)}
    return {(row.commitment.pk, row.unit.pk) for row in owed if row.unit.pk in allowed}


def chase_rows(
    *,
    unit_ids: Iterable[int] | None,
    today: dt.date,
    periods: list[ReportingPeriod] | None = None,
):
    """Owed reports not sent (missing, draft or returned) whose deadline is at most
    ``DUE_WITHIN_DAYS`` away or past, of these responsible units (``None``: every unit).
    A queryset."""
    periods = chased_periods(today) if periods is None else periods
    rows = CommitmentStanding.objects.filter(
        seq__in=[period_seq(p.year, p.half) for p in periods],
        unit__isnull=False,
        expected=True,
        report_status__in=NOT_SENT,
        due_on__lte=today + dt.timedelta(days=DUE_WITHIN_DAYS),
    )
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=list(unit_ids))
    for seq, locked_units in _locked_units(periods).items():
        rows = rows.exclude(seq=seq, unit_id__in=locked_units)
    return rows


def _locked_units(periods: list[ReportingPeriod]) -> dict[int, set[int]]:
    """Period → the units its calendars locked, with the units merged into them. One
    query, and one more only when some unit locked one of these periods."""
    from reports.services.calendar import _predecessors_map

    locks = UnitCalendar.objects.filter(
        period__in=[p.pk for p in periods], closed_at__isnull=False
    ).values_list("period__year", "period__half", "unit_id")
    locked: dict[int, set[int]] = {}
    for year, half, unit_id in locks:
        locked.setdefault(period_seq(year, half), set()).add(unit_id)
    if locked:
        predecessors = _predecessors_map()
        for units in locked.values():
            units |= set().union(*(predecessors.get(u, set()) for u in units))
    return locked


CHASE_ORDER = (
    "due_on",
    "unit__short_name",
    "commitment__lead_agency__name",
    "commitment__agreement__title",
    "commitment__number",
    "commitment_id",
)


def chase_groups(
    rows,
    periods: list[ReportingPeriod],
    *,
    today: dt.date | None = None,
    links: tuple[succession.Links, dict[int, str]] | None = None,
) -> list[ChaseGroup]:
    """The rows (already sliced if need be) grouped by period, unit and lead agency, each
    group with the departments answering for it (``answering``): one query for the
    succession links, whatever the rows (none if ``links`` are given)."""
    by_seq = {period_seq(p.year, p.half): p for p in periods}
    groups: dict[tuple, ChaseGroup] = {}
    for row in rows:
        agency = row.commitment.lead_agency
        key = (row.seq, row.unit_id, agency.pk if agency else 0)
        if key not in groups:
            groups[key] = ChaseGroup(by_seq[row.seq], row.unit, agency)
        groups[key].rows.append(row)
    answering(list(groups.values()), today or timezone.localdate(), links)
    return list(groups.values())


def chase_links() -> tuple[succession.Links, dict[int, str]]:
    """Every agency succession link and the names it joins (one query), for ``answering``."""
    return succession.links_at_once()


def answering(
    groups: list[ChaseGroup],
    today: dt.date,
    links: tuple[succession.Links, dict[int, str]] | None = None,
) -> None:
    """Fill in each group's ``answering``: for each row, the agency the succession rule
    (``succession.answering_agency_id``, the rule that made the row's unit owe it) gives
    for its commitment on the later of the period's end and today: the report is owed
    now, so the department answering now is the one to remind (its reporters are those
    whose scope reaches the commitment, ``owed_by``). One query when ``links`` is None."""
    graph, names = links if links is not None else chase_links()
    for group in groups:
        if group.agency is None:
            continue
        day = max(group.period.data_to, today)
        found: dict[int, str] = {}
        for row in group.rows:
            commitment = row.commitment
            pk = succession.answering_agency_id(
                graph, group.agency.pk, day, commitment.pk, commitment.sector_id
            )
            found.setdefault(pk, group.agency.name if pk == group.agency.pk else names[pk])
        group.answering = list(found.items())


def select_chase(rows):
    return rows.select_related(
        "commitment__lead_agency", "commitment__agreement", "unit", "report"
    ).order_by(*CHASE_ORDER)


def chase_lines(groups: list[ChaseGroup], today: dt.date) -> list[str]:
    lines = []
    for group in groups:
        department = group.department or _("Chưa có cơ quan chủ trì")
        if group.late(today):
            when = _("quá hạn %(days)d ngày") % {"days": -group.days_left(today)}
        else:
            when = _("còn %(days)d ngày") % {"days": group.days_left(today)}
        lines.append(
            _("%(period)s — %(unit)s — %(department)s: hạn %(due)s (%(when)s)")
            % {
                "period": group.period,
                "unit": group.unit.short_name,
                "department": department,
                "due": group.due_on.strftime("%d/%m/%Y"),
                "when": when,
            }
        )
        lines += [f"    - {row.commitment.title}" for row in group.rows]
    return lines


# --- who may chase by hand -----------------------------------------------------------------


def may_chase(actor: Actor, unit_id: int | None) -> bool:
    """May remind the departments of this unit by hand: asks the authority
    (``reports.chase_unit``: administrators, and planning staff of the unit or its successor)."""
    return allows(actor.user, "reports.chase_unit", AdministrativeUnit(pk=unit_id))


# --- the daily run -------------------------------------------------------------------------------


def send_reminders(*, today: dt.date | None = None, dry_run: bool = False) -> ReminderCounts:
    today = today or timezone.localdate()
    counts = ReminderCounts()
    periods = chased_periods(today)
    owed = list(select_chase(chase_rows(unit_ids=None, today=today, periods=periods)))
    links = chase_links()
    memberships = Membership.objects.filter(
        user__is_active=True, role__in=[Role.REPORTER, Role.PLANNING]
    ).select_related("user")
    for membership in memberships:
        user = membership.user
        actor = actor_for(user)
        if membership.role == Role.REPORTER:
            groups = chase_groups(owed_by(actor, owed), periods, today=today, links=links)
            items = chase_lines(groups, today)
            subject = _("Báo cáo hợp tác sắp đến hạn hoặc quá hạn")
            _send_once(
                user, ReminderLog.Kind.REPORT_DUE, "", subject, items, today, counts, dry_run
            )
            continue
        waiting = reviewable_reports(user).select_related("commitment", "reporting_unit", "period")
        items = [str(report) for report in waiting]
        subject = _("Báo cáo tiến độ đang chờ duyệt")
        _send_once(
            user, ReminderLog.Kind.REVIEW_WAITING, "", subject, items, today, counts, dry_run
        )
        mine = [row for row in owed if row.unit_id in actor.unit_ids]
        items = chase_lines(chase_groups(mine, periods, today=today, links=links), today)
        subject = _("Các sở, ngành chưa gửi báo cáo hợp tác")
        topic = f"unit-{membership.unit_id}"
        _send_once(user, ReminderLog.Kind.CHASE_LIST, topic, subject, items, today, counts, dry_run)
    return counts


def run_daily(*, dry_run: bool = False) -> ReminderCounts:
    """The scheduled run: ``send_reminders`` recorded as a ``ReminderRun`` (started,
    finished, counts, or the error that stopped it), which the administrators' home shows."""
    run = ReminderRun.objects.create(started_at=timezone.now(), dry_run=dry_run)
    try:
        counts = send_reminders(dry_run=dry_run)
    except Exception as error:
        run.error = f"{type(error).__name__}: {error}"[:2000]
        run.finished_at = timezone.now()
        run.save(update_fields=["error", "finished_at"])
        raise
    run.sent, run.already_sent, run.no_email = (
        counts.sent,
        counts.skipped_already_sent,
        counts.skipped_no_email,
    )
    run.finished_at = timezone.now()
    run.save(update_fields=["sent", "already_sent", "no_email", "finished_at"])
    return counts


def owed_by(actor: Actor, rows: list[CommitmentStanding]) -> list[CommitmentStanding]:
    """The rows a reporter's department answers for."""
    commitment_ids = reportable_commitment_ids(actor)
    unit_ids = reporting_units_of(actor)
    return [row for row in rows if row.commitment_id in commitment_ids and row.unit_id in unit_ids]


def _send_once(
    user: User,
    kind: str,
    topic: str,
    subject: str,
    items: list[str],
    today: dt.date,
    counts: ReminderCounts,
    dry_run: bool,
    sent_by: User | None = None,
) -> bool:
    """One e-mail and its log row, unless the user has no address or already got it."""
    if not items:
        return False
    if not user.email:
        counts.skipped_no_email += 1
        return False
    try:
        with transaction.atomic():
            ReminderLog.objects.create(
                user=user,
                kind=kind,
                topic=topic,
                sent_on=today,
                sent_at=timezone.now(),
                sent_by=sent_by,
                item_count=len(items),
                summary="\n".join(items)[:5000],
            )
            if dry_run:
                transaction.set_rollback(True)
            else:
                _mail(user, subject, items, sent_by)
    except IntegrityError:
        counts.skipped_already_sent += 1
        return False
    counts.sent += 1
    return True


def _mail(user: User, subject: str, items: list[str], sent_by: User | None) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        greeting = _("Kính gửi %(name)s,") % {"name": user.get_full_name() or user.username}
        lines = [greeting, "", *items]
        if sent_by is not None:
            sender = sent_by.get_full_name() or sent_by.username
            lines += ["", _("Người nhắc: %(name)s") % {"name": sender}]
        send_mail(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [user.email])


# --- by hand, from the chase list -------------------------------------------------------------


@dataclass
class ChaseOutcome:
    group: ChaseGroup
    sent: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    no_email: list[str] = field(default_factory=list)


def find_group(
    *, period_label: str, unit_id: int, agency_id: int, today: dt.date
) -> ChaseGroup | None:
    periods = [p for p in chased_periods(today) if p.short_label == period_label]
    rows = select_chase(chase_rows(unit_ids=[unit_id], today=today, periods=periods))
    rows = rows.filter(commitment__lead_agency_id=agency_id or None)
    groups = chase_groups(rows, periods, today=today)
    return groups[0] if groups else None


@transaction.atomic
def send_department_chase(
    *,
    actor: Actor,
    period_label: str,
    unit_id: int,
    agency_id: int,
    today: dt.date | None = None,
) -> ChaseOutcome:
    """Remind the reporters of one department of one unit about one period, by hand.

    Refused (``PermissionDenied``) unless ``may_chase``; ``ValidationError`` when the
    group is no longer on the chase list, or when nobody could be reminded.
    """
    if not may_chase(actor, unit_id):
        raise PermissionDenied
    today = today or timezone.localdate()
    group = find_group(period_label=period_label, unit_id=unit_id, agency_id=agency_id, today=today)
    if group is None:
        raise ValidationError(
            _("Nội dung này không còn trong danh sách cần nhắc (đã gửi báo cáo hoặc kỳ đã khóa).")
        )
    outcome = ChaseOutcome(group)
    items = chase_lines([group], today)
    subject = _("Nhắc gửi báo cáo hợp tác %(period)s") % {"period": group.period}
    for user in _reporters_owing(group):
        counts = ReminderCounts()
        name = user.get_full_name() or user.username
        kind = ReminderLog.Kind.DEPARTMENT_CHASE
        _send_once(user, kind, group.topic, subject, items, today, counts, False, actor.user)
        if counts.sent:
            outcome.sent.append(name)
        elif counts.skipped_already_sent:
            outcome.already.append(name)
        else:
            outcome.no_email.append(name)
    if not outcome.sent:
        raise ValidationError(_refusal(outcome))
    return outcome


def _refusal(outcome: ChaseOutcome) -> str:
    if outcome.already:
        return _(
            "Chưa gửi: %(names)s đã nhận nhắc việc này hôm nay (mỗi người chỉ nhận một lần "
            "một ngày cho cùng một việc)."
        ) % {"names": ", ".join(outcome.already)}
    if outcome.no_email:
        return _("Chưa gửi: %(names)s chưa có địa chỉ e-mail.") % {
            "names": ", ".join(outcome.no_email)
        }
    return _(
        "Chưa gửi: không có cán bộ báo cáo nào phụ trách các nội dung này. Hãy giao cơ "
        "quan chủ trì hoặc tạo tài khoản cho cán bộ báo cáo của cơ quan."
    )


def _reporters_owing(group: ChaseGroup) -> list[User]:
    """Active reporters whose department answers for at least one row of the group."""
    reporters = Membership.objects.filter(
        user__is_active=True, role=Role.REPORTER, agency__isnull=False
    ).select_related("user")
    found = []
    for membership in reporters.order_by("user__username"):
        if owed_by(actor_for(membership.user), group.rows):
            found.append(membership.user)
    return found
