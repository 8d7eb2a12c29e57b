"""The drawing component's files (graph.drawing.component) and the data it shares with the page."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx

from graph.drawing import component as render_component
from graph.drawing import html_page as render_page
from graph.drawing import render
from graph.drawing import script as render_js


def _star(n: int) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("urn:x:hub", label="<b>hub</b>", kind="Company", card="a & b")
    for i in range(n - 1):
        g.add_node(f"urn:x:{i}", label=f"n{i}", kind="Fine")
        g.add_edge(f"urn:x:{i}", "urn:x:hub", label="fined")
    return g


def test_page_and_component_draw_the_same_data() -> None:
    g = _star(6)
    kwargs = {"selected": "urn:x:hub", "link": ("entity", "id")}
    payload = render.graph_payload(g, **kwargs)  # type: ignore[arg-type]
    assert payload == render.graph_data(render.render_html(g, **kwargs))  # type: ignore[arg-type]
    hub = next(n for n in payload["nodes"] if n["id"] == "urn:x:hub")
    assert hub["label"] == "&lt;b&gt;hub&lt;/b&gt;" and hub["title"] == "a &amp; b"


def test_index_has_the_strict_csp_and_no_inline_script() -> None:
    index = render_component.component_files()["index.html"].decode("utf-8")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', index)
    assert csp is not None
    assert csp.group(1) == (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src data:; font-src data:"
    )
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", index, re.S)
    assert len(scripts) == 3  # vis-network, the drawing code, the component protocol
    assert all(re.fullmatch(r' src="[a-z-]+-[0-9a-f]{12}\.(min\.)?js"', a) for a, _ in scripts)
    assert all(body == "" for _, body in scripts)
    assert "http" not in index.replace("http-equiv", "")  # nothing from the network


def test_component_serves_vis_network_from_pyvis_and_our_code() -> None:
    files = render_component.component_files()
    index = files["index.html"].decode("utf-8")
    referenced = set(re.findall(r'(?:src|href)="([^"]+)"', index))
    assert referenced == set(files) - {"index.html"}
    vis = render_page.vis_dir()
    by_stem = {name.split("-")[0] + name.rsplit(".", 1)[-1]: files[name] for name in referenced}
    assert by_stem["vis" + "js"] == vis.joinpath("vis-network.min.js").read_bytes()
    assert by_stem["vis" + "css"] == vis.joinpath("vis-network.css").read_bytes()
    assert by_stem["drawjs"].decode("utf-8") == render_js.DRAW_JS
    assert by_stem["componentjs"].decode("utf-8") == render_js.COMPONENT_JS


def test_write_component_writes_every_file(tmp_path: Path) -> None:
    folder = render_component.write_component(tmp_path / "c")
    files = render_component.component_files()
    assert sorted(p.name for p in folder.iterdir()) == sorted(files)
    assert all((folder / name).read_bytes() == content for name, content in files.items())


def test_protocol_speaks_streamlit_components_api_1() -> None:
    js = render_js.COMPONENT_JS
    assert 'post("streamlit:componentReady", {apiVersion: 1});' in js
    assert 'data.type !== "streamlit:render"' in js
    assert "event.source !== window.parent" in js  # only the host may ask for a drawing
    assert 'post("streamlit:setFrameHeight", {height: height});' in js
    assert "isStreamlitMessage: true" in js
    assert "args.digest !== shown" in js  # the same drawing is not drawn twice


def test_no_data_reaches_an_html_sink() -> None:
    for js in (render_js.DRAW_JS, render_js.COMPONENT_JS, render_js.PAGE_BOOT):
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in js
