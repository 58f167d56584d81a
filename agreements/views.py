"""Public agreement pages: parse, read through queries.py, render."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from agreements import queries
from agreements.filters import AgreementFilter
from portal.lib import opendata
from regions.models import AdministrativeUnit

PAGE_SIZE = 20


def wants_download(request: HttpRequest) -> str | None:
    fmt = request.GET.get("format")
    return fmt if fmt in opendata.FORMATS else None


@require_safe
def agreement_list(request: HttpRequest) -> HttpResponse:
    filterset = AgreementFilter(request.GET or None, queryset=queries.agreements_for_listing())
    agreements = filterset.qs  # an invalid filter is ignored and its error shown
    if fmt := wants_download(request):
        rows = queries.agreement_rows(agreements)
        base = request.build_absolute_uri("/")[:-1]
        return opendata.download(
            fmt, "thoa-thuan", queries.OPEN_DATA_COLUMNS, (r.as_open_data(base) for r in rows)
        )
    page = Paginator(agreements, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page": page,
        "rows": queries.agreement_rows(page.object_list),
        "active": filterset.active_filters(),
    }
    return render(request, "agreements/agreement_list.html", context)


@require_safe
def unit_list(request: HttpRequest) -> HttpResponse:
    units = AdministrativeUnit.objects.select_related("region").annotate(
        signed=Count("agreement_parties", distinct=True)
    )
    context = {
        "current": [u for u in units if u.is_current],
        "before": [u for u in units.filter(~Q(valid_until=None), signed__gt=0)],
    }
    return render(request, "agreements/unit_list.html", context)


@require_safe
def unit_detail(request: HttpRequest, key: str) -> HttpResponse:
    unit = get_object_or_404(AdministrativeUnit.objects.select_related("region"), key=key)
    page = queries.unit_page(unit)
    if fmt := wants_download(request):
        base = request.build_absolute_uri("/")[:-1]
        return opendata.download(
            fmt,
            f"thoa-thuan-{unit.key}",
            queries.OPEN_DATA_COLUMNS,
            (r.as_open_data(base) for r in page.rows),
        )
    terms = [(row.agreement.term_start.year, row.agreement.term_end.year) for row in page.rows]
    this_year = timezone.localdate().year
    years = sorted({y for a, b in terms for y in range(a, min(b, this_year) + 1)}, reverse=True)
    context = {"page": page, "unit": unit, "years": years}
    return render(request, "agreements/unit_detail.html", context)
