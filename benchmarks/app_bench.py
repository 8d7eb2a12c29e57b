"""App timings in real Chromium (a benchmark, not a test).

First render: for each page a *fresh* server, started as ``make app`` starts it
(:func:`app_launch.command`, through ``tests.browser_kit.running_app``; cold caches, no store
open). Two figures per page, both ending when the page's script run has finished and the page is
drawn in Chromium (the "Not legal advice" banner shown, no spinner or skeleton left):

- *from ready*: from asking for the page, once the server answers its health check;
- *from process start*: from starting the server process (includes the launcher's imports,
  which it does before it listens, and Streamlit's start-up).

The same two figures server-side, ending when the first script run that completes has finished
(``app.py`` logs it when ``REGKG_RUN_LOG`` is set; a run cut short by ``st.rerun`` does not
count), plus that run's own duration. Chromium's share is the difference: loading the frontend,
the websocket, drawing. Chromium's own work is reported too: the seconds its main thread was
busy (tasks, of which script) until the page was drawn (DevTools ``Performance.getMetrics``),
and the CPU seconds all its processes used meanwhile (``/proc``): on a busy machine CPU seconds
stay close to their idle values where wall-clock figures do not.

The machine is shared: each page's line starts with the load average, ``--repeat N`` times the
pages and the interactions N times (interleaved) and ends with each step's median and range.

On the graph pages (explorer, networks) the first render is also timed until the graph is painted
(some frame's ``window.regkgNetwork`` has nodes and has settled).

Interactions:
on a warm server, the time from the input event to the end of the rerun it causes, and for the
explorer's depth and the network view also until the *new* drawing is painted (a new frame, or
the same frame once its ``window.regkgDraws`` has grown). Both are timed in the browser with
``Date.now()``: at the key or pointer event (captured on the document), when the page is done
again, and at the new drawing's first settled paint (``window.regkgPaintedAt``), so Playwright's
round trips and a select box's opening animation are not counted. Also a 300-node ego graph's
HTML size and render time.

Run: ``python -m benchmarks.app_bench`` (after ``regkg build``); ``--pages overview,fines`` limits
the first-render part; ``--repeat 5 --no-interactions`` times first renders only, five times.
Goal on this 2-core machine: every page's first render ≤ 3 s, later interactions ≤ 1 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
from playwright.sync_api import Browser, Page, sync_playwright

from benchmarks.browser_timing import rendered, rerun, wait_drawn
from graph import settings
from graph.drawing.render import render_html
from graph.network.views import entity_graph
from graph.stores.contract import Store
from graph.stores.factory import open_store
from tests.browser_kit import CHROMIUM_ARGS, running_app

TIKTOK = "https%3A%2F%2Fw3id.org%2Fregkg%2Fid%2Fcompany%2Ftiktok-technology-ltd"
PAGES = {
    "overview": "",
    "search": "search?q=TikTok",
    "explorer": "explorer",
    "networks": "networks",
    "entity": f"entity?id={TIKTOK}",
    "questions": "questions",
    "fines": "fines",
    "sparql": "sparql",
    "snapshots": "snapshots",
}

#: Pages that draw a graph: their first render is also timed until the drawing is painted.
DRAWING_PAGES = frozenset({"explorer", "networks"})


def _ego_300(store: Store) -> nx.MultiDiGraph:
    g = entity_graph(store)
    center = "https://w3id.org/regkg/id/company/tiktok-technology-ltd"
    dist = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), center, cutoff=3)
    keep = sorted(dist, key=lambda n: (dist[n], n))[:300]
    return g.subgraph(keep).copy()


def _new_page(browser: Browser) -> Page:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    return page


def _chromium_cpu() -> float:
    """CPU seconds (user + system) used so far by this process's Chromium descendants."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    stats: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                raw = (entry / "stat").read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue  # exited meanwhile
            name_end = raw.rindex(")")
            fields = raw[name_end + 2 :].split()
            parents[int(entry.name)] = int(fields[1])
            stats[int(entry.name)] = [raw[raw.index("(") + 1 : name_end], *fields]
    mine: set[int] = set()
    grown = {os.getpid()}
    while grown != mine:  # add children until none is new
        mine = grown
        grown = mine | {p for p, parent in parents.items() if parent in mine}
    return sum(
        (int(stats[p][12]) + int(stats[p][13])) / tick
        for p in mine
        if "chrom" in stats[p][0].lower()
    )


def _load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}"


def first_renders(browser: Browser, names: list[str], log: Path) -> Iterator[tuple[str, float]]:
    """Per page: a fresh server (process start until health answers), then the page's first render
    timed from ready and from process start, and Chromium's main-thread time."""
    for name in names:
        runs = log.with_name(f"runs-{name}")
        runs.unlink(missing_ok=True)
        started, started_epoch = time.perf_counter(), time.time()
        with running_app(settings.home(), log, REGKG_RUN_LOG=str(runs)) as url:
            ready, ready_epoch = time.perf_counter(), time.time()
            yield (f"server start ({name}; {_load()})", ready - started)
            page = _new_page(browser)
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")
            cpu = _chromium_cpu()
            t, t_epoch = time.perf_counter(), time.time()
            page.goto(url + PAGES[name])
            rendered(page)
            done = time.perf_counter()
            cpu = _chromium_cpu() - cpu
            metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            yield (f"first render from ready: {name}", done - t)
            if name in DRAWING_PAGES:
                painted = wait_drawn(page) / 1000  # Date.now(): the same clock as time.time()
                yield (f"first render, graph drawn, from ready: {name}", painted - t_epoch)
            yield (f"first render from process start: {name}", done - started)
            yield (f"  Chromium main thread busy: {name}", metrics.get("TaskDuration", 0.0))
            yield (f"  Chromium script: {name}", metrics.get("ScriptDuration", 0.0))
            yield (f"  Chromium CPU, all processes: {name}", cpu)
            page.close()
        _page, run_secs, end_epoch = runs.read_text(encoding="utf-8").split()[:3]
        yield (f"  server-side first run: {name}", float(run_secs))
        yield (f"  server-side run done from ready: {name}", float(end_epoch) - ready_epoch)
        yield (f"  server-side run done from start: {name}", float(end_epoch) - started_epoch)


def summary(seen: dict[str, list[float]]) -> Iterator[str]:
    """Median and range of each repeated step (first renders from ready, Chromium's work,
    interactions)."""
    for step, values in seen.items():
        if len(values) > 1 and ("from ready:" in step or "Chromium" in step or "→" in step):
            low, high = min(values), max(values)
            label = f"median of {len(values)}: {step.strip()}"
            yield f"{label:<60} {statistics.median(values):>8.2f}  ({low:.2f}-{high:.2f})"


def interactions(browser: Browser, log: Path) -> Iterator[tuple[str, float]]:
    """Later interactions on a warm server (each page visited once before)."""
    with running_app(settings.home(), log) as url:
        page = _new_page(browser)
        page.goto(url + "explorer")
        rendered(page)
        wait_drawn(page)
        slider = page.get_by_role("slider", name="Depth (links)")

        def deeper() -> None:
            slider.focus()
            page.keyboard.press("ArrowRight")

        drawn: list[float] = []
        secs = rerun(page, deeper, drawn=drawn)
        yield ("interaction: explorer depth 1 → 2", secs)
        yield ("interaction: explorer depth 1 → 2, drawn", drawn[-1] if drawn else float("nan"))
        page.goto(url + "networks")
        rendered(page)
        view = page.get_by_label("View", exact=True).first

        option = page.get_by_role("option", name="Precedent graph")

        def open_list() -> None:
            view.click()
            option.wait_for()

        wait_drawn(page)
        drawn = []
        secs = rerun(page, option.click, drawn=drawn, prepare=open_list)
        yield ("interaction: networks view → precedent", secs)
        yield (
            "interaction: networks view → precedent, drawn",
            drawn[-1] if drawn else float("nan"),
        )
        page.goto(url + "fines")
        rendered(page)
        box = page.get_by_role("checkbox", name="Include fines without a EUR value")

        def untick() -> None:
            box.uncheck(force=True)

        yield ("interaction: fines filter → unconverted left out", rerun(page, untick))
        page.close()


def graph_render(browser: Browser) -> Iterator[tuple[str, float]]:
    """A 300-node ego graph: HTML built in Python (positions laid out in Python above
    ``render.PHYSICS_MAX_NODES`` nodes), then drawn until painted settled."""
    store = open_store(settings.home(), in_memory=True)
    ego = _ego_300(store)
    t = time.perf_counter()
    html = render_html(ego, max_nodes=500)
    yield (f"render_html, {ego.number_of_nodes()} nodes (Python)", time.perf_counter() - t)
    page = _new_page(browser)
    t = time.perf_counter()
    page.set_content(html)
    page.wait_for_function("() => window.regkgSettled === true")
    label = f"300-node graph drawn in Chromium ({len(html) / 1024:.0f} KiB)"
    yield (label, time.perf_counter() - t)
    page.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated page names")
    parser.add_argument("--no-interactions", action="store_true")
    parser.add_argument(
        "--repeat", type=int, default=1, help="first renders and interactions this many times"
    )
    args = parser.parse_args(argv)
    names = [n for n in args.pages.split(",") if n]
    unknown = [n for n in names if n not in PAGES]
    if unknown:
        parser.error(f"unknown pages: {', '.join(unknown)}; known: {', '.join(PAGES)}")
    chromium = shutil.which("chromium")
    if chromium is None:
        print("chromium not found: apt-get install -y chromium", file=sys.stderr)
        return 1
    print(f"{'step':<52} {'seconds':>8}", flush=True)
    seen: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        log = Path(tmp) / "log"
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        steps: list[Iterator[tuple[str, float]]] = [
            first_renders(browser, names, log) for _ in range(max(args.repeat, 1))
        ]
        if not args.no_interactions:
            steps += [interactions(browser, log) for _ in range(max(args.repeat, 1))]
            steps.append(graph_render(browser))
        for step in steps:  # generators: each starts when its turn comes
            for name, secs in step:
                print(f"{name:<52} {secs:>8.2f}", flush=True)
                seen.setdefault(name, []).append(secs)
        browser.close()
    for line in summary(seen):
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
