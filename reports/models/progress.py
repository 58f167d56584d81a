"""Six-monthly progress reports and their indicator values."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models import Commitment, Indicator, Stage
from regions.models import AdministrativeUnit

from .period import ReportingPeriod


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("bản nháp")
    SUBMITTED = "submitted", _("đã gửi")
    RETURNED = "returned", _("trả lại")
    APPROVED = "approved", _("đã duyệt")


class ProgressReportQuerySet(models.QuerySet):
    def approved(self) -> ProgressReportQuerySet:
        return self.filter(status=ReportStatus.APPROVED)


class ProgressReport(models.Model):
    """One party's report on one commitment for one period (báo cáo tiến độ)."""

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("nội dung hợp tác"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("kỳ báo cáo"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    reporting_unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("bên báo cáo"),
        on_delete=models.PROTECT,
        related_name="progress_reports",
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
        verbose_name=_("người lập"),
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
    # Lateness is judged by the first submission: a return and a resubmission do not
    # make a report late (set on the first save with a submission time).
    first_submitted_at = models.DateTimeField(
        _("gửi lần đầu lúc"), null=True, blank=True, editable=False
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    # Corrections of the approved report (``reports.services.corrections``): each approved one makes
    # a new revision and says when and why; the history keeps every revision.
    revision = models.PositiveSmallIntegerField(_("lần ban hành"), default=1, editable=False)
    corrected_at = models.DateTimeField(_("điều chỉnh lúc"), null=True, blank=True, editable=False)
    correction_reason = models.TextField(_("lý do điều chỉnh"), blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    is_demo = models.BooleanField(_("dữ liệu minh họa"), default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProgressReportQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-period__year", "-period__half", "commitment"]
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "period", "reporting_unit"],
                name="report_once_per_commitment_period_unit",
                violation_error_message=_(
                    "Đã có báo cáo của bên này cho nội dung này trong kỳ này."
                ),
            ),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__gte=0, percent__lte=100),
                name="report_percent_0_to_100",
                violation_error_message=_("Tỷ lệ hoàn thành phải từ 0 đến 100."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values),
                name="report_status_known",
                violation_error_message=_("Trạng thái không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values),
                name="report_stage_known",
                violation_error_message=_("Tiến độ không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.RETURNED) | ~Q(return_reason=""),
                name="report_returned_with_reason",
                violation_error_message=_("Trả lại báo cáo cần ghi lý do."),
            ),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.APPROVED) | Q(reviewed_at__isnull=False),
                name="report_approved_has_review_time",
                violation_error_message=_("Báo cáo đã duyệt cần thời điểm duyệt."),
            ),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="report_sent_has_submit_time",
                violation_error_message=_("Báo cáo đã gửi cần thời điểm gửi."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commitment} — {self.reporting_unit} — {self.period}"

    def save(self, *args, **kwargs) -> None:
        if self.submitted_at and self.first_submitted_at is None:
            self.first_submitted_at = self.submitted_at
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "first_submitted_at"}
        super().save(*args, **kwargs)

    @property
    def submitted_first(self):
        """When it was first sent (the legacy rows: the last submission known)."""
        return self.first_submitted_at or self.submitted_at

    def clean(self) -> None:
        errors = {}
        if self.commitment_id and self.reporting_unit_id:
            if self.reporting_unit_id not in self.commitment.agreement.reporting_unit_ids():
                errors["reporting_unit"] = _(
                    "Bên báo cáo phải là một bên của thỏa thuận hoặc đơn vị kế thừa một bên."
                )
        if self.reporting_unit_id and self.period_id:
            unit, cutoff = self.reporting_unit, self.period.data_to
            if unit.valid_until is not None and unit.valid_until < cutoff:
                errors.setdefault(
                    "reporting_unit",
                    _(
                        "%(unit)s không còn tồn tại vào ngày chốt số liệu %(cutoff)s của kỳ này: "
                        "đơn vị kế thừa báo cáo thay."
                    )
                    % {"unit": unit.name, "cutoff": cutoff.strftime("%d/%m/%Y")},
                )
            elif unit.valid_from is not None and unit.valid_from > cutoff:
                errors.setdefault(
                    "reporting_unit",
                    _(
                        "%(unit)s chỉ có từ ngày %(since)s, sau ngày chốt số liệu %(cutoff)s "
                        "của kỳ này: báo cáo kỳ này thuộc về đơn vị có vào ngày đó."
                    )
                    % {
                        "unit": unit.name,
                        "since": unit.valid_from.strftime("%d/%m/%Y"),
                        "cutoff": cutoff.strftime("%d/%m/%Y"),
                    },
                )
        if self.commitment_id and self.period_id:
            agreement = self.commitment.agreement
            if not self.period.overlaps(agreement.term_start, agreement.term_end):
                errors["period"] = _("Kỳ báo cáo nằm ngoài thời hạn của thỏa thuận.")
        if errors:
            raise ValidationError(errors)


class IndicatorValue(models.Model):
    """The actual value of an indicator in a report (kết quả)."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="values"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="values"
    )
    value = models.DecimalField(_("kết quả"), max_digits=16, decimal_places=2)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    version = models.PositiveIntegerField(default=1, editable=False)  # edit conflicts

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator__order", "indicator_id"]
        verbose_name = _("kết quả chỉ tiêu")
        verbose_name_plural = _("kết quả chỉ tiêu")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator"],
                name="value_once_per_report_indicator",
                violation_error_message=_("Chỉ tiêu này đã có kết quả trong báo cáo."),
            ),
        ]

    def __str__(self) -> str:
        """The value as everywhere else on the page: 3,00 (Vietnamese), not 3.00."""
        return f"{self.indicator}: {number_format(self.value, force_grouping=True)}"

    def clean(self) -> None:
        if self.report_id and self.indicator_id:
            if self.indicator.commitment_id != self.report.commitment_id:
                raise ValidationError(
                    {"indicator": _("Chỉ tiêu không thuộc nội dung hợp tác của báo cáo.")}
                )
