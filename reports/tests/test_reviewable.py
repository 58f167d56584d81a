"""Issue 21 item 8: what a user may review, as a list and as a permission, is one rule.

``portal.permissions.reviewable_reports`` (the filter) and ``reports.review_progressreport``
(the predicate) are run over the same rows for every kind of user; they must agree.
"""

from __future__ import annotations

import itertools

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from agreements.tests.factories import CommitmentFactory
from portal.permissions import reviewable_reports
from reports.models import ProgressReport
from reports.queries import home as home_queries
from reports.tests.factories import ProgressReportFactory

pytestmark = pytest.mark.django_db

UNITS = ["can-tho-truoc-2025", "hau-giang-truoc-2025", "ca-mau-truoc-2025", "can-tho"]
STATUSES = ["draft", "submitted", "returned", "approved"]


@pytest.fixture
def rows(world):
    """Every status × reporting unit × author (nobody, the planner, the reporter)."""
    authors = [None, world.planner, world.reporter]
    made = []
    for n, (status, key, author) in enumerate(itertools.product(STATUSES, UNITS, authors)):
        made.append(
            ProgressReportFactory(
                commitment=CommitmentFactory(agreement=world.ours, title=f"Nội dung {n}"),
                period=world.period,
                reporting_unit=world.units[key],
                status=status,
                submitted_at=None if status == "draft" else timezone.now(),
                reviewed_at=timezone.now() if status == "approved" else None,
                return_reason="Thiếu số liệu" if status == "returned" else "",
                created_by=author if n % 2 else None,
                submitted_by=author if not n % 2 else None,
            )
        )
    return made


def allowed(user: User, reports) -> set[int]:
    fresh = User.objects.get(pk=user.pk)  # no actor cached from another run
    return {r.pk for r in reports if fresh.has_perm("reports.review_progressreport", r)}


def listed(user: User) -> set[int]:
    fresh = User.objects.get(pk=user.pk)
    return set(reviewable_reports(fresh).values_list("pk", flat=True))


@pytest.mark.parametrize("four_eyes", [True, False])
@pytest.mark.parametrize("who", ["admin", "planner", "reporter", "viewer", "outsider"])
def test_the_filter_and_the_permission_agree(world, rows, settings, who, four_eyes):
    settings.REPORT_FOUR_EYES = four_eyes
    user = getattr(world, who)
    reports = list(ProgressReport.objects.all())
    assert listed(user) == allowed(user, reports)


def test_the_planner_may_review_some_and_not_their_own(world, rows):
    mine = listed(world.planner)
    assert mine  # the comparison above is not between two empty sets
    own = ProgressReport.objects.filter(status="submitted", created_by=world.planner)
    assert own.exists() and not (mine & set(own.values_list("pk", flat=True)))


def test_an_inactive_user_reviews_nothing(world, rows):
    world.admin.is_active = False
    world.admin.save()
    assert listed(world.admin) == allowed(world.admin, ProgressReport.objects.all()) == set()


def test_the_home_counts_only_what_the_planner_may_review(world, rows):
    home = home_queries.home_for(world.planner)
    (review,) = [t for t in home.tallies if t.key == "review"]
    assert review.number == len(listed(world.planner))
    shown = {line.report.pk for line in home.reports}
    assert shown and shown <= listed(world.planner)


def test_the_home_count_link_lists_exactly_those_reports(client, world, rows):
    home = home_queries.home_for(world.planner)
    (review,) = [t for t in home.tallies if t.key == "review"]
    client.force_login(world.planner)
    response = client.get(review.url)
    assert {r.pk for r in response.context["cl"].result_list} == listed(world.planner)
    assert response.context["cl"].result_count == review.number
