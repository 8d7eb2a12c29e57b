"""Network metrics computed once per build and stored beside the store, not per page view."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]

from graph.files import write_atomic
from graph.network.views import VIEWS, parameter_free_views
from graph.stores.contract import Store

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
    between = sampled_betweenness(simple, k, seed=0)
    return {
        n: {
            "degree": float(g.degree(n)),
            "pagerank": round(pagerank[n], 10),
            "betweenness": round(between[n], 10),
        }
        for n in sorted(g)
    }


def sampled_betweenness(g: nx.DiGraph, k: int, seed: int = 0) -> dict[str, float]:
    """``nx.betweenness_centrality(g.to_undirected(), k=k, seed=seed)`` (normalized, endpoints
    excluded, the same ``k`` sources), computed for all sources at once with sparse matrix
    products (Brandes' BFS and dependency accumulation, one column per source) instead of one
    Python BFS per source: the same values up to float rounding, much faster (figures in
    ``benchmarks/README.md``).

    >>> import networkx as nx
    >>> from graph.pipeline.sample import world_store
    >>> from graph.network.views import entity_graph
    >>> g = nx.DiGraph(entity_graph(world_store()))
    >>> ours = sampled_betweenness(g, 20, seed=0)
    >>> theirs = nx.betweenness_centrality(g.to_undirected(), k=20, seed=0)
    >>> max(abs(ours[n] - theirs[n]) for n in g) < 1e-12
    True
    """
    nodes = list(g)
    n = len(nodes)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    if k >= n:
        sources = nodes
    else:
        sources = random.Random(seed).sample(nodes, k)
    rows = [index[a] for a, b in g.edges() if a != b]
    cols = [index[b] for a, b in g.edges() if a != b]
    adj = sp.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n)).tocsr()
    adj = ((adj + adj.T) > 0).astype(np.float64)
    cols_of = np.arange(len(sources))
    src = np.array([index[v] for v in sources])
    dist = np.full((n, len(sources)), -1, dtype=np.int64)
    sigma = np.zeros((n, len(sources)))
    dist[src, cols_of] = 0
    sigma[src, cols_of] = 1.0
    frontier = sigma.copy()
    depth = 0
    while frontier.any():  # BFS, one level for all sources: count shortest paths
        reached = adj @ frontier
        new = (reached > 0) & (dist < 0)
        depth += 1
        dist[new] = depth
        sigma[new] = reached[new]
        frontier = np.where(new, sigma, 0.0)
    delta = np.zeros_like(sigma)
    for d in range(depth, 0, -1):  # dependencies, deepest level first
        coef = np.where(dist == d, (1.0 + delta) / np.where(sigma > 0, sigma, 1.0), 0.0)
        pulled = adj @ coef
        delta += np.where(dist == d - 1, sigma * pulled, 0.0)
    delta[src, cols_of] = 0.0
    raw = delta.sum(axis=1)
    big_n = n - 1
    if big_n < 2:
        return {v: float(raw[i]) for i, v in enumerate(nodes)}
    if k >= n:
        scale = np.full(n, 1 / (big_n * (big_n - 1)))
    else:
        scale = np.full(n, 1 / (k * (big_n - 1)))
        scale[src] = 1 / ((k - 1) * (big_n - 1)) if k > 1 else float("nan")
    return {v: float(raw[i] * scale[i]) for i, v in enumerate(nodes)}


def view_metrics(name: str, g: nx.MultiDiGraph) -> dict[str, dict[str, float]]:
    """The metrics of view ``name``: :func:`node_metrics` and the view's own extra metrics."""
    values = node_metrics(g)
    spec = VIEWS.get(name)
    if spec is not None and spec.extra_metrics is not None:
        for n, extra in spec.extra_metrics(g).items():
            values.setdefault(n, {}).update(extra)
    return values


def metrics_of(graphs: dict[str, nx.MultiDiGraph]) -> Metrics:
    """The metrics of each named view."""
    return {name: view_metrics(name, g) for name, g in graphs.items()}


def compute_metrics(store: Store) -> Metrics:
    """Metrics of every parameter-free registered view (the entity graph projected once).

    For every registered view without parameters: degree, PageRank and approximate betweenness
    centrality (``k`` sampled nodes, fixed seed, so the numbers are reproducible). They are written
    to ``metrics.json`` in the store generation by a writer finalizer.

    >>> from graph.pipeline.sample import world_store
    >>> m = compute_metrics(world_store())
    >>> top = max(m["entity-graph"].items(), key=lambda kv: kv[1]["pagerank"])
    >>> round(sum(v["pagerank"] for v in m["entity-graph"].values()), 6)
    1.0
    """
    return metrics_of(parameter_free_views(store))


def write_metrics(metrics: Metrics, folder: Path) -> None:
    """Store ``metrics`` as ``metrics.json`` in a store generation (atomic)."""
    write_atomic(folder / METRICS_FILE, json.dumps(metrics, sort_keys=True))


def load_metrics(store: Store) -> Metrics:
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
