"""Network views for the app: build a registered view, cut it to its most central nodes,
summarise its structure, and write it as GraphML or GEXF bytes."""

from __future__ import annotations

import json
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx

from graph.errors import StoreError
from graph.files import source_stamp, write_atomic
from graph.network import projection, views
from graph.network.metrics import Metrics
from graph.network.views import VIEWS
from graph.publish.export import VIEW_FORMATS
from graph.stores.contract import Store

#: The view of every entity; views with parameters (the ego network) borrow its metrics.
ENTITY_GRAPH = "entity-graph"
#: Formats offered for download (a subset of :data:`graph.publish.export.VIEW_FORMATS`).
DOWNLOAD_FORMATS = ("graphml", "gexf")
#: Seed of the community detection, so the same graph always gets the same communities.
COMMUNITY_SEED = 0
#: Default cap of a network view's drawing: its 150 most central nodes (raise it to 500 on the
#: page). Lower than the explorer's 300 (:data:`graph.explorer.explore.DEFAULT_CAP`): a whole-graph
# view
#: at 300 nodes is a hairball, and its layout and drawing took ~0.5 s of the page's first render.
DEFAULT_CAP = 150
#: Communities of every parameter-free view, stored with each store generation.
COMMUNITIES_FILE = "communities.json"
#: Metrics a table can rank by.
RANK_BY = ("pagerank", "degree", "betweenness")


def build_view(
    store: Store,
    name: str,
    *,
    center: str | None = None,
    depth: int = 1,
    entities: nx.MultiDiGraph | None = None,
) -> nx.MultiDiGraph:
    """The registered view ``name`` (``center``/``depth`` only for views that take them).

    With ``entities`` (an entity graph already built from ``store``), a view that can be cut
    from it is, instead of projecting the store again; ``entities`` is not changed.

    >>> from graph.pipeline.sample import world_store
    >>> store = world_store()
    >>> g = build_view(store, "company-regulator")
    >>> sorted(a["label"] for _n, a in g.nodes(data=True))[:2]
    ['<img src=x onerror=alert(1)>', 'Acme EU Ltd']
    >>> component_sizes(g)
    [4, 3]
    >>> view_bytes(g, "graphml")[:38]
    b"<?xml version='1.0' encoding='utf-8'?>"
    """
    spec = VIEWS[name]
    if "center" in spec.params:
        if center is None:
            return nx.MultiDiGraph()
        return spec.build(store, center, depth)
    if entities is not None and spec.from_entities is not None and name != ENTITY_GRAPH:
        return spec.from_entities(store)(entities)
    return spec.build(store)


def view_metrics(metrics: Metrics, name: str) -> dict[str, dict[str, float]]:
    """The stored metrics of view ``name``; the entity graph's for views with parameters."""
    spec = VIEWS[name]
    return metrics.get(ENTITY_GRAPH if spec.params else name, {})


def score(node_metrics: dict[str, dict[str, float]], node: str, by: str) -> float:
    """One stored metric of one node (0.0 when not stored)."""
    return float(node_metrics.get(node, {}).get(by, 0.0))


def ranked(
    g: nx.MultiDiGraph, node_metrics: dict[str, dict[str, float]], by: str = "pagerank", n: int = 10
) -> list[tuple[str, str, float]]:
    """The ``n`` nodes of ``g`` highest by a stored metric: ``(iri, label, value)``, highest
    first, ties by IRI."""
    rows = [
        (node, str(a.get("label", node)), score(node_metrics, node, by))
        for node, a in g.nodes(data=True)
    ]
    return sorted(rows, key=lambda r: (-r[2], r[0]))[:n]


def top_subgraph(
    g: nx.MultiDiGraph, node_metrics: dict[str, dict[str, float]], n: int, by: str = "pagerank"
) -> nx.MultiDiGraph:
    """A copy of ``g`` induced on its ``n`` nodes highest by a stored metric."""
    keep = [node for node, _label, _v in ranked(g, node_metrics, by, n)]
    out: nx.MultiDiGraph = g.subgraph(keep).copy()
    return out


def component_sizes(g: nx.MultiDiGraph) -> list[int]:
    """Sizes of the weakly connected components, largest first."""
    return sorted((len(c) for c in nx.weakly_connected_components(g)), reverse=True)


def communities(g: nx.MultiDiGraph, seed: int = COMMUNITY_SEED) -> list[list[str]]:
    """Louvain communities of ``g`` taken as undirected (fixed seed): lists of node IRIs, largest
    first, each sorted; ties by first member."""
    if g.number_of_nodes() == 0:
        return []
    # Louvain visits nodes in insertion order: sort nodes and edges, so the same graph read from
    # any store (disk, memory, remote: rows come back in different orders) gives the same answer.
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g))
    simple.add_edges_from(sorted({tuple(sorted((u, v))) for u, v in g.edges()}))
    found = nx.community.louvain_communities(simple, seed=seed)
    groups = [sorted(c) for c in found]
    return sorted(groups, key=lambda c: (-len(c), c[0]))


@lru_cache(maxsize=1)
def communities_stamp() -> str:
    """Names the code that decides the views and their communities (see :func:`source_stamp`)."""
    return source_stamp(projection, views, sys.modules[__name__])


def write_communities(graphs: dict[str, nx.MultiDiGraph], folder: Path) -> None:
    """Store the communities of each parameter-free view (unfiltered) in a store generation."""
    data = {
        "stamp": communities_stamp(),
        "views": {name: communities(g) for name, g in sorted(graphs.items())},
    }
    write_atomic(folder / COMMUNITIES_FILE, json.dumps(data, sort_keys=True))


def stored_communities(store: Store, name: str) -> list[list[str]] | None:
    """The communities of the parameter-free view ``name``, unfiltered, as stored with the
    store's generation; ``None`` when there are none (no folder, an older build, other code)."""
    if store.path is None or not (store.path / COMMUNITIES_FILE).exists():
        return None
    path = store.path / COMMUNITIES_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        msg = f"{path}: the stored communities cannot be read ({exc}); run `regkg build --force`"
        raise StoreError(msg) from None
    if not isinstance(data, dict) or data.get("stamp") != communities_stamp():
        return None
    found = data.get("views", {}).get(name)
    return found if isinstance(found, list) else None


def with_stored_metrics(
    g: nx.MultiDiGraph, node_metrics: dict[str, dict[str, float]]
) -> nx.MultiDiGraph:
    """A copy of ``g`` with each node's stored metrics as attributes (``g`` is left alone).

    Centrality comes from the metrics stored with the build (:mod:`graph.network.metrics`), never
    computed per page view; a view without stored metrics (the ego network) borrows the entity
    graph's.
    """
    out: nx.MultiDiGraph = nx.MultiDiGraph(g)
    for node in out:
        out.nodes[node].update(node_metrics.get(node, {}))
    return out


def view_bytes(g: nx.MultiDiGraph, fmt: str) -> bytes:
    """``g`` in one of :data:`graph.publish.export.VIEW_FORMATS` (sorted, flattened, as in
    snapshots)."""
    if fmt not in VIEW_FORMATS:
        msg = f"unknown view format {fmt!r}; known: {', '.join(VIEW_FORMATS)}"
        raise ValueError(msg)
    with tempfile.TemporaryDirectory(prefix="regkg-view-") as tmp:
        path = Path(tmp) / f"view.{fmt}"
        VIEW_FORMATS[fmt](
            g, path
        )  # the writers sort and flatten (graph.publish.view_files.view_data)
        return path.read_bytes()


def summary(g: nx.MultiDiGraph) -> dict[str, Any]:
    """Node, edge and component counts of ``g``."""
    sizes = component_sizes(g)
    return {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "components": len(sizes),
        "largest component": sizes[0] if sizes else 0,
    }
