"""Staff work on progress reports, review meetings and the reminder log.

Periods are in ``reports.admin.periods``, corrections in ``reports.admin.corrections``;
users and roles in ``agreements/admin_users.py``.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements import access
from agreements.admin_base import ScopedAdmin, ScopedStackedInline, ScopedTabularInline
from agreements.models import Commitment, Indicator
from portal.lib.admin_columns import shortened
from portal.lib.admin_params import CheckedListParamsAdmin
from portal.lib.authz import allows
from portal.lib.sheet_admin import SheetImportExportMixin
from portal.lib.versioning import VersionCheckedModelForm
from reports.admin import report_form
from reports.admin.periods import message_of
from reports.admin.review import PeriodWithReportsFilter, ReviewDeskMixin, ReviewFilter
from reports.models import (
    IndicatorValue,
    ProgressReport,
    ReminderLog,
    ReportingPeriod,
    ReportStatus,
    ReviewConclusion,
    ReviewMeeting,
)
from reports.resources import ProgressReportResource
from reports.services import corrections, periods, workflow

SUBMIT_WITH_SAVE = "_submit_report"  # the form's own submit button: save, then send


def _seen_version(request) -> int | None:
    """The report version the reviewer saw, sent with the workflow button."""
    raw = request.POST.get("seen_version", "")
    return int(raw) if raw.isdigit() and len(raw) < 10 else 0  # versions start at 1


class IndicatorValueInline(ScopedTabularInline):
    model = IndicatorValue
    extra = 0
    fields = ["indicator", "value", "note"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get("indicator")
        if field is not None:
            commitment = report_form.commitment_of(request, obj)
            field.queryset = (
                Indicator.objects.filter(commitment_id=commitment)
                if commitment is not None
                else Indicator.objects.none()
            )
            field.label_from_instance = report_form.indicator_label
            formset.form = report_form.with_choices_read_once(formset.form, "indicator")
        return formset

    def get_extra(self, request, obj=None, **kwargs):
        """One row per indicator of the commitment still without a value, before the
        first save too (``ProgressReportAdmin.get_formset_kwargs`` fills them in)."""
        return len(report_form.missing_indicators(request, obj))

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("indicator")


class ProgressReportForm(VersionCheckedModelForm):
    class Meta:
        model = ProgressReport
        fields = "__all__"

    def validate_constraints(self):
        """A second report of the same party, commitment and period: say so with a link
        to the one that exists (the rest is checked once that is settled)."""
        duplicate = report_form.duplicate_of(self.instance)
        if duplicate is None:
            return super().validate_constraints()
        url = reverse("admin:reports_progressreport_change", args=[duplicate.pk])
        self.add_error(
            None,
            format_html(
                '{} <a href="{}" id="duplicate-report">{}</a>',
                _("Đã có báo cáo của bên này cho nội dung này trong kỳ này."),
                url,
                _("Mở báo cáo đã có (%(status)s)") % {"status": duplicate.get_status_display()},
            ),
        )


@admin.register(ProgressReport)
class ProgressReportAdmin(ReviewDeskMixin, SheetImportExportMixin, ScopedAdmin):
    form = ProgressReportForm
    resource_classes = [ProgressReportResource]
    change_form_template = "admin/reports/progressreport/change_form.html"
    list_display = [
        "commitment_title",
        "agreement_title",
        "reporting_unit",
        "period",
        "stage",
        "percent",
        "status",
        "sender",
        "submitted_at",
    ]
    list_filter = [
        ReviewFilter,
        "status",
        ("period", PeriodWithReportsFilter),
        "stage",
        ("reporting_unit", admin.RelatedOnlyFieldListFilter),
        "commitment__sector",
    ]
    list_select_related = [
        "commitment__agreement",
        "commitment__lead_agency",
        "reporting_unit",
        "period",
        "submitted_by",
    ]
    search_fields = [
        "commitment__title__unaccent__icontains",
        "achievements__unaccent__icontains",
        "reporting_unit__short_name__unaccent__icontains",
    ]
    date_hierarchy = "submitted_at"
    autocomplete_fields = ["commitment"]
    readonly_fields = [
        "status",
        "return_reason",
        "created_by",
        "submitted_by",
        "submitted_at",
        "reviewed_by",
        "reviewed_at",
    ]
    # No bulk approval: approving is a decision on the text the reviewer read, made on the
    # report's page with the version they saw (a list cannot carry it).
    actions = ["submit_reports"]
    inlines = [IndicatorValueInline]
    # The inputs first, the workflow's read-only fields after them (the template puts
    # them after the indicator values too), and the submit button where the eye ends.
    fieldsets = [
        (None, {"fields": ["commitment", "period", "reporting_unit"]}),
        (
            gettext_lazy("Kết quả"),
            {
                "fields": [
                    "stage",
                    "percent",
                    "achievements",
                    "difficulties",
                    "recommendations",
                    "next_tasks",
                ]
            },
        ),
        (
            gettext_lazy("Người lập, gửi, duyệt"),
            {
                "fields": [
                    "status",
                    "return_reason",
                    "created_by",
                    "submitted_by",
                    "submitted_at",
                    "reviewed_by",
                    "reviewed_at",
                    "seen_version",
                ]
            },
        ),
    ]

    # --- columns ---------------------------------------------------------------
    @admin.display(description=gettext_lazy("nội dung hợp tác"), ordering="commitment")
    def commitment_title(self, obj: ProgressReport) -> str:
        """Cut to fit a 1366 px screen; the whole title on hover."""
        return shortened(obj.commitment.title, 100)

    # --- which reports ---------------------------------------------------------
    def scope_queryset(self, actor, queryset):
        return workflow.visible_reports(actor, queryset)

    # --- the reporter's form (``reports.admin.report_form``) ---------------------------
    def get_autocomplete_fields(self, request):
        """A search box for administrators (every commitment in the country); a list of
        their own commitments, each with its agreement and term, for everyone else."""
        return self.autocomplete_fields if access.actor_for(request.user).is_admin else []

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        return report_form.initial_choices(request, access.actor_for(request.user), initial)

    def get_fieldsets(self, request, obj=None):
        """On a new report the workflow's fields say nothing yet: folded."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None and fieldsets:
            *head, (title, options) = fieldsets
            fieldsets = [*head, (title, {**options, "classes": ["collapse"]})]
        return fieldsets

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, IndicatorValueInline):
            saved = obj if obj is not None and obj.pk else None
            kwargs["initial"] = [
                {"indicator": indicator.pk}
                for indicator in report_form.missing_indicators(request, saved)
            ]
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        from regions.models import AdministrativeUnit

        actor = access.actor_for(request.user)
        if db_field.name == "commitment":
            kwargs["queryset"] = access.reportable_commitments(actor)
        elif db_field.name == "reporting_unit" and not actor.is_admin:
            kwargs["queryset"] = AdministrativeUnit.objects.filter(
                pk__in=access.reporting_units_of(actor)
            ).order_by(F("valid_until").asc(nulls_first=True), "name")  # today's first
        elif db_field.name == "period" and not actor.is_admin_or_planning:
            periods.ensure_periods()
            kwargs["queryset"] = ReportingPeriod.objects.open_for_units(
                access.reporting_units_of(actor)
            )
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and db_field.name == "period":
            may_use_future = actor.is_admin_or_planning
            report_form.period_choices(field, request, actor, may_use_future=may_use_future)
        elif field is not None and db_field.name == "commitment" and not actor.is_admin:
            report_form.commitment_choices(field)
        return field

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)  # asks add/change on the object

    def visible_revisions(self, request, obj, records):
        """Drafts and return reasons only for those who may see the report's work."""
        if allows(request.user, "reports.view_report_drafts", obj):
            return records
        return records.filter(status=ReportStatus.APPROVED)

    # --- workflow buttons and actions ----------------------------------------------
    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/transition/<str:name>/",
                view(self.transition_view),
                name="reports_progressreport_transition",
            ),
        ] + super().get_urls()

    def transition_view(self, request, pk: int, name: str):
        if request.method != "POST" or name not in workflow.TRANSITIONS:
            raise PermissionDenied
        report = get_object_or_404(self.get_queryset(request), pk=pk)
        actor = access.actor_for(request.user)
        seen = _seen_version(request)
        try:
            if name == "submit":
                workflow.submit(report=report, actor=actor, seen_version=seen)
            elif name == "approve":
                workflow.approve(report=report, actor=actor, seen_version=seen)
            else:
                reason = request.POST.get("return_reason_input", "")
                workflow.return_for_revision(
                    report=report, actor=actor, reason=reason, seen_version=seen
                )
            done = {"submit": _("Đã gửi báo cáo để duyệt."), "approve": _("Đã duyệt báo cáo.")}
            self.message_user(
                request, done.get(name, _("Đã trả lại báo cáo kèm lý do.")), messages.SUCCESS
            )
        except ValidationError as error:
            self.message_user(request, message_of(error), messages.ERROR)
        return HttpResponseRedirect(reverse("admin:reports_progressreport_change", args=[pk]))

    # --- "Gửi báo cáo để duyệt": what is on the screen is saved, then sent -------------
    def response_add(self, request, obj, post_url_continue=None):
        sent = self._submit_after_save(request, obj, added=True)
        return sent or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        sent = self._submit_after_save(request, obj, added=False)
        return sent or super().response_change(request, obj)

    def _submit_after_save(self, request, obj, *, added: bool):
        """The submit button posts the form: the admin has validated and saved it (the
        report and its indicator values) inside its transaction; the report is sent in
        the same one. A refusal undoes the save too, and says why."""
        if SUBMIT_WITH_SAVE not in request.POST:
            return None
        try:
            workflow.submit(report=obj, actor=access.actor_for(request.user))
        except (ValidationError, PermissionDenied) as error:
            transaction.set_rollback(True)
            reason = message_of(error)
            self.message_user(
                request,
                _("Chưa lưu và chưa gửi báo cáo: %(reason)s") % {"reason": reason},
                messages.ERROR,
            )
            if added:
                return HttpResponseRedirect(request.get_full_path())
            return HttpResponseRedirect(
                reverse("admin:reports_progressreport_change", args=[obj.pk])
            )
        self.message_user(request, _("Đã lưu và gửi báo cáo để duyệt."), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:reports_progressreport_change", args=[obj.pk]))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        actor = access.actor_for(request.user)
        context["transitions"] = (
            [t.name for t in workflow.allowed_transitions(actor, obj)] if obj else []
        )
        context["submit_with_save"] = SUBMIT_WITH_SAVE
        context["may_submit_new"] = add and self.has_add_permission(request)
        context["four_eyes_blocked"] = bool(obj) and workflow.review_blocked_by_four_eyes(
            actor, obj
        )
        context["four_eyes_relaxed"] = workflow.four_eyes_relaxed()
        if obj is not None and obj.status == ReportStatus.APPROVED:
            context.update(self._revisions(request, actor, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _revisions(self, request, actor, report) -> dict:
        """The report's corrections (who, when, why) and whether the user may propose one."""
        shown = []
        for correction in report.corrections.select_related(
            "created_by", "submitted_by", "reviewed_by"
        ).order_by("created_at", "pk"):
            may_open = allows(request.user, "reports.view_reportcorrection", correction)
            if correction.status == ReportStatus.APPROVED or may_open:
                shown.append((correction, may_open))
        return {
            "report_corrections": shown,
            "may_request_correction": corrections.can_request(actor, report),
        }

    @admin.action(description=gettext_lazy("Gửi các báo cáo đã chọn"))
    def submit_reports(self, request, queryset):
        self._bulk(request, queryset, workflow.submit)

    def _bulk(self, request, queryset, transition):
        actor = access.actor_for(request.user)
        done = 0
        for report in queryset.select_related("period"):
            try:
                transition(report=report, actor=actor)
                done += 1
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, f"{report}: {message_of(error)}", messages.ERROR)
        if done:
            self.message_user(
                request, _("Đã cập nhật %(n)d báo cáo.") % {"n": done}, messages.SUCCESS
            )


class ReviewConclusionForm(VersionCheckedModelForm):
    class Meta:
        model = ReviewConclusion
        fields = ["number", "text", "action", "commitments", "follow_up_status", "follow_up_note"]

    def clean(self):
        cleaned = super().clean()
        meeting = getattr(self.instance, "meeting", None)
        if meeting is not None and cleaned.get("commitments") is not None:
            try:
                self.instance.check_commitments(list(cleaned["commitments"]))
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class ReviewConclusionInline(ScopedStackedInline):
    """Conclusions are part of the meeting's record: whoever may change it may write them."""

    model = ReviewConclusion
    form = ReviewConclusionForm
    extra = 0
    filter_horizontal = ["commitments"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get("commitments")
        if field is not None:
            field.queryset = (
                Commitment.objects.filter(
                    Q(agreement_id=obj.agreement_id) | Q(agreement__predecessor_id=obj.agreement_id)
                ).select_related("agreement")
                if obj is not None
                else Commitment.objects.none()
            )
        return formset


@admin.register(ReviewMeeting)
class ReviewMeetingAdmin(ScopedAdmin):
    inlines = [ReviewConclusionInline]
    list_display = ["short_title", "agreement_title", "held_on", "host_unit"]
    list_filter = [("agreement__parties__unit", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["agreement", "host_unit"]
    search_fields = ["title__unaccent__icontains", "agreement__title__unaccent__icontains"]
    date_hierarchy = "held_on"
    autocomplete_fields = ["agreement", "host_unit"]

    # --- columns (fit a 1366 px screen: long names cut, the whole on hover) ----------
    @admin.display(description=gettext_lazy("tên hội nghị"), ordering="title")
    def short_title(self, obj: ReviewMeeting) -> str:
        return shortened(obj.title, 100)

    @admin.display(description=gettext_lazy("thỏa thuận"), ordering="agreement")
    def agreement_title(self, obj: ReviewMeeting) -> str:
        return shortened(obj.agreement.title, 84, keep_end=True)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agreement":
            kwargs["queryset"] = access.manageable_agreements(access.actor_for(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(ReminderLog)
class ReminderLogAdmin(CheckedListParamsAdmin, admin.ModelAdmin):
    """Every reminder e-mail, from the daily run or sent by hand from the chase list (who
    sent it, to whom, about what): read-only, for administrators."""

    list_display = ["sent_on", "sent_at", "user", "kind", "topic", "sent_by", "item_count"]
    list_filter = ["kind", "sent_on"]
    list_select_related = ["user", "sent_by"]
    search_fields = ["user__username", "user__last_name", "topic"]
    date_hierarchy = "sent_on"

    def has_module_permission(self, request):
        return allows(request.user, "auth.manage_users")

    def has_view_permission(self, request, obj=None):
        return allows(request.user, "auth.manage_users")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
