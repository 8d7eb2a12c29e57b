"""App timings in real Chromium (a benchmark, not a test): server start to first render of each
page on the default data, and a 300-node ego graph's HTML size and render time.

Run: ``python -m benchmarks.app_bench`` (after ``regkg build``). Goal on this 2-core machine:
every page's first render ≤ 3 s, later interactions ≤ 1 s.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import Page, sync_playwright

from graph import settings
from graph.render import render_html
from graph.store import GraphStore
from graph.views import entity_graph
from tests.browser_kit import CHROMIUM_ARGS, running_app

PAGES = [
    "overview",
    "search?q=TikTok",
    "explorer",
    "networks",
    "questions",
    "fines",
    "sparql",
    "snapshots",
]
ENTITY = "entity?id=https%3A%2F%2Fw3id.org%2Fregkg%2Fid%2Fcompany%2Ftiktok-technology-ltd"


_IDLE = """() => !document.querySelector('[data-testid="stStatusWidget"] [data-testid="stSpinner"]')
  && !document.querySelector('[data-testid="stSkeleton"]')"""  # noqa: E501


def _rendered(page: Page) -> None:
    page.get_by_text("Not legal advice").first.wait_for()
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stSpinner]')"
        " && !document.querySelector('[data-testid=stSkeleton]')"
    )


def _ego_300(store: GraphStore) -> nx.MultiDiGraph:
    g = entity_graph(store)
    center = "https://w3id.org/regkg/id/company/tiktok-technology-ltd"
    dist = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), center, cutoff=3)
    keep = sorted(dist, key=lambda n: (dist[n], n))[:300]
    return g.subgraph(keep).copy()


def main() -> int:
    chromium = shutil.which("chromium")
    if chromium is None:
        print("chromium not found: apt-get install -y chromium", file=sys.stderr)
        return 1
    rows: list[tuple[str, float]] = []
    started = time.perf_counter()
    with (
        tempfile.TemporaryDirectory() as tmp,
        running_app(settings.home(), Path(tmp) / "log") as url,
    ):
        rows.append(("server start (health answers)", time.perf_counter() - started))
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60_000)
            for path in [*PAGES, ENTITY]:
                t = time.perf_counter()
                page.goto(url + path)
                _rendered(page)
                rows.append((f"first render: {path.split('?')[0]}", time.perf_counter() - t))
            t = time.perf_counter()
            page.goto(url + "explorer")
            _rendered(page)
            page.get_by_label("Depth (links)").focus()
            page.keyboard.press("ArrowRight")
            _rendered(page)
            rows.append(("interaction: explorer depth 1 → 2", time.perf_counter() - t))
            store = GraphStore.open(settings.home(), in_memory=True)
            ego = _ego_300(store)
            t = time.perf_counter()
            html = render_html(ego, max_nodes=500)
            rows.append(
                (f"render_html, {ego.number_of_nodes()} nodes (Python)", time.perf_counter() - t)
            )
            t = time.perf_counter()
            page.set_content(html)
            page.wait_for_function("() => window.regkgSettled === true")
            rows.append(
                (
                    f"300-node graph settled in Chromium ({len(html) / 1024:.0f} KiB)",
                    time.perf_counter() - t,
                )
            )
            browser.close()
    print(f"{'step':<52} {'seconds':>8}")
    for name, secs in rows:
        print(f"{name:<52} {secs:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
