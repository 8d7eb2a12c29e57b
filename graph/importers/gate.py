"""The SHACL gate for an import graph (the shapes and pySHACL setup of :mod:`graph.validate`).

The data validated is the import graph, every curated graph's triples and, for every other node
it refers to (another import's record it links to, say), that node's ``rdf:type`` triples (mode
``curated``, the default), or only the import graph and the types of all the nodes it refers to
(mode ``referenced``). Only results about the import graph's own records count: nodes of other
graphs are there so that ``sh:class`` sees their types. On the largest file (GDPRhub, 119k
triples) validation takes 20-30 s in either mode.
"""

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
from graph.namespaces import REG
from graph.ontology import load_ontology, load_shapes
from graph.store import GraphStore
from graph.validate import validate

MODES = ("curated", "referenced")
_TYPE = ox.NamedNode(str(RDF.type))


def _rdflib(term: object) -> URIRef | Literal | None:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return None


def validate_import(
    g: Graph, home: Path, graph: str, rep: Report, *, mode: str = "curated"
) -> None:
    """Validate ``g``; raise :class:`ValidationFailed` naming rows if a record violates a shape."""
    if mode not in MODES:
        msg = f"unknown validation mode {mode!r}"
        raise ValueError(msg)
    start = time.perf_counter()
    data = Graph()
    for triple in g:
        data.add(triple)
    ours = set(g.subjects(RDF.type, None))
    referenced = {o for o in g.objects() if isinstance(o, URIRef)} - ours
    store = GraphStore.open_local(home)
    for q in store.store.quads_for_pattern(None, None, None, None):
        gname = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
        if gname == graph:
            continue
        if not isinstance(q.subject, ox.NamedNode):
            continue
        curated = mode == "curated" and gname.startswith(CURATED_PREFIX)
        if not curated and not (q.predicate == _TYPE and URIRef(q.subject.value) in referenced):
            continue
        s, p, o = URIRef(q.subject.value), URIRef(q.predicate.value), _rdflib(q.object)
        if o is not None:
            data.add((s, p, o))
    ontology_dir = settings.ontology_dir()
    report = validate(data, load_shapes(ontology_dir), load_ontology(ontology_dir))
    own = [r for r in report.results if URIRef(r.focus) in ours]
    violations = [r for r in own if r.severity == "Violation"]
    rep.validation = {
        "mode": mode,
        "seconds": round(time.perf_counter() - start, 3),
        "triples": len(data),
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
