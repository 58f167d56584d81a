from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The portal as a whole: access rules, security log, backup commands."""

    name = "portal"
    verbose_name = _("Cổng hợp tác liên tỉnh")

    def ready(self) -> None:
        from portal import permissions  # noqa: F401  (registers the object permissions)
