"""Public agreement pages: parse, read through queries.py, render."""

from __future__ import annotations

from itertools import groupby

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from agreements import queries
from agreements.models import Sector
from regions.models import AdministrativeUnit


def home(request: HttpRequest) -> HttpResponse:
    rows = queries.agreement_rows(queries.agreements_for_listing())
    return render(request, "agreements/home.html", {"rows": rows})


def agreement_list(request: HttpRequest) -> HttpResponse:
    rows = queries.agreement_rows(queries.agreements_for_listing())
    return render(request, "agreements/agreement_list.html", {"rows": rows})


def agreement_detail(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = get_object_or_404(queries.agreements_for_listing(), slug=slug)
    (row,) = queries.agreement_rows([agreement])
    commitments = list(queries.commitments_of(agreement))
    by_sector = [
        (sector, list(items)) for sector, items in groupby(commitments, lambda c: c.sector)
    ]
    context = {
        "row": row,
        "agreement": agreement,
        "by_sector": by_sector,
        "chain": agreement.predecessor_chain(),
        "renewals": list(agreement.renewals.all()),
        "documents": list(agreement.documents.all()),
    }
    return render(request, "agreements/agreement_detail.html", context)


def sector_detail(request: HttpRequest, slug: str) -> HttpResponse:
    sector = get_object_or_404(Sector, slug=slug)
    rows = queries.agreement_rows(queries.agreements_for_listing().filter(sectors=sector))
    return render(request, "agreements/sector_detail.html", {"sector": sector, "rows": rows})


def unit_detail(request: HttpRequest, key: str) -> HttpResponse:
    unit = get_object_or_404(AdministrativeUnit.objects.select_related("region"), key=key)
    predecessors = [s.predecessor for s in unit.successions_in.select_related("predecessor")]
    successors = [s.successor for s in unit.successions_out.select_related("successor")]
    agreements = (
        queries.agreements_for_listing().filter(parties__unit__in=[unit, *predecessors]).distinct()
    )
    context = {
        "unit": unit,
        "predecessors": predecessors,
        "successors": successors,
        "rows": queries.agreement_rows(agreements),
    }
    return render(request, "agreements/unit_detail.html", context)
