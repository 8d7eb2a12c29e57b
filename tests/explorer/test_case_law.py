"""The line of case law (graph.explorer.case_law, graph.drawing.case_law_chart) and the curated question matches
(graph.explorer.question_matches) on the fixture world.

The oracle is the networkx side of the registry: a question's rulings are the decisions with a
Holding edge to the question in the entity graph, and its arrows are the citation network's
edges (graph.network.citations) between those rulings; neither goes through the SPARQL of
graph.explorer.precedent. A question made from a coding concept is added as the cjeu importer writes one
(an import-like graph), to check that a curated match gathers it."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from graph.curated.corpus import load_file
from graph.curated.records import Question as QuestionRecord
from graph.drawing.case_law_chart import case_law_chart
from graph.errors import SourceDataError
from graph.explorer.case_law import Arrow, CaseLawLine, Ruling, line_of_case_law
from graph.explorer.precedent import QuestionRow
from graph.explorer.question_matches import QuestionMatch, load, matches_of, same_questions
from graph.explorer.refs import Ref
from graph.network.citations import citation_of
from graph.network.views import entity_graph
from graph.pipeline.sample import world_store
from graph.settings import data_dir
from graph.stores.contract import Store
from graph.stores.embedded import GraphStore

ID = "https://w3id.org/regkg/id/"
Q1, Q2 = ID + "question/q1", ID + "question/q2"
CONCEPT = ID + "question/cjeu-coding-fixture-concept"
MATCH = QuestionMatch("q2", "FIXTURE_CONCEPT", "Synthetic reason.", "fixture, record 1")
HOSTILE = "<img src=x onerror=alert(1)>"
#: An imported record of the ADO fine that the linkage stage made a duplicate of the curated one;
#: its coded holding stands on the line as the curated (preferred) record's.
DUPLICATE = ID + "decision/fixturecoding-ado"

CONCEPT_GRAPH = f"""
@prefix reg: <https://w3id.org/regkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{CONCEPT}> a reg:LegalQuestion ; rdfs:label "Fixture concept (Art. 1)" ;
    reg:codingConcept "FIXTURE_CONCEPT" ; reg:hasSource <{ID}source/fixture-concept> ;
    reg:asOf "2026-01-01"^^xsd:date ; reg:trustTier reg:MachineCoded .
<{ID}holding/fixture-concept-tax> a reg:Holding ; rdfs:label "tax ruling, holding 1" ;
    reg:holdingOf <{ID}decision/tax-ruling-2023> ; reg:answers <{CONCEPT}> ;
    reg:direction reg:Yes ; reg:answer "Synthetic coded holding." ;
    reg:holdingDate "2023-02-01"^^xsd:date ; reg:hasSource <{ID}source/fixture-concept> ;
    reg:asOf "2026-01-01"^^xsd:date ; reg:trustTier reg:MachineCoded .
<{ID}source/fixture-concept> a reg:SourceReference ;
    reg:datasetName "fixture coding" ; reg:recordIdentifier "concept FIXTURE_CONCEPT" .
<{DUPLICATE}> a reg:Record, reg:Decision, reg:Fine ; rdfs:label "ADO-2021-7 (coded copy)" ;
    reg:decidedBy <{ID}regulator/aa-dpa> ; reg:jurisdiction <{ID}jurisdiction/aa> ;
    reg:decisionDate "2021-05-10"^^xsd:date ; reg:status reg:Decided ;
    reg:duplicateOf <{ID}decision/ado-fine-2021> ; reg:hasSource <{ID}source/fixture-concept> ;
    reg:asOf "2026-01-01"^^xsd:date ; reg:trustTier reg:Imported .
<{ID}holding/fixture-concept-ado> a reg:Holding ; rdfs:label "ADO copy, holding 1" ;
    reg:holdingOf <{DUPLICATE}> ; reg:answers <{CONCEPT}> ;
    reg:direction reg:No ; reg:answer "Synthetic coded holding on a duplicate record." ;
    reg:holdingDate "2021-05-10"^^xsd:date ; reg:hasSource <{ID}source/fixture-concept> ;
    reg:asOf "2026-01-01"^^xsd:date ; reg:trustTier reg:MachineCoded .
"""


@pytest.fixture(scope="module")
def with_concept() -> Store:
    """The fixture world plus one question made from a coding concept, answered by the 2023
    tax ruling, in a graph of its own."""
    graph = ox.NamedNode("https://w3id.org/regkg/graph/fixturecoding")
    extra = [
        ox.Quad(t.subject, t.predicate, t.object, graph)
        for t in ox.parse(CONCEPT_GRAPH, format=ox.RdfFormat.TURTLE)
    ]
    return GraphStore.memory([*world_store().quads(), *extra])


def _oracle(store: Store, questions: set[str]) -> tuple[set[str], set[tuple[str, str, str]]]:
    """The rulings answering ``questions`` and the treatment links between them, from the
    networkx entity graph and citation network."""
    full = entity_graph(store)
    preferred = {
        q.subject.value: q.object.value
        for q in store.quads()
        if q.predicate.value.endswith("#duplicateOf")
    }

    def canon(n: str) -> str:
        return preferred.get(n, n)

    rulings = {
        canon(a) for a, b, d in full.edges(data=True) if d["kind"] == "Holding" and b in questions
    }
    cites = citation_of(full)
    arrows = {
        (canon(a), canon(b), str(d["label"]))
        for a, b, d in cites.edges(data=True)
        if canon(a) in rulings and canon(b) in rulings and a != b
    }
    return rulings, arrows


def _arrows(line: CaseLawLine) -> set[tuple[str, str, str]]:
    return {(a.citing.iri, a.cited.iri, a.type) for a in line.arrows}


@pytest.mark.parametrize("question", [Q1, Q2])
def test_rulings_and_arrows_equal_the_citation_network(question: str) -> None:
    store = world_store()
    line = line_of_case_law(store, question)
    assert line is not None
    rulings, arrows = _oracle(store, {question})
    assert {r.decision.iri for r in line.rulings} == rulings
    assert len(line.rulings) == len(rulings)  # one point per ruling
    assert _arrows(line) == arrows and arrows  # every question of the world has an arrow
    dates = [r.date for r in line.rulings]
    assert dates == sorted(dates)


def test_a_curated_match_gathers_the_concept_question(with_concept: Store) -> None:
    same = same_questions(Q2, (MATCH,))
    assert same == (CONCEPT,)
    line = line_of_case_law(with_concept, Q2, same)
    assert line is not None
    assert [q.iri for q in line.gathered] == [CONCEPT]
    rulings, arrows = _oracle(with_concept, {Q2, CONCEPT})
    assert {r.decision.iri for r in line.rulings} == rulings
    assert ID + "decision/tax-ruling-2023" in rulings
    assert DUPLICATE not in {r.decision.iri for r in line.rulings}  # stands as ado-fine-2021
    fine = next(r for r in line.rulings if r.decision.iri == ID + "decision/ado-fine-2021")
    assert fine.directions == ("no",)
    assert _arrows(line) == arrows
    assert (ID + "decision/tax-ruling-2023", ID + "decision/ado-appeal-2022", "applies") in arrows
    # without the match the concept stays apart, and it has a line of its own
    alone = line_of_case_law(with_concept, Q2)
    assert alone is not None and not alone.gathered
    assert ID + "decision/tax-ruling-2023" not in {r.decision.iri for r in alone.rulings}
    concept = line_of_case_law(with_concept, CONCEPT)
    assert concept is not None and concept.question.concept == "FIXTURE_CONCEPT"
    assert concept.question.title == "Fixture concept (Art. 1)" and concept.question.tag == (
        "CJEU concept"
    )


def test_a_match_naming_a_question_the_store_lacks_gathers_nothing() -> None:
    line = line_of_case_law(world_store(), Q2, same_questions(Q2, (MATCH,)))
    assert line is not None and line.gathered == ()
    assert line_of_case_law(world_store(), ID + "question/q99") is None


def test_curated_questions_have_short_titles_and_concepts_their_label(
    with_concept: Store,
) -> None:
    line = line_of_case_law(with_concept, Q1)
    assert line is not None and line.question.title == "Loss of control as damage"
    assert line.question.tag == "Q1"


def test_chart_draws_each_ruling_and_arrow_with_labels_escaped() -> None:
    q = QuestionRow(Q1, 1, HOSTILE, None, 2, (), (), short=HOSTILE)
    early = Ruling(
        Ref(ID + "decision/a", HOSTILE), "2020-01-01", Ref("x", HOSTILE), "AA", ("no",), ()
    )
    late = Ruling(Ref(ID + "decision/b", "B & co"), "2022-01-01", Ref("y", "C"), "", ("yes",), ())
    arrow = Arrow("t", late.decision, early.decision, "cites", ("machine-coded",), ())
    chart = case_law_chart(CaseLawLine(q, (), (early, late), (arrow,)))
    assert "<img" not in chart.svg and "<img" not in chart.page()
    assert "<title>&lt;img src=x onerror=alert(1)&gt;</title>" in chart.svg  # row label
    assert "Later ruling: B &amp; co" in chart.svg  # arrow tooltip
    assert "B &amp; co" in chart.svg
    assert chart.svg.count('marker-end="url(#regkg-arrow)"') == 1
    assert 'stroke-dasharray="5 3"' in chart.svg  # machine-coded: dashed
    assert "<script" not in chart.page() and "default-src 'none'" in chart.page()


def test_the_curated_matches_name_curated_questions() -> None:
    matches = load()
    assert matches, "data/question-matches.yaml holds the curated matches"
    records = load_file(data_dir() / "precedents.yaml")
    ids = {r.id for r in records if isinstance(r, QuestionRecord)}
    for m in matches:
        assert m.question in ids, m
        assert m.reason and m.source
        assert matches_of(m.curated_iri, matches)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("matches:\n  - {question: q01, concept: X, reason: r}\n", "source"),
        ("matches:\n  - {question: q01, concept: X, reason: r, source: {url: u}, x: 1}\n", "x"),
        ("matches:\n  - {question: '', concept: X, reason: r, source: {url: u}}\n", "question"),
        ("matches: {}\n", "matches"),
    ],
)
def test_a_malformed_match_names_its_field(tmp_path: Path, text: str, field: str) -> None:
    path = tmp_path / "question-matches.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceDataError) as err:
        load(path)
    assert err.value.field == field and err.value.file == "question-matches.yaml"


def test_the_oracle_reads_a_real_graph() -> None:
    """Guard for the oracle itself: the entity graph has Holding edges to the questions."""
    full = entity_graph(world_store())
    assert isinstance(full, nx.MultiDiGraph)
    assert {b for _a, b, d in full.edges(data=True) if d["kind"] == "Holding"} == {Q1, Q2}
