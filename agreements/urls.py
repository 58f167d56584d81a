"""Public pages of the agreements app (names are global: models reverse them).

A unit's page shows where its commitments stand, so it lives with the reports' pages.
"""

from django.urls import path

from agreements import documents, views

urlpatterns = [
    path("agreements/", views.agreement_list, name="agreement-list"),
    path("provinces/", views.unit_list, name="unit-list"),
    # a document's file, to whoever may have it (agreements/documents.py)
    path(
        "agreements/<slug:slug>/documents/<int:pk>/<str:filename>",
        documents.download,
        name="agreement-document",
    ),
]
