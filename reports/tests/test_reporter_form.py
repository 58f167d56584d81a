"""The reporter's side of the progress report (issue 21 items 13-14): a reporter of a
department merged in 2025 reports for its successor; the form offers what is owed, and its
submit button saves what is on the screen before it sends, in one step.

Access is tested from the refused side too: a reporter of an unrelated department, a
merged department's reporter writing as a unit that did not exist at the period's cut-off.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from agreements.access import actor_for, reportable_commitment_ids, reporting_units_of
from agreements.models import AgencySuccession
from agreements.tests.factories import AgencyFactory, IndicatorFactory
from reports.models import ProgressReport
from reports.tests.factories import period, report_form

ADD = reverse("admin:reports_progressreport_add")


@pytest.fixture
def merged(world):
    """Hậu Giang's transport department ended on 28/02/2025 (into Hậu Giang's
    construction department), which went into the new Cần Thơ's on 01/07/2025."""
    hg_transport = world.transport
    hg_transport.valid_until = dt.date(2025, 2, 28)
    hg_transport.save()
    hg_building = AgencyFactory(
        unit=world.units["hau-giang-truoc-2025"],
        name="Sở Xây dựng tỉnh Hậu Giang",
        valid_from=dt.date(2025, 3, 1),
        valid_until=dt.date(2025, 6, 30),
    )
    ct_building = AgencyFactory(unit=world.units["can-tho"], name="Sở Xây dựng thành phố Cần Thơ")
    AgencySuccession.objects.create(
        predecessor=hg_transport, successor=hg_building, effective_on=dt.date(2025, 3, 1)
    )
    AgencySuccession.objects.create(
        predecessor=hg_building, successor=ct_building, effective_on=dt.date(2025, 7, 1)
    )
    world.ct_building = ct_building
    world.h2_2025 = period(2025, 2)
    return world


def _add(client, user, world, unit_key: str, the_period, **changes):
    client.force_login(user)
    blank = ProgressReport(
        commitment=world.road, period=the_period, reporting_unit=world.units[unit_key]
    )
    data = report_form(blank, seen_version="", **changes)
    return client.post(ADD, data)


def test_a_reporter_of_a_merged_department_works_for_its_successor(merged):
    actor = actor_for(merged.reporter)
    assert actor.agency_id == merged.ct_building.pk
    assert merged.units["can-tho"].pk in reporting_units_of(actor)
    assert merged.road.pk in reportable_commitment_ids(actor)  # the work it brought along


def test_the_merged_departments_reporter_files_2025_h2_for_the_new_can_tho(client, merged):
    response = _add(client, merged.reporter, merged, "can-tho", merged.h2_2025)
    assert response.status_code == 302, response.content.decode()[:3000]
    report = ProgressReport.objects.get(commitment=merged.road, period=merged.h2_2025)
    assert report.reporting_unit == merged.units["can-tho"]


def test_a_reporter_of_an_unrelated_department_is_still_refused(client, merged, django_user_model):
    from agreements.roles import assign_role

    other = django_user_model.objects.create_user("baocao.gtvt.camau", password="x")
    assign_role(
        user=other,
        role="reporter",
        unit=merged.units["ca-mau-truoc-2025"],
        agency=merged.ca_mau_transport,
    )
    response = _add(client, other, merged, "can-tho", merged.h2_2025)
    assert response.status_code in (200, 403)
    assert not ProgressReport.objects.filter(period=merged.h2_2025).exists()


def test_a_unit_reports_only_for_periods_it_existed_at_the_cut_off(client, merged):
    # Hậu Giang did not exist on 14/12/2025: its successor reports 2025-H2 ...
    gone = _add(client, merged.reporter, merged, "hau-giang-truoc-2025", merged.h2_2025)
    assert gone.status_code == 200 and "không còn tồn tại" in gone.content.decode()
    # ... and the new Cần Thơ did not exist on 14/12/2024: Hậu Giang reports 2024-H2.
    h2_2024 = period(2024, 2)
    early = _add(client, merged.reporter, merged, "can-tho", h2_2024)
    assert early.status_code == 200 and "chỉ có từ ngày 01/07/2025" in early.content.decode()
    assert not ProgressReport.objects.filter(period__in=[merged.h2_2025, h2_2024]).exists()
    ok = _add(client, merged.reporter, merged, "hau-giang-truoc-2025", h2_2024)
    assert ok.status_code == 302


def test_submitting_saves_what_is_on_the_screen_first(client, world):
    client.force_login(world.reporter)
    indicator = IndicatorFactory(commitment=world.road, name="Km duy tu", unit_of_measure="km")
    url = reverse("admin:reports_progressreport_change", args=[world.our_report.pk])
    data = report_form(
        world.our_report,
        recommendations="Bố trí vốn năm sau",
        **{
            "values-TOTAL_FORMS": 1,
            "values-0-indicator": indicator.pk,
            "values-0-value": "12,5",
            "_submit_report": "1",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302
    report = ProgressReport.objects.get(pk=world.our_report.pk)
    assert report.status == "submitted" and report.submitted_by == world.reporter
    assert report.recommendations == "Bố trí vốn năm sau"
    assert [v.value for v in report.values.all()] == [Decimal("12.5")]


def test_a_submit_with_an_invalid_form_keeps_the_form_and_saves_nothing(client, world):
    client.force_login(world.reporter)
    url = reverse("admin:reports_progressreport_change", args=[world.our_report.pk])
    data = report_form(
        world.our_report, stage="", recommendations="Giữ lại chữ này", _submit_report="1"
    )
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Giữ lại chữ này" in page
    # The banner in Vietnamese (locale/vi gives Django's plural pair its translation).
    assert "Vui lòng sửa các lỗi dưới đây." in page and "Please correct" not in page
    report = ProgressReport.objects.get(pk=world.our_report.pk)
    assert report.status == "draft" and report.recommendations == ""


def test_a_duplicate_report_links_to_the_one_that_exists(client, world):
    client.force_login(world.reporter)
    blank = ProgressReport(
        commitment=world.road, period=world.period, reporting_unit=world.our_report.reporting_unit
    )
    response = client.post(ADD, report_form(blank, seen_version=""))
    page = response.content.decode()
    url = reverse("admin:reports_progressreport_change", args=[world.our_report.pk])
    assert response.status_code == 200 and f'href="{url}"' in page
    assert page.count("Đã có báo cáo của bên này") == 1


def test_the_add_form_lays_out_the_commitments_indicators_before_the_first_save(client, world):
    IndicatorFactory(
        commitment=world.road, name="Lượt hành khách", unit_of_measure="người/năm", target=3315
    )
    client.force_login(world.reporter)
    response = client.get(f"{ADD}?commitment={world.road.pk}")
    page = response.content.decode()
    assert 'name="values-TOTAL_FORMS" value="1"' in page
    assert "Lượt hành khách (người/năm) — mục tiêu 3.315" in page
    assert 'id="workflow-submit"' in page  # saved and sent in one step from the add form


def test_reporters_are_not_offered_future_periods_and_periods_say_where_they_stand(client, world):
    client.force_login(world.reporter)
    form = client.get(ADD).context["adminform"].form
    today = dt.date.today()
    offered = list(form.fields["period"].queryset)
    assert offered and all(p.data_from <= today for p in offered)
    future = period(today.year + 1, 2)
    assert future.phase(today) == "future" and future.phase_label(today) == "chưa đến kỳ"


def test_the_add_form_reads_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    from agreements.tests.factories import CommitmentFactory

    client.force_login(world.reporter)
    url = f"{ADD}?commitment={world.road.pk}"
    IndicatorFactory(commitment=world.road, name="Chỉ tiêu 0")
    client.get(url)  # the periods made once
    for n in range(1, 21):  # twenty more indicator rows and commitments to choose from
        IndicatorFactory(commitment=world.road, name=f"Chỉ tiêu {n}")
        CommitmentFactory(agreement=world.ours, lead_agency=world.transport)
    # savepoint and release, session, user, the user's and groups' permissions,
    # membership with its agency, agency links, units merged into theirs, periods that
    # exist, their agencies' units, units merged (two steps), the open periods, unit
    # locks, the owed rows, the missing indicators, the inline's row count, the indicator
    # choices (once for every row), the commitment, period and party choices
    with django_assert_num_queries(22):
        assert client.get(url).status_code == 200
