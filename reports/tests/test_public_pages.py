"""Public dashboards: the URL contract, what they count, only approved text, flat queries."""

import datetime as dt

import pytest
from django.utils import timezone

from agreements.access import actor_for
from agreements.tests.factories import CommitmentFactory, IndicatorFactory
from reports.models import IndicatorValue, ProgressReport
from reports.queries import standing as records
from reports.services import standing_store, workflow
from reports.tests.factories import ProgressReportFactory, period

pytestmark = pytest.mark.django_db

SECRET_DRAFT = "BẢN NHÁP CHƯA DUYỆT: số liệu sai"
SECRET_SUBMITTED = "ĐÃ GỬI CHƯA DUYỆT: chờ xem lại"
SECRET_RETURNED = "BỊ TRẢ LẠI: thiếu ảnh"


def second_administrator():
    """Four eyes: the administrator who approves is not the one who submitted."""
    from django.contrib.auth.models import User

    from agreements.roles import assign_role

    reviewer, created = User.objects.get_or_create(username="quantri.duyet")
    if created:
        assign_role(user=reviewer, role="administrator")
    return reviewer


def standings(commitments, today=dt.date(2024, 6, 14)):
    """Where each commitment stands as of the period that holds ``today`` (by default the
    end of 2024-H1, the period of the world's report)."""
    return records.standings_of(commitments, records.latest(today))


def approve(world, report, **fields):
    ProgressReport.objects.filter(pk=report.pk).update(**fields)
    report.refresh_from_db()
    if report.status != "submitted":
        workflow.submit(report=report, actor=actor_for(world.admin))
    return workflow.approve(report=report, actor=actor_for(second_administrator()))


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/agreements/",
        "/agreements/?q=can+tho&province=can-tho&sector=x&status=in_force&year=2024",
        "/provinces/can-tho/",
        "/provinces/hau-giang-truoc-2025/",
        "/reports/",
        "/open-data/",
        "/healthz",
    ],
)
def test_the_public_url_contract_answers(client, world, path):
    assert client.get(path).status_code == 200


def test_agreement_and_sector_pages_answer_by_slug(client, world):
    assert client.get(f"/agreements/{world.ours.slug}/").status_code == 200
    assert client.get(f"/sectors/{world.road.sector.slug}/").status_code == 200
    assert client.get("/agreements/khong-co/").status_code == 404


def test_no_draft_submitted_or_returned_text_is_shown_anywhere_public(client, world):
    world.our_report.achievements = SECRET_DRAFT
    world.our_report.save()
    submitted = ProgressReportFactory(
        commitment=world.road,
        period=period(2023, 2),
        reporting_unit=world.units["hau-giang-truoc-2025"],
        achievements=SECRET_SUBMITTED,
    )
    workflow.submit(report=submitted, actor=actor_for(world.reporter))
    returned = ProgressReportFactory(
        commitment=world.road,
        period=period(2023, 1),
        reporting_unit=world.units["hau-giang-truoc-2025"],
        difficulties=SECRET_RETURNED,
    )
    workflow.submit(report=returned, actor=actor_for(world.reporter))
    workflow.return_for_revision(report=returned, actor=actor_for(world.planner), reason="x")
    pages = [
        "/",
        "/?format=csv",
        "/?format=json",
        "/agreements/",
        f"/agreements/{world.ours.slug}/",
        f"/agreements/{world.ours.slug}/?format=csv",
        f"/agreements/{world.ours.slug}/?format=json",
        f"/sectors/{world.road.sector.slug}/",
        f"/sectors/{world.road.sector.slug}/?format=json",
        "/provinces/can-tho/",
        "/provinces/hau-giang-truoc-2025/",
        "/reports/",
        f"/reports/?period={world.period.pk}&format=csv",
    ]
    for path in pages:
        body = client.get(path).content.decode()
        for secret in (SECRET_DRAFT, SECRET_SUBMITTED, SECRET_RETURNED):
            assert secret not in body, (path, secret)
    # and once approved, the text does appear
    approve(world, submitted)
    assert SECRET_SUBMITTED in client.get(f"/agreements/{world.ours.slug}/").content.decode()


def test_an_unapproved_report_does_not_count_as_reported(world):
    items = standings(world.ours.commitments.all())
    assert [s.not_reported for s in items] == [True]
    approve(world, world.our_report, stage="started")
    assert [s.not_reported for s in standings(world.ours.commitments.all())] == [False]


def test_formal_only_needs_two_periods_in_force_and_a_stage_below_implementing(world):
    today = dt.date(2024, 6, 14)  # the end of 2024-H1: 2021-H1 .. 2024-H1 in force
    approve(world, world.our_report, stage="studying")
    (item,) = standings(world.ours.commitments.all(), today=today)
    assert item.periods_in_force >= 2 and item.formal_only and item.category == "formal_only"
    (early,) = standings(world.ours.commitments.all(), today=dt.date(2021, 6, 20))
    assert not early.formal_only  # the agreement had not been in force for two periods


def test_implementing_is_not_formal_and_under_specified_is_its_own_count(world):
    approve(world, world.our_report, stage="implementing", percent=40)
    (item,) = standings(world.ours.commitments.all())
    assert not item.formal_only and item.category == "implementing"
    assert item.under_specified  # a lead agency but no indicator
    IndicatorFactory(commitment=world.road, target=100)
    (item,) = standings(world.ours.commitments.all())
    assert not item.under_specified


def test_the_dashboard_leads_with_formal_not_reported_and_under_specified(client, world):
    approve(world, world.our_report, stage="studying")
    page = client.get("/").content.decode()
    formal = page.index('id="count-formal-only"')
    assert formal < page.index('id="count-not-reported"') < page.index('id="count-under-specified"')
    assert page.index("đang triển khai") > formal


def test_the_dashboard_groups_by_units_as_signed_or_as_now(client, world):
    now = client.get("/").context["board"].groups
    signed = client.get("/", {"group": "signed"}).context["board"].groups
    assert {g.unit.key for g in now} == {"can-tho", "ca-mau"}
    assert {g.unit.key for g in signed} == {
        "can-tho-truoc-2025",
        "hau-giang-truoc-2025",
        "ca-mau-truoc-2025",
        "bac-lieu-truoc-2025",
    }


def test_the_dashboard_filters_by_unit_and_sector(client, world):
    board = client.get("/", {"province": "can-tho"}).context["board"]
    assert [a.row.agreement.title for a in board.agreements] == ["Cần Thơ - Hậu Giang"]
    board = client.get("/", {"sector": world.bridge.sector.slug}).context["board"]
    assert board.summary.total == 1


def test_the_agreement_page_shows_target_against_actual_and_the_latest_achievements(client, world):
    indicator = IndicatorFactory(
        commitment=world.road, name="Chiều dài duy tu", target=12, unit_of_measure="km"
    )
    approve(
        world,
        world.our_report,
        stage="implementing",
        percent="62.5",
        achievements="Đã duy tu 7,5 km",
    )
    IndicatorValue.objects.create(report=world.our_report, indicator=indicator, value="7.5")
    response = client.get(f"/agreements/{world.ours.slug}/", {"as_of": "2024-H1"})
    page = response.content.decode()
    assert "Chiều dài duy tu: đạt <strong>7,5</strong> / mục tiêu 12 km" in page
    assert "62,5%" in page and "Đã duy tu 7,5 km" in page
    assert "Sở Giao thông vận tải tỉnh Hậu Giang" in page


def test_a_carried_over_commitment_shows_its_history(client, world):
    from agreements.tests.factories import bilateral

    earlier = bilateral(
        title="Cần Thơ - Hậu Giang 2016-2020",
        term_start="2016-01-01",
        term_end="2020-12-31",
        signed_on="2016-01-01",
    )
    old = CommitmentFactory(
        agreement=earlier, title="Đường tỉnh 931B (giai đoạn 1)", sector=world.road.sector
    )
    world.ours.predecessor = earlier
    world.ours.save()
    world.road.carried_over_from = old
    world.road.save()
    page = client.get(f"/agreements/{world.ours.slug}/").content.decode()
    assert "Đã hứa trong “Cần Thơ - Hậu Giang 2016-2020”" in page
    assert "hứa lại trong “Cần Thơ - Hậu Giang”" in page


def test_a_multilateral_agreement_has_a_party_by_sector_grid(client, world):
    world.theirs.kind = "multilateral"
    world.theirs.save()
    page = client.get(f"/agreements/{world.theirs.slug}/").content.decode()
    assert "Bên nào hứa gì, đến đâu" in page


def test_the_reporting_page_shows_who_is_late(client, world):
    response = client.get("/reports/", {"period": world.period.pk})
    lines = {line.unit.key: line for line in response.context["lines"]}
    assert lines["hau-giang-truoc-2025"].expected == 1
    assert lines["hau-giang-truoc-2025"].pending == 1  # a draft: written, not approved
    assert lines["hau-giang-truoc-2025"].late == 1  # its deadline, 16/06/2024, has passed


def many_commitments(world, n=22):
    for i in range(n):
        c = CommitmentFactory(
            agreement=world.ours, title=f"Nội dung {i}", lead_agency=world.transport
        )
        IndicatorFactory(commitment=c)
        r = ProgressReportFactory(
            commitment=c, period=world.period, reporting_unit=world.units["hau-giang-truoc-2025"]
        )
        ProgressReport.objects.filter(pk=r.pk).update(
            status="approved", submitted_at=timezone.now(), reviewed_at=timezone.now()
        )
        standing_store.refresh([c.pk])  # a bulk update: refresh by hand


# Every page: 1 savepoint (ATOMIC_REQUESTS) first and its release last. The same counts on
# SQLite and PostgreSQL (where the filter form's sectors are read through a server-side
# cursor: one query too).
@pytest.mark.parametrize(
    ("path", "queries"),
    [
        # 2 units (filter choices), 3 periods, 4-5 standing tallies by agreement, 6 the
        # latest period due that owes reports, 7 its totals, 8 the parties of every
        # agreement, 9 their units, 10 their successions, 11 count, 12 agreements,
        # 13 parties with their names at signing, 14 sectors, 15 sectors (filter
        # choices), 16 release
        ("/", 16),
        ("/?group=signed", 16),
        ("/?as_of=2023-H2&province=can-tho", 16),
        # 2 agreement, 3 parties with their names at signing, 4 sectors, 5 periods,
        # 6 successions, 7 standing rows, 8 indicators, 9 the parties' standing lines,
        # 10 timeline by category, 11 approved reports per period, 12 renewals,
        # 13 documents, 14 meetings, 15 release
        ("/agreements/cthg/", 15),
        ("/agreements/cthg/?as_of=2023-H2", 15),
        # 2 sector, 3 periods, 4-5 standing tallies by agreement, 6 count, 7 the page's
        # standing ids, 8 its standing rows, 9 indicators, 10 release
        ("/sectors/{sector}/", 10),
        # 2 units (filter choices), 3 periods, 4 all the commitments (the share's total),
        # 5 those of the card, 6 the page's standing ids, 7 its standing rows,
        # 8 indicators, 9 sectors (filter choices), 10 release
        ("/commitments/?standing=not_reported", 10),
        # 2 unit with its region, 3 its successions (in and out), 4-5 its scope
        # (predecessors, successors), 6 agreements, 7 parties with their names, 8 sectors,
        # 9 the parties' successions, 10 the partners' names, 11 periods, 12 where the
        # agreements stand, 13 the unit's own lines; its reporting calendar: 14 recent
        # periods, 15 its own rows; 16 release
        ("/provinces/can-tho/", 16),
        # 2 periods, 3 the latest period due that owes reports (the default), 4 standing
        # tallies by unit, 5 the units, 6 release
        ("/reports/", 6),
    ],
)
def test_public_pages_keep_their_query_count_whatever_the_rows(
    client, world, path, queries, django_assert_num_queries
):
    world.ours.slug = "cthg"
    world.ours.save()
    many_commitments(world)
    path = path.format(sector=world.road.sector.slug)
    with django_assert_num_queries(queries):
        response = client.get(path)
    assert response.status_code == 200


def test_query_counts_are_the_same_for_2_and_22_commitments(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    world.ours.slug = "cthg"
    world.ours.save()
    paths = [
        "/",
        "/?as_of=2024-H1",
        "/agreements/cthg/",
        "/agreements/cthg/?as_of=2024-H1",
        f"/sectors/{world.road.sector.slug}/",
        "/commitments/",
        "/commitments/?standing=not_reported&province=can-tho",
        "/provinces/can-tho/",
        "/reports/",
        "/reports/?period=2024-H1",
    ]

    def counts():
        result = []
        for path in paths:
            with CaptureQueriesContext(connection) as ctx:
                client.get(path)
            result.append(len(ctx.captured_queries))
        return result

    many_commitments(world, 2)
    small = counts()
    many_commitments(world, 20)
    assert counts() == small


def test_every_public_list_downloads_as_csv_and_json(client, world):
    for path in [
        "/",
        "/agreements/",
        f"/agreements/{world.ours.slug}/",
        f"/sectors/{world.road.sector.slug}/",
        "/provinces/can-tho/",
        "/reports/",
    ]:
        csv_response = client.get(path, {"format": "csv"})
        assert csv_response["Content-Type"].startswith("text/csv")
        assert csv_response.content.decode("utf-8").startswith("\ufeff")
        assert client.get(path, {"format": "json"}).json()["count"] >= 0


def test_open_data_neutralises_formula_looking_text(client, world):
    world.road.title = '=HYPERLINK("http://x")'
    world.road.save()
    body = client.get(f"/agreements/{world.ours.slug}/", {"format": "csv"}).content.decode()
    assert "'=HYPERLINK" in body
