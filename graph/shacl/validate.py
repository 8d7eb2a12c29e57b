"""The SHACL gate: :mod:`graph.shacl.core` (no inference), returning a typed
:class:`ValidationReport`; pySHACL stays as the reference it is tested against."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rdflib import RDF, RDFS, BNode, Dataset, Graph, URIRef
from rdflib.namespace import OWL, SH
from rdflib.term import Node

from graph.shacl.core import DataIndex, Result, Validator
from graph.shacl.shapes import compile_shapes


@dataclass(frozen=True)
class Violation:
    """One SHACL result (``component`` and ``value`` as IRIs/terms in text, or empty/None)."""

    focus: str
    path: str | None
    shape: str
    severity: str
    message: str
    component: str = ""
    value: str | None = None


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a validation: ``conforms`` is false iff there is a ``sh:Violation``."""

    conforms: bool
    results: tuple[Violation, ...]

    @property
    def violations(self) -> tuple[Violation, ...]:
        return tuple(r for r in self.results if r.severity == "Violation")

    @property
    def warnings(self) -> tuple[Violation, ...]:
        return tuple(r for r in self.results if r.severity != "Violation")


def union_graph(ds: Dataset | Graph) -> Graph:
    """All triples of all graphs of ``ds`` in one plain graph."""
    if not isinstance(ds, Dataset):
        return ds
    g = Graph()
    for s, p, o, _c in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def _triples(data: Dataset | Graph) -> Iterator[tuple[Node, Node, Node]]:
    if isinstance(data, Dataset):
        for s, p, o, _c in data.quads((None, None, None, None)):
            yield s, p, o
    else:
        yield from data.triples((None, None, None))


_AXIOM_NAMESPACES = (str(RDFS), str(OWL))


def ontology_axioms(ontology: Graph) -> list[tuple[Node, Node, Node]]:
    """What pySHACL mixes into the data from an ``ont_graph`` (its ``inoculate``): the RDFS and
    OWL axioms (class and property declarations, ``rdfs:subClassOf``, domains…) with the blank
    nodes they use, and every ``owl:NamedIndividual`` with the triples naming it; not other
    individuals. (pySHACL's own function costs a slow import, figures in ``benchmarks/README.md``;
    ``tests/shacl/test_shacl_oracle.py`` checks this one gives the same triples.)"""
    out: dict[tuple[Node, Node, Node], None] = {}
    blank: list[Node] = []
    individuals = set(ontology.subjects(RDF.type, OWL.NamedIndividual))
    for s, p, o in ontology:
        axiom = (p == RDF.type and str(o).startswith(_AXIOM_NAMESPACES)) or str(p).startswith(
            _AXIOM_NAMESPACES
        )
        if axiom or s in individuals or o in individuals:
            out[(s, p, o)] = None
            blank.extend(n for n in (s, o) if isinstance(n, BNode))
    seen: set[Node] = set()
    while blank:
        node = blank.pop()
        if node not in seen:
            seen.add(node)
            for s, p, o in ontology.triples((node, None, None)):
                out[(s, p, o)] = None
                if isinstance(o, BNode):
                    blank.append(o)
    return list(out)


def _primary_path(g: Graph, path: Node | None) -> Node | None:
    """A result's path, or for an either-or path (``sh:alternativePath``, "a date or the reason
    it is unknown") its first member: the field a record should have filled in."""
    if isinstance(path, URIRef) or path is None:
        return path
    alternatives = g.value(path, SH.alternativePath)
    if alternatives is not None:
        return g.value(alternatives, RDF.first)
    return path


def _report(results: Iterable[Violation], conforms: bool | None = None) -> ValidationReport:
    """The report; ``conforms`` is computed from the results unless a validator states it."""
    ordered = sorted(
        results,
        key=lambda v: (v.severity, v.focus, v.path or "", v.message, v.component, v.value or ""),
    )
    if conforms is None:
        conforms = not any(r.severity == "Violation" for r in ordered)
    return ValidationReport(conforms, tuple(ordered))


def _violation(r: Result, shapes: Graph) -> Violation:
    path = _primary_path(shapes, r.path)
    return Violation(
        focus=str(r.focus),
        path=str(path) if isinstance(path, URIRef) else None,
        shape=str(r.shape),
        severity=str(r.severity).rsplit("#", 1)[-1],
        message="; ".join(r.messages) or "shape not satisfied",
        component=str(r.component),
        value=None if r.value is None else str(r.value),
    )


def validate(
    data: Dataset | Graph, shapes: Graph, ontology: Graph | None = None
) -> ValidationReport:
    """Validate ``data`` (all its graphs) against ``shapes``; no inference: types are stated in
    the data, and ``ontology`` only contributes its class hierarchy and axioms.

    The SHACL gate: :mod:`graph.shacl.core` (no inference), returning a typed
    :class:`ValidationReport`; pySHACL stays as the reference it is tested against
    (:func:`validate_pyshacl`, ``tests/shacl/test_shacl_oracle.py``).

    ``sh:Violation`` blocks a build; ``sh:Warning`` and ``sh:Info`` are reported only. A shape
    construct the fast validator does not implement raises :class:`~graph.errors.OntologyError`
    (never a silent pass).
    """
    compiled = compile_shapes(shapes)
    triples: Iterable[tuple[Node, Node, Node]] = _triples(data)
    if ontology is not None:
        triples = (*ontology_axioms(ontology), *triples)
    index = DataIndex(triples, compiled.inverse)
    return _report(_violation(r, shapes) for r in Validator(compiled.roots, index).run())


def validate_pyshacl(
    data: Dataset | Graph, shapes: Graph, ontology: Graph | None = None
) -> ValidationReport:
    """The same validation by pySHACL (slow; the reference for tests). ``conforms`` is
    pySHACL's own verdict, not recomputed from the results, so the oracle compares both."""
    from pyshacl import validate as shacl_validate

    conforms, results_graph, _text = shacl_validate(
        union_graph(data),
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
    )
    assert isinstance(results_graph, Graph)
    results = []
    # Only the report's own results: pySHACL nests the results behind an sh:node failure
    # under sh:detail, and those must not be reported twice (with a literal as focus).
    g = results_graph
    report_node = g.value(predicate=RDF.type, object=SH.ValidationReport)
    for res in g.objects(report_node, SH.result):
        sev = g.value(res, SH.resultSeverity)
        path = _primary_path(g, g.value(res, SH.resultPath))
        value = g.value(res, SH.value)
        results.append(
            Violation(
                focus=str(g.value(res, SH.focusNode)),
                path=str(path) if isinstance(path, URIRef) else None,
                shape=str(g.value(res, SH.sourceShape)),
                severity=str(sev).rsplit("#", 1)[-1] if sev else "Violation",
                message="; ".join(sorted(str(m) for m in g.objects(res, SH.resultMessage)))
                or "shape not satisfied",
                component=str(g.value(res, SH.sourceConstraintComponent)),
                value=None if value is None else str(value),
            )
        )
    return _report(results, bool(conforms))
