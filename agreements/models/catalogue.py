"""Catalogues the agreements refer to: sectors and agencies."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from regions.models import AdministrativeUnit


class Sector(models.Model):
    """A field of cooperation (lĩnh vực hợp tác)."""

    slug = models.SlugField(_("mã"), max_length=80, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=200, unique=True)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("sector-detail", kwargs={"slug": self.slug})


class Agency(models.Model):
    """A department or body of a unit (sở, ban, ngành), over its span of existence.

    Departments were reorganised in 2025 too (planning and investment into
    finance, transport into construction): ``successor`` says where one went.
    """

    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    name = models.CharField(_("tên cơ quan"), max_length=200)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_until = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan kế thừa"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
    )
    email = models.EmailField(_("thư điện tử"), blank=True)

    class Meta:
        ordering = ["unit__short_name", "name"]
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name"],
                name="agency_unique_name_per_unit",
                violation_error_message=_("Đơn vị này đã có cơ quan cùng tên."),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="agency_valid_until_after_valid_from",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày có hiệu lực."),
            ),
            models.CheckConstraint(
                condition=~Q(successor=models.F("id")),
                name="agency_not_its_own_successor",
                violation_error_message=_("Một cơ quan không thể kế thừa chính nó."),
            ),
        ]

    def __str__(self) -> str:
        return self.name
