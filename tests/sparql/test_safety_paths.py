"""Every update form, SERVICE and foreign FROM, through every path a user can type SPARQL into:
``regkg query`` (a real process), ``regkg serve`` over real HTTP, the app's SPARQL page and a
remote store (``REGKG_STORE`` = that endpoint). A real HTTP listener on 127.0.0.1 (the target of
every SERVICE, LOAD and FROM) asserts that no request ever reaches it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from streamlit.testing.v1 import AppTest

from graph.errors import QueryError, UnsafeQuery
from graph.stores.contract import Store
from graph.stores.remote import RemoteStore
from graph.stores.results import run
from tests.conftest import REPO
from tests.safety_cases import FOREIGN_FROM, SERVICES, UPDATES, fill
from tests.trap_kit import Trap, trap

GRAPH = "https://w3id.org/regkg/graph/curated-cases"
#: (query template, what the refusal says): the one table every path is checked against.
CASES = (
    [(q, "updates are refused") for q, _op in UPDATES]
    + [(q, "LATERAL" in q and "SPARQL syntax error" or "SERVICE is refused") for q in SERVICES]
    + [(q, "is refused (FROM/FROM NAMED)") for q in FOREIGN_FROM]
)
IDS = [re.sub(r"\W+", "-", q)[:60] for q, _ in CASES]


@pytest.fixture(scope="module")
def listener() -> Iterator[Trap]:
    with trap() as found:
        yield found
    assert found.hits == []


@pytest.fixture(autouse=True)
def nothing_reached(listener: Trap) -> Iterator[None]:
    yield
    assert listener.hits == [], "a request reached the listener"


@pytest.fixture(scope="module")
def endpoint(world_home: Path) -> Iterator[str]:
    env = {**os.environ, "REGKG_HOME": str(world_home), "REGKG_STORE": "disk"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph", "serve", "--port", "0", "--workers", "1"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    match = re.search(r"(http://127\.0\.0\.1:\d+/sparql)", proc.stderr.readline())
    assert match
    try:
        yield match.group(1)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_the_world_holds_the_graph_the_tables_use(world: Store) -> None:
    assert GRAPH in world.named_graphs()


@pytest.mark.parametrize(("text", "refusal"), CASES, ids=IDS)
def test_cli_refuses(text: str, refusal: str, listener: Trap, world_home: Path) -> None:
    env = {**os.environ, "REGKG_HOME": str(world_home), "REGKG_STORE": "disk"}
    query = fill(text, listener.url, GRAPH)
    done = subprocess.run(
        [sys.executable, "-m", "graph", "query", "--text", query],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert refusal in done.stderr
    assert done.stderr.count("\n") == 1  # one line, no traceback


@pytest.mark.parametrize(("text", "refusal"), CASES, ids=IDS)
def test_endpoint_refuses(text: str, refusal: str, listener: Trap, endpoint: str) -> None:
    query = fill(text, listener.url, GRAPH)
    answer = httpx.post(endpoint, data={"query": query}, timeout=60)
    assert answer.status_code == (400 if "syntax" in refusal else 403)
    assert refusal in answer.text
    if "updates" in refusal:
        as_update = httpx.post(endpoint, data={"update": query}, timeout=60)
        assert as_update.status_code == 403


@pytest.mark.parametrize(("text", "refusal"), CASES, ids=IDS)
def test_remote_store_refuses_before_sending(text: str, refusal: str, listener: Trap) -> None:
    # The endpoint URL is the listener itself: had anything been sent, it would have a hit.
    remote = RemoteStore(listener.url, timeout=10)
    remote.named_graphs = lambda: [GRAPH]  # type: ignore[method-assign]
    with pytest.raises(QueryError) as err:
        run(remote, fill(text, listener.url, GRAPH))
    assert refusal in str(err.value)
    assert isinstance(err.value, UnsafeQuery) or "syntax" in refusal


@pytest.mark.parametrize(("text", "refusal"), CASES, ids=IDS)
def test_app_sparql_page_refuses(text: str, refusal: str, listener: Trap, world_env: Path) -> None:
    at = AppTest.from_file(str(REPO / "pages" / "sparql.py"), default_timeout=90).run()
    at.text_area(key="sparql_text").input(fill(text, listener.url, GRAPH))
    at.button(key="sparql_run").click().run()
    assert not at.exception
    assert not at.dataframe
    assert len(at.error) == 1
    shown = " ".join(str(at.error[0].value).split()).replace("\\", "")
    if "syntax" in refusal:
        assert shown.startswith("Syntax error at line")
    else:
        assert shown.startswith("Refused: ")
        assert refusal.split(" (")[0] in shown


def test_from_through_the_endpoint_and_a_remote_store(endpoint: str, world: Store) -> None:
    """FROM builds the dataset on the endpoint and through a remote store, as on the embedded."""
    text = f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH}> {{ ?s ?p ?o }}"
    own = f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
    expected = run(world, own).rows[0][0]
    assert expected is not None
    union = run(world, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }").rows[0][0]
    assert union is not None and int(union.value) > int(expected.value)
    accept = {"Accept": "application/sparql-results+json"}
    answer = httpx.post(endpoint, data={"query": text}, headers=accept, timeout=60).json()
    assert answer["results"]["bindings"][0]["n"]["value"] == expected.value
    protocol = httpx.post(
        endpoint,
        data={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "default-graph-uri": GRAPH},
        headers=accept,
        timeout=60,
    ).json()
    assert protocol["results"]["bindings"][0]["n"]["value"] == expected.value
    remote = RemoteStore(endpoint, timeout=60)
    got = run(remote, text).rows[0][0]
    assert got is not None and got.value == expected.value
