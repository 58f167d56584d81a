"""Six-monthly reporting periods (Decree 09/2019/NĐ-CP)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def default_window(year: int, half: int) -> dict[str, dt.date]:
    """Data cut-off and deadlines a new period gets, from ``REPORTING_CALENDAR``.

    Art. 12: the first half covers 15/12 of the previous year to 14/06, the second
    15/06 to 14/12. Deadlines are each province's decision (settings).
    """
    calendar = settings.REPORTING_CALENDAR
    cutoff = calendar["cutoff_day"]
    end_month = 6 if half == 1 else 12
    data_to = dt.date(year, end_month, cutoff)
    if half == 1:
        data_from = dt.date(year - 1, 12, cutoff + 1)
    else:
        data_from = dt.date(year, 6, cutoff + 1)
    return {
        "data_from": data_from,
        "data_to": data_to,
        "department_due": dt.date(year, end_month, calendar["department_due_day"]),
        "consolidated_due": dt.date(year, end_month, calendar["consolidated_due_day"]),
    }


class ReportingPeriodManager(models.Manager):
    def get_or_open(self, *, year: int, half: int) -> tuple[ReportingPeriod, bool]:
        """The period of ``year``/``half``, opened with the calendar's defaults if new."""
        return self.get_or_create(year=year, half=half, defaults=default_window(year, half))


class ReportingPeriod(models.Model):
    class Half(models.IntegerChoices):
        FIRST = 1, _("6 tháng đầu năm")
        SECOND = 2, _("6 tháng cuối năm")

    year = models.PositiveSmallIntegerField(_("năm"))
    half = models.PositiveSmallIntegerField(_("kỳ"), choices=Half.choices)
    data_from = models.DateField(_("số liệu từ ngày"))
    data_to = models.DateField(_("số liệu đến ngày"))
    department_due = models.DateField(
        _("hạn sở, ngành gửi báo cáo"), help_text=_("Hạn gửi về cơ quan kế hoạch.")
    )
    consolidated_due = models.DateField(
        _("hạn báo cáo tổng hợp"), help_text=_("Hạn trình UBND và Ban Chỉ đạo.")
    )
    closed_at = models.DateTimeField(_("khóa lúc"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người khóa"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    close_note = models.CharField(_("lý do khóa"), max_length=300, blank=True)

    version = models.PositiveIntegerField(default=1, editable=False)  # edit conflicts
    objects = ReportingPeriodManager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-half"]
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "half"],
                name="period_once_per_year_and_half",
                violation_error_message=_("Kỳ báo cáo này đã có."),
            ),
            models.CheckConstraint(
                condition=Q(half__in=[1, 2]),
                name="period_half_is_1_or_2",
                violation_error_message=_("Kỳ phải là 1 (đầu năm) hoặc 2 (cuối năm)."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="period_year_plausible",
                violation_error_message=_("Năm phải trong khoảng 2000-2100."),
            ),
            models.CheckConstraint(
                condition=Q(data_to__gte=F("data_from")),
                name="period_window_ordered",
                violation_error_message=_("Ngày chốt số liệu phải sau ngày bắt đầu."),
            ),
            models.CheckConstraint(
                # Art. 8(5): at least one working day between cut-off and deadline.
                condition=Q(department_due__gt=F("data_to")),
                name="period_due_after_cutoff",
                violation_error_message=_("Hạn gửi phải sau ngày chốt số liệu."),
            ),
            models.CheckConstraint(
                condition=Q(consolidated_due__gte=F("department_due")),
                name="period_consolidated_after_department",
                violation_error_message=_("Hạn báo cáo tổng hợp phải sau hạn của sở, ngành."),
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | ~Q(close_note=""),
                name="period_closed_with_reason",
                violation_error_message=_("Khóa kỳ báo cáo cần ghi lý do."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_half_display()} {self.year}"

    @property
    def short_label(self) -> str:
        return f"{self.year}-H{self.half}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return self.data_from <= end and start <= self.data_to
