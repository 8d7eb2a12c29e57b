"""The explorer, network, SPARQL and snapshot pages in real Chromium against the real app.

One app server (``app_launch``, as ``make app`` starts it) serves the fixture world for the
whole module; each test opens its page by URL (as a copied link would), screenshots it into a
pytest temporary folder, and checks that no dialog fired and no injected ``<img>`` exists
anywhere.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

import networkx as nx
import pytest

from graph.network import views
from graph.stores.contract import Store

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Frame, Page


pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")

ID = "https://w3id.org/regkg/id/"
HOSTILE = "<img src=x onerror=alert(1)>"
ACME_VIDEO = ID + "company/acme-video"
ACME_GROUP = ID + "company/acme-group"
BMCB_FINE = ID + "decision/bmcb-fine-2022"

#: The drawing component's frame (graph.drawing.component, pages/frames.py).
DRAWING = 'iframe[data-testid="stCustomComponentV1"]'
# Count of canvas pixels that are not white: > 0 once vis-network has drawn something.
_INKED = """() => {
  const canvas = document.querySelector("#graph canvas");
  if (!canvas) { return 0; }
  const px = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 0; i < px.length; i += 4) {
    if (px[i + 3] > 0 && (px[i] < 250 || px[i + 1] < 250 || px[i + 2] < 250)) { n++; }
  }
  return n;
}"""
# Where a node is drawn, in the graph element's CSS pixels.
_NODE_AT = """id => {
  const net = window.regkgNetwork;
  return net.canvasToDOM(net.getPositions([id])[id]);
}"""


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the screenshots go to."""
    return tmp_path_factory.mktemp("screenshots")


class Watch:
    """Dialogs and Content-Security-Policy complaints seen by one page."""

    def __init__(self, page: Page) -> None:
        self.dialogs: list[str] = []
        self.csp: list[str] = []
        page.on("dialog", self._dialog)
        page.on(
            "console", lambda m: self.csp.append(m.text) if "Content Security" in m.text else None
        )

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def clean(self, page: Page) -> None:
        page.wait_for_timeout(300)  # give any injected handler the chance to fire
        assert self.dialogs == []
        assert self.csp == []
        for frame in page.frames:
            assert frame.locator('img[src="x"]').count() == 0


@pytest.fixture
def page(browser: Browser) -> Iterator[tuple[Page, Watch]]:
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
    p = context.new_page()
    p.set_default_timeout(30_000)
    watch = Watch(p)
    try:
        yield p, watch
    finally:
        context.close()


def _graph_frame(page: Page, index: int = 0) -> Frame:
    """The frame of the drawing component, once its graph is drawn and settled."""
    handle = page.locator(DRAWING).nth(index).element_handle()
    assert handle is not None
    frame = handle.content_frame()
    assert frame is not None
    frame.wait_for_function("() => window.regkgSettled === true")
    frame.wait_for_function(f"() => ({_INKED})() > 0")
    return frame


def _drawn_ids(frame: Frame) -> set[str]:
    return set(frame.evaluate("window.regkgNetwork.body.data.nodes.getIds()"))


def _click_node(page: Page, frame: Frame, node: str) -> None:
    at = frame.evaluate(_NODE_AT, node)
    box = frame.locator("#graph").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])


def _entity_url(page: Page, iri: str) -> None:
    page.wait_for_url(f"**/entity?id={quote(iri, safe='')}*")
    assert unquote(page.url.split("id=", 1)[1]) == iri


def _shot(page: Page, shots: Path, name: str, *, full: bool = True) -> None:
    path = shots / f"{name}.png"
    page.screenshot(path=str(path), full_page=full)
    assert path.stat().st_size > 0


def _pick(page: Page, box_label: str, option: str) -> None:
    page.locator('[data-testid="stSelectbox"]').filter(has_text=box_label).click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option).first.click()


def test_explorer_draws_and_a_click_opens_the_entity_page(
    app_url: str, page: tuple[Page, Watch], shots: Path
) -> None:
    p, watch = page
    p.goto(f"{app_url}explorer?entity={quote(ACME_VIDEO, safe='')}&depth=1")
    p.get_by_text("Not legal advice", exact=False).first.wait_for()
    frame = _graph_frame(p)
    nodes = frame.evaluate("window.regkgNetwork.body.data.nodes.getIds()")
    assert ACME_VIDEO in nodes and ACME_GROUP in nodes and len(nodes) >= 3
    _shot(p, shots, "explorer")
    watch.clean(p)

    _click_node(p, frame, ACME_GROUP)
    _entity_url(p, ACME_GROUP)
    p.get_by_text("Acme Group plc").first.wait_for()
    _shot(p, shots, "entity-after-click", full=False)
    watch.clean(p)


def test_explorer_view_change_redraws_in_the_same_frame(
    world: Store, app_url: str, page: tuple[Page, Watch]
) -> None:
    p, watch = page
    p.goto(f"{app_url}explorer?entity={quote(ACME_VIDEO, safe='')}&depth=1")
    frame = _graph_frame(p)
    assert _drawn_ids(frame) == set(views.ego_network(world, ACME_VIDEO, 1))
    element = p.locator(DRAWING).element_handle()
    assert element is not None
    draws = frame.evaluate("() => { window.__sameFrame = 'still here'; return window.regkgDraws; }")
    first_paint = frame.evaluate("window.regkgPaintedAt")
    slider = p.get_by_role("slider", name="Depth (links)")
    slider.focus()
    p.keyboard.press("ArrowRight")
    frame.wait_for_function(f"() => window.regkgDraws > {draws} && window.regkgSettled === true")
    frame.wait_for_function(f"() => ({_INKED})() > 0")
    frame.wait_for_function(f"() => window.regkgPaintedAt > {first_paint}")  # the paint is timed
    assert _drawn_ids(frame) == set(views.ego_network(world, ACME_VIDEO, 2))
    assert frame.evaluate("window.__sameFrame") == "still here"  # not a new document
    assert element.evaluate("e => e.isConnected")  # nor a new frame element
    assert p.locator(DRAWING).count() == 1
    watch.clean(p)


_FORGED = """(source) => new Promise((resolve) => {
  const message = {type: "streamlit:render", args: {digest: "forged", graph: {
    nodes: [{id: "forged", label: "forged"}], edges: [], selected: null, link: null,
    options: {physics: {enabled: false}}}}};
  if (source === "self") { window.postMessage(message, "*"); }
  else {
    const other = document.createElement("iframe");  // a sibling window, not the host
    other.srcdoc = "<p>x</p>";
    other.onload = () => other.contentWindow.parent.postMessage(message, "*");
    document.body.appendChild(other);
  }
  setTimeout(resolve, 400);
})"""


@pytest.mark.parametrize("source", ["self", "sibling"])
def test_the_drawing_ignores_messages_not_from_its_host(
    app_url: str, page: tuple[Page, Watch], source: str
) -> None:
    p, watch = page
    p.goto(f"{app_url}explorer")
    frame = _graph_frame(p)
    draws, ids = frame.evaluate("window.regkgDraws"), _drawn_ids(frame)
    frame.evaluate(_FORGED, source)
    assert frame.evaluate("window.regkgDraws") == draws
    assert _drawn_ids(frame) == ids and "forged" not in ids
    watch.clean(p)


def test_explorer_list_pick_opens_the_entity_page(
    app_url: str, page: tuple[Page, Watch], shots: Path
) -> None:
    p, watch = page
    p.goto(f"{app_url}explorer")
    _graph_frame(p)
    _pick(p, "Open the page of an entity", "BMCB fine on a hostile name, 2022")
    _entity_url(p, BMCB_FINE)
    p.get_by_text("BMCB fine on a hostile name, 2022").first.wait_for()
    watch.clean(p)


def test_explorer_hostile_name_stays_text_in_caption_and_card(
    app_url: str, page: tuple[Page, Watch], shots: Path
) -> None:
    p, watch = page
    p.goto(f"{app_url}explorer")  # opens on the first company: the hostile name
    caption = p.locator('[data-testid="stText"]').filter(has_text=HOSTILE).first
    caption.wait_for()
    frame = _graph_frame(p)
    hostile = ID + "company/hostile-co"
    at = frame.evaluate(_NODE_AT, hostile)
    box = frame.locator("#graph").bounding_box()
    assert box is not None
    p.mouse.move(box["x"] + at["x"], box["y"] + at["y"])
    tooltip = frame.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    text = tooltip.inner_text()
    assert text.startswith(f"Company: {HOSTILE}")
    assert "trust: curated-verified" in text
    assert tooltip.locator("img").count() == 0
    _shot(p, shots, "explorer-hostile")
    watch.clean(p)


def test_networks_draws_and_downloads_graphml(
    app_url: str, page: tuple[Page, Watch], shots: Path, tmp_path: Path
) -> None:
    p, watch = page
    p.goto(f"{app_url}networks?view=company-regulator")
    frame = _graph_frame(p)
    assert frame.evaluate("window.regkgNetwork.body.data.nodes.length") == 7
    p.get_by_text("Top by PageRank").wait_for()
    with p.expect_download() as info:
        p.get_by_role("button", name="Download GRAPHML").click()
    path = tmp_path / "view.graphml"
    info.value.save_as(path)
    g = nx.read_graphml(path)
    assert g.number_of_nodes() == 7
    assert g.nodes[ID + "company/hostile-co"]["label"] == HOSTILE
    assert all("pagerank" in a for _n, a in g.nodes(data=True))
    _shot(p, shots, "networks")
    watch.clean(p)


def test_sparql_runs_and_downloads_csv(
    app_url: str, page: tuple[Page, Watch], shots: Path, tmp_path: Path
) -> None:
    p, watch = page
    p.goto(f"{app_url}sparql?stored=fines-per-regulator")
    p.get_by_role("button", name="Run").click()
    p.locator('[data-testid="stText"]').filter(has_text="2 row(s).").wait_for()
    p.locator('[data-testid="stDataFrame"]').wait_for()
    with p.expect_download() as info:
        p.get_by_role("button", name="Download CSV").click()
    path = tmp_path / "result.csv"
    info.value.save_as(path)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows[0] == ["set_aside", "regulator", "name", "fines", "totalEur"]
    assert len(rows) == 3
    _shot(p, shots, "sparql")
    watch.clean(p)


def test_snapshots_builds_and_lists_files(
    app_url: str, page: tuple[Page, Watch], shots: Path, tmp_path: Path
) -> None:
    """The page writes a snapshot, offers a download for every file in its folder on disk, and
    a download is that file byte for byte."""
    p, watch = page
    p.goto(f"{app_url}snapshots")
    p.get_by_role("button", name="Build a snapshot").click()
    p.get_by_role("button", name="Download views/entity-graph.graphml").wait_for(timeout=60_000)
    p.get_by_text("Snapshot written to").wait_for()
    shown = p.locator('[data-testid="stText"]').filter(has_text="Folder: ").first.inner_text()
    folder = Path(shown.split("Folder: ", 1)[1].splitlines()[0].strip())
    on_disk = {f.relative_to(folder).as_posix() for f in folder.rglob("*") if f.is_file()}
    assert {"manifest.json", "graph.nt", "views/entity-graph.graphml"} <= on_disk
    buttons = p.get_by_role("button").filter(has_text="Download ").all_inner_texts()
    assert {b.strip().removeprefix("Download ") for b in buttons} == on_disk
    with p.expect_download() as info:
        p.get_by_role("button", name="Download graph.nt").click()
    got = tmp_path / "graph.nt"
    info.value.save_as(got)
    assert got.read_bytes() == (folder / "graph.nt").read_bytes() != b""
    _shot(p, shots, "snapshots")
    watch.clean(p)
