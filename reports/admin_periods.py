"""Staff work on reporting periods: open a year, close and reopen (administrators)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements import access
from agreements.admin_base import ScopedAdmin
from portal.lib.authz import allows
from reports import periods
from reports.models import ReportingPeriod


def message_of(error: Exception) -> str:
    """What to tell the user of a refused or invalid workflow step."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("Bạn không có quyền thực hiện thao tác này.")


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
            self.message_user(request, message_of(error), messages.ERROR)
        return HttpResponseRedirect(reverse("admin:reports_reportingperiod_change", args=[pk]))

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "may_open_year": allows(request.user, "reports.open_reportingperiods"),
        }
        return super().changelist_view(request, extra_context)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        if not allows(request.user, "reports.open_reportingperiods"):
            actions.pop("close_periods", None)
            actions.pop("reopen_periods", None)
        return actions

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
                self.message_user(request, f"{period}: {message_of(error)}", messages.ERROR)
