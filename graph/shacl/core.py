"""A SHACL Core validator for the subset :mod:`graph.shacl.shapes` compiles, over in-memory
indexes of the data (no inference: ``rdf:type`` and ``rdfs:subClassOf`` as stated in the data)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from rdflib import RDF, RDFS, BNode, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from graph.shacl.paths import Path
from graph.shacl.regex import xpath_regex
from graph.shacl.shapes import Constraint, Shape
from graph.shacl.values import KINDS, RANGES, compare, datatype_of, same_term, well_formed

_EMPTY: dict[Node, dict[Node, None]] = {}
_NONE: dict[Node, None] = {}
_TYPE, _SUBCLASS = RDF.type, RDFS.subClassOf


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
        for s, p, o_ in triples:
            o = same_term(o_)
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
    """The sh:datatype test: the datatype IRI (``xsd:string`` for a plain literal) and, for a
    datatype :mod:`graph.shacl.values` knows, a well-formed lexical form. ``rdfs:Literal`` (and
    ``rdfs:Datatype`` for a typed literal) accept any literal, as pySHACL reads them."""
    if not isinstance(v, Literal):
        return False
    if dt == RDFS.Literal or (dt == RDFS.Datatype and v.datatype):
        return True
    if datatype_of(v) != dt:
        return False
    return bool(v.language) if dt == RDF.langString else well_formed(v)


class Validator:
    """Runs compiled shapes over a :class:`DataIndex`.

    It follows the SHACL spec, and pySHACL's reading where the spec leaves room;
    ``tests/shacl/test_shacl_oracle.py`` holds it to pySHACL's results (same focus node, path,
    value,
    constraint component, source shape and severity) on every case in ``tests/shapes/`` except where
    pySHACL is wrong by the spec: XSD lexical forms, comparisons across types and NaN
    (:mod:`graph.shacl.values`), XPath ``sh:pattern`` semantics (:mod:`graph.shacl.regex`) and
    ``"red"`` = ``"red"^^xsd:string`` (RDF 1.1). Those cases state their expected results.
    """

    def __init__(self, shapes: list[Shape], index: DataIndex) -> None:
        self.shapes, self.index = shapes, index
        self._conforms: dict[tuple[Node, Node], bool] = {}

    def run(self) -> list[Result]:
        results: list[Result] = []
        for shape in self.shapes:
            if not shape.deactivated:
                for focus in self.index.focus_nodes(shape):
                    results.extend(self.evaluate(shape, focus))
        return results

    def evaluate(self, shape: Shape, focus: Node) -> list[Result]:
        """The results of ``shape`` on ``focus`` (shapes are acyclic: the compiler refuses
        recursion, so this terminates however deep the data)."""
        if shape.deactivated:
            return []
        values = [focus] if shape.path is None else self.index.values(focus, shape.path)
        out = []
        for c in shape.constraints:
            for value in self.failures(c, values):
                msgs = shape.messages or (default_message(c, value),)
                out.append(
                    Result(
                        focus, shape.path_node, value, shape.node, c.component, shape.severity, msgs
                    )
                )
        for prop in shape.properties:
            for v in values:
                out.extend(self.evaluate(prop, v))
        return out

    def conforms(self, shape: Shape, node: Node) -> bool:
        key = (shape.node, node)
        if key not in self._conforms:
            self._conforms[key] = not self.evaluate(shape, node)
        return self._conforms[key]

    def failures(self, c: Constraint, values: list[Node]) -> list[Node | None]:
        name, arg = c.name, c.arg
        if name == "minCount":
            return [None] if len(values) < arg else []  # type: ignore[operator]
        if name == "maxCount":
            return [None] if len(values) > arg else []  # type: ignore[operator]
        if name == "hasValue":
            return [] if arg in values else [None]
        return [v for v in values if not self.holds(name, arg, v)]

    def holds(self, name: str, arg: object, v: Node) -> bool:
        if name == "class":
            return not isinstance(v, Literal) and self.index.is_instance(v, arg)  # type: ignore[arg-type]
        if name == "datatype":
            return datatype_ok(v, arg)  # type: ignore[arg-type]
        if name == "nodeKind":
            return isinstance(v, KINDS[arg])  # type: ignore[index]
        if name in RANGES:
            cmp = compare(v, arg)  # type: ignore[arg-type]
            return cmp is not None and RANGES[name](cmp)
        if name == "pattern":
            regex = xpath_regex(*arg)  # type: ignore[misc]
            return not isinstance(v, BNode) and bool(regex.search(str(v)))  # lexical form or IRI
        if name == "in":
            return v in arg  # type: ignore[operator]
        if name == "node":
            return self.conforms(arg, v)  # type: ignore[arg-type]
        if name == "not":
            return not self.conforms(arg, v)  # type: ignore[arg-type]
        members = [self.conforms(s, v) for s in arg]  # type: ignore[attr-defined]
        if name == "and":
            return all(members)
        if name == "or":
            return any(members)
        return sum(members) == 1  # sh:xone


def default_message(c: Constraint, value: Node | None) -> str:
    """The message of a result whose shape has no ``sh:message``."""
    name = c.name
    arg = c.arg.node if isinstance(c.arg, Shape) else c.arg
    if name in ("minCount", "maxCount"):
        return f"{'fewer' if name == 'minCount' else 'more'} values than sh:{name} {arg}"
    if name in ("and", "or", "xone"):
        return f"value {value} does not satisfy sh:{name}"
    return f"value {value} does not satisfy sh:{name} {arg}"
