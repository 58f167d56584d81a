"""Who may see, change, submit, review, close, import and download what: the one authority.

Every rule about *objects* is registered here with ``rules`` and asked through Django's
permission API, ``user.has_perm("app.action_model", obj)``: by the admin (every view,
inline, action and history page), the staff pages, the import steps and the workflow
services. Model-level answers (``obj=None``) come from the role's group
(``agreements.roles``); object-level answers come only from here, so a rule missing here
refuses. ``agreements.access`` holds the facts the rules read (a user's role, the units
merged into their unit, the agencies that became theirs) and the querysets that list what
a user may see, since ``rules`` answers for one object and does not filter lists.

Multilateral agreements: the party list and the agreement-wide fields (title, dates,
status, sectors, predecessor, steering committee) belong to administrators and to the
*coordinating* parties — the parties whose role is "bên chủ trì, điều phối"; when no
party is named coordinator, a two-party agreement belongs to both parties and a larger one
to administrators only. Each party's planning staff change their own party row, their own
unit's commitments (``committing_unit``), documents their unit issued and reports their
unit made. A joint commitment (no committing unit) belongs to the coordinators.

Four eyes: a report is not approved or returned by the person who created or submitted
it, unless ``settings.REPORT_FOUR_EYES`` is off (a one-person department). The same holds
for a correction of an approved report, which whoever could write the report proposes and
the reporting unit's planning staff (or an administrator) review.
"""

from __future__ import annotations

import rules
from django.conf import settings

from agreements.access import (
    actor_for,
    manageable_agreement_ids,
    manageable_agreements,
    reportable_commitment_ids,
    reportable_commitments,
    reporting_units_of,
)
from reports.services.calendar import is_closed_for

STAFF_MODELS = {
    "regions": ["administrativeunit", "socioeconomicregion", "unitsuccession", "unitname"],
    "agreements": [
        "agreement",
        "agreementparty",
        "agreementdocument",
        "commitment",
        "indicator",
        "sector",
        "agency",
        "agencysuccession",
    ],
    "reports": ["reportingperiod", "indicatorvalue", "reviewmeeting", "reviewconclusion"],
}


# --- who the user is ---------------------------------------------------------------------------


@rules.predicate
def is_administrator(user) -> bool:
    return user.is_active and actor_for(user).is_admin


@rules.predicate
def is_planning(user) -> bool:
    return user.is_active and actor_for(user).is_planning


@rules.predicate
def is_reporter(user) -> bool:
    return user.is_active and actor_for(user).is_reporter


@rules.predicate
def is_admin_or_planning(user) -> bool:
    return user.is_active and actor_for(user).is_admin_or_planning


@rules.predicate
def has_role(user) -> bool:
    return user.is_active and (actor_for(user).role is not None or user.is_superuser)


# --- agreements ----------------------------------------------------------------------------------


@rules.predicate
def coordinates(user, agreement) -> bool:
    if agreement is None or agreement.pk is None:
        return False
    return bool(agreement.coordinating_unit_ids() & actor_for(user).unit_ids)


@rules.predicate
def is_party(user, agreement) -> bool:
    """The user's unit (or one merged into it) signed the agreement."""
    if agreement is None or agreement.pk is None:
        return False
    actor = actor_for(user)
    if actor.is_planning:  # the same list, read once (an import asks for every row)
        return agreement.pk in manageable_agreement_ids(actor)
    return agreement.parties.filter(unit_id__in=actor.unit_ids).exists()


def _in_scope(user, unit_id: int | None) -> bool:
    return unit_id is not None and unit_id in actor_for(user).unit_ids


@rules.predicate
def owns_party_row(user, party) -> bool:
    """Coordinators hold every row; a party holds its own row unless it is a coordinator's
    (checked on the row as the form leaves it too, so nobody makes themselves coordinator)."""
    if party is None or party.agreement_id is None:
        return False
    if coordinates(user, party.agreement):
        return True
    return _in_scope(user, party.unit_id) and party.role != "coordinator"


@rules.predicate
def coordinates_party_agreement(user, party) -> bool:
    return party is not None and coordinates(user, party.agreement)


@rules.predicate
def owns_commitment(user, commitment) -> bool:
    """Its committing unit is the user's; a joint commitment is the coordinators'."""
    if commitment is None or commitment.agreement_id is None:
        return False
    if commitment.committing_unit_id is None:
        return coordinates(user, commitment.agreement)
    return _in_scope(user, commitment.committing_unit_id) and is_party(user, commitment.agreement)


@rules.predicate
def owns_indicator_commitment(user, indicator) -> bool:
    return indicator is not None and owns_commitment(user, indicator.commitment)


@rules.predicate
def owns_document(user, document) -> bool:
    if document is None or document.agreement_id is None:
        return False
    if coordinates(user, document.agreement):
        return True
    return _in_scope(user, document.issuing_unit_id) and is_party(user, document.agreement)


@rules.predicate
def document_is_public(user, document) -> bool:
    return document is not None and document.is_public


@rules.predicate
def party_to_document_agreement(user, document) -> bool:
    return document is not None and is_party(user, document.agreement)


@rules.predicate
def owns_agency(user, agency) -> bool:
    return agency is not None and _in_scope(user, agency.unit_id)


@rules.predicate
def owns_succession(user, link) -> bool:
    """Both agencies of the link are of the user's units (their unit and those merged into
    it): a department hands its work over within what the planning staff answer for."""
    if link is None or not link.predecessor_id or not link.successor_id:
        return False
    return _in_scope(user, link.predecessor.unit_id) and _in_scope(user, link.successor.unit_id)


@rules.predicate
def manages_meeting(user, meeting) -> bool:
    if meeting is None or meeting.agreement_id is None:
        return False
    return coordinates(user, meeting.agreement) or (
        _in_scope(user, meeting.host_unit_id) and is_party(user, meeting.agreement)
    )


@rules.predicate
def manages_conclusion_meeting(user, conclusion) -> bool:
    return conclusion is not None and manages_meeting(user, conclusion.meeting)


@rules.predicate
def owns_unit_calendar(user, calendar) -> bool:
    """Its unit is the user's (the add form offers only the user's unit)."""
    return calendar is None or calendar.unit_id is None or _in_scope(user, calendar.unit_id)


@rules.predicate
def unit_in_scope(user, unit) -> bool:
    return unit is not None and _in_scope(user, unit.pk)


# --- progress reports ----------------------------------------------------------------------------


@rules.predicate
def report_is_approved(user, report) -> bool:
    return report is not None and report.status == "approved"


@rules.predicate
def report_in_staff_view(user, report) -> bool:
    if report is None:
        return False
    from reports.services.workflow import visible_reports

    actor = actor_for(user)
    return visible_reports(actor, type(report).objects.filter(pk=report.pk)).exists()


@rules.predicate
def sees_report_work(user, report) -> bool:
    """May see this report before approval: drafts, returns and their reasons."""
    if report is None:
        return False
    actor = actor_for(user)
    if actor.is_planning:
        return _in_scope(user, report.reporting_unit_id) or (
            manageable_agreements(actor).filter(pk=report.commitment.agreement_id).exists()
        )
    if actor.is_reporter:
        return report.reporting_unit_id in reporting_units_of(actor) and (
            reportable_commitments(actor).filter(pk=report.commitment_id).exists()
        )
    return False


@rules.predicate
def report_is_editable(user, report) -> bool:
    """Draft or returned, and its period open (a closed one only for planning staff)."""
    if report is None or report.status not in ("draft", "returned"):
        return False
    if report.period_id and is_closed_for(report.period, report.reporting_unit_id):
        return is_admin_or_planning(user)
    return True


@rules.predicate
def reports_for_commitment(user, report) -> bool:
    """The user may write on this commitment for this reporting unit."""
    if report is None:
        return False
    actor = actor_for(user)
    if report.reporting_unit_id and report.reporting_unit_id not in reporting_units_of(actor):
        return False
    if report.commitment_id is None:
        return True
    if actor.is_planning:
        return report.commitment.agreement_id in manageable_agreement_ids(actor)
    return report.commitment_id in reportable_commitment_ids(actor)


@rules.predicate
def reviews_reporting_unit(user, report) -> bool:
    return report is not None and _in_scope(user, report.reporting_unit_id)


@rules.predicate
def second_pair_of_eyes(user, report) -> bool:
    """Four eyes: not the person who created or submitted the report."""
    if report is None:
        return False
    if not getattr(settings, "REPORT_FOUR_EYES", True):
        return True
    return user.pk not in (report.created_by_id, report.submitted_by_id)


@rules.predicate
def report_is_submitted(user, report) -> bool:
    return report is not None and report.status == "submitted"


def reviewable_reports(user, queryset=None):
    """``reports.review_progressreport`` as a filter: the reports this user may approve or
    return (submitted; any unit's for administrators, their units' for planning staff;
    four eyes: not one they created or submitted). The one rule for lists ("Chờ bạn
    duyệt", the review list, the next report to review); ``reports/tests/test_reviewable.py``
    runs it and the permission over the same rows and demands they agree."""
    from reports.models import ProgressReport

    queryset = ProgressReport.objects.all() if queryset is None else queryset
    if not user.is_active:
        return queryset.none()
    actor = actor_for(user)
    queryset = queryset.filter(status="submitted")
    if not actor.is_admin:
        if not actor.is_planning:
            return queryset.none()
        queryset = queryset.filter(reporting_unit_id__in=actor.unit_ids)
    if getattr(settings, "REPORT_FOUR_EYES", True):
        queryset = queryset.exclude(created_by_id=user.pk).exclude(submitted_by_id=user.pk)
    return queryset


@rules.predicate
def owns_indicator_value_report(user, value) -> bool:
    return value is not None and rules.has_perm("reports.change_progressreport", user, value.report)


# --- corrections of approved reports ------------------------------------------------------------


@rules.predicate
def correction_report_approved(user, correction) -> bool:
    """Only an approved report is corrected (a draft or returned one is simply edited)."""
    return correction is not None and correction.report.status == "approved"


@rules.predicate
def correction_is_editable(user, correction) -> bool:
    """A draft or a returned correction; the report's period may be closed: correcting an
    approved statement after the fact is the point, and a second person reviews it."""
    return correction is not None and correction.status in ("draft", "returned")


@rules.predicate
def correction_is_draft(user, correction) -> bool:
    return correction is not None and correction.status == "draft"


@rules.predicate
def correction_is_submitted(user, correction) -> bool:
    return correction is not None and correction.status == "submitted"


@rules.predicate
def writes_corrected_report(user, correction) -> bool:
    """Who could write the report: its agency's reporter, its unit's planning staff."""
    return correction is not None and reports_for_commitment(user, correction.report)


@rules.predicate
def reviews_corrected_unit(user, correction) -> bool:
    return correction is not None and reviews_reporting_unit(user, correction.report)


@rules.predicate
def sees_correction_work(user, correction) -> bool:
    return correction is not None and sees_report_work(user, correction.report)


@rules.predicate
def owns_corrected_value(user, value) -> bool:
    return value is not None and rules.has_perm(
        "reports.change_reportcorrection", user, value.correction
    )


@rules.predicate
def sees_corrected_value(user, value) -> bool:
    return value is not None and rules.has_perm(
        "reports.view_reportcorrection", user, value.correction
    )


# --- the permissions -----------------------------------------------------------------------------

_writes_report = report_is_editable & (
    is_administrator | ((is_planning | is_reporter) & reports_for_commitment)
)
_sees_document = document_is_public | is_administrator | (is_planning & party_to_document_agreement)
# The reporting side of a correction: whoever could write the report, and administrators.
_corrects_report = is_administrator | ((is_planning | is_reporter) & writes_corrected_report)

PERMISSIONS = {
    # agreements
    "agreements.add_agreement": is_admin_or_planning,  # own unit a party: the form
    "agreements.change_agreement": is_administrator | (is_planning & is_party),
    "agreements.delete_agreement": is_administrator | (is_planning & coordinates),
    "agreements.change_agreement_terms": is_administrator | (is_planning & coordinates),
    "agreements.add_agreementparty": is_administrator | (is_planning & coordinates_party_agreement),
    "agreements.change_agreementparty": is_administrator | (is_planning & owns_party_row),
    "agreements.delete_agreementparty": is_administrator
    | (is_planning & coordinates_party_agreement),
    "agreements.add_commitment": is_administrator | (is_planning & owns_commitment),
    "agreements.change_commitment": is_administrator | (is_planning & owns_commitment),
    "agreements.delete_commitment": is_administrator | (is_planning & owns_commitment),
    "agreements.add_indicator": is_administrator | (is_planning & owns_indicator_commitment),
    "agreements.change_indicator": is_administrator | (is_planning & owns_indicator_commitment),
    "agreements.delete_indicator": is_administrator | (is_planning & owns_indicator_commitment),
    "agreements.add_agreementdocument": is_administrator | (is_planning & owns_document),
    "agreements.change_agreementdocument": is_administrator | (is_planning & owns_document),
    "agreements.delete_agreementdocument": is_administrator | (is_planning & owns_document),
    # a public document for anyone (anonymous too: agreements.documents asks ``is_public``
    # first), an internal one as the agreement's staff workbooks; the admin lists alike
    "agreements.view_agreementdocument": has_role & _sees_document,
    "agreements.download_agreementdocument": _sees_document,
    "agreements.add_agency": is_administrator | (is_planning & owns_agency),
    "agreements.change_agency": is_administrator | (is_planning & owns_agency),
    "agreements.delete_agency": is_administrator,
    # the handover moves commitments and reporters of the agency to its successors
    "agreements.hand_over_agency": is_administrator | (is_planning & owns_agency),
    "agreements.add_agencysuccession": is_administrator | (is_planning & owns_succession),
    "agreements.change_agencysuccession": is_administrator | (is_planning & owns_succession),
    "agreements.delete_agencysuccession": is_administrator | (is_planning & owns_succession),
    "agreements.add_sector": is_administrator,
    "agreements.change_sector": is_administrator,
    "agreements.delete_sector": is_administrator,
    # reports
    "reports.view_progressreport": has_role & (report_is_approved | report_in_staff_view),
    "reports.view_report_drafts": is_administrator | sees_report_work,
    "reports.add_progressreport": _writes_report,
    "reports.change_progressreport": _writes_report,
    "reports.delete_progressreport": is_administrator & report_is_editable,
    "reports.submit_progressreport": _writes_report,
    "reports.review_progressreport": report_is_submitted
    & (is_administrator | (is_planning & reviews_reporting_unit))
    & second_pair_of_eyes,
    # corrections of approved reports (``reports.services.corrections``): asked with the correction
    # (an unsaved one, its report set, for a new one)
    "reports.view_reportcorrection": has_role & (is_administrator | sees_correction_work),
    "reports.add_reportcorrection": correction_report_approved & _corrects_report,
    "reports.change_reportcorrection": correction_is_editable & _corrects_report,
    "reports.submit_reportcorrection": correction_is_editable & _corrects_report,
    "reports.delete_reportcorrection": correction_is_draft & _corrects_report,
    "reports.review_reportcorrection": correction_is_submitted
    & (is_administrator | (is_planning & reviews_corrected_unit))
    & second_pair_of_eyes,
    "reports.view_correctedvalue": sees_corrected_value,
    "reports.add_correctedvalue": owns_corrected_value,
    "reports.change_correctedvalue": owns_corrected_value,
    "reports.delete_correctedvalue": owns_corrected_value,
    "reports.change_indicatorvalue": owns_indicator_value_report,
    "reports.add_indicatorvalue": owns_indicator_value_report,
    "reports.delete_indicatorvalue": owns_indicator_value_report,
    "reports.add_reportingperiod": is_administrator,
    "reports.change_reportingperiod": is_administrator,
    "reports.delete_reportingperiod": is_administrator,
    "reports.close_reportingperiod": is_administrator,  # for every unit at once
    "reports.view_unitcalendar": has_role,
    "reports.add_unitcalendar": is_administrator | (is_planning & owns_unit_calendar),
    "reports.change_unitcalendar": is_administrator | (is_planning & owns_unit_calendar),
    "reports.delete_unitcalendar": is_administrator | (is_planning & owns_unit_calendar),
    "reports.add_reviewmeeting": is_administrator | (is_planning & manages_meeting),
    "reports.change_reviewmeeting": is_administrator | (is_planning & manages_meeting),
    "reports.delete_reviewmeeting": is_administrator | (is_planning & manages_meeting),
    "reports.add_reviewconclusion": is_administrator | (is_planning & manages_conclusion_meeting),
    "reports.delete_reviewconclusion": is_administrator
    | (is_planning & manages_conclusion_meeting),
    "reports.change_reviewconclusion": is_administrator
    | (is_planning & manages_conclusion_meeting),
    # staff tools
    "reports.view_completeness": is_admin_or_planning,
    "reports.download_staff_files": is_admin_or_planning,
    "reports.download_agreement_staff_files": is_administrator | (is_planning & is_party),
    "reports.download_unit_staff_files": is_administrator | (is_planning & unit_in_scope),
    # remind a unit's departments by hand from the chase list (``reports.services.reminders``),
    # asked with the unit (an unsaved one carrying only its id will do)
    "reports.chase_unit": is_administrator | (is_planning & unit_in_scope),
    "reports.import_progressreport": is_admin_or_planning | is_reporter,
    "agreements.import_commitment": is_admin_or_planning,
    "agreements.export_commitment": has_role,
    "reports.export_progressreport": has_role,
    "auth.manage_users": is_administrator,
}

rules.add_rule("reports.second_pair_of_eyes", second_pair_of_eyes)
rules.add_rule("reports.corrects_report", _corrects_report)

for _name, _predicate in PERMISSIONS.items():
    rules.add_perm(_name, _predicate)

# Plain catalogue objects: every role sees them; only the listed rules change them.
for _app, _models in STAFF_MODELS.items():
    for _model in _models:
        _view = f"{_app}.view_{_model}"
        if not rules.perm_exists(_view):
            rules.add_perm(_view, has_role)
