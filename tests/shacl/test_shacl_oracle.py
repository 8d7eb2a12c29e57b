"""The fast SHACL gate (:mod:`graph.shacl.core`) against pySHACL, the reference.

Both validators run on every case in ``tests/shapes/``, on the curated data, on the fixture
world, on a seeded mutation of the fixture world (deleted, retyped and doubled values), and on
shapes using the supported constructs our own shapes file does not (yet) use. They must give
the same results: focus node, path, value, constraint component, source shape, severity and
message, each as often. A construct the fast validator does not implement must be refused.
"""

from __future__ import annotations

import random
from collections import Counter
from decimal import InvalidOperation
from functools import lru_cache
from pathlib import Path

import pytest
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SH, XSD

from graph import settings
from graph.errors import OntologyError
from graph.pipeline.build import compile_graph
from graph.shacl.validate import (
    ValidationReport,
    Violation,
    ontology_axioms,
    union_graph,
    validate,
    validate_pyshacl,
)
from graph.vocabulary.ontology import load_ontology
from tests.fixtures.world_store import ONTOLOGY_DIR, WORLD_DIR
from tests.shacl.test_validate import (
    CASES,
    CORE_CASES,
    SHAPES_DIR,
    _ontology,
    _shapes,
    core_key,
    load_case,
    load_core_case,
)


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
    # pySHACL's own verdict (validate_pyshacl does not recompute it from the results).
    assert ours.conforms == ref.conforms
    return ours


def assert_pyshacl_differs(data: Graph, shapes: Graph, ontology: Graph | None, why: str) -> None:
    """A case where pySHACL is wrong by the SHACL spec (the case states the spec's results, and
    ``tests/shacl/test_validate.py`` holds the fast validator to them): pySHACL must still get it
    wrong, so the exclusion is dropped once pySHACL agrees."""
    ours = validate(data, shapes, ontology)
    try:
        ref = validate_pyshacl(data, shapes, ontology)
    except InvalidOperation:  # pySHACL stops on a NaN decimal
        return
    same = Counter(_key(v, shapes) for v in ours.results) == Counter(
        _key(v, shapes) for v in ref.results
    )
    assert not same or ours.conforms != ref.conforms, f"pySHACL now agrees ({why})"


#: Shape cases compared with pySHACL: all but those where pySHACL is wrong by the spec (the case
#: says why, ``regt:pyshaclDiffers``; whether pySHACL is wrong there can depend on what ran
#: before: owlrl, once imported, makes rdflib check more XSD datatypes). ``tests/shacl/test_validate.py``
#: holds the fast validator to every case's expected results, these included.
ORACLE_CASES = [p for p in CASES if not load_case(p).pyshacl_differs]


def test_only_cases_that_say_why_are_left_out_of_the_oracle() -> None:
    left_out = [p for p in CASES if p not in ORACLE_CASES]
    assert all(load_case(p).pyshacl_differs.strip() for p in left_out)  # type: ignore[union-attr]
    assert len(ORACLE_CASES) >= len(CASES) - 2  # a new exclusion is a deliberate edit here


@pytest.mark.parametrize(
    "path", ORACLE_CASES, ids=[p.relative_to(SHAPES_DIR).as_posix() for p in ORACLE_CASES]
)
def test_shape_case_matches_pyshacl(path: Path) -> None:
    assert_same(load_case(path).data, _shapes(), _ontology())


@pytest.mark.parametrize("path", CORE_CASES, ids=[p.name for p in CORE_CASES])
def test_core_case_against_pyshacl(path: Path) -> None:
    """Every core case tests a point where pySHACL departs from the spec (its reason is in the
    case, ``regt:pyshaclDiffers``); a case without one must match pySHACL exactly."""
    case = load_core_case(path)
    if case.pyshacl_differs:
        assert_pyshacl_differs(case.graph, case.graph, None, case.pyshacl_differs)
    else:
        ours = assert_same(case.graph, case.graph, None)
        assert {core_key(v) for v in ours.results} == case.expected


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
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
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
        # A class with shape parameters is a shape with an implicit class target, whether or
        # not it is typed sh:NodeShape, and whatever makes it a class.
        (
            "ex:C a rdfs:Class ; sh:property [ sh:path ex:p ; sh:minCount 2 ] .",
            "shapes: ex:C: a shape that is also a class (implicit class target)",
        ),
        ("ex:C a owl:Class ; sh:class ex:K .", "shapes: ex:C: a shape that is also a class"),
        (
            "ex:Meta rdfs:subClassOf rdfs:Class . ex:C a ex:Meta ; sh:property [ sh:path ex:p ; "
            "sh:minCount 2 ] .",
            "shapes: ex:C: a shape that is also a class",
        ),
        (
            "ex:S a sh:NodeShape ; sh:targetNode ex:x ; sh:node ex:C . "
            "ex:C a owl:Class ; sh:property [ sh:path ex:p ; sh:minCount 2 ] .",
            "shapes: ex:C: a shape that is also a class",
        ),
        # A property a shape states at most once.
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p, ex:q ; "
            "sh:minCount 1 ] .",
            "sh:path given more than once",
        ),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:severity sh:Info, sh:Violation ; "
            "sh:class ex:K .",
            "shapes: ex:S: sh:severity given more than once",
        ),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; "
            'sh:pattern "a" ; sh:flags "i", "m" ] .',
            "sh:flags given more than once",
        ),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:deactivated true, false ; "
            "sh:class ex:K .",
            "shapes: ex:S: sh:deactivated given more than once",
        ),
        # Recursive shapes, through sh:node, sh:property and the logical operators.
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:node ex:S .",
            "shapes: ex:S: a recursive shape (ex:S -> ex:S)",
        ),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; "
            "sh:node ex:S ] .",
            "a recursive shape",
        ),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:or ( [ sh:class ex:K ] ex:T ) . "
            "ex:T sh:not ex:S .",
            "a recursive shape",
        ),
        # Shape arguments checked when the shapes are compiled, not when a value meets them.
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:q ; "
            "sh:nodeKind sh:Iri ] .",
            "sh:nodeKind <http://www.w3.org/ns/shacl#Iri> is not a SHACL node kind",
        ),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; "
            "sh:minInclusive ex:z ] .",
            "sh:minInclusive must be a well-formed number, date or time literal, not <urn:ex:z>",
        ),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; "
            'sh:maxExclusive "2020" ] .',
            "sh:maxExclusive must be a well-formed number",
        ),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; "
            'sh:pattern "(" ] .',
            "property shape on ex:p: sh:pattern '(' is not a valid XPath regular expression",
        ),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; "
            'sh:pattern "\\\\a+" ] .',
            "the escape \\a (not an XPath escape)",
        ),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; "
            "sh:minCount -1 ] .",
            "sh:minCount must be a non-negative integer",
        ),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; "
            "sh:datatype xsd:QName ] .",
            "no lexical-form check",
        ),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; "
            'sh:pattern "a" ; sh:flags "I" ] .',
            "sh:flags 'I'",
        ),
        # sh:deactivated is an xsd:boolean; "true" (a string) would silently stay active.
        (
            'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:deactivated "true" ; sh:class ex:K .',
            'shapes: ex:S: sh:deactivated must be xsd:boolean true or false, not "true"',
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
