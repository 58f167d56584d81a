"""Spreadsheets for the review meeting and the six-monthly consolidated report.

Formatted workbooks are built here, never in views: ``build_review_workbook`` (an
agreement or a unit, one year), ``build_consolidated_workbook`` (a unit, one
reporting period) and ``write_reports_csv`` (the same report rows as CSV). The
subject comes from ``scope_for_agreement`` or ``scope_for_unit``; a scope with
``include_unapproved`` makes the marked staff version. ``build_six_monthly_docx`` writes
the consolidated report of a unit's half year as the Word document the planning
department signs (Decree 30/2020 layout), from the same rows.
"""

from __future__ import annotations

from reports.queries.workbook import Scope, scope_for_agreement, scope_for_unit

from .consolidated import build_consolidated_workbook
from .csv_export import write_reports_csv
from .docx_report import build_six_monthly_docx
from .workbook import build_review_workbook

__all__ = [
    "Scope",
    "build_consolidated_workbook",
    "build_review_workbook",
    "build_six_monthly_docx",
    "scope_for_agreement",
    "scope_for_unit",
    "write_reports_csv",
]
