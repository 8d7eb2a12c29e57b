"""The parameter-free views of a snapshot, ready to write (:class:`ViewData`), projected once
from the canonical N-Triples lines."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import networkx as nx

from graph.network.entity_scan import Attrs, Edges, project
from graph.network.metrics import Metrics, view_metrics, with_metrics
from graph.network.views import PRECEDENT_EDGE_KINDS, VIEWS, ViewFunction
from graph.publish.rdf_formats import canonical
from graph.publish.view_files import Scalar, ViewData, flat_attrs, view_data
from graph.stores.contract import Store


def _nx(nodes: dict[str, Attrs], edges: Edges | None) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_nodes_from((n, dict(d)) for n, d in nodes.items())
    for (a, b, key), d in (edges or {}).items():
        g.add_edge(a, b, key=key, **d)
    return g


def _precedent(nodes: dict[str, Attrs], edges: Edges) -> tuple[dict[str, Attrs], Edges]:
    cut = {e: d for e, d in edges.items() if d["kind"] in PRECEDENT_EDGE_KINDS}
    ends = {n for a, b, _k in cut for n in (a, b)}
    return {n: nodes[n] for n in ends}, cut


def _data(
    name: str, nodes: dict[str, Attrs], edges: Edges, values: dict[str, dict[str, float]] | None
) -> ViewData:
    if values is None:
        values = view_metrics(name, _nx(nodes, edges))
    flat: dict[int, dict[str, Scalar]] = {}  # edges share attribute dicts: flatten each once
    for d in edges.values():
        if id(d) not in flat:
            flat[id(d)] = flat_attrs(d)
    return ViewData(
        [(n, flat_attrs(nodes[n] | values.get(n, {}))) for n in sorted(nodes)],
        [(a, b, k, flat[id(edges[(a, b, k)])]) for a, b, k in sorted(edges)],
    )


def _with_metrics(
    name: str, g: nx.MultiDiGraph, values: dict[str, dict[str, float]] | None
) -> ViewData:
    return view_data(with_metrics(g, view_metrics(name, g) if values is None else values))


#: Views written straight from the scan's node and edge dicts (no networkx graph).
_SCANNED = frozenset({"entity-graph", "precedent-graph"})


def prefetch(store: Store) -> dict[str, ViewFunction]:
    """Read from the store, now, what the parameter-free views other than the entity graph's
    own cuts need: a forked worker then never touches the store."""
    return {
        name: spec.from_entities(store)
        for name, spec in VIEWS.items()
        if not spec.params and spec.from_entities is not None and name not in _SCANNED
    }


def snapshot_views(
    store: Store,
    metrics: Metrics | None,
    classes: dict[str, int] | None = None,
    builders: Mapping[str, ViewFunction] | None = None,
) -> Iterator[tuple[str, ViewData]]:
    """Every registered view without parameters, with its node metrics (from ``metrics``, or
    computed on the view when ``metrics`` is None); ``classes`` (if given) is filled with the
    records per class, counted by the same pass. ``builders`` (from :func:`prefetch`) build
    views without reading the store; a view without one reads the store here.

    The entity graph is projected once, from the canonical N-Triples lines
    (:func:`graph.network.entity_scan.project`), and the precedent graph is cut from it without
    networkx. Any other registered view is built by its ``from_entities`` hook (or its ``build``),
    as :func:`graph.network.views.parameter_free_views` does. ``tests/publish/test_export.py``
    checks every
    view against ``view_data(with_metrics(parameter_free_views(store)[name], …))``.
    """
    builders = builders or {}
    nodes, edges, counted = project(canonical(store).graphs)
    if classes is not None:
        classes.update(counted)
    for name, spec in VIEWS.items():
        if spec.params:
            continue
        values = metrics.get(name, {}) if metrics is not None else None
        if name == "entity-graph":
            yield name, _data(name, nodes, edges, values)
        elif name == "precedent-graph":
            yield name, _data(name, *_precedent(nodes, edges), values)
        else:
            cut = builders.get(name)
            if cut is None and spec.from_entities is not None:
                cut = spec.from_entities(store)
            if cut is None:
                yield name, _with_metrics(name, spec.build(store), values)
            else:
                entities = _nx(nodes, edges if spec.needs_edges else None)
                yield name, _with_metrics(name, cut(entities), values)
