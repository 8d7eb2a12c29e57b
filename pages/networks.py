"""Network views: pick a registered view, filter it, see it drawn beside its metrics, download it.

Centrality comes from the metrics stored with the build; a view bigger than the cap is drawn as
its most central nodes (by PageRank), with the full filtered view still downloadable.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any, cast

import networkx as nx
import streamlit as st

from graph.drawing import render
from graph.explorer import explore
from graph.explorer import networks as netview
from graph.explorer.refs import record_iri
from graph.network.metrics import Metrics, load_metrics
from graph.network.views import VIEWS
from graph.stores.contract import Store
from pages import common

SCOPE = "networks"
GRAPH_HEIGHT_PX = 600
CAP_BOUNDS = (10, render.MAX_NODES)
TOP_N = 10
K_VIEW, K_CENTER, K_DEPTH, K_CAP = "net_view", "net_center", "net_depth", "net_cap"
K_KINDS, K_JURIS, K_YEARS = "net_kinds", "net_juris", "net_years"
#: The view the filter widgets were last set up for (filters reset when the view changes).
K_FILTERS_FOR = "net_filters_for"


@st.cache_resource(show_spinner="Building the view…", max_entries=8)
def _other_view(_store: Store, key: str, name: str) -> nx.MultiDiGraph:
    view = netview.build_view(_store, name, entities=common.entity_graph(_store))
    if all("card" in a for _n, a in view.nodes(data=True)):
        return view  # cut from the entity graph: its nodes already carry their cards
    return explore.with_cards(view, _store)


def base_view(store: Store, key: str, name: str) -> nx.MultiDiGraph:
    """A parameter-free view (or the entity graph, for the ego network), built once per store;
    the entity graph is the one the graph explorer uses too."""
    if VIEWS[name].params or name == netview.ENTITY_GRAPH:
        return common.entity_graph(store)
    return _other_view(store, key, name)


@st.cache_resource(show_spinner=False, max_entries=2)
def stored_metrics(_store: Store, key: str) -> Metrics:
    """Every view's metrics, computed at build time."""
    return load_metrics(_store)


@dataclass(frozen=True)
class Choice:
    """What the page shows: the store generation (``key``, a cache key), the view, its centre
    and depth (ego network) and the filters. Hashable, so one argument keys every cache below."""

    key: str
    name: str
    center: str | None
    depth: int
    filters: explore.Filters


@st.cache_resource(show_spinner=False, max_entries=16)
def current_view(_store: Store, choice: Choice) -> nx.MultiDiGraph:
    """The chosen view under the filters, made once per choice and shared by the drawing, the
    metrics and the downloads (read-only: copy before changing it)."""
    base = base_view(_store, choice.key, choice.name)
    if VIEWS[choice.name].params:
        return explore.ego_view(base, choice.center or "", choice.depth, choice.filters)
    return explore.filtered(base, choice.filters)  # the base itself when nothing is filtered


@st.cache_data(show_spinner=False, max_entries=32)
def communities(_store: Store, choice: Choice) -> list[list[str]]:
    """Louvain communities of the chosen view (fixed seed), once per choice; an unfiltered
    parameter-free view's were stored with the build."""
    if not VIEWS[choice.name].params and choice.filters == explore.Filters():
        stored = netview.stored_communities(_store, choice.name)
        if stored is not None:
            return stored
    return netview.communities(current_view(_store, choice))


def _node_metrics(store: Store, choice: Choice) -> dict[str, dict[str, float]]:
    return netview.view_metrics(stored_metrics(store, choice.key), choice.name)


@st.cache_data(show_spinner="Drawing…", max_entries=32)
def drawing(_store: Store, choice: Choice, cap: int) -> dict[str, Any]:
    """The drawing of the view, cut to its ``cap`` most central nodes if bigger."""
    view = current_view(_store, choice)
    if view.number_of_nodes() > cap:
        view = netview.top_subgraph(view, _node_metrics(_store, choice), cap)
    return render.graph_payload(
        view,
        selected=choice.center,
        max_nodes=cap,
        link=(common.ENTITY_URL_PATH, "id"),
    )


@st.cache_data(show_spinner="Preparing the download…", max_entries=32)
def download(_store: Store, choice: Choice, fmt: str) -> bytes:
    """The filtered view with its stored metrics, as GraphML or GEXF."""
    view = netview.with_stored_metrics(current_view(_store, choice), _node_metrics(_store, choice))
    return netview.view_bytes(view, fmt)


def controls(store: Store, key: str) -> tuple[Choice, int]:
    """View, ego centre and depth, filters and cap; mirrored into the URL."""
    qp = st.query_params
    name = qp.get("view") if qp.get("view") in VIEWS else "entity-graph"
    seeds: dict[str, object] = {
        K_VIEW: name,
        K_DEPTH: explore.parse_int(qp.get("depth"), 1, 1, max(explore.DEPTHS)),
        K_CAP: explore.parse_int(qp.get("cap"), netview.DEFAULT_CAP, *CAP_BOUNDS),
    }
    entities = base_view(store, key, "ego-network")
    wanted = qp.get("center")
    center_seed = record_iri(wanted.strip()) if wanted and wanted.strip() else None
    seeds[K_CENTER] = center_seed if center_seed in entities else explore.default_center(entities)
    base = base_view(store, key, str(name))
    all_kinds = explore.kinds_present(base)
    kinds = explore.parse_list(qp.get("kinds"), all_kinds)
    seeds[K_KINDS] = list(kinds) if kinds is not None else list(all_kinds)
    seeds[K_JURIS] = list(explore.parse_list(qp.get("juris"), explore.jurisdictions(base)) or ())
    years = explore.year_range(base)
    if years is not None:
        low = explore.parse_int(qp.get("since"), years[0], *years)
        high = explore.parse_int(qp.get("until"), years[1], *years)
        seeds[K_YEARS] = (min(low, high), max(low, high))
    seeds[K_FILTERS_FOR] = name
    common.seed_from_url(SCOPE, seeds)

    pick, cap_col = st.columns([4, 1])
    name = pick.selectbox("View", list(VIEWS), format_func=lambda n: VIEWS[n].title, key=K_VIEW)
    cap = cap_col.number_input(
        "Node cap",
        min_value=CAP_BOUNDS[0],
        max_value=CAP_BOUNDS[1],
        step=10,
        key=K_CAP,
        help="Bigger views are drawn as their most central nodes (by PageRank).",
    )
    st.caption(VIEWS[name].description)
    center: str | None = None
    depth = 1
    if VIEWS[name].params:
        by_iri = {c.iri: c for c in explore.choices(entities)}
        left, right = st.columns([4, 1])
        center = left.selectbox(
            "Centre entity",
            list(by_iri),
            format_func=lambda iri: f"{by_iri[iri].label} · {by_iri[iri].kind}",
            key=K_CENTER,
        )
        depth = right.slider("Depth (links)", 1, max(explore.DEPTHS), key=K_DEPTH)
    base = base_view(store, key, name)
    all_kinds = explore.kinds_present(base)
    years = explore.year_range(base)
    codes = explore.jurisdictions(base)
    if st.session_state.get(K_FILTERS_FOR) != name:
        # Another view was picked: its filters start wide open.
        st.session_state[K_KINDS] = list(all_kinds)
        st.session_state[K_JURIS] = []
        if years is not None:
            st.session_state[K_YEARS] = years
        st.session_state[K_FILTERS_FOR] = name
    with st.expander("Filters: kinds, jurisdictions, dates", expanded=False):
        kinds_now = st.multiselect("Kinds of node", all_kinds, key=K_KINDS)
        juris = st.multiselect("Jurisdictions (none chosen: all)", codes, key=K_JURIS)
        span: tuple[int, int] | None = None
        if years is not None and years[0] < years[1]:
            span = cast(
                "tuple[int, int]",
                st.slider(
                    "Decision dates (undated nodes are kept)", years[0], years[1], key=K_YEARS
                ),
            )
    filters = explore.filters_from(kinds_now, all_kinds, juris, span, years)
    common.write_url(
        SCOPE,
        {
            "view": name,
            "center": center,
            "depth": str(depth) if center else None,
            "cap": str(cap) if cap != netview.DEFAULT_CAP else None,
            "kinds": ",".join(filters.kinds) if filters.kinds is not None else None,
            "juris": ",".join(filters.jurisdictions or ()),
            "since": filters.since,
            "until": filters.until,
        },
    )
    return Choice(key, str(name), center, int(depth), filters), int(cap)


def ranking(title: str, rows: list[tuple[str, str, float]], fmt: str) -> None:
    """A numbered list of linked nodes with their value."""
    st.markdown(f"**{title}**")
    if not rows:
        st.caption("No nodes.")
        return
    lines = [
        f"{i}. {common.entity_link(iri, label)} — {format(value, fmt)}"
        for i, (iri, label, value) in enumerate(rows, start=1)
    ]
    st.markdown("\n".join(lines))


def metrics_panel(
    view: nx.MultiDiGraph, node_metrics: dict[str, dict[str, float]], groups: list[list[str]]
) -> None:
    """Counts, the most-cited nodes (citation network), top nodes by PageRank and degree (stored
    metrics), components, communities."""
    sizes = netview.component_sizes(view)
    a, b, c = st.columns(3)
    a.metric("Nodes", view.number_of_nodes())
    b.metric("Links", view.number_of_edges())
    c.metric("Components", len(sizes))
    if any("cited_by" in v for v in node_metrics.values()):  # the citation network's own metric
        most = netview.ranked(view, node_metrics, "cited_by", TOP_N)
        ranking("Most cited (cited by N decisions)", most, ".0f")
    ranking("Top by PageRank", netview.ranked(view, node_metrics, "pagerank", TOP_N), ".4f")
    ranking("Top by degree", netview.ranked(view, node_metrics, "degree", TOP_N), ".0f")
    st.markdown("**Connected components** (sizes, largest first)")
    st.text(", ".join(str(s) for s in sizes[:30]) + (" …" if len(sizes) > 30 else ""))
    st.markdown(f"**Communities** (Louvain, fixed seed): {len(groups)}")
    for i, group in enumerate(groups[:8], start=1):
        best = sorted(group, key=lambda n: (-netview.score(node_metrics, n, "pagerank"), n))[:3]
        links = ", ".join(common.entity_link(n, str(view.nodes[n].get("label", n))) for n in best)
        st.markdown(f"{i}. {len(group)} nodes, led by {links}")


def main() -> None:
    """The whole page."""
    common.notice()
    st.title("Network views")
    store = common.store()
    if store is None:
        return
    key = common.store_key(store)
    choice, cap = controls(store, key)
    name = choice.name
    if VIEWS[name].params and choice.center is None:
        st.info("The graph has no entities yet, so there is no centre for an ego network.")
        return
    view = current_view(store, choice)
    if view.number_of_nodes() == 0:
        st.info("Nothing to show: the filters leave no nodes in this view. Widen them.")
        return
    node_metrics = _node_metrics(store, choice)
    drawing_col, metrics_col = st.columns([3, 2])
    with drawing_col:
        if view.number_of_nodes() > cap:
            st.info(
                f"This view has {view.number_of_nodes()} nodes; the drawing shows the {cap} "
                "most central (by PageRank). Filter the view or raise the cap to see others; "
                "the downloads hold the whole filtered view."
            )
        st.html(render.legend_html(explore.kinds_present(view)))
        common.drawing_frame(
            drawing(store, choice, cap),
            key="net_graph",
            height=GRAPH_HEIGHT_PX,
            alt=f"Drawing of the {VIEWS[name].title}",
        )
        st.caption("Hover a node for its details; click it to open its page.")
        left, right = st.columns(2)
        for col, fmt in zip((left, right), netview.DOWNLOAD_FORMATS, strict=True):
            col.download_button(
                f"Download {fmt.upper()}",
                data=partial(download, store, choice, fmt),
                file_name=f"{name}.{fmt}",
                mime="application/graphml+xml" if fmt == "graphml" else "application/gexf+xml",
                on_click="ignore",
                key=f"net_download_{fmt}",
            )
    with metrics_col:
        metrics_panel(view, node_metrics, communities(store, choice))


main()
