"""The review side of the progress-report admin (issue 21 items 8-10): the list of reports
waiting for the user's decision (``?review=mine``, titled in plain words, with the
agreement and who sent it), a period filter that offers the periods that have reports,
and the review desk on a report's page (decide at the top, read the commitment's
indicators, the previous report and the agreement beside the text, go on to the next).

The rule of what a user may review is ``reports.review_progressreport``; lists ask it as a
filter (``portal.lib.authz.reviewable_reports``), never restate it.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements import access
from portal.lib.admin_columns import shortened
from portal.lib.authz import reviewable_reports
from reports.models import ProgressReport, ReportStatus
from reports.queries.review import WAITING_ORDER, review_desk


class ReviewFilter(admin.SimpleListFilter):
    """Only the reports the user may approve or return (four eyes: not their own)."""

    title = gettext_lazy("duyệt")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("mine", gettext_lazy("Chờ bạn duyệt"))]

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return reviewable_reports(request.user, queryset)
        return queryset


class WaitingOrder:
    """For the review list's ChangeList: its column headers mark the order it is in
    ("gửi lúc", oldest first), not the model's default (Django marks the headers from
    the default only)."""

    def _get_default_ordering(self):
        return list(WAITING_ORDER)


_WAITING: dict[type, type] = {}


def waiting(changelist: type[ChangeList]) -> type[ChangeList]:
    """``changelist`` (with whatever checks it has) in the waiting order, made once."""
    if changelist not in _WAITING:
        _WAITING[changelist] = type(f"Waiting{changelist.__name__}", (WaitingOrder, changelist), {})
    return _WAITING[changelist]


class PeriodWithReportsFilter(admin.RelatedOnlyFieldListFilter):
    """The periods that have reports the user sees (not every period since 2016)."""


class ReviewDeskMixin:
    """For ``ProgressReportAdmin``: the review list's title and columns, the review desk."""

    @admin.display(description=gettext_lazy("thỏa thuận"), ordering="commitment__agreement")
    def agreement_title(self, obj: ProgressReport) -> str:
        return shortened(obj.commitment.agreement.title, 60, keep_end=True)

    @admin.display(description=gettext_lazy("cơ quan, người gửi"), ordering="submitted_by")
    def sender(self, obj: ProgressReport) -> str:
        """The department that reports (the commitment's lead agency) and, when the
        portal recorded it, the person who sent it."""
        agency = obj.commitment.lead_agency
        user = obj.submitted_by
        name = (user.get_full_name() or user.username) if user else ""
        department = (agency.short_name or agency.name) if agency else ""
        if not (name or department):
            return "—"
        return format_html(
            "{}{}", department, format_html("<br><small>{}</small>", name) if name else ""
        )

    def get_ordering(self, request):
        """The review list waits in the order of the review page's "next" (oldest sent
        first, ``WAITING_ORDER``); a column the user sorts by still wins."""
        if request.GET.get(ReviewFilter.parameter_name) == "mine":
            return list(WAITING_ORDER)
        return super().get_ordering(request)

    def get_changelist(self, request, **kwargs):
        changelist = super().get_changelist(request, **kwargs)
        if request.GET.get(ReviewFilter.parameter_name) == "mine":
            return waiting(changelist)
        return changelist

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if request.GET.get("review") == "mine":
            extra_context.setdefault("title", _("Báo cáo chờ bạn duyệt"))
        else:
            extra_context.setdefault("title", _("Báo cáo tiến độ"))
        return super().changelist_view(request, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.status != ReportStatus.DRAFT:
            actor = access.actor_for(request.user)
            if actor.oversees_unit(obj.reporting_unit_id):
                context["review_desk"] = review_desk(
                    actor,
                    obj,
                    may_decide="approve" in context.get("transitions", []),
                    blocked=bool(context.get("four_eyes_blocked")),
                )
        return super().render_change_form(request, context, add, change, form_url, obj)
