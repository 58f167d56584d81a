"""Every role against objects of its own unit and of another unit, through the admin.

Each case names the user, the request and the one outcome allowed; the server
must refuse everything else, whatever the browser shows or hides.
"""

import pytest
from django.urls import reverse

from agreements.models import Agreement, Commitment
from reports.models import ProgressReport
from reports.tests.factories import report_form

pytestmark = pytest.mark.django_db

ROLES = ["admin", "planner", "reporter", "viewer", "outsider"]


def as_user(client, user):
    client.force_login(user)
    return client


def url(name, *args):
    return reverse(f"admin:{name}", args=args)


# --- agreements: change own, not another unit's ---------------------------------------

AGREEMENT_CHANGE = {  # role -> (ours, theirs): may change?
    "admin": (True, True),
    "planner": (True, False),
    "reporter": (False, False),
    "viewer": (False, False),
    "outsider": (False, True),
}


@pytest.mark.parametrize("role", ROLES)
def test_agreement_change_by_role(client, world, role):
    client = as_user(client, getattr(world, role))
    for agreement, allowed in zip((world.ours, world.theirs), AGREEMENT_CHANGE[role], strict=True):
        response = client.post(
            url("agreements_agreement_change", agreement.pk), {"title": "Đổi tên"}
        )
        agreement.refresh_from_db()
        assert agreement.title != "Đổi tên"  # an incomplete form never saves
        if allowed:
            assert response.status_code == 200  # form re-shown with its errors
        else:
            assert response.status_code == 403, (role, agreement.title)


@pytest.mark.parametrize("role", ROLES)
def test_agreement_delete_by_role(client, world, role):
    client = as_user(client, getattr(world, role))
    for agreement, allowed in zip((world.ours, world.theirs), AGREEMENT_CHANGE[role], strict=True):
        response = client.post(url("agreements_agreement_delete", agreement.pk), {"post": "yes"})
        exists = Agreement.objects.filter(pk=agreement.pk).exists()
        if allowed:
            # PROTECT on reports keeps the agreement; the page explains instead of a 403
            assert response.status_code in (200, 302)
        else:
            assert response.status_code == 403 and exists


@pytest.mark.parametrize("role", ROLES)
def test_commitment_stage_change_by_role(client, world, role):
    client = as_user(client, getattr(world, role))
    for commitment, allowed in zip((world.road, world.bridge), AGREEMENT_CHANGE[role], strict=True):
        data = {
            "agreement": commitment.agreement_id,
            "sector": commitment.sector_id,
            "number": 1,
            "title": commitment.title,
            "stage": "implementing",
            "seen_version": commitment.version,
            "indicators-TOTAL_FORMS": 0,
            "indicators-INITIAL_FORMS": 0,
        }
        response = client.post(url("agreements_commitment_change", commitment.pk), data)
        stage = Commitment.objects.get(pk=commitment.pk).stage
        if allowed:
            assert response.status_code == 302 and stage == "implementing", (
                role,
                response.content[:300],
            )
        else:
            assert response.status_code == 403 and stage != "implementing"


def test_planning_staff_cannot_record_an_agreement_without_their_unit(client, world):
    client = as_user(client, world.planner)
    data = {
        "title": "Cà Mau - Bạc Liêu mới",
        "slug": "ca-mau-bac-lieu-moi",
        "kind": "bilateral",
        "signed_on": "01/03/2023",
        "term_start": "01/03/2023",
        "term_end": "31/12/2025",
        "parties-TOTAL_FORMS": 1,
        "parties-INITIAL_FORMS": 0,
        "parties-0-unit": world.units["ca-mau-truoc-2025"].pk,
        "parties-0-role": "party",
        "parties-0-order": 1,
        "commitments-TOTAL_FORMS": 0,
        "commitments-INITIAL_FORMS": 0,
        "documents-TOTAL_FORMS": 0,
        "documents-INITIAL_FORMS": 0,
    }
    response = client.post(url("agreements_agreement_add"), data)
    assert response.status_code == 200
    assert "Đơn vị của bạn phải là một bên" in response.content.decode()
    assert not Agreement.objects.filter(slug="ca-mau-bac-lieu-moi").exists()
    data["parties-0-unit"] = world.units["hau-giang-truoc-2025"].pk  # in Cần Thơ's scope
    assert client.post(url("agreements_agreement_add"), data).status_code == 302
    assert Agreement.objects.filter(slug="ca-mau-bac-lieu-moi").exists()


# --- reports: who sees, writes, moves which ------------------------------------------

REPORT_VISIBLE = {  # role -> (our draft, their draft) in the changelist
    "admin": (True, True),
    "planner": (True, False),
    "reporter": (True, False),
    "viewer": (False, False),  # viewers see approved reports only
    "outsider": (False, True),
}


@pytest.mark.parametrize("role", ROLES)
def test_report_changelist_shows_only_the_roles_reports(client, world, role):
    client = as_user(client, getattr(world, role))
    response = client.get(url("reports_progressreport_changelist"))
    assert response.status_code == 200
    shown = {r.pk for r in response.context["cl"].result_list}
    expected = {
        r.pk
        for r, visible in zip(
            (world.our_report, world.their_report), REPORT_VISIBLE[role], strict=True
        )
        if visible
    }
    assert shown == expected


@pytest.mark.parametrize("role", ROLES)
def test_a_hidden_report_cannot_be_opened_by_its_address(client, world, role):
    client = as_user(client, getattr(world, role))
    for report, visible in zip(
        (world.our_report, world.their_report), REPORT_VISIBLE[role], strict=True
    ):
        response = client.get(url("reports_progressreport_change", report.pk))
        assert (response.status_code == 200) == visible, (role, report.pk, response.status_code)


REPORT_WRITE = {
    "admin": (True, True),
    "planner": (True, False),
    "reporter": (True, False),
    "viewer": (False, False),
    "outsider": (False, True),
}


@pytest.mark.parametrize("role", ROLES)
def test_report_edit_by_role(client, world, role):
    client = as_user(client, getattr(world, role))
    for report, allowed in zip(
        (world.our_report, world.their_report), REPORT_WRITE[role], strict=True
    ):
        response = client.post(url("reports_progressreport_change", report.pk), report_form(report))
        saved = ProgressReport.objects.get(pk=report.pk)
        if allowed:
            assert response.status_code == 302, (role, response.context["errors"])
            assert saved.achievements == "Đã thi công 3 km" and str(saved.percent) == "40.5"
        else:
            assert response.status_code in (403, 302) and saved.achievements == ""
            if response.status_code == 302:  # hidden object: the admin redirects to the index
                assert "/change/" not in response.url


@pytest.mark.parametrize("role", ["reporter", "planner"])
def test_a_forged_commitment_of_another_unit_is_refused(client, world, role):
    client = as_user(client, getattr(world, role))
    data = report_form(world.our_report, commitment=world.bridge.pk, period=world.period.pk)
    data.pop("seen_version")
    before = ProgressReport.objects.count()
    response = client.post(url("reports_progressreport_add"), data)
    assert response.status_code == 200
    assert "commitment" in response.context["adminform"].form.errors
    assert ProgressReport.objects.count() == before


def transition(client, report, name, **data):
    """Press a workflow button on a freshly opened report page (it carries the version)."""
    data.setdefault("seen_version", ProgressReport.objects.get(pk=report.pk).version)
    return client.post(url("reports_progressreport_transition", report.pk, name), data)


def test_the_reporter_submits_and_only_their_planning_staff_approve(client, world):
    assert (
        transition(as_user(client, world.reporter), world.our_report, "submit").status_code == 302
    )
    assert ProgressReport.objects.get(pk=world.our_report.pk).status == "submitted"
    for refused in (world.reporter, world.viewer, world.outsider):
        response = transition(as_user(client, refused), world.our_report, "approve")
        assert response.status_code in (403, 404)
    assert ProgressReport.objects.get(pk=world.our_report.pk).status == "submitted"
    assert (
        transition(as_user(client, world.planner), world.our_report, "approve").status_code == 302
    )
    assert ProgressReport.objects.get(pk=world.our_report.pk).status == "approved"


def test_a_transition_by_get_is_refused(client, world):
    response = as_user(client, world.reporter).get(
        url("reports_progressreport_transition", world.our_report.pk, "submit")
    )
    assert response.status_code == 403
    assert ProgressReport.objects.get(pk=world.our_report.pk).status == "draft"


def test_returning_without_a_reason_changes_nothing(client, world):
    transition(as_user(client, world.reporter), world.our_report, "submit")
    response = transition(
        as_user(client, world.planner), world.our_report, "return", return_reason_input=""
    )
    assert response.status_code == 302
    assert ProgressReport.objects.get(pk=world.our_report.pk).status == "submitted"


def test_the_reporter_sees_the_reason_on_a_returned_report(client, world):
    transition(as_user(client, world.reporter), world.our_report, "submit")
    transition(
        as_user(client, world.planner), world.our_report, "return", return_reason_input="Thiếu ảnh"
    )
    page = as_user(client, world.reporter).get(
        url("reports_progressreport_change", world.our_report.pk)
    )
    assert "Thiếu ảnh" in page.content.decode()


# --- users and periods -------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_manage_users(client, world, role):
    response = as_user(client, getattr(world, role)).get(url("auth_user_changelist"))
    assert (response.status_code == 200) == (role == "admin")


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_close_the_national_periods(client, world, role):
    # Periods are national until each unit keeps its own calendar (issue 10): one unit's
    # planning staff must not lock every other unit's reporters out.
    client = as_user(client, getattr(world, role))
    client.post(
        url("reports_reportingperiod_changelist"),
        {"action": "close_periods", "_selected_action": [world.period.pk]},
    )
    world.period.refresh_from_db()
    assert world.period.is_closed == (role == "admin")


@pytest.mark.parametrize("role", ROLES)
def test_the_completeness_grid_is_for_planning_staff(client, world, role):
    response = as_user(client, getattr(world, role)).get(
        reverse("reports:completeness", kwargs={"pk": world.period.pk})
    )
    assert (response.status_code == 200) == (role in ("admin", "planner", "outsider"))


def test_bulk_delete_of_another_units_agreement_is_refused(client, world):
    from agreements.tests.factories import bilateral

    bare = bilateral("ca-mau-truoc-2025", "bac-lieu-truoc-2025", title="Không có báo cáo")
    mine = bilateral(title="Của Cần Thơ, không có báo cáo")
    client = as_user(client, world.planner)
    data = {"action": "delete_selected", "_selected_action": [bare.pk], "post": "yes"}
    client.post(url("agreements_agreement_changelist"), data)
    assert Agreement.objects.filter(pk=bare.pk).exists()
    data["_selected_action"] = [mine.pk]
    client.post(url("agreements_agreement_changelist"), data)
    assert not Agreement.objects.filter(pk=mine.pk).exists()  # the same action on its own


def test_there_is_no_bulk_approval_from_the_list(client, world):
    # Approving is a decision on the text the reviewer read, with the version they saw:
    # a list cannot carry it, so the action is gone and posting it approves nothing.
    from agreements.access import actor_for
    from reports.services import workflow

    workflow.submit(report=world.our_report, actor=actor_for(world.reporter))
    for user in (world.reporter, world.planner, world.admin):
        as_user(client, user).post(
            url("reports_progressreport_changelist"),
            {"action": "approve_reports", "_selected_action": [world.our_report.pk]},
        )
    assert ProgressReport.objects.get(pk=world.our_report.pk).status == "submitted"
