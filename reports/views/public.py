"""Public pages that show progress: dashboard, agreement, unit, sector, reporting, open data.

Every figure comes from the standing records as of one period's end (``?as_of=2022-H2``;
the latest by default). A parameter with an unknown value (as-of, group, period, page,
format) shows the page with a notice.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from agreements import queries as agreement_queries
from agreements.documents import documents_for_page
from agreements.filters import AgreementFilter, ignored
from agreements.models import Sector
from agreements.views import PAGE_SIZE, page_of, wants_download
from portal.lib import opendata
from portal.lib.authz import allows
from regions.models import AdministrativeUnit
from reports.queries import public as read
from reports.queries import standing as records
from reports.services import calendar
from reports.services.calendar import Periods, PeriodWindow
from reports.services.standing_rules import CATEGORY_LABELS

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
    "as_of",
    "parties",
    "demo_data",
    "demo_source",
]


def commitment_open_data(item, as_of: records.AsOf) -> dict:
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
        "as_of": as_of.window.data_to if not as_of.latest else None,
        "parties": "; ".join(f"{line.unit.short_name}: {line.category}" for line in item.parties),
        "demo_data": c.agreement.is_demo,
        "demo_source": c.demo_source,
    }


def as_of_of(request: HttpRequest, notices: list[str], periods: Periods) -> records.AsOf:
    """The page's "as of" (the latest when absent or unknown, with a notice)."""
    asked = request.GET.get("as_of")
    found = records.parse_as_of(asked, periods)
    if found is None:
        notices.append(ignored(_("Tính đến"), asked))
        found = records.latest(periods=periods)
    return found


def as_of_context(as_of: records.AsOf, periods: Periods) -> dict:
    return {"as_of": as_of, "as_of_choices": records.as_of_choices(periods)}


@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    filterset = AgreementFilter(
        request.GET or None, queryset=agreement_queries.agreements_for_listing()
    )
    agreements = filterset.qs  # an invalid filter is ignored and its error shown
    notices = filterset.notices()
    periods = Periods()
    as_of = as_of_of(request, notices, periods)
    grouping = request.GET.get("group") or read.GROUP_NOW
    if grouping not in (read.GROUP_AS_SIGNED, read.GROUP_NOW):
        notices.append(ignored(_("Nhóm theo"), grouping))
        grouping = read.GROUP_NOW
    sector = filterset.form.cleaned_data.get("sector") if filterset.is_bound else None
    active = filterset.active_filters()
    board = read.dashboard(
        agreements,
        as_of=as_of,
        filtered=bool(active),
        sector=sector,
        grouping=grouping,
        periods=periods,
    )
    if fmt := wants_download(request, notices):
        columns = [
            "slug",
            "title",
            "status",
            "as_of",
            "commitments",
            "formal_only",
            "not_reported",
            "under_specified",
            *CATEGORY_LABELS,
            "demo_data",
        ]
        empty = read.Summary.empty()
        rows = (
            {
                "slug": a.slug,
                "title": a.title,
                "status": a.status_now,
                "as_of": None if as_of.latest else as_of.window.data_to,
                "commitments": (s := board.by_agreement.get(a.pk, empty)).total,
                "formal_only": s.formal_only,
                "not_reported": s.not_reported,
                "under_specified": s.under_specified,
                **{key: s.by_category.get(key, 0) for key in CATEGORY_LABELS},
                "demo_data": a.is_demo,
            }
            for a in agreements.prefetch_related(None)
        )
        return opendata.download(fmt, "tong-quan", columns, rows)
    page = page_of(Paginator(agreements, PAGE_SIZE), request, notices)
    read.show_page(board, page)
    context = {
        "filter": filterset,
        "board": board,
        "page": page,
        "grouping": grouping,
        "active": active,
        "notices": notices,
        **as_of_context(as_of, periods),
    }
    return render(request, "reports/dashboard.html", context)


@require_safe
def agreement_detail(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = get_object_or_404(agreement_queries.agreements_for_listing(), slug=slug)
    notices: list[str] = []
    periods = Periods()
    as_of = as_of_of(request, notices, periods)
    page = read.agreement_page(agreement, as_of=as_of, periods=periods)
    if fmt := wants_download(request, notices):
        return opendata.download(
            fmt,
            f"noi-dung-{agreement.slug}",
            COMMITMENT_COLUMNS,
            (commitment_open_data(item, as_of) for item in page.standings),
        )
    context = {
        "agreement": agreement,
        "page": page,
        "chain": agreement.predecessor_chain(),
        "renewals": list(agreement.renewals.all()),
        # public ones for all, internal ones for whoever may download them
        "documents": documents_for_page(request.user, agreement),
        "may_attach_documents": allows(request.user, "agreements.change_agreement", agreement),
        "meetings": list(agreement.review_meetings.select_related("host_unit")),
        "years": _years(agreement.term_start.year, agreement.term_end.year),
        "notices": notices,
        **as_of_context(as_of, periods),
    }
    return render(request, "reports/agreement_detail.html", context)


def _years(first: int, last: int) -> list[int]:
    """Years with something to report, newest first (not beyond this year)."""
    return list(range(min(last, timezone.localdate().year), first - 1, -1))


@require_safe
def unit_detail(request: HttpRequest, key: str) -> HttpResponse:
    unit = get_object_or_404(AdministrativeUnit.objects.select_related("region"), key=key)
    page = agreement_queries.unit_page(unit)
    notices: list[str] = []
    periods = Periods()
    as_of = as_of_of(request, notices, periods)
    if fmt := wants_download(request, notices):
        base = request.build_absolute_uri("/")[:-1]
        return opendata.download(
            fmt,
            f"thoa-thuan-{unit.key}",
            agreement_queries.OPEN_DATA_COLUMNS,
            (r.as_open_data(base) for r in page.rows),
        )
    standing = read.unit_standing(page, as_of=as_of)
    terms = [(row.agreement.term_start.year, row.agreement.term_end.year) for row in page.rows]
    this_year = timezone.localdate().year
    years = sorted({y for a, b in terms for y in range(a, min(b, this_year) + 1)}, reverse=True)
    context = {
        "page": page,
        "standing": standing,
        "unit": unit,
        "years": years,
        "notices": notices,
        "reporting_calendar": calendar.recent_unit_calendar(unit),
        **as_of_context(as_of, periods),
    }
    return render(request, "reports/unit_detail.html", context)


@require_safe
def sector_detail(request: HttpRequest, slug: str) -> HttpResponse:
    sector = get_object_or_404(Sector, slug=slug)
    notices: list[str] = []
    periods = Periods()
    as_of = as_of_of(request, notices, periods)
    rows = read.sector_rows(sector, as_of)
    if fmt := wants_download(request, notices):
        return opendata.download(
            fmt,
            f"linh-vuc-{sector.slug}",
            COMMITMENT_COLUMNS,
            (commitment_open_data(item, as_of) for item in records.standings(rows)),
        )
    summary = records.total(records.summaries_as_of(as_of.seq, sector=sector).values())
    page = page_of(Paginator(rows, PAGE_SIZE * 2), request, notices)
    items = records.standings(rows.filter(pk__in=[row.pk for row in page.object_list.only("pk")]))
    context = {
        "sector": sector,
        "items": items,
        "page": page,
        "summary": summary,
        "notices": notices,
        **as_of_context(as_of, periods),
    }
    return render(request, "reports/sector_detail.html", context)


@require_safe
def reporting(request: HttpRequest) -> HttpResponse:
    notices: list[str] = []
    periods = Periods()
    chosen = _period_asked(request, notices, periods)
    lines = read.reporting_by_unit(chosen.seq, today=periods.today)
    if fmt := wants_download(request, notices):
        columns = [
            "period",
            "unit",
            "expected",
            "approved",
            "pending",
            "missing",
            "late",
            "demo_data",
        ]
        # a unit's counts take in demo data when it owed reports on a demo agreement
        demo_units = set(
            records.owed(chosen.seq)
            .filter(agreement__is_demo=True)
            .values_list("unit_id", flat=True)
            .distinct()
        )
        rows = (
            {
                "period": chosen.short_label,
                "unit": line.unit.name,
                "expected": line.expected,
                "approved": line.approved,
                "pending": line.pending,
                "missing": line.missing,
                "late": line.late,
                "demo_data": line.unit.pk in demo_units,
            }
            for line in lines
        )
        return opendata.download(fmt, f"bao-cao-{chosen.short_label}", columns, rows)
    return render(
        request,
        "reports/reporting.html",
        {
            "periods": [periods.window(periods.current), *periods.past()],
            "current": periods.window(periods.current),
            "period": chosen,
            "lines": lines,
            "notices": notices,
        },
    )


def _period_asked(request: HttpRequest, notices: list[str], periods: Periods) -> PeriodWindow:
    """``?period=2024-H1`` (or an opened period's id); by default the last one due."""
    asked = request.GET.get("period")
    if asked:
        for seq, period in periods.opened.items():
            if asked == str(period.pk):
                return periods.window(seq)
        if (seq := periods.parse(asked)) is not None:
            return periods.window(seq)
        notices.append(ignored(_("Kỳ báo cáo"), asked))
    due = periods.last_due()
    return periods.window(due if due is not None else periods.current)


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
