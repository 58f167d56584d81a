"""generate_data: synthetic data at a small scale is sized, valid, deterministic and
replaceable, follows the portal's rule of who owes a report, and needs the units."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, reset_queries
from django.utils import timezone

from agreements.models import (
    Agency,
    Agreement,
    AgreementParty,
    Commitment,
    Indicator,
    Stage,
)
from agreements.tests.factories import bilateral
from portal import synthetic_data
from reports.models import IndicatorValue, ProgressReport, ReportingPeriod, ReportStatus
from reports.queries.expectations import completeness

SCALE = "0.005"  # 10 agreements, ~200 commitments, ~2,000 reports

pytestmark = pytest.mark.django_db


def generate(*args: str) -> None:
    call_command("generate_data", "--scale", SCALE, *args, verbosity=0)


def synthetic_reports():
    return ProgressReport.objects.filter(commitment__agreement__slug__startswith="synthetic-")


def every_nth(queryset, count: int) -> list:
    """``count`` rows spread over the whole table, in a stable order."""
    rows = list(queryset.order_by("pk"))
    step = max(1, len(rows) // count)
    return rows[::step][:count]


def content_digest() -> str:
    """A checksum over the synthetic rows' content, keyed by natural keys (not by ids,
    which differ between runs)."""
    agreements = synthetic_data.synthetic_agreements()
    commitments = Commitment.objects.filter(agreement__in=agreements)
    key = ("commitment__agreement__slug", "commitment__number")
    tables = [
        agreements.order_by("slug").values_list(
            "slug",
            "title",
            "kind",
            "signed_on",
            "term_start",
            "term_end",
            "status_override",
            "status_changed_on",
            "predecessor__slug",
            "merger_note",
        ),
        AgreementParty.objects.filter(agreement__in=agreements)
        .order_by("agreement__slug", "order")
        .values_list("agreement__slug", "unit__key", "role", "order"),
        commitments.order_by("agreement__slug", "number").values_list(
            "agreement__slug",
            "number",
            "title",
            "sector__slug",
            "committing_unit__key",
            "lead_agency__name",
            "lead_agency__unit__key",
            "start_on",
            "due_on",
            "stage",
            "carried_over_from__agreement__slug",
            "carried_over_from__number",
        ),
        Indicator.objects.filter(commitment__in=commitments)
        .order_by(*key, "order")
        .values_list(*key, "name", "unit_of_measure", "baseline", "target", "direction"),
        synthetic_reports()
        .order_by(*key, "period__year", "period__half", "reporting_unit__key")
        .values_list(
            *key,
            "period__year",
            "period__half",
            "reporting_unit__key",
            "stage",
            "percent",
            "status",
            "submitted_at",
            "reviewed_at",
            "achievements",
            "difficulties",
            "recommendations",
            "next_tasks",
            "return_reason",
        ),
        IndicatorValue.objects.filter(report__in=synthetic_reports())
        .order_by(
            "report__commitment__agreement__slug",
            "report__commitment__number",
            "report__period__year",
            "report__period__half",
            "report__reporting_unit__key",
            "indicator__order",
        )
        .values_list(
            "report__commitment__agreement__slug",
            "report__commitment__number",
            "report__period__year",
            "report__period__half",
            "report__reporting_unit__key",
            "indicator__name",
            "value",
        ),
    ]
    digest = hashlib.sha256()
    for table in tables:
        for row in table:
            digest.update(repr(row).encode())
    return digest.hexdigest()


def test_it_fills_the_database_within_the_expected_ranges(units):
    generate()

    agreements = synthetic_data.synthetic_agreements()
    assert agreements.count() == 10
    assert set(agreements.values_list("is_demo", flat=True)) == {True}
    commitments = Commitment.objects.filter(agreement__in=agreements).count()
    assert 120 <= commitments <= 320
    reports = synthetic_reports()
    assert 900 <= reports.count() <= 3500
    assert set(reports.values_list("is_demo", flat=True)) == {True}
    assert reports.filter(percent__isnull=False).exists()
    with_values = reports.filter(values__isnull=False).distinct().count()
    assert 0.15 <= with_values / reports.count() <= 0.5
    # every half-year from 2016 to next year: periods exist without anyone opening them
    assert ReportingPeriod.objects.count() == 2 * (timezone.localdate().year + 1 - 2016 + 1)
    synthetic_agencies = Agency.objects.filter(email__endswith="@synthetic.invalid")
    assert (
        synthetic_agencies.filter(unit__valid_until__isnull=False, successions_out=None).count()
        == 0
    )


def test_units_are_those_of_the_day_and_reporters_the_successors(units):
    generate()

    for party in AgreementParty.objects.filter(
        agreement__in=synthetic_data.synthetic_agreements()
    ).select_related("agreement", "unit"):
        assert party.unit.was_valid_on(party.agreement.signed_on)
    after_merger = synthetic_reports().filter(period__data_to__gte=dt.date(2025, 7, 1))
    before_merger = synthetic_reports().filter(period__data_to__lt=dt.date(2025, 7, 1))
    assert after_merger.exists() and before_merger.exists()
    assert not after_merger.filter(reporting_unit__valid_until__isnull=False).exists()
    assert not before_merger.filter(reporting_unit__valid_until__isnull=True).exists()


def test_reports_are_those_the_portal_expects_some_missing(units):
    """Every synthetic report is one that ``reports.queries.expectations.completeness`` expects (the
    committing unit, else the lead agency's, else every party, as of the period), and
    some expected reports are missing."""
    generate()

    agreements = synthetic_data.synthetic_agreements()
    missing = 0
    for period in ReportingPeriod.objects.filter(year__in=[2021, 2025, 2026]):
        rows = completeness(period, agreements, today=synthetic_data.AS_OF).rows
        expected = {(row.commitment.pk, row.unit.pk) for row in rows}
        written = set(
            synthetic_reports()
            .filter(period=period)
            .exclude(commitment__stage=Stage.CANCELLED)
            .values_list("commitment_id", "reporting_unit_id")
        )
        assert written <= expected, period
        missing += len(expected - written)
    assert missing > 0


def test_past_periods_are_approved_and_the_last_ones_are_in_progress(units):
    generate()

    reports = synthetic_reports()
    past = reports.filter(period__year__lte=2024)
    assert past.filter(status=ReportStatus.APPROVED).count() / past.count() > 0.97
    latest = reports.filter(period__year=2026, period__half=2)
    assert latest.filter(status=ReportStatus.DRAFT).exists()
    assert set(reports.filter(period__year=2026).values_list("status", flat=True)) >= {
        ReportStatus.DRAFT,
        ReportStatus.SUBMITTED,
        ReportStatus.APPROVED,
    }
    late = [
        r
        for r in past.select_related("period")
        if timezone.localdate(r.submitted_first) > r.period.department_due
    ]
    assert 0.1 <= len(late) / past.count() <= 0.4
    assert not reports.filter(submitted_at__date__gt=synthetic_data.AS_OF).exists()
    assert not reports.filter(reviewed_at__date__gt=synthetic_data.AS_OF).exists()


def test_commitments_mix_formal_only_under_specified_and_carried_over(units):
    generate("--scale", "0.01")  # enough renewals to carry something over

    commitments = Commitment.objects.filter(agreement__in=synthetic_data.synthetic_agreements())
    total = commitments.count()
    below = commitments.filter(stage__in=[Stage.PROPOSED, Stage.STUDYING, Stage.STARTED])
    assert 0.3 <= below.count() / total <= 0.8
    assert commitments.filter(stage=Stage.COMPLETED).exists()
    assert commitments.filter(stage=Stage.STALLED).exists()
    assert 0.1 <= commitments.filter(lead_agency=None).count() / total <= 0.3
    assert 0.4 <= commitments.filter(committing_unit=None).count() / total <= 0.6
    assert commitments.filter(indicators=None).exists()
    assert commitments.filter(indicators__target=None).exists()
    assert commitments.filter(carried_over_from__isnull=False).exists()
    agreements = synthetic_data.synthetic_agreements()
    assert agreements.filter(predecessor__isnull=False).exists()
    assert agreements.exclude(status_override="").filter(status_changed_on__isnull=False).exists()


def test_a_sample_of_every_table_passes_full_clean(units):
    generate()

    agreements = synthetic_data.synthetic_agreements()
    commitments = Commitment.objects.filter(agreement__in=agreements)
    samples = [
        *every_nth(synthetic_reports(), 50),
        *every_nth(commitments, 20),
        *every_nth(commitments.filter(carried_over_from__isnull=False), 5),
        *every_nth(agreements, 10),
        *every_nth(AgreementParty.objects.filter(agreement__in=agreements), 10),
        *every_nth(Indicator.objects.filter(commitment__in=commitments), 10),
        *every_nth(IndicatorValue.objects.filter(report__in=synthetic_reports()), 10),
        *every_nth(Agency.objects.filter(email__endswith="@synthetic.invalid"), 10),
    ]
    assert len(samples) >= 100
    for row in samples:
        row.full_clean()


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(units):
    generate("--seed", "7")
    first = content_digest()
    agencies = Agency.objects.count()

    generate("--seed", "7", "--replace", "--yes")
    assert content_digest() == first
    assert Agency.objects.count() == agencies  # the synthetic ones replaced, not added

    generate("--seed", "8", "--replace", "--yes")
    assert content_digest() != first


def test_replace_keeps_everything_that_is_not_synthetic(units):
    own = bilateral("can-tho-truoc-2025", "hau-giang-truoc-2025", title="Cần Thơ - Hậu Giang")
    generate("--yes")
    generate("--replace", "--yes")

    assert Agreement.objects.filter(pk=own.pk).exists()
    assert Agreement.objects.count() == 11


def test_it_asks_before_mixing_with_real_agreements(units):
    bilateral("can-tho-truoc-2025", "hau-giang-truoc-2025", title="Cần Thơ - Hậu Giang")
    with pytest.raises(CommandError, match="1 real ones"):
        generate()  # pytest's standard input is not a terminal
    assert not synthetic_data.synthetic_agreements().exists()


def test_it_refuses_a_second_run_without_replace(units):
    generate()
    with pytest.raises(CommandError, match="--replace"):
        generate()


def test_it_asks_before_replacing_and_refuses_without_a_terminal(units):
    generate()
    with pytest.raises(CommandError, match="--yes"):
        generate("--replace")  # pytest's standard input is not a terminal
    assert synthetic_data.synthetic_agreements().count() == 10


def test_it_says_to_load_the_units_first(db):
    with pytest.raises(CommandError, match="load_units"):
        generate()
    assert not Agreement.objects.exists()


def test_a_dry_run_writes_nothing(units):
    generate("--dry-run")
    assert not synthetic_data.synthetic_agreements().exists()
    assert not ProgressReport.objects.exists()


def test_the_query_log_is_off_while_generating_and_back_after(units, settings):
    settings.DEBUG = True  # DEBUG keeps every query's SQL: megabytes per INSERT
    reset_queries()
    generate("--dry-run")
    assert len(connection.queries) < 20  # the command's own checks, not ~100 INSERTs
    assert settings.DEBUG is True
