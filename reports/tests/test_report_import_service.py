"""``import_reports`` called directly, with rows as plain dataclasses: no file.

Uses the shared ``world``: the reporter of Hậu Giang's transport department reports on
``world.road`` (Cần Thơ - Hậu Giang) for Hậu Giang; ``world.our_report`` is their draft
for 2024-H1. Rows here are for 2024-H2 unless a test says otherwise.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from agreements.models import Stage
from agreements.tests.factories import CommitmentFactory
from portal.lib.row_import import NEW, SKIP, UPDATE
from reports.models import ProgressReport, ReportStatus
from reports.services.report_imports import ReportRow, import_reports
from reports.tests.factories import period

pytestmark = pytest.mark.django_db


def a_row(world, number=2, **changes) -> ReportRow:
    values = {
        "commitment": world.road,
        "period": period(2024, 2),
        "reporting_unit": world.units["hau-giang-truoc-2025"],
        "stage": Stage.IMPLEMENTING,
        "percent": Decimal("45.5"),
        "achievements": "Đã khởi công 3 km",
    }
    values.update(changes)
    return ReportRow(row=number, **values)


def second_half():
    return ProgressReport.objects.filter(period__year=2024, period__half=2)


def test_a_dry_run_reports_what_it_would_do_and_writes_nothing(world):
    result = import_reports([a_row(world)], user=world.reporter, dry_run=True)
    assert result.ok and [o.action for o in result.outcomes] == [NEW]
    assert not second_half().exists()


def test_a_real_run_creates_a_draft_written_by_the_importer(world):
    result = import_reports([a_row(world)], user=world.reporter, dry_run=False, file_name="b.csv")
    assert result.written
    report = second_half().get()
    assert (report.status, report.created_by, report.percent) == (
        ReportStatus.DRAFT,
        world.reporter,
        Decimal("45.5"),
    )
    assert report.history.get().history_change_reason == "Nhập từ bảng tính b.csv"


def test_importing_the_same_rows_again_skips_them_and_changes_nothing(world):
    import_reports([a_row(world)], user=world.reporter, dry_run=False)
    before = list(second_half().values_list("pk", "version", "updated_at"))
    result = import_reports([a_row(world)], user=world.reporter, dry_run=False)
    assert [o.action for o in result.outcomes] == [SKIP]
    assert list(second_half().values_list("pk", "version", "updated_at")) == before


def test_a_draft_gets_new_content_keeps_its_status_and_moves_its_version_on(world):
    row = a_row(world, period=world.period, achievements="Xong nền đường")
    result = import_reports([row], user=world.reporter, dry_run=False)
    assert [o.action for o in result.outcomes] == [UPDATE]
    world.our_report.refresh_from_db()
    assert (world.our_report.status, world.our_report.achievements) == (
        ReportStatus.DRAFT,
        "Xong nền đường",
    )
    assert world.our_report.version == 2


def test_a_submitted_report_is_refused_for_the_whole_row_and_nothing_is_written(world):
    ProgressReport.objects.filter(pk=world.our_report.pk).update(
        status=ReportStatus.SUBMITTED, submitted_at=timezone.now()
    )
    rows = [a_row(world), a_row(world, number=3, period=world.period, achievements="Khác")]
    result = import_reports(rows, user=world.reporter, dry_run=False)
    assert [(e.row, e.field) for e in result.errors] == [(3, "")]
    assert result.errors[0].message.startswith("Báo cáo này đang ở trạng thái")
    assert not second_half().exists()


def another_unit(world):
    return {"reporting_unit": world.units["can-tho-truoc-2025"]}


def another_agencys_commitment(world):
    return {"commitment": CommitmentFactory(agreement=world.ours, title="Khu công nghiệp")}


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        (lambda w: {"stage": None, "period": w.period}, "stage", "trường này"),
        (lambda w: {"achievements": "Khác"}, "reporting_unit", "Trùng với dòng 2 (cùng Nội"),
        (another_unit, "reporting_unit", "thay cho"),
        (another_agencys_commitment, "commitment", "không được báo cáo về"),
    ],
    ids=["no stage", "twice in the rows", "another unit", "another agency's commitment"],
)
def test_each_kind_of_bad_row_is_reported_with_its_row_and_field_and_nothing_is_written(
    world, changes, field, reason
):
    rows = [a_row(world), a_row(world, number=3, **changes(world))]
    result = import_reports(rows, user=world.reporter, dry_run=False)
    assert [(e.row, e.field) for e in result.errors] == [(3, field)], result.errors
    assert reason.lower() in result.errors[0].message.lower()
    assert not ProgressReport.objects.exclude(
        pk__in=[world.our_report.pk, world.their_report.pk]
    ).exists()


def test_a_closed_period_refuses_a_reporter_but_not_planning_staff(world):
    closed = period(2024, 2)
    closed.closed_at, closed.close_note = timezone.now(), "Hết hạn"
    closed.save()
    refused = import_reports([a_row(world)], user=world.reporter, dry_run=False)
    assert [(e.row, e.field) for e in refused.errors] == [(2, "period")]
    assert not second_half().exists()
    assert import_reports([a_row(world)], user=world.planner, dry_run=False).written
    assert second_half().count() == 1


def test_an_unchanged_row_is_refused_when_the_user_may_not_even_see_the_report(world):
    report = world.their_report
    row = ReportRow(
        row=2,
        commitment=report.commitment,
        period=report.period,
        reporting_unit=report.reporting_unit,
        columns=frozenset({"commitment", "period", "reporting_unit"}),
    )
    result = import_reports([row], user=world.reporter, dry_run=False)
    assert [(e.row, e.field, e.message) for e in result.errors] == [
        (2, "", "Bạn không có quyền với báo cáo này.")
    ]


def test_a_viewer_is_refused_and_nothing_is_written(world):
    result = import_reports([a_row(world)], user=world.viewer, dry_run=False)
    assert result.errors and not result.written
    assert not second_half().exists()


def test_nobody_signed_in_may_import(world):
    with pytest.raises(PermissionDenied):
        import_reports([a_row(world)], user=AnonymousUser(), dry_run=True)
