from django.urls import path

from agreements import views

app_name = "agreements"
urlpatterns = [
    path("", views.home, name="home"),
    path("agreements/", views.agreement_list, name="list"),
    path("agreements/<slug:slug>/", views.agreement_detail, name="detail"),
    path("sectors/<slug:slug>/", views.sector_detail, name="sector"),
    path("provinces/<slug:key>/", views.unit_detail, name="unit"),
]
