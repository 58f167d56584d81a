"""Public pages of the agreements app (names are global: models reverse them)."""

from django.urls import path

from agreements import views

urlpatterns = [
    path("agreements/", views.agreement_list, name="agreement-list"),
    path("provinces/", views.unit_list, name="unit-list"),
    path("provinces/<slug:key>/", views.unit_detail, name="unit-detail"),
]
