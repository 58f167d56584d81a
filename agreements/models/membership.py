"""Who a user works for: the role, the unit and, for reporters, the agency."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regions.models import AdministrativeUnit

from .catalogue import Agency


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("quản trị hệ thống")
    PLANNING = "planning", _("cán bộ kế hoạch")
    REPORTER = "reporter", _("cán bộ báo cáo của sở, ngành")
    VIEWER = "viewer", _("người xem")


class Membership(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="membership",
    )
    role = models.CharField(_("vai trò"), max_length=15, choices=Role.choices)
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )

    class Meta:
        verbose_name = _("vai trò người dùng")
        verbose_name_plural = _("vai trò người dùng")
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=["administrator", "viewer"]) | Q(unit__isnull=False),
                name="membership_unit_for_planning_and_reporters",
                violation_error_message=_("Cán bộ kế hoạch và cán bộ báo cáo cần có đơn vị."),
            ),
            models.CheckConstraint(
                condition=~Q(role="reporter") | Q(agency__isnull=False),
                name="membership_agency_for_reporters",
                violation_error_message=_("Cán bộ báo cáo cần có cơ quan."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=Role.values),
                name="membership_role_known",
                violation_error_message=_("Vai trò không hợp lệ."),
            ),
        ]

    def __str__(self) -> str:
        where = self.agency or self.unit or ""
        return f"{self.get_role_display()} {where}".strip()

    def clean(self) -> None:
        if self.agency_id and self.unit_id and self.agency.unit_id != self.unit_id:
            raise ValidationError({"agency": _("Cơ quan phải thuộc đơn vị đã chọn.")})
