"""Read-models over reports: who is expected to report, who did, who is late.

One query per table, never one per row.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from agreements.models import Agreement, AgreementParty, Commitment, Stage
from regions.models import AdministrativeUnit
from regions.queries import current_successors
from reports.models import ProgressReport, ReportingPeriod, ReportStatus

MISSING = "missing"
LATE = "late"


@dataclass
class ExpectedReport:
    commitment: Commitment
    unit: AdministrativeUnit
    report: ProgressReport | None
    state: str  # a ReportStatus value, or MISSING
    late: bool


@dataclass
class Completeness:
    period: ReportingPeriod
    rows: list[ExpectedReport] = field(default_factory=list)

    @property
    def counts(self) -> Counter:
        counts = Counter(row.state for row in self.rows)
        counts["expected"] = len(self.rows)
        counts[LATE] = sum(1 for row in self.rows if row.late)
        return counts


def agreements_overlapping(period: ReportingPeriod) -> QuerySet[Agreement]:
    return Agreement.objects.filter(
        term_start__lte=period.data_to, term_end__gte=period.data_from
    ).exclude(
        status_override__in=["terminated", "superseded"], status_changed_on__lt=period.data_from
    )


def expected_units(
    commitment: Commitment, parties: list[AdministrativeUnit]
) -> list[AdministrativeUnit]:
    """Who owes a report: the committing unit, else the lead agency's unit, else every party."""
    if commitment.committing_unit_id:
        return [commitment.committing_unit]
    if commitment.lead_agency_id:
        return [commitment.lead_agency.unit]
    return parties


def reporter_as_of(unit: AdministrativeUnit, day: dt.date, successors: dict) -> AdministrativeUnit:
    """The unit that reports for ``unit`` on ``day``: itself, or its successor once gone."""
    if unit.was_valid_on(day):
        return unit
    found = successors.get(unit.pk) or [unit]
    return found[0]


def completeness(
    period: ReportingPeriod, agreements: QuerySet[Agreement], *, today: dt.date | None = None
) -> Completeness:
    today = today or timezone.localdate()
    parties = AgreementParty.objects.select_related("unit").order_by("order")
    commitments = list(
        Commitment.objects.filter(
            agreement__in=agreements_overlapping(period).filter(pk__in=agreements.values("pk"))
        )
        .exclude(stage=Stage.CANCELLED)
        .select_related("agreement", "sector", "committing_unit", "lead_agency__unit")
        .prefetch_related(Prefetch("agreement__parties", queryset=parties))
        .order_by("agreement__title", "sector__order", "number", "id")
    )
    units = {
        u.pk: u
        for c in commitments
        for u in [p.unit for p in c.agreement.parties.all()]
        + [u for u in (c.committing_unit, c.lead_agency and c.lead_agency.unit) if u]
    }
    successors = current_successors(units.values())
    reports = {
        (r.commitment_id, r.reporting_unit_id): r
        for r in ProgressReport.objects.filter(
            period=period, commitment__in=[c.pk for c in commitments]
        )
    }
    result = Completeness(period)
    for commitment in commitments:
        party_units = [p.unit for p in commitment.agreement.parties.all()]
        for unit in expected_units(commitment, party_units):
            unit = reporter_as_of(unit, period.data_to, successors)
            report = reports.get((commitment.pk, unit.pk))
            state = report.status if report else MISSING
            result.rows.append(
                ExpectedReport(commitment, unit, report, state, is_late(report, period, today))
            )
    return result


def is_late(report: ProgressReport | None, period: ReportingPeriod, today: dt.date) -> bool:
    due = period.department_due
    if report is None or report.submitted_at is None:
        return today > due
    return timezone.localdate(report.submitted_at) > due


def waiting_for_review(unit_ids: frozenset[int]) -> QuerySet[ProgressReport]:
    return ProgressReport.objects.filter(
        Q(reporting_unit_id__in=unit_ids), status=ReportStatus.SUBMITTED
    )
