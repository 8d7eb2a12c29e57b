"""Load the ontology and the SHACL shapes from ``ontologies/`` (Turtle), with clear errors.

Files ending in ``-shapes.ttl`` are shapes; every other ``.ttl`` file is ontology.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from graph.errors import OntologyError
from graph.vocabulary.namespaces import bind_prefixes


def _parse(paths: list[Path], folder: Path, kind: str) -> Graph:
    g = Graph()
    bind_prefixes(g)
    if not paths:
        msg = f"no {kind} Turtle files found in {folder.resolve()} (set REGKG_ONTOLOGIES)"
        raise OntologyError(msg)
    for path in paths:
        try:
            g.parse(path, format="turtle")
        except (BadSyntax, SyntaxError, ValueError) as exc:
            msg = f"{path.name}: broken Turtle: {exc}"
            raise OntologyError(msg) from None
    return g


def ontology_files(ontology_dir: Path) -> list[Path]:
    """The ontology Turtle files (not shapes), sorted."""
    return sorted(p for p in ontology_dir.glob("*.ttl") if not p.name.endswith("-shapes.ttl"))


def shape_files(ontology_dir: Path) -> list[Path]:
    """The SHACL shapes Turtle files, sorted."""
    return sorted(ontology_dir.glob("*-shapes.ttl"))


def load_ontology(ontology_dir: Path) -> Graph:
    """The ontology as one rdflib graph."""
    return _parse(ontology_files(ontology_dir), ontology_dir, "ontology")


def load_shapes(ontology_dir: Path) -> Graph:
    """The SHACL shapes as one rdflib graph."""
    return _parse(shape_files(ontology_dir), ontology_dir, "shapes")


def content_hash(*folders: Path) -> str:
    """SHA-256 over the names and bytes of every file in the folders (sorted): the rebuild key."""
    h = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            h.update(str(path.relative_to(folder)).encode())
            h.update(b"\0")
            h.update(path.read_bytes())
            h.update(b"\0")
    return h.hexdigest()
