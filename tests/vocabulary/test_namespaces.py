"""``graph.vocabulary.namespaces.REG`` mirrors the ontology exactly, and is the only spelling of reg: in code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from graph.vocabulary.namespaces import REG
from graph.vocabulary.ontology import ontology_files
from tests.fixtures.world_store import ONTOLOGY_DIR

REPO = Path(__file__).resolve().parents[2]
GRAPH_DIR = REPO / "graph"
REG_IRI = "https://w3id.org/regkg/ontology#"

#: Lines of graph/*.py that may spell the reg: namespace out, by pattern, each with its reason.
ALLOWED_RAW_LINES: dict[str, str] = {
    # SPARQL text in string constants must declare its own prefixes: the store adds none, and
    # the query text is kept literal (never formatted), like the .rq files.
    r"^\s*PREFIX reg: <https://w3id\.org/regkg/ontology#>\s*$": "SPARQL PREFIX line",
    # A doctest's input may show a full IRI on purpose (e.g. what compacting an IRI gives).
    r"^\s*(>>>|\.\.\.) ": "doctest example",
}

#: Individual (file, stripped line) pairs allowed for now, each with its reason. A stale entry
#: (the line is gone) fails the test, so that the list only shrinks.
ALLOWED_RAW_EXCEPTIONS: dict[tuple[str, str], str] = {}


def _declared_terms() -> set[str]:
    """Local names of every reg: IRI that is the subject of a triple in the ontology files."""
    g = Graph()
    for path in ontology_files(ONTOLOGY_DIR):
        g.parse(path, format="turtle")
    return {
        str(s)[len(REG_IRI) :]
        for s in set(g.subjects())
        if isinstance(s, URIRef) and str(s).startswith(REG_IRI)
    }


def _members() -> set[str]:
    return set(REG.__annotations__)


def test_ontology_files_exclude_shapes() -> None:
    names = [p.name for p in ontology_files(ONTOLOGY_DIR)]
    assert names and not any(n.endswith("-shapes.ttl") for n in names)


def test_every_ontology_term_is_in_reg() -> None:
    missing = sorted(_declared_terms() - _members())
    assert not missing, f"declared in the ontology but missing from REG: {missing}"


def test_every_reg_member_is_declared() -> None:
    extra = sorted(_members() - _declared_terms())
    assert not extra, f"in REG but not declared in the ontology: {extra}"


def test_reg_members_resolve() -> None:
    for name in sorted(_members()):
        assert getattr(REG, name) == URIRef(REG_IRI + name)


def test_reg_is_closed() -> None:
    with pytest.raises(AttributeError):
        _ = REG.NoSuchTerm
    with pytest.raises(AttributeError):
        _ = REG["NoSuchTerm"]


def test_reg_namespace_iri() -> None:
    assert str(REG._NS) == REG_IRI


def test_no_raw_reg_iri_in_graph_code() -> None:
    """graph/*.py spells the reg: namespace only through graph.vocabulary.namespaces (.rq files may), or
    through graph.vocabulary.strings, its rdflib-free copy that a doctest keeps equal."""
    allowed = [re.compile(p) for p in ALLOWED_RAW_LINES]
    found: set[tuple[str, str]] = set()
    problems = []
    for path in sorted(GRAPH_DIR.rglob("*.py")):
        rel = path.relative_to(GRAPH_DIR).as_posix()
        # strings.py: a doctested plain copy
        if rel in ("vocabulary/namespaces.py", "vocabulary/strings.py"):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if REG_IRI not in line or any(p.match(line) for p in allowed):
                continue
            key = (path.relative_to(GRAPH_DIR).as_posix(), line.strip())
            if key in ALLOWED_RAW_EXCEPTIONS:
                found.add(key)
            else:
                problems.append(f"{key[0]}:{n}: {key[1]}")
    stale = sorted(set(ALLOWED_RAW_EXCEPTIONS) - found)
    problems += [f"stale ALLOWED_RAW_EXCEPTIONS entry, remove it: {k}" for k in stale]
    assert not problems, "use graph.vocabulary.namespaces.REG or PREFIXES instead:\n" + "\n".join(
        problems
    )
