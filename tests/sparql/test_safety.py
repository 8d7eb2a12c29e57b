"""The one safety check (:func:`graph.sparql.safety.check_query`) on the adversarial tables, the dataset
FROM builds on the embedded store, and the second wall: a query worker cannot reach the network
even when a SERVICE query is run unchecked."""

from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import pytest
from pyparsing import ParseResults
from rdflib.plugins.sparql.parserutils import CompValue

from graph.endpoint.bounded import QueryPool
from graph.errors import QueryError, UnsafeQuery
from graph.sparql.safety import NOT_READ, Checked, _nodes, _parse, check_query
from graph.stores.contract import Store
from graph.stores.results import run
from tests.fixtures.world_store import WORLD_DIR
from tests.safety_cases import FOREIGN_FROM, HARMLESS, SERVICES, UPDATES, fill
from tests.trap_kit import trap

URL = "http://127.0.0.1:9/sparql"  # never contacted: the check decides on the text alone
GRAPH = "https://w3id.org/regkg/graph/curated-cases"


def held() -> list[str]:
    return [GRAPH]


@pytest.mark.parametrize(("text", "operation"), UPDATES)
def test_every_update_form_is_refused_naming_it(text: str, operation: str) -> None:
    with pytest.raises(UnsafeQuery, match="updates are refused") as err:
        check_query(fill(text, URL, GRAPH), held)
    assert f"({operation}" in str(err.value)


@pytest.mark.parametrize("text", SERVICES)
def test_service_is_refused_wherever_it_stands(text: str) -> None:
    with pytest.raises(QueryError) as err:
        check_query(fill(text, URL, GRAPH), held)
    if "LATERAL" in text:
        assert "rdflib's SPARQL 1.1 parser" in str(err.value)
    else:
        assert isinstance(err.value, UnsafeQuery)
        assert str(err.value).startswith("SERVICE is refused")


@pytest.mark.parametrize("text", FOREIGN_FROM)
def test_foreign_graphs_are_refused_whatever_the_iri_form(text: str) -> None:
    with pytest.raises(UnsafeQuery, match=r"graph <[^>]+> is refused \(FROM/FROM NAMED\)") as err:
        check_query(fill(text, URL, GRAPH), held)
    assert GRAPH not in str(err.value)


@pytest.mark.parametrize("text", HARMLESS)
def test_keywords_in_names_strings_iris_and_comments_are_harmless(text: str) -> None:
    assert check_query(fill(text, URL, GRAPH), held).form == "SELECT"


def test_the_protocol_dataset_is_checked_and_takes_precedence() -> None:
    own = f"SELECT * FROM <{GRAPH}> {{ ?s ?p ?o }}"
    with pytest.raises(UnsafeQuery, match="default-graph-uri"):
        check_query(own, held, default_graphs=["file:///etc/passwd"])
    with pytest.raises(UnsafeQuery, match="named-graph-uri"):
        check_query("ASK {}", held, named_graphs=["http://127.0.0.1/x"])
    checked = check_query("SELECT * FROM <urn:elsewhere> { ?s ?p ?o }", held, named_graphs=[GRAPH])
    assert (checked.default_graphs, checked.named_graphs) == ([], [GRAPH])


def test_held_graphs_are_asked_only_when_a_graph_is_named() -> None:
    def never() -> list[str]:
        raise AssertionError("asked for the graphs")

    assert check_query("SELECT * { GRAPH ?g { ?s ?p ?o } }", never).default_graphs is None


# --------------------------------------------------------------------------- the dataset
def _count(store: Store, text: str, **kw: list[str]) -> int:
    (row,) = run(store, text, **kw).rows
    assert row[0] is not None
    return int(row[0].value)


def test_from_builds_the_default_graph(world: Store) -> None:
    graphs = world.named_graphs()
    assert len(graphs) >= 2
    total = _count(world, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    for g in graphs[:3]:
        own = _count(world, f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
        assert 0 < own < total
        assert _count(world, f"SELECT (COUNT(*) AS ?n) FROM <{g}> {{ ?s ?p ?o }}") == own
        prefix, _, local = g.rpartition("/")
        via_prefix = f"PREFIX g: <{prefix}/> SELECT (COUNT(*) AS ?n) FROM g:{local} {{ ?s ?p ?o }}"
        assert _count(world, via_prefix) == own
        via_base = f"BASE <{prefix}/> SELECT (COUNT(*) AS ?n) FROM <{local}> {{ ?s ?p ?o }}"
        assert _count(world, via_base) == own
        # FROM NAMED alone: the default graph is empty, GRAPH reaches only the named one
        named = f"SELECT (COUNT(*) AS ?n) FROM NAMED <{g}> {{ GRAPH ?x {{ ?s ?p ?o }} }}"
        assert _count(world, named) == own
        assert _count(world, f"SELECT (COUNT(*) AS ?n) FROM NAMED <{g}> {{ ?s ?p ?o }}") == 0
    two = graphs[:2]
    both = sum(
        _count(world, f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{g}> {{ ?s ?p ?o }} }}") for g in two
    )
    text = f"SELECT (COUNT(*) AS ?n) FROM <{two[0]}> FROM <{two[1]}> {{ ?s ?p ?o }}"
    assert _count(world, text) == both
    # the protocol's parameters take precedence over FROM
    over = _count(world, text, default_graphs=[two[0]])
    assert over == _count(world, f"SELECT (COUNT(*) AS ?n) FROM <{two[0]}> {{ ?s ?p ?o }}")


# --------------------------------------------------------------------------- no network
def _can_isolate() -> str | None:
    code = "from graph.sparql import isolation; print(isolation.isolate() or '')"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    return out or None


def test_a_worker_cannot_reach_the_network_even_unchecked() -> None:
    why = _can_isolate()
    if why is not None:
        pytest.skip(f"this machine cannot make network namespaces: {why}")
    with trap() as listener:
        query = f"SELECT * {{ SERVICE <{listener.url}> {{ ?x ?p ?o }} }}"
        # The listener works and pyoxigraph does call it when nothing stops it:
        assert list(ox.Store().query(query)) == []
        assert len(listener.hits) == 1
        pool = QueryPool(quads_from=WORLD_DIR, size=1)
        try:
            with pytest.raises(QueryError, match="(?i)unreachable"):
                pool.run(query, check=False, timeout=60)
            assert pool.run("ASK { ?s ?p ?o }", timeout=60).boolean  # still serving
        finally:
            pool.close()
        assert len(listener.hits) == 1


# --------------------------------------------------------------------------- the check's parts
def test_an_empty_text_is_an_empty_update_and_refused() -> None:
    """SPARQL 1.1 Update's grammar allows an update of no operation (a prologue, a comment or
    nothing): it is refused as an update, never run."""
    for text in ("", "   ", "# only a comment", "PREFIX x: <urn:x#>"):
        with pytest.raises(UnsafeQuery) as err:
            check_query(text, held)
        assert str(err.value) == (
            "updates are refused: regkg queries are read-only (an update is an update operation)"
        )


def test_the_refusal_names_the_first_operation() -> None:
    with pytest.raises(UnsafeQuery) as err:
        check_query("DROP ALL ; COPY DEFAULT TO <urn:g> ; CLEAR ALL", held)
    assert str(err.value) == (
        "updates are refused: regkg queries are read-only (DROP is an update operation)"
    )


def test_a_syntax_error_gives_the_parsers_line_and_column() -> None:
    with pytest.raises(QueryError) as err:
        check_query("SELECT * {\n ?s ?p }", held)
    assert not isinstance(err.value, UnsafeQuery)
    assert str(err.value).startswith("SPARQL syntax error: error at 2:")
    assert str(err.value).endswith(f"({NOT_READ})")


def test_a_query_too_deep_to_parse_is_a_syntax_error() -> None:
    with pytest.raises(QueryError) as err:
        check_query("SELECT * {" + "{" * 3000 + "}" * 3000 + "}", held)
    assert not isinstance(err.value, UnsafeQuery)
    assert str(err.value) == f"SPARQL syntax error: maximum recursion depth exceeded ({NOT_READ})"


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_parser_that_dies_gives_no_answer_and_nothing_runs() -> None:
    def broken(text: str) -> object:
        raise ZeroDivisionError(text)

    with pytest.raises(QueryError) as err:
        _parse(broken, "SELECT * {}")
    assert str(err.value) == (
        f"SPARQL syntax error: the parser stopped without an answer ({NOT_READ})"
    )
    assert _parse(lambda text: text.upper(), "ask {}") == "ASK {}"
    with pytest.raises(ValueError, match="bad"):
        _parse(lambda text: int(text), "bad")


def test_from_with_the_empty_prefix_and_an_undeclared_one() -> None:
    empty = "PREFIX : <https://w3id.org/regkg/graph/> SELECT * FROM :curated-cases { }"
    assert check_query(empty, held) == Checked("SELECT", [GRAPH], [])
    named = "PREFIX g: <https://w3id.org/regkg/graph/> ASK FROM NAMED g:curated-cases { }"
    assert check_query(named, held) == Checked("ASK", [], [GRAPH])
    with pytest.raises(QueryError) as err:
        check_query("SELECT * FROM nope:g { }", held)
    assert str(err.value) == (
        "SPARQL syntax error: the prefix 'nope' of a FROM clause is not declared"
    )
    with pytest.raises(QueryError, match="the prefix '' of a FROM clause is not declared"):
        check_query("SELECT * FROM :g { }", held)


def test_the_protocols_refusal_names_its_origin() -> None:
    with pytest.raises(UnsafeQuery) as err:
        check_query("ASK {}", held, default_graphs=["file:///etc/passwd"])
    assert str(err.value) == (
        "graph <file:///etc/passwd> is refused (the protocol's default-graph-uri/named-graph-uri): "
        "only this store's named graphs can be used"
    )
    assert check_query("ASK {}", held, default_graphs=[GRAPH]) == Checked("ASK", [GRAPH], [])
    assert check_query("CONSTRUCT WHERE { ?s ?p ?o }", held).form == "CONSTRUCT"
    assert check_query("DESCRIBE <urn:x>", held) == Checked("DESCRIBE")


def test_nodes_walks_every_container_in_document_order() -> None:
    a, b, c, d = (CompValue(n) for n in "ABCD")
    b["inner"] = c
    tree = [a, {"x": b, "y": (d,)}, ParseResults(["text"])]
    assert [n.name for n in _nodes(tree)] == ["A", "B", "C", "D"]
