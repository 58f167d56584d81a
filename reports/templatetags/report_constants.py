"""The reports' status constants for templates, so no template retypes "approved".

``{% report_statuses as Status %}`` then ``{% if report.status == Status.APPROVED %}``:
Django's choices enums are not called by templates, so their members are reachable.
"""

from __future__ import annotations

from django import template

from reports.models import ExportState, ReportStatus

register = template.Library()


@register.simple_tag
def report_statuses() -> type[ReportStatus]:
    """The statuses of a progress report or a correction."""
    return ReportStatus


@register.simple_tag
def export_states() -> type[ExportState]:
    """The states of a background export."""
    return ExportState
