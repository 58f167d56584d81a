"""Public pages that show progress: dashboard, agreement, unit, sector, reporting, open data.

Every figure comes from the standing records as of one period's end (``?as_of=2022-H2``;
the latest by default). A parameter with an unknown value (as-of, group, period, page,
format) shows the page with a notice.
"""

from __future__ import annotations

import datetime as dt

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
from reports.services.standing_rules import CATEGORY_LABELS, FORMAL_ONLY, NOT_REPORTED


def as_of_value(as_of: records.AsOf | None) -> dt.date | None:
    """The ``as_of`` column: the last day of data counted, empty for the latest."""
    return None if as_of is None or as_of.latest else as_of.window.data_to


def commitments_open_data(as_of: records.AsOf | None = None) -> opendata.Table:
    """The open-data columns of a commitment list (standing items as of ``as_of``; the
    latest when ``None``)."""
    day = as_of_value(as_of)
    return opendata.Table(
        agreement=lambda i: i.commitment.agreement.slug,
        sector=lambda i: i.commitment.sector.name,
        number=lambda i: i.commitment.number,
        title=lambda i: i.commitment.title,
        committing_unit=lambda i: (
            i.commitment.committing_unit.name if i.commitment.committing_unit_id else ""
        ),
        lead_agency=lambda i: i.commitment.lead_agency.name if i.commitment.lead_agency_id else "",
        start_on=lambda i: i.commitment.start_on,
        due_on=lambda i: i.commitment.due_on,
        stage=lambda i: i.stage,
        category=lambda i: i.category,
        percent=lambda i: i.percent,
        approved_reports=lambda i: i.approved_reports,
        formal_only=lambda i: i.formal_only,
        not_reported=lambda i: i.not_reported,
        under_specified=lambda i: i.under_specified,
        carried_over_from=lambda i: (
            i.commitment.carried_over_from.title if i.commitment.carried_over_from_id else ""
        ),
        as_of=lambda i: day,
        parties=lambda i: "; ".join(
            f"{line.unit.short_name}: {line.category}" for line in i.parties
        ),
        demo_data=lambda i: i.commitment.agreement.is_demo,
        demo_source=lambda i: i.commitment.demo_source,
    )


def dashboard_open_data(as_of: records.AsOf, board: read.Dashboard) -> opendata.Table:
    """The open-data columns of the dashboard: one row per agreement, its counts as of
    ``as_of``."""
    day, empty = as_of_value(as_of), read.Summary.empty()

    def summary(agreement) -> read.Summary:
        return board.by_agreement.get(agreement.pk, empty)

    return opendata.Table(
        slug=lambda a: a.slug,
        title=lambda a: a.title,
        status=lambda a: a.status_now,
        as_of=lambda a: day,
        commitments=lambda a: summary(a).total,
        formal_only=lambda a: summary(a).formal_only,
        not_reported=lambda a: summary(a).not_reported,
        under_specified=lambda a: summary(a).under_specified,
        **{  # one column per stage; formal_only and not_reported are above
            str(key): (lambda a, key=key: summary(a).by_category.get(key, 0))
            for key in CATEGORY_LABELS
            if key not in (FORMAL_ONLY, NOT_REPORTED)
        },
        demo_data=lambda a: a.is_demo,
    )


def reporting_open_data(period: PeriodWindow, demo_units: set[int]) -> opendata.Table:
    """The open-data columns of the reporting list: one row per unit for ``period``;
    ``demo_units`` owed reports on a demo agreement, so their counts take in demo data."""
    return opendata.Table(
        period=lambda line: period.short_label,
        unit=lambda line: line.unit.name,
        expected=lambda line: line.expected,
        approved=lambda line: line.approved,
        pending=lambda line: line.pending,
        missing=lambda line: line.missing,
        late=lambda line: line.late,
        demo_data=lambda line: line.unit.pk in demo_units,
    )


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
        return opendata.download(
            fmt,
            "tong-quan",
            dashboard_open_data(as_of, board),
            agreements.prefetch_related(None),
        )
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
def commitment_list(request: HttpRequest) -> HttpResponse:
    """The commitments behind a dashboard card (``?standing=formal_only``), with the
    dashboard's filters and as-of: the same rows its count counted."""
    filterset = AgreementFilter(
        request.GET or None, queryset=agreement_queries.agreements_for_listing()
    )
    notices = filterset.notices()
    periods = Periods()
    as_of = as_of_of(request, notices, periods)
    asked = request.GET.get("standing")
    standing = read.STANDING_FILTERS.get(asked or "")
    if asked and standing is None:
        notices.append(ignored(_("Tình hình"), asked))
    active = filterset.active_filters()
    sector = filterset.form.cleaned_data.get("sector") if filterset.is_bound else None
    scope = read.standing_scope(filterset.qs, filtered=bool(active), sector=sector)
    rows = read.commitment_rows(as_of, scope, standing)
    if fmt := wants_download(request, notices):
        name = f"noi-dung-{standing.key}" if standing else "noi-dung"
        return opendata.download(fmt, name, commitments_open_data(as_of), records.standings(rows))
    total = records.rows_as_of(as_of.seq).filter(**scope).count()
    page = page_of(Paginator(rows, PAGE_SIZE * 2), request, notices)
    items = records.standings(rows.filter(pk__in=[row.pk for row in page.object_list.only("pk")]))
    context = {
        "filter": filterset,
        "standing": standing,
        "standings": read.STANDING_FILTERS.values(),
        "items": items,
        "page": page,
        "total": total,
        "active": active,
        "notices": notices,
        **as_of_context(as_of, periods),
    }
    return render(request, "reports/commitment_list.html", context)


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
            commitments_open_data(as_of),
            page.standings,
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
            agreement_queries.agreements_open_data(base),
            page.rows,
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
            commitments_open_data(as_of),
            records.standings(rows),
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
        # a unit's counts take in demo data when it owed reports on a demo agreement
        demo_units = set(
            records.owed(chosen.seq)
            .filter(agreement__is_demo=True)
            .values_list("unit_id", flat=True)
            .distinct()
        )
        return opendata.download(
            fmt, f"bao-cao-{chosen.short_label}", reporting_open_data(chosen, demo_units), lines
        )
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
    due = read.owing_period(periods) or periods.last_due()
    return periods.window(due if due is not None else periods.current)


@require_safe
def open_data(request: HttpRequest) -> HttpResponse:
    sample_sector = Sector.objects.filter(~Q(agreements=None)).first()
    return render(
        request,
        "reports/open_data.html",
        {
            "agreement_columns": agreement_queries.agreements_open_data().names,
            "commitment_columns": commitments_open_data().names,
            "sample_sector": sample_sector,
        },
    )
