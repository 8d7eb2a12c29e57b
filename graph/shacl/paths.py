"""SHACL paths compiled for :mod:`graph.shacl.core` (an IRI, ``sh:inversePath`` of an IRI,
``sh:alternativePath``, a sequence; other paths are refused), and how shape errors name a shape.
"""

from __future__ import annotations

from rdflib import RDF, BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from graph.errors import OntologyError

#: A compiled path: ``("iri", p)``, ``("inv", p)``, ``("alt", paths)`` or ``("seq", paths)``.
Path = tuple[str, object]


def short(g: Graph, term: Node) -> str:
    """A term as the shapes file would spell it (``sh:closed``, ``regsh:FineShape``)."""
    return term.n3(g.namespace_manager)


def shape_name(g: Graph, node: Node) -> str:
    """A shape by name, or a blank property shape by its owner and path."""
    if not isinstance(node, BNode):
        return short(g, node)
    owner = g.value(predicate=SH.property, object=node)
    path = g.value(node, SH.path)
    where = f"{shape_name(g, owner)}, " if owner is not None else ""
    if isinstance(path, URIRef):
        return f"{where}property shape on {short(g, path)}"
    return f"{where}{'property' if path is not None else 'anonymous'} shape {node}"


def refuse(g: Graph, node: Node, what: str) -> OntologyError:
    return OntologyError(
        f"shapes: {shape_name(g, node)}: {what} (not supported by graph.shacl.core)"
    )


def rdf_list(g: Graph, node: Node, owner: Node, what: str) -> list[Node]:
    if node != RDF.nil and (node, RDF.first, None) not in g:
        raise refuse(g, owner, f"{what} must be an RDF list")
    return list(Collection(g, node))


def compile_path(g: Graph, node: Node, owner: Node, inverse: set[Node]) -> Path:
    """An ``sh:path`` value as a :data:`Path` (adding inverted predicates to ``inverse``)."""
    if isinstance(node, URIRef):
        return ("iri", node)
    preds = set(g.predicates(node, None))
    if preds == {SH.inversePath}:
        inner = g.value(node, SH.inversePath)
        if not isinstance(inner, URIRef):
            raise refuse(g, owner, "sh:inversePath of a complex path")
        inverse.add(inner)
        return ("inv", inner)
    if preds == {SH.alternativePath}:
        items = rdf_list(g, g.value(node, SH.alternativePath), owner, "sh:alternativePath")  # type: ignore[arg-type]
        return ("alt", tuple(compile_path(g, i, owner, inverse) for i in items))
    if RDF.first in preds:
        items = rdf_list(g, node, owner, "path")
        return ("seq", tuple(compile_path(g, i, owner, inverse) for i in items))
    raise refuse(g, owner, f"path with {', '.join(sorted(short(g, p) for p in preds))}")
