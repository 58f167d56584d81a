from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "regions"
    verbose_name = _("Đơn vị hành chính")

    def ready(self) -> None:
        from portal.lib.db import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="portal_sqlite_fns")
