from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Báo cáo tiến độ")

    def ready(self) -> None:
        from agreements.roles import ensure_roles_after_migrate
        from reports import signals  # noqa: F401  (records follow saves)
        from reports.services import periods, standing_store

        # Roles are connected here, after the last app, so that every app's permissions
        # exist when the groups are given theirs.

        post_migrate.connect(ensure_roles_after_migrate, dispatch_uid="portal_ensure_roles")
        post_migrate.connect(periods.ensure_after_migrate, dispatch_uid="portal_ensure_periods")
        post_migrate.connect(
            standing_store.ensure_after_migrate, dispatch_uid="portal_ensure_standing"
        )
