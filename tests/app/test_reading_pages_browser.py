"""The real app in real Chromium: Overview, Search, Entity, Legal questions and Fines.

One app server (``app_launch``, as ``make app`` starts it) on a free port serves the fixture
world. The browser follows a search result to an entity page, downloads the fines CSV and checks
its rows, checks that the hostile company name is shown as text (no element injected, no
dialog), and that nothing is fetched from another host (no CDN, no remote fonts). A screenshot
of each page is kept in the test's tmp folder.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser_kit import CHROMIUM_ARGS
from tests.conftest import require_program

if TYPE_CHECKING:
    from playwright.sync_api import Dialog, Page, Request

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")

HOSTILE = "<img src=x onerror=alert(1)>"
TIMEOUT_MS = 30_000


def _notice(page: Page) -> None:
    page.get_by_text("Not legal advice", exact=False).first.wait_for()


def _charts_drawn(page: Page, n: int) -> None:
    """``n`` SVG charts (graph.drawing.charts), each drawn inside its script-free frame."""
    charts = page.locator('iframe[srcdoc*="regkg-chart"]')
    charts.nth(n - 1).wait_for()
    assert charts.count() == n
    for i in range(n):
        drawing = charts.nth(i).content_frame.locator("svg.regkg-chart")
        drawing.wait_for()
        assert drawing.locator("rect, circle").count() > 0


def _search_from_sidebar(page: Page, text: str) -> None:
    box = page.locator('[data-testid="stSidebar"]').get_by_label("Search the graph")
    box.fill(text)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q="))


def _download(page: Page, target: Path) -> list[dict[str, str]]:
    button = page.get_by_role("button", name="Download these rows as CSV")
    with page.expect_download() as info:
        button.click()
    info.value.save_as(target)
    with target.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_pages_in_chromium(app_url: str, tmp_path: Path) -> None:
    chromium = require_program("chromium", "chromium")
    dialogs: list[str] = []
    foreign: list[str] = []
    shots = tmp_path / "screens"
    shots.mkdir()

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    def on_request(request: Request) -> None:
        if not request.url.startswith((app_url, "data:", "blob:")):
            foreign.append(request.url)

    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
            page.set_default_timeout(TIMEOUT_MS)
            page.on("dialog", on_dialog)
            page.on("request", on_request)

            # Overview: counts, three SVG charts, sources.
            page.goto(app_url)
            _notice(page)
            page.get_by_text("Largest fines").wait_for()
            page.get_by_role("heading", name="Sources and licences").wait_for()
            # Table cells are drawn on a canvas; the grid keeps an accessible copy of each cell.
            cell = page.locator('[role="gridcell"]', has_text="Fixture organisations").first
            cell.wait_for(state="attached")
            _charts_drawn(page, 3)
            page.screenshot(path=str(shots / "overview.png"))

            # Sidebar search → Search page → follow a result to its entity page.
            _search_from_sidebar(page, "Acme")
            result = page.get_by_role("link", name="Acme Video Ltd", exact=True)
            result.wait_for()
            page.screenshot(path=str(shots / "search.png"))
            result.click()
            page.wait_for_url(re.compile(r"/entity\?id=https"))
            page.get_by_role("heading", name="Acme Video Ltd").wait_for()
            page.get_by_text("curated-verified").first.wait_for()
            page.get_by_role("heading", name="Decisions").wait_for()
            _charts_drawn(page, 1)
            page.screenshot(path=str(shots / "entity.png"))

            # The hostile name: found by search, shown as text on its page, nothing injected.
            _search_from_sidebar(page, "onerror")
            page.get_by_role("link", name=HOSTILE).click()
            page.wait_for_url(re.compile(r"hostile-co"))
            heading = page.get_by_role("heading", name=HOSTILE)
            heading.wait_for()
            assert heading.inner_text().strip() == HOSTILE
            page.wait_for_timeout(500)  # give any injected handler the chance to fire
            assert page.locator('img[src="x"]').count() == 0
            page.screenshot(path=str(shots / "entity-hostile.png"))

            # A shared link to a question.
            page.goto(app_url + "questions?question=q2")
            _notice(page)
            page.get_by_text("Latest holding per jurisdiction").wait_for()
            picked = page.get_by_role("combobox", name="Question").input_value()
            assert picked == "Q2: Are public-by-default child accounts lawful?"
            _charts_drawn(page, 3)  # every question, this question, its line of case law
            page.screenshot(path=str(shots / "questions.png"))

            # Fines: every row, then a shared filtered link; the CSV holds exactly the rows shown.
            page.goto(app_url + "fines")
            page.get_by_text("3 of 3").wait_for()
            every = _download(page, tmp_path / "all.csv")
            assert [r["Date"] for r in every] == ["2022-02-14", "2021-05-10", "2020"]
            assert every[0]["Fined"] == HOSTILE
            assert every[0]["Currency"] == "GBP" and every[2]["EUR"] == ""
            page.goto(app_url + "fines?regulator=Atlantis+Data+Office")
            page.get_by_text("2 of 3").wait_for()
            page.screenshot(path=str(shots / "fines.png"))
            rows = _download(page, tmp_path / "filtered.csv")
            assert [r["Fine"] for r in rows] == [
                "ADO fine on Acme EU (children), 2021",
                "ADO fine on Lone Widgets, 2020",
            ]
            assert [r["Regulator"] for r in rows] == ["Atlantis Data Office"] * 2
            assert [r["EUR"] for r in rows] == ["1000000.0", ""]
            assert rows[0]["Group"] == "Acme Group plc"
            assert rows[0]["Trust tier"] == "curated-verified"
            assert rows[1]["Trust tier"] == "imported"
            assert list(rows[0]) == list(every[0])  # the same columns as shown
            assert page.locator('img[src="x"]').count() == 0
        finally:
            browser.close()
    assert dialogs == []
    assert foreign == [], "the app must not fetch anything from another host"
    for name in ("overview", "search", "entity", "entity-hostile", "questions", "fines"):
        assert (shots / f"{name}.png").stat().st_size > 0
