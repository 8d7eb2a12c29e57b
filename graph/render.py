"""Draw a networkx view as one self-contained HTML page (vis-network, no external requests).

The page inlines the vis-network script and stylesheet that ship inside the ``pyvis`` package, so
it works offline and loads nothing from a CDN. Its own Content-Security-Policy allows only the
page's inline scripts (by hash) and no network access, so even injected markup could not run.

A node's tooltip is its ``card`` attribute when it has one (a few lines of plain text: kind, date,
jurisdiction, provenance), else its label and kind. With ``link`` set, clicking a node opens that
record's page in the host app (see :func:`render_html`).

Every label and tooltip is escaped with :func:`html.escape` before it enters the page, and the
graph data is embedded as JSON with ``<``, ``>`` and ``&`` written as ``\\u`` escapes, so no record
text can close a tag or open one. vis-network draws labels on a canvas and shows tooltips with
``innerText``; both are text sinks, so the page turns the escaped strings back into the plain text
they stand for just before handing them over.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("urn:x:a", label="A & <img src=x>", kind="Company")
>>> g.add_node("urn:x:b", label="B", kind="Fine")
>>> g.add_edge("urn:x:b", "urn:x:a", label="subject")
0
>>> page = render_html(g)
>>> graph_data(page)["nodes"][0]["label"]
'A &amp; &lt;img src=x&gt;'
>>> "<img src=x" in page
False
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

import networkx as nx

from graph.views import KINDS

#: Colour (hex) and vis-network shape per node kind; every kind of :data:`graph.views.KINDS`.
KIND_STYLE: dict[str, tuple[str, str]] = {
    "Fine": ("#d62728", "diamond"),
    "Order": ("#ff7f0e", "diamond"),
    "Settlement": ("#bcbd22", "diamond"),
    "Investigation": ("#8c564b", "triangleDown"),
    "DraftDecision": ("#e377c2", "diamond"),
    "BindingDecision": ("#9467bd", "diamond"),
    "CourtCase": ("#7f7f7f", "star"),
    "Judgment": ("#17becf", "star"),
    "Company": ("#1f77b4", "dot"),
    "PublicBody": ("#aec7e8", "dot"),
    "LawFirm": ("#c49c94", "dot"),
    "Court": ("#2ca02c", "hexagon"),
    "Regulator": ("#98df8a", "hexagon"),
    "Person": ("#ff9896", "triangle"),
    "AnonymousParty": ("#c7c7c7", "triangle"),
    "LegalInstrument": ("#dbdb8d", "square"),
    "Provision": ("#ffbb78", "square"),
    "LegalQuestion": ("#f7b6d2", "square"),
    "Statistic": ("#9edae5", "triangleDown"),
    "Jurisdiction": ("#c5b0d5", "hexagon"),
}
#: Style of a node whose kind is missing or unknown.
DEFAULT_STYLE = ("#999999", "dot")
#: Above this many nodes the layout is computed in Python and physics stays off.
PHYSICS_MAX_NODES = 300
#: Above this many nodes the drawing is kept light so the simulation settles in seconds: straight
#: edges (curved ones add a hidden physics body per edge), no edge labels, no initial clustering
#: and half the stabilisation steps.
LIGHT_ABOVE_NODES = 100
#: Default hard cap on the nodes of one drawing.
MAX_NODES = 500
#: Seed of the Python layout, so the same graph is always drawn the same way.
LAYOUT_SEED = 7

#: Glyph standing for each vis-network shape in a text legend.
SHAPE_GLYPHS: dict[str, str] = {
    "dot": "\u25cf",
    "diamond": "\u25c6",
    "square": "\u25a0",
    "triangle": "\u25b2",
    "triangleDown": "\u25bc",
    "star": "\u2605",
    "hexagon": "\u2b22",
}

_VIS_DIR = ("templates", "lib", "vis-9.1.2")
_LINK_PAGE_RE = re.compile(r"[a-z0-9][a-z0-9_-]*")
_LINK_PARAM_RE = re.compile(r"[a-z][a-z0-9_]*")
_DATA_ID = "regkg-graph"
_DATA_RE = re.compile(r'<script type="application/json" id="regkg-graph">(.*?)</script>', re.S)

# Reads the JSON block, turns escaped strings back into text for vis-network's text-only sinks
# (canvas labels, innerText tooltips), draws, and freezes the layout once it has stabilised.
# With a link, a click on a node opens ``<page>?<param>=<encoded node id>`` in the host app. A
# Streamlit iframe is sandboxed without ``allow-top-navigation`` but same-origin, so the page
# moves the host's history and tells the host (a ``popstate`` event, as the Back button would);
# Streamlit then runs that page. A page opened on its own (no host) does nothing on click.
_DRAW_JS = """
(function () {
  var data = JSON.parse(document.getElementById("regkg-graph").textContent);
  function text(s) {
    return typeof s !== "string" ? s : s.replace(/&lt;/g, "<").replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&");
  }
  function plain(item) {
    if (item.label !== undefined) { item.label = text(item.label); }
    if (item.title !== undefined) { item.title = text(item.title); }
    return item;
  }
  var nodes = new vis.DataSet(data.nodes.map(plain));
  var edges = new vis.DataSet(data.edges.map(plain));
  var container = document.getElementById("graph");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  window.regkgSettled = !data.options.physics.enabled;
  if (data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      window.regkgSettled = true;
    });
  }
  if (data.selected !== null) { network.selectNodes([data.selected]); }
  function openRecord(id) {
    var rel = data.link.page + "?" + data.link.param + "=" + encodeURIComponent(id);
    var host = window.parent;
    if (host === window) { return; }
    try {
      var url = new URL(rel, host.location.href);
      host.history.pushState(null, "", url.href);
      host.dispatchEvent(new PopStateEvent("popstate", {state: null}));
    } catch (err) {
      window.open(new URL(rel, document.baseURI).href, "_top");
    }
  }
  if (data.link !== null) {
    network.on("click", function (params) {
      if (params.nodes.length === 1) { openRecord(params.nodes[0]); }
    });
    network.on("hoverNode", function () { container.style.cursor = "pointer"; });
    network.on("blurNode", function () { container.style.cursor = "default"; });
  }
  window.regkgNetwork = network;
})();
"""


def legend_items() -> list[tuple[str, str, str]]:
    """``(kind, colour, shape)`` for every node kind, in :data:`graph.views.KINDS` order.

    >>> legend_items()[0]
    ('Fine', '#d62728', 'diamond')
    """
    return [(kind, *KIND_STYLE.get(kind, DEFAULT_STYLE)) for kind in KINDS]


def legend_html(kinds: Iterable[str] | None = None) -> str:
    """A one-line HTML legend (colour and shape glyph per kind) for ``kinds`` (default: all).

    Built only from the style constants, escaped all the same; unknown kinds get the default
    style. For ``st.html`` beside a drawing.

    >>> legend_html(["Fine", "Court"]).count('style="color:')
    2
    >>> "#d62728" in legend_html(["Fine"]) and "Court" not in legend_html(["Fine"])
    True
    """
    wanted = list(KINDS) if kinds is None else list(dict.fromkeys(kinds))
    items = []
    for kind in wanted:
        colour, shape = KIND_STYLE.get(kind, DEFAULT_STYLE)
        glyph = SHAPE_GLYPHS.get(shape, SHAPE_GLYPHS["dot"])
        items.append(
            '<span style="margin-right:1em;white-space:nowrap">'
            f'<span style="color:{html.escape(colour)}">{glyph}</span> {html.escape(kind)}</span>'
        )
    style = "display:flex;flex-wrap:wrap;row-gap:0.2em"
    return f'<div class="regkg-legend" style="{style}">{" ".join(items)}</div>'


def cap_message(n: int, max_nodes: int) -> str:
    """The plain-words refusal for a view of ``n`` nodes over the cap of ``max_nodes``.

    >>> cap_message(501, 500)[:58]
    'this view has 501 nodes, more than the 500 that can be dra'
    """
    return (
        f"this view has {n} nodes, more than the {max_nodes} that can be drawn at once; "
        "narrow the view (a smaller depth, fewer kinds, one jurisdiction or a date range)"
    )


def render_html(
    g: nx.MultiDiGraph,
    *,
    height_px: int = 650,
    physics: bool = True,
    selected: str | None = None,
    max_nodes: int = MAX_NODES,
    link: tuple[str, str] | None = None,
) -> str:
    """A complete HTML page drawing ``g`` (node attrs ``label``/``kind``, optional ``card``;
    edge attr ``label``).

    Parameters
    ----------
    g
        The graph to draw; node ids are shown nowhere, labels and kinds are.
    height_px
        Height of the drawing area in CSS pixels.
    physics
        Let vis-network lay out the graph (only up to :data:`PHYSICS_MAX_NODES` nodes; the
        simulation stops once stabilised). Otherwise positions come from a seeded spring layout.
    selected
        Node id to highlight and select, if it is in ``g``.
    max_nodes
        Refuse to draw more nodes than this.
    link
        ``(page, param)``: clicking a node opens the host app's relative URL
        ``page?param=<encoded node id>`` (for example ``("entity", "id")``). Both are plain
        lower-case names; ``None`` (the default) leaves clicks alone.

    Raises
    ------
    ValueError
        If ``g`` has more than ``max_nodes`` nodes, ``height_px`` is not a positive integer, or
        ``link`` is not a pair of plain names.
    """
    n = g.number_of_nodes()
    if n > max_nodes:
        raise ValueError(cap_message(n, max_nodes))
    if isinstance(height_px, bool) or not isinstance(height_px, int) or height_px <= 0:
        msg = f"height_px must be a positive integer, not {height_px!r}"
        raise ValueError(msg)
    if link is not None and not (
        _LINK_PAGE_RE.fullmatch(link[0]) and _LINK_PARAM_RE.fullmatch(link[1])
    ):
        msg = f"link must be (page, param) of plain lower-case names, not {link!r}"
        raise ValueError(msg)
    use_physics = physics and n <= PHYSICS_MAX_NODES
    sel = selected if selected is not None and selected in g else None
    positions = None if use_physics else _layout(g)
    data = {
        "nodes": _nodes(g, sel, positions),
        "edges": _edges(g, with_labels=use_physics and n <= LIGHT_ABOVE_NODES),
        "options": _options(use_physics, light=n > LIGHT_ABOVE_NODES),
        "selected": sel,
        "link": {"page": link[0], "param": link[1]} if link is not None else None,
    }
    return _page(_json_for_html(data), height_px)


def graph_data(page: str) -> dict[str, Any]:
    """The JSON graph block of a page made by :func:`render_html` (for tests and tools)."""
    match = _DATA_RE.search(page)
    if match is None:
        msg = "not a regkg graph page: no graph data block"
        raise ValueError(msg)
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def _nodes(
    g: nx.MultiDiGraph, selected: str | None, positions: dict[str, tuple[float, float]] | None
) -> list[dict[str, Any]]:
    out = []
    for node, attrs in g.nodes(data=True):
        kind = str(attrs.get("kind", ""))
        label = str(attrs.get("label", node))
        card = attrs.get("card")
        title = str(card) if card else f"{label} ({kind or 'unknown kind'})"
        colour, shape = KIND_STYLE.get(kind, DEFAULT_STYLE)
        item: dict[str, Any] = {
            "id": node,
            "label": html.escape(label),
            "title": html.escape(title),
            "color": colour,
            "shape": shape,
            "size": 24 if node == selected else 14,
        }
        if node == selected:
            item["borderWidth"] = 4
            item["font"] = {"size": 18}
        if positions is not None:
            item["x"], item["y"] = positions[node]
        out.append(item)
    return out


def _edges(g: nx.MultiDiGraph, *, with_labels: bool) -> list[dict[str, Any]]:
    out = []
    for a, b, attrs in g.edges(data=True):
        label = html.escape(str(attrs.get("label", "")))
        item: dict[str, Any] = {"from": a, "to": b, "title": label, "arrows": "to"}
        if with_labels:
            item["label"] = label
        out.append(item)
    return out


def _layout(g: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Seeded spring layout scaled to screen units (vis-network pixels)."""
    if g.number_of_nodes() == 0:
        return {}
    scale = 80.0 * math.sqrt(g.number_of_nodes())
    pos = nx.spring_layout(nx.Graph(g), seed=LAYOUT_SEED, scale=scale)
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in pos.items()}


def _options(physics: bool, *, light: bool = False) -> dict[str, Any]:
    options: dict[str, Any] = {
        "autoResize": True,
        "interaction": {"hover": True, "tooltipDelay": 150},
        "nodes": {"font": {"size": 13, "face": "sans-serif"}, "borderWidth": 1},
        "edges": {
            "color": {"color": "#9a9a9a", "highlight": "#333333"},
            "font": {"size": 10, "align": "middle"},
            "smooth": {"enabled": physics and not light, "type": "dynamic"},
        },
    }
    if physics:
        options["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 140},
            "stabilization": {"enabled": True, "iterations": 200 if light else 400, "fit": True},
        }
        options["layout"] = {"randomSeed": LAYOUT_SEED, "improvedLayout": not light}
    else:
        options["physics"] = {"enabled": False}
        options["layout"] = {"improvedLayout": False}
    return options


def _json_for_html(value: object) -> str:
    """JSON that cannot end a ``<script>`` element or start markup (``<``, ``>``, ``&`` escaped)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's minified script and stylesheet from the installed pyvis package."""
    base = resources.files("pyvis").joinpath(*_VIS_DIR)
    js = base.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = base.joinpath("vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():
        msg = "the vendored vis-network files cannot be inlined safely"
        raise RuntimeError(msg)
    return js, css


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _page(data_json: str, height_px: int) -> str:
    js, css = _vis_assets()
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(js)} {_csp_hash(_DRAW_JS)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:"
    )
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n',
            "<title>regkg graph</title>\n",
            f"<style>{css}</style>\n",
            "<style>html, body { margin: 0; padding: 0; background: #ffffff; }\n",
            "div.vis-tooltip { font-family: sans-serif; font-size: 13px; max-width: 420px; "
            "white-space: pre-wrap; }\n",
            f"#graph {{ width: 100%; height: {height_px}px; border: 1px solid #dddddd; "
            "box-sizing: border-box; }</style>\n",
            f"<script>{js}</script>\n</head>\n<body>\n",
            '<div id="graph" role="img" aria-label="Graph of the selected entities"></div>\n',
            f'<script type="application/json" id="{_DATA_ID}">{data_json}</script>\n',
            f"<script>{_DRAW_JS}</script>\n</body>\n</html>\n",
        ]
    )
