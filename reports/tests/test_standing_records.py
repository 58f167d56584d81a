"""The standing records stay equal to a full rebuild, whatever happens in between.

A property-based test (hypothesis) runs random sequences of workflow steps (draft,
submit, return, approve, delete a draft, indicator values) and edits (a commitment's
start, lead agency, stage, committing unit; an agreement's term or termination; an
indicator; a period's deadline; a review conclusion that adds a commitment) and asserts
after every sequence that the stored records are exactly what ``rebuild_standing``
would write. Then the rules themselves, one example each.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from hypothesis import given
from hypothesis import strategies as st

from agreements.access import actor_for
from agreements.models import Indicator
from agreements.tests.factories import CommitmentFactory, IndicatorFactory
from reports.models import (
    CommitmentStanding,
    IndicatorValue,
    ProgressReport,
    ReportingPeriod,
    ReviewConclusion,
    ReviewMeeting,
    UnitCalendar,
    period_seq,
)
from reports.services import standing_store, workflow
from reports.tests.factories import ProgressReportFactory, period

pytestmark = pytest.mark.django_db

PERIODS = [(2023, 1), (2023, 2), (2024, 1), (2024, 2), (2025, 1)]
STAGES = ["proposed", "studying", "started", "implementing", "completed", "stalled", "cancelled"]


def second_admin(django_user_model):
    from agreements.roles import assign_role

    user, created = django_user_model.objects.get_or_create(username="quantri.hai")
    if created:
        assign_role(user=user, role="administrator")
    return user


class Run:
    """The world and the steps a random sequence can take on it."""

    def __init__(self, world, django_user_model):
        self.w = world
        self.submitter = actor_for(world.admin)
        self.reviewer = actor_for(second_admin(django_user_model))
        self.commitments = [world.road, world.bridge]
        extra = CommitmentFactory(agreement=world.ours, title="Cảng cá", lead_agency=None)
        self.commitments.append(extra)
        self.units = {
            world.ours.pk: [world.units["can-tho-truoc-2025"], world.units["hau-giang-truoc-2025"]],
            world.theirs.pk: [world.units["ca-mau-truoc-2025"], world.units["bac-lieu-truoc-2025"]],
        }

    def _commitment(self, i):
        c = self.commitments[i % len(self.commitments)]
        c.refresh_from_db()
        return c

    def _report(self, i):
        reports = list(ProgressReport.objects.order_by("pk"))
        return reports[i % len(reports)] if reports else None

    def draft(self, i, j, k, stage):
        c = self._commitment(i)
        year, half = PERIODS[j % len(PERIODS)]
        unit = self.units[c.agreement_id][k % 2]
        ProgressReportFactory(
            commitment=c, period=period(year, half), reporting_unit=unit, stage=stage
        )

    def submit(self, i):
        if report := self._report(i):
            workflow.submit(report=report, actor=self.submitter, seen_version=report.version)

    def approve(self, i):
        if report := self._report(i):
            workflow.approve(report=report, actor=self.reviewer, seen_version=report.version)

    def send_back(self, i):
        if report := self._report(i):
            workflow.return_for_revision(
                report=report,
                actor=self.reviewer,
                reason="Thiếu số liệu",
                seen_version=report.version,
            )

    def delete_draft(self, i):
        if (report := self._report(i)) and report.status == "draft":
            report.delete()

    def value(self, i, amount):
        report = self._report(i)
        if report is None:
            return
        indicator = Indicator.objects.filter(commitment_id=report.commitment_id).first()
        if indicator is None:
            indicator = IndicatorFactory(commitment=report.commitment, target=100)
        IndicatorValue.objects.update_or_create(
            report=report, indicator=indicator, defaults={"value": amount}
        )

    def start_on(self, i, months):
        c = self._commitment(i)
        c.start_on = dt.date(2023, 1, 1) + dt.timedelta(days=30 * months)
        c.due_on = None
        c.save()

    def lead(self, i):
        c = self._commitment(i)
        c.lead_agency = None if c.lead_agency_id else self.w.transport
        if c.lead_agency and c.lead_agency.unit_id not in [
            u.pk for u in self.units[c.agreement_id]
        ]:
            c.lead_agency = None
        c.save()

    def staff_stage(self, i, stage):
        c = self._commitment(i)
        c.stage = stage
        c.save()

    def committing(self, i, k):
        c = self._commitment(i)
        c.committing_unit = None if k == 2 else self.units[c.agreement_id][k % 2]
        c.save()

    def term_end(self, i, months):
        agreement = self._commitment(i).agreement
        agreement.term_end = dt.date(2023, 6, 30) + dt.timedelta(days=30 * months)
        agreement.save()

    def terminate(self, i, months):
        agreement = self._commitment(i).agreement
        agreement.status_override = "terminated"
        agreement.status_changed_on = dt.date(2023, 3, 1) + dt.timedelta(days=30 * months)
        agreement.save()

    def indicator(self, i, with_target):
        IndicatorFactory(commitment=self._commitment(i), target=100 if with_target else None)

    def deadline(self, j, days):
        year, half = PERIODS[j % len(PERIODS)]
        p = period(year, half)
        p.department_due = p.data_to + dt.timedelta(days=1 + days)
        p.consolidated_due = p.department_due + dt.timedelta(days=5)
        p.save()

    def unit_deadline(self, j, days):
        """A current unit's own deadline (Cần Thơ or Cà Mau: each carries merged units)."""
        year, half = PERIODS[j % len(PERIODS)]
        unit = self.w.units["can-tho" if j % 2 else "ca-mau"]
        p = period(year, half)
        calendar, _ = UnitCalendar.objects.get_or_create(period=p, unit=unit)
        if days == 20:
            calendar.delete()
            return
        calendar.department_due = p.data_to + dt.timedelta(days=1 + days)
        calendar.save()

    def conclusion(self, i, months):
        c = self._commitment(i)
        held_on = dt.date(2023, 3, 1) + dt.timedelta(days=30 * months)
        meeting, _ = ReviewMeeting.objects.get_or_create(
            agreement=c.agreement,
            held_on=held_on,
            defaults={"host_unit": self.units[c.agreement_id][0], "title": "Hội nghị sơ kết"},
        )
        conclusion = ReviewConclusion.objects.create(
            meeting=meeting,
            number=ReviewConclusion.objects.filter(meeting=meeting).count() + 1,
            text="Bổ sung nội dung",
            action="create",
        )
        conclusion.commitments.add(c)


idx = st.integers(0, 5)
STEPS = st.one_of(
    st.tuples(st.just("draft"), idx, idx, idx, st.sampled_from(STAGES)),
    st.tuples(st.just("submit"), idx),
    st.tuples(st.just("approve"), idx),
    st.tuples(st.just("send_back"), idx),
    st.tuples(st.just("delete_draft"), idx),
    st.tuples(st.just("value"), idx, st.integers(0, 500)),
    st.tuples(st.just("start_on"), idx, st.integers(0, 30)),
    st.tuples(st.just("lead"), idx),
    st.tuples(st.just("staff_stage"), idx, st.sampled_from(STAGES)),
    st.tuples(st.just("committing"), idx, st.integers(0, 2)),
    st.tuples(st.just("term_end"), idx, st.integers(0, 36)),
    st.tuples(st.just("terminate"), idx, st.integers(0, 30)),
    st.tuples(st.just("indicator"), idx, st.booleans()),
    st.tuples(st.just("deadline"), idx, st.integers(0, 20)),
    st.tuples(st.just("conclusion"), idx, st.integers(0, 30)),
    st.tuples(st.just("unit_deadline"), idx, st.integers(0, 20)),
)
REFUSED = (ValidationError, PermissionDenied, IntegrityError, workflow.TransitionRefused)


@given(steps=st.lists(STEPS, min_size=1, max_size=14))
def test_stored_records_equal_a_full_rebuild_after_any_sequence(world, django_user_model, steps):
    with transaction.atomic():
        run = Run(world, django_user_model)
        taken = 0
        for name, *args in steps:
            try:
                with transaction.atomic():
                    getattr(run, name)(*args)
                    taken += 1
            except REFUSED:
                pass  # a refused step changes nothing (its savepoint is rolled back)
        assert standing_store.differences() == [], steps
        transaction.set_rollback(True)
    print(f"[fuzz] standing: {len(steps)} steps, {taken} taken")


# --- the rules, one example each ------------------------------------------------------------


def combined(commitment, year, half):
    return CommitmentStanding.objects.get(
        commitment=commitment, unit__isnull=True, seq=period_seq(year, half)
    )


def approve(world, report, django_user_model, **fields):
    for name, value in fields.items():
        setattr(report, name, value)
    report.save()
    workflow.submit(report=report, actor=actor_for(world.admin))
    return workflow.approve(report=report, actor=actor_for(second_admin(django_user_model)))


def test_rebuild_standing_is_idempotent_and_checkable(world):
    first = sorted(map(standing_store.as_tuple, CommitmentStanding.objects.all()), key=repr)
    call_command("rebuild_standing", verbosity=0)
    call_command("rebuild_standing", verbosity=0)
    again = sorted(map(standing_store.as_tuple, CommitmentStanding.objects.all()), key=repr)
    assert first == again and first
    call_command("rebuild_standing", "--check", verbosity=0)
    CommitmentStanding.objects.filter(unit__isnull=True).update(category="completed")
    with pytest.raises(Exception, match="differ"):
        call_command("rebuild_standing", "--check", verbosity=0)


def test_a_past_period_does_not_change_with_a_later_approval(world, django_user_model):
    approve(world, world.our_report, django_user_model, stage="started")  # 2024-H1
    before = combined(world.road, 2024, 1)
    later = ProgressReportFactory(
        commitment=world.road,
        period=period(2025, 1),
        reporting_unit=world.units["hau-giang-truoc-2025"],
    )
    approve(world, later, django_user_model, stage="completed")
    after = combined(world.road, 2024, 1)
    assert standing_store.as_tuple(before) == standing_store.as_tuple(after)
    assert before.stage == "started"
    assert combined(world.road, 2025, 1).stage == "completed"


def test_silence_for_two_periods_makes_a_standing_not_reported(world, django_user_model):
    approve(world, world.our_report, django_user_model, stage="implementing")  # 2024-H1
    assert combined(world.road, 2024, 2).category == "implementing"  # one period on
    stale = combined(world.road, 2025, 1)
    assert stale.category == "not_reported" and stale.periods_since_report == 2
    assert stale.stage == "implementing"  # the last known stage is kept


def test_a_completed_commitment_stays_completed_and_is_no_longer_owed(world, django_user_model):
    approve(world, world.our_report, django_user_model, stage="completed")
    later = CommitmentStanding.objects.filter(
        commitment=world.road, unit__isnull=False, seq__gt=period_seq(2024, 1)
    )
    assert later.exists()
    assert not later.filter(expected=True).exists()
    assert {row.category for row in later} == {"completed"}


def test_formal_only_counts_from_the_commitments_own_start(world, django_user_model):
    world.road.start_on = dt.date(2024, 1, 10)  # 2024-H1 is its first period
    world.road.save()
    approve(world, world.our_report, django_user_model, stage="studying")
    assert combined(world.road, 2024, 1).periods_in_force == 1
    assert combined(world.road, 2024, 1).category == "studying"
    assert combined(world.road, 2024, 2).category == "formal_only"
    assert not CommitmentStanding.objects.filter(
        commitment=world.road, seq__lt=period_seq(2024, 1)
    ).exists()


def test_formal_only_counts_periods_without_their_rows(world, django_user_model):
    ReportingPeriod.objects.filter(year=2023).delete()  # a database from before 2023 rows
    approve(world, world.our_report, django_user_model, stage="proposed")
    row = combined(world.road, 2024, 1)
    assert row.periods_in_force > 2 and row.category == "formal_only"


def test_the_least_advanced_party_decides_and_each_party_keeps_its_line(world, django_user_model):
    joint = CommitmentFactory(agreement=world.ours, title="Chung", lead_agency=None)
    can_tho, hau_giang = world.units["can-tho-truoc-2025"], world.units["hau-giang-truoc-2025"]
    for unit, stage in ((can_tho, "implementing"), (hau_giang, "proposed")):
        report = ProgressReportFactory(commitment=joint, period=world.period, reporting_unit=unit)
        approve(world, report, django_user_model, stage=stage)
    row = combined(joint, 2024, 1)
    assert row.stage == "proposed" and row.source_report.reporting_unit == hau_giang
    lines = CommitmentStanding.objects.filter(commitment=joint, seq=row.seq, unit__isnull=False)
    assert {line.unit_id: line.stage for line in lines} == {
        can_tho.pk: "implementing",
        hau_giang.pk: "proposed",
    }


def test_after_the_merger_one_unit_owes_one_report(world):
    world.ours.term_end = dt.date(2025, 12, 31)
    world.ours.save()
    joint = CommitmentFactory(agreement=world.ours, title="Chung", lead_agency=None)
    owed = CommitmentStanding.objects.filter(
        commitment=joint, seq=period_seq(2025, 2), unit__isnull=False, expected=True
    )
    assert [row.unit.key for row in owed] == ["can-tho"]  # both old parties are now Cần Thơ
    before = CommitmentStanding.objects.filter(
        commitment=joint, seq=period_seq(2025, 1), unit__isnull=False, expected=True
    )
    assert sorted(row.unit.key for row in before) == ["can-tho-truoc-2025", "hau-giang-truoc-2025"]


def test_a_report_is_late_by_its_first_submission(world, django_user_model):
    from django.utils import timezone

    from reports.queries.expectations import is_late

    report = world.our_report
    workflow.submit(report=report, actor=actor_for(world.reporter))
    first = timezone.make_aware(dt.datetime(2024, 6, 15, 9))  # before the 16/06 deadline
    ProgressReport.objects.filter(pk=report.pk).update(submitted_at=first, first_submitted_at=first)
    report.refresh_from_db()
    workflow.return_for_revision(report=report, actor=actor_for(world.planner), reason="Thiếu")
    report.refresh_from_db()
    workflow.submit(report=report, actor=actor_for(world.reporter))  # resubmitted today
    report.refresh_from_db()
    assert report.first_submitted_at == first and report.submitted_at > first
    assert not is_late(report, world.period, dt.date(2026, 1, 1))
    row = CommitmentStanding.objects.get(
        commitment=world.road, seq=period_seq(2024, 1), unit=report.reporting_unit
    )
    assert row.first_submitted_on == dt.date(2024, 6, 15) and row.report_status == "submitted"


def test_a_unit_that_no_longer_exists_cannot_report_for_a_later_period(world):
    world.ours.term_end = dt.date(2025, 12, 31)
    world.ours.save()
    gone = ProgressReportFactory.build(
        commitment=world.road,
        period=period(2025, 2),
        reporting_unit=world.units["hau-giang-truoc-2025"],
        stage="started",
    )
    with pytest.raises(ValidationError) as refused:
        gone.full_clean()
    assert "không còn tồn tại vào ngày chốt số liệu 14/12/2025" in str(refused.value)
    successor = ProgressReportFactory.build(
        commitment=world.road,
        period=period(2025, 2),
        reporting_unit=world.units["can-tho"],
        stage="started",
    )
    successor.full_clean()  # the new Cần Thơ answers for Hậu Giang now


def test_a_handover_leaves_who_owed_the_past_periods_as_it_was(world):
    """After a handover the lead is the new city's department; the periods before the link
    took effect stay Hậu Giang's (its department answered then)."""
    from agreements.models import Agency, AgencySuccession

    new_transport = Agency.objects.create(
        unit=world.units["can-tho"], name="Sở Xây dựng thành phố Cần Thơ (thử)"
    )
    AgencySuccession.objects.create(
        predecessor=world.transport,
        successor=new_transport,
        effective_on=dt.date(2025, 7, 1),
        legal_basis="Nghị quyết 202/2025/QH15",
    )

    def owners():
        rows = CommitmentStanding.objects.filter(
            commitment=world.road, unit__isnull=False, expected=True
        )
        return dict(rows.values_list("seq", "unit__key"))

    before = owners()
    assert before[period_seq(2024, 1)] == "hau-giang-truoc-2025"
    world.road.refresh_from_db()
    world.road.lead_agency = new_transport  # the handover of the commitment
    world.road.full_clean()  # a successor unit's department may lead it now
    world.road.save()
    after = owners()
    assert {s: u for s, u in after.items() if s < period_seq(2025, 2)} == {
        s: u for s, u in before.items() if s < period_seq(2025, 2)
    }
    assert after[period_seq(2025, 2)] == "can-tho"
    assert standing_store.differences() == []
