from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("staff/periods/<int:pk>/completeness/", views.completeness, name="completeness"),
]
