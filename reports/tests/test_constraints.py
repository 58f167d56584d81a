"""Each rule of the reports models, tried and refused."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from agreements.tests.factories import CommitmentFactory, IndicatorFactory, bilateral, unit
from reports.models import IndicatorValue, ReportingPeriod
from reports.tests.factories import ProgressReportFactory, ReviewMeetingFactory, period

pytestmark = pytest.mark.django_db


def refused_by_database(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_a_new_period_gets_the_decree_09_cut_off_window(db):
    first = period(2024, 1)
    second = period(2024, 2)
    assert (first.data_from, first.data_to) == (dt.date(2023, 12, 15), dt.date(2024, 6, 14))
    assert (second.data_from, second.data_to) == (dt.date(2024, 6, 15), dt.date(2024, 12, 14))
    # 16/06/2024 is a Sunday: the default deadline moves to Monday 17/06.
    assert (first.department_due, first.consolidated_due) == (
        dt.date(2024, 6, 17),
        dt.date(2024, 6, 20),
    )


def test_the_calendar_defaults_come_from_settings(db, settings):
    settings.REPORTING_CALENDAR = {
        "cutoff_day": 14,
        "department_due_day": 18,
        "consolidated_due_day": 25,
        "first_year": 2016,
    }
    assert period(2031, 2).department_due == dt.date(2031, 12, 18)  # a Thursday


def test_one_period_per_year_and_half(db):
    period(2024, 1)
    refused_by_database(
        lambda: ReportingPeriod.objects.create(
            year=2024,
            half=1,
            data_from=dt.date(2024, 1, 1),
            data_to=dt.date(2024, 6, 30),
            department_due=dt.date(2024, 7, 5),
            consolidated_due=dt.date(2024, 7, 10),
        )
    )


@pytest.mark.parametrize(
    "change",
    [
        {"half": 3},
        {"year": 1900},
        {"data_to": dt.date(2023, 1, 1)},
        {"department_due": dt.date(2024, 6, 14)},  # on the cut-off day: no working day left
        {"consolidated_due": dt.date(2024, 6, 15)},  # before the departments' deadline
        {"closed_at": timezone.now(), "close_note": ""},
    ],
)
def test_a_period_refuses_an_impossible_calendar(db, change):
    p = period(2024, 1)
    for name, value in change.items():
        setattr(p, name, value)
    refused_by_database(p.save)


def make_report(units, **kw):
    agreement = bilateral()
    commitment = CommitmentFactory(agreement=agreement)
    return ProgressReportFactory(commitment=commitment, **kw)


def test_one_report_per_commitment_period_and_party(units):
    report = make_report(units)
    refused_by_database(
        lambda: ProgressReportFactory(
            commitment=report.commitment, period=report.period, reporting_unit=report.reporting_unit
        )
    )


def test_the_other_party_may_report_on_the_same_commitment(units):
    report = make_report(units)
    ProgressReportFactory(
        commitment=report.commitment,
        period=report.period,
        reporting_unit=unit("hau-giang-truoc-2025"),
    )


@pytest.mark.parametrize("percent", [-1, 100.5, 250])
def test_percent_stays_between_0_and_100(units, percent):
    refused_by_database(lambda: make_report(units, percent=percent))


def test_a_returned_report_needs_a_reason(units):
    refused_by_database(
        lambda: make_report(units, status="returned", submitted_at=timezone.now(), return_reason="")
    )


def test_an_approved_report_needs_its_review_time(units):
    refused_by_database(lambda: make_report(units, status="approved", submitted_at=timezone.now()))


def test_a_submitted_report_needs_its_submit_time(units):
    refused_by_database(lambda: make_report(units, status="submitted"))


def test_status_and_stage_must_be_known(units):
    refused_by_database(lambda: make_report(units, status="lost"))
    refused_by_database(lambda: make_report(units, stage="dreaming"))


def test_the_reporting_unit_must_be_a_party(units):
    report = make_report(units)
    report.reporting_unit = unit("ca-mau-truoc-2025")
    with pytest.raises(ValidationError) as caught:
        report.full_clean()
    assert "reporting_unit" in caught.value.message_dict


def test_the_period_must_overlap_the_agreement_term(units):
    report = make_report(units)
    report.period = period(2019, 1)
    with pytest.raises(ValidationError) as caught:
        report.full_clean()
    assert "period" in caught.value.message_dict


def test_an_indicator_value_once_per_report(units):
    report = make_report(units)
    indicator = IndicatorFactory(commitment=report.commitment)
    IndicatorValue.objects.create(report=report, indicator=indicator, value=10)
    refused_by_database(
        lambda: IndicatorValue.objects.create(report=report, indicator=indicator, value=11)
    )


def test_an_indicator_value_must_belong_to_the_reports_commitment(units):
    report = make_report(units)
    stranger = IndicatorFactory()
    with pytest.raises(ValidationError) as caught:
        IndicatorValue(report=report, indicator=stranger, value=1).full_clean()
    assert "indicator" in caught.value.message_dict


def test_one_review_meeting_per_agreement_and_day(units):
    agreement = bilateral()
    ReviewMeetingFactory(agreement=agreement, held_on=dt.date(2024, 11, 29))
    refused_by_database(
        lambda: ReviewMeetingFactory(agreement=agreement, held_on=dt.date(2024, 11, 29))
    )
