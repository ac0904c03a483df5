"""The pages in real headless Chromium, over the real UN lists and the curated national lists.
Screenshots go to tests/artifacts/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.web.a11y import assert_no_axe_violations


def test_taliban_timeline_shows_kazakhstan_bar_ending_december_2023(
    page: Any, live_server: str, artifacts: Path
) -> None:
    page.goto(f"{live_server}/ui/entity/taliban")
    bar = page.locator('svg rect.bar[data-list="kz_terrorist_organizations"]')
    bar.first.wait_for()
    assert bar.count() == 1
    assert bar.get_attribute("data-to").startswith("2023-12")
    assert bar.get_attribute("data-from").startswith("2005")
    assert "delisted 2023-12 (between 2023-12-01 and 2023-12-31)" in bar.locator("title").text_content()
    label = page.locator('svg g.row[data-list="kz_terrorist_organizations"] text.rowlabel')
    assert label.text_content().startswith("KZ")
    # The matrix lists Kazakhstan with its sources.
    matrix_row = page.locator("#matrix-body tr", has_text="kz_terrorist_organizations")
    assert matrix_row.count() == 1
    assert_no_axe_violations(page, "taliban-timeline", artifacts)

    # Moving the day before the delisting fetches the matrix for that day, and the chart's status is
    # the matrix's: the page never says two things.
    page.fill("#asof-date", "2023-06-01")
    page.dispatch_event("#asof-date", "change")
    status = page.locator('svg text.rowstatus[data-list="kz_terrorist_organizations"]')
    page.wait_for_function("document.getElementById('matrix-day').textContent === '2023-06-01'")
    assert status.text_content() == "listed"
    assert "listed" in page.locator("#matrix-body tr", has_text="kz_terrorist_organizations").inner_text()
    page.fill("#asof-date", "2024-03-01")
    page.dispatch_event("#asof-date", "change")
    page.wait_for_function("document.getElementById('matrix-day').textContent === '2024-03-01'")
    assert status.text_content() == "not listed"
    assert_no_axe_violations(page, "taliban-timeline-2024-03-01", artifacts)


def test_screening_page_finds_baradar_in_cyrillic(page: Any, live_server: str, artifacts: Path) -> None:
    page.goto(f"{live_server}/ui/screen")
    page.get_by_label("Names, one a line (any script)").fill("Барадар Абдул Гани")
    page.click("#screen-button")
    page.locator("#results").wait_for()
    rows = page.locator("table.results tbody tr")
    texts = [rows.nth(i).inner_text() for i in range(rows.count())]
    top = next(t for t in texts if "un_sc_sanctions\t" in t)
    assert "TAi.024" in top and "baradar" in top.casefold()
    assert_no_axe_violations(page, "screening-baradar", artifacts)


def test_search_and_changes_pages(page: Any, live_server: str, artifacts: Path) -> None:
    page.goto(live_server)
    assert_no_axe_violations(page, "index", artifacts)
    page.get_by_label("Name or reference, in any script").fill("Барадар")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="ABDUL GHANI BARADAR ABDUL AHMAD TURK").click()
    page.locator("h1").wait_for()
    assert "BARADAR" in page.locator("h1").inner_text()
    assert page.locator(".names h3", has_text="Arabic").count() == 1
    assert_no_axe_violations(page, "entity-baradar", artifacts)
    page.goto(f"{live_server}/ui/changes?list=un_sc_sanctions&from=2020-11-30&to=2020-12-01")
    assert "0 listed, 12 delisted, 0 amended" in page.locator("main").inner_text()
    assert_no_axe_violations(page, "changes-un-2020-12-01", artifacts)
