"""The SHACL shapes graph compiled for :mod:`graph.shacl.core`: exactly the SHACL Core subset
the validator implements, and a clear :class:`~graph.errors.OntologyError` for anything else."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import OWL, SH, XSD
from rdflib.term import Node

from graph.errors import OntologyError
from graph.shacl.paths import Path, compile_path, rdf_list, refuse, shape_name, short
from graph.shacl.values import check_arg, same_term, well_formed

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
#: Predicates whose subject is a shape besides targets and parameters: the supported ones, and
#: SHACL Core parameters this validator refuses (so such a shape is compiled, and refused).
SHAPE_PREDICATES: tuple[URIRef, ...] = (
    *(SH.property, SH.path, SH.closed, SH.ignoredProperties, SH.languageIn, SH.uniqueLang),
    *(SH.minLength, SH.maxLength, SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals),
    *(SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.sparql),
)
_SEVERITIES = (SH.Violation, SH.Warning, SH.Info)
_NESTING = (SH.node, SH["not"], SH["and"], SH["or"], SH.xone)


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


class _Compiler:
    def __init__(self, g: Graph) -> None:
        self.g = g
        self.shapes: dict[Node, Shape] = {}
        self.nested: set[Node] = set()
        self.inverse: set[Node] = set()
        self.classes = _class_types(g)

    def one(self, node: Node, p: URIRef) -> Node | None:
        """The value of a property a shape may state at most once."""
        values = list(self.g.objects(node, p))
        if len(values) > 1:
            msg = f"shapes: {shape_name(self.g, node)}: {short(self.g, p)} given more than once"
            raise OntologyError(msg)
        return values[0] if values else None

    def shape(self, node: Node) -> Shape:
        if node in self.shapes:
            return self.shapes[node]
        g = self.g
        if isinstance(node, Literal):
            msg = f"shapes: a literal ({node!r}) is used as a shape"
            raise OntologyError(msg)
        if any(t in self.classes for t in g.objects(node, RDF.type)):
            raise refuse(g, node, "a shape that is also a class (implicit class target)")
        path_node = self.one(node, SH.path)
        if (node, RDF.type, SH.NodeShape) in g and path_node is not None:
            msg = f"shapes: {shape_name(g, node)}: a sh:NodeShape with a sh:path"
            raise OntologyError(msg)
        if (node, RDF.type, SH.PropertyShape) in g and path_node is None:
            msg = f"shapes: {shape_name(g, node)}: a sh:PropertyShape without sh:path"
            raise OntologyError(msg)
        severity = self.one(node, SH.severity) or SH.Violation
        if severity not in _SEVERITIES:
            raise refuse(g, node, f"severity {short(g, severity)}")
        shape = Shape(
            node,
            None if path_node is None else compile_path(g, path_node, node, self.inverse),
            path_node,
            severity,  # type: ignore[arg-type]
            tuple(sorted(str(m) for m in g.objects(node, SH.message))),
            self.deactivated(node),
        )
        self.shapes[node] = shape
        for param, (_c, repeatable) in PARAMETERS.items():
            if not repeatable:
                self.one(node, param)
        flags = self.one(node, SH.flags)
        if flags is not None and g.value(node, SH.pattern) is None:
            msg = f"shapes: {shape_name(g, node)}: sh:flags without sh:pattern"
            raise OntologyError(msg)
        for p, o in g.predicate_objects(node):
            if isinstance(p, URIRef) and p in PARAMETERS:
                shape.constraints.append(Constraint(PARAMETERS[p][0], p, self.arg(node, p, o)))
            elif p == SH.property:
                shape.properties.append(self.property_shape(node, o))
            elif p in TARGETS:
                shape.targets.append((cast(URIRef, p), o))
            elif str(p).startswith(str(SH)) and p not in _OTHER:
                raise refuse(g, node, short(g, p))
        shape.constraints.sort(key=lambda c: (str(c.component), str(c.arg)))
        return shape

    def deactivated(self, node: Node) -> bool:
        value = self.one(node, SH.deactivated)
        if value is None:
            return False
        if not (
            isinstance(value, Literal) and value.datatype == XSD.boolean and well_formed(value)
        ):
            where, what = shape_name(self.g, node), short(self.g, value)
            msg = f"shapes: {where}: sh:deactivated must be xsd:boolean true or false, not {what}"
            raise OntologyError(msg)
        return value.value is True

    def property_shape(self, owner: Node, node: Node) -> Shape:
        g = self.g
        if g.value(node, SH.path) is None:
            msg = f"shapes: {shape_name(g, owner)}: a sh:property without sh:path"
            raise OntologyError(msg)
        return self.shape(node)

    def arg(self, node: Node, p: URIRef, o: Node) -> object:
        g = self.g
        if p in (SH["and"], SH["or"], SH.xone):
            return tuple(self.nested_shape(m) for m in rdf_list(g, o, node, p.n3()))
        if p in (SH.node, SH["not"]):
            return self.nested_shape(o)
        if p == SH["in"]:
            return tuple(same_term(m) for m in rdf_list(g, o, node, "sh:in"))
        if p == SH.hasValue:
            return same_term(o)
        problem = check_arg(p, o, g.value(node, SH.flags))
        if problem:
            msg = f"shapes: {shape_name(g, node)}: {problem}"
            raise OntologyError(msg)
        if p in (SH.minCount, SH.maxCount):
            return cast(Literal, o).value
        if p == SH.pattern:
            return (str(o), str(g.value(node, SH.flags) or ""))
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
                raise refuse(g, shape.node, "a non-violation severity in a nested shape")
            todo.extend(s.node for s in _children(shape))

    def check_cycles(self) -> None:
        """A shape that reaches itself through sh:property, sh:node or a logical operator is
        recursive, which SHACL Core leaves undefined: refused, naming the cycle."""
        state: dict[Node, bool] = {}  # False while on the current route, True when done

        def visit(shape: Shape, route: list[Shape]) -> None:
            state[shape.node] = False
            for child in _children(shape):
                if state.get(child.node) is False:
                    cycle = [*route[route.index(child) :], child]
                    names = " -> ".join(shape_name(self.g, s.node) for s in cycle)
                    raise refuse(self.g, child.node, f"a recursive shape ({names})")
                if child.node not in state:
                    visit(child, [*route, child])
            state[shape.node] = True

        for shape in list(self.shapes.values()):
            if shape.node not in state:
                visit(shape, [shape])


def _children(shape: Shape) -> list[Shape]:
    """The shapes ``shape`` uses: its property shapes and sh:node/sh:not/sh:and/… arguments."""
    found = list(shape.properties)
    for c in shape.constraints:
        if c.parameter in _NESTING:
            found.extend(s for s in (c.arg if isinstance(c.arg, tuple) else (c.arg,)))
    return found


def _class_types(g: Graph) -> set[Node]:
    """rdfs:Class, owl:Class and their subclasses in ``g``: a node typed with one is a class."""
    tops = (RDFS.Class, OWL.Class)
    found = {c for top in tops for c in g.transitive_subjects(RDFS.subClassOf, top)}
    return {c for c in found if c is not None}


@dataclass(frozen=True)
class Compiled:
    """The shapes that have targets (the entry points), and the predicates paths invert."""

    roots: list[Shape]
    inverse: frozenset[Node]


def compile_shapes(g: Graph) -> Compiled:
    """Compile and check every shape of ``g``.

    Supported: targets (``sh:targetClass``, ``sh:targetNode``, ``sh:targetSubjectsOf``,
    ``sh:targetObjectsOf``); paths (an IRI, ``sh:inversePath`` of an IRI, ``sh:alternativePath``, a
    sequence); ``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:minCount``, ``sh:maxCount``,
    ``sh:minInclusive``, ``sh:maxInclusive``, ``sh:minExclusive``, ``sh:maxExclusive``,
    ``sh:pattern`` (with ``sh:flags``), ``sh:in``, ``sh:hasValue``, ``sh:node``, ``sh:property``,
    ``sh:not``, ``sh:and``, ``sh:or``, ``sh:xone``; ``sh:message``, ``sh:severity``,
    ``sh:deactivated`` and the non-validating ``sh:name``/``sh:description``/``sh:order``/
    ``sh:group``/``sh:defaultValue``. Any other ``sh:`` term on a shape (``sh:closed``,
    ``sh:qualifiedValueShape``, ``sh:sparql``, ``sh:zeroOrMorePath``…), an implicit class target (a
    shape that is also a class, through ``rdfs:subClassOf*``), a recursive shape, a non-violation
    severity inside a nested shape, a repeated ``sh:path``/``sh:severity``/``sh:flags``/
    ``sh:deactivated`` and a malformed argument (unknown node kind, a bound that is not a number or
    date, a pattern XPath and Python read differently…) are refused, naming the shape, so a shape
    can never go silently unchecked. Every subject of ``sh:property``, ``sh:path``, a target or a
    SHACL Core parameter is compiled as a shape, typed ``sh:NodeShape`` or not.
    """
    c = _Compiler(g)
    roots = set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(RDF.type, SH.PropertyShape))
    for p in (*TARGETS, *PARAMETERS, *SHAPE_PREDICATES):
        roots.update(g.subjects(p, None))
    for node in sorted(roots, key=str):
        c.shape(node)
    c.check_nested()
    c.check_cycles()
    return Compiled([s for s in c.shapes.values() if s.targets], frozenset(c.inverse))
