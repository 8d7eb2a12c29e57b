"""The fast SHACL gate (:mod:`graph.shacl_core`) against pySHACL, the reference.

Both validators run on every case in ``tests/shapes/``, on the curated data, on the fixture
world, on a seeded mutation of the fixture world (deleted, retyped and doubled values), and on
shapes using the supported constructs our own shapes file does not (yet) use. They must give
the same results: focus node, path, value, constraint component, source shape, severity and
message, each as often. A construct the fast validator does not implement must be refused.
"""

from __future__ import annotations

import random
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SH, XSD

from graph import settings
from graph.errors import OntologyError
from graph.ontology import load_ontology
from graph.pipeline import compile_graph
from graph.validate import (
    ValidationReport,
    Violation,
    ontology_axioms,
    union_graph,
    validate,
    validate_pyshacl,
)
from tests.fixtures.world_store import ONTOLOGY_DIR, WORLD_DIR
from tests.test_validate import CASES, SHAPES_DIR, _ontology, _shapes, load_case


def _key(v: Violation, shapes: Graph) -> tuple[str, ...]:
    """A result as text; the message only where the shape states one (``sh:message``): without
    one, each validator words its own."""
    node = URIRef(v.shape) if (URIRef(v.shape), None, None) in shapes else BNode(v.shape)
    message = v.message if (node, SH.message, None) in shapes else "-"
    return (v.focus, v.path or "-", v.value or "-", v.component, v.shape, v.severity, message)


def assert_same(data: Graph, shapes: Graph, ontology: Graph | None) -> ValidationReport:
    ours = validate(data, shapes, ontology)
    ref = validate_pyshacl(data, shapes, ontology)
    got = Counter(_key(v, shapes) for v in ours.results)
    want = Counter(_key(v, shapes) for v in ref.results)
    assert got == want, f"only ours:\n{sorted(got - want)}\nonly pySHACL:\n{sorted(want - got)}"
    assert ours.conforms == ref.conforms
    return ours


@pytest.mark.parametrize("path", CASES, ids=[p.relative_to(SHAPES_DIR).as_posix() for p in CASES])
def test_shape_case_matches_pyshacl(path: Path) -> None:
    assert_same(load_case(path).data, _shapes(), _ontology())


@lru_cache(maxsize=1)
def _world() -> Graph:
    built, _report = compile_graph(WORLD_DIR, ONTOLOGY_DIR)
    return union_graph(built.dataset)


def test_curated_data_matches_pyshacl() -> None:
    built, _report = compile_graph(settings.data_dir(), ONTOLOGY_DIR)
    assert_same(union_graph(built.dataset), _shapes(), _ontology())


def test_fixture_world_matches_pyshacl() -> None:
    assert_same(_world(), _shapes(), _ontology())


def _mutated(seed: int) -> Graph:
    """The fixture world with 150 values removed, replaced by a wrong kind of value, or doubled."""
    rng = random.Random(seed)
    g = Graph()
    for t in _world():
        g.add(t)
    triples = sorted(g, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    others = [o for _s, _p, o in triples]
    wrong: list[object] = [
        Literal("2021-02-30", datatype=XSD.date),
        Literal("-5", datatype=XSD.decimal),
        Literal("abc", datatype=XSD.decimal),
        Literal("eur"),
        Literal("x", lang="en"),
        Literal(7),
        Literal("ftp://example.org", datatype=XSD.anyURI),
        BNode("mutant"),
        URIRef("urn:ex:nothing"),
    ]
    for s, p, o in rng.sample(triples, 150):
        action = rng.choice(("delete", "replace", "double"))
        if action != "double":
            g.remove((s, p, o))
        if action != "delete":
            g.add((s, p, rng.choice([*wrong, rng.choice(others)])))  # type: ignore[arg-type]
    return g


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_mutated_world_matches_pyshacl(seed: int) -> None:
    report = assert_same(_mutated(seed), _shapes(), _ontology())
    components = {v.component.rsplit("#", 1)[-1] for v in report.results}
    assert len(report.violations) > 20 and len(components) >= 4, components


_EXTRA_SHAPES = """
@prefix ex: <urn:ex:> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:Kinds a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:ref ; sh:nodeKind sh:IRI ] ;
    sh:property [ sh:path ex:colour ; sh:in ( "red" "green" ) ] ;
    sh:property [ sh:path ex:kind ; sh:hasValue ex:Good ] ;
    sh:property [ sh:path ex:score ; sh:maxInclusive 10 ; sh:minExclusive 0 ] ;
    sh:property [ sh:path ex:ratio ; sh:maxExclusive 1.0 ] ;
    sh:property [ sh:path ( ex:ref ex:name ) ; sh:minCount 1 ; sh:pattern "^a" ; sh:flags "i" ] ;
    sh:property [ sh:path [ sh:inversePath ex:ref ] ; sh:maxCount 1 ] ;
    sh:not [ sh:path ex:banned ; sh:minCount 1 ] ;
    sh:xone ( [ sh:path ex:a ; sh:minCount 1 ] [ sh:path ex:b ; sh:minCount 1 ] ) .
ex:Named a sh:NodeShape ; sh:targetNode ex:t1, ex:ghost ; sh:class ex:Thing ;
    sh:severity sh:Info .
ex:Subjects a sh:NodeShape ; sh:targetSubjectsOf ex:ref ;
    sh:property [ sh:path ex:name ; sh:maxCount 1 ; sh:severity sh:Warning ] .
ex:Objects a sh:NodeShape ; sh:targetObjectsOf ex:ref ;
    sh:node [ sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:datatype xsd:string ] ] .
"""

_EXTRA_DATA = """
@prefix ex: <urn:ex:> .
ex:t1 a ex:Thing ; ex:ref ex:t2, "lit" ; ex:colour "red", "blue" ; ex:kind ex:Good ;
    ex:score 10, 0, "x" ; ex:ratio 0.5, 1.0 ; ex:a 1 ; ex:name "one", "two" .
ex:t2 a ex:Thing ; ex:ref ex:t3 ; ex:kind ex:Bad ; ex:a 1 ; ex:b 2 ; ex:banned true ;
    ex:name "Alpha" .
ex:t3 a ex:Thing ; ex:colour "green" ; ex:score 11 ; ex:ref ex:t4 .
ex:t4 ex:ref ex:t3 ; ex:name 5 .
"""


def test_other_supported_constructs_match_pyshacl() -> None:
    shapes = Graph().parse(data=_EXTRA_SHAPES, format="turtle")
    report = assert_same(Graph().parse(data=_EXTRA_DATA, format="turtle"), shapes, None)
    names = {
        v.component.rsplit("#", 1)[-1].removesuffix("ConstraintComponent") for v in report.results
    }
    assert names >= {
        "NodeKind",
        "In",
        "HasValue",
        "MaxInclusive",
        "MinExclusive",
        "MaxExclusive",
        "Pattern",
        "MaxCount",
        "MinCount",
        "Not",
        "Xone",
        "Class",
        "Node",
    }, names


_AXIOM_EXTRAS = """
ex:Special a owl:Class ; owl:equivalentClass [ a owl:Restriction ; owl:onProperty ex:p ;
    owl:someValuesFrom ex:D ] .
ex:bob a owl:NamedIndividual, ex:Person ; ex:knows [ ex:name "x" ] .
ex:alice ex:knows ex:bob .
ex:carol a ex:Person ; rdfs:label "not an axiom, not a named individual" .
"""

_PREFIXES = """
@prefix ex: <urn:ex:> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
"""


@pytest.mark.parametrize(
    ("shape", "expected"),
    [
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true .",
            "shapes: ex:S: sh:closed (not supported",
        ),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; "
            "sh:qualifiedValueShape [ sh:class ex:D ] ; sh:qualifiedMinCount 1 ] .",
            "qualified",
        ),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path "
            "[ sh:zeroOrMorePath ex:p ] ; sh:minCount 1 ] .",
            "sh:zeroOrMorePath",
        ),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; "
            'sh:languageIn ( "en" ) ] .',
            "sh:languageIn",
        ),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; "
            "sh:equals ex:q ] .",
            "sh:equals",
        ),
        (
            "ex:S a sh:NodeShape, rdfs:Class ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .",
            "implicit class target",
        ),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:node [ sh:severity sh:Warning ; "
            "sh:class ex:D ] .",
            "non-violation severity in a nested shape",
        ),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; "
            'sh:pattern "a" ; sh:flags "q" ] .',
            "sh:flags 'q'",
        ),
        (
            'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT" ] .',
            "sh:sparql",
        ),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; "
            "sh:minCount 1, 2 ] .",
            "sh:minCount given more than once",
        ),
    ],
)
def test_unsupported_constructs_are_refused(shape: str, expected: str) -> None:
    shapes = Graph().parse(data=_PREFIXES + shape, format="turtle")
    data = Graph().parse(data=_PREFIXES + "ex:x a ex:C ; ex:p ex:y .", format="turtle")
    with pytest.raises(OntologyError, match="shapes: ") as err:
        validate(data, shapes)
    assert expected in str(err.value)


def test_ontology_axioms_are_what_pyshacl_mixes_in() -> None:
    """The ontology triples the fast validator adds are those pySHACL adds for ``ont_graph``."""
    from pyshacl.rdfutil.inoculate import inoculate

    ontology = load_ontology(ONTOLOGY_DIR)
    ontology.parse(data=_PREFIXES + _AXIOM_EXTRAS, format="turtle")
    ref = Graph()
    inoculate(ref, ontology)
    ours = ontology_axioms(ontology)
    assert len(ours) == len(ref)
    mine = Graph()
    for triple in ours:
        mine.add(triple)  # type: ignore[arg-type]
    assert isomorphic(mine, ref)
    assert len(ours) < len(ontology)


def test_no_rdf_type_triples_lost_through_datasets() -> None:
    """A Dataset is validated over all its named graphs, as its union."""
    built, report = compile_graph(WORLD_DIR, ONTOLOGY_DIR)
    assert report == validate(union_graph(built.dataset), _shapes(), _ontology())
    assert any(True for _ in built.dataset.quads((None, RDF.type, None, None)))
