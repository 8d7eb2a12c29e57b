"""The one amount writer (graph/curated/amounts.py), shared by the curated build and the importers."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from graph.cleaning.money import Conversion
from graph.curated.amounts import add_amount

NODE = URIRef("https://w3id.org/regkg/id/amount/x")


def test_an_amount_in_plain_decimal_notation_with_its_conversion() -> None:
    g = Graph()
    conv = Conversion(Decimal("1180.40"), Decimal("0.8476"), "2020-01-02", "ECB reference rate")
    add_amount(
        g,
        NODE,
        value=Decimal("1000.50"),
        currency="GBP",
        conversion=conv,
        what="reduced amount",
        note="on appeal",
    )
    expected = Graph().parse(
        data="""
        @prefix reg: <https://w3id.org/regkg/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <https://w3id.org/regkg/id/amount/x> a reg:MonetaryAmount ;
            rdfs:label "1000.5 GBP (reduced amount)" ;
            reg:amountValue "1000.5"^^xsd:decimal ;
            reg:currency "GBP" ;
            reg:eurValue "1180.4"^^xsd:decimal ;
            reg:eurRate "0.8476"^^xsd:decimal ;
            reg:eurRateDate "2020-01-02"^^xsd:date ;
            reg:conversionNote "ECB reference rate" ;
            reg:note "on appeal" .
        """,
        format="turtle",
    )
    assert isomorphic(g, expected)
    lexical = {str(o) for o in g.objects()}
    assert "1180.4" in lexical and "1180.40" not in lexical  # one notation, not str(Decimal)


def test_no_rate_no_eur_value() -> None:
    g = Graph()
    conv = Conversion(None, None, None, "no ECB reference rate is published for KRW")
    add_amount(g, NODE, value=Decimal("1000000"), currency="KRW", conversion=conv, what="amount")
    preds = {str(p).rsplit("#", 1)[-1] for p in g.predicates()}
    assert "eurValue" not in preds and "eurRate" not in preds and "eurRateDate" not in preds
    assert "note" not in preds and {"amountValue", "currency", "conversionNote"} <= preds
