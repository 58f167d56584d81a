"""Template helpers for the public pages: query strings and numbers."""

from __future__ import annotations

from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag(takes_context=True)
def query_without(context, *names: str) -> str:
    """The current query string without ``names`` (and without the page number)."""
    query: QueryDict = context["request"].GET.copy()
    for name in (*names, "page"):
        query.pop(name, None)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def query_with(context, name: str, value) -> str:
    """The current query string with ``name`` set to ``value``."""
    query: QueryDict = context["request"].GET.copy()
    query[name] = value
    if name != "page":
        query.pop("page", None)
    return f"?{query.urlencode()}"


@register.filter
def num(value):
    """A number as Vietnamese readers write it: 1.234,5 (no trailing zeros)."""
    from decimal import Decimal

    from django.utils import formats

    if value is None or value == "":
        return "—"
    if isinstance(value, Decimal):
        value = value.normalize()
        if value == value.to_integral():
            value = value.quantize(Decimal(1))
    return formats.number_format(value, use_l10n=True, force_grouping=True)
