"""Graph explorer: one entity's neighbourhood, filtered, drawn, and one click from each record.

Opens on TikTok Technology Limited (or the first company), so a graph is drawn without any
action. The entity, depth, filters and cap live in the URL, so a copied link reopens the view.
The entity graph is built once per store generation; a widget change only cuts a new ego view
from it and draws it (the drawing is cached per view).
"""

from __future__ import annotations

from typing import Any, cast

import networkx as nx
import streamlit as st

from graph.drawing import render
from graph.explorer import explore
from graph.explorer.networks import top_subgraph
from graph.explorer.refs import record_iri
from graph.network.metrics import load_metrics
from graph.stores.contract import Store
from pages import common

SCOPE = "explorer"
GRAPH_HEIGHT_PX = 640
CAP_BOUNDS = (10, render.MAX_NODES)
K_ENTITY, K_DEPTH, K_CAP = "explorer_entity", "explorer_depth", "explorer_cap"
K_KINDS, K_JURIS, K_YEARS = "explorer_kinds", "explorer_juris", "explorer_years"
K_SOURCES = "explorer_sources"
K_TOP, K_OPEN, K_GRAPH = "explorer_top", "explorer_open", "explorer_graph"


def entity_graph(_store: Store, key: str) -> nx.MultiDiGraph:
    """The entity graph with hover cards, built once per store generation (read-only)."""
    del key  # the shared cache is keyed by the store's generation
    return common.entity_graph(_store)


@st.cache_resource(show_spinner=False, max_entries=2)
def pagerank(_store: Store, key: str) -> dict[str, dict[str, float]]:
    """The entity graph's stored metrics (computed at build time)."""
    return load_metrics(_store).get("entity-graph", {})


@st.cache_data(show_spinner="Drawing…", max_entries=64)
def drawing(
    _store: Store,
    key: str,
    center: str,
    depth: int,
    filters: explore.Filters,
    cap: int,
    top: bool,
) -> dict[str, Any]:
    """The drawing of one ego view (at most ``cap`` nodes; the most central if ``top``)."""
    view = explore.ego_view(entity_graph(_store, key), center, depth, filters)
    if top and view.number_of_nodes() > cap:
        view = top_subgraph(view, pagerank(_store, key), cap)
    return render.graph_payload(
        view,
        selected=center,
        max_nodes=cap,
        link=(common.ENTITY_URL_PATH, "id"),
    )


def _seeds(
    g: nx.MultiDiGraph, all_kinds: list[str], years: tuple[int, int] | None
) -> dict[str, object]:
    """Widget values from the URL, checked against the graph (anything unreadable → default)."""
    qp = st.query_params
    wanted = qp.get("entity")
    center = record_iri(wanted.strip()) if wanted and wanted.strip() else None
    if center not in g:
        center = explore.default_center(g)
    kinds = explore.parse_list(qp.get("kinds"), all_kinds)
    seeds: dict[str, object] = {
        K_ENTITY: center,
        K_DEPTH: explore.parse_int(qp.get("depth"), 1, 1, max(explore.DEPTHS)),
        K_CAP: explore.parse_int(qp.get("cap"), explore.DEFAULT_CAP, *CAP_BOUNDS),
        K_KINDS: list(kinds) if kinds is not None else list(all_kinds),
        K_JURIS: list(explore.parse_list(qp.get("juris"), explore.jurisdictions(g)) or ()),
        K_SOURCES: list(explore.parse_list(qp.get("src"), explore.sources_present(g)) or ()),
    }
    if years is not None:
        low = explore.parse_int(qp.get("since"), years[0], *years)
        high = explore.parse_int(qp.get("until"), years[1], *years)
        seeds[K_YEARS] = (min(low, high), max(low, high))
    return seeds


def controls(g: nx.MultiDiGraph) -> tuple[str, int, explore.Filters, int]:
    """The entity picker, depth, filters and cap; their state mirrored into the URL."""
    all_kinds = explore.kinds_present(g)
    codes = explore.jurisdictions(g)
    years = explore.year_range(g)
    common.seed_from_url(SCOPE, _seeds(g, all_kinds, years))
    by_iri = {c.iri: c for c in explore.choices(g)}

    pick, hops, cap_col = st.columns([4, 1, 1])
    center = pick.selectbox(
        "Entity (type to search by name or kind)",
        options=list(by_iri),
        format_func=lambda iri: f"{by_iri[iri].label} · {by_iri[iri].kind}",
        key=K_ENTITY,
    )
    depth = hops.slider("Depth (links)", min_value=1, max_value=max(explore.DEPTHS), key=K_DEPTH)
    cap = cap_col.number_input(
        "Node cap",
        min_value=CAP_BOUNDS[0],
        max_value=CAP_BOUNDS[1],
        step=10,
        key=K_CAP,
        help="The most nodes drawn at once; bigger views are refused (or cut to the most "
        "central nodes) so the browser never freezes.",
    )
    with st.expander("Filters: kinds, jurisdictions, dates, sources", expanded=False):
        kinds = st.multiselect("Kinds of node", all_kinds, key=K_KINDS)
        juris = st.multiselect(
            "Jurisdictions (none chosen: all; entities without one are always kept)",
            codes,
            key=K_JURIS,
        )
        picked_sources = st.multiselect(
            "Sources (none chosen: all): curated files and imported trackers",
            explore.sources_present(g),
            format_func=lambda iri: iri.rsplit("/", 1)[-1],
            key=K_SOURCES,
        )
        span: tuple[int, int] | None = None
        if years is not None and years[0] < years[1]:
            span = cast(
                "tuple[int, int]",
                st.slider(
                    "Decision dates (undated entities are always kept)",
                    min_value=years[0],
                    max_value=years[1],
                    key=K_YEARS,
                ),
            )
    filters = explore.filters_from(kinds, all_kinds, juris, span, years, picked_sources)
    common.write_url(
        SCOPE,
        {
            "entity": center,
            "depth": str(depth),
            "cap": str(cap) if cap != explore.DEFAULT_CAP else None,
            "kinds": ",".join(filters.kinds) if filters.kinds is not None else None,
            "juris": ",".join(filters.jurisdictions or ()),
            "src": ",".join(filters.sources or ()),
            "since": filters.since,
            "until": filters.until,
        },
    )
    return str(center), int(depth), filters, int(cap)


def open_picker(view: nx.MultiDiGraph) -> None:
    """Pick any node of the drawing to open its entity page."""
    options = [c.iri for c in explore.choices(view)]
    labels = {c.iri: f"{c.label} · {c.kind}" for c in explore.choices(view)}
    chosen = st.selectbox(
        "Open the page of an entity in this view",
        options=options,
        index=None,
        format_func=lambda iri: labels[iri],
        placeholder="Choose an entity…",
        key=K_OPEN,
    )
    if chosen is not None:
        st.switch_page(common.ENTITY_PAGE, query_params={"id": chosen})


def main() -> None:
    """The whole page."""
    common.notice()
    st.title("Graph explorer")
    store = common.store()
    if store is None:
        return
    key = common.store_key(store)
    g = entity_graph(store, key)
    if g.number_of_nodes() == 0:
        st.info("The graph has no entities to draw yet: build it from data with `regkg build`.")
        return
    center, depth, filters, cap = controls(g)
    view = explore.ego_view(g, center, depth, filters)
    label, kind = g.nodes[center].get("label", center), g.nodes[center].get("kind", "entity")
    st.text(
        f"{kind} “{label}” and everything within {depth} link(s): "
        f"{view.number_of_nodes()} nodes, {view.number_of_edges()} links."
    )
    if filters.kinds is not None and not filters.kinds:
        st.info("No kind of node is chosen, so only the entity itself is shown.")
    top = False
    if view.number_of_nodes() > cap:
        sizes = explore.depth_sizes(g, center, filters)
        st.warning(explore.too_big_advice(view.number_of_nodes(), cap, sizes))
        top = st.checkbox(f"Draw only the {cap} most central nodes (by PageRank)", key=K_TOP)
        if not top:
            open_picker(view)
            return
    st.caption(
        "Hover a node for its card (kind, date, jurisdiction, as-of date and trust tier); "
        "click it to open its page. The layout stops moving once it has settled."
    )
    st.html(render.legend_html(explore.kinds_present(view)))
    common.drawing_frame(
        drawing(store, key, center, depth, filters, cap, top),
        key=K_GRAPH,
        height=GRAPH_HEIGHT_PX,
        alt="Graph of the selected entities",
    )
    open_picker(view)


main()
