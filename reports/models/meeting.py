"""Review meetings, their conclusions, and what became of them.

A review meeting (hội nghị sơ kết) ends with numbered conclusions: some add a new
cooperation content, some change one, some only take note or give a direction.
Each conclusion names the commitments it touches, so a commitment links back to
the meetings that created or changed it, and the next meeting can ask what became
of every conclusion of the last one.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models import Agreement, Commitment
from regions.models import AdministrativeUnit


class ReviewMeeting(models.Model):
    """An (annual) review meeting of an agreement, hosted in rotation."""

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("thỏa thuận"),
        on_delete=models.CASCADE,
        related_name="review_meetings",
    )
    held_on = models.DateField(_("ngày họp"))
    host_unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị đăng cai"),
        on_delete=models.PROTECT,
        related_name="hosted_meetings",
    )
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    title = models.CharField(_("tên hội nghị"), max_length=300)
    attendees = models.TextField(_("thành phần"), blank=True)
    minutes = models.TextField(_("nội dung, biên bản"), blank=True)
    decisions = models.TextField(_("kết luận"), blank=True)
    is_demo = models.BooleanField(_("dữ liệu minh họa"), default=False, editable=False)

    version = models.PositiveIntegerField(default=1, editable=False)  # edit conflicts

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("hội nghị sơ kết")
        verbose_name_plural = _("hội nghị sơ kết")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "held_on"],
                name="meeting_once_per_agreement_day",
                violation_error_message=_("Thỏa thuận đã có hội nghị vào ngày này."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("reports:meeting", kwargs={"slug": self.agreement.slug, "pk": self.pk})


class ConclusionAction(models.TextChoices):
    CREATE = "create", _("bổ sung nội dung hợp tác mới")
    AMEND = "amend", _("điều chỉnh nội dung hợp tác")
    NOTE = "note", _("ghi nhận, chỉ đạo")


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("chưa thực hiện")
    IN_PROGRESS = "in_progress", _("đang thực hiện")
    DONE = "done", _("đã thực hiện")
    DROPPED = "dropped", _("không thực hiện")


class ReviewConclusion(models.Model):
    """One numbered conclusion of a review meeting (kết luận hội nghị)."""

    meeting = models.ForeignKey(
        ReviewMeeting,
        verbose_name=_("hội nghị"),
        on_delete=models.CASCADE,
        related_name="conclusions",
    )
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    text = models.TextField(_("nội dung kết luận"))
    action = models.CharField(
        _("loại kết luận"),
        max_length=10,
        choices=ConclusionAction.choices,
        default=ConclusionAction.NOTE,
    )
    commitments = models.ManyToManyField(
        Commitment,
        verbose_name=_("nội dung hợp tác liên quan"),
        blank=True,
        related_name="review_conclusions",
        help_text=_("Nội dung được bổ sung hoặc điều chỉnh theo kết luận này."),
    )
    follow_up_status = models.CharField(
        _("tình hình thực hiện kết luận"),
        max_length=12,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.OPEN,
    )
    follow_up_note = models.TextField(_("kết quả thực hiện kết luận"), blank=True)

    version = models.PositiveIntegerField(default=1, editable=False)  # edit conflicts

    history = HistoricalRecords(m2m_fields=[commitments])

    class Meta:
        ordering = ["meeting", "number", "id"]
        verbose_name = _("kết luận hội nghị")
        verbose_name_plural = _("kết luận hội nghị")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="conclusion_number_once_per_meeting",
                violation_error_message=_("Hội nghị đã có kết luận mang số thứ tự này."),
            ),
            models.CheckConstraint(
                condition=Q(action__in=ConclusionAction.values),
                name="conclusion_action_known",
                violation_error_message=_("Loại kết luận không hợp lệ."),
            ),
            models.CheckConstraint(
                condition=Q(follow_up_status__in=FollowUpStatus.values),
                name="conclusion_follow_up_known",
                violation_error_message=_("Tình hình thực hiện không hợp lệ."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"

    def check_commitments(self, commitments: list[Commitment]) -> None:
        """Linked commitments belong to the meeting's agreement or to its next phase.

        Many-to-many values are set after ``save()``, so forms call this with the
        chosen commitments before saving them.
        """
        agreement = self.meeting.agreement
        foreign = [
            c
            for c in commitments
            if c.agreement_id != agreement.pk and c.agreement.predecessor_id != agreement.pk
        ]
        if foreign:
            raise ValidationError(
                {
                    "commitments": _(
                        "Chỉ liên kết được nội dung của thỏa thuận này hoặc giai đoạn tiếp theo: %(t)s"
                    )
                    % {"t": "; ".join(c.title for c in foreign)}
                }
            )
