"""Result formats: each parses back with a standard SPARQL results parser to the same rows."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.stores.contract import Store
from graph.stores.results import format_result, run, to_table

QUERY = """
PREFIX reg: <https://w3id.org/regkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?company ?name ?parent WHERE {
  ?company a reg:Company ; rdfs:label ?name .
  OPTIONAL { ?company reg:ultimateParent ?parent }
} ORDER BY ?company
"""


@pytest.mark.parametrize(
    ("fmt", "parser_format"),
    [("json", ox.QueryResultsFormat.JSON), ("tsv", ox.QueryResultsFormat.TSV)],
)
def test_formats_round_trip(world: Store, fmt: str, parser_format: ox.QueryResultsFormat) -> None:
    result = run(world, QUERY)
    text = format_result(result, fmt)
    parsed = ox.parse_query_results(text, format=parser_format)
    assert isinstance(parsed, ox.QuerySolutions)
    rows = [tuple(sol[v] for v in parsed.variables) for sol in parsed]
    assert rows == list(result.rows)
    assert any(r[2] is None for r in rows), "unbound values survive"


def test_csv_has_header_and_escapes(world: Store) -> None:
    text = format_result(run(world, QUERY), "csv")
    lines = text.split("\r\n")
    assert lines[0] == "company,name,parent"
    assert len([ln for ln in lines[1:] if ln]) == 5
    assert "<img src=x onerror=alert(1)>" in text


def test_ask_and_construct(world: Store) -> None:
    ask = run(world, "ASK { ?s a <https://w3id.org/regkg/ontology#Fine> }")
    assert format_result(ask, "json") == '{"head": {}, "boolean": true}'
    assert to_table(ask) == "yes"
    graph = run(world, "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 3")
    nt = format_result(graph, "csv")
    assert len(list(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))) == 3


def test_table_compacts_iris(world: Store) -> None:
    table = to_table(run(world, QUERY))
    assert "regid:company/acme-eu" in table
    assert table.endswith("(5 rows)")
