"""Multilateral agreements: each party changes its own part; the coordinator the rest.

Cần Thơ coordinates a programme with An Giang and Cà Mau (as signed in 2016). Cà Mau's
planning staff (``world.outsider``, a partner here) may change Cà Mau's commitments and
its own party row, and nothing of Cần Thơ's or An Giang's, nor the agreement-wide fields.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from agreements.models import Agreement, AgreementParty, Commitment
from agreements.tests.factories import AgreementFactory, CommitmentFactory, PartyFactory, unit
from portal.lib.authz import allows


@pytest.fixture
def programme(world):
    agreement = AgreementFactory(kind=Agreement.Kind.MULTILATERAL, title="Vùng Tây Nam sông Hậu")
    parties = {
        key: PartyFactory(
            agreement=agreement,
            unit=unit(f"{key}-truoc-2025"),
            order=n,
            role="coordinator" if key == "can-tho" else "party",
        )
        for n, key in enumerate(["can-tho", "an-giang", "ca-mau"], start=1)
    }
    commitments = {
        key: CommitmentFactory(
            agreement=agreement, committing_unit=unit(f"{key}-truoc-2025"), title=f"Việc của {key}"
        )
        for key in ("can-tho", "ca-mau")
    }
    commitments["joint"] = CommitmentFactory(agreement=agreement, title="Việc chung")
    return agreement, parties, commitments


def test_a_partner_changes_its_own_commitment_and_no_other(world, programme):
    agreement, parties, commitments = programme
    partner = world.outsider  # Cà Mau's planning staff
    assert allows(partner, "agreements.change_commitment", commitments["ca-mau"])
    assert not allows(partner, "agreements.change_commitment", commitments["can-tho"])
    assert not allows(partner, "agreements.change_commitment", commitments["joint"])
    assert allows(world.planner, "agreements.change_commitment", commitments["joint"])


def test_the_party_list_and_the_agreement_wide_fields_belong_to_the_coordinator(world, programme):
    agreement, parties, _ = programme
    assert allows(world.planner, "agreements.change_agreement_terms", agreement)
    assert not allows(world.outsider, "agreements.change_agreement_terms", agreement)
    assert not allows(world.outsider, "agreements.delete_agreementparty", parties["can-tho"])
    assert allows(world.outsider, "agreements.change_agreementparty", parties["ca-mau"])
    assert not allows(world.outsider, "agreements.change_agreementparty", parties["an-giang"])
    assert allows(world.admin, "agreements.delete_agreementparty", parties["an-giang"])


def test_without_a_named_coordinator_only_administrators_hold_a_multilateral_agreement(
    world, programme
):
    agreement, parties, _ = programme
    AgreementParty.objects.filter(pk=parties["can-tho"].pk).update(role="party")
    assert not allows(world.planner, "agreements.change_agreement_terms", agreement)
    assert allows(world.admin, "agreements.change_agreement_terms", agreement)
    # a two-party agreement belongs to both parties
    assert allows(world.planner, "agreements.change_agreement_terms", world.ours)


def _change_form_data(response) -> dict:
    """What the browser would post back unchanged from an admin change page."""
    data = {}
    adminform = response.context["adminform"]
    for name in adminform.form.fields:
        if name in adminform.readonly_fields:
            continue
        value = adminform.form[name].value()
        if value is None:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list) else str(value)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = str(management[name].value())
        for form in formset.forms:
            for name in form.fields:
                value = form[name].value()
                if value is None or value is False:
                    continue
                data[form.add_prefix(name)] = (
                    [str(v) for v in value] if isinstance(value, list) else str(value)
                )
    return data


def set_party_field(data: dict, party, field: str, value: str) -> None:
    """Change one field of one party's row in posted agreement-page data."""
    for key, posted in list(data.items()):
        if key.startswith("parties-") and key.endswith("-id") and posted == str(party.pk):
            data[key.removesuffix("-id") + f"-{field}"] = value


def test_a_partner_cannot_remove_another_party_or_retitle_through_the_admin(
    client, world, programme
):
    agreement, parties, _ = programme
    client.force_login(world.outsider)
    page = client.get(reverse("admin:agreements_agreement_change", args=[agreement.pk]))
    assert page.status_code == 200
    data = _change_form_data(page)
    data["title"] = "Đổi tên trái phép"
    for key in list(data):
        if key.startswith("parties-") and key.endswith("-id"):
            data[key.replace("-id", "-DELETE")] = "on"  # try to remove every party
    client.post(reverse("admin:agreements_agreement_change", args=[agreement.pk]), data)
    agreement.refresh_from_db()
    assert agreement.title == "Vùng Tây Nam sông Hậu"
    assert AgreementParty.objects.filter(agreement=agreement).count() == 3


def test_a_partner_cannot_rewrite_another_partys_commitment_row_inline(client, world, programme):
    agreement, _, commitments = programme
    client.force_login(world.outsider)
    page = client.get(reverse("admin:agreements_agreement_change", args=[agreement.pk]))
    data = _change_form_data(page)
    for key, value in list(data.items()):
        if key.startswith("commitments-") and key.endswith("-title"):
            data[key] = value + " (sửa)"
    client.post(reverse("admin:agreements_agreement_change", args=[agreement.pk]), data)
    titles = dict(Commitment.objects.filter(agreement=agreement).values_list("pk", "title"))
    assert titles[commitments["can-tho"].pk] == "Việc của can-tho"
    assert titles[commitments["joint"].pk] == "Việc chung"


def test_the_coordinator_retitles_and_removes_a_party(client, world, programme):
    agreement, parties, _ = programme
    client.force_login(world.planner)
    page = client.get(reverse("admin:agreements_agreement_change", args=[agreement.pk]))
    data = _change_form_data(page)
    data["title"] = "Vùng Tây Nam sông Hậu (điều chỉnh)"
    response = client.post(reverse("admin:agreements_agreement_change", args=[agreement.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    agreement.refresh_from_db()
    assert agreement.title.endswith("(điều chỉnh)")


def test_a_second_save_of_an_agreement_over_a_newer_one_is_refused(client, world, programme):
    agreement, _, _ = programme
    client.force_login(world.planner)
    page = client.get(reverse("admin:agreements_agreement_change", args=[agreement.pk]))
    stale = _change_form_data(page)
    fresh = dict(stale, title="Bản lưu trước")
    change = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    assert client.post(change, fresh).status_code == 302
    response = client.post(change, dict(stale, title="Bản lưu sau, từ tab cũ"))
    assert response.status_code == 200
    assert "Người khác đã lưu bản ghi này" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.title == "Bản lưu trước"


# --- found in review: ways round the rules, each tried from the attacker's side -----------


def test_a_partner_cannot_make_itself_coordinator(client, world, programme):
    agreement, parties, _ = programme
    client.force_login(world.outsider)
    change = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    data = _change_form_data(client.get(change))
    set_party_field(data, parties["ca-mau"], "role", "coordinator")
    client.post(change, data)
    parties["ca-mau"].refresh_from_db()
    assert parties["ca-mau"].role == "party"
    assert not allows(world.outsider, "agreements.change_agreement_terms", agreement)
    # and the rule itself refuses the row as the form would leave it
    parties["ca-mau"].role = "coordinator"
    assert not allows(world.outsider, "agreements.change_agreementparty", parties["ca-mau"])


def test_a_partner_cannot_rewrite_another_partys_commitment_by_spreadsheet(world, programme):
    from agreements.resources import CommitmentResource
    from agreements.tests.sheets import errors_of, export_bytes, run_import

    agreement, _, commitments = programme
    theirs = Commitment.objects.filter(pk=commitments["can-tho"].pk)
    exported = export_bytes(CommitmentResource, "csv", theirs).decode("utf-8-sig")
    forged = exported.replace("Việc của can-tho", "Việc của can-tho", 1)
    lines = forged.splitlines()
    header = lines[0].split(",")
    row = lines[1].split(",")
    row[header.index("Mô tả")] = "Cà Mau viết thay"
    row[header.index("Bên cam kết")] = ""  # and try to turn it into a joint commitment
    content = "\n".join([lines[0], ",".join(row)]).encode("utf-8-sig")
    result = run_import(CommitmentResource, content, "csv", world.outsider)
    assert errors_of(result), "the import must refuse the row"
    commitments["can-tho"].refresh_from_db()
    assert commitments["can-tho"].description != "Cà Mau viết thay"
    assert commitments["can-tho"].committing_unit_id is not None
    # the coordinator's own staff may make the same change
    assert errors_of(run_import(CommitmentResource, content, "csv", world.planner)) == []


def test_a_commitment_cannot_be_moved_to_another_agreement(client, world, programme):
    _, _, commitments = programme
    mine = commitments["ca-mau"]
    client.force_login(world.outsider)
    change = reverse("admin:agreements_commitment_change", args=[mine.pk])
    page = client.get(change)
    assert "agreement" in page.context["adminform"].readonly_fields
    data = _change_form_data(page)
    data["agreement"] = str(world.theirs.pk)  # Cà Mau – Bạc Liêu
    client.post(change, data)
    mine.refresh_from_db()
    assert mine.agreement_id == programme[0].pk


def test_the_coordinator_cannot_remove_a_party_that_has_commitments(client, world, programme):
    agreement, parties, _ = programme
    client.force_login(world.planner)
    change = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    data = _change_form_data(client.get(change))
    set_party_field(data, parties["ca-mau"], "DELETE", "on")
    response = client.post(change, data)
    assert "còn nội dung cam kết hoặc báo cáo" in response.content.decode()
    assert AgreementParty.objects.filter(pk=parties["ca-mau"].pk).exists()
    # An Giang has none: the coordinator may remove it
    data = _change_form_data(client.get(change))
    set_party_field(data, parties["an-giang"], "DELETE", "on")
    assert client.post(change, data).status_code == 302
    assert not AgreementParty.objects.filter(pk=parties["an-giang"].pk).exists()


def test_a_row_changed_elsewhere_but_untouched_here_does_not_block_the_save(
    client, world, programme
):
    agreement, _, commitments = programme
    client.force_login(world.planner)
    change = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    data = _change_form_data(client.get(change))
    joint = Commitment.objects.get(pk=commitments["joint"].pk)
    joint.description = "Sửa ở trang riêng"
    joint.version += 1
    joint.save()
    data["title"] = "Vùng Tây Nam sông Hậu (sửa)"
    response = client.post(change, data)
    assert response.status_code == 302
    agreement.refresh_from_db()
    joint.refresh_from_db()
    assert agreement.title.endswith("(sửa)") and joint.description == "Sửa ở trang riêng"


def test_a_partner_cannot_record_a_meeting_in_another_units_name(client, world, programme):
    from reports.models import ReviewMeeting

    agreement, _, _ = programme
    add = reverse("admin:reports_reviewmeeting_add")
    client.force_login(world.admin)
    prefix = client.get(add).context["inline_admin_formsets"][0].formset.prefix
    data = {
        "agreement": agreement.pk,
        "host_unit": unit("can-tho-truoc-2025").pk,
        "title": "Hội nghị giả danh",
        "held_on": "10/06/2024",
        f"{prefix}-TOTAL_FORMS": 0,
        f"{prefix}-INITIAL_FORMS": 0,
    }
    client.force_login(world.outsider)
    client.post(add, data)
    assert not ReviewMeeting.objects.filter(title="Hội nghị giả danh").exists()
    client.force_login(world.planner)  # Cần Thơ itself may
    assert client.post(add, dict(data, title="Hội nghị thật")).status_code == 302
    assert ReviewMeeting.objects.filter(title="Hội nghị thật").exists()


def test_a_partner_saves_its_own_party_row_from_the_agreement_page(client, world, programme):
    agreement, parties, _ = programme
    client.force_login(world.outsider)
    change = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    data = _change_form_data(client.get(change))
    set_party_field(data, parties["ca-mau"], "signatory_name", "Người ký của Cà Mau")
    assert client.post(change, data).status_code == 302
    parties["ca-mau"].refresh_from_db()
    assert parties["ca-mau"].signatory_name == "Người ký của Cà Mau"
