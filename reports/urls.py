from django.urls import path

from reports import home_views, public_views, views

app_name = "reports"
urlpatterns = [
    path("staff/periods/<int:pk>/completeness/", views.completeness, name="completeness"),
    path("staff/chase/", home_views.chase_list, name="chase-list"),
    path("staff/chase/remind/", home_views.chase_remind, name="chase-remind"),
]

# Public pages: global names, so models and templates reverse them without a namespace.
public_urlpatterns = [
    path("", public_views.dashboard, name="dashboard"),
    path("agreements/<slug:slug>/", public_views.agreement_detail, name="agreement-detail"),
    path("provinces/<slug:key>/", public_views.unit_detail, name="unit-detail"),
    path("sectors/<slug:slug>/", public_views.sector_detail, name="sector-detail"),
    path("reports/", public_views.reporting, name="reporting"),
    path("open-data/", public_views.open_data, name="open-data"),
]
