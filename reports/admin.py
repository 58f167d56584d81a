"""Staff work on reporting periods, progress reports, review meetings and users."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements import access
from agreements.admin_base import ScopedAdmin, ScopedStackedInline, ScopedTabularInline
from agreements.models import Commitment, Indicator, Membership
from portal.lib.admin_params import CheckedListParamsAdmin, check_lists_of_apps
from portal.lib.authz import allows
from portal.lib.sheet_admin import SheetImportExportMixin
from portal.lib.versioning import VersionCheckedModelForm
from reports import periods, workflow
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
from reports.roles import sync_groups


class OpenYearForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2000, max_value=2100)
    department_due_day = forms.IntegerField(
        label=gettext_lazy("Hạn sở, ngành gửi (ngày của tháng 6 và 12)"),
        min_value=15,
        max_value=31,
        required=False,
        help_text=gettext_lazy("Để trống: theo mặc định của hệ thống."),
    )
    consolidated_due_day = forms.IntegerField(
        label=gettext_lazy("Hạn báo cáo tổng hợp (ngày của tháng 6 và 12)"),
        min_value=15,
        max_value=31,
        required=False,
    )


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ScopedAdmin):
    change_form_template = "admin/reports/reportingperiod/change_form.html"
    change_list_template = "admin/reports/reportingperiod/change_list.html"
    list_display = ["__str__", "data_from", "data_to", "department_due", "state", "closed_by"]
    list_filter = ["year", "half", ("closed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["closed_by"]
    readonly_fields = ["closed_at", "closed_by", "close_note", "completeness_link"]
    actions = ["close_periods", "reopen_periods"]
    fields = [
        "year",
        "half",
        "data_from",
        "data_to",
        "department_due",
        "consolidated_due",
        "closed_at",
        "closed_by",
        "close_note",
        "completeness_link",
    ]

    @admin.display(description=gettext_lazy("trạng thái"))
    def state(self, obj: ReportingPeriod) -> str:
        return _("Đã khóa") if obj.is_closed else _("Đang mở")

    @admin.display(description=gettext_lazy("tình hình nộp báo cáo"))
    def completeness_link(self, obj: ReportingPeriod):
        if not obj.pk:
            return "—"
        url = reverse("reports:completeness", kwargs={"pk": obj.pk})
        return format_html('<a href="{}">{}</a>', url, _("Xem bảng theo dõi nộp báo cáo"))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("open-year/", view(self.open_year_view), name="reports_reportingperiod_open_year"),
            path(
                "<int:pk>/lock/<str:name>/",
                view(self.lock_view),
                name="reports_reportingperiod_lock",
            ),
        ] + super().get_urls()

    def open_year_view(self, request):
        actor = access.actor_for(request.user)
        if not allows(request.user, "reports.open_reportingperiods"):
            raise PermissionDenied
        form = OpenYearForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                opened = periods.open_year(actor=actor, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                names = ", ".join(str(p) for p in opened)
                self.message_user(request, _("Đã mở: %(p)s.") % {"p": names}, messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:reports_reportingperiod_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Mở hai kỳ báo cáo của một năm"),
        }
        return TemplateResponse(request, "admin/reports/reportingperiod/open_year.html", context)

    def lock_view(self, request, pk: int, name: str):
        if request.method != "POST" or name not in ("close", "reopen"):
            raise PermissionDenied
        period = get_object_or_404(ReportingPeriod, pk=pk)
        actor = access.actor_for(request.user)
        try:
            if name == "close":
                periods.close(
                    period=period, actor=actor, reason=request.POST.get("close_reason", "")
                )
            else:
                periods.reopen(period=period, actor=actor)
            self.message_user(request, _("Đã cập nhật kỳ báo cáo."), messages.SUCCESS)
        except ValidationError as error:
            self.message_user(request, _message(error), messages.ERROR)
        return HttpResponseRedirect(reverse("admin:reports_reportingperiod_change", args=[pk]))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["may_lock"] = bool(obj) and allows(
            request.user, "reports.close_reportingperiod", obj
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.action(description=gettext_lazy("Khóa các kỳ đã chọn (lý do: hết hạn báo cáo)"))
    def close_periods(self, request, queryset):
        reason = _("Hết hạn báo cáo")
        self._each(request, queryset, lambda p, a: periods.close(period=p, actor=a, reason=reason))

    @admin.action(description=gettext_lazy("Mở lại các kỳ đã chọn"))
    def reopen_periods(self, request, queryset):
        self._each(request, queryset, lambda p, a: periods.reopen(period=p, actor=a))

    def _each(self, request, queryset, do):
        actor = access.actor_for(request.user)
        for period in queryset:
            try:
                do(period, actor)
                self.message_user(request, _("%(p)s: đã cập nhật.") % {"p": period})
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, f"{period}: {_message(error)}", messages.ERROR)


def _seen_version(request) -> int | None:
    """The report version the reviewer saw, sent with the workflow button."""
    raw = request.POST.get("seen_version", "")
    return int(raw) if raw.isdigit() and len(raw) < 10 else 0  # versions start at 1


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("Bạn không có quyền thực hiện thao tác này.")


class IndicatorValueInline(ScopedTabularInline):
    model = IndicatorValue
    extra = 0
    fields = ["indicator", "value", "note"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get("indicator")
        if field is not None:
            field.queryset = (
                Indicator.objects.filter(commitment_id=obj.commitment_id)
                if obj is not None
                else Indicator.objects.none()
            )
        return formset

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("indicator")


class ProgressReportForm(VersionCheckedModelForm):
    class Meta:
        model = ProgressReport
        fields = "__all__"


@admin.register(ProgressReport)
class ProgressReportAdmin(SheetImportExportMixin, ScopedAdmin):
    form = ProgressReportForm
    resource_classes = [ProgressReportResource]
    change_form_template = "admin/reports/progressreport/change_form.html"
    list_display = [
        "commitment",
        "reporting_unit",
        "period",
        "stage",
        "percent",
        "status",
        "submitted_at",
    ]
    list_filter = [
        "status",
        "period",
        "stage",
        ("reporting_unit", admin.RelatedOnlyFieldListFilter),
        "commitment__sector",
    ]
    list_select_related = ["commitment", "reporting_unit", "period"]
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
    fieldsets = [
        (None, {"fields": ["status", "return_reason", "commitment", "period", "reporting_unit"]}),
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

    # --- which reports ---------------------------------------------------------
    def scope_queryset(self, actor, queryset):
        return workflow.visible_reports(actor, queryset)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        from regions.models import AdministrativeUnit

        actor = access.actor_for(request.user)
        if db_field.name == "commitment":
            kwargs["queryset"] = access.reportable_commitments(actor)
        elif db_field.name == "reporting_unit" and not actor.is_admin:
            kwargs["queryset"] = AdministrativeUnit.objects.filter(
                pk__in=access.reporting_units_of(actor)
            )
        elif db_field.name == "period" and not (actor.is_admin or actor.is_planning):
            kwargs["queryset"] = ReportingPeriod.objects.filter(closed_at__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

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
            self.message_user(request, _("Đã cập nhật trạng thái báo cáo."), messages.SUCCESS)
        except ValidationError as error:
            self.message_user(request, _message(error), messages.ERROR)
        return HttpResponseRedirect(reverse("admin:reports_progressreport_change", args=[pk]))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        actor = access.actor_for(request.user)
        context["transitions"] = (
            [t.name for t in workflow.allowed_transitions(actor, obj)] if obj else []
        )
        context["four_eyes_blocked"] = bool(obj) and workflow.review_blocked_by_four_eyes(
            actor, obj
        )
        context["four_eyes_relaxed"] = workflow.four_eyes_relaxed()
        return super().render_change_form(request, context, add, change, form_url, obj)

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
                self.message_user(request, f"{report}: {_message(error)}", messages.ERROR)
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
    list_display = ["title", "agreement", "held_on", "host_unit"]
    list_filter = [("agreement__parties__unit", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["agreement", "host_unit"]
    search_fields = ["title__unaccent__icontains", "agreement__title__unaccent__icontains"]
    date_hierarchy = "held_on"
    autocomplete_fields = ["agreement", "host_unit"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agreement":
            kwargs["queryset"] = access.manageable_agreements(access.actor_for(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = False
    autocomplete_fields = ["unit", "agency"]


admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(CheckedListParamsAdmin, UserAdmin):
    """Only administrators manage users; the role decides the groups."""

    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "role", "is_active"]
    list_select_related = ["membership", "membership__unit", "membership__agency"]

    @admin.display(description=gettext_lazy("vai trò"))
    def role(self, obj: User) -> str:
        membership = getattr(obj, "membership", None)
        return str(membership) if membership else "—"

    def _is_admin(self, request) -> bool:
        return allows(request.user, "auth.manage_users")

    def has_view_permission(self, request, obj=None):
        return self._is_admin(request)

    def has_add_permission(self, request):
        return self._is_admin(request)

    def has_change_permission(self, request, obj=None):
        return self._is_admin(request)

    def has_delete_permission(self, request, obj=None):
        return self._is_admin(request)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        membership = Membership.objects.filter(user=form.instance).first()
        if membership is not None:
            sync_groups(form.instance, membership.role)


@admin.register(ReminderLog)
class ReminderLogAdmin(CheckedListParamsAdmin, admin.ModelAdmin):
    """What the daily reminder command sent: read-only, for administrators."""

    list_display = ["sent_on", "user", "kind", "item_count"]
    list_filter = ["kind", "sent_on"]
    list_select_related = ["user"]
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


check_lists_of_apps(admin.site, "axes", "auth")  # their list parameters too
