"""Administrative units across the 2025 reorganisation, and socio-economic regions.

A statistics-office code is not a key: on 2025-07-01 seven codes (15, 24, 44, 52,
80, 82, 91) came to name another unit. Units are keyed by ``key`` (a slug that
says which era), and succession links say what became of each historical unit.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SocioEconomicRegion(models.Model):
    key = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=120, unique=True)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=120)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    source = models.CharField(_("căn cứ"), max_length=255)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("vùng kinh tế - xã hội")
        verbose_name_plural = _("vùng kinh tế - xã hội")

    def __str__(self) -> str:
        return self.name


class AdministrativeUnitQuerySet(models.QuerySet):
    def current(self) -> AdministrativeUnitQuerySet:
        return self.filter(valid_until__isnull=True)

    def historical(self) -> AdministrativeUnitQuerySet:
        return self.filter(valid_until__isnull=False)


class AdministrativeUnit(models.Model):
    """A province or centrally-governed city, as it existed over a span of time."""

    class Kind(models.TextChoices):
        PROVINCE = "province", _("tỉnh")
        CITY = "city", _("thành phố trực thuộc Trung ương")

    key = models.SlugField(
        _("khóa"),
        max_length=60,
        unique=True,
        help_text=_("Định danh không đổi qua các thời kỳ, ví dụ can-tho, hau-giang-truoc-2025."),
    )
    code = models.PositiveSmallIntegerField(
        _("mã thống kê"), help_text=_("Mã của Tổng cục Thống kê; không duy nhất qua 2025.")
    )
    name = models.CharField(_("tên đầy đủ"), max_length=120)
    short_name = models.CharField(_("tên"), max_length=80)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    valid_from = models.DateField(
        _("hiệu lực từ"), null=True, blank=True, help_text=_("Trống: trước phạm vi dữ liệu.")
    )
    valid_until = models.DateField(
        _("hiệu lực đến"), null=True, blank=True, help_text=_("Trống: đang tồn tại.")
    )
    region = models.ForeignKey(
        SocioEconomicRegion,
        verbose_name=_("vùng"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
    )
    codename = models.CharField(_("tên mã"), max_length=80, blank=True)

    objects = AdministrativeUnitQuerySet.as_manager()

    class Meta:
        ordering = ["short_name", "-valid_from"]
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="unit_valid_until_after_valid_from",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày có hiệu lực."),
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(valid_until__isnull=True),
                name="unit_code_unique_among_current",
                violation_error_message=_("Đã có một đơn vị hiện hành mang mã này."),
            ),
            models.UniqueConstraint(
                fields=["code", "valid_until"],
                name="unit_code_unique_per_era",
                violation_error_message=_("Đã có một đơn vị cùng mã trong cùng thời kỳ."),
            ),
        ]

    def __str__(self) -> str:
        if self.valid_until:
            return _("%(name)s (đến %(until)s)") % {
                "name": self.short_name,
                "until": self.valid_until.strftime("%d/%m/%Y"),
            }
        return self.short_name

    @property
    def is_current(self) -> bool:
        return self.valid_until is None

    def was_valid_on(self, day: dt.date) -> bool:
        starts_ok = self.valid_from is None or self.valid_from <= day
        ends_ok = self.valid_until is None or day <= self.valid_until
        return starts_ok and ends_ok

    def name_on(self, day: dt.date) -> UnitName:
        """The name and kind the unit bore on ``day`` (see ``regions.queries.names_on``)."""
        from regions.queries import names_on

        return names_on([self], day)[self.pk]


class UnitSuccession(models.Model):
    """``predecessor`` became (all or part of) ``successor`` on ``effective_on``."""

    predecessor = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị trước"),
        on_delete=models.CASCADE,
        related_name="successions_out",
    )
    successor = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị kế thừa"),
        on_delete=models.CASCADE,
        related_name="successions_in",
    )
    effective_on = models.DateField(_("ngày hiệu lực"))
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255)

    class Meta:
        ordering = ["successor__short_name", "predecessor__short_name"]
        verbose_name = _("kế thừa đơn vị hành chính")
        verbose_name_plural = _("kế thừa đơn vị hành chính")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"],
                name="succession_unique_pair",
                violation_error_message=_("Quan hệ kế thừa này đã có."),
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")),
                name="succession_not_to_itself",
                violation_error_message=_("Một đơn vị không thể kế thừa chính nó."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class UnitName(models.Model):
    """The name and kind a unit bore over a span of its life, with the act that gave them.

    ``AdministrativeUnit.name``, ``short_name`` and ``kind`` keep the latest values; a page,
    workbook or file about a day reads this table through ``regions.queries.names_on``.
    """

    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.CASCADE,
        related_name="names",
    )
    name = models.CharField(_("tên đầy đủ"), max_length=120)
    short_name = models.CharField(_("tên"), max_length=80)
    kind = models.CharField(_("loại"), max_length=10, choices=AdministrativeUnit.Kind.choices)
    valid_from = models.DateField(
        _("hiệu lực từ"), null=True, blank=True, help_text=_("Trống: trước phạm vi dữ liệu.")
    )
    valid_until = models.DateField(
        _("hiệu lực đến"), null=True, blank=True, help_text=_("Trống: đến nay.")
    )
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300, blank=True)

    class Meta:
        ordering = ["unit", models.F("valid_from").asc(nulls_first=True)]
        verbose_name = _("tên đơn vị theo thời gian")
        verbose_name_plural = _("tên đơn vị theo thời gian")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="unit_name_valid_until_after_valid_from",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày có hiệu lực."),
            ),
            models.UniqueConstraint(
                fields=["unit", "valid_from"],
                name="unit_name_one_per_start",
                violation_error_message=_("Đơn vị đã có một tên bắt đầu từ ngày này."),
            ),
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(valid_from__isnull=True),
                name="unit_name_one_from_the_start",
                violation_error_message=_("Đơn vị đã có một tên từ đầu phạm vi dữ liệu."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.unit_id is None:
            return
        overlapping = UnitName.objects.filter(unit_id=self.unit_id).exclude(pk=self.pk)
        if self.valid_until is not None:
            overlapping = overlapping.filter(
                Q(valid_from__isnull=True) | Q(valid_from__lte=self.valid_until)
            )
        if self.valid_from is not None:
            overlapping = overlapping.filter(
                Q(valid_until__isnull=True) | Q(valid_until__gte=self.valid_from)
            )
        if overlapping.exists():
            raise ValidationError(
                _("Khoảng hiệu lực trùng với một tên khác của đơn vị này."), code="overlap"
            )

    def was_valid_on(self, day: dt.date) -> bool:
        starts_ok = self.valid_from is None or self.valid_from <= day
        ends_ok = self.valid_until is None or day <= self.valid_until
        return starts_ok and ends_ok
