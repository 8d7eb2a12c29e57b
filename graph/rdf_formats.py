"""Deterministic RDF serialisations of the store: N-Triples, Turtle, TriG and JSON-LD.

Every writer sorts its output, so two exports of the same data are byte-identical.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.namespaces import PREFIXES
from graph.store import GraphStore

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def _sorted_quads(store: GraphStore) -> list[ox.Quad]:
    return sorted(
        store.quads(),
        key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)),
    )


def write_ntriples(store: GraphStore, path: Path) -> None:
    """All named graphs' triples, de-duplicated and sorted."""
    lines = {f"{q.subject} {q.predicate} {q.object} .\n" for q in store.quads()}
    path.write_text("".join(sorted(lines)), encoding="utf-8")


def _dump(quads: list[ox.Quad], fmt: ox.RdfFormat, graph: ox.NamedNode | None = None) -> bytes:
    mem = ox.Store()
    mem.extend(quads)
    kwargs: dict[str, Any] = {"format": fmt, "prefixes": PREFIXES}
    if graph is not None:
        kwargs["from_graph"] = graph
    data = mem.dump(**kwargs)
    assert data is not None  # dump without an output returns bytes
    return data


def write_turtle(store: GraphStore, path: Path) -> None:
    """The union of all named graphs as one Turtle document (graphs are not kept)."""
    union = ox.NamedNode("urn:regkg:union")
    triples = sorted({(q.subject, q.predicate, q.object) for q in store.quads()}, key=str)
    path.write_bytes(
        _dump([ox.Quad(s, p, o, union) for s, p, o in triples], ox.RdfFormat.TURTLE, union)
    )


def write_trig(store: GraphStore, path: Path) -> None:
    """TriG with every named graph kept."""
    path.write_bytes(_dump(_sorted_quads(store), ox.RdfFormat.TRIG))


def compact(iri: str) -> str:
    """A prefixed name for ``iri`` where a regkg prefix applies (JSON-LD compact IRI).

    >>> compact("https://w3id.org/regkg/ontology#Fine")
    'reg:Fine'
    """
    for prefix, base in _BY_LENGTH:
        if iri.startswith(base) and len(iri) > len(base) and not iri[len(base) :].startswith("//"):
            return f"{prefix}:{iri[len(base) :]}"
    return iri


def _jsonld_value(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"@id": compact(term.value)}
    if isinstance(term, ox.Literal):
        out = {"@value": term.value}
        if term.language:
            out["@language"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["@type"] = compact(term.datatype.value)
        return out
    msg = f"unsupported term in export: {term!r}"
    raise TypeError(msg)


def write_jsonld(store: GraphStore, path: Path) -> None:
    """JSON-LD 1.1 with a context of the regkg prefixes; one ``@graph`` per named graph."""
    graphs: dict[str, dict[str, dict[str, list[dict[str, str]]]]] = {}
    for q in store.quads():
        g = graphs.setdefault(str(q.graph_name.value), {})  # type: ignore[union-attr]
        node = g.setdefault(q.subject.value, {})  # type: ignore[union-attr]
        if q.predicate.value == RDF_TYPE and isinstance(q.object, ox.NamedNode):
            node.setdefault("@type", []).append({"@id": compact(q.object.value)})
        else:
            node.setdefault(compact(q.predicate.value), []).append(_jsonld_value(q.object))
    doc_graphs = []
    for name in sorted(graphs):
        nodes = []
        for subject in sorted(graphs[name]):
            props = graphs[name][subject]
            obj: dict[str, Any] = {"@id": compact(subject)}
            for key in sorted(props):
                values = sorted(props[key], key=lambda v: json.dumps(v, sort_keys=True))
                obj[key] = [v["@id"] for v in values] if key == "@type" else values
            nodes.append(obj)
        doc_graphs.append({"@id": compact(name), "@graph": nodes})
    doc = {"@context": dict(sorted(PREFIXES.items())), "@graph": doc_graphs}
    path.write_text(
        json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8"
    )
