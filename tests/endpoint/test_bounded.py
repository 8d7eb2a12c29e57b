"""Time-limited queries in worker processes: the deadline stops a query, the pool keeps serving."""

from __future__ import annotations

import sys
import threading
import time
import types
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph import settings
from graph.endpoint.bounded import QueryPool, _open_store
from graph.errors import QueryError, QueryTimeout, StoreError, UnsafeQuery
from graph.stores.embedded import writer

HEAVY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
FINES = "SELECT (COUNT(*) AS ?n) { ?s a <https://w3id.org/regkg/ontology#Fine> }"


@pytest.fixture(scope="module")
def pool(world_home: Path) -> Iterator[QueryPool]:
    p = QueryPool(world_home, size=2)
    yield p
    p.close()


def count(pool: QueryPool, text: str = FINES) -> int:
    result = pool.run(text, timeout=30)
    return int(result.rows[0][0].value)  # type: ignore[union-attr]


def test_runs_queries(pool: QueryPool) -> None:
    assert count(pool) == 3


def test_deadline_stops_the_query_and_pool_recovers(pool: QueryPool) -> None:
    with pytest.raises(QueryTimeout, match="longer than the 1 s time limit"):
        pool.run(HEAVY, timeout=1)
    assert count(pool) == 3
    assert count(pool) == 3  # both workers serve


def test_waiting_for_a_busy_pool_is_bounded(world_home: Path) -> None:
    """With the only worker busy, a second query gets QueryTimeout after the limit, not a hang."""
    one = QueryPool(world_home, size=1)
    try:
        assert count(one) == 3
        busy = threading.Thread(
            target=lambda: pytest.raises(QueryTimeout, one.run, HEAVY, timeout=4)
        )
        busy.start()
        time.sleep(0.5)  # let the heavy query take the worker
        with pytest.raises(QueryTimeout, match="every query worker stayed busy"):
            one.run(FINES, timeout=1)
        busy.join()
        assert count(one) == 3  # the pool recovers
    finally:
        one.close()


def test_errors_keep_their_class(pool: QueryPool) -> None:
    with pytest.raises(UnsafeQuery, match="updates are refused"):
        pool.run("DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError, match=r"SPARQL syntax error: error at 1:\d+"):
        pool.run("SELECT ?x WHERE { ?x ?y }")


def test_bound_values_and_row_cap(pool: QueryPool) -> None:
    q = "SELECT ?s ?t { ?s a ?t }"
    bindings = {ox.Variable("t"): ox.NamedNode("https://w3id.org/regkg/ontology#Fine")}
    result = pool.run(q, bindings, max_rows=2)
    assert len(result.rows) == 2 and result.truncated


def test_worker_follows_new_generations(tmp_path: Path) -> None:
    graph = "https://w3id.org/regkg/graph/g"

    def write(value: str) -> None:
        with writer(tmp_path) as w:
            w.replace_graph(
                graph,
                [
                    ox.Quad(
                        ox.NamedNode("urn:s"),
                        ox.NamedNode("urn:p"),
                        ox.Literal(value),
                        ox.NamedNode(graph),
                    )
                ],
            )

    write("one")
    p = QueryPool(tmp_path, size=1)
    try:
        assert p.run("SELECT ?v { ?s <urn:p> ?v }").rows[0][0].value == "one"  # type: ignore[union-attr]
        write("two")
        assert p.run("SELECT ?v { ?s <urn:p> ?v }").rows[0][0].value == "two"  # type: ignore[union-attr]
    finally:
        p.close()


def test_missing_store_is_explained(tmp_path: Path) -> None:
    p = QueryPool(tmp_path / "nothing", size=1)
    try:
        with pytest.raises(StoreError, match="run `regkg build` first"):
            p.run(FINES)
    finally:
        p.close()


def test_workers_never_run_the_callers_main_script(world_home: Path, tmp_path: Path) -> None:
    """Under Streamlit ``__main__`` is the page script: a worker must not run it again."""
    marker = tmp_path / "ran"
    script = tmp_path / "page.py"
    script.write_text(f"open({str(marker)!r}, 'w').close()\nraise SystemExit('page ran')\n")
    page = types.ModuleType("__main__")
    page.__file__ = str(script)
    saved = sys.modules["__main__"]
    sys.modules["__main__"] = page
    try:
        one = QueryPool(world_home, size=1)
    finally:
        sys.modules["__main__"] = saved
    try:
        assert count(one) == 3
    finally:
        one.close()
    assert not marker.exists()


@pytest.mark.parametrize(("bound", "in_memory"), [(10**9, True), (0, False)])
def test_workers_copy_small_stores_into_memory_and_read_large_ones_on_disk(
    world_home: Path, monkeypatch: pytest.MonkeyPatch, bound: int, in_memory: bool
) -> None:
    monkeypatch.setattr(settings, "WORKER_MEMORY_QUADS", bound)
    monkeypatch.setenv("REGKG_STORE", "disk")
    store = _open_store(world_home)
    quad = ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("o"))
    if in_memory:
        store.store.add(quad)  # a private copy: writable
        assert quad in store.store
    else:
        with pytest.raises((OSError, RuntimeError)):
            store.store.add(quad)  # the generation itself, opened read-only
