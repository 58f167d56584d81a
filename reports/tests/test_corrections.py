"""Corrections of approved reports: a new revision, reviewed again, public only once approved."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from agreements.access import actor_for
from agreements.roles import assign_role
from agreements.tests.factories import AgencyFactory, IndicatorFactory
from reports import exports
from reports.models import (
    CommitmentStanding,
    CorrectedValue,
    IndicatorValue,
    ReportCorrection,
    period_seq,
)
from reports.services import corrections, workflow

pytestmark = pytest.mark.django_db

OLD_TEXT = "Đã khởi công 2 km đường tỉnh 931B"
NEW_TEXT = "Đã thi công xong 5 km đường tỉnh 931B"
REASON = "Số liệu km báo cáo nhầm"


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


@pytest.fixture
def approved(world):
    """Hậu Giang's road report, written and sent by its reporter, approved by Cần Thơ."""
    world.km = IndicatorFactory(commitment=world.road, name="Chiều dài", unit_of_measure="km")
    world.jobs = IndicatorFactory(commitment=world.road, name="Lao động", unit_of_measure="người")
    report = world.our_report
    report.stage, report.percent, report.achievements = "started", Decimal("10"), OLD_TEXT
    report.created_by = world.reporter
    report.save()
    IndicatorValue.objects.create(report=report, indicator=world.km, value=2, note="ước")
    workflow.submit(report=report, actor=actor_for(world.reporter))
    return workflow.approve(report=report, actor=actor_for(world.planner))


def request(world, report, who=None, reason=REASON):
    return corrections.request_correction(
        report=report, actor=actor_for(who or world.reporter), reason=reason
    )


def edit(correction, **content):
    """What the reporter would type into the correction's page."""
    for name, value in content.items():
        setattr(correction, name, value)
    correction.version += 1
    correction.save()
    return correction


def standing_stage(report) -> str:
    row = CommitmentStanding.objects.get(
        commitment=report.commitment,
        seq=period_seq(report.period.year, report.period.half),
        unit__isnull=True,
    )
    return row.stage


def submitted_correction(world, approved, who=None):
    correction = request(world, approved, who=who)
    edit(correction, stage="implementing", percent=Decimal("50"), achievements=NEW_TEXT)
    return corrections.submit(correction=correction, actor=actor_for(who or world.reporter))


# --- the whole flow -----------------------------------------------------------------------


def test_a_request_copies_the_approved_report_into_a_draft(world, approved):
    correction = request(world, approved)
    assert (correction.status, correction.created_by, correction.reason) == (
        "draft",
        world.reporter,
        REASON,
    )
    assert (correction.stage, correction.percent, correction.achievements) == (
        "started",
        Decimal("10"),
        OLD_TEXT,
    )
    assert [(v.indicator, v.value, v.note) for v in correction.values.all()] == [
        (world.km, Decimal("2"), "ước")
    ]
    assert corrections.differences(correction) == []


def test_the_report_changes_only_when_the_correction_is_approved(world, approved):
    before = fresh(approved)
    correction = request(world, approved)
    edit(correction, stage="implementing", percent=Decimal("50"), achievements=NEW_TEXT)
    km = correction.values.get(indicator=world.km)
    km.value, km.note = Decimal("5"), ""
    km.save()
    CorrectedValue.objects.create(correction=correction, indicator=world.jobs, value=120)

    def unchanged():
        report = fresh(approved)
        assert (report.status, report.stage, report.achievements) == (
            "approved",
            "started",
            OLD_TEXT,
        )
        assert (report.revision, report.corrected_at, report.correction_reason) == (1, None, "")
        assert report.version == before.version
        values = IndicatorValue.objects.filter(report=report)
        assert [(v.indicator_id, v.value) for v in values] == [(world.km.pk, Decimal("2"))]

    corrections.submit(correction=correction, actor=actor_for(world.reporter))
    unchanged()
    corrections.return_for_revision(
        correction=correction, actor=actor_for(world.planner), reason="Thiếu số lao động"
    )
    assert fresh(correction).status == "returned"
    assert fresh(correction).return_reason == "Thiếu số lao động"
    unchanged()
    corrections.submit(correction=correction, actor=actor_for(world.reporter))
    unchanged()
    done = corrections.approve(correction=correction, actor=actor_for(world.planner))

    assert (done.status, done.reviewed_by, done.return_reason) == ("approved", world.planner, "")
    report = fresh(approved)
    assert (report.status, report.stage, report.percent, report.achievements) == (
        "approved",
        "implementing",
        Decimal("50"),
        NEW_TEXT,
    )
    assert (report.revision, report.correction_reason) == (2, REASON)
    assert report.corrected_at == done.reviewed_at
    assert report.version == before.version + 1
    # the original approval stays on record; the correction has its own reviewer
    assert (report.reviewed_by, report.reviewed_at) == (before.reviewed_by, before.reviewed_at)
    values = IndicatorValue.objects.filter(report=report).order_by("indicator_id")
    assert [(v.indicator_id, v.value, v.note) for v in values] == [
        (world.km.pk, Decimal("5"), ""),
        (world.jobs.pk, Decimal("120"), ""),
    ]


def test_an_approved_correction_can_remove_a_value(world, approved):
    correction = request(world, approved)
    correction.values.get(indicator=world.km).delete()
    corrections.submit(correction=correction, actor=actor_for(world.reporter))
    corrections.approve(correction=correction, actor=actor_for(world.planner))
    assert not IndicatorValue.objects.filter(report=approved).exists()


def test_the_history_keeps_every_revision(world, approved):
    correction = submitted_correction(world, approved)
    km = correction.values.get(indicator=world.km)
    km.value = Decimal("5")
    km.save()
    corrections.approve(correction=correction, actor=actor_for(world.planner))
    second = submitted_correction(world, approved)
    edit(second, achievements="Đã thi công xong 6 km")
    corrections.approve(correction=second, actor=actor_for(world.planner))

    records = list(fresh(approved).history.order_by("history_date", "history_id"))
    assert [r.revision for r in records] == [1, 1, 1, 1, 2, 3]
    assert [r.status for r in records] == [
        "draft",
        "draft",
        "submitted",
        "approved",
        "approved",
        "approved",
    ]
    assert records[3].achievements == OLD_TEXT
    assert records[4].achievements == NEW_TEXT and records[4].correction_reason == REASON
    assert records[5].achievements == "Đã thi công xong 6 km"
    assert [r.history_user for r in records[4:]] == [world.planner, world.planner]
    km_values = IndicatorValue.history.filter(indicator=world.km).order_by("history_date")
    assert [v.value for v in km_values] == [Decimal("2"), Decimal("5")]
    assert list(
        ReportCorrection.history.filter(id=correction.pk)
        .order_by("history_date", "history_id")
        .values_list("status", flat=True)
    ) == ["draft", "draft", "submitted", "approved"]


def test_the_standing_follows_the_approved_revision_only(world, approved):
    assert standing_stage(approved) == "started"
    correction = submitted_correction(world, approved)
    assert standing_stage(approved) == "started"
    corrections.approve(correction=correction, actor=actor_for(world.planner))
    assert standing_stage(approved) == "implementing"


def test_the_public_page_shows_the_approved_text_until_the_correction_is_approved(
    client, world, approved
):
    correction = submitted_correction(world, approved)
    page = client.get(f"/agreements/{world.ours.slug}/").content.decode()
    assert OLD_TEXT in page and NEW_TEXT not in page
    assert "đã điều chỉnh ngày" not in page
    corrections.approve(correction=correction, actor=actor_for(world.planner))
    page = client.get(f"/agreements/{world.ours.slug}/").content.decode()
    assert NEW_TEXT in page and OLD_TEXT not in page
    day = timezone.localdate(fresh(approved).corrected_at).strftime("%d/%m/%Y")
    assert f"đã điều chỉnh ngày {day} ({REASON})" in page


def test_the_reports_file_notes_the_correction(world, approved):
    correction = submitted_correction(world, approved)
    corrections.approve(correction=correction, actor=actor_for(world.planner))
    out = io.BytesIO()
    scope = exports.scope_for_agreement(agreement=world.ours, year=2024)
    exports.write_reports_csv(scope=scope, out=out)
    rows = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig"))))
    note = rows[0].index("Ghi chú")
    row = next(r for r in rows[1:] if r[rows[0].index("Mã báo cáo")] == str(approved.pk))
    day = timezone.localdate(fresh(approved).corrected_at).strftime("%d/%m/%Y")
    assert row[note] == f"Đã điều chỉnh ngày {day}: {REASON}"
    assert row[rows[0].index("Kết quả thực hiện")] == NEW_TEXT


# --- refusals -----------------------------------------------------------------------------


def test_a_report_that_is_not_approved_cannot_be_corrected(world):
    report = workflow.submit(report=world.our_report, actor=actor_for(world.reporter))
    with pytest.raises(ValidationError, match="Chỉ điều chỉnh được báo cáo đã duyệt"):
        request(world, report)
    assert not ReportCorrection.objects.exists()


def test_a_second_open_correction_is_refused_until_the_first_is_approved(world, approved):
    first = request(world, approved)
    with pytest.raises(ValidationError, match="đang có một đề nghị điều chỉnh"):
        request(world, approved, who=world.planner)
    with pytest.raises(IntegrityError), transaction.atomic():  # the database says so too
        ReportCorrection.objects.create(report=approved, reason="lần hai", stage="started")
    corrections.submit(correction=first, actor=actor_for(world.reporter))
    corrections.approve(correction=first, actor=actor_for(world.planner))
    assert request(world, approved).status == "draft"
    assert approved.corrections.count() == 2


def test_a_correction_needs_a_reason(world, approved):
    with pytest.raises(ValidationError):
        request(world, approved, reason="   ")
    assert not ReportCorrection.objects.exists()


def test_the_writer_of_a_correction_cannot_review_it(world, approved):
    correction = submitted_correction(world, approved, who=world.planner)
    with pytest.raises(PermissionDenied, match="nguyên tắc hai người"):
        corrections.approve(correction=correction, actor=actor_for(world.planner))
    with pytest.raises(PermissionDenied):
        corrections.return_for_revision(
            correction=correction, actor=actor_for(world.planner), reason="x"
        )
    assert fresh(correction).status == "submitted"
    assert corrections.approve(correction=correction, actor=actor_for(world.admin)).status == (
        "approved"
    )


def test_a_one_person_department_may_relax_four_eyes_for_corrections(settings, world, approved):
    settings.REPORT_FOUR_EYES = False
    correction = submitted_correction(world, approved, who=world.planner)
    corrections.approve(correction=correction, actor=actor_for(world.planner))
    assert fresh(approved).revision == 2


def test_a_reporter_cannot_review_a_correction(world, approved):
    correction = submitted_correction(world, approved)
    with pytest.raises(PermissionDenied):
        corrections.approve(correction=correction, actor=actor_for(world.reporter))
    assert fresh(correction).status == "submitted"


def test_other_units_and_agencies_can_neither_request_nor_review(
    world, django_user_model, approved
):
    other_reporter = django_user_model.objects.create_user("baocao.gtvt.camau")
    assign_role(
        user=other_reporter,
        role="reporter",
        unit=world.units["ca-mau-truoc-2025"],
        agency=world.ca_mau_transport,
    )
    same_unit_other_agency = django_user_model.objects.create_user("baocao.yte.haugiang")
    assign_role(
        user=same_unit_other_agency,
        role="reporter",
        unit=world.units["hau-giang-truoc-2025"],
        agency=AgencyFactory(unit=world.units["hau-giang-truoc-2025"], name="Sở Y tế Hậu Giang"),
    )
    for refused in (world.outsider, other_reporter, same_unit_other_agency, world.viewer):
        with pytest.raises(PermissionDenied):
            request(world, approved, who=refused)
    assert not ReportCorrection.objects.exists()
    correction = submitted_correction(world, approved)
    for refused in (world.outsider, other_reporter, world.viewer):
        with pytest.raises(PermissionDenied):
            corrections.approve(correction=correction, actor=actor_for(refused))
    assert fresh(correction).status == "submitted"


def test_a_stale_tab_cannot_approve(world, approved):
    correction = submitted_correction(world, approved)
    seen = correction.version
    corrections.return_for_revision(
        correction=correction, actor=actor_for(world.planner), reason="Thiếu"
    )
    edit(fresh(correction), achievements="Nội dung khác")
    corrections.submit(correction=correction, actor=actor_for(world.reporter))
    with pytest.raises(ValidationError, match="đã được thay đổi sau khi bạn mở trang"):
        corrections.approve(
            correction=correction, actor=actor_for(world.planner), seen_version=seen
        )
    assert fresh(correction).status == "submitted" and fresh(approved).revision == 1


def test_a_return_needs_a_reason(world, approved):
    correction = submitted_correction(world, approved)
    with pytest.raises(ValidationError):
        corrections.return_for_revision(
            correction=correction, actor=actor_for(world.planner), reason=" "
        )
    assert fresh(correction).status == "submitted"


# --- through the admin --------------------------------------------------------------------


def request_url(report):
    return reverse("admin:reports_reportcorrection_request", args=[report.pk])


def change_url(correction):
    return reverse("admin:reports_reportcorrection_change", args=[correction.pk])


def test_the_approved_report_page_offers_a_correction_and_makes_one(client, world, approved):
    client.force_login(world.reporter)
    page = client.get(reverse("admin:reports_progressreport_change", args=[approved.pk]))
    assert 'id="correction-request"' in page.content.decode()
    response = client.post(request_url(approved), {"correction_reason_input": REASON})
    correction = ReportCorrection.objects.get(report=approved)
    assert response.status_code == 302 and response["Location"] == change_url(correction)
    assert (correction.reason, correction.created_by) == (REASON, world.reporter)
    # one open correction: the button is gone, the revisions list links to it
    page = client.get(reverse("admin:reports_progressreport_change", args=[approved.pk]))
    html = page.content.decode()
    assert 'id="correction-request"' not in html
    assert change_url(correction) in html


def test_the_request_is_a_post_and_refused_to_other_units(client, world, approved):
    client.force_login(world.reporter)
    assert client.get(request_url(approved)).status_code == 403
    for refused in (world.outsider, world.viewer):
        client.force_login(refused)
        page = client.get(reverse("admin:reports_progressreport_change", args=[approved.pk]))
        assert 'id="correction-request"' not in page.content.decode()
        response = client.post(request_url(approved), {"correction_reason_input": REASON})
        assert response.status_code == 403
    assert not ReportCorrection.objects.exists()


def test_the_correction_page_edits_submits_and_the_reviewer_approves(client, world, approved):
    correction = request(world, approved)
    value = correction.values.get()
    client.force_login(world.reporter)
    data = {
        "reason": REASON,
        "stage": "implementing",
        "percent": "50",
        "achievements": NEW_TEXT,
        "seen_version": correction.version,
        "values-TOTAL_FORMS": 1,
        "values-INITIAL_FORMS": 1,
        "values-0-id": value.pk,
        "values-0-correction": correction.pk,
        "values-0-indicator": world.km.pk,
        "values-0-value": "5",
        "values-0-seen_version": value.version,
        "_save": "Lưu",
    }
    assert client.post(change_url(correction), data).status_code == 302
    assert fresh(correction).achievements == NEW_TEXT
    assert fresh(approved).achievements == OLD_TEXT
    url = reverse("admin:reports_reportcorrection_transition", args=[correction.pk, "submit"])
    assert client.post(url, {"seen_version": fresh(correction).version}).status_code == 302
    assert fresh(correction).status == "submitted"
    # the writer's page offers no approval; the reviewer's shows what changes
    page = client.get(change_url(correction)).content.decode()
    assert 'id="workflow-approve"' not in page
    client.force_login(world.planner)
    page = client.get(change_url(correction)).content.decode()
    assert 'id="workflow-approve"' in page and OLD_TEXT in page and NEW_TEXT in page
    url = reverse("admin:reports_reportcorrection_transition", args=[correction.pk, "approve"])
    assert client.post(url, {"seen_version": fresh(correction).version}).status_code == 302
    report = fresh(approved)
    assert (report.achievements, report.revision) == (NEW_TEXT, 2)
    assert IndicatorValue.objects.get(report=report).value == Decimal("5")
    page = client.get(reverse("admin:reports_progressreport_change", args=[approved.pk]))
    html = page.content.decode()
    assert 'id="report-revisions"' in html and REASON in html and 'id="corrected-note"' in html


def test_an_approved_correction_is_read_only_in_the_admin(client, world, approved):
    correction = submitted_correction(world, approved)
    corrections.approve(correction=correction, actor=actor_for(world.planner))
    client.force_login(world.reporter)
    response = client.post(
        change_url(correction),
        {"reason": "x", "stage": "completed", "seen_version": fresh(correction).version},
    )
    assert response.status_code == 403
    assert fresh(correction).stage == "implementing"


def test_the_writer_deletes_a_draft_but_not_a_submitted_correction(client, world, approved):
    draft = request(world, approved)
    client.force_login(world.reporter)
    delete = reverse("admin:reports_reportcorrection_delete", args=[draft.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not ReportCorrection.objects.filter(pk=draft.pk).exists()
    sent = submitted_correction(world, approved)
    delete = reverse("admin:reports_reportcorrection_delete", args=[sent.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert ReportCorrection.objects.filter(pk=sent.pk).exists()


def test_the_list_shows_each_user_the_corrections_of_their_reports(client, world, approved):
    correction = request(world, approved)
    url = reverse("admin:reports_reportcorrection_changelist")
    for person, seen in [
        (world.reporter, [correction.pk]),
        (world.planner, [correction.pk]),
        (world.admin, [correction.pk]),
        (world.outsider, []),
    ]:
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200
        assert [c.pk for c in response.context["cl"].result_list] == seen
    client.force_login(world.outsider)
    assert client.get(change_url(correction)).status_code == 302  # "no such object"
