"""Staff work on reporting periods: the national defaults and lock (administrators), and
each unit's own calendar (its planning staff)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements import access
from agreements.admin_base import ScopedAdmin
from portal.lib.authz import allows
from portal.lib.versioning import VersionCheckedModelForm
from reports.models import ReportingPeriod, UnitCalendar, seq_period
from reports.services import periods
from reports.services.calendar import current_seq


def message_of(error: Exception) -> str:
    """What to tell the user of a refused or invalid workflow step."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("Bạn không có quyền thực hiện thao tác này.")


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ScopedAdmin):
    change_form_template = "admin/reports/reportingperiod/change_form.html"
    change_list_template = "admin/reports/reportingperiod/change_list.html"
    list_display = ["__str__", "data_from", "data_to", "department_due", "state", "closed_by"]
    list_filter = ["year", "half", ("closed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["closed_by"]
    readonly_fields = [
        "closed_at",
        "closed_by",
        "close_note",
        "completeness_link",
        "unit_calendars",
    ]
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
        "unit_calendars",
    ]

    @admin.display(description=gettext_lazy("lịch riêng của các đơn vị"))
    def unit_calendars(self, obj: ReportingPeriod):
        if not obj.pk:
            return "—"
        rows = obj.unit_calendars.select_related("unit").order_by("unit__short_name")
        items = format_html_join(
            "",
            "<li>{}: {} {}</li>",
            (
                (
                    row.unit.short_name,
                    _("hạn %(d)s")
                    % {"d": (row.department_due or obj.department_due).strftime("%d/%m/%Y")},
                    _("— đã khóa: %(r)s") % {"r": row.close_note} if row.is_closed else "",
                )
                for row in rows
            ),
        )
        add = reverse("admin:reports_unitcalendar_add") + f"?period={obj.pk}"
        link = format_html('<a href="{}">{}</a>', add, _("Đặt lịch cho một đơn vị"))
        if not items:
            return format_html("{} {}", _("Chưa đơn vị nào đặt lịch riêng."), link)
        return format_html("<ul>{}</ul>{}", items, link)

    @admin.display(description=gettext_lazy("trạng thái"))
    def state(self, obj: ReportingPeriod) -> str:
        return capfirst(obj.phase_label(timezone.localdate()))  # future periods are not open

    @admin.display(description=gettext_lazy("tình hình nộp báo cáo"))
    def completeness_link(self, obj: ReportingPeriod):
        if not obj.pk:
            return "—"
        url = reverse("reports:completeness", kwargs={"pk": obj.pk})
        return format_html('<a href="{}">{}</a>', url, _("Xem bảng theo dõi nộp báo cáo"))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/lock/<str:name>/",
                view(self.lock_view),
                name="reports_reportingperiod_lock",
            ),
        ] + super().get_urls()

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
        periods.ensure_periods()  # periods exist by the Decree's rule: nobody opens them
        return super().changelist_view(request, extra_context)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        if not allows(request.user, "reports.close_reportingperiod"):
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


class UnitCalendarForm(VersionCheckedModelForm):
    closed = forms.BooleanField(
        label=gettext_lazy("Khóa kỳ này cho đơn vị"),
        required=False,
        help_text=gettext_lazy(
            "Khi khóa, sở, ngành của đơn vị không thêm, sửa hoặc gửi được báo cáo của kỳ; "
            "cán bộ kế hoạch vẫn sửa được. Đơn vị khác không bị ảnh hưởng."
        ),
    )

    class Meta:
        model = UnitCalendar
        fields = ["period", "unit", "department_due", "consolidated_due", "close_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closed"].initial = bool(self.instance.pk and self.instance.is_closed)

    def clean(self):
        data = super().clean()
        if data.get("closed") and not (data.get("close_note") or "").strip():
            self.add_error("close_note", _("Cần ghi lý do khóa kỳ báo cáo."))
        return data


@admin.register(UnitCalendar)
class UnitCalendarAdmin(ScopedAdmin):
    form = UnitCalendarForm
    list_display = ["period", "unit", "department_due_shown", "consolidated_due_shown", "state"]
    list_filter = ["period__year", "period__half", ("closed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["period", "unit"]
    search_fields = ["unit__short_name"]
    fields = ["period", "unit", "department_due", "consolidated_due", "closed", "close_note"]

    @admin.display(description=gettext_lazy("hạn sở, ngành gửi"))
    def department_due_shown(self, obj: UnitCalendar):
        return obj.department_due or obj.period.department_due

    @admin.display(description=gettext_lazy("hạn tổng hợp"))
    def consolidated_due_shown(self, obj: UnitCalendar):
        return obj.consolidated_due or obj.period.consolidated_due

    @admin.display(description=gettext_lazy("trạng thái"))
    def state(self, obj: UnitCalendar) -> str:
        if obj.is_closed:
            return _("Đã khóa: %(r)s") % {"r": obj.close_note}
        return _("Đang mở")

    def get_readonly_fields(self, request, obj=None):
        return ["period", "unit"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        from regions.models import AdministrativeUnit

        actor = access.actor_for(request.user)
        if db_field.name == "unit":
            units = AdministrativeUnit.objects.current()
            if not actor.is_admin:
                units = units.filter(pk__in=actor.unit_ids)
            kwargs["queryset"] = units
        elif db_field.name == "period":
            periods.ensure_periods()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        membership_unit = getattr(getattr(request.user, "membership", None), "unit_id", None)
        if membership_unit and "unit" not in initial:
            initial["unit"] = membership_unit
        if "period" not in initial:  # the period under way
            year, half = seq_period(current_seq())
            found = ReportingPeriod.objects.filter(year=year, half=half).values_list(
                "pk", flat=True
            )
            initial["period"] = next(iter(found), None)
        return initial

    def save_model(self, request, obj, form, change):
        periods.save_unit_calendar(
            actor=access.actor_for(request.user),
            calendar=obj,
            closed=form.cleaned_data.get("closed", False),
            reason=obj.close_note,
        )
