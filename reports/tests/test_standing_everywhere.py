"""One standing, read the same everywhere, and a past year's workbook that never changes.

On the demo data: every page, open-data file and workbook says the same thing about
every commitment of the multilateral TP.HCM–ĐBSCL agreement (after two of its parties
disagree on one commitment), and the 2022 review workbook of Cần Thơ–Hậu Giang is
cell for cell the same after a 2024 report is approved.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils.text import capfirst
from openpyxl import load_workbook

from agreements.access import actor_for
from agreements.models import Agreement, Commitment
from regions.models import AdministrativeUnit
from reports import exports
from reports.models import CommitmentStanding, period_seq
from reports.queries import standing as records
from reports.services import workflow
from reports.services.standing_rules import CATEGORY_LABELS, standing_text
from reports.tests.factories import ProgressReportFactory, period

pytestmark = pytest.mark.django_db

MULTILATERAL = "tphcm-dbscl-2023-2025"
AS_OF = "2025-H1"  # pages are read as of the end of the consolidated report's period


@pytest.fixture
def demo(db, django_user_model):
    call_command("load_units", verbosity=0)
    call_command("load_demo", verbosity=0)
    from agreements.roles import assign_role

    users = []
    for name in ("quantri.mot", "quantri.hai"):
        user = django_user_model.objects.create_user(name, f"{name}@example.vn", "pw")
        assign_role(user=user, role="administrator")
        users.append(actor_for(user))
    return users


def approve(actors, report, **fields):
    for name, value in fields.items():
        setattr(report, name, value)
    report.save()
    workflow.submit(report=report, actor=actors[0])
    return workflow.approve(report=report, actor=actors[1])


def disagree(actors, agreement) -> Commitment:
    """A second party reports "proposed" where the responsible one reported further."""
    row = (
        CommitmentStanding.objects.filter(
            agreement=agreement, seq=period_seq(2025, 1), unit__isnull=False
        )
        .filter(stage__in=["studying", "started", "implementing", "completed"])
        .exclude(category="not_reported")
        .select_related("commitment", "unit")
        .first()
    )
    assert row is not None, "the demo needs a reported commitment in 2025-H1"
    other = (
        AdministrativeUnit.objects.filter(agreement_parties__agreement=agreement)
        .exclude(pk=row.unit_id)
        .order_by("short_name")
        .first()
    )
    report = ProgressReportFactory(
        commitment=row.commitment, period=period(2025, 1), reporting_unit=other
    )
    approve(actors, report, stage="proposed")
    return row.commitment


def workbook_rows(book, sheet_title_start: str) -> dict[str, list]:
    ws = next(ws for ws in book.worksheets if ws.title.startswith(sheet_title_start))
    return {
        str(row[1]): list(row)
        for row in ws.iter_rows(values_only=True)
        if isinstance(row[0], int | float) and row[1]  # 1 or 1.0: writers differ
    }


def test_pages_files_and_workbooks_agree_on_every_commitment(client, demo):
    agreement = Agreement.objects.get(slug=MULTILATERAL)
    split = disagree(demo, agreement)
    as_of = records.parse_as_of(AS_OF)
    truth = {
        s.commitment.title: s
        for s in records.standings_of(agreement.commitments.all(), as_of, with_parties=True)
    }
    assert len(truth) == agreement.commitments.count() >= 5
    assert truth[split.title].stage == "proposed"  # the least advanced party decides
    assert len({p.stage for p in truth[split.title].parties}) == 2  # each keeps its line
    expected_counts = Counter(s.category for s in truth.values())

    # the agreement page, its JSON and its CSV
    page = client.get(f"/agreements/{agreement.slug}/?as_of={AS_OF}")
    assert Counter(s.category for s in page.context["page"].standings) == expected_counts
    body = page.content.decode()
    assert body.count('class="stage stage-') >= len(truth)
    data = json.loads(
        client.get(f"/agreements/{agreement.slug}/?as_of={AS_OF}&format=json").content
    )
    assert {r["title"]: r["category"] for r in data["results"]} == {
        t: s.category for t, s in truth.items()
    }
    csv_text = client.get(f"/agreements/{agreement.slug}/?as_of={AS_OF}&format=csv").content
    csv_text = csv_text.decode("utf-8-sig")
    for title, s in truth.items():
        line = next(line for line in csv_text.splitlines() if title in line)
        assert f",{s.category}," in line, title

    # the dashboard and its JSON, filtered to nothing else
    board = client.get(f"/?as_of={AS_OF}")
    assert board.context["board"].by_agreement[agreement.pk].by_category == expected_counts
    rows = json.loads(client.get(f"/?as_of={AS_OF}&format=json").content)["results"]
    (mine,) = [r for r in rows if r["slug"] == agreement.slug]
    assert {k: mine[k] for k in CATEGORY_LABELS if mine[k]} == dict(expected_counts)

    # every party's unit page counts this agreement the same way
    for unit in AdministrativeUnit.objects.filter(agreement_parties__agreement=agreement)[:3]:
        unit_page = client.get(f"/provinces/{unit.key}/?as_of={AS_OF}")
        assert unit_page.context["standing"].by_agreement[agreement.pk].by_category == (
            expected_counts
        )

    # the review workbook of 2025-H1 ... is the consolidated report's period; the review
    # workbook of the agreement covers a year: compare it with the year's end.
    year_end = records.parse_as_of("2025-H2")
    at_year_end = {
        s.commitment.title: s
        for s in records.standings_of(agreement.commitments.all(), year_end, with_parties=True)
    }
    out = io.BytesIO()
    scope = exports.scope_for_agreement(agreement=agreement, year=2025, today=dt.date(2026, 11, 30))
    exports.build_review_workbook(scope=scope, out=out)
    annex = workbook_rows(load_workbook(io.BytesIO(out.getvalue())), "Phụ lục")
    assert set(annex) == set(at_year_end)
    for title, s in at_year_end.items():
        assert annex[title][7] == standing_text(s), title

    # the consolidated report of 2025-H1 of a party: its limitations use the same stages
    unit = AdministrativeUnit.objects.get(key="can-tho")
    out = io.BytesIO()
    scope = exports.scope_for_unit(unit=unit, year=2025, half=1, today=dt.date(2026, 11, 30))
    exports.build_consolidated_workbook(scope=scope, out=out)
    limitations = part_two(load_workbook(io.BytesIO(out.getvalue())))
    formal = [t for t, st in truth.items() if st.formal_only]
    assert split.title in formal and formal
    for title in formal:  # every formal-only commitment is a limitation, at the same stage
        assert limitations[title][4] == capfirst(truth[title].stage_label), title


def part_two(book) -> dict[str, list]:
    """The rows of "II. Hạn chế và nguyên nhân" of the consolidated report, by title."""
    found, inside = {}, False
    for ws in book.worksheets[1:2]:  # the report itself, after the cover
        for row in ws.iter_rows(values_only=True):
            if row[0] in ("I", "II", "III", "IV"):
                inside = row[0] == "II"
            elif inside and isinstance(row[0], int | float):
                found[str(row[1])] = list(row)
    return found


def all_cells(book) -> dict[tuple, object]:
    cells = {}
    for ws in book.worksheets:
        for row in ws.iter_rows():
            label = row[0].value
            for cell in row:
                if label == "Ngày lập" and cell.column > 1:
                    continue  # the production date, the one thing allowed to differ
                cells[(ws.title, cell.coordinate)] = cell.value
    return cells


def review_2022(agreement, today) -> dict:
    out = io.BytesIO()
    scope = exports.scope_for_agreement(agreement=agreement, year=2022, today=today)
    exports.build_review_workbook(scope=scope, out=out)
    return all_cells(load_workbook(io.BytesIO(out.getvalue())))


def test_a_past_years_workbook_says_the_same_after_later_approvals(demo):
    agreement = Agreement.objects.get(slug="can-tho-hau-giang-2021-2025")
    before = review_2022(agreement, dt.date(2026, 11, 30))
    assert len(before) > 200

    # a 2024 report is approved (a party that had not reported on it): 2024 moves, 2022 not
    parties = set(agreement.parties.values_list("unit_id", flat=True))
    lines = CommitmentStanding.objects.filter(
        agreement=agreement, seq=period_seq(2024, 2), unit__isnull=False
    )
    target = next(
        row
        for row in lines.select_related("commitment")
        if parties - set(lines.filter(commitment=row.commitment).values_list("unit_id", flat=True))
    )
    other = sorted(
        parties - set(lines.filter(commitment=target.commitment).values_list("unit_id", flat=True))
    )[0]
    report = ProgressReportFactory(
        commitment=target.commitment, period=period(2024, 2), reporting_unit_id=other
    )
    approve(demo, report, stage="studying", achievements="Báo cáo bổ sung năm 2024")
    moved = CommitmentStanding.objects.get(
        commitment=target.commitment, seq=period_seq(2024, 2), unit__isnull=True
    )
    assert moved.approved_reports == target.approved_reports + 1

    after = review_2022(agreement, dt.date(2026, 12, 20))
    changed = {key: (before.get(key), after.get(key)) for key in before.keys() | after.keys()
               if before.get(key) != after.get(key)}  # fmt: skip
    assert changed == {}
