"""The SHACL shapes graph compiled for :mod:`graph.shacl_core`: exactly the SHACL Core subset
the validator implements, and a clear :class:`~graph.errors.OntologyError` for anything else.

Supported: targets (``sh:targetClass``, ``sh:targetNode``, ``sh:targetSubjectsOf``,
``sh:targetObjectsOf``); paths (an IRI, ``sh:inversePath`` of an IRI, ``sh:alternativePath``, a
sequence); ``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:minCount``, ``sh:maxCount``,
``sh:minInclusive``, ``sh:maxInclusive``, ``sh:minExclusive``, ``sh:maxExclusive``,
``sh:pattern`` (with ``sh:flags``), ``sh:in``, ``sh:hasValue``, ``sh:node``, ``sh:property``,
``sh:not``, ``sh:and``, ``sh:or``, ``sh:xone``; ``sh:message``, ``sh:severity``,
``sh:deactivated`` and the non-validating ``sh:name``/``sh:description``/``sh:order``/
``sh:group``/``sh:defaultValue``. Any other ``sh:`` term on a shape (``sh:closed``,
``sh:qualifiedValueShape``, ``sh:sparql``, ``sh:zeroOrMorePath``…), an implicit class target (a
shape that is also a class) or a non-violation severity inside a nested shape is refused, so a
new shape can never go silently unchecked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, SH
from rdflib.term import Node

from graph.errors import OntologyError

#: Constraint parameters → (component, may the shape state it more than once?).
PARAMETERS: dict[URIRef, tuple[URIRef, bool]] = {
    SH["class"]: (SH.ClassConstraintComponent, True),
    SH.datatype: (SH.DatatypeConstraintComponent, False),
    SH.nodeKind: (SH.NodeKindConstraintComponent, False),
    SH.minCount: (SH.MinCountConstraintComponent, False),
    SH.maxCount: (SH.MaxCountConstraintComponent, False),
    SH.minInclusive: (SH.MinInclusiveConstraintComponent, False),
    SH.maxInclusive: (SH.MaxInclusiveConstraintComponent, False),
    SH.minExclusive: (SH.MinExclusiveConstraintComponent, False),
    SH.maxExclusive: (SH.MaxExclusiveConstraintComponent, False),
    SH.pattern: (SH.PatternConstraintComponent, False),
    SH["in"]: (SH.InConstraintComponent, False),
    SH.hasValue: (SH.HasValueConstraintComponent, True),
    SH.node: (SH.NodeConstraintComponent, True),
    SH["not"]: (SH.NotConstraintComponent, True),
    SH["and"]: (SH.AndConstraintComponent, True),
    SH["or"]: (SH.OrConstraintComponent, True),
    SH.xone: (SH.XoneConstraintComponent, True),
}
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
_OTHER = {SH.property, SH.path, SH.message, SH.severity, SH.deactivated, SH.flags, SH.name}
_OTHER |= {SH.description, SH.order, SH.group, SH.defaultValue}
_SEVERITIES = (SH.Violation, SH.Warning, SH.Info)
_NESTING = (SH.node, SH["not"], SH["and"], SH["or"], SH.xone)

#: A compiled path: ``("iri", p)``, ``("inv", p)``, ``("alt", paths)`` or ``("seq", paths)``.
Path = tuple[str, object]


@dataclass(frozen=True)
class Constraint:
    """One constraint parameter value: its component and its (compiled) argument."""

    component: URIRef
    parameter: URIRef
    arg: object

    @property
    def name(self) -> str:
        """The parameter's local name (``minCount``, ``class``…)."""
        return str(self.parameter)[len(str(SH)) :]


@dataclass
class Shape:
    """A node shape (``path`` is None) or a property shape."""

    node: Node
    path: Path | None
    path_node: Node | None
    severity: URIRef
    messages: tuple[str, ...]
    deactivated: bool
    constraints: list[Constraint] = field(default_factory=list)
    properties: list[Shape] = field(default_factory=list)
    targets: list[tuple[URIRef, Node]] = field(default_factory=list)


def _short(g: Graph, term: Node) -> str:
    """A term as the shapes file would spell it (``sh:closed``, ``regsh:FineShape``)."""
    return term.n3(g.namespace_manager)


def _name(g: Graph, node: Node) -> str:
    """A shape by name, or a blank property shape by its owner and path."""
    if not isinstance(node, BNode):
        return _short(g, node)
    owner = g.value(predicate=SH.property, object=node)
    path = g.value(node, SH.path)
    where = f"{_name(g, owner)}, " if owner is not None else ""
    if isinstance(path, URIRef):
        return f"{where}property shape on {_short(g, path)}"
    return f"{where}{'property' if path is not None else 'anonymous'} shape {node}"


def _refuse(g: Graph, node: Node, what: str) -> OntologyError:
    return OntologyError(f"shapes: {_name(g, node)}: {what} (not supported by graph.shacl_core)")


def _list(g: Graph, node: Node, owner: Node, what: str) -> list[Node]:
    if node != RDF.nil and (node, RDF.first, None) not in g:
        raise _refuse(g, owner, f"{what} must be an RDF list")
    return list(Collection(g, node))


def compile_path(g: Graph, node: Node, owner: Node, inverse: set[Node]) -> Path:
    """An ``sh:path`` value as a :data:`Path` (adding inverted predicates to ``inverse``)."""
    if isinstance(node, URIRef):
        return ("iri", node)
    preds = set(g.predicates(node, None))
    if preds == {SH.inversePath}:
        inner = g.value(node, SH.inversePath)
        if not isinstance(inner, URIRef):
            raise _refuse(g, owner, "sh:inversePath of a complex path")
        inverse.add(inner)
        return ("inv", inner)
    if preds == {SH.alternativePath}:
        items = _list(g, g.value(node, SH.alternativePath), owner, "sh:alternativePath")  # type: ignore[arg-type]
        return ("alt", tuple(compile_path(g, i, owner, inverse) for i in items))
    if RDF.first in preds:
        items = _list(g, node, owner, "path")
        return ("seq", tuple(compile_path(g, i, owner, inverse) for i in items))
    raise _refuse(g, owner, f"path with {', '.join(sorted(_short(g, p) for p in preds))}")


class _Compiler:
    def __init__(self, g: Graph) -> None:
        self.g = g
        self.shapes: dict[Node, Shape] = {}
        self.nested: set[Node] = set()
        self.inverse: set[Node] = set()

    def shape(self, node: Node) -> Shape:
        if node in self.shapes:
            return self.shapes[node]
        g = self.g
        if isinstance(node, Literal):
            msg = f"shapes: a literal ({node!r}) is used as a shape"
            raise OntologyError(msg)
        for cls in (RDFS.Class, OWL.Class):
            if (node, RDF.type, cls) in g:
                raise _refuse(g, node, "a shape that is also a class (implicit class target)")
        path_node = g.value(node, SH.path)
        if (node, RDF.type, SH.NodeShape) in g and path_node is not None:
            msg = f"shapes: {_name(g, node)}: a sh:NodeShape with a sh:path"
            raise OntologyError(msg)
        if (node, RDF.type, SH.PropertyShape) in g and path_node is None:
            msg = f"shapes: {_name(g, node)}: a sh:PropertyShape without sh:path"
            raise OntologyError(msg)
        severity = g.value(node, SH.severity) or SH.Violation
        if severity not in _SEVERITIES:
            raise _refuse(g, node, f"severity {_short(g, severity)}")
        deactivated = g.value(node, SH.deactivated)
        shape = Shape(
            node,
            None if path_node is None else compile_path(g, path_node, node, self.inverse),
            path_node,
            severity,  # type: ignore[arg-type]
            tuple(sorted(str(m) for m in g.objects(node, SH.message))),
            isinstance(deactivated, Literal) and deactivated.value is True,
        )
        self.shapes[node] = shape
        for p, o in g.predicate_objects(node):
            if isinstance(p, URIRef) and p in PARAMETERS:
                shape.constraints.append(Constraint(PARAMETERS[p][0], p, self.arg(node, p, o)))
            elif p == SH.property:
                shape.properties.append(self.property_shape(node, o))
            elif p in TARGETS:
                shape.targets.append((p, o))  # type: ignore[arg-type]
            elif str(p).startswith(str(SH)) and p not in _OTHER:
                raise _refuse(g, node, _short(g, p))
        for p, (_c, repeatable) in PARAMETERS.items():
            if not repeatable and len(list(g.objects(node, p))) > 1:
                msg = f"shapes: {_name(g, node)}: {_short(g, p)} given more than once"
                raise OntologyError(msg)
        if g.value(node, SH.flags) is not None and g.value(node, SH.pattern) is None:
            msg = f"shapes: {_name(g, node)}: sh:flags without sh:pattern"
            raise OntologyError(msg)
        shape.constraints.sort(key=lambda c: (str(c.component), str(c.arg)))
        return shape

    def property_shape(self, owner: Node, node: Node) -> Shape:
        g = self.g
        if g.value(node, SH.path) is None:
            msg = f"shapes: {_name(g, owner)}: a sh:property without sh:path"
            raise OntologyError(msg)
        return self.shape(node)

    def arg(self, node: Node, p: URIRef, o: Node) -> object:
        g = self.g
        if p in (SH.minCount, SH.maxCount):
            if not (isinstance(o, Literal) and isinstance(o.value, int)):
                msg = f"shapes: {_name(g, node)}: {_short(g, p)} must be an integer"
                raise OntologyError(msg)
            return o.value
        if p == SH.pattern:
            flags = "" if g.value(node, SH.flags) is None else str(g.value(node, SH.flags))
            if set(flags.lower()) - {"i", "m"}:
                raise _refuse(g, node, f"sh:flags {flags!r} (only i and m)")
            return (str(o), flags)
        if p == SH["in"]:
            return tuple(_list(g, o, node, "sh:in"))
        if p in (SH["and"], SH["or"], SH.xone):
            return tuple(self.nested_shape(m) for m in _list(g, o, node, p.n3()))
        if p in (SH.node, SH["not"]):
            return self.nested_shape(o)
        if p in (SH["class"], SH.datatype, SH.nodeKind) and not isinstance(o, URIRef):
            msg = f"shapes: {_name(g, node)}: {_short(g, p)} must be an IRI"
            raise OntologyError(msg)
        return o

    def nested_shape(self, node: Node) -> Shape:
        self.nested.add(node)
        return self.shape(node)

    def check_nested(self) -> None:
        """Shapes used inside sh:node/sh:or/… must report violations only: whether a value
        conforms to them is "no result at all" (pySHACL would count a warning as conforming)."""
        g, todo, seen = self.g, list(self.nested), set()
        while todo:
            shape = self.shapes[todo.pop()]
            if shape.node in seen:
                continue
            seen.add(shape.node)
            if shape.severity != SH.Violation:
                raise _refuse(g, shape.node, "a non-violation severity in a nested shape")
            todo.extend(p.node for p in shape.properties)
            for c in shape.constraints:
                if c.parameter in _NESTING:
                    arg = c.arg if isinstance(c.arg, tuple) else (c.arg,)
                    todo.extend(s.node for s in arg if isinstance(s, Shape))


@dataclass(frozen=True)
class Compiled:
    """The shapes that have targets (the entry points), and the predicates paths invert."""

    roots: list[Shape]
    inverse: frozenset[Node]


def compile_shapes(g: Graph) -> Compiled:
    """Compile and check every shape of ``g``."""
    c = _Compiler(g)
    roots = set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(RDF.type, SH.PropertyShape))
    roots |= {s for t in TARGETS for s in g.subjects(t, None)}
    for node in sorted(roots, key=str):
        c.shape(node)
    c.check_nested()
    return Compiled([s for s in c.shapes.values() if s.targets], frozenset(c.inverse))
