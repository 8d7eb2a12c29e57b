"""The SHACL gate: pySHACL without inference, returning a typed :class:`ValidationReport`.

``sh:Violation`` blocks a build; ``sh:Warning`` and ``sh:Info`` are reported only.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node


@dataclass(frozen=True)
class Violation:
    """One SHACL result."""

    focus: str
    path: str | None
    shape: str
    severity: str
    message: str


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


def _primary_path(g: Graph, path: Node | None) -> Node | None:
    """A result's path, or for an either-or path (``sh:alternativePath``, "a date or the reason
    it is unknown") its first member: the field a record should have filled in."""
    if isinstance(path, URIRef) or path is None:
        return path
    alternatives = g.value(path, SH.alternativePath)
    if alternatives is not None:
        return g.value(alternatives, RDF.first)
    return path


def validate(
    data: Dataset | Graph, shapes: Graph, ontology: Graph | None = None
) -> ValidationReport:
    """Validate ``data`` against ``shapes`` (no inference: types are stated in the data)."""
    _conforms, results_graph, _text = shacl_validate(
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
    report_node = results_graph.value(predicate=RDF.type, object=SH.ValidationReport)
    for res in results_graph.objects(report_node, SH.result):
        sev = results_graph.value(res, SH.resultSeverity)
        path = _primary_path(results_graph, results_graph.value(res, SH.resultPath))
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
    report = tuple(results)
    return ValidationReport(not any(r.severity == "Violation" for r in report), report)
