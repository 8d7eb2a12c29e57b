"""Network metrics computed once per build and stored beside the store, not per page view.

For every registered view without parameters: degree, PageRank and approximate betweenness
centrality (``k`` sampled nodes, fixed seed, so the numbers are reproducible). They are written
to ``metrics.json`` in the store generation by a writer finalizer.

>>> from tests.fixtures.world_store import world_store
>>> m = compute_metrics(world_store())
>>> top = max(m["entity-graph"].items(), key=lambda kv: kv[1]["pagerank"])
>>> round(sum(v["pagerank"] for v in m["entity-graph"].values()), 6)
1.0
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import networkx as nx

from graph.store import GraphStore
from graph.views import VIEWS

METRICS_FILE = "metrics.json"
BETWEENNESS_SAMPLE = 200

Metrics = dict[str, dict[str, dict[str, float]]]


def node_metrics(g: nx.MultiDiGraph) -> dict[str, dict[str, float]]:
    """Degree, PageRank and (approximate) betweenness of every node of ``g``."""
    if g.number_of_nodes() == 0:
        return {}
    simple = nx.DiGraph(g)
    pagerank = nx.pagerank(simple)
    k = min(BETWEENNESS_SAMPLE, simple.number_of_nodes())
    between = nx.betweenness_centrality(simple.to_undirected(as_view=True), k=k, seed=0)
    return {
        n: {
            "degree": float(g.degree(n)),
            "pagerank": round(pagerank[n], 10),
            "betweenness": round(between[n], 10),
        }
        for n in sorted(g)
    }


def compute_metrics(store: GraphStore) -> Metrics:
    """Metrics of every parameter-free registered view."""
    return {
        name: node_metrics(spec.build(store)) for name, spec in VIEWS.items() if not spec.params
    }


def write_metrics(store: GraphStore, folder: Path) -> None:
    """Writer finalizer: compute and store ``metrics.json`` in a store generation (atomic)."""
    tmp = folder / f".{METRICS_FILE}.{os.getpid()}"
    tmp.write_text(json.dumps(compute_metrics(store), sort_keys=True), encoding="utf-8")
    tmp.replace(folder / METRICS_FILE)


def load_metrics(store: GraphStore) -> Metrics:
    """The stored metrics of this store's generation; computed on the spot if absent."""
    if store.path is not None and (store.path / METRICS_FILE).exists():
        data: Metrics = json.loads((store.path / METRICS_FILE).read_text(encoding="utf-8"))
        return data
    return compute_metrics(store)


def with_metrics(g: nx.MultiDiGraph, metrics: dict[str, dict[str, float]]) -> nx.MultiDiGraph:
    """``g`` with each node's stored metrics as node attributes (missing nodes get none)."""
    for n, values in metrics.items():
        if n in g:
            g.nodes[n].update(values)
    return g


def top_nodes(g: nx.MultiDiGraph, by: str = "pagerank", n: int = 10) -> list[tuple[str, Any]]:
    """The ``n`` nodes with the highest ``by`` attribute, highest first (ties by IRI)."""
    scored = [(node, data.get(by, 0.0)) for node, data in g.nodes(data=True)]
    return sorted(scored, key=lambda kv: (-kv[1], kv[0]))[:n]
