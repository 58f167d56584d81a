"""The progress-report workflow as one state machine, and who may move a report.

    draft ──submit──▶ submitted ──approve──▶ approved (read-only)
                          │
                          └──return (reason)──▶ returned ──submit──▶ submitted

A closed period accepts no new report, edit or submission except from planning
staff (and administrators). Every transition stamps who and when; the history
table records the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.access import (
    Actor,
    manageable_agreements,
    reportable_commitments,
    reporting_units_of,
)
from reports.models import ProgressReport, ReportingPeriod, ReportStatus

S = ReportStatus


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str


SUBMIT = Transition("submit", frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED)
APPROVE = Transition("approve", frozenset({S.SUBMITTED}), S.APPROVED)
RETURN = Transition("return", frozenset({S.SUBMITTED}), S.RETURNED)
TRANSITIONS = {t.name: t for t in (SUBMIT, APPROVE, RETURN)}


class TransitionRefused(ValidationError):
    """A transition the state machine does not allow from the report's status."""


# --- who may do what ---------------------------------------------------------------


def visible_reports(actor: Actor, queryset: QuerySet[ProgressReport] | None = None):
    """Reports the actor may see in staff tools (admin, imports, staff downloads).

    Approved reports are public, so everyone sees them; administrators see all;
    planning staff also their agreements' reports and their units'; reporters their
    own agency's reports for their unit.
    """
    queryset = ProgressReport.objects.all() if queryset is None else queryset
    if actor.is_admin:
        return queryset
    seen = Q(status=S.APPROVED)
    if actor.is_planning:
        seen |= Q(commitment__agreement__in=manageable_agreements(actor))
        seen |= Q(reporting_unit_id__in=actor.unit_ids)
    elif actor.is_reporter:
        seen |= Q(
            commitment__in=reportable_commitments(actor),
            reporting_unit_id__in=reporting_units_of(actor),
        )
    return queryset.filter(seen)


def period_open_for(actor: Actor, period: ReportingPeriod) -> bool:
    return not period.is_closed or actor.is_admin or actor.is_planning


def can_write(actor: Actor, report: ProgressReport) -> bool:
    """May create or edit this report's content (not its status)."""
    if report.status not in (S.DRAFT, S.RETURNED):
        return False  # submitted waits for review; approved is read-only
    if report.period_id and not period_open_for(actor, report.period):
        return False
    if actor.is_admin:
        return True
    if not (actor.is_reporter or actor.is_planning):
        return False
    if report.reporting_unit_id and report.reporting_unit_id not in reporting_units_of(actor):
        return False
    if report.commitment_id is None:
        return True
    return reportable_commitments(actor).filter(pk=report.commitment_id).exists()


def can_review(actor: Actor, report: ProgressReport) -> bool:
    """May approve or return: planning staff of the reporting unit, administrators."""
    if actor.is_admin:
        return True
    return actor.is_planning and report.reporting_unit_id in actor.unit_ids


def allowed_transitions(actor: Actor, report: ProgressReport) -> list[Transition]:
    allowed = []
    if report.status in SUBMIT.sources and can_write(actor, report):
        allowed.append(SUBMIT)
    if report.status in APPROVE.sources and can_review(actor, report):
        allowed += [APPROVE, RETURN]
    return allowed


# --- transitions --------------------------------------------------------------------


def _check(actor: Actor, report: ProgressReport, transition: Transition) -> None:
    if report.status not in transition.sources:
        raise TransitionRefused(
            _("Không thể %(action)s báo cáo đang ở trạng thái “%(status)s”.")
            % {"action": _action_label(transition), "status": report.get_status_display()}
        )
    if transition not in allowed_transitions(actor, report):
        raise PermissionDenied(
            _("Bạn không có quyền %(action)s báo cáo này.") % {"action": _action_label(transition)}
        )


def _action_label(transition: Transition) -> str:
    return {"submit": _("gửi"), "approve": _("duyệt"), "return": _("trả lại")}[transition.name]


def _locked(report: ProgressReport) -> ProgressReport:
    return ProgressReport.objects.select_for_update().select_related("period").get(pk=report.pk)


@transaction.atomic
def submit(*, report: ProgressReport, actor: Actor) -> ProgressReport:
    report = _locked(report)
    _check(actor, report, SUBMIT)
    report.status = S.SUBMITTED
    report.submitted_by = actor.user
    report.submitted_at = timezone.now()
    return _save(report, actor)


@transaction.atomic
def approve(*, report: ProgressReport, actor: Actor) -> ProgressReport:
    report = _locked(report)
    _check(actor, report, APPROVE)
    report.status = S.APPROVED
    report.return_reason = ""
    report.reviewed_by = actor.user
    report.reviewed_at = timezone.now()
    return _save(report, actor)


@transaction.atomic
def return_for_revision(*, report: ProgressReport, actor: Actor, reason: str) -> ProgressReport:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"return_reason": _("Cần ghi lý do trả lại báo cáo.")})
    report = _locked(report)
    _check(actor, report, RETURN)
    report.status = S.RETURNED
    report.return_reason = reason
    report.reviewed_by = actor.user
    report.reviewed_at = timezone.now()
    return _save(report, actor)


def _save(report: ProgressReport, actor: Actor) -> ProgressReport:
    report.full_clean()
    report.version += 1
    report._history_user = actor.user if actor.user.is_authenticated else None
    report.save()
    return report
