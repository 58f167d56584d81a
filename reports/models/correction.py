"""Corrections of approved progress reports (điều chỉnh báo cáo đã duyệt).

An approved report is an official statement and stays read-only. When it turns out to be
wrong, the reporting side proposes a correction: a full copy of the report's content and
indicator values, edited and sent with a reason, reviewed again under the same four-eyes
rule. Until the correction is approved the public keeps seeing the approved text; on
approval the content is copied onto the report, whose revision number goes up and which
says when and why it was corrected (``reports.services.corrections``). Each report has at most one
open correction at a time.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models import Indicator, Stage

from .progress import ProgressReport, ReportStatus

# The report's content a correction proposes: copied from the report when the correction is
# requested, copied back onto it when the correction is approved.
CONTENT_FIELDS = (
    "stage",
    "percent",
    "achievements",
    "difficulties",
    "recommendations",
    "next_tasks",
)


class ReportCorrectionQuerySet(models.QuerySet):
    def open(self) -> ReportCorrectionQuerySet:
        """Not approved yet: a draft, a correction waiting for review or one returned."""
        return self.exclude(status=ReportStatus.APPROVED)


class ReportCorrection(models.Model):
    """A proposed new revision of an approved report, with who proposed it and why."""

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("báo cáo được điều chỉnh"),
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    reason = models.TextField(
        _("lý do điều chỉnh"),
        help_text=_("Được công bố cùng báo cáo sau khi điều chỉnh được duyệt."),
    )
    stage = models.CharField(_("tiến độ đạt được"), max_length=15, choices=Stage.choices)
    percent = models.DecimalField(
        _("tỷ lệ hoàn thành (%)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    achievements = models.TextField(_("kết quả thực hiện"), blank=True)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    recommendations = models.TextField(_("kiến nghị, đề xuất"), blank=True)
    next_tasks = models.TextField(_("nhiệm vụ kỳ tới"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đề nghị"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("đề nghị lúc"), auto_now_add=True)

    objects = ReportCorrectionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("điều chỉnh báo cáo")
        verbose_name_plural = _("điều chỉnh báo cáo")
        constraints = [
            models.UniqueConstraint(
                fields=["report"],
                condition=~Q(status=ReportStatus.APPROVED),
                name="correction_one_open_per_report",
                violation_error_message=_(
                    "Báo cáo này đang có một đề nghị điều chỉnh chưa được duyệt."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="correction_has_reason",
                violation_error_message=_("Cần ghi lý do điều chỉnh."),
            ),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__gte=0, percent__lte=100),
                name="correction_percent_0_to_100",
                violation_error_message=_("Tỷ lệ hoàn thành phải từ 0 đến 100."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values),
                name="correction_status_known",
                violation_error_message=_("Trạng thái không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values),
                name="correction_stage_known",
                violation_error_message=_("Tiến độ không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.RETURNED) | ~Q(return_reason=""),
                name="correction_returned_with_reason",
                violation_error_message=_("Trả lại đề nghị điều chỉnh cần ghi lý do."),
            ),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.APPROVED) | Q(reviewed_at__isnull=False),
                name="correction_approved_has_review_time",
                violation_error_message=_("Điều chỉnh đã duyệt cần thời điểm duyệt."),
            ),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="correction_sent_has_submit_time",
                violation_error_message=_("Điều chỉnh đã gửi cần thời điểm gửi."),
            ),
        ]

    def __str__(self) -> str:
        return _("Điều chỉnh báo cáo: %(report)s") % {"report": self.report}

    def clean(self) -> None:
        if self.report_id and self.pk is None:
            if self.report.status != ReportStatus.APPROVED:
                raise ValidationError(_("Chỉ điều chỉnh được báo cáo đã duyệt."))


class CorrectedValue(models.Model):
    """The value an indicator would have in the report once the correction is approved."""

    correction = models.ForeignKey(
        ReportCorrection,
        verbose_name=_("điều chỉnh"),
        on_delete=models.CASCADE,
        related_name="values",
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("kết quả"), max_digits=16, decimal_places=2)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    version = models.PositiveIntegerField(default=1, editable=False)  # edit conflicts

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator__order", "indicator_id"]
        verbose_name = _("kết quả chỉ tiêu điều chỉnh")
        verbose_name_plural = _("kết quả chỉ tiêu điều chỉnh")
        constraints = [
            models.UniqueConstraint(
                fields=["correction", "indicator"],
                name="corrected_value_once_per_indicator",
                violation_error_message=_("Chỉ tiêu này đã có kết quả trong đề nghị điều chỉnh."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"

    def clean(self) -> None:
        if self.correction_id and self.indicator_id:
            if self.indicator.commitment_id != self.correction.report.commitment_id:
                raise ValidationError(
                    {"indicator": _("Chỉ tiêu không thuộc nội dung hợp tác của báo cáo.")}
                )
