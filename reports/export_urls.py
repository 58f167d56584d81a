"""Workbook downloads and the review meeting page (included at the site root).

Public files: approved reports only. ``staff/…``: the marked staff versions.
``files/<uuid>/``: a large file produced in the background, its page and download.
"""

from __future__ import annotations

from django.urls import path

from reports import export_views as views
from reports import job_views

app_name = "exports"


def _both(route: str, view, name: str, *, docx: bool = False) -> list:
    """The same file as a workbook (``….xlsx``) and as CSV (``….csv``); the consolidated
    report also as the Word document to sign (``….docx``)."""
    formats = ["xlsx", "csv"] + (["docx"] if docx else [])
    return [path(f"{route}.{fmt}", view, {"fmt": fmt}, name=f"{name}-{fmt}") for fmt in formats]


urlpatterns = [
    *_both("agreements/<slug:slug>/review-<int:year>", views.agreement_review, "agreement-review"),
    *_both("provinces/<slug:key>/review-<int:year>", views.unit_review, "unit-review"),
    *_both(
        "provinces/<slug:key>/consolidated-<int:year>-h<int:half>",
        views.unit_consolidated,
        "unit-consolidated",
        docx=True,
    ),
    *_both(
        "staff/agreements/<slug:slug>/review-<int:year>",
        views.staff_agreement_review,
        "staff-agreement-review",
    ),
    *_both(
        "staff/provinces/<slug:key>/review-<int:year>", views.staff_unit_review, "staff-unit-review"
    ),
    *_both(
        "staff/provinces/<slug:key>/consolidated-<int:year>-h<int:half>",
        views.staff_unit_consolidated,
        "staff-unit-consolidated",
        docx=True,
    ),
    path("staff/workbooks/", views.staff_downloads, name="staff-downloads"),
    # a file produced in the background (random id; a staff file asks who you are)
    path("files/<uuid:pk>/", job_views.job_page, name="job"),
    path("files/<uuid:pk>/download", job_views.job_download, name="job-download"),
    path("agreements/<slug:slug>/meetings/<int:pk>/", views.meeting_detail, name="meeting"),
]
