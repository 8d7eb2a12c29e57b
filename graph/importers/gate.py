"""The SHACL gate for an import graph (the shapes and validator of :mod:`graph.shacl.validate`)."""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import XSD

from graph import settings
from graph.errors import ValidationFailed
from graph.importers.report import Report
from graph.importers.snapshot import CURATED_PREFIX
from graph.shacl.validate import validate
from graph.stores.contract import Store
from graph.stores.embedded import GraphStore
from graph.vocabulary.namespaces import REG
from graph.vocabulary.ontology import load_ontology, load_shapes

MODES = ("curated", "referenced")


def _rdflib(term: object) -> URIRef | Literal | None:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return None


def _context(g: Graph, store: Store, graph: str, mode: str) -> list[ox.Quad]:
    """The other graphs' triples the validation needs (see :func:`validate_import`)."""
    own = ox.NamedNode(graph)
    out: list[ox.Quad] = []
    if mode == "curated":
        for name in store.named_graphs():
            if name.startswith(CURATED_PREFIX):
                out.extend(store.quads(name))
    nodes = sorted({str(o) for o in g.objects() if isinstance(o, URIRef)})
    out.extend(q for q in store.typed(nodes) if q.graph_name != own)
    return out


def validate_import(
    g: Graph, home: Path, graph: str, rep: Report, *, mode: str = "referenced"
) -> None:
    """Validate ``g``; raise :class:`ValidationFailed` naming rows if a record violates a shape.

    ``g`` is extended for the validation and restored before this returns or raises.

    The data validated is the import graph, the ontology (for ``rdfs:subClassOf`` under
    ``sh:class``) and the ``rdf:type`` triples, from any other graph, of every node the import graph
    refers to (mode ``referenced``, the default: the shapes read nothing else of another graph's
    nodes, only ``sh:class`` their types), or in addition every curated graph's triples (mode
    ``curated``: the same results for the import's records, slower). Only results about the import
    graph's own records count: nodes of other graphs are there so that ``sh:class`` sees their
    types. The extra triples are added to the import graph for the validation and removed again (no
    copy of a 100k-triple graph).
    """
    if mode not in MODES:
        msg = f"unknown validation mode {mode!r}"
        raise ValueError(msg)
    start = time.perf_counter()
    ours = set(g.subjects(RDF.type, None))
    ontology_dir = settings.ontology_dir()
    extra: list[tuple[URIRef, URIRef, URIRef | Literal]] = list(load_ontology(ontology_dir))  # type: ignore[arg-type]
    for q in _context(g, GraphStore.open_local(home), graph, mode):
        o = _rdflib(q.object)
        if isinstance(q.subject, ox.NamedNode) and o is not None:
            extra.append((URIRef(q.subject.value), URIRef(q.predicate.value), o))
    added = [t for t in dict.fromkeys(extra) if t not in g]
    for t in added:
        g.add(t)
    try:
        size = len(g)
        report = validate(g, load_shapes(ontology_dir))
    finally:
        for t in added:
            g.remove(t)
    own = [r for r in report.results if URIRef(r.focus) in ours]
    violations = [r for r in own if r.severity == "Violation"]
    rep.validation = {
        "mode": mode,
        "seconds": round(time.perf_counter() - start, 3),
        "triples": size,
        "violations": len(violations),
        "warnings": len(own) - len(violations),
    }
    if violations:
        rows = {
            s: int(o)
            for s, o in g.subject_objects(REG.rowNumber)
            if isinstance(o, Literal) and o.datatype == XSD.integer
        }
        lines = [f"SHACL validation failed: {len(violations)} violation(s); nothing was written"]
        for v in violations[:20]:
            where = f"row {rows[URIRef(v.focus)]}" if URIRef(v.focus) in rows else v.focus
            field = v.path.rsplit("#", 1)[-1] if v.path else "-"
            lines.append(f"  {where}: field {field}: {v.message}")
        raise ValidationFailed(report, "\n".join(lines))
