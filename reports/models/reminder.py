"""Reminders sent (one row per e-mail) and each run of the daily reminders."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderLog(models.Model):
    """One reminder e-mail to one user: what it was about, who sent it, when.

    Never twice a day to the same person for the same thing: ``topic`` says which thing
    (empty for the daily reminders that cover everything a user owes or reviews; the
    unit for a planning officer's chase list; the period, unit and department for a
    reminder sent by hand from the chase list).
    """

    class Kind(models.TextChoices):
        REPORT_DUE = "report_due", _("báo cáo sắp đến hạn hoặc quá hạn")
        REVIEW_WAITING = "review_waiting", _("báo cáo chờ duyệt")
        CHASE_LIST = "chase_list", _("danh sách đơn vị chưa báo cáo")
        DEPARTMENT_CHASE = "department_chase", _("nhắc sở, ngành chưa báo cáo")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    topic = models.CharField(_("về việc"), max_length=100, blank=True, default="")
    sent_on = models.DateField(_("ngày gửi"))
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Để trống: do lịch nhắc việc hằng ngày gửi."),
    )
    item_count = models.PositiveIntegerField(_("số mục"), default=0)
    summary = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("nhắc việc đã gửi")
        verbose_name_plural = _("nhắc việc đã gửi")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "topic", "sent_on"],
                name="reminder_once_per_user_kind_topic_day",
                violation_error_message=_("Đã gửi nhắc việc này cho người này hôm nay."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind} {self.topic} {self.sent_on:%d/%m/%Y}".replace("  ", " ")


class ReminderRun(models.Model):
    """One run of the daily reminders (``manage.py send_reminders``): when it ran and what it
    did, so administrators see on their home that the schedule is alive, even on days when
    nobody had to be reminded."""

    started_at = models.DateTimeField(_("bắt đầu lúc"))
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    dry_run = models.BooleanField(_("chạy thử"), default=False)
    sent = models.PositiveIntegerField(_("thư đã gửi"), default=0)
    already_sent = models.PositiveIntegerField(_("đã gửi trong ngày, bỏ qua"), default=0)
    no_email = models.PositiveIntegerField(_("không có địa chỉ thư"), default=0)
    error = models.TextField(_("lỗi"), blank=True)

    class Meta:
        verbose_name = _("lần chạy nhắc việc")
        verbose_name_plural = _("lần chạy nhắc việc")
        indexes = [models.Index(fields=["-started_at"], name="reminder_run_latest")]

    def __str__(self) -> str:
        return f"{self.started_at:%d/%m/%Y %H:%M}"
