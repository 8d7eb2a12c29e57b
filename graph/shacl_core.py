"""A SHACL Core validator for the subset :mod:`graph.shacl_shapes` compiles, over in-memory
indexes of the data (no inference: ``rdf:type`` and ``rdfs:subClassOf`` as stated in the data).

It follows pySHACL's reading of SHACL Core where the spec leaves room (datatype checks of
ill-typed literals, ``sh:pattern`` as a regex search, literal comparison), and
``tests/test_shacl_oracle.py`` holds it to pySHACL's results: same focus node, path, value,
constraint component, source shape and severity, on every case in ``tests/shapes/``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import cast

from rdflib import RDF, RDFS, BNode, Literal, URIRef
from rdflib.namespace import SH, XSD
from rdflib.term import Node

from graph.errors import OntologyError
from graph.shacl_shapes import Constraint, Path, Shape

MAX_DEPTH = 15
_EMPTY: dict[Node, dict[Node, None]] = {}
_NONE: dict[Node, None] = {}
_TYPE, _SUBCLASS = RDF.type, RDFS.subClassOf
_KINDS: dict[Node, tuple[type, ...]] = {
    SH.IRI: (URIRef,),
    SH.BlankNode: (BNode,),
    SH.Literal: (Literal,),
    SH.BlankNodeOrIRI: (BNode, URIRef),
    SH.BlankNodeOrLiteral: (BNode, Literal),
    SH.IRIOrLiteral: (URIRef, Literal),
}
_PYTHON_TYPES: dict[Node, type | tuple[type, ...]] = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.time: time,
    XSD.dateTime: datetime,
}


@dataclass(frozen=True)
class Result:
    """One validation result (``path`` is the shape's ``sh:path`` node in the shapes graph)."""

    focus: Node
    path: Node | None
    value: Node | None
    shape: Node
    component: URIRef
    severity: URIRef
    messages: tuple[str, ...]


class DataIndex:
    """Subject → predicate → objects (ordered sets), and the inverse for chosen predicates."""

    def __init__(
        self, triples: Iterable[tuple[Node, Node, Node]], inverse: frozenset[Node]
    ) -> None:
        out: dict[Node, dict[Node, dict[Node, None]]] = {}
        inv: dict[Node, dict[Node, dict[Node, None]]] = {}
        for s, p, o in triples:
            out.setdefault(s, {}).setdefault(p, {})[o] = None
            if p in inverse:
                inv.setdefault(o, {}).setdefault(p, {})[s] = None
        self.out, self.inv = out, inv
        self.by_type: dict[Node, list[Node]] = {}
        for s, preds in out.items():
            for t in preds.get(_TYPE, ()):
                self.by_type.setdefault(t, []).append(s)
        self._supers: dict[Node, set[Node]] = {}

    def values(self, focus: Node, path: Path) -> list[Node]:
        kind, arg = path
        if kind == "iri":
            return list(self.out.get(focus, _EMPTY).get(cast(Node, arg), _NONE))
        if kind == "inv":
            return list(self.inv.get(focus, _EMPTY).get(cast(Node, arg), _NONE))
        found: dict[Node, None] = {}
        if kind == "alt":
            for sub in cast(tuple[Path, ...], arg):
                found.update(dict.fromkeys(self.values(focus, sub)))
            return list(found)
        nodes = [focus]
        for sub in cast(tuple[Path, ...], arg):
            found = {}
            for n in nodes:
                found.update(dict.fromkeys(self.values(n, sub)))
            nodes = list(found)
        return nodes

    def supers(self, cls: Node) -> set[Node]:
        """``cls`` and its superclasses (``rdfs:subClassOf*`` in the data)."""
        if cls not in self._supers:
            seen, todo = {cls}, [cls]
            while todo:
                for sup in self.out.get(todo.pop(), _EMPTY).get(_SUBCLASS, ()):
                    if sup not in seen:
                        seen.add(sup)
                        todo.append(sup)
            self._supers[cls] = seen
        return self._supers[cls]

    def is_instance(self, node: Node, cls: Node) -> bool:
        return any(cls in self.supers(t) for t in self.out.get(node, _EMPTY).get(_TYPE, _NONE))

    def instances(self, cls: Node) -> list[Node]:
        found: dict[Node, None] = {}
        for t, nodes in self.by_type.items():
            if cls in self.supers(t):
                found.update(dict.fromkeys(nodes))
        return list(found)

    def focus_nodes(self, shape: Shape) -> list[Node]:
        found: dict[Node, None] = {}
        for kind, arg in shape.targets:
            if kind == SH.targetClass:
                found.update(dict.fromkeys(self.instances(arg)))
            elif kind == SH.targetNode:
                found[arg] = None
            elif kind == SH.targetSubjectsOf:
                found.update(dict.fromkeys(s for s, ps in self.out.items() if arg in ps))
            else:
                found.update(dict.fromkeys(o for ps in self.out.values() for o in ps.get(arg, ())))
        return list(found)


def datatype_ok(v: Node, dt: Node) -> bool:
    """pySHACL's sh:datatype test: the datatype IRI, and a well-formed value where known."""
    if not isinstance(v, Literal):
        return False
    if v.datatype == dt:
        if getattr(v, "ill_typed", None) is True:
            return False
    elif dt == RDFS.Literal or (dt == RDFS.Datatype and v.datatype):
        return True
    elif not (
        (v.datatype is None and v.language is None and dt == XSD.string)
        or (dt == RDF.langString and v.language)
    ):
        return False
    wanted = _PYTHON_TYPES.get(dt)
    return wanted is None or isinstance(v.value, wanted)


def compare(v: Node, bound: Literal) -> int | None:
    """``v`` against a bound as pySHACL compares literals; None when they do not compare."""
    if not isinstance(v, Literal) or isinstance(v.value, str) != isinstance(bound.value, str):
        return None
    try:
        if v.eq(bound):
            return 0
        if v.value.__class__ in (datetime, time):
            return 0 if v.value == bound.value else 1 if v.value > bound.value else -1
        return 1 if v > bound else -1
    except (TypeError, NotImplementedError):
        return None


_RANGES: dict[str, Callable[[int], bool]] = {
    "minInclusive": lambda c: c >= 0,
    "maxInclusive": lambda c: c <= 0,
    "minExclusive": lambda c: c > 0,
    "maxExclusive": lambda c: c < 0,
}


def pattern_text(v: Node) -> str:
    if isinstance(v, Literal) and v.value is not None and v.datatype in (None, XSD.string):
        return str(v.value)
    return str(v)


class Validator:
    """Runs compiled shapes over a :class:`DataIndex`."""

    def __init__(self, shapes: list[Shape], index: DataIndex) -> None:
        self.shapes, self.index = shapes, index
        self._regex: dict[tuple[str, str], re.Pattern[str]] = {}
        self._conforms: dict[tuple[Node, Node], bool] = {}

    def run(self) -> list[Result]:
        results: list[Result] = []
        for shape in self.shapes:
            if not shape.deactivated:
                for focus in self.index.focus_nodes(shape):
                    results.extend(self.evaluate(shape, focus, 0))
        return results

    def evaluate(self, shape: Shape, focus: Node, depth: int) -> list[Result]:
        if shape.deactivated:
            return []
        if depth > MAX_DEPTH:
            msg = f"shapes: nested more than {MAX_DEPTH} deep (a cycle?) at {shape.node}"
            raise OntologyError(msg)
        values = [focus] if shape.path is None else self.index.values(focus, shape.path)
        out = []
        for c in shape.constraints:
            for value in self.failures(c, values, depth):
                msgs = shape.messages or (default_message(c, value),)
                out.append(
                    Result(
                        focus, shape.path_node, value, shape.node, c.component, shape.severity, msgs
                    )
                )
        for prop in shape.properties:
            for v in values:
                out.extend(self.evaluate(prop, v, depth))
        return out

    def conforms(self, shape: Shape, node: Node, depth: int) -> bool:
        key = (shape.node, node)
        if key not in self._conforms:
            self._conforms[key] = not self.evaluate(shape, node, depth + 1)
        return self._conforms[key]

    def failures(self, c: Constraint, values: list[Node], depth: int) -> list[Node | None]:
        name, arg = c.name, c.arg
        if name == "minCount":
            return [None] if len(values) < arg else []  # type: ignore[operator]
        if name == "maxCount":
            return [None] if len(values) > arg else []  # type: ignore[operator]
        if name == "hasValue":
            return [] if arg in values else [None]
        return [v for v in values if not self.holds(name, arg, v, depth)]

    def holds(self, name: str, arg: object, v: Node, depth: int) -> bool:
        if name == "class":
            return not isinstance(v, Literal) and self.index.is_instance(v, arg)  # type: ignore[arg-type]
        if name == "datatype":
            return datatype_ok(v, arg)  # type: ignore[arg-type]
        if name == "nodeKind":
            return isinstance(v, _KINDS[arg])  # type: ignore[index]
        if name in _RANGES:
            cmp = compare(v, arg)  # type: ignore[arg-type]
            return cmp is not None and _RANGES[name](cmp)
        if name == "pattern":
            return not isinstance(v, BNode) and bool(self.regex(arg).search(pattern_text(v)))  # type: ignore[arg-type]
        if name == "in":
            return v in arg  # type: ignore[operator]
        if name == "node":
            return self.conforms(arg, v, depth)  # type: ignore[arg-type]
        if name == "not":
            return not self.conforms(arg, v, depth)  # type: ignore[arg-type]
        members = [self.conforms(s, v, depth) for s in arg]  # type: ignore[attr-defined]
        if name == "and":
            return all(members)
        if name == "or":
            return any(members)
        return sum(members) == 1  # sh:xone

    def regex(self, arg: tuple[str, str]) -> re.Pattern[str]:
        if arg not in self._regex:
            pattern, flags = arg
            bits = (re.I if "i" in flags.lower() else 0) | (re.M if "m" in flags.lower() else 0)
            self._regex[arg] = re.compile(pattern, bits)
        return self._regex[arg]


def default_message(c: Constraint, value: Node | None) -> str:
    """The message of a result whose shape has no ``sh:message``."""
    name = c.name
    arg = c.arg.node if isinstance(c.arg, Shape) else c.arg
    if name in ("minCount", "maxCount"):
        return f"{'fewer' if name == 'minCount' else 'more'} values than sh:{name} {arg}"
    if name in ("and", "or", "xone"):
        return f"value {value} does not satisfy sh:{name}"
    return f"value {value} does not satisfy sh:{name} {arg}"
