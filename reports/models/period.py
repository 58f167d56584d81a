"""Six-monthly reporting periods (Decree 09/2019/NĐ-CP)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def default_window(year: int, half: int) -> dict[str, dt.date]:
    """Data cut-off and default deadlines of a period, from ``REPORTING_CALENDAR``.

    Art. 12: the first half covers 15/12 of the previous year to 14/06, the second
    15/06 to 14/12. Deadlines are each unit's decision (``UnitCalendar``); these are
    the defaults, moved to the next working day when they fall on a weekend or a
    public holiday (Art. 8(5): at least one working day after the cut-off).
    """
    from reports.services.working_days import next_working_day

    calendar = settings.REPORTING_CALENDAR
    cutoff = calendar["cutoff_day"]
    end_month = 6 if half == 1 else 12
    data_to = dt.date(year, end_month, cutoff)
    if half == 1:
        data_from = dt.date(year - 1, 12, cutoff + 1)
    else:
        data_from = dt.date(year, 6, cutoff + 1)
    department_due = next_working_day(
        max(dt.date(year, end_month, calendar["department_due_day"]), data_to + dt.timedelta(1))
    )
    consolidated_due = next_working_day(
        max(dt.date(year, end_month, calendar["consolidated_due_day"]), department_due)
    )
    return {
        "data_from": data_from,
        "data_to": data_to,
        "department_due": department_due,
        "consolidated_due": consolidated_due,
    }


PERIOD_PHASES = {
    "closed": _("đã khóa"),
    "future": _("chưa đến kỳ"),
    "current": _("kỳ hiện tại, đang mở"),
    "open": _("đang mở"),
}


class ReportingPeriodManager(models.Manager):
    def get_or_open(self, *, year: int, half: int) -> tuple[ReportingPeriod, bool]:
        """The period of ``year``/``half``, with the calendar's defaults if new."""
        return self.get_or_create(year=year, half=half, defaults=default_window(year, half))

    def open_for_units(self, unit_ids) -> models.QuerySet:
        """Periods not closed for all, nor by the calendar of any of these units' own."""
        from reports.services.calendar import governing_unit_ids

        governing = set().union(*(governing_unit_ids(u) for u in unit_ids)) if unit_ids else set()
        closed = UnitCalendar.objects.filter(unit_id__in=governing, closed_at__isnull=False)
        return self.filter(closed_at__isnull=True).exclude(pk__in=closed.values("period_id"))

    def ensure_through(self, year: int) -> int:
        """Every period from ``REPORTING_CALENDAR["first_year"]`` to ``year`` exists.

        Periods follow the Decree's rule: nobody opens them. Returns how many were added.
        """
        first = settings.REPORTING_CALENDAR["first_year"]
        have = set(self.filter(year__gte=first, year__lte=year).values_list("year", "half"))
        missing = [
            self.model(year=y, half=h, **default_window(y, h))
            for y in range(first, year + 1)
            for h in (1, 2)
            if (y, h) not in have
        ]
        if missing:
            from simple_history.utils import bulk_create_with_history

            bulk_create_with_history(
                missing,
                self.model,
                ignore_conflicts=True,
                default_change_reason="Kỳ báo cáo theo Nghị định 09/2019/NĐ-CP",
            )
        return len(missing)


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

    def phase(self, day: dt.date) -> str:
        """Where the period stands on ``day``: "closed" (locked for everyone), "future"
        (its data window has not begun: nothing to report yet), "current" (the window
        holds ``day``) or "open" (cut off, reports still taken)."""
        if self.closed_at is not None:
            return "closed"
        if day < self.data_from:
            return "future"
        if day <= self.data_to:
            return "current"
        return "open"

    def phase_label(self, day: dt.date) -> str:
        return str(PERIOD_PHASES[self.phase(day)])


class UnitCalendar(models.Model):
    """One unit's own deadlines and lock for one period (its planning staff set them).

    Without a row a unit follows the period's defaults and is open. A unit that merged
    into another follows its successor's row: today's planning staff act for the units
    their own unit continues.
    """

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("kỳ báo cáo"),
        on_delete=models.CASCADE,
        related_name="unit_calendars",
    )
    unit = models.ForeignKey(
        "regions.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="reporting_calendars",
    )
    department_due = models.DateField(
        _("hạn sở, ngành gửi báo cáo"),
        null=True,
        blank=True,
        help_text=_("Để trống: theo hạn mặc định của kỳ."),
    )
    consolidated_due = models.DateField(
        _("hạn báo cáo tổng hợp"),
        null=True,
        blank=True,
        help_text=_("Để trống: theo hạn mặc định của kỳ."),
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

    history = HistoricalRecords()

    class Meta:
        ordering = ["-period__year", "-period__half", "unit__short_name"]
        verbose_name = _("lịch báo cáo của đơn vị")
        verbose_name_plural = _("lịch báo cáo của đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit"],
                name="unit_calendar_once_per_period",
                violation_error_message=_("Đơn vị này đã có lịch cho kỳ báo cáo này."),
            ),
            models.CheckConstraint(
                condition=Q(consolidated_due__isnull=True)
                | Q(department_due__isnull=True)
                | Q(consolidated_due__gte=F("department_due")),
                name="unit_calendar_consolidated_after_department",
                violation_error_message=_("Hạn báo cáo tổng hợp phải sau hạn của sở, ngành."),
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | ~Q(close_note=""),
                name="unit_calendar_closed_with_reason",
                violation_error_message=_("Khóa kỳ báo cáo cần ghi lý do."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} — {self.unit}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.period.__dict__.pop("_locked_units", None)  # read anew (calendar.is_closed_for)

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        if self.unit_id and not self.unit.is_current:
            errors["unit"] = _(
                "Chỉ đơn vị hiện hành có lịch riêng; đơn vị đã sáp nhập theo lịch của "
                "đơn vị kế thừa."
            )
        if self.period_id and self.department_due and self.department_due <= self.period.data_to:
            errors["department_due"] = _(
                "Hạn gửi phải sau ngày chốt số liệu %(day)s (Điều 8 khoản 5 Nghị định "
                "09/2019/NĐ-CP: ít nhất một ngày làm việc)."
            ) % {"day": self.period.data_to.strftime("%d/%m/%Y")}
        consolidated = self.consolidated_due
        department = self.department_due or (self.period.department_due if self.period_id else None)
        if consolidated and department and consolidated < department:
            errors["consolidated_due"] = _("Hạn báo cáo tổng hợp phải sau hạn của sở, ngành.")
        if errors:
            raise ValidationError(errors)
