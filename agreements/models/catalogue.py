"""Catalogues the agreements refer to: sectors, agencies and how agencies succeeded."""

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
    finance, transport into construction; labour split between home affairs and
    health): ``AgencySuccession`` says where each one's work went, from which day.
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
        ]

    def __str__(self) -> str:
        return self.name


class AgencySuccession(models.Model):
    """From ``effective_on``, ``successor`` answers for (a share of) ``predecessor``'s work.

    A department may go to several successors (labour, invalids and social affairs went
    partly to home affairs, partly to health). Each link's share says which work: the
    commitments it names, else the commitments of its sectors; a link with neither takes
    the rest. ``agreements.succession`` holds the rule that reads them.
    """

    predecessor = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan trước"),
        on_delete=models.CASCADE,
        related_name="successions_out",
    )
    successor = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan kế thừa"),
        on_delete=models.CASCADE,
        related_name="successions_in",
    )
    effective_on = models.DateField(_("ngày hiệu lực"))
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255, blank=True)
    sectors = models.ManyToManyField(
        Sector,
        verbose_name=_("lĩnh vực được giao"),
        blank=True,
        related_name="agency_successions",
        help_text=_("Nội dung thuộc các lĩnh vực này chuyển cho cơ quan kế thừa này."),
    )
    commitments = models.ManyToManyField(
        "agreements.Commitment",
        verbose_name=_("nội dung được giao"),
        blank=True,
        related_name="agency_successions",
        help_text=_(
            "Các nội dung chỉ định cho cơ quan này (ưu tiên hơn lĩnh vực). Để trống cả "
            "lĩnh vực và nội dung: cơ quan này nhận phần còn lại."
        ),
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["predecessor__name", "effective_on", "id"]
        verbose_name = _("kế thừa cơ quan")
        verbose_name_plural = _("kế thừa cơ quan")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"],
                name="agency_succession_unique_pair",
                violation_error_message=_("Quan hệ kế thừa giữa hai cơ quan này đã có."),
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")),
                name="agency_succession_not_to_itself",
                violation_error_message=_("Một cơ quan không thể kế thừa chính nó."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"
