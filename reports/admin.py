from django.contrib import admin

from reports.models import IndicatorValue, ProgressReport, ReportingPeriod, ReviewMeeting


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["__str__", "data_from", "data_to", "department_due", "closed_at"]
    list_filter = ["year", "half"]


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ["commitment", "reporting_unit", "period", "stage", "percent", "status"]
    list_filter = ["status", "stage", "period"]
    list_select_related = ["commitment", "reporting_unit", "period"]
    search_fields = ["commitment__title", "achievements"]
    autocomplete_fields = ["commitment", "reporting_unit"]
    readonly_fields = ["submitted_by", "submitted_at", "reviewed_by", "reviewed_at", "created_by"]
    inlines = [IndicatorValueInline]


@admin.register(ReviewMeeting)
class ReviewMeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "agreement", "held_on", "host_unit"]
    list_select_related = ["agreement", "host_unit"]
    date_hierarchy = "held_on"
    autocomplete_fields = ["agreement", "host_unit"]
