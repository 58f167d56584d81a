"""Where each commitment stood at the end of each reporting period: a record, not a view.

One row per commitment × Decree 09/2019 period × responsible party, plus one row per
commitment × period for the commitment as a whole (``unit`` empty: the parties combined
by the rule of ``reports.services.standing_rules``). Rows are derived from approved reports only and
rewritten in the same transaction as every change that can alter them
(``reports.services.standing_store``); ``manage.py rebuild_standing`` recomputes them all.

Rows cover every period from the commitment's own start to the end of its agreement,
future periods included: a future row says what will stand if nothing more is approved,
so nothing has to be written when time passes. Readers pick the row of the period they
show ("as of"), or the commitment's last row when the agreement ended earlier.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, Commitment, Sector, Stage
from regions.models import AdministrativeUnit

from .progress import ProgressReport


def period_seq(year: int, half: int) -> int:
    """A period as one increasing number: 2022-H1 → 4044, 2022-H2 → 4045."""
    return year * 2 + half - 1


def seq_period(seq: int) -> tuple[int, int]:
    return seq // 2, seq % 2 + 1


COUNTED = ["under_specified", "carried_over", "sector"]  # read with a period's rows


class CommitmentStanding(models.Model):
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="standings", editable=False
    )
    # Copied from the commitment so that pages filter and group without a join.
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="+", editable=False
    )
    sector = models.ForeignKey(Sector, on_delete=models.CASCADE, related_name="+", editable=False)
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("bên"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Bên chịu trách nhiệm báo cáo; để trống: cả nội dung (các bên gộp lại)."),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    half = models.PositiveSmallIntegerField(_("kỳ"))
    seq = models.PositiveIntegerField()  # period_seq(year, half); indexed below
    period_end = models.DateField(_("ngày chốt số liệu"))
    is_last = models.BooleanField(default=False)  # the commitment's last period

    stage = models.CharField(_("tiến độ"), max_length=15, choices=Stage.choices)
    percent = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    category = models.CharField(_("phân loại"), max_length=15)
    under_specified = models.BooleanField(default=False)
    carried_over = models.BooleanField(default=False)
    periods_in_force = models.PositiveSmallIntegerField(default=0)
    periods_since_report = models.PositiveSmallIntegerField(null=True, blank=True)
    approved_reports = models.PositiveIntegerField(default=0)
    source_report = models.ForeignKey(
        ProgressReport, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actuals = models.JSONField(default=dict, blank=True)  # indicator id → latest actual

    # What was owed in this period (party rows; the combined row sums them up).
    expected = models.BooleanField(default=False)
    report = models.ForeignKey(
        ProgressReport, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    report_status = models.CharField(max_length=10, blank=True)  # "" = no report
    first_submitted_on = models.DateField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("tình hình nội dung hợp tác theo kỳ")
        verbose_name_plural = _("tình hình nội dung hợp tác theo kỳ")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "seq", "unit"],
                name="standing_once_per_party_period",
            ),
            models.UniqueConstraint(
                fields=["commitment", "seq"],
                condition=Q(unit__isnull=True),
                name="standing_once_per_commitment_period",
            ),
        ]
        # Pages read one period's rows; these partial covering indexes let PostgreSQL
        # count them from the index alone (SQLite builds them without the INCLUDE part).
        indexes = [
            models.Index(
                fields=["seq", "agreement", "category"],
                include=COUNTED,
                condition=Q(unit__isnull=True),
                name="standing_combined_idx",
            ),
            models.Index(
                fields=["seq", "agreement", "category"],
                include=COUNTED,
                condition=Q(unit__isnull=True, is_last=True),
                name="standing_combined_last_idx",
            ),
            models.Index(
                fields=["seq", "agreement", "unit"],
                include=["report_status", "first_submitted_on", "due_on"],
                condition=Q(unit__isnull=False, expected=True),
                name="standing_owed_idx",
            ),
            models.Index(fields=["unit", "seq"], name="standing_party_idx"),
            models.Index(fields=["agreement", "seq"], name="standing_agreement_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id} {self.year}-H{self.half} {self.unit_id or '*'}"
