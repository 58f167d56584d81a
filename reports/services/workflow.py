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

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from agreements.access import (
    Actor,
    manageable_agreements,
    reportable_commitments,
    reporting_units_of,
)
from portal.lib.authz import allows
from portal.lib.versioning import bump
from reports.models import ProgressReport, ReportingPeriod, ReportStatus
from reports.services import calendar

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


def period_open_for(actor: Actor, period: ReportingPeriod, unit_id: int | None) -> bool:
    """A period closed for the unit (or for all) takes changes from planning staff and
    administrators only."""
    if actor.is_admin_or_planning:
        return True
    return not calendar.is_closed_for(period, unit_id)


def can_write(actor: Actor, report: ProgressReport) -> bool:
    """May create or edit this report's content (not its status): asks the authority."""
    return allows(actor.user, "reports.change_progressreport", report)


def can_review(actor: Actor, report: ProgressReport) -> bool:
    """May approve or return, four eyes included: asks the authority."""
    return allows(actor.user, "reports.review_progressreport", report)


def _four_eyes(actor: Actor, report: ProgressReport) -> bool:
    return rules.test_rule("reports.second_pair_of_eyes", actor.user, report)


def four_eyes_relaxed() -> bool:
    return not getattr(settings, "REPORT_FOUR_EYES", True)


def allowed_transitions(actor: Actor, report: ProgressReport) -> list[Transition]:
    allowed = []
    if report.status in SUBMIT.sources and allows(
        actor.user, "reports.submit_progressreport", report
    ):
        allowed.append(SUBMIT)
    if report.status in APPROVE.sources and can_review(actor, report):
        allowed += [APPROVE, RETURN]
    return allowed


def review_blocked_by_four_eyes(actor: Actor, report: ProgressReport) -> bool:
    """The user could review this report but created or submitted it themselves."""
    reviewer = actor.oversees_unit(report.reporting_unit_id)
    return report.status == S.SUBMITTED and reviewer and not _four_eyes(actor, report)


# --- transitions --------------------------------------------------------------------


STALE_MESSAGE = _lazy(
    "Báo cáo đã được thay đổi sau khi bạn mở trang (phiên bản %(current)s, bạn đã xem "
    "phiên bản %(seen)s). Chưa thực hiện thao tác: hãy xem lại báo cáo rồi làm lại."
)


def _check(
    actor: Actor, report: ProgressReport, transition: Transition, seen_version: int | None
) -> None:
    if seen_version is not None and seen_version != report.version:
        raise TransitionRefused(
            STALE_MESSAGE % {"current": report.version, "seen": seen_version},
            code="stale_version",
        )
    if report.status not in transition.sources:
        raise TransitionRefused(
            _("Không thể %(action)s báo cáo đang ở trạng thái “%(status)s”.")
            % {"action": _action_label(transition), "status": report.get_status_display()}
        )
    if transition not in allowed_transitions(actor, report):
        if transition is not SUBMIT and review_blocked_by_four_eyes(actor, report):
            raise PermissionDenied(
                _(
                    "Bạn đã lập hoặc gửi báo cáo này nên không thể tự %(action)s: "
                    "cần một cán bộ khác xem xét (nguyên tắc hai người)."
                )
                % {"action": _action_label(transition)}
            )
        raise PermissionDenied(
            _("Bạn không có quyền %(action)s báo cáo này.") % {"action": _action_label(transition)}
        )


def _action_label(transition: Transition) -> str:
    return {"submit": _("gửi"), "approve": _("duyệt"), "return": _("trả lại")}[transition.name]


def _locked(report: ProgressReport) -> ProgressReport:
    return ProgressReport.objects.select_for_update().select_related("period").get(pk=report.pk)


@transaction.atomic
def submit(
    *, report: ProgressReport, actor: Actor, seen_version: int | None = None
) -> ProgressReport:
    report = _locked(report)
    _check(actor, report, SUBMIT, seen_version)
    report.status = S.SUBMITTED
    report.submitted_by = actor.user
    report.submitted_at = timezone.now()
    return _save(report, actor)


@transaction.atomic
def approve(
    *, report: ProgressReport, actor: Actor, seen_version: int | None = None
) -> ProgressReport:
    report = _locked(report)
    _check(actor, report, APPROVE, seen_version)
    report.status = S.APPROVED
    report.return_reason = ""
    report.reviewed_by = actor.user
    report.reviewed_at = timezone.now()
    return _save(report, actor)


@transaction.atomic
def return_for_revision(
    *, report: ProgressReport, actor: Actor, reason: str, seen_version: int | None = None
) -> ProgressReport:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"return_reason": _("Cần ghi lý do trả lại báo cáo.")})
    report = _locked(report)
    _check(actor, report, RETURN, seen_version)
    report.status = S.RETURNED
    report.return_reason = reason
    report.reviewed_by = actor.user
    report.reviewed_at = timezone.now()
    return _save(report, actor)


def _save(report: ProgressReport, actor: Actor) -> ProgressReport:
    report.full_clean()
    bump(report)
    report._history_user = actor.user if actor.user.is_authenticated else None
    report.save()
    return report
