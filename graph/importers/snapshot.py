"""What the store holds at import time, read once: other graphs' entities, decisions to link to,
the provisions already stated, and what the graph being replaced recorded about its file."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from graph.stores.contract import Store
from graph.vocabulary.namespaces import GRAPH_BASE

CURATED_PREFIX = GRAPH_BASE + "curated-"
_PREFIXES = """
PREFIX reg: <https://w3id.org/regkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

_ENTITIES = (
    _PREFIXES
    + """SELECT ?s ?type ?label ?alt ?asOf ?g WHERE {
  GRAPH ?g { ?s a ?type ; rdfs:label ?label . OPTIONAL { ?s reg:asOf ?asOf }
             OPTIONAL { ?s skos:altLabel ?alt } }
  VALUES ?type { reg:Company reg:PublicBody reg:Regulator reg:Court reg:Jurisdiction reg:Provision
                 reg:DataProtectionAuthority }
}"""
)
_JURISDICTIONS = (
    _PREFIXES + "SELECT ?s ?code WHERE { ?s reg:jurisdiction ?j . ?j reg:jurisdictionCode ?code }"
)
_DECISIONS = (
    _PREFIXES + "SELECT ?d ?g ?auth WHERE { GRAPH ?g { ?d a reg:Decision ; reg:decidedBy ?auth } }"
)
#: A stored decision's dates: its decision date and, where recorded, its announcement date (trackers
#: often date a fine by its announcement, so both must match a new record's date).
_DATES = (
    _PREFIXES
    + "SELECT ?d ?date WHERE { { ?d reg:decisionDate ?date } UNION { ?d reg:announcedDate ?date } }"
)
_EUR = _PREFIXES + "SELECT ?d ?eur WHERE { ?d reg:imposedAmount/reg:eurValue ?eur }"
_PARTIES = (
    _PREFIXES
    + """SELECT ?d ?p WHERE {
  { ?d reg:subject ?p } UNION { ?part reg:inDecision ?d ; reg:participant ?p }
}"""
)
_PARENTS = _PREFIXES + "SELECT ?c ?p WHERE { ?c reg:ultimateParent ?p }"
_IDS = (
    _PREFIXES + """SELECT ?d ?id WHERE { { ?d reg:celex ?id } UNION { ?d reg:caseNumber ?id } }"""
)
_DUPS = _PREFIXES + "SELECT ?d ?x ?g WHERE { GRAPH ?g { ?d reg:duplicateOf ?x } }"
_SOURCES = (
    _PREFIXES + "SELECT ?g ?name WHERE { GRAPH ?g { ?g a reg:SourceGraph ; reg:sourceName ?name } }"
)
_FILES = _PREFIXES + "SELECT ?g ?sha WHERE { GRAPH ?g { ?g a reg:SourceGraph ; reg:sha256 ?sha } }"


@dataclass
class KnownEntity:
    """An entity stated by another graph: what a restatement must copy to agree with it."""

    iri: str
    types: set[str] = field(default_factory=set)
    label: str = ""
    alt_labels: set[str] = field(default_factory=set)
    as_of: str | None = None
    jurisdiction: str | None = None
    curated: bool = False


@dataclass
class KnownDecision:
    """A decision already in the store, with what linking compares."""

    iri: str
    graph: str
    authority: str
    dates: set[str] = field(default_factory=set)
    eur: set[str] = field(default_factory=set)
    parties: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    duplicate_of: str | None = None


@dataclass
class Snapshot:
    """The parts of the store an import reads."""

    entities: dict[str, KnownEntity]
    decisions: dict[str, KnownDecision]
    parents: dict[str, str]
    graph_sources: dict[str, str]
    own_sha256: set[str]


def _rows(store: Store, query: str) -> list[list[str | None]]:
    out = []
    for sol in store.query(query):
        out.append([None if v is None else v.value for v in sol])
    return out


def read_snapshot(store: Store | None, graph: str) -> Snapshot:
    """Read the store (``None``: nothing was built yet) leaving out ``graph``.

    The graph being replaced is left out everywhere: an import never links to, or copies from, the
    records it is about to replace.
    """
    if store is None:
        return Snapshot({}, {}, {}, {}, set())
    entities: dict[str, KnownEntity] = {}
    for s, typ, label, alt, as_of, g in _rows(store, _ENTITIES):
        assert s is not None and typ is not None and g is not None
        if g == graph:
            continue
        ent = entities.setdefault(s, KnownEntity(s))
        ent.types.add(typ)
        ent.curated = ent.curated or g.startswith(CURATED_PREFIX)
        ent.label = ent.label or (label or "")
        if alt:
            ent.alt_labels.add(alt)
        if as_of and (ent.as_of is None or as_of < ent.as_of):
            ent.as_of = as_of
    for s, code in _rows(store, _JURISDICTIONS):
        if s in entities and code:
            entities[s].jurisdiction = code
    decisions: dict[str, KnownDecision] = {}
    for d, g, auth in _rows(store, _DECISIONS):
        assert d is not None and g is not None and auth is not None
        if g != graph and d not in decisions:
            decisions[d] = KnownDecision(d, g, auth)
    for query, attr in ((_DATES, "dates"), (_EUR, "eur"), (_PARTIES, "parties"), (_IDS, "ids")):
        for d, value in _rows(store, query):
            if d in decisions and value:
                getattr(decisions[d], attr).add(value)
    for d, x, g in _rows(store, _DUPS):
        if g != graph and d in decisions and x:
            decisions[d].duplicate_of = x
    parents = {c: p for c, p in _rows(store, _PARENTS) if c and p}
    sources = {g: n for g, n in _rows(store, _SOURCES) if g and n}
    bound = {ox.Variable("g"): ox.NamedNode(graph)}
    sha = {sol["sha"].value for sol in store.query(_FILES, bound)}
    return Snapshot(entities, decisions, parents, sources, sha)
