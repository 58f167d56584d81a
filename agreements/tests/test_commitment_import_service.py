"""``import_commitments`` called directly, with rows as plain dataclasses: no file.

Uses the shared ``world``: Cần Thơ's planning officer manages ``world.ours`` (Cần Thơ -
Hậu Giang, with its commitment "Đường tỉnh 931B"), not ``world.theirs`` (Cà Mau - Bạc
Liêu).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from agreements.models import Agency, Commitment, Stage
from agreements.services import CommitmentRow, import_commitments
from agreements.tests.factories import SectorFactory
from portal.lib.row_import import NEW, SKIP, UPDATE

pytestmark = pytest.mark.django_db


@pytest.fixture
def sector(db):
    return SectorFactory(slug="giao-thong", name="Giao thông vận tải")


def a_row(world, a_sector, number=2, **changes) -> CommitmentRow:
    values = {
        "agreement": world.ours,
        "title": "Nạo vét kênh Xà No",
        "sector": a_sector,
        "number": 7,
        "description": "Dài 40 km",
        "committing_unit": world.units["hau-giang-truoc-2025"],
        "lead_agency": world.transport,
        "supporting_agencies": (),
        "start_on": dt.date(2021, 3, 1),
        "due_on": dt.date(2025, 12, 31),
        "stage": Stage.IMPLEMENTING,
    }
    values.update(changes)
    return CommitmentRow(row=number, **values)


def new_ones():
    return Commitment.objects.exclude(title__in=["Đường tỉnh 931B", "Cầu Gành Hào"])


def test_a_dry_run_reports_what_it_would_do_and_writes_nothing(world, sector):
    result = import_commitments([a_row(world, sector)], user=world.planner, dry_run=True)
    assert result.ok and [o.action for o in result.outcomes] == [NEW]
    assert not result.written
    assert not new_ones().exists()


def test_a_real_run_writes_the_commitment_its_agencies_and_who_imported_it(world, sector):
    planning = Agency.objects.create(
        unit=world.units["hau-giang-truoc-2025"], name="Sở Kế hoạch và Đầu tư"
    )
    row = a_row(world, sector, supporting_agencies=(planning,))
    result = import_commitments([row], user=world.planner, dry_run=False, file_name="x.xlsx")
    assert result.written and result.count(NEW) == 1
    commitment = new_ones().get()
    assert (commitment.number, commitment.stage) == (7, Stage.IMPLEMENTING)
    assert list(commitment.supporting_agencies.all()) == [planning]
    history = commitment.history.first()
    assert (history.history_user, history.history_change_reason) == (
        world.planner,
        "Nhập từ bảng tính x.xlsx",
    )


def test_importing_the_same_rows_again_skips_them_and_changes_nothing(world, sector):
    import_commitments([a_row(world, sector)], user=world.planner, dry_run=False)
    before = list(new_ones().values_list("pk", "version", "updated_at"))
    result = import_commitments([a_row(world, sector)], user=world.planner, dry_run=False)
    assert [o.action for o in result.outcomes] == [SKIP]
    assert list(new_ones().values_list("pk", "version", "updated_at")) == before


def test_a_changed_row_updates_the_commitment_found_by_title_ignoring_accents(world, sector):
    import_commitments([a_row(world, sector)], user=world.planner, dry_run=False)
    changed = a_row(world, sector, title="NAO VET KENH XA NO", stage=Stage.COMPLETED)
    result = import_commitments([changed], user=world.planner, dry_run=False)
    assert [o.action for o in result.outcomes] == [UPDATE]
    commitment = new_ones().get()
    assert (commitment.stage, commitment.version) == (Stage.COMPLETED, 2)


def test_an_empty_number_or_stage_keeps_the_stored_value(world, sector):
    import_commitments([a_row(world, sector)], user=world.planner, dry_run=False)
    row = a_row(world, sector, number=None, stage=None)
    result = import_commitments([row], user=world.planner, dry_run=False)
    assert [o.action for o in result.outcomes] == [SKIP]
    assert (new_ones().get().number, new_ones().get().stage) == (7, Stage.IMPLEMENTING)


def test_fields_the_row_does_not_give_are_left_as_stored(world, sector):
    road = world.road
    row = CommitmentRow(
        row=2,
        agreement=world.ours,
        title=road.title,
        stage=Stage.COMPLETED,
        columns=frozenset({"agreement", "title", "stage"}),
    )
    result = import_commitments([row], user=world.planner, dry_run=False)
    assert result.ok, result.errors
    road_now = Commitment.objects.get(pk=road.pk)
    assert (road_now.stage, road_now.description, road_now.lead_agency) == (
        Stage.COMPLETED,
        road.description,
        road.lead_agency,
    )


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"title": ""}, "title", "trường này"),
        ({"title": "nạo vét kênh xà no"}, "title", "Trùng với dòng 2"),
        ({"due_on": dt.date(2020, 1, 1)}, "", "Hạn hoàn thành phải sau ngày bắt đầu"),
        ({"sector": None}, "sector", "trường này"),
        ({"stage": "xong"}, "stage", "không phải là lựa chọn hợp lệ"),
    ],
    ids=["no title", "twice in the rows", "due before start", "no sector", "unknown stage"],
)
def test_each_kind_of_bad_row_is_reported_with_its_row_and_field_and_nothing_is_written(
    world, sector, changes, field, reason
):
    bad = {"title": "Nạo vét kênh Cái Côn", **changes}
    rows = [a_row(world, sector), a_row(world, sector, number=3, **bad)]
    result = import_commitments(rows, user=world.planner, dry_run=False)
    assert [e.row for e in result.errors] == [3], result.errors
    assert result.errors[0].field == field
    assert reason.lower() in result.errors[0].message.lower()
    assert not result.written
    assert not new_ones().exists()


def test_a_row_of_an_agreement_the_planner_does_not_manage_is_refused(world, sector):
    theirs = a_row(
        world, sector, number=3, agreement=world.theirs, committing_unit=None, lead_agency=None
    )
    rows = [a_row(world, sector), theirs]
    result = import_commitments(rows, user=world.planner, dry_run=False)
    assert [(e.row, e.field) for e in result.errors] == [(3, "agreement")]
    assert result.errors[0].message.startswith("Bạn không có quyền")
    assert not new_ones().exists()


def test_a_viewer_is_refused_every_row_and_nothing_is_written(world, sector):
    result = import_commitments([a_row(world, sector)], user=world.viewer, dry_run=False)
    assert [(e.row, e.field) for e in result.errors] == [(2, "agreement")]
    assert not new_ones().exists()


def test_nobody_signed_in_may_import(world, sector):
    with pytest.raises(PermissionDenied):
        import_commitments([a_row(world, sector)], user=AnonymousUser(), dry_run=True)
