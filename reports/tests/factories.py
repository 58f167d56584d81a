import factory
from django.utils import timezone

from agreements.tests.factories import CommitmentFactory, unit
from reports.models import ProgressReport, ReportingPeriod, ReviewMeeting


def period(year: int = 2023, half: int = 1) -> ReportingPeriod:
    return ReportingPeriod.objects.get_or_open(year=year, half=half)[0]


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    commitment = factory.SubFactory(CommitmentFactory)
    period = factory.LazyFunction(period)
    reporting_unit = factory.LazyFunction(lambda: unit("can-tho-truoc-2025"))
    stage = "started"


class ReviewMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewMeeting

    title = "Hội nghị sơ kết"
    held_on = factory.LazyFunction(lambda: timezone.localdate())
    host_unit = factory.LazyFunction(lambda: unit("can-tho-truoc-2025"))


def report_form(report, **changes):
    data = {
        "commitment": report.commitment_id,
        "period": report.period_id,
        "reporting_unit": report.reporting_unit_id,
        "stage": "implementing",
        "percent": "40,5",
        "achievements": "Đã thi công 3 km",
        "seen_version": report.version,
        "values-TOTAL_FORMS": 0,
        "values-INITIAL_FORMS": 0,
    }
    return data | changes
