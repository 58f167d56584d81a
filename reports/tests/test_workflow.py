"""The report state machine: every allowed move, every refused one, and the stamps."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from agreements.access import actor_for
from reports.models import ProgressReport
from reports.services import periods, workflow

pytestmark = pytest.mark.django_db


def fresh(report):
    return ProgressReport.objects.get(pk=report.pk)


def test_a_reporter_submits_a_draft_and_it_is_stamped(world):
    report = workflow.submit(report=world.our_report, actor=actor_for(world.reporter))
    assert report.status == "submitted"
    assert report.submitted_by == world.reporter
    assert report.submitted_at is not None
    assert fresh(report).version == world.our_report.version + 1


def test_planning_staff_approve_a_submitted_report(world):
    workflow.submit(report=world.our_report, actor=actor_for(world.reporter))
    report = workflow.approve(report=world.our_report, actor=actor_for(world.planner))
    assert (report.status, report.reviewed_by) == ("approved", world.planner)
    assert report.reviewed_at is not None


def test_a_return_needs_a_reason_and_the_reporter_sees_it(world):
    workflow.submit(report=world.our_report, actor=actor_for(world.reporter))
    with pytest.raises(ValidationError):
        workflow.return_for_revision(
            report=world.our_report, actor=actor_for(world.planner), reason="  "
        )
    assert fresh(world.our_report).status == "submitted"
    workflow.return_for_revision(
        report=world.our_report, actor=actor_for(world.planner), reason="Thiếu số liệu km"
    )
    report = fresh(world.our_report)
    assert (report.status, report.return_reason) == ("returned", "Thiếu số liệu km")


def test_a_returned_report_can_be_submitted_again(world):
    workflow.submit(report=world.our_report, actor=actor_for(world.reporter))
    workflow.return_for_revision(
        report=world.our_report, actor=actor_for(world.planner), reason="Bổ sung"
    )
    assert (
        workflow.submit(report=world.our_report, actor=actor_for(world.reporter)).status
        == "submitted"
    )


@pytest.mark.parametrize("move", ["approve", "return"])
def test_a_draft_cannot_be_approved_or_returned(world, move):
    with pytest.raises(ValidationError):
        if move == "approve":
            workflow.approve(report=world.our_report, actor=actor_for(world.planner))
        else:
            workflow.return_for_revision(
                report=world.our_report, actor=actor_for(world.planner), reason="x"
            )
    assert fresh(world.our_report).status == "draft"


def test_an_approved_report_cannot_move_or_be_edited(world):
    workflow.submit(report=world.our_report, actor=actor_for(world.reporter))
    workflow.approve(report=world.our_report, actor=actor_for(world.planner))
    report = fresh(world.our_report)
    for move in (workflow.submit, workflow.approve):
        with pytest.raises(ValidationError):
            move(report=report, actor=actor_for(world.admin))
    assert not workflow.can_write(actor_for(world.admin), report)
    assert not workflow.can_write(actor_for(world.reporter), report)


def test_a_reporter_cannot_approve_even_their_own_report(world):
    workflow.submit(report=world.our_report, actor=actor_for(world.reporter))
    with pytest.raises(PermissionDenied):
        workflow.approve(report=world.our_report, actor=actor_for(world.reporter))
    assert fresh(world.our_report).status == "submitted"


def test_planning_staff_of_another_unit_cannot_approve(world):
    workflow.submit(report=world.our_report, actor=actor_for(world.reporter))
    with pytest.raises(PermissionDenied):
        workflow.approve(report=world.our_report, actor=actor_for(world.outsider))


def test_a_reporter_cannot_submit_another_agencys_report(world):
    with pytest.raises(PermissionDenied):
        workflow.submit(report=world.their_report, actor=actor_for(world.reporter))


def test_a_viewer_can_do_nothing(world):
    with pytest.raises(PermissionDenied):
        workflow.submit(report=world.our_report, actor=actor_for(world.viewer))


def test_a_closed_period_refuses_the_reporter_but_not_planning_staff(world):
    periods.close(period=world.period, actor=actor_for(world.admin), reason="Hết hạn nộp")
    report = fresh(world.our_report)
    assert not workflow.can_write(actor_for(world.reporter), report)
    with pytest.raises(PermissionDenied):
        workflow.submit(report=report, actor=actor_for(world.reporter))
    assert workflow.submit(report=report, actor=actor_for(world.planner)).status == "submitted"


def test_only_administrators_close_and_reopen_the_national_periods(world):
    # Periods are national until per-unit calendars (issue 10): one unit's planning
    # staff closing one would lock every unit's reporters out.
    for refused in (world.reporter, world.planner, world.viewer):
        with pytest.raises(PermissionDenied):
            periods.close(period=world.period, actor=actor_for(refused), reason="x")
    closed = periods.close(period=world.period, actor=actor_for(world.admin), reason="Hết hạn")
    assert (closed.closed_by, closed.close_note) == (world.admin, "Hết hạn")
    with pytest.raises(ValidationError):
        periods.close(period=closed, actor=actor_for(world.admin), reason="lần hai")
    with pytest.raises(PermissionDenied):
        periods.reopen(period=closed, actor=actor_for(world.planner))
    assert periods.reopen(period=closed, actor=actor_for(world.admin)).is_closed is False


def test_closing_needs_a_reason(world):
    with pytest.raises(ValidationError):
        periods.close(period=world.period, actor=actor_for(world.admin), reason="")


def test_every_transition_is_in_the_history(world):
    workflow.submit(report=world.our_report, actor=actor_for(world.reporter))
    workflow.approve(report=world.our_report, actor=actor_for(world.planner))
    records = list(fresh(world.our_report).history.order_by("history_date"))
    assert [r.status for r in records] == ["draft", "submitted", "approved"]
    assert [r.history_user for r in records[1:]] == [world.reporter, world.planner]
