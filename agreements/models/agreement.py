"""Agreements, their parties (as signed) and their documents."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.document_files import validate_new_document_file
from portal.lib.text import slugify_vi
from regions.models import AdministrativeUnit

from .catalogue import Sector


class AgreementStatus(models.TextChoices):
    NOT_YET_IN_FORCE = "not_yet_in_force", _("chưa có hiệu lực")
    IN_FORCE = "in_force", _("đang hiệu lực")
    EXPIRED = "expired", _("hết hạn")
    TERMINATED = "terminated", _("đã chấm dứt")
    SUPERSEDED = "superseded", _("đã được thay thế")


def derive_status(*, override: str, term_start: dt.date, term_end: dt.date, day: dt.date) -> str:
    """The one rule for an agreement's status; ``AgreementQuerySet.with_status`` mirrors it."""
    if override:
        return override
    if day < term_start:
        return AgreementStatus.NOT_YET_IN_FORCE
    if day > term_end:
        return AgreementStatus.EXPIRED
    return AgreementStatus.IN_FORCE


class AgreementQuerySet(models.QuerySet):
    def with_status(self, day: dt.date | None = None) -> AgreementQuerySet:
        """Annotate ``status_now`` as ``derive_status`` computes it, so it can be filtered."""
        day = day or timezone.localdate()
        return self.annotate(
            status_now=Case(
                When(~Q(status_override=""), then=F("status_override")),
                When(term_start__gt=day, then=Value(AgreementStatus.NOT_YET_IN_FORCE.value)),
                When(term_end__lt=day, then=Value(AgreementStatus.EXPIRED.value)),
                default=Value(AgreementStatus.IN_FORCE.value),
                output_field=models.CharField(),
            )
        )


class Agreement(models.Model):
    """A cooperation agreement, programme or memorandum, as a legal document."""

    class Kind(models.TextChoices):
        BILATERAL = "bilateral", _("song phương")
        MULTILATERAL = "multilateral", _("đa phương")
        MEMORANDUM = "memorandum", _("bản ghi nhớ")

    class StatusOverride(models.TextChoices):
        NONE = "", _("theo thời hạn")
        TERMINATED = AgreementStatus.TERMINATED.value, AgreementStatus.TERMINATED.label
        SUPERSEDED = AgreementStatus.SUPERSEDED.value, AgreementStatus.SUPERSEDED.label

    slug = models.SlugField(_("định danh"), max_length=120, unique=True)
    title = models.CharField(_("tên văn bản"), max_length=300)
    kind = models.CharField(_("loại"), max_length=15, choices=Kind.choices)
    summary = models.TextField(_("tóm tắt"), blank=True)
    document_number = models.CharField(_("số hiệu"), max_length=60, blank=True)
    signed_on = models.DateField(_("ngày ký"))
    signed_at = models.CharField(_("nơi ký"), max_length=120, blank=True)
    term_start = models.DateField(_("hiệu lực từ"))
    term_end = models.DateField(_("hiệu lực đến"))
    status_override = models.CharField(
        _("tình trạng đặc biệt"),
        max_length=15,
        choices=StatusOverride.choices,
        blank=True,
        default="",
        help_text=_("Để trống: tình trạng tính theo thời hạn."),
    )
    status_changed_on = models.DateField(_("ngày chấm dứt / thay thế"), null=True, blank=True)
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("thỏa thuận giai đoạn trước"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewals",
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("lĩnh vực"), blank=True, related_name="agreements"
    )
    steering_committee = models.TextField(_("Ban Chỉ đạo"), blank=True)
    merger_note = models.TextField(
        _("sau sắp xếp đơn vị hành chính 2025"),
        blank=True,
        help_text=_("Điều gì xảy ra với thỏa thuận khi các bên sáp nhập."),
    )
    is_demo = models.BooleanField(_("dữ liệu minh họa"), default=False, editable=False)
    demo_source = models.TextField(
        _("nguồn của dữ liệu minh họa"),
        blank=True,
        editable=False,
        help_text=_("Bài báo nguồn của từng dữ kiện, và những gì chỉ là minh họa."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    version = models.PositiveIntegerField(default=1, editable=False)  # edit conflicts
    objects = AgreementQuerySet.as_manager()

    history = HistoricalRecords(m2m_fields=[sectors], excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-term_start", "title"]
        verbose_name = _("thỏa thuận hợp tác")
        verbose_name_plural = _("thỏa thuận hợp tác")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gte=F("term_start")),
                name="agreement_term_end_after_start",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("id")),
                name="agreement_not_its_own_predecessor",
                violation_error_message=_("Thỏa thuận không thể tiếp nối chính nó."),
            ),
            models.CheckConstraint(
                condition=Q(status_override="") | Q(status_changed_on__isnull=False),
                name="agreement_override_has_date",
                violation_error_message=_("Cần ngày chấm dứt hoặc thay thế."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agreement-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.signed_on and self.term_end and self.signed_on > self.term_end:
            raise ValidationError({"signed_on": _("Ngày ký sau ngày hết hiệu lực.")})
        if self.predecessor_id and self.pk:
            seen, link = {self.pk}, self.predecessor
            while link is not None:
                if link.pk in seen:
                    raise ValidationError({"predecessor": _("Chuỗi tiếp nối bị vòng lặp.")})
                seen.add(link.pk)
                link = link.predecessor

    def status_on(self, day: dt.date) -> str:
        return derive_status(
            override=self.status_override,
            term_start=self.term_start,
            term_end=self.term_end,
            day=day,
        )

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_label(self) -> str:
        return AgreementStatus(self.status).label

    def reporting_unit_ids(self) -> set[int]:
        """Units that may report on it: the parties as signed and their successors.

        Kept on the instance: an import validates many reports of one agreement.
        """
        from regions.queries import current_successors

        cached = getattr(self, "_reporting_unit_ids", None)
        if cached is not None:
            return set(cached)
        units = [party.unit for party in self.parties.select_related("unit")]
        successors = current_successors(units)
        ids = {u.pk for u in units} | {s.pk for found in successors.values() for s in found}
        self._reporting_unit_ids = frozenset(ids)
        return ids

    def coordinating_unit_ids(self) -> set[int]:
        """Units that hold the party list and the agreement-wide fields: the parties named
        coordinator; with none named, both parties of a two-party agreement, else none
        (administrators then hold it)."""
        parties = list(self.parties.values_list("unit_id", "role"))
        named = {unit for unit, role in parties if role == AgreementParty.Role.COORDINATOR}
        if named:
            return named
        return {unit for unit, _ in parties} if len(parties) <= 2 else set()

    def refresh_from_db(self, *args, **kwargs):
        self.__dict__.pop("_reporting_unit_ids", None)
        super().refresh_from_db(*args, **kwargs)

    @property
    def ends_on(self) -> dt.date:
        """The last day it binds: its term's end, or the day it was terminated or replaced."""
        ended_early = self.status_override in (
            AgreementStatus.TERMINATED,
            AgreementStatus.SUPERSEDED,
        )
        if ended_early and self.status_changed_on:
            return min(self.term_end, self.status_changed_on)
        return self.term_end

    def predecessor_chain(self) -> list[Agreement]:
        """Earlier phases, nearest first (one query per phase; chains are short)."""
        chain, link = [], self.predecessor
        while link is not None and len(chain) < 20:
            chain.append(link)
            link = link.predecessor
        return chain


class AgreementParty(models.Model):
    """A unit as it signed the agreement (bên ký kết), with its signatory."""

    class Role(models.TextChoices):
        PARTY = "party", _("bên ký kết")
        COORDINATOR = "coordinator", _("bên chủ trì, điều phối")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("thỏa thuận"), on_delete=models.CASCADE, related_name="parties"
    )
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="agreement_parties",
    )
    role = models.CharField(_("vai trò"), max_length=15, choices=Role.choices, default=Role.PARTY)
    issuing_body = models.CharField(
        _("cơ quan ban hành"), max_length=200, blank=True, help_text=_("Ví dụ: UBND tỉnh Hậu Giang")
    )
    signatory_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signatory_title = models.CharField(_("chức vụ người ký"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    version = models.PositiveIntegerField(default=1, editable=False)  # edit conflicts

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "unit__short_name"]
        verbose_name = _("bên ký kết")
        verbose_name_plural = _("các bên ký kết")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "unit"],
                name="party_once_per_agreement",
                violation_error_message=_("Đơn vị này đã là một bên của thỏa thuận."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.unit)

    def clean(self) -> None:
        if self.unit_id and self.agreement_id:
            signed_on = self.agreement.signed_on
            if not self.unit.was_valid_on(signed_on):
                raise ValidationError(
                    {
                        "unit": _(
                            "%(unit)s không tồn tại vào ngày ký %(day)s; "
                            "hãy chọn đơn vị hành chính của thời điểm đó."
                        )
                        % {"unit": self.unit, "day": signed_on.strftime("%d/%m/%Y")}
                    }
                )


def document_upload_path(document: AgreementDocument, filename: str) -> str:
    """A random name under the year: the uploader's file name is neither trusted nor kept
    (downloads are named from the document's number and title)."""
    extension = PurePath(filename).suffix.lower()
    return f"documents/{timezone.now():%Y}/{uuid.uuid4().hex}{extension}"


class AgreementDocument(models.Model):
    """A legal document attached to an agreement: the text, a plan, minutes…

    Its file is served only through ``agreements.documents.download``, which asks
    ``agreements.download_agreementdocument`` (``portal/permissions.py``): a public
    document for anyone, an internal one for the parties' planning staff and
    administrators. ``agreements.document_files`` says which files are accepted.
    """

    class Kind(models.TextChoices):
        AGREEMENT = "agreement", _("văn bản thỏa thuận")
        IMPLEMENTING_PLAN = "implementing_plan", _("kế hoạch thực hiện")
        REVIEW_MINUTES = "review_minutes", _("biên bản, kết luận hội nghị")
        REPORT = "report", _("báo cáo")
        OTHER = "other", _("khác")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("thỏa thuận"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("loại văn bản"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("trích yếu"), max_length=300)
    number = models.CharField(_("số hiệu"), max_length=60, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    issuing_unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị ban hành"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    file = models.FileField(
        _("tệp"),
        upload_to=document_upload_path,
        blank=True,
        max_length=200,
        validators=[validate_new_document_file],
    )
    url = models.URLField(_("đường dẫn"), blank=True)
    is_public = models.BooleanField(
        _("công khai"),
        default=False,
        help_text=_(
            "Văn bản công khai: ai cũng tải được từ trang thỏa thuận. Không đánh dấu: "
            "văn bản nội bộ, chỉ cán bộ kế hoạch của các bên và quản trị hệ thống tải được."
        ),
    )

    version = models.PositiveIntegerField(default=1, editable=False)  # edit conflicts

    history = HistoricalRecords()

    class Meta:
        ordering = ["issued_on", "kind"]
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        constraints = [
            models.CheckConstraint(
                condition=~Q(number="") | ~Q(file="") | ~Q(url=""),
                name="document_has_number_file_or_link",
                violation_error_message=_("Văn bản cần số hiệu, tệp đính kèm hoặc đường dẫn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def clean(self) -> None:
        """An implementing plan says whose it is: a party of the agreement (as signed, or
        the unit it is part of now)."""
        if self.kind != self.Kind.IMPLEMENTING_PLAN or not self.agreement_id:
            return
        if self.issuing_unit_id is None:
            raise ValidationError(
                {"issuing_unit": _("Kế hoạch thực hiện cần ghi đơn vị ban hành (bên nào).")}
            )
        if self.issuing_unit_id not in self.agreement.reporting_unit_ids():
            raise ValidationError(
                {"issuing_unit": _("Đơn vị ban hành kế hoạch phải là một bên của thỏa thuận.")}
            )

    @property
    def file_extension(self) -> str:
        return PurePath(self.file.name).suffix.lower().lstrip(".") if self.file else ""

    @property
    def download_name(self) -> str:
        """The file's name for the person who downloads it: ASCII, from number and title."""
        stem = slugify_vi(f"{self.number} {self.title}")[:80].strip("-") or "van-ban"
        return f"{stem}.{self.file_extension}" if self.file_extension else stem

    def get_download_url(self) -> str:
        return reverse(
            "agreement-document",
            kwargs={
                "slug": self.agreement.slug,
                "pk": self.pk,
                "filename": self.download_name,
            },
        )
