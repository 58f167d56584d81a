"""Commitments (nội dung, nhiệm vụ hợp tác) and their indicators."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regions.models import AdministrativeUnit

from .agreement import Agreement
from .catalogue import Agency, Sector


class Stage(models.TextChoices):
    """The ladder the seeds describe, plus two states off it."""

    PROPOSED = "proposed", _("đề xuất")
    STUDYING = "studying", _("nghiên cứu")
    STARTED = "started", _("khởi động")
    IMPLEMENTING = "implementing", _("đang triển khai")
    COMPLETED = "completed", _("hoàn thành")
    STALLED = "stalled", _("chậm, vướng mắc")
    CANCELLED = "cancelled", _("dừng")


# Real progress: "something actually happened" (the standing's category, the dashboard's count)
REAL_STAGES = frozenset({Stage.IMPLEMENTING, Stage.COMPLETED})


class Commitment(models.Model):
    """What a party undertakes within an agreement, who leads it and by when."""

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("thỏa thuận"),
        on_delete=models.CASCADE,
        related_name="commitments",
    )
    sector = models.ForeignKey(
        Sector, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="commitments"
    )
    number = models.PositiveSmallIntegerField(_("STT"), default=0)
    title = models.CharField(_("nội dung hợp tác"), max_length=300)
    description = models.TextField(_("mô tả"), blank=True)
    committing_unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("bên cam kết"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        help_text=_("Để trống khi là nhiệm vụ chung của các bên."),
    )
    lead_agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan chủ trì"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_commitments",
    )
    supporting_agencies = models.ManyToManyField(
        Agency, verbose_name=_("cơ quan phối hợp"), blank=True, related_name="supported_commitments"
    )
    beneficiaries = models.ManyToManyField(
        AdministrativeUnit,
        verbose_name=_("bên thụ hưởng"),
        blank=True,
        related_name="benefiting_commitments",
    )
    start_on = models.DateField(_("bắt đầu"), null=True, blank=True)
    due_on = models.DateField(_("hoàn thành trước"), null=True, blank=True)
    stage = models.CharField(
        _("tiến độ"), max_length=15, choices=Stage.choices, default=Stage.PROPOSED
    )
    carried_over_from = models.ForeignKey(
        "self",
        verbose_name=_("tiếp nối nội dung giai đoạn trước"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_into",
    )
    demo_source = models.TextField(
        _("nguồn của dữ liệu minh họa"),
        blank=True,
        editable=False,
        help_text=_("Bài báo nguồn của nội dung, và những gì chỉ là minh họa."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[supporting_agencies], excluded_fields=["updated_at"])

    class Meta:
        ordering = ["agreement", "sector__order", "number", "id"]
        verbose_name = _("nội dung hợp tác")
        verbose_name_plural = _("nội dung hợp tác")
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__isnull=True)
                | Q(start_on__isnull=True)
                | Q(due_on__gte=F("start_on")),
                name="commitment_due_after_start",
                violation_error_message=_("Hạn hoàn thành phải sau ngày bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values),
                name="commitment_stage_known",
                violation_error_message=_("Tiến độ không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=~Q(carried_over_from=F("id")),
                name="commitment_not_carried_from_itself",
                violation_error_message=_("Nội dung không thể tiếp nối chính nó."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.agreement_id:
            party_ids = set(self.agreement.parties.values_list("unit_id", flat=True))
            if self.committing_unit_id and self.committing_unit_id not in party_ids:
                errors["committing_unit"] = _("Bên cam kết phải là một bên của thỏa thuận.")
            # a party as signed, or the unit it became: after a merger the new unit's
            # department takes over (the handover the merger note describes)
            if self.lead_agency_id and self.lead_agency.unit_id not in party_ids:
                if self.lead_agency.unit_id not in self.agreement.reporting_unit_ids():
                    errors["lead_agency"] = _(
                        "Cơ quan chủ trì phải thuộc một bên của thỏa thuận "
                        "hoặc đơn vị kế thừa một bên."
                    )
            if self.carried_over_from_id:
                earlier = {a.pk for a in self.agreement.predecessor_chain()}
                if self.carried_over_from.agreement_id not in earlier:
                    errors["carried_over_from"] = _(
                        "Chỉ tiếp nối được nội dung của thỏa thuận giai đoạn trước."
                    )
        if errors:
            raise ValidationError(errors)


class Indicator(models.Model):
    """A measurable target of a commitment (chỉ tiêu)."""

    class Direction(models.TextChoices):
        INCREASE = "increase", _("càng cao càng tốt")
        DECREASE = "decrease", _("càng thấp càng tốt")
        MAINTAIN = "maintain", _("duy trì")

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("nội dung hợp tác"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    name = models.CharField(_("chỉ tiêu"), max_length=200)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=40)
    baseline = models.DecimalField(
        _("giá trị gốc"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("mục tiêu"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    direction = models.CharField(
        _("chiều"), max_length=10, choices=Direction.choices, default=Direction.INCREASE
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    version = models.PositiveIntegerField(default=1, editable=False)  # edit conflicts

    history = HistoricalRecords()

    class Meta:
        ordering = ["commitment", "order", "id"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "name"],
                name="indicator_unique_name_per_commitment",
                violation_error_message=_("Nội dung này đã có chỉ tiêu cùng tên."),
            ),
            models.CheckConstraint(
                condition=Q(direction__in=["increase", "decrease", "maintain"]),
                name="indicator_direction_known",
                violation_error_message=_("Chiều chỉ tiêu không hợp lệ."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit_of_measure})"
