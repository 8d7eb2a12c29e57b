"""Hostile *imported* rows in real Chromium: a small CMS Enforcement Tracker file of our own
(script and HTML in a company name, markdown links and emphasis, an injection-shaped case
reference, a field of 200,000 characters) is imported into a temporary store home on top of the
curated data, the real app is started on it, and the search, entity and fines pages show what
the importer stored as plain text, with no script run, no dialog and no ``javascript:`` link.

The importer already strips tags and turns stray angle brackets into ‹ › (see
``tests/importers/test_hostile.py``); this module checks the other half: whatever text an import
leaves in the store reaches the browser escaped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pyoxigraph as ox
import pytest

from graph.pipeline.build import build
from graph.pipeline.imports import import_file
from graph.settings import data_dir, ontology_dir
from graph.stores.contract import Store
from graph.stores.factory import open_store
from tests.conftest import app_or_fail, require_program

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")

TRACKER = Path(__file__).parents[1] / "fixtures" / "hostile" / "tracker.json"
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
GRAPH = "https://w3id.org/regkg/graph/enforcementtracker"
#: Sets ``window.__pwned`` if it ever runs, as markup, as a link or as a handler.
PWN = "window.__pwned=1"
NAME = (
    f"<script>{PWN}</script>[Evil]( javascript:{PWN} ) **Corp** _x_ "
    f"<img src=x onerror={PWN}> # Pwn & Co <b onclick={PWN}"
)
CASE = '"}; DROP ALL; # <a href=javascript:' + PWN + ">x</a>"
HUGE = f"[click](javascript:{PWN}) <iframe srcdoc='<script>{PWN}</script>'> " + "y" * 200_000


def _hostile_rows() -> list[Any]:
    """Two rows in the tracker's shape (13 fields), built on the fixture's first row."""
    template = json.loads(TRACKER.read_text(encoding="utf-8"))["data"][0]
    evil = list(template)
    evil[1], evil[6], evil[8], evil[10] = "ETid-901", NAME, CASE, HUGE
    twin = list(template)
    twin[1], twin[6] = "ETid-902", NAME
    return [evil, twin]


def _label(store: Store, iri: str) -> str:
    rows = list(
        store.query(
            "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }",
            {ox.Variable("s"): ox.NamedNode(iri)},
        )
    )
    assert rows, iri
    value: str = rows[0]["l"].value
    return value


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A store home with the curated data and the hostile rows imported; what they became."""
    require_program("chromium", "chromium")
    work = tmp_path_factory.mktemp("imported-hostile")
    home = work / "home"
    build(data_dir(), ontology_dir(), home)
    source = work / "tracker.json"
    source.write_text(json.dumps({"data": _hostile_rows()}), encoding="utf-8")
    report = import_file("enforcementtracker", source, home=home, now=NOW, progress=False)
    assert report.imported + report.merged == 2, report.quarantined
    store = open_store(home)
    found = {
        row["kind"].value: row["s"].value
        for row in store.query(
            "PREFIX reg: <https://w3id.org/regkg/ontology#> "
            "SELECT ?s ?kind ?g WHERE { GRAPH ?g { ?s a ?kind } "
            "VALUES ?kind { reg:Company reg:Fine } "
            'FILTER(CONTAINS(STR(?s), "901") || CONTAINS(STR(?s), "evil")) }',
            {ox.Variable("g"): ox.NamedNode(GRAPH)},
        )
    }
    company = found["https://w3id.org/regkg/ontology#Company"]
    fine = found["https://w3id.org/regkg/ontology#Fine"]
    return {
        "home": str(home),
        "company": company,
        "company_label": _label(store, company),
        "fine": fine,
        "fine_label": _label(store, fine),
    }


@pytest.fixture(scope="module")
def app_url(hostile: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("imported-app")
    with app_or_fail(Path(hostile["home"]), work / "streamlit.log") as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A fresh page and the dialogs it saw (each dismissed)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    p = context.new_page()
    p.set_default_timeout(60_000)
    dialogs: list[str] = []

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    p.on("dialog", dismiss)
    try:
        yield p, dialogs
    finally:
        context.close()


def _settled(p: Page) -> None:
    p.get_by_text("Not legal advice").first.wait_for()
    p.wait_for_function(
        """() => {
          const app = document.querySelector('[data-testid="stApp"]');
          return app && app.getAttribute('data-test-script-state') === 'notRunning'
            && !document.querySelector('[data-testid="stSpinner"], [data-testid="stSkeleton"]');
        }"""
    )


def _assert_inert(p: Page, dialogs: list[str]) -> None:
    """No script ran, no dialog opened, and nothing the data carries became markup."""
    p.wait_for_timeout(300)  # give an injected handler the chance to fire
    assert dialogs == []
    for frame in p.frames:
        assert frame.evaluate("() => window.__pwned === undefined")
        assert frame.locator('img[src="x"], [onclick], [onerror]').count() == 0
        assert frame.locator('a[href^="javascript:" i]').count() == 0
        # The data may reach a frame only as escaped text in one of our chart pages, where no
        # script may run (CSP default-src 'none'); never as a frame the data itself opened.
        for embed in frame.locator("iframe[srcdoc*='__pwned']").all():
            doc = embed.get_attribute("srcdoc") or ""
            assert "default-src 'none'" in doc and "<script" not in doc.lower(), doc[:300]
    assert "<script>" + PWN not in p.content()


def _visible_text(p: Page) -> str:
    return " ".join(p.locator('[data-testid="stMain"]').inner_text().split())


def test_the_import_kept_hostile_text(hostile: dict[str, str]) -> None:
    # What the importer left is still hostile to a markdown or HTML sink.
    assert "[Evil](" in hostile["company_label"] and "**Corp**" in hostile["company_label"]
    assert "&" in hostile["company_label"]


def test_search_shows_the_imported_name_as_text(
    app_url: str, hostile: dict[str, str], page: tuple[Page, list[str]]
) -> None:
    p, dialogs = page
    p.goto(f"{app_url}search?q={quote('Evil Corp')}")
    _settled(p)
    link = p.get_by_role("link", name=hostile["company_label"], exact=True)
    assert link.count() >= 1
    assert link.first.locator("strong, em, a").count() == 0
    assert hostile["company_label"] in _visible_text(p)
    _assert_inert(p, dialogs)


def test_entity_pages_show_the_imported_records_as_text(
    app_url: str, hostile: dict[str, str], page: tuple[Page, list[str]]
) -> None:
    p, dialogs = page
    for iri, label in (
        (hostile["company"], hostile["company_label"]),
        (hostile["fine"], hostile["fine_label"]),
    ):
        p.goto(f"{app_url}entity?id={quote(iri, safe='')}")
        _settled(p)
        title = p.locator("h1").first
        assert " ".join(title.inner_text().split()) == " ".join(label.split())
        # Only Streamlit's own heading anchor may be a link in the title.
        assert title.locator("strong, em, img, a:not([href^='#'])").count() == 0
        text = _visible_text(p)
        assert "imported" in text  # the trust tier is shown beside the facts
        _assert_inert(p, dialogs)


def test_fines_table_lists_the_imported_fines_inertly(
    app_url: str, hostile: dict[str, str], page: tuple[Page, list[str]]
) -> None:
    p, dialogs = page
    p.goto(f"{app_url}fines?company={quote(hostile['company_label'])}")
    _settled(p)
    # Filtered by the hostile company through the URL: its two imported fines are listed.
    p.get_by_text("2 of ").first.wait_for()
    cells = p.locator('[role="gridcell"]')
    cells.filter(has_text="(ETid-901)").first.wait_for(state="attached")  # hidden a11y cells
    shown = [" ".join(c.split()) for c in cells.all_text_contents() if "(ETid-901)" in c]
    assert shown == [" ".join(hostile["fine_label"].split())]
    _assert_inert(p, dialogs)


def test_explorer_draws_the_imported_name_as_text(
    app_url: str, hostile: dict[str, str], page: tuple[Page, list[str]]
) -> None:
    p, dialogs = page
    p.goto(f"{app_url}explorer?entity={quote(hostile['company'], safe='')}&depth=1")
    _settled(p)
    element = p.locator('iframe[data-testid="stCustomComponentV1"]').element_handle()
    assert element is not None
    frame = element.content_frame()
    assert frame is not None
    frame.wait_for_function("() => window.regkgSettled === true")
    # The drawing got the name as data and hands vis-network the plain text (a canvas label).
    drawn = "id => window.regkgNetwork.body.data.nodes.get(id)"
    node = frame.evaluate(drawn, hostile["company"])
    assert node["label"] == hostile["company_label"]
    assert node["title"].startswith(f"Company: {hostile['company_label']}")
    assert frame.locator("#graph canvas").count() == 1
    _assert_inert(p, dialogs)
