"""Every route of the reports app, in one place.

``urlpatterns`` (namespace ``reports:``): the staff pages, the workbook and Word
downloads (public files hold approved reports only; ``staff/…`` the marked staff
versions), a file produced in the background (``files/<uuid>/``) and the review
meeting page.

``public_urlpatterns``: the public pages showing progress. Their names stay global
(``agreement-detail``, ``unit-detail``…), as in the design's URL contract, because the
agreements' and regions' models reverse them in ``get_absolute_url`` and the page cache
knows them by name; ``portal/urls.py`` includes the list at the site root.
"""

from __future__ import annotations

from django.urls import path

from reports.views import downloads, public, staff

app_name = "reports"


def _formats(route: str, view, name: str, *, docx: bool = False) -> list:
    """The same file as a workbook (``….xlsx``) and as CSV (``….csv``); the consolidated
    report also as the Word document to sign (``….docx``)."""
    formats = ["xlsx", "csv"] + (["docx"] if docx else [])
    return [path(f"{route}.{fmt}", view, {"fmt": fmt}, name=f"{name}-{fmt}") for fmt in formats]


urlpatterns = [
    # staff pages
    path("staff/periods/<int:pk>/completeness/", staff.completeness, name="completeness"),
    path("staff/chase/", staff.chase_list, name="chase-list"),
    path("staff/chase/remind/", staff.chase_remind, name="chase-remind"),
    # downloads
    *_formats(
        "agreements/<slug:slug>/review-<int:year>", downloads.agreement_review, "agreement-review"
    ),
    *_formats("provinces/<slug:key>/review-<int:year>", downloads.unit_review, "unit-review"),
    *_formats(
        "provinces/<slug:key>/consolidated-<int:year>-h<int:half>",
        downloads.unit_consolidated,
        "unit-consolidated",
        docx=True,
    ),
    *_formats(
        "staff/agreements/<slug:slug>/review-<int:year>",
        downloads.staff_agreement_review,
        "staff-agreement-review",
    ),
    *_formats(
        "staff/provinces/<slug:key>/review-<int:year>",
        downloads.staff_unit_review,
        "staff-unit-review",
    ),
    *_formats(
        "staff/provinces/<slug:key>/consolidated-<int:year>-h<int:half>",
        downloads.staff_unit_consolidated,
        "staff-unit-consolidated",
        docx=True,
    ),
    path("staff/workbooks/", downloads.staff_downloads, name="staff-downloads"),
    # a file produced in the background (random id; a staff file asks who you are)
    path("files/<uuid:pk>/", downloads.job_page, name="job"),
    path("files/<uuid:pk>/download", downloads.job_download, name="job-download"),
    # the review meeting's page
    path("agreements/<slug:slug>/meetings/<int:pk>/", downloads.meeting_detail, name="meeting"),
]

public_urlpatterns = [
    path("", public.dashboard, name="dashboard"),
    path("agreements/<slug:slug>/", public.agreement_detail, name="agreement-detail"),
    path("provinces/<slug:key>/", public.unit_detail, name="unit-detail"),
    path("sectors/<slug:slug>/", public.sector_detail, name="sector-detail"),
    path("reports/", public.reporting, name="reporting"),
    path("commitments/", public.commitment_list, name="commitment-list"),
    path("open-data/", public.open_data, name="open-data"),
]
