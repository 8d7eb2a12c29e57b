"""The SHACL gate for an import graph (the shapes and pySHACL setup of :mod:`graph.validate`).

The data validated is the import graph plus, for every node it refers to but does not state,
that node's ``rdf:type`` triples from the store (mode ``referenced``), or plus every curated
graph's triples (mode ``curated``). Only results about the import graph's own records count:
nodes of other graphs are there so that ``sh:class`` sees their types.
"""

from __future__ import annotations

import time
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SH, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from graph import settings
from graph.errors import ValidationFailed
from graph.importers.report import Report
from graph.importers.snapshot import CURATED_PREFIX
from graph.namespaces import REG
from graph.ontology import load_ontology, load_shapes
from graph.store import GraphStore
from graph.validate import ValidationReport, Violation

MODES = ("referenced", "curated")
_TYPE = ox.NamedNode(str(RDF.type))


def _rdflib(term: object) -> URIRef | Literal | None:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return None


@lru_cache(maxsize=64)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


class _ParsedOnce(Graph):
    """A graph that parses each SPARQL text once: pySHACL sends a shape's SPARQL constraint once
    per focus node, and parsing (20 ms) costs thirty times the evaluation."""

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def run_shacl(data: Graph, shapes: Graph, ontology: Graph) -> ValidationReport:
    """:func:`graph.validate.validate` (no inference, ontology mixed in, warnings allowed), run in
    place on ``data``, which it changes (the ontology's axioms are added to it)."""
    _conforms, results_graph, _text = shacl_validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        inplace=True,
    )
    assert isinstance(results_graph, Graph)
    results = []
    report_node = results_graph.value(predicate=RDF.type, object=SH.ValidationReport)
    for res in results_graph.objects(report_node, SH.result):
        sev = results_graph.value(res, SH.resultSeverity)
        path = results_graph.value(res, SH.resultPath)
        msgs = sorted(str(m) for m in results_graph.objects(res, SH.resultMessage))
        results.append(
            Violation(
                focus=str(results_graph.value(res, SH.focusNode)),
                path=str(path) if isinstance(path, URIRef) else None,
                shape=str(results_graph.value(res, SH.sourceShape)),
                severity=str(sev).rsplit("#", 1)[-1] if sev else "Violation",
                message="; ".join(msgs) or "shape not satisfied",
            )
        )
    results.sort(key=lambda v: (v.severity, v.focus, v.path or "", v.message))
    return ValidationReport(not any(r.severity == "Violation" for r in results), tuple(results))


def validate_import(
    g: Graph, home: Path, graph: str, rep: Report, *, mode: str = "referenced"
) -> None:
    """Validate ``g``; raise :class:`ValidationFailed` naming rows if a record violates a shape."""
    if mode not in MODES:
        msg = f"unknown validation mode {mode!r}"
        raise ValueError(msg)
    start = time.perf_counter()
    data = _ParsedOnce()
    for triple in g:
        data.add(triple)
    ours = set(g.subjects(RDF.type, None))
    referenced = {o for o in g.objects() if isinstance(o, URIRef)} - ours
    store = GraphStore.open(home)
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
    report = run_shacl(data, load_shapes(ontology_dir), load_ontology(ontology_dir))
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
