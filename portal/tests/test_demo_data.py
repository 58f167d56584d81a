"""The demo-data builder: the seeds' agreements, idempotent, valid, marked demo."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from agreements.models import Agency, Agreement, Commitment, Stage
from portal.demo.data import LAST_REPORTED, load_demo
from regions.models import UnitSuccession
from reports.models import ProgressReport, ReportStatus, ReviewMeeting

CT, HG, KG = "can-tho-truoc-2025", "hau-giang-truoc-2025", "kien-giang-truoc-2025"
MEKONG_13 = {
    f"{name}-truoc-2025"
    for name in (
        "long-an tien-giang ben-tre tra-vinh vinh-long dong-thap an-giang kien-giang "
        "can-tho hau-giang soc-trang bac-lieu ca-mau"
    ).split()
}
HG_KG_SECTORS = [
    "Công nghiệp",
    "Thương mại - dịch vụ",
    "Nông nghiệp và phát triển nông thôn",
    "Quản lý hạ tầng đô thị, giao thông, tài nguyên và môi trường",
    "Khoa học và công nghệ",
    "Thông tin và truyền thông",
    "Đào tạo phát triển nguồn nhân lực",
    "Văn hóa - thể thao - du lịch",
    "Y tế",
    "Lao động - thương binh và xã hội",
    "Xúc tiến đầu tư, thương mại",
    "Quốc phòng - an ninh",
]
HCM_FIELDS = [
    "Hạ tầng giao thông",
    "Du lịch",
    "Kết nối cung cầu - xúc tiến đầu tư, thương mại",
    "Thích ứng với biến đổi khí hậu",
    "Khoa học công nghệ, chuyển đổi số",
    "Giáo dục, y tế, đào tạo nguồn nhân lực",
]


@pytest.fixture(scope="module")
def demo(demo_in_module):
    """The demo, loaded once for this module (root conftest.py)."""
    return demo_in_module


def party_keys(slug):
    return set(Agreement.objects.get(slug=slug).parties.values_list("unit__key", flat=True))


def commitment(slug, title_part):
    return Commitment.objects.select_related("lead_agency").get(
        agreement__slug=slug, title__contains=title_part
    )


@pytest.mark.django_db
def test_four_agreements_with_their_parties(demo):
    assert party_keys("can-tho-hau-giang-2021-2025") == {CT, HG}
    assert party_keys("hau-giang-kien-giang-2021-2025") == {HG, KG}
    assert party_keys("can-tho-an-giang-kien-giang-ca-mau-2016-2020") == {
        CT,
        "an-giang-truoc-2025",
        KG,
        "ca-mau-truoc-2025",
    }
    hcm = Agreement.objects.get(slug="tphcm-dbscl-2023-2025")
    assert hcm.kind == Agreement.Kind.MULTILATERAL
    assert hcm.signed_on.year == 2023 and hcm.signed_on.month == 3
    coordinator = hcm.parties.get(role="coordinator")
    assert coordinator.unit.key == "ho-chi-minh-truoc-2025"
    assert party_keys(hcm.slug) == MEKONG_13 | {"ho-chi-minh-truoc-2025"}
    assert not Agreement.objects.filter(is_demo=False).exists()

    cthg = Agreement.objects.get(slug="can-tho-hau-giang-2021-2025")
    assert cthg.signed_on == dt.date(2021, 2, 26)
    signer = cthg.parties.get(unit__key=HG)
    assert signer.signatory_name == ""  # seed 002 quotes Trương Cảnh Tuyên, names no signer
    assert signer.issuing_body == "UBND tỉnh Hậu Giang"
    assert "một đơn vị hành chính" in cthg.merger_note
    hgkg = Agreement.objects.get(slug="hau-giang-kien-giang-2021-2025")
    assert {p.signatory_name for p in hgkg.parties.all()} == {"Đồng Văn Thanh", "Lâm Minh Thành"}
    assert "minh họa" in hgkg.summary and hgkg.steering_committee
    # Every party is a unit as it was when the agreement was signed.
    for agreement in Agreement.objects.all():
        for party in agreement.parties.select_related("unit"):
            assert party.unit.key.endswith("-truoc-2025")
            assert party.unit.was_valid_on(agreement.signed_on)


@pytest.mark.django_db
def test_renewal_chains(demo):
    cthg = Agreement.objects.get(slug="can-tho-hau-giang-2021-2025")
    chain = cthg.predecessor_chain()
    assert [a.slug for a in chain] == ["can-tho-hau-giang-2006-2020"]
    assert chain[0].term_start.year == 2006 and chain[0].term_end < cthg.term_start
    assert "tái dựng" in chain[0].summary
    hgkg = Agreement.objects.get(slug="hau-giang-kien-giang-2021-2025")
    assert hgkg.predecessor.slug == "hau-giang-kien-giang-2006-2020"

    vi_thanh = commitment(cthg.slug, "giai đoạn 2 đường nối thành phố Vị Thanh")
    assert vi_thanh.carried_over_from.agreement == chain[0]
    assert vi_thanh.stage in {Stage.PROPOSED, Stage.STUDYING}
    roads = commitment(cthg.slug, "926, 931B và 932")
    assert roads.carried_over_from.agreement == chain[0]
    # Vàm Xáng: seed 002 tells of its groundbreaking among the earlier results, no due date
    vam_xang = commitment(chain[0].slug, "cầu Vàm Xáng")
    assert vam_xang.stage == Stage.STARTED and vam_xang.due_on == chain[0].term_end
    assert not Commitment.objects.filter(agreement=cthg, title__contains="Vàm Xáng").exists()
    cluster = commitment(hgkg.slug, "cụm công nghiệp, tiểu thủ công nghiệp")
    assert cluster.carried_over_from.agreement == hgkg.predecessor


@pytest.mark.django_db
def test_sectors(demo):
    hgkg = Agreement.objects.get(slug="hau-giang-kien-giang-2021-2025")
    assert sorted(hgkg.sectors.values_list("name", flat=True)) == sorted(HG_KG_SECTORS)
    assert all(hgkg.sectors.values_list("name_en", flat=True))
    hcm = Agreement.objects.get(slug="tphcm-dbscl-2023-2025")
    assert sorted(hcm.sectors.values_list("name", flat=True)) == sorted(HCM_FIELDS)
    # A recurring field is one sector: Cần Thơ–Hậu Giang's roads use HCMC's field.
    cthg = Agreement.objects.get(slug="can-tho-hau-giang-2021-2025")
    assert cthg.sectors.filter(slug="ha-tang-giao-thong").exists()


@pytest.mark.django_db
def test_named_commitments_with_lead_agencies_and_indicators(demo):
    cthg, hgkg = "can-tho-hau-giang-2021-2025", "hau-giang-kien-giang-2021-2025"

    training = commitment(cthg, "3.270 sinh viên")
    assert training.lead_agency.name == "Sở Giáo dục và Đào tạo thành phố Cần Thơ"
    assert training.committing_unit.key == CT
    students = training.indicators.get()
    assert (students.target, students.unit_of_measure) == (Decimal("3270"), "người/năm")

    interns = commitment(cthg, "500 sinh viên")
    assert interns.committing_unit.key == HG
    assert interns.indicators.get().target == 500

    roads = commitment(cthg, "926, 931B và 932")
    assert roads.lead_agency.name == "Sở Giao thông vận tải tỉnh Hậu Giang"
    assert roads.supporting_agencies.filter(unit__key=CT).exists()
    assert commitment(cthg, "Bốn Tổng – Một Ngàn").lead_agency is not None
    assert commitment(cthg, "Cần Thơ – Cà Mau").indicators.get().target == 2
    assert commitment(cthg, "sóng siêu âm").stage == Stage.STUDYING

    heart = commitment(hgkg, "tim bẩm sinh")
    assert heart.lead_agency.name == "Sở Lao động - Thương binh và Xã hội tỉnh Hậu Giang"
    surgeries = commitment("hau-giang-kien-giang-2006-2020", "20 trẻ em")
    assert surgeries.stage == Stage.COMPLETED and "1,2 tỉ đồng" in surgeries.description
    assert heart.carried_over_from == surgeries
    earlier = "hau-giang-kien-giang-2006-2020"
    assert commitment(earlier, "Cái Tư").stage == Stage.COMPLETED
    assert commitment(earlier, "Cái Tư").lead_agency.name == "Sở Giao thông vận tải tỉnh Kiên Giang"
    assert commitment(earlier, "Ba Voi").stage == Stage.COMPLETED
    assert commitment(hgkg, "400").indicators.get().target == 400
    assert commitment(hgkg, "khóm Cầu Đúc").stage == Stage.IMPLEMENTING
    cluster = commitment(hgkg, "cụm công nghiệp, tiểu thủ công nghiệp")
    assert cluster.lead_agency is None and cluster.stage == Stage.PROPOSED  # under-specified

    hcm = "tphcm-dbscl-2023-2025"
    assert commitment(hcm, "ùn tắc").stage == Stage.STALLED
    assert commitment(hcm, "trang web").stage == Stage.STARTED
    assert commitment(hcm, "y tế chuyên sâu").stage == Stage.IMPLEMENTING


@pytest.mark.django_db
def test_agencies_have_validity_and_successors(demo):
    # merged departments ended on 28/02/2025 (Decree 45/2025/NĐ-CP), before the units did
    old = Agency.objects.get(unit__key=HG, name="Sở Kế hoạch và Đầu tư tỉnh Hậu Giang")
    assert old.valid_until == dt.date(2025, 2, 28)
    (link,) = old.successions_out.select_related("successor__unit")
    assert link.effective_on == dt.date(2025, 3, 1) and "45/2025/NĐ-CP" in link.legal_basis
    assert link.successor.name == "Sở Tài chính tỉnh Hậu Giang"
    assert link.successor.valid_until == dt.date(2025, 6, 30)
    (then,) = link.successor.successions_out.select_related("successor__unit")
    assert then.successor.name == "Sở Tài chính thành phố Cần Thơ"
    assert then.successor.unit.key == "can-tho"
    assert then.successor.valid_from == then.effective_on == dt.date(2025, 7, 1)
    transport = Agency.objects.get(unit__key=KG, name="Sở Giao thông vận tải tỉnh Kiên Giang")
    assert [s.successor.name for s in transport.successions_out.all()] == [
        "Sở Xây dựng tỉnh Kiên Giang"
    ]
    for agency in Agency.objects.filter(unit__valid_until__isnull=False):
        assert agency.valid_until in (dt.date(2025, 2, 28), dt.date(2025, 6, 30))
        links = agency.successions_out.select_related("successor")
        assert links, agency  # every historical department hands its work on
        for link in links:
            assert link.effective_on == agency.valid_until + dt.timedelta(days=1)
            assert link.successor.valid_until is None or link.successor.valid_until > (
                agency.valid_until
            )


@pytest.mark.django_db
def test_reports_are_valid_and_inside_each_term(demo):
    reports = ProgressReport.objects.select_related("commitment__agreement", "period")
    assert reports.count() > 150
    assert not reports.filter(is_demo=False).exists()
    for report in reports:
        report.full_clean()
        agreement = report.commitment.agreement
        assert report.period.overlaps(agreement.term_start, agreement.term_end)
        assert (report.period.year, report.period.half) <= LAST_REPORTED
        assert report.reporting_unit.was_valid_on(report.period.data_to)
    statuses = set(reports.values_list("status", flat=True))
    assert statuses == set(ReportStatus.values)
    returned = reports.get(status=ReportStatus.RETURNED)
    assert returned.return_reason
    # Reports exist only for the agreements with a reporting flow in the seeds.
    reported = set(reports.values_list("commitment__agreement__slug", flat=True))
    assert reported == {
        "can-tho-hau-giang-2021-2025",
        "hau-giang-kien-giang-2021-2025",
        "tphcm-dbscl-2023-2025",
    }
    # Nine periods for 2021-2025 (2021 H1 to 2025 H1), fewer for later signings.
    roads = commitment("can-tho-hau-giang-2021-2025", "926, 931B và 932")
    assert roads.reports.count() == 9
    assert commitment("tphcm-dbscl-2023-2025", "trang web").reports.count() == 5
    # One commitment nobody reported on.
    assert commitment("hau-giang-kien-giang-2021-2025", "vận tải hành khách").reports.count() == 0
    students = commitment("can-tho-hau-giang-2021-2025", "3.270 sinh viên").indicators.get()
    assert students.values.filter(value=3270).exists()


@pytest.mark.django_db
def test_review_meeting(demo):
    meeting = ReviewMeeting.objects.get(
        agreement__slug="tphcm-dbscl-2023-2025", held_on=dt.date(2024, 11, 29)
    )
    assert meeting.is_demo and meeting.host_unit.key == CT
    assert "2024 - 2025" in meeting.title and meeting.minutes and meeting.decisions


@pytest.mark.django_db
def test_second_load_changes_nothing(demo):
    assert demo.created["reports"] > 0
    again = load_demo()
    assert again.created == {} and again.updated == {}
    assert again.unchanged["reports"] == demo.created["reports"]


@pytest.mark.django_db
def test_a_changed_row_is_updated_and_a_missing_one_created(demo):
    Agreement.objects.filter(slug="tphcm-dbscl-2023-2025").update(title="Sửa tay")
    ReviewMeeting.objects.all().delete()
    counts = load_demo()
    assert counts.updated == {"agreements": 1}
    assert counts.created == {"meetings": 1}
    assert Agreement.objects.get(slug="tphcm-dbscl-2023-2025").title.startswith("Thỏa thuận")


@pytest.mark.django_db
def test_dry_run_writes_nothing(demo):
    ReviewMeeting.objects.all().delete()
    counts = load_demo(dry_run=True)
    assert counts.created == {"meetings": 1}
    assert not ReviewMeeting.objects.exists()


@pytest.mark.django_db
def test_command_prints_counts_per_table(demo):
    out = StringIO()
    call_command("load_demo", "--dry-run", stdout=out)
    lines = out.getvalue().splitlines()
    assert any(line.startswith("reports") and "unchanged:  " in line for line in lines)
    assert lines[-1] == "dry run: nothing written"
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "already up to date" in out.getvalue()


@pytest.mark.django_db
def test_command_needs_units_and_their_succession(demo):
    UnitSuccession.objects.filter(predecessor__key=KG).delete()
    with pytest.raises(CommandError, match="manage.py load_units"):
        call_command("load_demo", stdout=StringIO())
