"""The one decision writer (graph/curated/decision_triples.py), shared by the curated build and the
importers: its triples against hand-written Turtle, and no other module writing them."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph.cleaning.money import Conversion
from graph.curated import records as R
from graph.curated.decision_triples import (
    AMOUNT_PROPERTIES,
    IDENTIFIERS,
    PROVISION_PROPERTIES,
    AmountSpec,
    DecisionTriples,
    Participant,
    ProvisionLink,
    add_decision_triples,
)
from graph.vocabulary.namespaces import REG
from graph.vocabulary.terms import PROCEDURE_PROPERTIES, ROLES, STATUSES

ID = "https://w3id.org/regkg/id/"
PREFIXES = f"""
@prefix reg: <https://w3id.org/regkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <{ID}> .
"""


def _mark(g: Graph):  # type: ignore[no-untyped-def]
    """A provenance stand-in that marks each node it is given, so the test sees which got one."""

    def provenance(node: URIRef) -> None:
        g.add((node, REG.trustTier, REG.Imported))

    return provenance


def test_a_full_decision_against_hand_written_turtle() -> None:
    g = Graph()
    conv = Conversion(Decimal("100"), None, None, "already in EUR")
    d = DecisionTriples(
        key="d1",
        kind="fine",
        label="DPA v Co (2021)",
        authority=URIRef(ID + "regulator/dpa"),
        jurisdiction=URIRef(ID + "jurisdiction/ie"),
        status="appealed",
        date="2021-09-02",
        announced="2021-09-03",
        summary="A fine.",
        outcome="Fined.",
        children=True,
        identifiers=[
            ("case_number", "IN-1"),
            ("case_number", "IN-2"),
            ("ecli", "ECLI:X:1"),
            ("celex", "62019CJ0001"),
            ("neutral_citation", "[2021] UKSC 50"),
            ("ecli", None),
        ],
        participants=[
            Participant(URIRef(ID + "company/co"), "subject", "co as subject in d1"),
            Participant(URIRef(ID + "company/x"), "named-party", "x as named party in d1"),
        ],
        descriptions=["a platform", "a platform"],
        provisions=[
            ProvisionLink(
                "infringed", URIRef(ID + "provision/gdpr-art-8"), URIRef(ID + "instrument/gdpr")
            ),
            ProvisionLink("considered", None, URIRef(ID + "instrument/eprivacy")),
            ProvisionLink(
                "considered", URIRef(ID + "provision/gdpr-art-6"), URIRef(ID + "instrument/gdpr")
            ),
        ],
        unresolved=["Art 99 XYZ", "Art 99 XYZ"],
        amounts=[
            AmountSpec(
                "amount", Decimal("250"), "EUR", Conversion(Decimal("250"), None, None, "EUR")
            ),
            AmountSpec("reduced_amount", Decimal("100"), "EUR", conv),
        ],
        procedure=[("appeal-from", URIRef(ID + "decision/d0"))],
        row=7,
        notes=["n1"],
    )
    add_decision_triples(g, d, _mark(g))
    expected = Graph().parse(
        data=PREFIXES
        + """
        id:decision\\/d1 a reg:Decision, reg:Fine, reg:Record ;
            rdfs:label "DPA v Co (2021)" ;
            reg:decidedBy id:regulator\\/dpa ;
            reg:jurisdiction id:jurisdiction\\/ie ;
            reg:decisionDate "2021-09-02"^^xsd:date ;
            reg:announcedDate "2021-09-03"^^xsd:date ;
            reg:status reg:Appealed ;
            reg:summary "A fine." ;
            reg:outcome "Fined." ;
            reg:childrensData true ;
            reg:caseNumber "IN-1", "IN-2" ;
            reg:ecli "ECLI:X:1" ; reg:celex "62019CJ0001" ; reg:neutralCitation "[2021] UKSC 50" ;
            reg:considersProvision id:provision\\/gdpr-art-6 ;
            reg:imposedAmount id:amount\\/d1-amount ;
            reg:subject id:company\\/co ;
            reg:subjectDescription "a platform" ;
            reg:infringes id:provision\\/gdpr-art-8 ;
            reg:concernsInstrument id:instrument\\/gdpr, id:instrument\\/eprivacy ;
            reg:unresolvedReference "Art 99 XYZ" ;
            reg:reducedAmount id:amount\\/d1-reduced-amount ;
            reg:appealFrom id:decision\\/d0 ;
            reg:procedurallyFollows id:decision\\/d0 ;
            reg:rowNumber 7 ;
            reg:note "n1" ;
            reg:trustTier reg:Imported .
        id:participation\\/d1--co--subject a reg:Participation ;
            rdfs:label "co as subject in d1" ;
            reg:inDecision id:decision\\/d1 ; reg:participant id:company\\/co ;
            reg:role reg:SubjectRole ; reg:trustTier reg:Imported .
        id:participation\\/d1--x--named-party a reg:Participation ;
            rdfs:label "x as named party in d1" ;
            reg:inDecision id:decision\\/d1 ; reg:participant id:company\\/x ;
            reg:role reg:NamedParty ; reg:trustTier reg:Imported .
        id:amount\\/d1-amount a reg:MonetaryAmount ;
            rdfs:label "250 EUR (amount)" ;
            reg:amountValue "250"^^xsd:decimal ; reg:currency "EUR" ;
            reg:eurValue "250"^^xsd:decimal ; reg:conversionNote "EUR" ;
            reg:trustTier reg:Imported .
        id:amount\\/d1-reduced-amount a reg:MonetaryAmount ;
            rdfs:label "100 EUR (reduced amount)" ;
            reg:amountValue "100"^^xsd:decimal ; reg:currency "EUR" ;
            reg:eurValue "100"^^xsd:decimal ; reg:conversionNote "already in EUR" ;
            reg:trustTier reg:Imported .
        """,
        format="turtle",
    )
    assert isomorphic(g, expected), sorted(set(g) ^ set(expected))


def _written(**parts: object) -> tuple[Graph, DecisionTriples]:
    """A decision with only the required parts and ``parts``, written to a new graph."""
    g = Graph()
    required = {
        "key": "d2",
        "kind": "order",
        "label": "An order",
        "authority": URIRef(ID + "regulator/dpa"),
        "jurisdiction": URIRef(ID + "jurisdiction/ie"),
        "status": "decided",
    }
    d = DecisionTriples(**{**required, **parts})  # type: ignore[arg-type]
    add_decision_triples(g, d, _mark(g))
    return g, d


def test_a_minimal_decision_writes_only_what_is_given() -> None:
    g, d = _written(date_unknown="no date given", amount_unknown="no amount given by the source")
    preds = {str(p).rsplit("#", 1)[-1] for p in g.predicates()}
    assert preds == {
        "type",
        "label",
        "decidedBy",
        "jurisdiction",
        "dateUnknownReason",
        "status",
        "amountUnknownReason",
        "trustTier",
    }
    assert (d.node, REG.dateUnknownReason, Literal("no date given")) in g
    assert (d.node, REG.childrensData, None) not in g  # unstated is not "false"


def test_a_date_wins_over_a_reason_for_its_absence() -> None:
    g, d = _written(date="2020-01-01", date_unknown="stale reason", children=False)
    assert (d.node, REG.dateUnknownReason, None) not in g
    assert (d.node, REG.childrensData, Literal(False)) in g


def test_the_writer_tables_cover_the_record_schema() -> None:
    """Every role, status, procedure relation and identifier a curated record may carry has a
    term; the importers' role for unnamed roles is one of them."""
    assert set(R.ROLES) | {"named-party"} == set(ROLES)
    assert set(R.STATUSES) == set(STATUSES)
    assert set(R.PROCEDURE_RELATIONS) == set(PROCEDURE_PROPERTIES)
    assert set(IDENTIFIERS) == set(R.Identifiers.__dataclass_fields__)
    assert set(PROVISION_PROPERTIES) == {"infringed", "considered"}
    assert set(AMOUNT_PROPERTIES) == {"amount", "reduced_amount"}


def test_only_the_writer_writes_a_decision() -> None:
    """The predicates only a decision (or its participation) carries are named in one module of
    the package: any other module naming one would be a second writer."""
    only_here = {
        "decidedBy", "decisionDate", "dateUnknownReason", "announcedDate", "status", "summary",
        "outcome", "childrensData", "ecli", "celex", "neutralCitation", "caseNumber", "subject",
        "subjectDescription", "inDecision", "participant", "role", "imposedAmount",
        "reducedAmount", "amountUnknownReason", "unresolvedReference",
    }  # fmt: skip
    root = Path(__file__).resolve().parents[2] / "graph"
    writers: dict[str, set[str]] = {}
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "REG"
                and node.attr in only_here
            ):
                writers.setdefault(str(path.relative_to(root)), set()).add(node.attr)
    assert writers == {"curated/decision_triples.py": only_here}
