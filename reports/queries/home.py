"""What each role's admin home shows: the work waiting, each count linked to its list.

- A reporter: reports returned to their department, drafts not sent, reports waiting
  for approval, and what the department owes in the periods being chased (missing,
  draft or returned), each with its deadline and one click to the report.
- Planning staff: reports waiting for their review, their unit's chase list (the
  departments that have not sent their report, with the commitments and the deadline),
  commitments without a lead agency, and the unit's periods with their deadlines.
- An administrator: the same across units, and the state of the scheduled jobs.

Every count is read so that the list its link opens shows exactly the rows counted
(``tests/test_home.py`` follows each link). Reads are a fixed number of queries whatever
the data: counts in one aggregate, lists sliced, deadlines joined in the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.access import Actor, actor_for, manageable_agreements, reportable_commitments
from agreements.access import reporting_units_of as reporting_units
from agreements.models import Agency, Commitment, Membership
from portal.lib.authz import reviewable_reports
from reports.models import (
    CommitmentStanding,
    ExportJob,
    ExportState,
    ProgressReport,
    ReminderLog,
    ReminderRun,
    ReportingPeriod,
    ReportStatus,
    seq_period,
)
from reports.queries.review import WAITING_ORDER
from reports.services import reminders, workflow
from reports.services.background import STALLED_AFTER
from reports.services.calendar import UnitWindow, recent_unit_calendar, seq_of_day

LIST_SHOWN = 10  # reports and commitments listed under a count
CHASE_SHOWN = 40  # chase rows on the home; the chase page shows them all
JOBS_SINCE_DAYS = 7


@dataclass
class Tally:
    """A count and the list that shows exactly the rows counted."""

    key: str
    label: str
    number: int
    url: str
    warn: bool = False  # something is late or wrong


@dataclass
class ReportLine:
    report: ProgressReport
    due_on: dt.date
    today: dt.date

    @property
    def late(self) -> bool:
        return self.report.status != ReportStatus.SUBMITTED and self.due_on < self.today

    @property
    def days(self) -> int:
        return abs((self.due_on - self.today).days)

    @property
    def url(self) -> str:
        return reverse("admin:reports_progressreport_change", args=[self.report.pk])


@dataclass
class JobsState:
    reminders_disabled: bool
    last_run: ReminderRun | None
    run_overdue: bool  # no run in the last RUN_EXPECTED_WITHIN: is the schedule alive?
    last_reminder_on: dt.date | None
    last_reminder_tally: Tally | None
    exports: dict[str, int]
    problem_jobs: list[ExportJob]


@dataclass
class Home:
    role: str  # "reporter", "planning", "admin" or "" (nothing to do here)
    today: dt.date
    tallies: list[Tally] = field(default_factory=list)
    reports_title: str = ""
    reports: list[ReportLine] = field(default_factory=list)
    chase: list[reminders.ChaseGroup] = field(default_factory=list)
    chase_total: int = 0
    may_send: bool = False
    no_lead: list[Commitment] = field(default_factory=list)
    periods: list[UnitWindow] = field(default_factory=list)
    unit_name: str = ""
    jobs: JobsState | None = None

    @property
    def chase_shown(self) -> int:
        return sum(len(group.rows) for group in self.chase)


def changelist(name: str, **params) -> str:
    url = reverse(f"admin:{name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def report_list(**params) -> str:
    return changelist("reports_progressreport", **params)


def chase_url() -> str:
    return reverse("reports:chase-list")


def ids_param(ids) -> str:
    return ",".join(str(i) for i in sorted(ids))


# --- the one entry point ------------------------------------------------------------------------


def home_for(user, today: dt.date | None = None) -> Home:
    today = today or timezone.localdate()
    actor = actor_for(user)
    if actor.is_admin:
        return _admin_home(actor, today)
    if actor.is_planning:
        return _planning_home(actor, today)
    if actor.is_reporter:
        return _reporter_home(actor, today)
    return Home("", today)


# --- the chase list, as each role may see it ------------------------------------------------


def chase_for(actor: Actor, today: dt.date, periods: list[ReportingPeriod] | None = None):
    """The chase rows this actor may see: all (administrators), their unit's (planning
    staff), their department's (reporters). A queryset; nothing for anyone else."""
    if actor.is_admin:
        return reminders.chase_rows(unit_ids=None, today=today, periods=periods)
    if actor.is_planning:
        return reminders.chase_rows(unit_ids=actor.unit_ids, today=today, periods=periods)
    if actor.is_reporter:
        rows = reminders.chase_rows(unit_ids=reporting_units(actor), today=today, periods=periods)
        return rows.filter(commitment__in=reportable_commitments(actor).values("pk"))
    return CommitmentStanding.objects.none()


def chase_page(actor: Actor, today: dt.date, *, limit: int | None = None):
    """(groups, total rows, late rows, periods): four queries (periods, count, rows, the
    agency succession links that name each group's department), one more when a unit
    locked one of the chased periods."""
    periods = reminders.chased_periods(today)
    rows = chase_for(actor, today, periods)
    counted = rows.order_by().aggregate(total=Count("pk"), late=Count("pk", Q(due_on__lt=today)))
    shown = reminders.select_chase(rows)
    groups = reminders.chase_groups(shown[:limit] if limit else shown, periods, today=today)
    return groups, counted["total"], counted["late"], periods


def rows_by_period(groups: list[reminders.ChaseGroup]) -> list[tuple[ReportingPeriod, int]]:
    """(period, rows) for the periods that have chase rows, latest first."""
    counts: dict[int, list] = {}
    for group in groups:
        counts.setdefault(group.period.pk, [group.period, 0])[1] += len(group.rows)
    return sorted(
        ((p, n) for p, n in counts.values()), key=lambda pn: (pn[0].year, pn[0].half), reverse=True
    )


def _chase_tally(actor: Actor, home: Home, label: str) -> Tally:
    groups, total, late, _periods = chase_page(actor, home.today, limit=CHASE_SHOWN)
    home.chase, home.chase_total = groups, total
    if late:
        label = _("%(label)s (%(late)d quá hạn)") % {"label": label, "late": late}
    return Tally("chase", label, total, chase_url(), warn=bool(late))


# --- reporter ----------------------------------------------------------------------------------


def _status_counts(
    reports: QuerySet[ProgressReport], *, reviewer: Actor | None = None
) -> dict[str, int]:
    """Reports per status; with ``reviewer``, also those they may review (one query)."""
    counts = {status: Count("pk", Q(status=status)) for status in ReportStatus.values}
    if reviewer is not None:
        mine = reviewable_reports(reviewer.user).values("pk")
        counts[REVIEW] = Count("pk", Q(pk__in=mine))
    return reports.order_by().aggregate(**counts)


def _with_due(reports: QuerySet[ProgressReport]) -> QuerySet[ProgressReport]:
    """Each report's deadline: its unit's (from the standing records), else the period's."""
    own = CommitmentStanding.objects.filter(
        commitment=OuterRef("commitment"),
        unit=OuterRef("reporting_unit"),
        seq=OuterRef("period__year") * 2 + OuterRef("period__half") - 1,
    ).values("due_on")[:1]
    return reports.annotate(due=Coalesce(Subquery(own), F("period__department_due")))


def _report_lines(
    reports: QuerySet[ProgressReport], today: dt.date, order=("due", "pk")
) -> list[ReportLine]:
    rows = _with_due(reports).select_related("commitment", "period", "reporting_unit")
    return [ReportLine(r, r.due, today) for r in rows.order_by(*order)[:LIST_SHOWN]]


def _reporter_home(actor: Actor, today: dt.date) -> Home:
    home = Home("reporter", today)
    home.unit_name = _working_for(actor)
    mine = workflow.visible_reports(actor)  # theirs, and approved ones (not counted here)
    counts = _status_counts(mine)
    home.tallies = [
        Tally(
            "returned",
            _("Bị trả lại, cần sửa"),
            counts[ReportStatus.RETURNED],
            report_list(status__exact=ReportStatus.RETURNED),
            warn=bool(counts[ReportStatus.RETURNED]),
        ),
        Tally(
            "draft",
            _("Bản nháp chưa gửi"),
            counts[ReportStatus.DRAFT],
            report_list(status__exact=ReportStatus.DRAFT),
        ),
        Tally(
            "submitted",
            _("Đã gửi, chờ duyệt"),
            counts[ReportStatus.SUBMITTED],
            report_list(status__exact=ReportStatus.SUBMITTED),
        ),
        _chase_tally(actor, home, _("Phải gửi trong kỳ đang theo dõi")),
    ]
    home.reports_title = _("Báo cáo cần sửa hoặc gửi")
    to_do = mine.filter(status__in=[ReportStatus.RETURNED, ReportStatus.DRAFT])
    home.reports = _report_lines(to_do, today)
    return home


def _working_for(actor: Actor) -> str:
    """The department the reporter works for today, and the one named in their membership
    when it has since been merged into it (one query; two for a merged department)."""
    membership = Membership.objects.select_related("agency").get(user=actor.user)
    given = membership.agency
    if given is None or actor.agency_id in (None, given.pk):
        return str(given or "")
    now = Agency.objects.get(pk=actor.agency_id)
    return _("%(now)s (kế thừa %(given)s)") % {"now": now.name, "given": given.name}


# --- planning staff ------------------------------------------------------------------------


def _planning_home(actor: Actor, today: dt.date) -> Home:
    home = Home("planning", today)
    membership = Membership.objects.select_related("unit").get(user=actor.user)
    unit = membership.unit
    home.unit_name = unit.name
    units = ids_param(actor.unit_ids)
    ours = ProgressReport.objects.filter(reporting_unit_id__in=actor.unit_ids)
    counts = _status_counts(ours, reviewer=actor)
    no_lead = Commitment.objects.filter(
        agreement__in=manageable_agreements(actor), lead_agency__isnull=True
    )
    home.tallies = [
        _review_tally(_("Chờ bạn duyệt"), counts),
        Tally(
            "returned",
            _("Đã trả lại, chờ sở gửi lại"),
            counts[ReportStatus.RETURNED],
            report_list(status__exact=ReportStatus.RETURNED, reporting_unit__id__in=units),
        ),
        _chase_tally(actor, home, _("Nội dung sở, ngành chưa gửi báo cáo")),
        _no_lead_tally(home, no_lead, changelist(
            "agreements_commitment", unit=unit.key, lead_agency__isnull="True"
        )),
    ]  # fmt: skip
    home.reports_title = _("Báo cáo chờ bạn duyệt")
    home.reports = _report_lines(queries_waiting(actor), today, WAITING_ORDER)
    home.may_send = True
    home.periods = recent_unit_calendar(unit, today)
    return home


def queries_waiting(actor: Actor) -> QuerySet[ProgressReport]:
    """The reports waiting for this user's decision: only those they may approve or return
    (``reports.review_progressreport`` as a filter; four eyes: not their own)."""
    return reviewable_reports(actor.user)


REVIEW = "review"  # the changelist filter of the reports waiting for the user's decision


def review_list_url() -> str:
    """The review list: the reports the user may approve or return (``ReviewFilter``)."""
    return report_list(**{REVIEW: "mine"})


def _review_tally(label: str, counts: dict[str, int]) -> Tally:
    number = counts[REVIEW]
    return Tally("review", label, number, review_list_url(), warn=bool(number))


def _no_lead_tally(home: Home, commitments: QuerySet[Commitment], url: str) -> Tally:
    listed = commitments.select_related("agreement").order_by("agreement__title", "number", "pk")
    home.no_lead = list(listed[:LIST_SHOWN])
    number = commitments.count()
    return Tally("no_lead", _("Nội dung chưa có cơ quan chủ trì"), number, url, warn=bool(number))


# --- administrators --------------------------------------------------------------------------


def _admin_home(actor: Actor, today: dt.date) -> Home:
    home = Home("admin", today)
    counts = _status_counts(ProgressReport.objects.all(), reviewer=actor)
    no_lead = Commitment.objects.filter(lead_agency__isnull=True)
    home.tallies = [
        _review_tally(_("Chờ duyệt (mọi đơn vị)"), counts),
        Tally(
            "returned",
            _("Đã trả lại, chờ gửi lại"),
            counts[ReportStatus.RETURNED],
            report_list(status__exact=ReportStatus.RETURNED),
        ),
        _chase_tally(actor, home, _("Nội dung chưa gửi báo cáo (mọi đơn vị)")),
        _no_lead_tally(home, no_lead, changelist(
            "agreements_commitment", lead_agency__isnull="True"
        )),
    ]  # fmt: skip
    home.reports_title = _("Báo cáo chờ duyệt")
    home.reports = _report_lines(queries_waiting(actor), today, WAITING_ORDER)
    home.may_send = True
    home.periods = _national_periods(today)
    home.jobs = _jobs_state(today)
    if home.jobs.last_reminder_tally is not None:
        home.tallies.append(home.jobs.last_reminder_tally)
    return home


def _national_periods(today: dt.date, count: int = 4) -> list[UnitWindow]:
    """The period under way and the ones before it, with the national deadlines."""
    current = seq_of_day(today)
    wanted = [seq_period(seq) for seq in range(current, current - count, -1)]
    found = {
        (p.year, p.half): p
        for p in ReportingPeriod.objects.filter(year__in={y for y, _h in wanted})
    }
    return [
        UnitWindow(
            period=p,
            department_due=p.department_due,
            consolidated_due=p.consolidated_due,
            closed=p.is_closed,
            close_note=p.close_note,
            closed_at=p.closed_at,
            closed_for_all=p.is_closed,
            own=False,
        )
        for p in (found[key] for key in wanted if key in found)
    ]


RUN_EXPECTED_WITHIN = dt.timedelta(hours=26)  # a daily run, with slack for a late cron


def _jobs_state(today: dt.date) -> JobsState:
    """The last day reminders went out and the background files of the last week."""
    last = (
        ReminderLog.objects.order_by()
        .values("sent_on")
        .annotate(n=Count("pk"))
        .order_by("-sent_on")
        .first()
    )
    tally = None
    if last is not None:
        day = last["sent_on"]
        tally = Tally(
            "reminders",
            _("Nhắc việc gửi ngày %(day)s") % {"day": day.strftime("%d/%m/%Y")},
            last["n"],
            changelist(
                "reports_reminderlog",
                sent_on__year=day.year,
                sent_on__month=day.month,
                sent_on__day=day.day,
            ),
        )
    now = timezone.now()
    last_run = ReminderRun.objects.order_by("-started_at").first()
    recent = ExportJob.objects.filter(created_at__gte=now - dt.timedelta(days=JOBS_SINCE_DAYS))
    waiting = Q(state__in=[ExportState.QUEUED, ExportState.RUNNING])
    stalled = waiting & Q(
        Q(heartbeat_at__lt=now - STALLED_AFTER)
        | Q(heartbeat_at__isnull=True, created_at__lt=now - STALLED_AFTER)
    )
    exports = recent.aggregate(
        **{state: Count("pk", Q(state=state)) for state in ExportState.values},
        stalled=Count("pk", stalled),
    )
    problems = list(
        recent.filter(Q(state=ExportState.FAILED) | stalled).order_by("-created_at")[:5]
    )
    return JobsState(
        reminders_disabled=bool(getattr(settings, "REMINDERS_DISABLED", False)),
        last_run=last_run,
        run_overdue=last_run is None or last_run.started_at < now - RUN_EXPECTED_WITHIN,
        last_reminder_on=last["sent_on"] if last else None,
        last_reminder_tally=tally,
        exports=exports,
        problem_jobs=problems,
    )
