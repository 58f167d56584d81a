"""The reporter's side of the progress-report form: what it offers first and fills in.

A reporter comes to the form to send what their department owes. So the form offers the
owed periods first and marks them (with the deadline, the current period, future periods
as not yet open), preselects the period and the reporting party owed for the commitment,
shows each commitment with its agreement and term ("…vận tải hành khách" of 2006–2020
and of 2021–2025 are different commitments), and lays out one row per indicator of the
commitment, with its unit and target, before the first save.

What is owed is read from the chase list (``reports.queries.home.chase_for``), the one
rule of "owed and not sent"; who may write what stays with ``portal.permissions``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from agreements.access import Actor
from agreements.models import Commitment, Indicator
from reports.models import ProgressReport, ReportingPeriod, period_seq


@dataclass(frozen=True)
class Owed:
    """One report the user's department owes: commitment, period, party, deadline."""

    commitment_id: int
    period: ReportingPeriod
    unit_id: int
    due_on: dt.date


def owed_reports(request, actor: Actor) -> list[Owed]:
    """What the user's department (or unit) owes and has not sent, earliest deadline
    first (read once per request: two queries, three when a unit locked a chased period).
    Nothing for administrators: they owe no report, and the whole country's list is long."""
    if actor.is_admin:
        return []
    if not hasattr(request, "_owed_reports"):
        from reports.queries.home import chase_for
        from reports.services import reminders

        today = timezone.localdate()
        periods = reminders.chased_periods(today)
        by_seq = {period_seq(p.year, p.half): p for p in periods}
        rows = (
            chase_for(actor, today, periods)
            .order_by("due_on", "seq", "commitment_id")
            .values_list("commitment_id", "seq", "unit_id", "due_on")
        )
        request._owed_reports = [
            Owed(commitment, by_seq[seq], unit, due)
            for commitment, seq, unit, due in rows
            if seq in by_seq
        ]
    return request._owed_reports


def initial_choices(request, actor: Actor, initial: dict) -> dict:
    """The add form's defaults: the period owed (for the commitment, if one is given) and
    the party that owes it; what the address already says is kept."""
    owed = owed_reports(request, actor)
    commitment = _int(initial.get("commitment"))
    period = _int(initial.get("period"))
    mine = [x for x in owed if commitment is None or x.commitment_id == commitment]
    if period is not None:
        mine = [x for x in mine if x.period.pk == period]
    if not mine:
        return initial
    first = mine[0]
    initial.setdefault("period", str(first.period.pk))
    if commitment is not None:
        initial.setdefault("reporting_unit", str(first.unit_id))
    return initial


def _int(value) -> int | None:
    if isinstance(value, list):
        value = value[-1] if value else None
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) < 10 else None


# --- the choices, as the reporter reads them -----------------------------------------------------


def period_choices(field, request, actor: Actor, *, may_use_future: bool) -> None:
    """Owed periods first (latest deadline last), then the others, latest first; future
    periods left out for reporters (nothing to report yet); each labelled with where it
    stands."""
    today = timezone.localdate()
    owed = owed_reports(request, actor)
    due = {}
    for item in owed:
        due.setdefault(item.period.pk, item.due_on)
    queryset: QuerySet[ReportingPeriod] = field.queryset
    if not may_use_future:
        queryset = queryset.filter(data_from__lte=today)
    order = [When(pk=pk, then=Value(rank)) for rank, pk in enumerate(due)]
    field.queryset = queryset.annotate(
        owed_rank=Case(*order, default=Value(len(due)), output_field=IntegerField())
    ).order_by("owed_rank", "-year", "-half")

    def label(period: ReportingPeriod) -> str:
        text = f"{period} — {period.phase_label(today)}"
        if period.pk in due:
            day = formats.date_format(due[period.pk], "SHORT_DATE_FORMAT")
            late = due[period.pk] < today
            text += " — " + (
                _("còn phải gửi, đã quá hạn %(day)s") if late else _("còn phải gửi, hạn %(day)s")
            ) % {"day": day}
        return text

    field.label_from_instance = label


def commitment_label(commitment: Commitment) -> str:
    """The commitment with its agreement and the agreement's term (years)."""
    agreement = commitment.agreement
    term = f"{agreement.term_start.year}–{agreement.term_end.year}"
    title = agreement.title if len(agreement.title) <= 70 else agreement.title[:69] + "…"
    return f"{commitment.title} — {title} ({term})"


def commitment_choices(field) -> None:
    field.queryset = field.queryset.select_related("agreement").order_by(
        "-agreement__term_start", "agreement__title", "number", "pk"
    )
    field.label_from_instance = commitment_label


def indicator_label(indicator: Indicator) -> str:
    """The indicator with its unit and target: "Lượt hành khách (người/năm) — mục tiêu 3.315"."""
    text = f"{indicator.name} ({indicator.unit_of_measure})"
    if indicator.target is not None:
        places = max(0, -indicator.target.normalize().as_tuple().exponent)  # 3.315, 2,5
        target = formats.number_format(indicator.target, decimal_pos=places, force_grouping=True)
        text += " — " + _("mục tiêu %(target)s") % {"target": target}
    return text


def duplicate_of(report: ProgressReport) -> ProgressReport | None:
    """The report already made by the same party on the same commitment and period."""
    if not (report.commitment_id and report.period_id and report.reporting_unit_id):
        return None
    same = ProgressReport.objects.filter(
        commitment_id=report.commitment_id,
        period_id=report.period_id,
        reporting_unit_id=report.reporting_unit_id,
    )
    if report.pk:
        same = same.exclude(pk=report.pk)
    return same.first()


def commitment_of(request, obj) -> int | None:
    """The report's commitment: the saved one, else the one the form posts or the
    address names (the add form reached from the home's owed list)."""
    if obj is not None and obj.commitment_id:
        return obj.commitment_id
    source = request.POST if request.method == "POST" else request.GET
    return _int(source.get("commitment"))


def missing_indicators(request, obj) -> list[Indicator]:
    """The commitment's indicators that have no value in the report yet (one query per
    request)."""
    commitment = commitment_of(request, obj)
    if commitment is None:
        return []
    key = (commitment, obj.pk if obj is not None else None)
    cache = request.__dict__.setdefault("_missing_indicators", {})
    if key not in cache:
        indicators = Indicator.objects.filter(commitment_id=commitment).order_by("order", "pk")
        if obj is not None and obj.pk:
            indicators = indicators.exclude(values__report=obj)
        cache[key] = list(indicators)
    return cache[key]


def with_choices_read_once(form_class, name: str):
    """The form class with the choices of its ``name`` field read once for every row of
    the formset (a model choice field reads its list anew for each form it renders)."""
    field = form_class.base_fields[name]
    choices = list(field.choices)

    class Form(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if name in self.fields:
                self.fields[name].choices = choices

    Form.__name__ = form_class.__name__
    return Form
