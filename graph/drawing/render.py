"""Draw a networkx view as one self-contained HTML page (vis-network, no external requests)."""

from __future__ import annotations

import html
import re
from collections.abc import Hashable
from typing import Any

import networkx as nx

from graph.drawing.html_page import graph_data, html_page, json_for_html
from graph.drawing.layout import packed_layout
from graph.drawing.style import (
    DEFAULT_STYLE,
    KIND_STYLE,
    SHAPE_GLYPHS,
    legend_html,
    legend_items,
)

__all__ = [
    "DEFAULT_STYLE",
    "KIND_STYLE",
    "LAYOUT_SEED",
    "MAX_NODES",
    "PHYSICS_MAX_NODES",
    "STABILISATION_STEPS",
    "SHAPE_GLYPHS",
    "cap_message",
    "graph_data",
    "graph_payload",
    "legend_html",
    "legend_items",
    "render_html",
]

#: Above this many nodes the layout is computed in Python (a seeded spring layout, ~0.3 s for
#: 300 nodes, cached with the drawing) and physics stays off: vis-network's stabilisation runs on
#: the browser's main thread before the first paint, and at 300 nodes it took 1-2 s in Chromium
#: here and held the rest of the page back. Laid-out drawings have straight, unlabelled edges.
PHYSICS_MAX_NODES = 100
#: Most physics steps before a drawing is first shown (vis-network stops sooner once still):
#: ~1 ms each at 80 nodes in Chromium here, and Kamada-Kawai's initial placement
#: (``improvedLayout``) already starts the simulation close to its end.
STABILISATION_STEPS = 200
#: Default hard cap on the nodes of one drawing.
MAX_NODES = 500
#: Seed of the Python layout, so the same graph is always drawn the same way.
LAYOUT_SEED = 7

_LINK_PAGE_RE = re.compile(r"[a-z0-9][a-z0-9_-]*")
_LINK_PARAM_RE = re.compile(r"[a-z][a-z0-9_]*")


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
    """A complete HTML page drawing ``g`` ``height_px`` CSS pixels high: the data of
    :func:`graph_payload` (see there for the other parameters) with vis-network inlined.

    Raises
    ------
    ValueError
        As :func:`graph_payload`, or if ``height_px`` is not a positive integer.

    The page inlines the vis-network script and stylesheet that ship inside the ``pyvis`` package,
    so it works offline and loads nothing from a CDN. Its own Content-Security-Policy allows only
    the page's inline scripts (by hash) and no network access, so even injected markup could not
    run.

    A node's tooltip is its ``card`` attribute when it has one (a few lines of plain text: kind,
    date, jurisdiction, provenance), else its label and kind. With ``link`` set, clicking a node
    opens that record's page in the host app.

    Every label and tooltip is escaped with :func:`html.escape` before it enters the page, and the
    graph data is embedded as JSON with ``<``, ``>`` and ``&`` written as ``\\u`` escapes, so no
    record text can close a tag or open one. vis-network draws labels on a canvas and shows tooltips
    with ``innerText``; both are text sinks, so the page turns the escaped strings back into the
    plain text they stand for just before handing them over.

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
    if isinstance(height_px, bool) or not isinstance(height_px, int) or height_px <= 0:
        msg = f"height_px must be a positive integer, not {height_px!r}"
        raise ValueError(msg)
    data = graph_payload(g, physics=physics, selected=selected, max_nodes=max_nodes, link=link)
    return html_page(json_for_html(data), height_px)


def graph_payload(
    g: nx.MultiDiGraph,
    *,
    physics: bool = True,
    selected: str | None = None,
    max_nodes: int = MAX_NODES,
    link: tuple[str, str] | None = None,
) -> dict[str, Any]:
    """What a drawing of ``g`` shows (node attrs ``label``/``kind``, optional ``card``; edge attr
    ``label``): ``nodes``, ``edges``, vis-network ``options``, the ``selected`` node id and the
    ``link`` of a click, as JSON-ready data. Every label and tooltip in it is HTML-escaped.

    The same data feeds the standalone page (:func:`render_html`) and the app's drawing
    component (:mod:`graph.drawing.component`).

    Parameters
    ----------
    g
        The graph to draw; node ids are shown nowhere, labels and kinds are.
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
        If ``g`` has more than ``max_nodes`` nodes or ``link`` is not a pair of plain names.
    """
    n = g.number_of_nodes()
    if n > max_nodes:
        raise ValueError(cap_message(n, max_nodes))
    if link is not None and not (
        _LINK_PAGE_RE.fullmatch(link[0]) and _LINK_PARAM_RE.fullmatch(link[1])
    ):
        msg = f"link must be (page, param) of plain lower-case names, not {link!r}"
        raise ValueError(msg)
    g = _ordered(g)  # the same drawing whatever order the graph was built in
    use_physics = physics and n <= PHYSICS_MAX_NODES
    sel = selected if selected is not None and selected in g else None
    positions = None if use_physics else _layout(g)
    return {
        "nodes": _nodes(g, sel, positions),
        "edges": _edges(
            g,
            with_labels=use_physics,
            curved=use_physics,
        ),
        "options": _options(use_physics),
        "selected": sel,
        "link": {"page": link[0], "param": link[1]} if link is not None else None,
    }


def _nodes(
    g: nx.MultiDiGraph,
    selected: str | None,
    positions: dict[Hashable, tuple[float, float]] | None,
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


def _edges(g: nx.MultiDiGraph, *, with_labels: bool, curved: bool) -> list[dict[str, Any]]:
    """Edges with escaped labels. ``curved``: links between the same two nodes bend apart, each
    further one more (a fixed curve; vis-network's "dynamic" curves, which would separate them,
    add a simulated body per edge and made the layout settle ~3x slower)."""
    out = []
    seen: dict[frozenset[str], int] = {}
    for a, b, attrs in g.edges(data=True):
        label = html.escape(str(attrs.get("label", "")))
        item: dict[str, Any] = {"from": a, "to": b, "title": label, "arrows": "to"}
        if with_labels:
            item["label"] = label
        pair = frozenset((a, b))
        before = seen.get(pair, 0)
        seen[pair] = before + 1
        if curved and before:
            item["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.25 * before}
        out.append(item)
    return out


def _ordered(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``g`` with nodes and edges sorted by their ids: subgraphs list their nodes in
    set order, which changes between processes (hash seeds), and layouts follow node order."""
    out = nx.MultiDiGraph()
    out.add_nodes_from(sorted(g.nodes(data=True), key=lambda na: str(na[0])))
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    out.add_edges_from(edges)
    return out


def _layout(g: nx.MultiDiGraph) -> dict[Hashable, tuple[float, float]]:
    """Seeded positions in screen units (vis-network pixels):
    :func:`graph.drawing.layout.packed_layout`."""
    return packed_layout(g, seed=LAYOUT_SEED)


def _options(physics: bool) -> dict[str, Any]:
    options: dict[str, Any] = {
        "autoResize": True,
        "interaction": {"hover": True, "tooltipDelay": 150},
        "nodes": {"font": {"size": 13, "face": "sans-serif"}, "borderWidth": 1},
        "edges": {
            "color": {"color": "#9a9a9a", "highlight": "#333333"},
            "font": {"size": 10, "align": "middle"},
            "smooth": {"enabled": physics, "type": "continuous"},
        },
    }
    if physics:
        options["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 140},
            "stabilization": {"enabled": True, "iterations": STABILISATION_STEPS, "fit": True},
        }
        options["layout"] = {"randomSeed": LAYOUT_SEED, "improvedLayout": True}
    else:
        options["physics"] = {"enabled": False}
        options["layout"] = {"improvedLayout": False}
    return options
