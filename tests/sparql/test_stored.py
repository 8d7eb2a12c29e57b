"""Stored queries (headers, bound parameters) and the ad-hoc safety check's basic cases (the
adversarial table is in ``tests/sparql/test_safety.py``)."""

from __future__ import annotations

import pytest

from graph.errors import QueryError, UnknownQuery, UnsafeQuery
from graph.sparql.safety import check_query
from graph.sparql.stored import get_query, parse_stored, stored_queries
from graph.stores.contract import Store
from graph.stores.results import run, run_stored

GRAPHS = {"https://w3id.org/regkg/graph/curated-cases"}


def check_safe(text: str, graphs: set[str]) -> None:
    check_query(text, lambda: graphs)


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "PREFIX x: <urn:x#>\nDELETE WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR ALL",
        "DROP GRAPH <urn:g>",
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_refused(text: str) -> None:
    with pytest.raises(UnsafeQuery, match="updates are refused"):
        check_safe(text, GRAPHS)


def test_service_is_refused() -> None:
    with pytest.raises(UnsafeQuery, match="SERVICE is refused"):
        check_safe("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", GRAPHS)


def test_remote_from_is_refused_but_own_graphs_allowed() -> None:
    with pytest.raises(UnsafeQuery, match=r"graph <http://example.org/g> is refused \(FROM"):
        check_safe("SELECT * FROM <http://example.org/g> { ?s ?p ?o }", GRAPHS)
    check_safe("SELECT * FROM <https://w3id.org/regkg/graph/curated-cases> { ?s ?p ?o }", GRAPHS)


@pytest.mark.parametrize(
    "text",
    [
        'SELECT * { ?s ?p "INSERT DATA and SERVICE" }',
        "SELECT * { ?s ?p ?o } # DELETE everything, SERVICE",
        "SELECT ?insert { ?s <http://example.org/SERVICE#x> ?insert }",
    ],
)
def test_keywords_inside_strings_comments_and_iris_are_not_refused(text: str) -> None:
    check_safe(text, GRAPHS)


def test_syntax_error_is_a_query_error(world: Store) -> None:
    with pytest.raises(QueryError, match="SPARQL syntax error"):
        run(world, "SELECT ?s WHERE { ?s ?p }")


def test_every_stored_query_runs_on_the_world(world: Store) -> None:
    assert sorted(stored_queries()) == [
        "children-provisions",
        "citation-path",
        "cited-by",
        "fines-per-parent",
        "fines-per-regulator",
        "group-actions",
        "holdings-for-question",
        "most-cited",
        "precedent-impact",
        "procedure-chain",
        "record-sources",
    ]
    answered = set()
    for name, q in stored_queries().items():
        result = run_stored(world, q, {})
        assert result.form == "select", name
        if result.rows:
            answered.add(name)
    # the queries without a parameter answer on the world; the others default to records of the
    # real data (Lloyd v Google, ByteDance ...), which the world does not hold
    assert answered == {
        "children-provisions",
        "fines-per-parent",
        "fines-per-regulator",
        "most-cited",
    }


def test_parameter_value_is_bound_not_pasted(world: Store) -> None:
    q = get_query("record-sources")
    hostile = 'https://example.org/x> } ; DROP ALL ; SELECT * { ?s ?p "'
    with pytest.raises(QueryError, match="needs an id or an http"):
        run_stored(world, q, {"record": hostile})
    q = get_query("holdings-for-question")
    # an id with injection characters is refused before it reaches SPARQL
    with pytest.raises(QueryError):
        run_stored(world, q, {"question": "q1 } UNION { ?s ?p ?o"})


def test_bound_parameter_selects_rows(world: Store) -> None:
    q = get_query("holdings-for-question")
    q1 = run_stored(world, q, {"question": "q1"}).records()
    q2 = run_stored(world, q, {"question": "q2"}).records()
    assert [r["decision"] for r in q1] == [
        "https://w3id.org/regkg/id/decision/supreme-2021",
        "https://w3id.org/regkg/id/decision/cx-service-2022",
    ]
    assert {r["direction"] for r in q2} == {"no", "partly"}


def test_unknown_query_and_parameter(world: Store) -> None:
    with pytest.raises(UnknownQuery, match="known: "):
        get_query("nope")
    with pytest.raises(QueryError, match="has no parameter 'colour'"):
        run_stored(world, get_query("group-actions"), {"colour": "red"})


def test_header_is_required() -> None:
    with pytest.raises(QueryError, match="title"):
        parse_stored("bad", "SELECT * { ?s ?p ?o }")
    with pytest.raises(QueryError, match="name \\| type \\| default \\| description"):
        parse_stored("bad", "# title: t\n# description: d\n# param: x | iri\nSELECT ?x {}")


def test_row_cap_says_it_cut(world: Store) -> None:
    result = run(world, "SELECT ?s { ?s a ?c }", max_rows=5)
    assert len(result.rows) == 5
    assert result.truncated
    assert not run(world, "SELECT ?s { ?s a <urn:none> }", max_rows=5).truncated
