"""Public pages that show progress: dashboard, agreement, sector, reporting, open data.

Only approved reports reach these pages (reports.dashboard reads nothing else). A
parameter with an unknown value (group, period, format) shows the page with a notice.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from agreements import queries as agreement_queries
from agreements.filters import AgreementFilter, ignored
from agreements.models import Sector
from agreements.views import wants_download
from portal.lib import opendata
from reports import dashboard as read
from reports.models import ReportingPeriod
from reports.standing import CATEGORY_LABELS

COMMITMENT_COLUMNS = [
    "agreement",
    "sector",
    "number",
    "title",
    "committing_unit",
    "lead_agency",
    "start_on",
    "due_on",
    "stage",
    "category",
    "percent",
    "approved_reports",
    "formal_only",
    "not_reported",
    "under_specified",
    "carried_over_from",
]


def commitment_open_data(item) -> dict:
    c = item.commitment
    return {
        "agreement": c.agreement.slug,
        "sector": c.sector.name,
        "number": c.number,
        "title": c.title,
        "committing_unit": c.committing_unit.name if c.committing_unit_id else "",
        "lead_agency": c.lead_agency.name if c.lead_agency_id else "",
        "start_on": c.start_on,
        "due_on": c.due_on,
        "stage": item.stage,
        "category": item.category,
        "percent": item.percent,
        "approved_reports": item.approved_reports,
        "formal_only": item.formal_only,
        "not_reported": item.not_reported,
        "under_specified": item.under_specified,
        "carried_over_from": c.carried_over_from.title if c.carried_over_from_id else "",
    }


@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    filterset = AgreementFilter(
        request.GET or None, queryset=agreement_queries.agreements_for_listing()
    )
    agreements = filterset.qs  # an invalid filter is ignored and its error shown
    notices = filterset.notices()
    grouping = request.GET.get("group") or read.GROUP_NOW
    if grouping not in (read.GROUP_AS_SIGNED, read.GROUP_NOW):
        notices.append(ignored(_("Nhóm theo"), grouping))
        grouping = read.GROUP_NOW
    sector = filterset.form.cleaned_data.get("sector") if filterset.is_bound else None
    board = read.dashboard(agreements, sector=sector, grouping=grouping)
    if fmt := wants_download(request, notices):
        columns = [
            "slug",
            "title",
            "status",
            "commitments",
            "formal_only",
            "not_reported",
            "under_specified",
            *CATEGORY_LABELS,
        ]
        rows = (
            {
                "slug": a.row.agreement.slug,
                "title": a.row.agreement.title,
                "status": a.row.agreement.status_now,
                "commitments": a.summary.total,
                "formal_only": a.summary.formal_only,
                "not_reported": a.summary.not_reported,
                "under_specified": a.summary.under_specified,
                **{key: a.summary.by_category.get(key, 0) for key in CATEGORY_LABELS},
            }
            for a in board.agreements
        )
        return opendata.download(fmt, "tong-quan", columns, rows)
    context = {
        "filter": filterset,
        "board": board,
        "grouping": grouping,
        "active": filterset.active_filters(),
        "notices": notices,
    }
    return render(request, "reports/dashboard.html", context)


@require_safe
def agreement_detail(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = get_object_or_404(agreement_queries.agreements_for_listing(), slug=slug)
    page = read.agreement_page(agreement)
    notices: list[str] = []
    if fmt := wants_download(request, notices):
        items = (view.standing for _, views in page.by_sector for view in views)
        return opendata.download(
            fmt, f"noi-dung-{agreement.slug}", COMMITMENT_COLUMNS, map(commitment_open_data, items)
        )
    context = {
        "agreement": agreement,
        "page": page,
        "chain": agreement.predecessor_chain(),
        "renewals": list(agreement.renewals.all()),
        "documents": list(agreement.documents.select_related("issuing_unit")),
        "meetings": list(agreement.review_meetings.select_related("host_unit")),
        "years": _years(agreement.term_start.year, agreement.term_end.year),
        "notices": notices,
    }
    return render(request, "reports/agreement_detail.html", context)


def _years(first: int, last: int) -> list[int]:
    """Years with something to report, newest first (not beyond this year)."""
    return list(range(min(last, _today().year), first - 1, -1))


@require_safe
def sector_detail(request: HttpRequest, slug: str) -> HttpResponse:
    sector = get_object_or_404(Sector, slug=slug)
    items = read.sector_standings(sector)
    notices: list[str] = []
    if fmt := wants_download(request, notices):
        return opendata.download(
            fmt, f"linh-vuc-{sector.slug}", COMMITMENT_COLUMNS, map(commitment_open_data, items)
        )
    from reports.standing import summarise

    return render(
        request,
        "reports/sector_detail.html",
        {"sector": sector, "items": items, "summary": summarise(items), "notices": notices},
    )


@require_safe
def reporting(request: HttpRequest) -> HttpResponse:
    periods = list(ReportingPeriod.objects.order_by("-year", "-half"))
    notices: list[str] = []
    asked = request.GET.get("period")
    chosen = next((p for p in periods if str(p.pk) == asked), None)
    if asked and chosen is None:
        notices.append(ignored(_("Kỳ báo cáo"), asked))
    if chosen is None:
        due = [p for p in periods if p.department_due < _today()]
        chosen = due[0] if due else (periods[0] if periods else None)
    lines = read.reporting_by_unit(chosen) if chosen else []
    if fmt := wants_download(request, notices):
        columns = ["period", "unit", "expected", "approved", "pending", "missing", "late"]
        rows = (
            {
                "period": chosen.short_label,
                "unit": line.unit.name,
                "expected": line.expected,
                "approved": line.approved,
                "pending": line.pending,
                "missing": line.missing,
                "late": line.late,
            }
            for line in lines
        )
        return opendata.download(
            fmt, f"bao-cao-{chosen.short_label if chosen else 'none'}", columns, rows
        )
    return render(
        request,
        "reports/reporting.html",
        {"periods": periods, "period": chosen, "lines": lines, "notices": notices},
    )


def _today():
    from django.utils import timezone

    return timezone.localdate()


@require_safe
def open_data(request: HttpRequest) -> HttpResponse:
    sample_sector = Sector.objects.filter(~Q(agreements=None)).first()
    return render(
        request,
        "reports/open_data.html",
        {
            "agreement_columns": agreement_queries.OPEN_DATA_COLUMNS,
            "commitment_columns": COMMITMENT_COLUMNS,
            "sample_sector": sample_sector,
        },
    )
