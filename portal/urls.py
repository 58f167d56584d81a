from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from portal import views
from reports.urls import public_urlpatterns

admin.site.site_header = _("Cổng theo dõi hợp tác liên tỉnh — Quản trị")
admin.site.site_title = _("Quản trị hợp tác liên tỉnh")
admin.site.index_title = _("Công việc hằng ngày")

handler500 = "portal.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("agreements.urls")),
    path("", include(public_urlpatterns)),
    path("", include("reports.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
