"""Public agreement pages: parse, read through queries.py, render.

Parameters anyone can type are read here with a fallback: an unknown download format or
page number shows the page with a notice instead of failing.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from agreements import queries
from agreements.filters import AgreementFilter, ignored
from portal.lib import opendata
from regions.models import AdministrativeUnit

PAGE_SIZE = 20


def wants_download(request: HttpRequest, notices: list[str] | None = None) -> str | None:
    """The open-data format asked for; an unknown one is noted and the page shown."""
    fmt = request.GET.get("format")
    if fmt in opendata.FORMATS:
        return fmt
    if fmt and notices is not None:
        notices.append(ignored(_("Định dạng tải về"), fmt))
    return None


def page_of(paginator: Paginator, request: HttpRequest, notices: list[str]) -> Page:
    """The page asked for, or the first (or last) one with a notice."""
    raw = request.GET.get("page")
    page = paginator.get_page(raw)
    try:
        asked = int(raw) if raw else page.number
    except ValueError:
        asked = None
    if asked != page.number:
        notices.append(ignored(_("Trang"), raw))
    return page


@require_safe
def agreement_list(request: HttpRequest) -> HttpResponse:
    filterset = AgreementFilter(request.GET or None, queryset=queries.agreements_for_listing())
    agreements = filterset.qs  # an invalid filter is ignored and its error shown
    notices = filterset.notices()
    if fmt := wants_download(request, notices):
        rows = queries.agreement_rows(agreements)
        base = request.build_absolute_uri("/")[:-1]
        return opendata.download(fmt, "thoa-thuan", queries.agreements_open_data(base), rows)
    page = page_of(Paginator(agreements, PAGE_SIZE), request, notices)
    context = {
        "filter": filterset,
        "page": page,
        "rows": queries.agreement_rows(page.object_list),
        "active": filterset.active_filters(),
        "notices": notices,
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
