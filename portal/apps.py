from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The portal as a whole: access rules, security log, backup commands."""

    name = "portal"
    verbose_name = _("Cổng hợp tác liên tỉnh")

    def ready(self) -> None:
        # permissions registers the object permissions; signals logs logins (security log)
        from portal import page_cache, permissions, signals  # noqa: F401

        page_cache.connect_signals()  # every data change invalidates the cached pages


class LoginThrottleConfig(AxesAppConfig):
    """django-axes under a Vietnamese name in the admin (its own is the English "Axes")."""

    verbose_name = _("Đăng nhập sai")
