"""In Chromium, the official's walk on a phone (issue 21 items 1-6), anonymous, on the demo:
the dashboard's key figures in the first screen, every table of every public page read at
390 px with each cell's column name beside it and no sideways scroll, each card followed to
the list of exactly the commitments it counts, the agreement page and a former unit's page
saying what their figures and statuses refer to. Screenshots of the key pages at 390 × 844
and 1366 × 768 are saved under test-artifacts/walk-official/."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from agreements.models import Agreement, Sector
from portal.tests.browser import ARTIFACTS
from reports.models import ReviewMeeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE, LAPTOP = (390, 844), (1366, 768)
SHOTS = ARTIFACTS / "walk-official"
CT_HG_2021 = "can-tho-hau-giang-2021-2025"
HG_BEFORE = "hau-giang-truoc-2025"

# Every data cell of every table: its column's name shown before it on a phone (the
# headers are hidden there), and the name is its column's header. Row headers name the
# row itself. Returns the cells that fail, as "table n, row r: what".
UNLABELLED_CELLS = """() => {
  const norm = (s) => (s || "").replace(/\\s+/g, " ").trim();
  const faults = [];
  document.querySelectorAll("table").forEach((table, t) => {
    const heads = [...table.querySelectorAll("thead th")].map((th) => norm(th.textContent));
    table.querySelectorAll("tbody tr").forEach((tr, r) => {
      [...tr.children].forEach((cell, c) => {
        if (cell.tagName === "TH" && cell.getAttribute("scope") === "row") return;
        const label = norm(cell.dataset.label);
        const shown = getComputedStyle(cell, "::before").content;
        if (!label) faults.push(`table ${t}, row ${r}, cell ${c}: no label`);
        else if (!shown.includes(label)) faults.push(`table ${t}, row ${r}: "${label}" not shown`);
        else if (heads.length && !norm(heads[c]).startsWith(label))
          faults.push(`table ${t}, row ${r}: "${label}" is not the column "${heads[c]}"`);
      });
    });
  });
  return faults;
}"""


def public_paths() -> list[str]:
    paths = [
        "/",
        "/?group=signed",
        "/agreements/",
        "/provinces/",
        "/provinces/can-tho/",
        f"/provinces/{HG_BEFORE}/",
        "/reports/",
        "/reports/?period=2024-H2",
        "/commitments/",
        "/open-data/",
    ]
    paths += [a.get_absolute_url() for a in Agreement.objects.order_by("slug")]
    paths += [s.get_absolute_url() for s in Sector.objects.filter(commitments__isnull=False)[:2]]
    paths += [
        reverse("reports:meeting", args=[m.agreement.slug, m.pk])
        for m in ReviewMeeting.objects.select_related("agreement")
    ]
    return paths


def number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def listed_rows(page) -> int:
    """The commitments a list shows, over all its pages."""
    rows = page.locator("table.commitments tbody tr").count()
    while page.locator("a[rel=next]").count():
        page.locator("a[rel=next]").first.click()
        page.wait_for_load_state()
        rows += page.locator("table.commitments tbody tr").count()
    return rows


def shoot(page, name: str, size: tuple[int, int]) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{size[0]}x{size[1]}.png"))
    page.screenshot(path=str(SHOTS / f"{name}-{size[0]}x{size[1]}-full.png"), full_page=True)


def test_the_official_reads_every_table_on_a_phone_and_follows_each_card(
    new_page, live_server, demo_logins
):
    page = new_page(*PHONE)

    # the dashboard: the key figures in the first screen, at both sizes
    for size in (PHONE, LAPTOP):
        screen = page if size == PHONE else new_page(*size)
        screen.goto(live_server.url + "/")
        figures = screen.locator(".key-figures .card .big")
        assert figures.count() == 7  # six standings and the late reports
        for i in range(figures.count()):
            box = figures.nth(i).bounding_box()
            assert box["y"] + box["height"] <= size[1], f"figure {i} below the first screen"
        for path, name in [
            ("/", "dashboard"),
            (f"/agreements/{CT_HG_2021}/", "agreement"),
            (f"/provinces/{HG_BEFORE}/", "unit"),
            ("/reports/", "reporting"),
        ]:
            screen.goto(live_server.url + path)
            shoot(screen, name, size)

    # every table of every public page, at 390 px
    for path in public_paths():
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
        assert page.evaluate(UNLABELLED_CELLS) == [], path

    # each card leads to exactly the commitments it counts
    page.goto(live_server.url + "/")
    cards = page.locator(".key-figures a.card-link")
    links = [
        (
            cards.nth(i).get_attribute("id"),
            number(cards.nth(i).locator(".big").inner_text()),
            cards.nth(i).get_attribute("href"),
        )
        for i in range(cards.count())
    ]
    total = number(page.locator(".figures-of").inner_text().split()[0])
    assert len(links) == 7 and any(n for _id, n, _href in links)
    for card, count, href in links:
        page.goto(live_server.url + href)
        if card == "card-late":  # the late reports of the period named, on /reports/
            period = page.locator("#period option:checked").inner_text()
            assert "2025" in period or "2026" in period
            late = page.locator("table.reporting tbody td[data-label='Trễ hạn']").all_inner_texts()
            assert sum(number(n) for n in late) == count > 0
            continue
        assert listed_rows(page) == count, card
        page.goto(live_server.url + href)
        assert page.locator("#commitment-count").inner_text().startswith(f"{count} / {total} ")

    # the agreement page explains itself
    page.goto(live_server.url + "/")
    page.locator(f"a[href='/agreements/{CT_HG_2021}/']").first.click()
    page.wait_for_url(f"**/agreements/{CT_HG_2021}/")
    top = {
        name: page.get_by_role("heading", name=name, exact=True).bounding_box()["y"]
        for name in ("Tình hình thực hiện", "Các bên ký kết", "Nội dung hợp tác")
    }
    assert top["Tình hình thực hiện"] < top["Các bên ký kết"] < top["Nội dung hợp tác"]
    assert page.locator("tr.commitment td.number").first.inner_text() == "1.1"
    assert page.locator("#demo-note").count() == 1 and page.locator(".demo-source").count() == 0
    assert page.locator("th:text-is('Người ký')").count() == 0  # no signatory known
    # each column says which period it is about (its name is shown before the cell)
    cells = page.locator("tr.commitment").first.locator("td")
    progress = cells.nth(4).get_attribute("data-label")
    assert re.fullmatch(r"Tiến độ đến kỳ 6 tháng (đầu|cuối) năm \d{4}", progress)
    assert re.match(r"kỳ 6 tháng (đầu|cuối) năm \d{4} ·", cells.nth(5).inner_text())
    indicators = page.locator("tr.commitment td[data-label='Chỉ tiêu']").all_inner_texts()
    assert any(re.search(r"đạt [\d.,]+ / mục tiêu", text) for text in indicators)
    assert page.locator("#agreement-status").inner_text() == "hết hạn"

    # a former unit's page: its statuses are of its last day, said beside each one
    page.goto(f"{live_server.url}/provinces/{HG_BEFORE}/")
    status = page.locator(
        "table.agreements tr", has=page.locator(f"a[href='/agreements/{CT_HG_2021}/']")
    )
    assert re.search(r"đang hiệu lực\s+ngày 30/06/2025;\s+nay: hết hạn", status.inner_text())
