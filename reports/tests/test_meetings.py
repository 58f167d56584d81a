"""Review meetings as a record: conclusions, what became of them, and the host rotation."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from agreements.tests.factories import CommitmentFactory, bilateral
from reports import exports
from reports.models import ConclusionAction, FollowUpStatus, ReportStatus, ReviewConclusion
from reports.queries.meetings import meeting_records, propose_next_host
from reports.tests.factories import ProgressReportFactory, ReviewMeetingFactory, period

pytestmark = pytest.mark.django_db

AFTER_MERGERS = dt.date(2026, 3, 1)
BEFORE_MERGERS = dt.date(2024, 3, 1)


def agreement_of(*keys: str):
    from agreements.tests.factories import AgreementFactory, PartyFactory, unit

    agreement = AgreementFactory()
    for order, key in enumerate(keys):
        PartyFactory(agreement=agreement, unit=unit(key), order=order)
    return agreement


# --- rotation -------------------------------------------------------------------------------------------


def test_the_first_meeting_goes_to_the_first_party(units):
    agreement = agreement_of("hau-giang-truoc-2025", "kien-giang-truoc-2025")
    proposal = propose_next_host(agreement=agreement, last_host=None, on=BEFORE_MERGERS)
    assert proposal.unit.key == "hau-giang-truoc-2025"


def test_before_2025_the_rotation_follows_the_parties_as_signed(units):
    agreement = agreement_of("can-tho-truoc-2025", "hau-giang-truoc-2025")
    after_can_tho = propose_next_host(
        agreement=agreement, last_host=units["can-tho-truoc-2025"], on=BEFORE_MERGERS
    )
    assert after_can_tho.unit.key == "hau-giang-truoc-2025"
    after_hau_giang = propose_next_host(
        agreement=agreement, last_host=units["hau-giang-truoc-2025"], on=BEFORE_MERGERS
    )
    assert after_hau_giang.unit.key == "can-tho-truoc-2025"  # and round again


def test_the_rotation_survives_the_2025_mergers(units):
    """Hậu Giang – Kiên Giang now links the new Cần Thơ and the new An Giang."""
    agreement = agreement_of("hau-giang-truoc-2025", "kien-giang-truoc-2025")
    proposal = propose_next_host(
        agreement=agreement, last_host=units["hau-giang-truoc-2025"], on=AFTER_MERGERS
    )
    assert [u.key for u in proposal.order] == ["can-tho", "an-giang"]
    assert proposal.after.key == "can-tho" and proposal.unit.key == "an-giang"
    again = propose_next_host(agreement=agreement, last_host=units["an-giang"], on=AFTER_MERGERS)
    assert again.unit.key == "can-tho"


def test_parties_that_merged_into_one_unit_host_once(units):
    agreement = agreement_of(
        "can-tho-truoc-2025", "hau-giang-truoc-2025", "soc-trang-truoc-2025", "ca-mau-truoc-2025"
    )
    proposal = propose_next_host(
        agreement=agreement, last_host=units["soc-trang-truoc-2025"], on=AFTER_MERGERS
    )
    assert [u.key for u in proposal.order] == ["can-tho", "ca-mau"]
    assert proposal.unit.key == "ca-mau"  # Sóc Trăng is Cần Thơ now; Cần Thơ is not asked twice


def test_an_agreement_inside_one_unit_now_has_a_single_host(units):
    agreement = agreement_of("hau-giang-truoc-2025", "can-tho-truoc-2025")
    proposal = propose_next_host(
        agreement=agreement, last_host=units["can-tho-truoc-2025"], on=AFTER_MERGERS
    )
    assert proposal.single_unit and proposal.unit.key == "can-tho"


# --- conclusions ---------------------------------------------------------------------------------------


@pytest.fixture
def meetings(world):
    """Two meetings of Cần Thơ – Hậu Giang: 2023 decided on the road; 2024 added a bridge."""
    h1 = period(2024, 1)
    ProgressReportFactory(
        commitment=world.road,
        period=period(2023, 2),
        reporting_unit=world.units["hau-giang-truoc-2025"],
        stage="implementing",
        percent=Decimal("60"),
        status=ReportStatus.APPROVED,
        submitted_at=timezone.now(),
        reviewed_at=timezone.now(),
    )
    bridge = CommitmentFactory(
        agreement=world.ours, title="Cầu Vàm Xáng", lead_agency=world.transport
    )
    world.first = ReviewMeetingFactory(
        agreement=world.ours,
        held_on=dt.date(2023, 11, 20),
        host_unit=world.units["hau-giang-truoc-2025"],
        title="Hội nghị sơ kết năm 2023",
        attendees="Lãnh đạo UBND hai địa phương",
        minutes="Điểm lại một năm thực hiện.",
    )
    world.road_conclusion = ReviewConclusion.objects.create(
        meeting=world.first,
        number=1,
        text="Đẩy nhanh Đường tỉnh 931B",
        action=ConclusionAction.AMEND,
        follow_up_status=FollowUpStatus.IN_PROGRESS,
        follow_up_note="Đã bố trí vốn năm 2024",
    )
    world.road_conclusion.commitments.add(world.road)
    world.second = ReviewMeetingFactory(
        agreement=world.ours,
        held_on=dt.date(2024, 11, 29),
        host_unit=world.units["can-tho-truoc-2025"],
        title="Hội nghị sơ kết năm 2024",
        attendees="Ông A, Chủ tịch UBND; bà B, Giám đốc Sở",
        minutes="Hội nghị đánh giá kết quả năm 2024.",
        place="Thành phố Cần Thơ",
    )
    world.bridge_conclusion = ReviewConclusion.objects.create(
        meeting=world.second, number=1, text="Bổ sung cầu Vàm Xáng", action=ConclusionAction.CREATE
    )
    world.bridge_conclusion.commitments.add(bridge)
    world.vam_xang, world.h1 = bridge, h1
    return world


def test_a_commitment_links_back_to_the_conclusions_that_made_it(meetings):
    assert list(meetings.vam_xang.review_conclusions.all()) == [meetings.bridge_conclusion]
    assert meetings.vam_xang.review_conclusions.get().meeting == meetings.second


def test_a_conclusion_number_is_unique_within_its_meeting(meetings):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewConclusion.objects.create(meeting=meetings.second, number=1, text="Trùng số")


def test_a_conclusion_links_only_its_agreements_commitments(meetings):
    conclusion = ReviewConclusion(meeting=meetings.second, number=2, text="Sai thỏa thuận")
    conclusion.check_commitments([meetings.vam_xang])
    with pytest.raises(ValidationError):
        conclusion.check_commitments([meetings.vam_xang, meetings.bridge])  # Cà Mau's bridge


def test_the_record_says_what_the_previous_meeting_decided_and_what_became_of_it(meetings):
    (record,) = meeting_records([meetings.second], today=dt.date(2025, 1, 10))
    assert record.previous == meetings.first
    (previous,) = record.previous_conclusions
    assert previous.conclusion == meetings.road_conclusion
    (road,) = previous.commitments
    assert (road.commitment, road.stage, road.percent) == (
        meetings.road,
        "implementing",
        Decimal("60"),
    )
    (current,) = record.conclusions
    assert current.commitments[0].not_reported  # the new bridge has no approved report yet
    assert record.next_meeting is None
    assert record.proposal.unit.key == "can-tho"  # both parties are the new Cần Thơ now


def test_the_meeting_page_shows_the_record(client, meetings):
    url = reverse("reports:meeting", args=[meetings.ours.slug, meetings.second.pk])
    assert meetings.second.get_absolute_url() == url
    page = client.get(url).content.decode()
    for text in (
        "Hội nghị sơ kết năm 2024",
        "29/11/2024",
        "Ông A, Chủ tịch UBND",
        "Hội nghị đánh giá kết quả năm 2024.",
        "Bổ sung cầu Vàm Xáng",
        "Cầu Vàm Xáng",
        "Đẩy nhanh Đường tỉnh 931B",  # the previous meeting's conclusion
        "Đã bố trí vốn năm 2024",  # and what became of it
        "đang triển khai",  # the road's effective stage from its approved report
        "bổ sung nội dung hợp tác mới",
    ):
        assert text in page, text
    assert '<h2 id="previous">' in page and "<table" in page


def test_a_meeting_of_another_agreement_is_not_found_under_this_one(client, meetings):
    url = reverse("reports:meeting", args=[meetings.theirs.slug, meetings.second.pk])
    assert client.get(url).status_code == 404


def test_the_meeting_page_reads_a_fixed_number_of_queries(
    client, meetings, django_assert_num_queries
):
    for n in range(2, 24):
        conclusion = ReviewConclusion.objects.create(
            meeting=meetings.second, number=n, text=f"Kết luận {n}"
        )
        conclusion.commitments.add(
            CommitmentFactory(agreement=meetings.ours, title=f"Nội dung {n}")
        )
    url = reverse("reports:meeting", args=[meetings.ours.slug, meetings.second.pk])
    # 1 savepoint (ATOMIC_REQUESTS), 2 the meeting with its agreement and host, 3 the
    # agreement, 4 its parties with their units, 5 meetings of both phases with their
    # hosts, 6 conclusions, 7 their commitments with agreement and sector, where the
    # commitments stand: 8 periods, 9 standing rows, 10 indicators; 11 successions (host
    # rotation), 12 the timeline's meetings, 13 release.
    # The same on SQLite and PostgreSQL, for 1 conclusion as for 23.
    with django_assert_num_queries(13):
        assert client.get(url).status_code == 200


def test_the_workbook_shows_the_meetings_on_their_sheet(meetings):
    scope = exports.scope_for_agreement(
        agreement=meetings.ours, year=2024, today=dt.date(2025, 1, 10)
    )
    out = io.BytesIO()
    exports.build_review_workbook(scope=scope, out=out)
    ws = load_workbook(io.BytesIO(out.getvalue()))["Hội nghị sơ kết"]
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    text = "\n".join(cells)
    assert "Hội nghị sơ kết năm 2024" in text and "Hội nghị sơ kết năm 2023" not in cells
    assert "Bổ sung cầu Vàm Xáng" in text
    assert "Kỳ trước (20/11/2023) đã kết luận gì, kết quả đến nay" in text
    assert "Đẩy nhanh Đường tỉnh 931B" in text and "Đã bố trí vốn năm 2024" in text
    assert "Đường tỉnh 931B: đang triển khai (60,0%)" in text
    assert any(c.startswith("Cần Thơ (các bên nay cùng thuộc một đơn vị)") for c in cells)


def test_planning_staff_see_the_conclusions_in_the_meeting_admin(client, meetings):
    client.force_login(meetings.planner)
    url = reverse("admin:reports_reviewmeeting_change", args=[meetings.second.pk])
    page = client.get(url).content.decode()
    assert "Bổ sung cầu Vàm Xáng" in page and "conclusions-TOTAL_FORMS" in page


def test_a_bilateral_helper_is_used_for_unrelated_agreements(units):
    agreement = bilateral("ca-mau-truoc-2025", "bac-lieu-truoc-2025")
    proposal = propose_next_host(agreement=agreement, last_host=units["ca-mau"], on=AFTER_MERGERS)
    assert proposal.single_unit and proposal.unit.key == "ca-mau"
