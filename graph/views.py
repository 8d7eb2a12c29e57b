"""networkx projections of the store, driven by the ontology's edge hints.

A reified relationship class (``Holding``, ``Treatment``, ``Ownership``, ``Participation``)
carries ``reg:edgeSource``/``reg:edgeTarget``/``reg:edgeLabel`` in the ontology; this module
reads those hints generically, so a new relationship class needs no code here.

>>> from tests.fixtures.world_store import world_store
>>> g = entity_graph(world_store())
>>> g.nodes["https://w3id.org/regkg/id/company/acme-video"]["kind"]
'Company'
>>> ego = ego_network(world_store(), "https://w3id.org/regkg/id/company/acme-video", depth=1)
>>> "https://w3id.org/regkg/id/company/acme-group" in ego
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx
import pyoxigraph as ox

from graph.namespaces import ID_BASE
from graph.store import GraphStore

REG = "https://w3id.org/regkg/ontology#"

#: Node kinds, most specific first: a node's kind is the first of these among its types.
KINDS = (
    "Fine",
    "Order",
    "Settlement",
    "Investigation",
    "DraftDecision",
    "BindingDecision",
    "CourtCase",
    "Judgment",
    "Company",
    "PublicBody",
    "LawFirm",
    "Court",
    "Regulator",
    "Person",
    "AnonymousParty",
    "LegalInstrument",
    "Provision",
    "LegalQuestion",
    "Statistic",
    "Jurisdiction",
)

_NODES = """
PREFIX reg: <https://w3id.org/regkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?type ?label WHERE {
  ?s a ?type ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?s), "https://w3id.org/regkg/id/"))
  FILTER(STRSTARTS(STR(?type), STR(reg:)))
}
"""

_HINTS = """
PREFIX reg: <https://w3id.org/regkg/ontology#>
SELECT ?class ?src ?tgt ?lab WHERE {
  ?class reg:edgeSource ?src ; reg:edgeTarget ?tgt . OPTIONAL { ?class reg:edgeLabel ?lab }
}
"""

_DIRECT = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?p ?o ?plabel WHERE {
  ?s ?p ?o .
  FILTER(ISIRI(?o) && STRSTARTS(STR(?s), "https://w3id.org/regkg/id/")
         && STRSTARTS(STR(?o), "https://w3id.org/regkg/id/"))
  OPTIONAL { ?p rdfs:label ?plabel }
}
"""

_REIFIED = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?class ?src ?tgt ?labp ?r ?a ?b ?lab WHERE {
  ?r a ?class ; ?src ?a ; ?tgt ?b .
  OPTIONAL { ?r ?labp ?l . ?l rdfs:label ?lab }
}
"""


@dataclass(frozen=True)
class ViewSpec:
    """A registered view: its title, description and projection function."""

    title: str
    description: str
    build: Callable[[GraphStore], nx.MultiDiGraph]


def _hints(store: GraphStore) -> dict[str, tuple[str, str, str | None]]:
    return {
        r["class"].value: (r["src"].value, r["tgt"].value, r["lab"].value if r["lab"] else None)
        for r in store.query(_HINTS)
    }


def entity_graph(store: GraphStore) -> nx.MultiDiGraph:
    """Every entity (no literal nodes) with ``label``/``kind``; relationships as edges.

    Reified relationship records become one edge each (``label`` from their ``edgeLabel``);
    the records themselves, sources and amounts are not nodes.
    """
    types: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    for row in store.query(_NODES):
        s = row["s"].value
        types.setdefault(s, set()).add(row["type"].value[len(REG) :])
        labels[s] = row["label"].value
    g = nx.MultiDiGraph()
    for s, ts in types.items():
        kind = next((k for k in KINDS if k in ts), None)
        if kind:
            g.add_node(s, label=labels[s], kind=kind)
    hints = _hints(store)
    for cls, (src, tgt, lab) in hints.items():
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
                g.add_edge(a, b, key=row["r"].value, label=name, kind=cls[len(REG) :])
    for row in store.query(_DIRECT):
        s, o = row["s"].value, row["o"].value
        if s in g and o in g and s != o:
            p = row["p"].value
            g.add_edge(
                s, o, key=p, label=row["plabel"].value if row["plabel"] else p, kind=p[len(REG) :]
            )
    return g


def ego_network(store: GraphStore, center: str, depth: int = 1) -> nx.MultiDiGraph:
    """The entities within ``depth`` links of ``center`` (links followed in both directions)."""
    g = entity_graph(store)
    if center not in g:
        return nx.MultiDiGraph()
    near = nx.single_source_shortest_path_length(
        g.to_undirected(as_view=True), center, cutoff=depth
    )
    return g.subgraph(near).copy()


def is_entity(iri: str) -> bool:
    """Whether an IRI is a regkg record IRI."""
    return iri.startswith(ID_BASE)


#: Registry of views; the CLI, the app and the README enumerate it.
VIEWS: dict[str, ViewSpec] = {
    "entity-graph": ViewSpec(
        "Entity graph",
        "Every entity (companies, authorities, decisions, law, questions) and every typed link.",
        entity_graph,
    ),
}
