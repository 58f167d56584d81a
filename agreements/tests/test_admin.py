"""The admin as staff use it: search without accents, flat changelists, no lost
updates, history of every change."""

import pytest
from django.urls import reverse

from agreements.models import Commitment
from agreements.tests.factories import CommitmentFactory, IndicatorFactory, bilateral

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"admin:{name}", args=args)


@pytest.mark.parametrize("term", ["can tho", "CẦN THƠ", "Cần Thơ", "hau giang", "HAU GIANG"])
def test_agreement_search_ignores_accents_and_case(admin_client, units, term):
    bilateral(title="Chương trình hợp tác Cần Thơ - Hậu Giang")
    bilateral("ca-mau-truoc-2025", "bac-lieu-truoc-2025", title="Cà Mau - Bạc Liêu")
    response = admin_client.get(url("agreements_agreement_changelist"), {"q": term})
    titles = [a.title for a in response.context["cl"].result_list]
    assert titles == ["Chương trình hợp tác Cần Thơ - Hậu Giang"]


def test_search_finds_d_with_stroke(admin_client, units):
    CommitmentFactory(agreement=bilateral(), title="Đường tỉnh 926")
    response = admin_client.get(url("agreements_commitment_changelist"), {"q": "duong tinh"})
    assert [c.title for c in response.context["cl"].result_list] == ["Đường tỉnh 926"]


def test_agreement_filter_by_current_unit_finds_agreements_signed_by_its_predecessors(
    admin_client, units
):
    bilateral("hau-giang-truoc-2025", "kien-giang-truoc-2025", title="Hậu Giang - Kiên Giang")
    bilateral("ca-mau-truoc-2025", "bac-lieu-truoc-2025", title="Cà Mau - Bạc Liêu")
    response = admin_client.get(url("agreements_agreement_changelist"), {"unit": "an-giang"})
    assert [a.title for a in response.context["cl"].result_list] == ["Hậu Giang - Kiên Giang"]


# Every list opens with: 1 savepoint (ATOMIC_REQUESTS), 2 session, 3 user, 4 memberships
# (not for the units' list), and closes its rows with a release of the savepoint; a count
# comes twice (the filtered and the full count). The same on SQLite and PostgreSQL.
@pytest.mark.parametrize(
    ("name", "queries"),
    [
        # … 5 units, 6 units that are parties (filter), 7 sectors (filter), 8-9 counts,
        # 10 agreements, 11 release, 12 first and last signing day, 13 days (date hierarchy)
        ("agreements_agreement_changelist", 13),
        # … 5 units, 6 units that are parties, 7 sectors, 8 agreements (filters), 9-10 counts,
        # 11 commitments with agreement, sector and lead agency, 12 release,
        # 13 first and last due day, 14 years (date hierarchy)
        ("agreements_commitment_changelist", 14),
        # … 5 socio-economic regions (filter), 6-7 counts, 8 agencies with unit, 9 release
        ("agreements_agency_changelist", 9),
        # … 5-6 counts, 7 sectors, 8 release
        ("agreements_sector_changelist", 8),
        # 4 socio-economic regions (filter), 5-6 counts, 7 units with region, 8 release
        ("regions_administrativeunit_changelist", 8),
    ],
)
def test_changelist_query_count_does_not_grow_with_rows(
    admin_client, units, name, queries, django_assert_num_queries
):
    agreement = bilateral()
    for n in range(22):
        commitment = CommitmentFactory(agreement=agreement, title=f"Nội dung {n}")
        IndicatorFactory(commitment=commitment)
        bilateral(title=f"Thỏa thuận {n}")
    with django_assert_num_queries(queries):
        response = admin_client.get(url(name))
    assert response.status_code == 200


def commitment_form(commitment, **changes):
    data = {
        "agreement": commitment.agreement_id,
        "sector": commitment.sector_id,
        "number": commitment.number,
        "title": commitment.title,
        "stage": commitment.stage,
        "seen_version": commitment.version,
        "indicators-TOTAL_FORMS": 0,
        "indicators-INITIAL_FORMS": 0,
    }
    return data | changes


def test_the_second_of_two_concurrent_edits_is_refused(admin_client, client, world):
    commitment = world.road
    first = commitment_form(commitment, stage="implementing")
    second = commitment_form(
        commitment, title="Đường tỉnh 931B (sửa)"
    )  # opened at the same version
    assert (
        admin_client.post(url("agreements_commitment_change", commitment.pk), first).status_code
        == 302
    )
    client.force_login(world.planner)
    response = client.post(url("agreements_commitment_change", commitment.pk), second)
    assert response.status_code == 200
    assert "Người khác đã lưu bản ghi này" in response.content.decode()
    saved = Commitment.objects.get(pk=commitment.pk)
    assert (saved.stage, saved.title, saved.version) == ("implementing", "Đường tỉnh 931B", 2)


def test_a_report_edit_over_a_newer_version_is_refused(client, world):
    from reports.tests.factories import report_form

    report = world.our_report
    client.force_login(world.reporter)
    stale = report_form(report, achievements="Bản cũ")
    assert (
        client.post(
            url("reports_progressreport_change", report.pk), report_form(report)
        ).status_code
        == 302
    )
    response = client.post(url("reports_progressreport_change", report.pk), stale)
    assert "Người khác đã lưu bản ghi này" in response.content.decode()
    report.refresh_from_db()
    assert report.achievements == "Đã thi công 3 km"


def test_history_records_who_changed_which_field_from_what_to_what(client, world):
    client.force_login(world.planner)
    commitment = world.road
    client.post(
        url("agreements_commitment_change", commitment.pk),
        commitment_form(commitment, stage="implementing"),
    )
    page = client.get(url("agreements_commitment_history", commitment.pk)).content.decode()
    assert "kehoach.cantho" in page
    assert "tiến độ" in page.lower() or "stage" in page
    record = Commitment.objects.get(pk=commitment.pk).history.first()
    delta = record.diff_against(record.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes if c.field == "stage"] == [
        ("stage", "proposed", "implementing")
    ]
    assert record.history_user == world.planner


def test_agreement_page_in_the_admin_has_its_parties_and_commitments_inline(admin_client, world):
    page = admin_client.get(url("agreements_agreement_change", world.ours.pk)).content.decode()
    assert "Đường tỉnh 931B" in page and "parties-TOTAL_FORMS" in page
