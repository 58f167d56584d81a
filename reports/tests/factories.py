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
