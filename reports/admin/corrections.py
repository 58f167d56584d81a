"""Staff work on corrections of approved reports: propose, edit, submit, review.

A correction is created from the approved report's page ("Đề nghị điều chỉnh", with a
reason), never from an empty form: it starts as a copy of the report. The rules and moves
are in ``reports.services.corrections``; this module parses the request and shows the outcome.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements import access
from agreements.admin_base import ScopedAdmin, ScopedTabularInline
from agreements.models import Indicator
from portal.lib.admin_columns import shortened
from portal.lib.versioning import VersionCheckedModelForm
from reports.admin.periods import message_of
from reports.models import CorrectedValue, ReportCorrection
from reports.models.correction import CONTENT_FIELDS
from reports.services import corrections, workflow


def seen_version(request) -> int:
    """The version the user saw, sent with the workflow button (0, always stale, if none)."""
    raw = request.POST.get("seen_version", "")
    return int(raw) if raw.isdigit() and len(raw) < 10 else 0  # versions start at 1


class CorrectedValueInline(ScopedTabularInline):
    model = CorrectedValue
    extra = 0
    fields = ["indicator", "value", "note"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get("indicator")
        if field is not None:
            field.queryset = (
                Indicator.objects.filter(commitment_id=obj.report.commitment_id)
                if obj is not None
                else Indicator.objects.none()
            )
        return formset

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("indicator")


class ReportCorrectionForm(VersionCheckedModelForm):
    class Meta:
        model = ReportCorrection
        fields = ["reason", *CONTENT_FIELDS]


@admin.register(ReportCorrection)
class ReportCorrectionAdmin(ScopedAdmin):
    form = ReportCorrectionForm
    change_form_template = "admin/reports/reportcorrection/change_form.html"
    list_display = [
        "commitment_title",
        "reporting_unit",
        "period",
        "status",
        "short_reason",
        "created_by",
        "created_at",
    ]
    list_filter = ["status", "report__period"]
    list_select_related = [
        "report__commitment",
        "report__reporting_unit",
        "report__period",
        "created_by",
    ]
    search_fields = [
        "reason__unaccent__icontains",
        "report__commitment__title__unaccent__icontains",
    ]
    readonly_fields = [
        "report_link",
        "changes",
        "status",
        "return_reason",
        "created_by",
        "created_at",
        "submitted_by",
        "submitted_at",
        "reviewed_by",
        "reviewed_at",
    ]
    inlines = [CorrectedValueInline]
    fieldsets = [
        (None, {"fields": ["report_link", "status", "return_reason", "reason", "changes"]}),
        (gettext_lazy("Nội dung sau điều chỉnh"), {"fields": list(CONTENT_FIELDS)}),
        (
            gettext_lazy("Người đề nghị, gửi, duyệt"),
            {
                "fields": [
                    "created_by",
                    "created_at",
                    "submitted_by",
                    "submitted_at",
                    "reviewed_by",
                    "reviewed_at",
                    "seen_version",
                ]
            },
        ),
    ]

    # --- columns (fit a 1366 px screen: the commitment's title is cut) ----------------
    @admin.display(description=gettext_lazy("nội dung hợp tác"), ordering="report__commitment")
    def commitment_title(self, obj):
        return shortened(obj.report.commitment.title, 60)

    @admin.display(description=gettext_lazy("bên báo cáo"))
    def reporting_unit(self, obj):
        return obj.report.reporting_unit.short_name

    @admin.display(description=gettext_lazy("kỳ báo cáo"), ordering="report__period")
    def period(self, obj):
        return obj.report.period.short_label

    @admin.display(description=gettext_lazy("lý do điều chỉnh"))
    def short_reason(self, obj):
        return shortened(obj.reason, 60)

    @admin.display(description=gettext_lazy("báo cáo được điều chỉnh"))
    def report_link(self, obj):
        url = reverse("admin:reports_progressreport_change", args=[obj.report_id])
        return format_html(
            '<a href="{}">{}</a> · {}',
            url,
            obj.report,
            _("bản số %(n)s") % {"n": obj.report.revision},
        )

    @admin.display(description=gettext_lazy("thay đổi so với báo cáo đang công bố"))
    def changes(self, obj):
        if obj.status == "approved":
            return _("Đã áp dụng vào báo cáo.")
        rows = corrections.differences(obj)
        if not rows:
            return _("Chưa có thay đổi nào so với báo cáo đã duyệt.")
        head = format_html(
            "<tr><th>{}</th><th>{}</th><th>{}</th></tr>",
            _("Mục"),
            _("Đang công bố"),
            _("Đề nghị"),
        )
        body = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows)
        return format_html('<table class="correction-changes">{}{}</table>', head, body)

    # --- which corrections ---------------------------------------------------------
    def scope_queryset(self, actor, queryset):
        return corrections.visible_corrections(actor, queryset)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("report__period")

    def has_add_permission(self, request):
        return False  # made from the approved report's page, as a copy of it

    # --- workflow ------------------------------------------------------------------
    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "request/<int:report_pk>/",
                view(self.request_view),
                name="reports_reportcorrection_request",
            ),
            path(
                "<int:pk>/transition/<str:name>/",
                view(self.transition_view),
                name="reports_reportcorrection_transition",
            ),
        ] + super().get_urls()

    def request_view(self, request, report_pk: int):
        """POST from the approved report's page: a draft correction, then its page."""
        if request.method != "POST":
            raise PermissionDenied
        actor = access.actor_for(request.user)
        report = get_object_or_404(workflow.visible_reports(actor), pk=report_pk)
        reason = request.POST.get("correction_reason_input", "")
        try:
            correction = corrections.request_correction(report=report, actor=actor, reason=reason)
        except ValidationError as error:
            self.message_user(request, message_of(error), messages.ERROR)
            return HttpResponseRedirect(
                reverse("admin:reports_progressreport_change", args=[report.pk])
            )
        self.message_user(
            request,
            _(
                "Đã lập đề nghị điều chỉnh từ nội dung báo cáo đã duyệt: sửa nội dung cần "
                "điều chỉnh rồi gửi để duyệt. Báo cáo đang công bố giữ nguyên cho đến khi "
                "điều chỉnh được duyệt."
            ),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(
            reverse("admin:reports_reportcorrection_change", args=[correction.pk])
        )

    def transition_view(self, request, pk: int, name: str):
        if request.method != "POST" or name not in corrections.TRANSITIONS:
            raise PermissionDenied
        correction = get_object_or_404(self.get_queryset(request), pk=pk)
        actor = access.actor_for(request.user)
        seen = seen_version(request)
        try:
            if name == "submit":
                corrections.submit(correction=correction, actor=actor, seen_version=seen)
            elif name == "approve":
                corrections.approve(correction=correction, actor=actor, seen_version=seen)
            else:
                corrections.return_for_revision(
                    correction=correction,
                    actor=actor,
                    reason=request.POST.get("return_reason_input", ""),
                    seen_version=seen,
                )
            done = {
                "submit": _("Đã gửi đề nghị điều chỉnh để duyệt."),
                "approve": _("Đã duyệt điều chỉnh: báo cáo đã được cập nhật."),
                "return": _("Đã trả lại đề nghị điều chỉnh kèm lý do."),
            }
            self.message_user(request, done[name], messages.SUCCESS)
        except ValidationError as error:
            self.message_user(request, message_of(error), messages.ERROR)
        return HttpResponseRedirect(reverse("admin:reports_reportcorrection_change", args=[pk]))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        actor = access.actor_for(request.user)
        context["transitions"] = (
            [t.name for t in corrections.allowed_transitions(actor, obj)] if obj else []
        )
        context["four_eyes_blocked"] = bool(obj) and corrections.review_blocked_by_four_eyes(
            actor, obj
        )
        context["four_eyes_relaxed"] = workflow.four_eyes_relaxed()
        return super().render_change_form(request, context, add, change, form_url, obj)
