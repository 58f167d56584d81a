"""The official's walk on the demo, without a browser (issue 21 items 2, 3, 5, 6): each
card leads to exactly the commitments it counts, the late card speaks of the latest
period that owes reports, the agreement page says what each figure refers to, and a
status read on another day says which day. The browser walk is in e2e/."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from agreements.filters import AgreementFilter
from agreements.models import Agreement
from reports.queries import public as read
from reports.queries import standing as records
from reports.services.calendar import Periods

CT_HG_2021 = "can-tho-hau-giang-2021-2025"
HG_KG_2021 = "hau-giang-kien-giang-2021-2025"


@pytest.fixture(scope="module")
def demo(demo_in_module):
    """The demo, loaded once for this module (root conftest.py)."""
    return demo_in_module


def text(html: str) -> str:
    """The page's words, tags dropped and spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{}, {"province": "can-tho"}, {"as_of": "2024-H2"}])
def test_each_card_leads_to_exactly_the_commitments_it_counts(client, demo, query):
    board = client.get(reverse("dashboard"), query).context["board"]
    assert [f.key for f, _n in board.cards] == list(read.STANDING_FILTERS)
    assert sum(n for _f, n in board.cards) > 0
    for standing, n in board.cards:
        listed = client.get(reverse("commitment-list"), {**query, "standing": standing.key})
        assert listed.context["page"].paginator.count == n, standing.key
        assert listed.context["total"] == board.summary.total


@pytest.mark.django_db
def test_the_cards_show_their_share_and_link_to_their_list(client, demo):
    page = client.get(reverse("dashboard")).content.decode()
    board = client.get(reverse("dashboard")).context["board"]
    formal = dict((f.key, n) for f, n in board.cards)["formal_only"]
    share = f"{100 * formal / board.summary.total:.1f}".replace(".", ",")
    assert f"{formal} / {board.summary.total} ({share} %)" in page
    assert 'href="/commitments/?standing=formal_only"' in page


@pytest.mark.django_db
def test_an_unknown_standing_lists_everything_with_a_notice(client, demo):
    response = client.get(reverse("commitment-list"), {"standing": "nonsense"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == response.context["total"]
    assert "nonsense" in response.context["notices"][0]


@pytest.mark.django_db
def test_the_late_card_speaks_of_the_latest_period_that_owes_reports(client, demo):
    periods = Periods()
    board = client.get(reverse("dashboard")).context["board"]
    seq = board.late_period.seq
    assert records.owed(seq).exists() and board.late["late"] > 0
    due = periods.last_due()
    # every period due after it owes nothing (the agreements ended): passed over
    assert not any(records.owed(later).exists() for later in range(seq + 1, due + 1))
    page = client.get(reverse("dashboard")).content.decode()
    assert f'href="/reports/?period={board.late_period.short_label}"' in page
    assert f"báo cáo trễ hạn kỳ {board.late_period}" in text(page)
    # /reports/ opens on the same period by default
    assert client.get(reverse("reporting")).context["period"].seq == seq


@pytest.mark.django_db
def test_the_agreement_page_says_what_each_figure_refers_to(client, demo):
    agreement = Agreement.objects.get(slug=CT_HG_2021)
    html = client.get(agreement.get_absolute_url()).content.decode()
    words = text(html)
    # the standing before the long lists
    assert html.index("Tình hình thực hiện") < html.index("Các bên ký kết")
    assert html.index("Tình hình thực hiện") < html.index("Nội dung hợp tác</h2>")
    # the progress says up to which period, the latest result which period it is from
    assert re.search(r"Tiến độ đến kỳ 6 tháng (đầu|cuối) năm \d{4}", words)
    assert re.search(r"kỳ 6 tháng (đầu|cuối) năm \d{4} ·", words)
    # done and target told apart
    assert re.search(r": đạt [\d.,]+ / mục tiêu", words)
    # numbered within each sector
    numbers = re.findall(r'<td data-label="STT" class="number">([\d.]+)</td>', html)
    assert numbers[:1] == ["1.1"] and len(numbers) == agreement.commitments.count()
    for sector_no in {n.split(".")[0] for n in numbers}:
        inner = [int(n.split(".")[1]) for n in numbers if n.split(".")[0] == sector_no]
        assert inner == list(range(1, len(inner) + 1))
    # no signatory known: no column
    assert "Người ký" not in html
    assert "Người ký" in client.get(f"/agreements/{HG_KG_2021}/").content.decode()
    # the demo notice once at the top; a short tag per commitment, not the note repeated
    assert html.count('id="demo-note"') == 1 and 'class="demo-source"' not in html
    assert html.count('class="tag demo"') == agreement.commitments.count()


@pytest.mark.django_db
def test_the_sort_list_is_labelled_in_vietnamese():
    labels = [str(label) for _value, label in AgreementFilter().form.fields["sort"].choices]
    assert labels[0] == "Mới nhất trước"
    assert "Bắt đầu muộn nhất trước" in labels and "Ký sớm nhất trước" in labels
    assert not any("descending" in label for label in labels)


@pytest.mark.django_db
def test_a_status_read_on_another_day_says_the_day_beside_it(client, demo):
    html = client.get("/provinces/hau-giang-truoc-2025/").content.decode()
    table = html[html.index('<table class="agreements">') :]
    row = next(r for r in table.split("<tr>") if f"/agreements/{CT_HG_2021}/" in r)
    assert "đang hiệu lực ngày 30/06/2025; nay: hết hạn" in text(row)
    # today's status on today's pages, said so
    page = client.get(f"/agreements/{CT_HG_2021}/").content.decode()
    assert "hết hạn (hôm nay)" in text(page)
