"""A file produced in the background: a workbook, a consolidated report or a CSV.

The job's state lives here, in the database, and its file in the default storage
(``MEDIA_ROOT``, shared by every server), so a file asked for through one server can be
followed and downloaded through another. ``stamp`` fingerprints the data the file shows
(``reports.services.background.data_stamp``): a finished job is handed again to whoever asks for
the same file while the stamp, the language and the day are unchanged.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from regions.models import AdministrativeUnit


class ExportKind(models.TextChoices):
    AGREEMENT_REVIEW = "agreement-review", _("bảng tính hội nghị của thỏa thuận")
    UNIT_REVIEW = "unit-review", _("bảng tính hội nghị của địa phương")
    UNIT_CONSOLIDATED = "unit-consolidated", _("báo cáo tổng hợp 6 tháng của địa phương")


class ExportState(models.TextChoices):
    QUEUED = "queued", _("đang chờ")
    RUNNING = "running", _("đang tạo")
    DONE = "done", _("đã xong")
    FAILED = "failed", _("không tạo được")


class ExportJob(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # What was asked for: enough to build it again (``reports.services.background.ExportRequest``).
    kind = models.CharField(_("loại tệp"), max_length=20, choices=ExportKind.choices)
    fmt = models.CharField(
        _("định dạng"),
        max_length=4,
        choices=[("xlsx", "xlsx"), ("csv", "csv"), ("docx", "docx")],  # docx: the Word report
    )
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(
        AdministrativeUnit, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    half = models.PositiveSmallIntegerField(_("kỳ"), null=True, blank=True)
    staff = models.BooleanField(_("bản nội bộ"), default=False)
    language = models.CharField(_("ngôn ngữ"), max_length=10)
    stamp = models.CharField(max_length=64)  # fingerprint of the data shown, and the day

    state = models.CharField(
        _("trạng thái"), max_length=10, choices=ExportState.choices, default=ExportState.QUEUED
    )
    rows_total = models.PositiveIntegerField(default=0)  # estimated when asked for
    rows_done = models.PositiveIntegerField(default=0)
    file = models.FileField(_("tệp"), max_length=300, blank=True)
    filename = models.CharField(_("tên tệp tải về"), max_length=200)
    error = models.TextField(_("lỗi"), blank=True)  # for administrators; logged as well

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    page_url = models.URLField(max_length=500, blank=True)  # absolute, for the e-mail
    source_path = models.CharField(max_length=300, blank=True)  # the file's own address
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)  # last progress written
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)  # the page was last seen
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("tệp tạo ngầm")
        verbose_name_plural = _("tệp tạo ngầm")
        indexes = [
            models.Index(
                fields=["kind", "fmt", "year", "staff", "agreement", "unit", "stamp"],
                name="exportjob_same_request",
            ),
            models.Index(fields=["created_at"], name="exportjob_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=ExportState.values),
                name="exportjob_state_known",
                violation_error_message=_("Trạng thái không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=~Q(state=ExportState.DONE) | ~Q(file=""),
                name="exportjob_done_has_file",
                violation_error_message=_("Tệp đã xong phải có tệp."),
            ),
            models.CheckConstraint(
                condition=Q(agreement__isnull=False) | Q(unit__isnull=False),
                name="exportjob_has_subject",
                violation_error_message=_("Cần một thỏa thuận hoặc một địa phương."),
            ),
        ]

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("reports:job", args=[self.pk])

    @property
    def percent(self) -> int:
        """How far along: 100 when done, else at most 99 (the total is an estimate)."""
        if self.state == ExportState.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)
