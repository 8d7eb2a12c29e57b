"""The ontology is well formed: documented terms, typed properties, edge hints and stored queries."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TypeGuard

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import OWL

from graph.sparql.stored import StoredQuery, stored_queries
from graph.vocabulary.namespaces import ONTOLOGY_IRI, REG
from graph.vocabulary.ontology import load_ontology
from tests.fixtures.world_store import ONTOLOGY_DIR

REG_IRI = str(REG._NS)
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
#: rdf:type values that make a subject a term of the vocabulary rather than an individual.
SCHEMA_TYPES = {OWL.Class, *PROPERTY_TYPES, OWL.FunctionalProperty}


@lru_cache(maxsize=1)
def _ont() -> Graph:
    return load_ontology(ONTOLOGY_DIR)


def _reg(node: object) -> TypeGuard[URIRef]:
    return isinstance(node, URIRef) and str(node).startswith(REG_IRI)


def _terms() -> list[URIRef]:
    return sorted(s for s in set(_ont().subjects()) if isinstance(s, URIRef) and _reg(s))


def _of_type(*types: URIRef) -> list[URIRef]:
    return sorted(
        {
            s
            for t in types
            for s in _ont().subjects(RDF.type, t)
            if isinstance(s, URIRef) and _reg(s)
        }
    )


def _classes() -> set[URIRef]:
    return set(_of_type(OWL.Class))


def _local(iri: URIRef) -> str:
    return str(iri)[len(REG_IRI) :]


# --------------------------------------------------------------------------- the ontology node
def test_ontology_header() -> None:
    ontologies = list(_ont().subjects(RDF.type, OWL.Ontology))
    assert ontologies == [ONTOLOGY_IRI]
    versions = list(_ont().objects(ONTOLOGY_IRI, OWL.versionInfo))
    assert len(versions) == 1 and re.fullmatch(r"\d+\.\d+\.\d+", str(versions[0])), versions
    for prop in (RDFS.label, RDFS.comment):
        assert _ont().value(ONTOLOGY_IRI, prop), f"the ontology needs {prop}"


def test_every_term_has_a_known_kind() -> None:
    """Each reg: subject is exactly one of class, object/datatype/annotation property, or an
    individual of reg: classes only (no punning, no untyped terms)."""
    problems = []
    for term in _terms():
        types = set(_ont().objects(term, RDF.type))
        kinds = types & {OWL.Class, *PROPERTY_TYPES}
        individual_of = {t for t in types if _reg(t)}
        if len(kinds) + (1 if individual_of else 0) != 1:
            problems.append(f"{_local(term)}: types {sorted(map(str, types))}")
        elif individual_of and types - individual_of:
            problems.append(
                f"{_local(term)}: an individual with non-reg: types {sorted(map(str, types))}"
            )
        elif OWL.FunctionalProperty in types and not types & {
            OWL.ObjectProperty,
            OWL.DatatypeProperty,
        }:
            problems.append(f"{_local(term)}: functional but not an object or datatype property")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- documentation
@pytest.mark.parametrize("prop", [RDFS.label, RDFS.comment], ids=["label", "comment"])
def test_every_term_is_documented(prop: URIRef) -> None:
    """Classes, properties and individuals each have exactly one non-empty label and comment."""
    problems = []
    for term in _terms():
        values = list(_ont().objects(term, prop))
        if len(values) != 1 or not isinstance(values[0], Literal) or not str(values[0]).strip():
            problems.append(f"{_local(term)}: {len(values)} {prop.fragment}(s)")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- properties
def test_object_properties_have_domain_and_range() -> None:
    problems = []
    for prop in _of_type(OWL.ObjectProperty):
        for p in (RDFS.domain, RDFS.range):
            if len(list(_ont().objects(prop, p))) != 1:
                problems.append(f"{_local(prop)}: needs one {p.fragment}")
    assert not problems, "\n".join(problems)


def test_datatype_properties_have_domain_and_range() -> None:
    problems = []
    for prop in _of_type(OWL.DatatypeProperty):
        for p in (RDFS.domain, RDFS.range):
            if len(list(_ont().objects(prop, p))) != 1:
                problems.append(f"{_local(prop)}: needs one {p.fragment}")
    assert not problems, "\n".join(problems)


def test_reg_domains_ranges_and_superclasses_are_declared() -> None:
    """Every reg: IRI used as domain, range, superclass or superproperty is declared."""
    classes, props = _classes(), set(_of_type(*PROPERTY_TYPES))
    problems = []
    for link, declared in (
        (RDFS.domain, classes),
        (RDFS.range, classes),
        (RDFS.subClassOf, classes),
        (RDFS.subPropertyOf, props),
    ):
        for s, o in _ont().subject_objects(link):
            if _reg(o) and o not in declared:
                problems.append(f"{_local(s)} {link.fragment} {o}: not declared")  # type: ignore[arg-type]
    assert not problems, "\n".join(problems)


def test_subproperties_fit_their_superproperty() -> None:
    """A reg: subproperty's domain and range lie within its superproperty's (for sub-links such as
    reg:resultsFrom under reg:procedurallyFollows)."""
    problems = []
    for sub, sup in _ont().subject_objects(RDFS.subPropertyOf):
        if not (_reg(sub) and _reg(sup)):
            continue
        for p in (RDFS.domain, RDFS.range):
            inner, outer = _ont().value(sub, p), _ont().value(sup, p)
            if inner is None or outer is None:
                continue
            if outer not in set(_ont().transitive_objects(inner, RDFS.subClassOf)):
                problems.append(f"{_local(sub)} {p.fragment} {inner} is not within {outer}")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- individuals
def test_individuals_are_of_declared_classes() -> None:
    classes = _classes()
    problems = []
    for term in _terms():
        for t in _ont().objects(term, RDF.type):
            if t in SCHEMA_TYPES:
                continue
            if t not in classes:
                problems.append(f"{_local(term)} is a {t}, which is not a declared reg: class")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- edge hints
def test_edge_hints() -> None:
    """A reified relationship class names its edge's source and target (and maybe label): each an
    object property whose domain is that class."""
    object_props = set(_of_type(OWL.ObjectProperty))
    hinted = set(_ont().subjects(REG.edgeSource, None)) | set(_ont().subjects(REG.edgeTarget, None))
    hinted |= set(_ont().subjects(REG.edgeLabel, None))
    assert hinted, "no class carries reg:edgeSource"
    problems = []
    for cls in sorted(hinted, key=str):
        if cls not in _classes():
            problems.append(f"{cls}: carries edge hints but is not a declared class")
        for hint in (REG.edgeSource, REG.edgeTarget, REG.edgeLabel):
            values = list(_ont().objects(cls, hint))
            if hint != REG.edgeLabel and len(values) != 1:
                problems.append(f"{cls}: needs exactly one {hint}")
            for prop in values:
                if prop not in object_props:
                    problems.append(f"{cls} {hint}: {prop} is not a declared object property")
                elif _ont().value(prop, RDFS.domain) != cls:
                    problems.append(f"{cls} {hint}: the domain of {prop} is not {cls}")
    assert not problems, "\n".join(problems)


def test_edge_source_and_target_differ() -> None:
    for cls in _ont().subjects(REG.edgeSource, None):
        assert _ont().value(cls, REG.edgeSource) != _ont().value(cls, REG.edgeTarget), cls


# --------------------------------------------------------------------------- stored queries
def _body(q: StoredQuery) -> str:
    """The query text without its comment header."""
    lines = q.text.splitlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return "\n".join(lines)


QUERIES = sorted(stored_queries().items())


def test_stored_queries_are_the_rq_files_and_the_readme_lists_each() -> None:
    """Every ``graph/queries/*.rq`` file loads as a stored query under its file name, and the
    README's table of stored queries names exactly those."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    files = {p.stem for p in (root / "graph" / "queries").glob("*.rq")}
    assert [n for n, _q in QUERIES] == sorted(files) and len(files) >= 8
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Stored queries", 1)[1].split("\n### ", 1)[0]
    listed = re.findall(r"^\| `([a-z0-9-]+)` \|", section, flags=re.MULTILINE)
    assert sorted(listed) == sorted(files), "the README's stored-query table lists each .rq file"


@pytest.mark.parametrize("query", [q for _n, q in QUERIES], ids=[n for n, _q in QUERIES])
def test_stored_query_header(query: StoredQuery) -> None:
    assert query.title.strip() and query.description.strip()
    assert query.text.startswith("# title:"), "the header opens with '# title:'"
    names = [p.name for p in query.params]
    assert len(names) == len(set(names)), f"duplicate parameters: {names}"
    body = _body(query)
    for p in query.params:
        assert re.search(rf"[?$]{re.escape(p.name)}\b", body), f"?{p.name} is not used in the query"
        assert p.description.strip(), f"parameter {p.name} needs a description"
        assert p.type in ("iri", "string", "integer", "date"), f"{p.name}: unknown type {p.type}"
        if p.default is not None:
            p.bind(p.default)  # the default is a valid value of its type


@pytest.mark.parametrize("query", [q for _n, q in QUERIES], ids=[n for n, _q in QUERIES])
def test_stored_query_uses_declared_terms(query: StoredQuery) -> None:
    """Every reg:term in a query body is declared in the ontology (catches typos)."""
    body = re.sub(r'"[^"\n]*"', '""', _body(query))
    used = set(re.findall(r"\breg:([A-Za-z_][\w-]*)", body))
    unknown = sorted(used - set(REG.__annotations__))
    assert not unknown, f"undeclared reg: terms: {unknown}"
