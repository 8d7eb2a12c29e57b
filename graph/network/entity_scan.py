"""The entity graph projected from one pass over the canonical N-Triples lines of every named
graph (no SPARQL, no networkx): what an export uses."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from graph.network.projection import SHORTCUTS
from graph.vocabulary import strings as vocab
from graph.vocabulary.namespaces import ID_BASE, PREFIXES
from graph.vocabulary.strings import REG_IRI

_RDF = PREFIXES["rdf"]
_TYPE = f"<{_RDF}type>".encode()
_LABEL = f"<{PREFIXES['rdfs']}label>".encode()
_ID = b"<" + ID_BASE.encode()
_REG = b"<" + REG_IRI.encode()
_SINGLE = {  # predicate → slot of single-valued facts (the last one wins)
    f"<{REG_IRI}{name}>".encode(): name
    for name in (
        "jurisdiction",
        "jurisdictionCode",
        "decisionDate",
        "edgeSource",
        "edgeTarget",
        "edgeLabel",
    )
}
_SHORTCUTS = frozenset(f"<{p}>".encode() for p in SHORTCUTS)

#: A node or edge's attributes (unflattened: ``sources`` is a tuple).
Attrs = dict[str, Any]
Edges = dict[tuple[str, str, str], Attrs]


def _str(term: bytes) -> str:
    """The ``.value`` of an N-Triples term: an IRI, a blank node id or a literal's lexical form
    (oxigraph's N-Triples escapes are JSON escapes, so ``json.loads`` reads them)."""
    if term[:1] == b"<":
        return term[1:-1].decode()
    if term[:2] == b"_:":
        return term[2:].decode()
    end = term.rfind(b'"')
    if b"\\" in term:
        value: str = json.loads(term[: end + 1])
        return value
    return term[1:end].decode()


class _Facts:
    """What one pass over the lines collects (terms kept as N-Triples bytes)."""

    def __init__(self) -> None:
        self.types: dict[bytes, list[bytes]] = {}
        self.sources: dict[bytes, set[str]] = {}
        self.labels: dict[bytes, bytes] = {}
        self.single: dict[str, dict[bytes, bytes]] = {name: {} for name in _SINGLE.values()}
        self.links: dict[bytes, list[bytes]] = {}

    def scan(self, graph: str, lines: list[bytes]) -> None:
        types, sources, labels, links = self.types, self.sources, self.labels, self.links
        single = {p: self.single[name] for p, name in _SINGLE.items()}
        typed = linked = b""
        classes: list[bytes] = []
        out: list[bytes] = []
        for line in lines:
            s, p, rest = line.split(b" ", 2)
            if p == _TYPE:
                if s != typed:
                    classes = types.setdefault(s, [])
                    sources.setdefault(s, set()).add(graph)
                    typed = s
                classes.append(rest[:-2])
                if not rest.startswith(_ID):
                    continue
            elif p == _LABEL:
                labels[s] = rest[:-2]
            elif p in single:
                single[p][s] = rest[:-2]
            first = rest[0]
            if first == 60 or first == 95:  # "<" or "_": an IRI or a blank node
                if s != linked:
                    out = links.setdefault(s, [])
                    linked = s
                out.append(line)

    def pairs(self, s: bytes) -> list[tuple[bytes, bytes]]:
        """The (predicate, object) pairs of ``s`` whose object is an IRI or a blank node."""
        found = []
        for line in self.links.get(s, ()):
            _s, p, rest = line.split(b" ", 2)
            found.append((p, rest[:-2]))
        return found


def _label_of(facts: _Facts, term: bytes) -> str | None:
    label = facts.labels.get(term)
    return None if label is None else _str(label)


def project(graphs: Mapping[str, list[bytes]]) -> tuple[dict[str, Attrs], Edges, dict[str, int]]:
    """Nodes (IRI → attributes) and edges ((source, target, key) → attributes) of the entity
    graph of the named graphs' sorted N-Triples lines (``""`` is the default graph), and the
    records per class (:func:`class_counts`).

    The entity graph of :func:`graph.network.views.entity_graph`, projected from one pass over the
    canonical N-Triples lines of every named graph (no SPARQL, no networkx): what an export uses.

    The same nodes, attributes and edges as the SPARQL projection (``tests/publish/test_export.py``
    compares
    them on the fixture world). Where a record states an attribute twice (two labels, say), the
    SPARQL projection keeps whichever row comes last; here the last line of the last graph (in IRI
    order) wins, so the result never depends on how the store holds the quads.
    """
    facts = _Facts()
    for name in sorted(graphs):
        facts.scan(name, graphs[name])
    nodes = _nodes(facts)
    edges: Edges = {}
    _reified(facts, nodes, edges)
    _direct(facts, nodes, edges)
    return nodes, edges, class_counts(facts)


def class_counts(facts: _Facts) -> dict[str, int]:
    """Records (record IRIs) per regkg class, by local name: :func:`graph.stores.stats.compute`'s
    ``classes``."""
    counts: dict[bytes, int] = {}
    for s, types in facts.types.items():
        if s.startswith(_ID):
            for cls in set(types):
                if cls.startswith(_REG):
                    counts[cls] = counts.get(cls, 0) + 1
    named = {_str(cls).rsplit("#", 1)[-1]: n for cls, n in sorted(counts.items())}
    return dict(sorted(named.items()))


def _nodes(facts: _Facts) -> dict[str, Attrs]:
    nodes: dict[str, Attrs] = {}
    for s, types in facts.types.items():
        label = facts.labels.get(s)
        if label is None or not s.startswith(_ID):
            continue
        local = {t[len(_REG) : -1].decode() for t in types if t.startswith(_REG)}
        kind = next((k for k in vocab.KINDS if k in local), None)
        if kind is None:
            continue
        attrs: Attrs = {
            "label": _str(label),
            "kind": kind,
            "sources": tuple(sorted(facts.sources[s])),
        }
        juris = facts.single["jurisdiction"].get(s)
        code = facts.single["jurisdictionCode"].get(juris) if juris is not None else None
        if code is not None:
            attrs["jurisdiction"] = _str(code)
        date = facts.single["decisionDate"].get(s)
        if date is not None:
            attrs["date"] = _str(date)
        nodes[_str(s)] = attrs
    return nodes


def _reified(facts: _Facts, nodes: dict[str, Attrs], edges: Edges) -> None:
    """One edge per reified record of a class with ``edgeSource``/``edgeTarget`` hints."""
    hints: dict[bytes, tuple[bytes, bytes, bytes | None]] = {}
    targets = facts.single["edgeTarget"]
    for cls, src in facts.single["edgeSource"].items():
        if cls in targets:
            hints[cls] = (src, targets[cls], facts.single["edgeLabel"].get(cls))
    shared: dict[tuple[str, str], Attrs] = {}  # one attribute dict per label and class
    for r, types in facts.types.items():
        for cls in types:
            if cls not in hints:
                continue
            src, tgt, labp = hints[cls]
            pairs = facts.pairs(r)
            names = [_label_of(facts, o) for p, o in pairs if p == labp]
            named = [n for n in names if n is not None]
            cls_iri = _str(cls)
            name = named[-1] if named else cls_iri.rsplit("#", 1)[-1]
            data = shared.setdefault(
                (name, cls_iri), {"label": name, "kind": cls_iri[len(REG_IRI) :]}
            )
            key = _str(r)
            for a in (_str(o) for p, o in pairs if p == src and o[:1] == b"<"):
                for b in (_str(o) for p, o in pairs if p == tgt and o[:1] == b"<"):
                    if a in nodes and b in nodes:
                        edges[(a, b, key)] = data


def _direct(facts: _Facts, nodes: dict[str, Attrs], edges: Edges) -> None:
    """One edge per link between two entities (shortcut properties left out). Edges of one
    predicate share one attribute dict (read-only)."""
    attrs: dict[bytes, tuple[str, Attrs] | None] = {}
    for s, lines in facts.links.items():
        if not s.startswith(_ID):
            continue
        a = s[1:-1].decode()
        if a not in nodes:
            continue
        for line in lines:
            _s, p, rest = line.split(b" ", 2)
            if not rest.startswith(_ID):
                continue
            if p not in attrs:
                pred = _str(p)
                label = _label_of(facts, p) or pred
                shortcut = p in _SHORTCUTS
                attrs[p] = (
                    None if shortcut else (pred, {"label": label, "kind": pred[len(REG_IRI) :]})
                )
            known = attrs[p]
            b = rest[1:-3].decode()
            if known is None or b == a or b not in nodes:
                continue
            edges[(a, b, known[0])] = known[1]
