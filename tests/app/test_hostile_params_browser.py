"""Hostile URL parameters on every page, in real Chromium against the real app: the page still
renders, the parameter stays text (no dialog fires, no element is injected) and no traceback or
server path reaches the screen. The AppTest twin (test_hostile_params.py) covers every value."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import pytest

from tests.app.test_hostile_params import PARAMS
from tests.browser_kit import CHROMIUM_ARGS
from tests.conftest import REPO, require_program

if TYPE_CHECKING:
    from playwright.sync_api import Dialog, Page

pytestmark = pytest.mark.browser


def _app_pages() -> list[tuple[str, str, str]]:
    """``app.PAGES`` (stem, title, icon), read from the source: importing app.py would run it."""
    tree = ast.parse((REPO / "app.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", None) == "PAGES":
            assert node.value is not None
            pages: list[tuple[str, str, str]] = list(ast.literal_eval(node.value))
            return pages
    raise AssertionError("app.py has no PAGES table")


#: Each page's own title (``st.title``), so the test knows the page itself rendered.
TITLES = {"overview": "regkg: regulatory precedent graph"}
sync_api = pytest.importorskip("playwright.sync_api")

#: Script, markup and a query-breaking string in one value, given to every parameter at once.
HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>' } ; DROP ALL #"
TIMEOUT_MS = 60_000


def _rendered(page: Page) -> None:
    """The page's script run has finished: the banner is up and Streamlit is idle."""
    page.get_by_text("Not legal advice", exact=False).first.wait_for()
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=TIMEOUT_MS)


def test_hostile_parameters_on_every_page_in_chromium(app_url: str) -> None:
    chromium = require_program("chromium", "chromium")
    dialogs: list[str] = []
    query = urlencode(dict.fromkeys(PARAMS, HOSTILE))

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(TIMEOUT_MS)
            page.on("dialog", on_dialog)
            pages = _app_pages()
            assert len(pages) >= 9
            for stem, title, _icon in pages:
                page.goto(f"{app_url}{stem}?{query}")
                _rendered(page)
                page.get_by_role("heading", name=TITLES.get(stem, title)).first.wait_for()
                page.wait_for_timeout(300)  # give any injected handler the chance to fire
                body = page.locator("body").inner_text()
                assert "Traceback" not in body and "/work/" not in body, (stem, body[:500])
                assert page.locator('img[src="x"]').count() == 0, stem
                assert page.locator("script:text('alert(2)')").count() == 0, stem
                if stem == "entity":  # the one page that reads ``id`` as a record
                    page.get_by_text("is not a record identifier").first.wait_for()
        finally:
            browser.close()
    assert dialogs == []
