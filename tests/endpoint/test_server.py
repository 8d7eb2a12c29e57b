"""The SPARQL endpoint, over real HTTP on 127.0.0.1, with real clients: SPARQLWrapper, rdflib's
SPARQLStore, httpx and urllib, for every method, format and error."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

FINES = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/regkg/ontology#Fine> }"
HEAVY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CASES = "https://w3id.org/regkg/graph/curated-cases"


@pytest.fixture(scope="module")
def endpoint(world_home: Path) -> Iterator[str]:
    env = {**os.environ, "REGKG_HOME": str(world_home)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "graph",
            "serve",
            "--port",
            "0",
            "--timeout",
            "2",
            "--max-rows",
            "25",
        ],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    line = proc.stderr.readline()
    match = re.search(r"(http://127\.0\.0\.1:\d+/sparql)", line)
    assert match, line
    try:
        yield match.group(1)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_get_post_form_and_post_query(endpoint: str) -> None:
    accept = {"Accept": "application/sparql-results+json"}
    r1 = httpx.get(endpoint, params={"query": FINES}, headers=accept)
    r2 = httpx.post(endpoint, data={"query": FINES}, headers=accept)
    r3 = httpx.post(
        endpoint, content=FINES, headers={**accept, "Content-Type": "application/sparql-query"}
    )
    for r in (r1, r2, r3):
        assert r.status_code == 200
        assert r.json()["results"]["bindings"][0]["n"]["value"] == "3"
        assert r.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    ("accept", "media", "check"),
    [
        (
            "application/sparql-results+json",
            "application/sparql-results+json",
            lambda b: json.loads(b)["head"]["vars"] == ["n"],
        ),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            lambda b: '<binding name="n">' in b,
        ),
        ("text/csv", "text/csv", lambda b: b.splitlines() == ["n", "3"]),
        (
            "text/tab-separated-values",
            "text/tab-separated-values",
            lambda b: b.splitlines()[0] == "?n",
        ),
        ("*/*", "application/sparql-results+json", lambda b: "bindings" in b),
    ],
)
def test_select_formats(endpoint: str, accept: str, media: str, check: object) -> None:
    r = httpx.get(endpoint, params={"query": FINES}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    assert check(r.text)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_formats(endpoint: str, accept: str, fmt: str) -> None:
    q = "CONSTRUCT { ?s a <https://w3id.org/regkg/ontology#Fine> } WHERE { ?s a <https://w3id.org/regkg/ontology#Fine> }"
    r = httpx.get(endpoint, params={"query": q}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    assert len(Graph().parse(data=r.text, format=fmt)) == 3


def test_not_acceptable(endpoint: str) -> None:
    r = httpx.get(endpoint, params={"query": FINES}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and "cannot produce" in r.text


@pytest.mark.parametrize(
    ("kwargs", "status", "message"),
    [
        (
            {"data": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
            403,
            "updates are refused",
        ),
        ({"data": {"update": "CLEAR ALL"}}, 403, "read-only"),
        (
            {"content": "DROP ALL", "headers": {"Content-Type": "application/sparql-update"}},
            403,
            "read-only",
        ),
        (
            {"data": {"query": "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"}},
            403,
            "SERVICE is refused",
        ),
        (
            {"data": {"query": "SELECT * FROM <http://example.org/remote> { ?s ?p ?o }"}},
            403,
            "is refused",
        ),
        ({"data": {"query": "SELECT ?x WHERE { ?x ?y"}}, 400, "error at 1:"),
        ({"data": {"query": HEAVY}}, 503, "time limit"),
    ],
)
def test_errors(endpoint: str, kwargs: dict[str, object], status: int, message: str) -> None:
    r = httpx.post(endpoint, **kwargs, timeout=30)  # type: ignore[arg-type]
    assert r.status_code == status
    assert message in r.text


def test_server_stays_responsive_after_a_timeout(endpoint: str) -> None:
    assert httpx.post(endpoint, data={"query": HEAVY}, timeout=30).status_code == 503
    r = httpx.get(endpoint, params={"query": FINES}, headers={"Accept": "text/csv"})
    assert r.text.splitlines()[1] == "3"


def test_row_cap_is_announced(endpoint: str) -> None:
    r = httpx.get(
        endpoint, params={"query": "SELECT ?s { ?s ?p ?o }"}, headers={"Accept": "text/csv"}
    )
    assert r.status_code == 200
    assert len(r.text.splitlines()) == 26
    assert "cut at 25 rows" in r.headers["X-RegKG-Truncated"]
    small = httpx.get(endpoint, params={"query": FINES}, headers={"Accept": "text/csv"})
    assert "X-RegKG-Truncated" not in small.headers


def test_dataset_parameters(endpoint: str) -> None:
    q = "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s a <https://w3id.org/regkg/ontology#Company> }"
    everything = httpx.get(
        endpoint, params={"query": q}, headers={"Accept": "text/csv"}
    ).text.splitlines()[1]
    cases_only = httpx.get(
        endpoint, params={"query": q, "default-graph-uri": CASES}, headers={"Accept": "text/csv"}
    )
    assert int(everything) == 5 and cases_only.text.splitlines()[1] == "0"
    named = "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }"
    r = httpx.get(
        endpoint, params={"query": named, "named-graph-uri": CASES}, headers={"Accept": "text/csv"}
    )
    assert r.text.splitlines()[1:] == [CASES]
    refused = httpx.get(
        endpoint, params={"query": q, "default-graph-uri": "http://example.org/other"}
    )
    assert refused.status_code == 403


def test_graph_reaches_each_source(endpoint: str) -> None:
    q = f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{CASES}> {{ ?s a <https://w3id.org/regkg/ontology#Fine> }} }}"
    assert (
        httpx.get(endpoint, params={"query": q}, headers={"Accept": "text/csv"}).text.splitlines()[
            1
        ]
        == "3"
    )


def test_service_description_and_page(endpoint: str) -> None:
    r = httpx.get(endpoint, headers={"Accept": "text/turtle"})
    g = Graph().parse(data=r.text, format="turtle")
    assert (URIRef(endpoint), None, None) in g
    assert CASES in r.text and "void:triples" in r.text
    page = httpx.get(endpoint.removesuffix("sparql"))
    assert page.status_code == 200 and "Stored queries" in page.text
    head = page.text.split("<body>")[0]
    assert "default-src 'none'" in head
    assert not re.search(r"<script|<link|src=|@import|url\(", page.text), "every asset is inline"


def test_cors_preflight(endpoint: str) -> None:
    r = httpx.options(
        endpoint, headers={"Origin": "http://example.org", "Access-Control-Request-Method": "POST"}
    )
    assert r.status_code == 204
    assert "POST" in r.headers["Access-Control-Allow-Methods"]


@pytest.mark.parametrize("fmt", [JSON, XML, CSV])
def test_sparqlwrapper(endpoint: str, fmt: str) -> None:
    sw = SPARQLWrapper(endpoint)
    sw.setQuery(FINES)
    sw.setReturnFormat(fmt)
    result = sw.query().convert()
    if fmt == JSON:
        assert result["results"]["bindings"][0]["n"]["value"] == "3"  # type: ignore[index]
    elif fmt == CSV:
        assert list(csv.reader(io.StringIO(result.decode()))) == [["n"], ["3"]]  # type: ignore[union-attr]
    else:
        assert result.getElementsByTagName("literal")[0].firstChild.data == "3"  # type: ignore[union-attr]


def test_sparqlwrapper_construct(endpoint: str) -> None:
    sw = SPARQLWrapper(endpoint)
    sw.setQuery("CONSTRUCT WHERE { ?s a <https://w3id.org/regkg/ontology#Judgment> }")
    sw.setReturnFormat(TURTLE)
    g = Graph().parse(data=sw.query().convert(), format="turtle")  # type: ignore[arg-type]
    assert len(g) == 4


def test_rdflib_sparqlstore(endpoint: str) -> None:
    store = SPARQLStore(endpoint, returnFormat="json")
    rows = list(store.query(FINES))
    assert int(rows[0][0]) == 3  # type: ignore[index]
    ask = store.query("ASK { ?s a <https://w3id.org/regkg/ontology#Holding> }")
    assert ask.askAnswer is True


def test_urllib_plain(endpoint: str) -> None:
    req = urllib.request.Request(
        f"{endpoint}?query={urllib.parse.quote(FINES)}", headers={"Accept": "text/csv"}
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        assert resp.read().decode().splitlines() == ["n", "3"]
