"""The SHACL gate, shape by shape: a valid and an invalid data graph for every node shape.

Each ``tests/shapes/<ShapeLocalName>/{valid,invalid}-NNN.ttl`` is a small Turtle data graph. A
case node typed ``regt:Case`` describes it and, for invalid cases, lists the results expected, in
the style of pySHACL's DASH tests::

    <urn:case> a regt:Case ;
        regt:expect [ sh:focusNode ex:fine ; sh:sourceShape regsh:FineShape ;
                      sh:resultPath reg:imposedAmount ] .

A property shape is a blank node, so an expectation names the node shape that owns it
(``sh:sourceShape``) and its path (``sh:resultPath``, an IRI or ``[ sh:inversePath … ]``); an
expectation without ``sh:resultPath`` is a result of the node shape itself (``sh:or``, …).
``sh:resultSeverity`` defaults to ``sh:Violation``. ``regt:covers`` names a shape used only
through ``sh:node`` (``DateShape``) that the case exercises.

The case triples are removed before validating. Validation is :func:`graph.shacl.validate.validate`
with the ontology, exactly as the build gate runs it: the ontology's RDFS/OWL axioms are mixed
into the data (not its individuals, as pySHACL does with an ``ont_graph``), so
``sh:targetClass reg:Record`` reaches every instance of a subclass of ``reg:Record`` and
``sh:class`` accepts subclass instances, while an individual such as ``reg:CuratedVerified`` must
be typed in the case data, as the build does. ``tests/shacl/test_shacl_oracle.py`` runs every case
through pySHACL too and requires the same results.

A valid case must give no result at all (not even a warning). An invalid case must give
exactly the expected set of (focus node, owning node shape, path, severity): nothing missing,
nothing more.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest
import rdflib
from pyshacl.entrypoints import meta_validate
from rdflib import RDF, RDFS, BNode, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, SH, XSD
from rdflib.term import Node

from graph.pipeline.build import compile_graph
from graph.shacl.regex import xpath_regex
from graph.shacl.validate import ValidationReport, Violation, union_graph, validate
from graph.shacl.values import lexical_ok
from graph.vocabulary.namespaces import REG
from graph.vocabulary.ontology import load_ontology, load_shapes
from tests.fixtures.world_store import ONTOLOGY_DIR, WORLD_DIR

REGT = Namespace("https://w3id.org/regkg/test#")
REGSH = Namespace("https://w3id.org/regkg/shapes#")
SHAPES_DIR = Path(__file__).parents[1] / "shapes"
#: Self-contained SHACL Core cases (shapes and data in one file): see :func:`load_core_case`.
CORE_DIR = SHAPES_DIR / "core"
CASES = sorted(p for p in SHAPES_DIR.glob("**/*.ttl") if CORE_DIR not in p.parents)
CORE_CASES = sorted(CORE_DIR.glob("*.ttl"))

#: Cases that fail because of a known defect in ``ontologies/regkg-shapes.ttl``. The mark is
#: strict: once the shapes are fixed the case passes, the test reports XPASS as a failure, and
#: the entry must be removed here.
KNOWN_SHAPE_DEFECTS: dict[str, str] = {}

#: sh:path IRIs outside reg: that the shapes may use, each with the reason it is allowed.
ALLOWED_FOREIGN_PATHS: dict[URIRef, str] = {
    RDFS.label: "every record's name is its rdfs:label (RDFS's own property, not redeclared)",
}


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return load_shapes(ONTOLOGY_DIR)


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return load_ontology(ONTOLOGY_DIR)


def _node_shapes() -> list[URIRef]:
    return sorted(s for s in _shapes().subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef))


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


# --------------------------------------------------------------------------- case files
@dataclass(frozen=True, order=True)
class Result:
    """A result reduced to what a case can state: focus, owning node shape, path, severity."""

    focus: str
    shape: str
    path: str | None
    severity: str

    def __str__(self) -> str:
        where = f" path {self.path}" if self.path else ""
        return f"{self.severity} on {self.focus} from {self.shape}{where}"


def canonical_path(g: Graph, node: Node | None) -> str | None:
    """A SHACL path as text: ``<iri>``, ``^<iri>`` (inverse), ``a/b`` (sequence) or ``(a|b)``
    (alternative: one of the two, such as a date or the reason it is unknown)."""
    if node is None:
        return None
    if isinstance(node, URIRef):
        return str(node)
    inverse = g.value(node, SH.inversePath)
    if inverse is not None:
        return "^" + str(canonical_path(g, inverse))
    alternative = g.value(node, SH.alternativePath)
    if alternative is not None:
        return "(" + "|".join(str(canonical_path(g, i)) for i in Collection(g, alternative)) + ")"
    if (node, RDF.first, None) in g:
        return "/".join(str(canonical_path(g, item)) for item in Collection(g, node))
    msg = f"unsupported SHACL path {node!r} in a test case or shape"
    raise ValueError(msg)


def _case_triples(g: Graph) -> Iterator[tuple[Node, Node, Node]]:
    """The triples describing the cases: each case node and the blank nodes it reaches."""
    todo: list[Node] = list(g.subjects(RDF.type, REGT.Case))
    seen: set[Node] = set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for s, p, o in g.triples((node, None, None)):
            yield s, p, o
            if isinstance(o, BNode):
                todo.append(o)


@dataclass(frozen=True)
class Case:
    """A parsed case file: the data graph and, for an invalid case, its expected results."""

    data: Graph
    expected: frozenset[Result]
    covers: frozenset[str]
    #: Why pySHACL gives another answer than the SHACL spec here (``regt:pyshaclDiffers``), or
    #: None: the oracle test then requires pySHACL to differ instead of to agree.
    pyshacl_differs: str | None = None


def load_case(path: Path) -> Case:
    g = Graph().parse(path, format="turtle")
    cases = list(g.subjects(RDF.type, REGT.Case))
    assert len(cases) == 1, f"{path.name}: needs exactly one node typed regt:Case"
    expected = set()
    for exp in g.objects(cases[0], REGT.expect):
        focus = g.value(exp, SH.focusNode)
        shape = g.value(exp, SH.sourceShape)
        assert focus is not None and shape is not None, (
            f"{path.name}: an expectation needs sh:focusNode and sh:sourceShape"
        )
        severity = g.value(exp, SH.resultSeverity) or SH.Violation
        expected.add(
            Result(
                str(focus),
                str(shape),
                canonical_path(g, g.value(exp, SH.resultPath)),
                str(severity).rsplit("#", 1)[-1],
            )
        )
    covers = frozenset(str(s) for s in g.objects(cases[0], REGT.covers))
    data = Graph()
    case_triples = set(_case_triples(g))
    for triple in g:
        if triple not in case_triples:
            data.add(triple)
    leftover = {t for t in data if any(str(x).startswith(str(REGT)) for x in t)}
    assert not leftover, f"{path.name}: test vocabulary outside the case description: {leftover}"
    differs = g.value(cases[0], REGT.pyshaclDiffers)
    return Case(data, frozenset(expected), covers, None if differs is None else str(differs))


@contextmanager
def _lexical_forms_kept() -> Iterator[None]:
    """Parse with literals as written: rdflib otherwise rewrites a literal it can convert to its
    canonical form (``"1_000"^^xsd:integer`` becomes ``"1000"``), hiding what the case tests."""
    old, rdflib.NORMALIZE_LITERALS = rdflib.NORMALIZE_LITERALS, False
    try:
        yield
    finally:
        rdflib.NORMALIZE_LITERALS = old


@dataclass(frozen=True)
class CoreCase:
    """A self-contained case: the graph holds shapes and data (the SHACL shapes graph may be the
    data graph); each ``regt:expect`` is a (focus, constraint component, value) result."""

    graph: Graph
    expected: frozenset[tuple[str, str, str]]
    pyshacl_differs: str | None


def core_key(v: Violation) -> tuple[str, str, str]:
    return (v.focus, v.component.rsplit("#", 1)[-1], "-" if v.value is None else v.value)


def load_core_case(path: Path) -> CoreCase:
    with _lexical_forms_kept():
        g = Graph().parse(path, format="turtle")
    (case,) = g.subjects(RDF.type, REGT.Case)
    expected = set()
    for exp in g.objects(case, REGT.expect):
        focus, value = g.value(exp, SH.focusNode), g.value(exp, SH.value)
        component = g.value(exp, SH.sourceConstraintComponent)
        assert focus is not None and component is not None, f"{path.name}: incomplete expectation"
        text = "-" if value is None else str(value)
        expected.add((str(focus), str(component).rsplit("#", 1)[-1], text))
    differs = g.value(case, REGT.pyshaclDiffers)
    for triple in set(_case_triples(g)):
        g.remove(triple)
    return CoreCase(g, frozenset(expected), None if differs is None else str(differs))


def reduce_result(v: Violation, shapes: Graph) -> Result:
    """Map a report row to its owning node shape and the path of the shape that produced it."""
    node: Node = URIRef(v.shape)
    if (node, RDF.type, SH.NodeShape) in shapes:
        return Result(v.focus, v.shape, v.path, v.severity)
    node = BNode(v.shape)
    owners = list(shapes.subjects(SH.property, node))
    assert len(owners) == 1, f"cannot find the node shape owning result shape {v.shape}: {v}"
    return Result(
        v.focus, str(owners[0]), canonical_path(shapes, shapes.value(node, SH.path)), v.severity
    )


def run_case(path: Path) -> tuple[Case, ValidationReport, set[Result]]:
    case = load_case(path)
    report = validate(case.data, _shapes(), _ontology())
    return case, report, {reduce_result(v, _shapes()) for v in report.results}


def _show(results: set[Result] | frozenset[Result]) -> str:
    return "\n".join(f"  {r}" for r in sorted(results)) or "  (none)"


def _params() -> Sequence[object]:
    params = []
    for path in CASES:
        rel = path.relative_to(SHAPES_DIR).as_posix()
        marks = []
        if rel in KNOWN_SHAPE_DEFECTS:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_SHAPE_DEFECTS[rel]))
        params.append(pytest.param(path, id=rel, marks=marks))
    return params


@pytest.mark.parametrize("path", _params())
def test_shape_case(path: Path) -> None:
    case, report, got = run_case(path)
    if path.name.startswith("valid-"):
        assert not case.expected, f"{path.name}: a valid case expects no results"
        assert report.conforms and not got, f"expected no results, got:\n{_show(got)}"
        return
    assert path.name.startswith("invalid-"), f"{path.name}: name cases valid-NNN or invalid-NNN"
    assert case.expected, f"{path.name}: an invalid case must state its expected results"
    missing, extra = case.expected - got, got - case.expected
    assert not missing and not extra, (
        f"missing:\n{_show(missing)}\nunexpected:\n{_show(extra)}\n"
        f"messages:\n" + "\n".join(f"  {v.focus} {v.path}: {v.message}" for v in report.results)
    )
    expect_conforms = all(r.severity != "Violation" for r in case.expected)
    assert report.conforms == expect_conforms


@pytest.mark.parametrize("path", CORE_CASES, ids=[p.name for p in CORE_CASES])
def test_core_case(path: Path) -> None:
    """A self-contained case gives exactly the results it expects (by the SHACL spec)."""
    case = load_core_case(path)
    report = validate(case.graph, case.graph)
    got = {core_key(v) for v in report.results}
    assert got == case.expected, (
        f"missing: {sorted(case.expected - got)}\nunexpected: {sorted(got - case.expected)}"
    )
    assert report.conforms == (not case.expected)


# --------------------------------------------------------------------------- case coverage
def _local(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1]


def test_every_node_shape_has_cases() -> None:
    """A targeted shape has its folder with valid and invalid cases; an untargeted one
    (used through ``sh:node``) is exercised by a case that says ``regt:covers`` it."""
    covered = set().union(*(load_case(p).covers for p in CASES))
    problems = []
    for shape in _node_shapes():
        if any((shape, t, None) in _shapes() for t in _TARGETS):
            folder = SHAPES_DIR / _local(shape)
            for kind in ("valid", "invalid"):
                if not list(folder.glob(f"{kind}-*.ttl")):
                    problems.append(f"{_local(shape)}: no {folder.name}/{kind}-NNN.ttl")
        elif str(shape) not in covered:
            problems.append(f"{_local(shape)}: no case says 'regt:covers regsh:{_local(shape)}'")
    known = {_local(s) for s in _node_shapes()}
    problems += [
        f"{d.name}: no such node shape"
        for d in SHAPES_DIR.iterdir()
        if d.name not in known and d != CORE_DIR
    ]
    assert not problems, "\n".join(problems)


def test_invalid_cases_break_their_own_shape() -> None:
    """Every invalid case expects at least one result from the shape its folder is named after."""
    problems = []
    for path in CASES:
        if path.name.startswith("invalid-"):
            shape = str(REGSH[path.parent.name])
            if not any(r.shape == shape for r in load_case(path).expected):
                problems.append(f"{path.parent.name}/{path.name} expects nothing from {shape}")
    assert not problems, "\n".join(problems)


def _instances_of(data: Graph, cls: URIRef) -> set[Node]:
    """Instances of ``cls`` or of its subclasses (subclass links taken from the ontology)."""
    classes = set(_ontology().transitive_subjects(RDFS.subClassOf, cls))
    return {s for c in classes for s in data.subjects(RDF.type, c)}


def test_valid_cases_exercise_their_shape() -> None:
    """A valid case holds at least one focus node of the shape its folder is named after."""
    problems = []
    for path in CASES:
        if path.name.startswith("valid-"):
            shape = REGSH[path.parent.name]
            classes = list(_shapes().objects(shape, SH.targetClass))
            data = load_case(path).data
            if classes and not any(_instances_of(data, c) for c in classes):  # type: ignore[arg-type]
                problems.append(f"{path.parent.name}/{path.name} has no focus node")
    assert not problems, "\n".join(problems)


_BAD_DATE = """
@prefix reg: <https://w3id.org/regkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
reg:CuratedVerified a reg:TrustTier .
<urn:ex:src> a reg:SourceReference ; reg:sourceUrl "https://example.org/1"^^xsd:anyURI .
<urn:ex:person> a reg:Person ; reg:publicRole "judge" ; rdfs:label "A judge" ;
    reg:hasSource <urn:ex:src> ; reg:asOf "2024-01-31"^^xsd:date ;
    reg:trustTier reg:CuratedVerified ; reg:startDate "2019-05-25" .
"""


def test_validate_lists_only_top_level_results() -> None:
    report = validate(Graph().parse(data=_BAD_DATE, format="turtle"), _shapes(), _ontology())
    assert [(v.focus, v.path) for v in report.results] == [("urn:ex:person", str(REG.startDate))]


# --------------------------------------------------------------------------- the shapes graph
def test_shapes_pass_meta_shacl() -> None:
    """The shapes graph is itself valid SHACL (pySHACL's SHACL-for-SHACL shapes)."""
    conforms, _graph, text = meta_validate(_shapes())
    assert conforms, text


def _declared(*types: URIRef) -> set[Node]:
    return {s for t in types for s in _ontology().subjects(RDF.type, t)}


def test_target_classes_are_declared() -> None:
    classes = _declared(OWL.Class)
    undeclared = sorted(str(c) for c in _shapes().objects(None, SH.targetClass) if c not in classes)
    assert not undeclared, f"sh:targetClass of undeclared classes: {undeclared}"


def test_shape_classes_are_declared() -> None:
    classes = _declared(OWL.Class)
    undeclared = sorted(
        str(c)
        for c in _shapes().objects(None, SH["class"])
        if str(c).startswith(str(REG._NS)) and c not in classes
    )
    assert not undeclared, f"sh:class of undeclared classes: {undeclared}"


def _path_iris(g: Graph, node: Node) -> Iterator[URIRef]:
    if isinstance(node, URIRef):
        yield node
        return
    for _p, o in g.predicate_objects(node):
        if isinstance(o, (URIRef, BNode)) and o != RDF.nil:
            yield from _path_iris(g, o)


def test_shape_paths_are_declared_properties() -> None:
    """Every IRI in an sh:path (also inside inverse or sequence paths) is a declared reg:
    object or datatype property, or allowed in ``ALLOWED_FOREIGN_PATHS`` with a reason."""
    props = _declared(OWL.ObjectProperty, OWL.DatatypeProperty)
    problems = set()
    for path in _shapes().objects(None, SH.path):
        for iri in _path_iris(_shapes(), path):
            if str(iri).startswith(str(REG._NS)):
                if iri not in props:
                    problems.add(f"{iri} is not a declared object or datatype property")
            elif iri not in ALLOWED_FOREIGN_PATHS:
                problems.add(f"{iri} is outside reg: and not in ALLOWED_FOREIGN_PATHS")
    assert not problems, "\n".join(sorted(problems))


def _property_shapes() -> Iterator[tuple[URIRef, Node]]:
    for prop in _shapes().objects(None, SH.property):
        path = _shapes().value(prop, SH.path)
        if isinstance(path, URIRef) and str(path).startswith(str(REG._NS)):
            yield path, prop


def test_shape_datatypes_match_ontology_ranges() -> None:
    """sh:datatype on a reg: path equals the property's xsd range (where that range is xsd:)."""
    problems = []
    for path, prop in _property_shapes():
        datatype = _shapes().value(prop, SH.datatype)
        rng = _ontology().value(path, RDFS.range)
        if datatype is not None and rng is not None and datatype != rng:
            problems.append(f"{_local(path)}: shape says {datatype}, ontology range is {rng}")
    assert not problems, "\n".join(problems)


def test_shape_classes_fit_ontology_ranges() -> None:
    """sh:class on a reg: path is the property's range or a subclass of it."""
    problems = []
    for path, prop in _property_shapes():
        cls = _shapes().value(prop, SH["class"])
        rng = _ontology().value(path, RDFS.range)
        if cls is None or rng is None:
            continue
        if rng not in set(_ontology().transitive_objects(cls, RDFS.subClassOf)):
            problems.append(f"{_local(path)}: shape class {cls} is not within range {rng}")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- the fixture world
@lru_cache(maxsize=1)
def _world() -> tuple[Graph, ValidationReport]:
    built, report = compile_graph(WORLD_DIR, ONTOLOGY_DIR)
    return union_graph(built.dataset), report


def test_fixture_world_conforms() -> None:
    _data, report = _world()
    assert report.conforms, "\n".join(f"{v.focus} {v.path}: {v.message}" for v in report.violations)
    assert not report.violations


def test_fixture_world_exercises_every_targeted_shape() -> None:
    """The fixture world holds a focus node for every sh:targetClass (so it tests every shape)."""
    data, _report = _world()
    empty = sorted(
        str(c)
        for c in set(_shapes().objects(None, SH.targetClass))
        if not _instances_of(data, c)  # type: ignore[arg-type]
    )
    assert not empty, f"the fixture world has no instance of: {empty}"


# --------------------------------------------------------------------------- the validator
def test_deep_acyclic_shapes_and_long_data_chains_validate() -> None:
    """No runtime depth limit: 25 shapes nested through sh:node over a 40-node chain (the
    validator once stopped at 15 levels with a misleading "cycle?" error)."""
    nested = " ".join(
        f"ex:S{i} sh:property [ sh:path ex:next ; sh:maxCount 1 ; sh:node ex:S{i + 1} ] ."
        for i in range(25)
    )
    shapes = Graph().parse(
        data="@prefix ex: <urn:ex:> . @prefix sh: <http://www.w3.org/ns/shacl#> . "
        f"ex:S0 a sh:NodeShape ; sh:targetNode ex:n0 . {nested} ex:S25 sh:nodeKind sh:IRI .",
        format="turtle",
    )
    chain = " ".join(f"ex:n{i} ex:next ex:n{i + 1} ." for i in range(40))
    data = Graph().parse(data=f"@prefix ex: <urn:ex:> . {chain}", format="turtle")
    assert validate(data, shapes).conforms
    data.parse(data="@prefix ex: <urn:ex:> . ex:n24 ex:next ex:extra .", format="turtle")
    report = validate(data, shapes)
    assert [(v.focus, v.component.rsplit("#", 1)[-1]) for v in report.results] == [
        ("urn:ex:n0", "NodeConstraintComponent")
    ]


@pytest.mark.parametrize(
    ("pattern", "flags", "text", "matches"),
    [
        ("^[A-Z]{3}$", "", "EUR", True),
        ("^[A-Z]{3}$", "", "EUR\n", False),
        ("^b$", "m", "a\nb\n", True),
        ("^$", "m", "a\n", False),  # no empty line after a final newline
        ("a\n$", "m", "a\n", False),  # nor a line end after it (elementpath's "$" would match)
        ("a$", "m", "a\nb", True),
        ("a.b", "", "a\rb", False),
        ("a.b", "", "a\nb", False),
        ("a.b", "s", "a\nb", True),
        ("^a b$", "x", "ab", True),
        ("^[a b]$", "x", " ", True),  # whitespace inside a class stays
        ("^a#b$", "x", "a#b", True),  # "#" is no comment (it would be in Python's verbose mode)
        ("^eur$", "i", "EUR", True),
        ("^\\s$", "", "\u00a0", False),  # XPath \s is space, tab, newline, return only
        ("^\\s$", "", "\t", True),
        ("^\\S$", "", "\u00a0", True),
        ("^\\d+$", "", "123", True),
        ("^(?:ab)+$", "", "abab", True),
    ],
)
def test_sh_pattern_follows_xpath(pattern: str, flags: str, text: str, matches: bool) -> None:
    assert bool(xpath_regex(pattern, flags).search(text)) is matches


@pytest.mark.parametrize(
    ("pattern", "flags", "match", "no_match"),
    [
        ("^\\w+$", "", "é1", "a_b"),  # XPath \w excludes punctuation, "_" too (Python's has it)
        ("^\\W$", "", "_", "a"),
        ("^\\p{Lu}$", "", "A", "a"),
        ("^\\p{Lu}$", "i", "A", "a"),  # i does not widen a category
        ("^\\P{Lu}$", "", "a", "A"),
        ("^\\p{IsBasicLatin}+$", "", "abc", "é"),
        ("^\\i\\c*$", "", "ab-1.c", "1ab"),
        ("^\\I$", "", "1", "a"),
        ("^\\C$", "", " ", "a"),
        ("^[a-z-[aeiou]]+$", "", "bcd", "bad"),  # class subtraction
        ("^(a|b)\\1$", "", "bb", "ab"),  # back-reference
        ("^a+?$", "", "aaa", "b"),  # reluctant quantifier
        ("^\\$$", "", "$", "a"),
    ],
)
def test_sh_pattern_accepts_the_whole_xpath_language(
    pattern: str, flags: str, match: str, no_match: str
) -> None:
    """Refused by the hand-written translator this module replaced; elementpath translates them."""
    regex = xpath_regex(pattern, flags)
    assert regex.search(match)
    assert not regex.search(no_match)


@pytest.mark.parametrize(
    "pattern",
    [
        "(?i)a",  # (? other than (?:
        "a*+",  # possessive quantifier
        "a{x}",
        "a{,2}",
        "a{2}{3}",
        "a]",
        "[]",
        "(a",
        "a\\",  # trailing backslash
        "\\a",  # not an XPath escape (Python's bell)
        "\\x41",
        "\\1",  # back-reference to no group
        "[\\1]",  # back-reference in a class
        "\\p{IsNoSuchBlock}",
        "\\p{Xx}",
    ],
)
def test_sh_pattern_refuses_what_is_not_xpath(pattern: str) -> None:
    with pytest.raises(ValueError, match="sh:pattern .* is not a valid XPath regular expression"):
        xpath_regex(pattern, "")


@pytest.mark.parametrize("flags", ["q", "I", "g"])
def test_sh_flags_refuses_what_is_not_xpath(flags: str) -> None:
    with pytest.raises(ValueError, match="sh:flags"):
        xpath_regex("a", flags)


@pytest.mark.parametrize(
    ("text", "datatype", "ok"),
    [
        ("2024-02-29", XSD.date, True),
        ("2100-02-29", XSD.date, False),
        ("2021-04-31", XSD.date, False),
        ("2021-01-01Z", XSD.date, True),
        ("2021-01-01+15:00", XSD.date, False),
        ("2021-01-01T24:00:00", XSD.dateTime, True),
        ("2021-01-01T10:00", XSD.dateTime, False),
        ("2021-01-01T10:00:00", XSD.dateTimeStamp, False),
        ("--02-29", XSD.gMonthDay, True),
        ("--02-30", XSD.gMonthDay, False),
        ("P1DT2H", XSD.duration, True),
        ("P", XSD.duration, False),
        ("P1DT", XSD.duration, False),
        ("128", XSD.byte, False),
        ("-0", XSD.nonNegativeInteger, True),
        ("0", XSD.positiveInteger, False),
        ("1.5E3", XSD.double, True),
        ("inf", XSD.double, False),
        ("0A", XSD.hexBinary, True),
        ("0", XSD.hexBinary, False),
        ("a b", XSD.token, True),
        ("a  b", XSD.token, False),
    ],
)
def test_xsd_lexical_forms(text: str, datatype: URIRef, ok: bool) -> None:
    assert lexical_ok(text, datatype) is ok
