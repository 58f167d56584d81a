"""The demo's departments over time: their real end dates, the split of labour, invalids
and social affairs, and which department answered for each demo report on its day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Q

from agreements import access, succession
from agreements.models import Agency, Commitment
from agreements.roles import assign_role
from reports.models import ProgressReport

HG = "hau-giang-truoc-2025"
HEART = "Hỗ trợ phẫu thuật cho trẻ em bị bệnh tim bẩm sinh"


@pytest.fixture(scope="module")
def demo(demo_in_module):
    """The demo, loaded once for this module (root conftest.py)."""
    return demo_in_module


def report_day(report: ProgressReport) -> dt.date:
    """The day a report speaks for: when it was sent, else its period's cut-off."""
    if report.submitted_at:
        return report.submitted_at.date()
    return report.period.data_to


@pytest.mark.django_db
def test_no_demo_report_is_filed_under_an_agency_that_did_not_exist_on_its_day(demo):
    reports = ProgressReport.objects.filter(commitment__lead_agency__isnull=False).select_related(
        "commitment", "period"
    )
    leads = {r.commitment.lead_agency_id for r in reports}
    links = succession.links_around(leads, forwards=True)
    agencies = Agency.objects.in_bulk()
    checked, after_march = 0, 0
    for report in reports:
        day, commitment = report_day(report), report.commitment
        answering = agencies[
            succession.answering_agency_id(
                links, commitment.lead_agency_id, day, commitment.pk, commitment.sector_id
            )
        ]
        assert answering.valid_until is None or day <= answering.valid_until, (report, answering)
        assert answering.valid_from is None or day >= answering.valid_from, (report, answering)
        checked += 1
        if day >= dt.date(2025, 3, 1):
            after_march += 1
            # 2025-H1 went to the old units' new departments, not the ones merged away
            assert answering.name.split(" tỉnh ")[0].split(" thành phố ")[0] not in (
                "Sở Kế hoạch và Đầu tư",
                "Sở Giao thông vận tải",
                "Sở Lao động - Thương binh và Xã hội",
            )
    assert checked > 100 and after_march > 10


@pytest.mark.django_db
def test_the_heart_surgery_commitment_goes_to_health_the_rest_of_labour_to_home_affairs(demo):
    labour = Agency.objects.get(
        unit__key=HG, name="Sở Lao động - Thương binh và Xã hội tỉnh Hậu Giang"
    )
    assert labour.valid_until == dt.date(2025, 2, 28)
    heart = Commitment.objects.get(title=HEART, lead_agency=labour)
    links = succession.links_around([labour.pk], forwards=True)
    day = dt.date(2025, 6, 16)
    goes = succession.answering_agency_id(links, labour.pk, day, heart.pk, heart.sector_id)
    assert Agency.objects.get(pk=goes).name == "Sở Y tế tỉnh Hậu Giang"
    other = Commitment.objects.filter(lead_agency=labour).exclude(pk=heart.pk).first()
    goes = succession.answering_agency_id(links, labour.pk, day, other.pk, other.sector_id)
    assert Agency.objects.get(pk=goes).name == "Sở Nội vụ tỉnh Hậu Giang"


@pytest.mark.django_db
def test_home_affairs_reporter_does_not_see_the_heart_surgery_health_does(demo, django_user_model):
    def reporter(name: str, agency_name: str):
        agency = Agency.objects.get(unit__key="can-tho", name=agency_name)
        person = django_user_model.objects.create_user(name, f"{name}@example.vn", "pw")
        assign_role(user=person, role="reporter", unit=agency.unit, agency=agency)
        titles = access.reportable_commitments(access.actor_for(person))
        return set(titles.values_list("title", flat=True))

    home = reporter("baocao.noivu", "Sở Nội vụ thành phố Cần Thơ")
    health = reporter("baocao.yte", "Sở Y tế thành phố Cần Thơ")
    labour = Agency.objects.get(unit__key=HG, name__startswith="Sở Lao động")
    of_labour = Commitment.objects.filter(
        Q(lead_agency=labour) | Q(supporting_agencies=labour)
    ).values_list("title", flat=True)
    hearts = {title for title in of_labour if " tim " in title}
    assert HEART in hearts and len(hearts) == 2  # this phase's and the earlier one's
    assert home == set(of_labour) - hearts
    assert hearts <= health
