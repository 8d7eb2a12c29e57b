"""The HTML drawing: escaping, no external resources, inlined vis-network, physics and caps."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib import resources

import networkx as nx
import pytest

from graph.drawing import html_page as render_page
from graph.drawing import render
from graph.drawing.layout import bounds, overlap
from graph.network import views
from graph.stores.contract import Store

HOSTILE = "https://w3id.org/regkg/id/company/hostile-co"
ACME_VIDEO = "https://w3id.org/regkg/id/company/acme-video"


def _vis_js() -> str:
    path = resources.files("pyvis").joinpath("templates", "lib", "vis-9.1.2", "vis-network.min.js")
    return path.read_text(encoding="utf-8")


def _star(n: int) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("urn:x:hub", label="Hub", kind="Regulator")
    for i in range(n - 1):
        g.add_node(f"urn:x:{i}", label=f"Company {i}", kind="Company")
        g.add_edge("urn:x:hub", f"urn:x:{i}", label="fined")
    return g


@pytest.fixture
def hostile_page(world: Store) -> str:
    return render.render_html(views.ego_network(world, HOSTILE, depth=1), selected=HOSTILE)


def test_hostile_label_is_escaped(hostile_page: str) -> None:
    assert "<img src=x onerror" not in hostile_page
    assert "onerror=alert(1)>" not in hostile_page
    labels = {n["id"]: n["label"] for n in render.graph_data(hostile_page)["nodes"]}
    assert labels[HOSTILE] == "&lt;img src=x onerror=alert(1)&gt;"


def test_hostile_text_cannot_open_a_tag_or_heading() -> None:
    g = nx.MultiDiGraph()
    nasty = "</script><h1>owned</h1><script>alert(1)</script>"
    g.add_node("urn:x:a", label=nasty, kind="Company")
    g.add_node("urn:x:b", label="b", kind="Fine")
    g.add_edge("urn:x:b", "urn:x:a", label=nasty)
    page = render.render_html(g)
    assert "<h1>" not in page
    assert "alert(1)</script>" not in page
    data = render.graph_data(page)
    assert data["edges"][0]["label"].startswith("&lt;/script&gt;")
    assert data["nodes"][0]["title"].startswith("&lt;/script&gt;")


def test_no_external_resources(hostile_page: str) -> None:
    # nothing fetched from elsewhere: no absolute or protocol-relative URL in src/href/@import
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:[a-z]+:)?//""", hostile_page, re.I)
    assert not re.search(r"@import", hostile_page, re.I)
    assert not re.search(r"<script[^>]*\bsrc\s*=", hostile_page, re.I)
    assert not re.search(r"<link\b", hostile_page, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", hostile_page, re.I)
    assert "connect-src" not in hostile_page  # covered by default-src 'none'
    assert "default-src 'none'" in hostile_page


def test_vis_network_is_inlined(hostile_page: str) -> None:
    assert _vis_js() in hostile_page
    assert "new vis.Network(" in hostile_page


def test_colours_and_shapes_by_kind(world: Store) -> None:
    assert set(render.KIND_STYLE) == set(views.KINDS)
    colours = [colour for colour, _shape in render.KIND_STYLE.values()]
    assert len(set(colours)) == len(colours)
    g = views.ego_network(world, ACME_VIDEO, depth=2)
    page = render.render_html(g)
    by_kind: dict[str, set[str]] = {}
    for node in render.graph_data(page)["nodes"]:
        by_kind.setdefault(g.nodes[node["id"]]["kind"], set()).add(node["color"])
    assert len(by_kind) >= 3
    assert all(len(c) == 1 for c in by_kind.values())
    assert len({c for cs in by_kind.values() for c in cs}) == len(by_kind)
    assert render.legend_items()[0] == ("Fine", *render.KIND_STYLE["Fine"])
    assert [k for k, _c, _s in render.legend_items()] == list(views.KINDS)


def test_selected_node_is_highlighted(hostile_page: str) -> None:
    data = render.graph_data(hostile_page)
    assert data["selected"] == HOSTILE
    sizes = {n["id"]: n["size"] for n in data["nodes"]}
    assert sizes[HOSTILE] > max(s for i, s in sizes.items() if i != HOSTILE)


def test_cap_raises_with_a_message() -> None:
    with pytest.raises(ValueError, match=r"501 nodes.*500.*narrow the view"):
        render.render_html(_star(501))
    with pytest.raises(ValueError, match="11 nodes"):
        render.render_html(_star(11), max_nodes=10)


def test_physics_on_for_small_graphs() -> None:
    data = render.graph_data(render.render_html(_star(render.PHYSICS_MAX_NODES)))
    physics = data["options"]["physics"]
    assert physics["enabled"] is True
    assert physics["stabilization"]["enabled"] is True
    assert not any("x" in n for n in data["nodes"])


def test_physics_off_with_positions_for_large_graphs() -> None:
    g = _star(render.PHYSICS_MAX_NODES + 1)
    page = render.render_html(g)
    data = render.graph_data(page)
    assert data["options"]["physics"] == {"enabled": False}
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == g.number_of_nodes()
    assert render.graph_data(render.render_html(g)) == data  # seeded: same drawing every time


def test_physics_can_be_switched_off_for_small_graphs() -> None:
    data = render.graph_data(render.render_html(_star(5), physics=False))
    assert data["options"]["physics"]["enabled"] is False
    assert all("x" in n for n in data["nodes"])


def test_stabilisation_stops_physics(hostile_page: str) -> None:
    assert 'drawn.once("stabilizationIterationsDone"' in hostile_page
    assert "drawn.setOptions({physics: {enabled: false}})" in hostile_page


def test_height_is_validated() -> None:
    assert "height: 300px" in render.render_html(_star(3), height_px=300)
    with pytest.raises(ValueError, match="height_px"):
        render.render_html(_star(3), height_px=0)


def test_empty_graph_still_renders() -> None:
    data = render.graph_data(render.render_html(nx.MultiDiGraph()))
    assert data["nodes"] == [] and data["edges"] == []


# --------------------------------------------------------------------------- clicks, cards, caps
def _inline_scripts(page: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", page, re.S)


def test_click_opens_the_entity_page_when_linked(world: Store) -> None:
    g = views.ego_network(world, ACME_VIDEO, depth=1)
    page = render.render_html(g, link=("entity", "id"))
    data = render.graph_data(page)
    assert data["link"] == {"page": "entity", "param": "id"}
    assert 'drawn.on("click"' in page
    assert "encodeURIComponent(id)" in page
    assert 'host.history.pushState(null, "", url.href)' in page
    assert 'new PopStateEvent("popstate"' in page
    assert render.graph_data(render.render_html(g))["link"] is None


@pytest.mark.parametrize(
    "link",
    [
        ("javascript:alert(1)//", "id"),
        ("entity", "id&x=1"),
        ("https://evil.example", "id"),
        ("", "id"),
    ],
)
def test_link_must_be_plain_names(link: tuple[str, str]) -> None:
    with pytest.raises(ValueError, match="plain lower-case names"):
        render.render_html(_star(3), link=link)


def test_every_inline_script_is_allowed_by_the_csp_hash() -> None:
    page = render.render_html(_star(3), link=("entity", "id"))
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert csp is not None
    scripts = _inline_scripts(page)
    assert len(scripts) == 2  # vis-network and the drawing code; the data block is JSON
    for script in scripts:
        assert render_page.csp_hash(script) in csp.group(1)


def test_card_becomes_the_escaped_tooltip(world: Store) -> None:
    from graph.explorer import explore

    g = explore.ego_view(explore.explorer_graph(world), HOSTILE, 1)
    page = render.render_html(g, selected=HOSTILE, link=("entity", "id"))
    titles = {n["id"]: n["title"] for n in render.graph_data(page)["nodes"]}
    assert titles[HOSTILE].startswith("Company: &lt;img src=x onerror=alert(1)&gt;\n")
    assert "As of 2026-01-01 · trust: curated-verified" in titles[HOSTILE]
    assert "onerror=alert(1)>" not in page
    fine = "https://w3id.org/regkg/id/decision/bmcb-fine-2022"
    assert titles[fine].splitlines()[1:3] == ["Date: 2022-02-14", "Jurisdiction: BB"]


def test_hostile_card_cannot_close_the_data_block() -> None:
    g = nx.MultiDiGraph()
    g.add_node("urn:x:a", label="a", kind="Company", card="</script><script>alert(1)</script>")
    page = render.render_html(g)
    assert "alert(1)</script>" not in page
    assert render.graph_data(page)["nodes"][0]["title"] == (
        "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    )


def test_cap_message_names_the_size_the_cap_and_how_to_narrow() -> None:
    message = render.cap_message(812, 300)
    assert message.startswith("this view has 812 nodes, more than the 300")
    assert "narrow the view" in message and "smaller depth" in message
    with pytest.raises(ValueError) as err:
        render.render_html(_star(31), max_nodes=30)
    assert str(err.value) == render.cap_message(31, 30)


def test_settled_flag_is_set_once_the_layout_stops() -> None:
    small = render.render_html(_star(5))
    assert "window.regkgSettled = !data.options.physics.enabled;" in small
    assert "window.regkgSettled = true;" in small


def test_legend_shows_only_style_constants() -> None:
    legend = render.legend_html(["Fine", "Court", "<b>odd</b>"])
    assert "Fine" in legend and "Court" in legend
    assert "<b>" not in legend and "&lt;b&gt;odd&lt;/b&gt;" in legend
    assert legend.count('style="color:') == 3
    assert all(
        render.SHAPE_GLYPHS[shape] in render.legend_html()
        for _k, _c, shape in render.legend_items()
    )


def test_physics_drawings_have_labelled_curves_and_laid_out_ones_straight_lines() -> None:
    small = render.graph_data(render.render_html(_star(render.PHYSICS_MAX_NODES)))
    assert small["options"]["edges"]["smooth"]["enabled"] is True
    assert small["options"]["layout"]["improvedLayout"] is True
    assert small["options"]["physics"]["stabilization"]["iterations"] == render.STABILISATION_STEPS
    assert all("label" in e for e in small["edges"])
    big = render.graph_data(render.render_html(_star(render.PHYSICS_MAX_NODES + 1)))
    assert big["options"]["physics"] == {"enabled": False}
    assert big["options"]["edges"]["smooth"]["enabled"] is False
    assert big["options"]["layout"]["improvedLayout"] is False
    assert not any("label" in e for e in big["edges"])
    assert all(e["title"] for e in big["edges"])  # the link's name stays in its tooltip


def test_links_between_the_same_nodes_bend_apart_without_simulated_edges() -> None:
    g = _star(5)
    g.add_edge("urn:x:hub", "urn:x:0", label="appealed")  # a second and a third link, both ways
    g.add_edge("urn:x:0", "urn:x:hub", label="also fined")
    data = render.graph_data(render.render_html(g))
    assert data["options"]["edges"]["smooth"] == {"enabled": True, "type": "continuous"}
    pair = [e for e in data["edges"] if {e["from"], e["to"]} == {"urn:x:hub", "urn:x:0"}]
    assert [e.get("smooth", {}).get("roundness") for e in pair] == [None, 0.25, 0.5]
    assert all(e["smooth"]["type"] == "curvedCW" for e in pair[1:])
    assert "dynamic" not in json.dumps(data)  # a simulated body per edge: slow to settle
    big = _star(render.PHYSICS_MAX_NODES + 1)
    big.add_edge("urn:x:hub", "urn:x:0", label="appealed")
    laid_out = render.graph_data(render.render_html(big))
    assert not any("smooth" in e for e in laid_out["edges"])  # all straight, as before


def _two_parts_and_lone_nodes(reverse: bool) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    edges = [(f"urn:a:{i}", f"urn:a:{(i * 7) % 80}") for i in range(80)]
    edges += [(f"urn:b:{i}", f"urn:b:{i + 1}") for i in range(20)]
    lone = [f"urn:c:{i}" for i in range(render.PHYSICS_MAX_NODES)]
    if reverse:
        edges, lone = edges[::-1], lone[::-1]
    g.add_nodes_from(lone, label="lone", kind="Court")
    for a, b in edges:
        g.add_edge(a, b, label="cites")
    return g


def test_laid_out_parts_do_not_overlap_and_order_does_not_matter() -> None:
    g = _two_parts_and_lone_nodes(reverse=False)
    data = render.graph_payload(g)
    assert data["options"]["physics"] == {"enabled": False}
    pos = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    parts = [set(c) for c in nx.weakly_connected_components(g) if len(c) > 1]
    boxes = [bounds(pos, p) for p in parts] + [bounds(pos, {n}) for n in g if g.degree(n) == 0]
    assert not any(overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    main, everything = bounds(pos, max(parts, key=len)), bounds(pos, g)
    assert everything[2] - everything[0] <= 1.5 * (main[2] - main[0])  # none flung aside
    assert render.graph_payload(_two_parts_and_lone_nodes(reverse=True)) == data


def test_laid_out_drawings_take_any_node_ids() -> None:
    g = nx.MultiDiGraph(nx.path_graph(render.PHYSICS_MAX_NODES + 5))
    data = render.graph_payload(g)
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == g.number_of_nodes()


_PAYLOAD_DIGEST = """
import hashlib, json
import networkx as nx
from graph.drawing import render
g = nx.MultiDiGraph(nx.barabasi_albert_graph(150, 2, seed=1))
g = nx.relabel_nodes(g, {n: f"urn:n:{n}" for n in g})
g.add_nodes_from(f"urn:lone:{i}" for i in range(9))
for physics in (True, False):
    part = g.subgraph({n for n in g if not n.endswith("7")})  # a view in set order
    small = g.subgraph(list(g)[:40])
    for view in (part, small):
        data = render.graph_payload(view, physics=physics)
        print(hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest())
"""


def test_drawings_are_the_same_in_every_process() -> None:
    """Subgraphs list their nodes in hash order; the drawing must not depend on it."""
    out = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _PAYLOAD_DIGEST], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        out.append(done.stdout)
    assert out[0] == out[1] == out[2] and len(out[0].split()) == 4
