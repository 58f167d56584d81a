"""Correcting an approved report: a new revision, reviewed again, applied on approval.

    approved report ──request (reason)──▶ correction: draft ──submit──▶ submitted
                                                                          │
        ◀── applied to the report ◀──approve── submitted ──return (reason)──▶ returned

The report itself stays approved and read-only throughout: until the correction is
approved the public (and the standing records) see the approved text. Approving copies
the correction's content and indicator values onto the report in the same transaction,
raises the report's ``revision`` and stamps ``corrected_at`` and ``correction_reason``;
the report's history (and its values') keeps every revision. Who may do what is asked of
the one authority (``portal/permissions.py``); the moves, the four-eyes rule and the
stale-tab check are those of the report workflow (``reports.services.workflow``).
"""

from __future__ import annotations

import rules
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
from reports.models import (
    CorrectedValue,
    IndicatorValue,
    ProgressReport,
    ReportCorrection,
    ReportStatus,
)
from reports.models.correction import CONTENT_FIELDS
from reports.services.workflow import (
    APPROVE,
    RETURN,
    SUBMIT,
    TRANSITIONS,
    Transition,
    TransitionRefused,
)

S = ReportStatus

__all__ = [
    "TRANSITIONS",
    "allowed_transitions",
    "approve",
    "can_request",
    "differences",
    "open_correction",
    "request_correction",
    "return_for_revision",
    "review_blocked_by_four_eyes",
    "submit",
    "visible_corrections",
]


# --- who may do what ---------------------------------------------------------------


def visible_corrections(
    actor: Actor, queryset: QuerySet[ReportCorrection] | None = None
) -> QuerySet[ReportCorrection]:
    """Corrections the actor may see in the admin: those of reports whose work they see.

    Unlike reports, an approved correction is not public as such: what the public sees is
    the corrected report (with the date and reason of the correction).
    """
    queryset = ReportCorrection.objects.all() if queryset is None else queryset
    if actor.is_admin:
        return queryset
    if actor.is_planning:
        return queryset.filter(
            Q(report__commitment__agreement__in=manageable_agreements(actor))
            | Q(report__reporting_unit_id__in=actor.unit_ids)
        )
    if actor.is_reporter:
        return queryset.filter(
            report__commitment__in=reportable_commitments(actor),
            report__reporting_unit_id__in=reporting_units_of(actor),
        )
    return queryset.none()


def open_correction(report: ProgressReport) -> ReportCorrection | None:
    """The report's correction that is not approved yet, if any (at most one)."""
    return report.corrections.open().first()


def can_request(actor: Actor, report: ProgressReport) -> bool:
    """May propose a correction of this report now (approved, none open, the writing side)."""
    return (
        report.status == S.APPROVED
        and allows(actor.user, "reports.add_reportcorrection", ReportCorrection(report=report))
        and open_correction(report) is None
    )


def allowed_transitions(actor: Actor, correction: ReportCorrection) -> list[Transition]:
    allowed = []
    if correction.status in SUBMIT.sources and allows(
        actor.user, "reports.submit_reportcorrection", correction
    ):
        allowed.append(SUBMIT)
    if correction.status in APPROVE.sources and allows(
        actor.user, "reports.review_reportcorrection", correction
    ):
        allowed += [APPROVE, RETURN]
    return allowed


def review_blocked_by_four_eyes(actor: Actor, correction: ReportCorrection) -> bool:
    """The user could review this correction but proposed or submitted it themselves."""
    if correction.status != S.SUBMITTED:
        return False
    reviewer = actor.oversees_unit(correction.report.reporting_unit_id)
    return reviewer and not allows(actor.user, "reports.review_reportcorrection", correction)


def differences(correction: ReportCorrection) -> list[tuple[str, str, str]]:
    """(what, as published now, as the correction proposes) for every change it makes."""
    report = correction.report
    changes = []
    for name in CONTENT_FIELDS:
        old, new = getattr(report, name), getattr(correction, name)
        if old != new:
            field = ProgressReport._meta.get_field(name)
            if field.choices:
                display = f"get_{name}_display"
                old, new = getattr(report, display)(), getattr(correction, display)()
            changes.append((str(field.verbose_name), _shown(old), _shown(new)))
    now = {v.indicator_id: v for v in report.values.select_related("indicator")}
    proposed = {v.indicator_id: v for v in correction.values.select_related("indicator")}
    for indicator_id in sorted(now.keys() | proposed.keys()):
        was, will = now.get(indicator_id), proposed.get(indicator_id)
        if was and will and (was.value, was.note) == (will.value, will.note):
            continue
        indicator = (was or will).indicator
        changes.append((str(indicator), _value_text(was), _value_text(will)))
    return changes


def _shown(value) -> str:
    return "—" if value in (None, "") else str(value)


def _value_text(value) -> str:
    if value is None:
        return "—"
    return f"{value.value} ({value.note})" if value.note else str(value.value)


# --- the moves ----------------------------------------------------------------------


STALE_MESSAGE = _lazy(
    "Đề nghị điều chỉnh đã được thay đổi sau khi bạn mở trang (phiên bản %(current)s, bạn "
    "đã xem phiên bản %(seen)s). Chưa thực hiện thao tác: hãy xem lại rồi làm lại."
)


def _action_label(transition: Transition) -> str:
    return {"submit": _("gửi"), "approve": _("duyệt"), "return": _("trả lại")}[transition.name]


def _check(
    actor: Actor,
    correction: ReportCorrection,
    transition: Transition,
    seen_version: int | None,
) -> None:
    if seen_version is not None and seen_version != correction.version:
        raise TransitionRefused(
            STALE_MESSAGE % {"current": correction.version, "seen": seen_version},
            code="stale_version",
        )
    if correction.status not in transition.sources:
        raise TransitionRefused(
            _("Không thể %(action)s đề nghị điều chỉnh đang ở trạng thái “%(status)s”.")
            % {"action": _action_label(transition), "status": correction.get_status_display()}
        )
    if transition not in allowed_transitions(actor, correction):
        if transition is not SUBMIT and review_blocked_by_four_eyes(actor, correction):
            raise PermissionDenied(
                _(
                    "Bạn đã đề nghị hoặc gửi điều chỉnh này nên không thể tự %(action)s: "
                    "cần một cán bộ khác xem xét (nguyên tắc hai người)."
                )
                % {"action": _action_label(transition)}
            )
        raise PermissionDenied(
            _("Bạn không có quyền %(action)s đề nghị điều chỉnh này.")
            % {"action": _action_label(transition)}
        )


def _locked(correction: ReportCorrection) -> ReportCorrection:
    return (
        ReportCorrection.objects.select_for_update()
        .select_related("report__period")
        .get(pk=correction.pk)
    )


def _user_or_none(actor: Actor):
    return actor.user if actor.user.is_authenticated else None


@transaction.atomic
def request_correction(*, report: ProgressReport, actor: Actor, reason: str) -> ReportCorrection:
    """A draft correction holding a copy of the report's content and values."""
    reason = (reason or "").strip()
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)  # one at a time
    correction = ReportCorrection(
        report=report,
        reason=reason,
        created_by=_user_or_none(actor),
        **{name: getattr(report, name) for name in CONTENT_FIELDS},
    )
    if not allows(actor.user, "reports.add_reportcorrection", correction):
        if report.status != S.APPROVED and rules.test_rule(
            "reports.corrects_report", actor.user, correction
        ):
            raise TransitionRefused(
                _("Chỉ điều chỉnh được báo cáo đã duyệt; báo cáo này đang ở trạng thái “%(s)s”.")
                % {"s": report.get_status_display()},
                code="not_approved",
            )
        raise PermissionDenied(_("Bạn không có quyền đề nghị điều chỉnh báo cáo này."))
    if not reason:
        raise ValidationError({"reason": _("Cần ghi lý do điều chỉnh.")})
    if report.corrections.open().exists():
        raise TransitionRefused(
            _(
                "Báo cáo này đang có một đề nghị điều chỉnh chưa được duyệt: hãy tiếp tục "
                "đề nghị đó thay vì lập đề nghị mới."
            ),
            code="open_correction",
        )
    correction.full_clean()
    correction._history_user = _user_or_none(actor)
    correction.save()
    for value in report.values.all():
        copy = CorrectedValue(
            correction=correction,
            indicator_id=value.indicator_id,
            value=value.value,
            note=value.note,
        )
        copy._history_user = _user_or_none(actor)
        copy.save()
    return correction


@transaction.atomic
def submit(
    *, correction: ReportCorrection, actor: Actor, seen_version: int | None = None
) -> ReportCorrection:
    correction = _locked(correction)
    _check(actor, correction, SUBMIT, seen_version)
    correction.status = S.SUBMITTED
    correction.submitted_by = actor.user
    correction.submitted_at = timezone.now()
    return _save(correction, actor)


@transaction.atomic
def return_for_revision(
    *,
    correction: ReportCorrection,
    actor: Actor,
    reason: str,
    seen_version: int | None = None,
) -> ReportCorrection:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"return_reason": _("Cần ghi lý do trả lại đề nghị điều chỉnh.")})
    correction = _locked(correction)
    _check(actor, correction, RETURN, seen_version)
    correction.status = S.RETURNED
    correction.return_reason = reason
    correction.reviewed_by = actor.user
    correction.reviewed_at = timezone.now()
    return _save(correction, actor)


@transaction.atomic
def approve(
    *, correction: ReportCorrection, actor: Actor, seen_version: int | None = None
) -> ReportCorrection:
    """Approve the correction and apply it to the report: a new revision of the report."""
    correction = _locked(correction)
    _check(actor, correction, APPROVE, seen_version)
    report = ProgressReport.objects.select_for_update().get(pk=correction.report_id)
    if report.status != S.APPROVED:  # approved reports never move back; kept as a guard
        raise TransitionRefused(_("Chỉ điều chỉnh được báo cáo đã duyệt."))
    now = timezone.now()
    correction.status = S.APPROVED
    correction.return_reason = ""
    correction.reviewed_by = actor.user
    correction.reviewed_at = now
    _save(correction, actor)
    _apply(correction, report, actor, now)
    return correction


def _apply(correction: ReportCorrection, report: ProgressReport, actor, now) -> None:
    """Copy the correction onto the report, values first, each through ``save()``/``delete()``
    so that their history and the standing records see every change."""
    user = _user_or_none(actor)
    proposed = {v.indicator_id: v for v in correction.values.all()}
    for value in IndicatorValue.objects.select_for_update(of=("self",)).filter(report=report):
        new = proposed.pop(value.indicator_id, None)
        value._history_user = user
        if new is None:
            value.delete()
        elif (value.value, value.note) != (new.value, new.note):
            value.value, value.note = new.value, new.note
            bump(value)
            value.full_clean()
            value.save()
    for new in proposed.values():
        value = IndicatorValue(
            report=report, indicator_id=new.indicator_id, value=new.value, note=new.note
        )
        value._history_user = user
        value.full_clean()
        value.save()
    for name in CONTENT_FIELDS:
        setattr(report, name, getattr(correction, name))
    report.revision += 1
    report.corrected_at = now
    report.correction_reason = correction.reason
    bump(report)
    report._history_user = user
    report.full_clean()
    report.save()


def _save(correction: ReportCorrection, actor: Actor) -> ReportCorrection:
    correction.full_clean()
    bump(correction)
    correction._history_user = _user_or_none(actor)
    correction.save()
    return correction
