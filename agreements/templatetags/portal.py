"""Template helpers for the public pages: numbers, and dropping a filter from a link."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def unset(name: str) -> dict[str, None]:
    """A mapping that makes ``{% querystring %}`` drop the parameter ``name``.

    Its keyword arguments take only literal names; a filter chip knows its parameter
    only as a variable: ``{% querystring request.GET name|unset page=None %}``.
    """
    return {name: None}


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


@register.filter
def share_of(part, whole):
    """``part`` as a share of ``whole``, as Vietnamese readers write it: "3,3 %"."""
    from django.utils import formats

    if not whole:
        return "—"
    share = 100 * (part or 0) / whole
    return f"{formats.number_format(round(share, 1), 1, use_l10n=True)} %"
