"""regkg explorer: statistics, sources and one entity's neighbourhood (``streamlit run app.py``).

Only widgets live here; queries, projections and drawing are in :mod:`graph`.
"""

from __future__ import annotations

import html
from pathlib import Path

import streamlit as st

from graph import catalog_info, settings, stats, views
from graph.errors import StoreError
from graph.render import legend_items, render_html
from graph.store import GraphStore, current_path

NOT_LEGAL_ADVICE = (
    "Not legal advice. regkg is a research aid built from public sources; records may be "
    "incomplete, out of date or wrong. Check the original decision before relying on it."
)
DEFAULT_ENTITY = "TikTok Technology Limited"
GRAPH_HEIGHT_PX = 650

Choice = tuple[str, str, str]  # (IRI, label, kind)


@st.cache_resource(show_spinner="Loading the graph store…", max_entries=2)
def load_store(home: str, generation: str) -> GraphStore:
    """The store of one built generation, copied into memory once per process."""
    del generation  # part of the cache key only: a new build gets a new entry
    return GraphStore.open(Path(home), in_memory=True)


@st.cache_data(show_spinner=False, max_entries=4)
def graph_stats(_store: GraphStore, key: str) -> stats.Stats:
    """Counts for the store identified by ``key``."""
    return stats.compute(_store)


@st.cache_data(show_spinner=False, max_entries=4)
def source_list(_store: GraphStore, key: str) -> list[catalog_info.SourceInfo]:
    """Licence and attribution of every source graph in the store identified by ``key``."""
    return catalog_info.sources(_store)


@st.cache_data(show_spinner="Reading entities…", max_entries=4)
def entity_choices(_store: GraphStore, key: str) -> list[Choice]:
    """Every entity of the entity graph, sorted by label."""
    g = views.entity_graph(_store)
    return sorted(
        ((node, str(a["label"]), str(a["kind"])) for node, a in g.nodes(data=True)),
        key=lambda c: (c[1].casefold(), c[0]),
    )


@st.cache_data(show_spinner="Drawing…", max_entries=64)
def neighbourhood_page(_store: GraphStore, key: str, center: str, depth: int) -> str:
    """The HTML page drawing the entities within ``depth`` links of ``center``."""
    ego = views.ego_network(_store, center, depth)
    return render_html(ego, height_px=GRAPH_HEIGHT_PX, selected=center)


def open_store() -> GraphStore | None:
    """The built store, or ``None`` after telling the user in plain words how to build it."""
    home = settings.home()
    generation = current_path(home)
    if generation is None:
        st.error(
            "No graph has been built yet. Run `regkg build` in the project folder, "
            "then reload this page."
        )
        st.text(f"Store folder looked in: {home}")
        return None
    try:
        return load_store(str(home), str(generation))
    except StoreError as exc:
        st.error("The graph store could not be opened. Run `regkg build`, then reload this page.")
        st.text(str(exc))
        return None


def show_stats(store: GraphStore, key: str) -> None:
    """Totals, records per class and triples per named graph."""
    counts = graph_stats(store, key)
    st.header("Graph statistics")
    left, middle, right = st.columns(3)
    left.metric("Triples", f"{counts.triples:,}")
    middle.metric("Named graphs", f"{len(counts.graphs):,}")
    right.metric("Built at", str(store.meta.get("built_at", "unknown")))
    by_class, by_graph = st.columns(2)
    by_class.subheader("Records per class")
    by_class.caption("A record counts once under each of its classes (a fine is also a decision).")
    by_class.dataframe(
        {"Class": list(counts.classes), "Records": list(counts.classes.values())},
        hide_index=True,
    )
    by_graph.subheader("Triples per named graph")
    by_graph.dataframe(
        {"Named graph": list(counts.graphs), "Triples": list(counts.graphs.values())},
        hide_index=True,
    )


def show_sources(store: GraphStore, key: str) -> None:
    """Each source with its licence and the attribution it requires."""
    st.header("Sources and licences")
    rows = source_list(store, key)
    st.dataframe(
        {
            "Source": [s.title for s in rows],
            "Licence": [s.licence for s in rows],
            "Attribution": [s.attribution for s in rows],
        },
        hide_index=True,
    )


def default_index(choices: list[Choice]) -> int:
    """Position of the default entity: TikTok's Irish company if present, else the first company."""
    for i, (_iri, label, _kind) in enumerate(choices):
        if label == DEFAULT_ENTITY:
            return i
    return next((i for i, c in enumerate(choices) if c[2] == "Company"), 0)


def show_legend() -> None:
    """Colour and shape of each node kind (constants only, escaped all the same)."""
    items = "".join(
        f'<span style="margin-right:1em;white-space:nowrap">'
        f'<span style="color:{html.escape(colour)}">&#9679;</span> '
        f"{html.escape(kind)} <small>({html.escape(shape)})</small></span> "
        for kind, colour, shape in legend_items()
    )
    st.html(f"<div>{items}</div>")


def show_neighbourhood(store: GraphStore, key: str) -> None:
    """Pick an entity and a depth; draw that neighbourhood."""
    st.header("Neighbourhood of an entity")
    choices = entity_choices(store, key)
    if not choices:
        st.info("The graph has no entities to draw.")
        return
    by_iri = {c[0]: c for c in choices}
    pick, hops = st.columns([3, 1])
    center = pick.selectbox(
        "Entity",
        options=list(by_iri),
        index=default_index(choices),
        format_func=lambda iri: by_iri[iri][1],
        key="entity",
    )
    depth = hops.slider("Depth (links)", min_value=1, max_value=3, value=1, key="depth")
    _iri, label, kind = by_iri[center]
    st.text(f"Showing {kind} “{label}” and everything within {depth} link(s).")
    try:
        page = neighbourhood_page(store, key, center, depth)
    except ValueError as exc:
        st.warning(f"Cannot draw this view: {exc}.")
        return
    show_legend()
    st.iframe(page, height=GRAPH_HEIGHT_PX + 16)


def main() -> None:
    """The whole page."""
    st.set_page_config(page_title="regkg", layout="wide")
    st.title("regkg: regulatory precedent graph")
    st.warning(NOT_LEGAL_ADVICE, icon="⚖️")
    store = open_store()
    if store is None:
        return
    key = str(store.path)
    show_stats(store, key)
    show_sources(store, key)
    show_neighbourhood(store, key)


main()
