"""Template helpers of the staff pages outside the admin's own (the completeness grid, the
review page's context): long names cut to fit a 1366 px screen, the whole on hover."""

from __future__ import annotations

from django import template

from portal.lib.admin_columns import shortened

register = template.Library()


@register.filter
def cut(text: object, limit: int = 80) -> str:
    """The start of ``text``, the whole on hover."""
    return shortened(text, int(limit))


@register.filter
def cut_middle(text: object, limit: int = 80) -> str:
    """The start and the end of ``text`` (an agreement's kind, and its parties and term)."""
    return shortened(text, int(limit), keep_end=True)
