"""What the store holds at import time, read once: other graphs' entities, decisions to link to,
the provisions already stated, and what the graph being replaced recorded about its file."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from graph.sparql.internal import internal_query
from graph.stores.contract import Store
from graph.vocabulary.namespaces import GRAPH_BASE

CURATED_PREFIX = GRAPH_BASE + "curated-"
_ENTITIES = internal_query("graph.importers", "known-entities")
_JURISDICTIONS = internal_query("graph.importers", "jurisdiction-codes")
_DECISIONS = internal_query("graph.importers", "known-decisions")
#: A stored decision's dates: its decision date and, where recorded, its announcement date (trackers
#: often date a fine by its announcement, so both must match a new record's date).
_DATES = internal_query("graph.importers", "decision-dates")
_EUR = internal_query("graph.importers", "decision-eur")
_PARTIES = internal_query("graph.importers", "decision-parties")
_PARENTS = internal_query("graph.importers", "ultimate-parents")
_IDS = internal_query("graph.importers", "decision-ids")
_DUPS = internal_query("graph.importers", "duplicates")
_SOURCES = internal_query("graph.importers", "source-names")
_FILES = internal_query("graph.importers", "source-files")


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
