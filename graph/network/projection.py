"""The entity graph: every entity of the store as a networkx node, every relationship an edge."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import pyoxigraph as ox

from graph.sparql.internal import internal_query
from graph.stores.contract import Store
from graph.vocabulary import strings as vocab
from graph.vocabulary.strings import REG_IRI

#: Node kinds, most specific first: a node's kind is the first of these among its types
#: (defined in :mod:`graph.vocabulary.strings`, which pages import without networkx).
KINDS = vocab.KINDS

_NODES = internal_query("graph.network", "entity-nodes")

_HINTS = internal_query("graph.network", "edge-hints")

_DIRECT = internal_query("graph.network", "direct-links")

_SOURCES = internal_query("graph.network", "entity-graphs")

_ATTRS = internal_query("graph.network", "entity-attributes")

#: Shortcut properties stated beside a reified record or a specific link; drawing them too
#: would double the edge.
SHORTCUTS = frozenset(
    REG_IRI + p for p in ("subject", "ultimateParent", "directParent", "procedurallyFollows")
)

_REIFIED = internal_query("graph.network", "reified-links")


def _hints(store: Store) -> dict[str, tuple[str, str, str | None]]:
    return {
        r["class"].value: (r["src"].value, r["tgt"].value, r["lab"].value if r["lab"] else None)
        for r in store.query(_HINTS)
    }


def add_nodes(store: Store, g: nx.MultiDiGraph, kinds: Iterable[str] = KINDS) -> None:
    """Add the entities of ``kinds`` to ``g`` with ``label``, ``kind``, ``sources``,
    ``jurisdiction`` and ``date`` attributes (no edges)."""
    wanted = tuple(kinds)
    types: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    for row in store.query(_NODES):
        s = row["s"].value
        types.setdefault(s, set()).add(row["type"].value[len(REG_IRI) :])
        labels[s] = row["label"].value
    for s, ts in types.items():
        kind = next((k for k in KINDS if k in ts), None)
        if kind in wanted:
            g.add_node(s, label=labels[s], kind=kind)
    sources: dict[str, set[str]] = {}
    for row in store.query(_SOURCES):
        if row["s"].value in g:
            sources.setdefault(row["s"].value, set()).add(row["g"].value)
    for s, graphs in sources.items():
        g.nodes[s]["sources"] = tuple(sorted(graphs))
    for row in store.query(_ATTRS):
        s = row["s"].value
        if s in g:
            if row["code"] is not None:
                g.nodes[s]["jurisdiction"] = row["code"].value
            if row["date"] is not None:
                g.nodes[s]["date"] = row["date"].value


def entity_graph(store: Store) -> nx.MultiDiGraph:
    """Every entity (no literal nodes) with ``label``/``kind``; relationships as edges.

    Nodes carry ``jurisdiction`` (ISO code) and ``date`` (decisions) where known. Reified
    relationship records become one edge each (``label`` from their ``edgeLabel``); the records
    themselves, sources and amounts are not nodes.

    Driven by the ontology's edge hints: a reified relationship class (``Holding``, ``Treatment``,
    ``Ownership``, ``Participation``) carries ``reg:edgeSource``/``reg:edgeTarget``/
    ``reg:edgeLabel``, read generically here, so a new relationship class needs no code. The views
    of :mod:`graph.network.views` are cut from this graph.

    >>> from graph.pipeline.sample import world_store
    >>> g = entity_graph(world_store())
    >>> g.nodes["https://w3id.org/regkg/id/company/acme-video"]["kind"]
    'Company'
    """
    g = nx.MultiDiGraph()
    add_nodes(store, g)
    for cls, (src, tgt, lab) in _hints(store).items():
        bound = {
            ox.Variable("class"): ox.NamedNode(cls),
            ox.Variable("src"): ox.NamedNode(src),
            ox.Variable("tgt"): ox.NamedNode(tgt),
            ox.Variable("labp"): ox.NamedNode(lab or "urn:regkg:no-label"),
        }
        for row in store.query(_REIFIED, bound):
            a, b = row["a"].value, row["b"].value
            if a in g and b in g:
                name = row["lab"].value if row["lab"] else cls.rsplit("#", 1)[-1]
                g.add_edge(a, b, key=row["r"].value, label=name, kind=cls[len(REG_IRI) :])
    for row in store.query(_DIRECT):
        s, o, p = row["s"].value, row["o"].value, row["p"].value
        if s in g and o in g and s != o and p not in SHORTCUTS:
            label = row["plabel"].value if row["plabel"] else p
            g.add_edge(s, o, key=p, label=label, kind=p[len(REG_IRI) :])
    return g
