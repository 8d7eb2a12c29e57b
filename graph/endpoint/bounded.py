"""Queries with a time limit: run in a pool of worker processes, killed at the deadline, because
pyoxigraph cannot cancel a running query and a Python thread cannot be stopped."""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import queue
import sys
import threading
import types
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from graph import settings
from graph.errors import QueryError, QueryTimeout, RegKGError, StoreError
from graph.sparql import isolation
from graph.sparql.internal import internal_query
from graph.stores.contract import Store
from graph.stores.embedded import GraphStore, current_path
from graph.stores.factory import open_store
from graph.stores.results import Result, run

_CTX = mp.get_context("spawn")
#: The trivial query a worker answers once it has loaded the store.
_PING = internal_query("graph.endpoint", "ping")


@dataclass(frozen=True)
class _Request:
    text: str
    bindings: dict[Any, Any] | None
    max_rows: int
    check: bool
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None


def _memory_store(data_dir: Path) -> Store:
    from graph.pipeline.build import compile_graph, to_quads

    built, _report = compile_graph(data_dir, settings.ontology_dir())
    return GraphStore.memory(to_quads(built.dataset))


def _open_store(home: Path | None) -> Store:
    """The store the settings select; a small embedded store is copied into the worker's memory
    (faster queries), a large one is read on disk (too slow to copy into each worker: figures in
    ``benchmarks/README.md``): the bound is ``settings.WORKER_MEMORY_QUADS``."""
    store = open_store(home)
    quads = store.meta.get("triples")
    if (
        isinstance(store, GraphStore)
        and isinstance(quads, int)
        and quads <= settings.WORKER_MEMORY_QUADS
    ):
        return GraphStore.open_local(home, in_memory=True)
    return store


def _worker(conn: Connection, home: Path | None, quads_from: Path | None) -> None:
    store: Store | None = None
    generation: Path | None = None
    # Off the network before anything else (a new user namespace needs a single thread): a
    # SERVICE the check missed cannot reach anything. A remote store needs the network.
    refused: RegKGError | None = None
    if quads_from is not None or not isolation.remote_store():
        try:
            isolation.isolate_or_warn("a query worker")
        except RegKGError as exc:
            refused = exc
    while True:
        try:
            req = conn.recv()
        except EOFError:
            return
        if req is None:
            return
        try:
            if refused is not None:
                raise refused
            if quads_from is not None:
                store = store or _memory_store(quads_from)
            else:
                live = current_path(home or settings.home())
                if store is None or live != generation:
                    store, generation = _open_store(home), live
            result = run(
                store,
                req.text,
                req.bindings,
                max_rows=req.max_rows,
                check=req.check,
                default_graphs=req.default_graphs,
                named_graphs=req.named_graphs,
            )
            conn.send(("ok", result))
        except RegKGError as exc:
            conn.send(("error", (type(exc).__name__, str(exc))))


_MAIN_LOCK = threading.Lock()


@contextlib.contextmanager
def _no_main_script() -> Iterator[None]:
    """A spawned child re-runs the parent's ``__main__`` script before its target; under
    Streamlit ``__main__`` is the page script being run, which must not run in a query worker
    (it failed there with ``No module named 'pages'``). The worker's target lives in this
    module, so the child is started with a bare ``__main__``."""
    with _MAIN_LOCK:
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            yield
        finally:
            if main is not None:
                sys.modules["__main__"] = main


class _Worker:
    def __init__(self, home: Path | None, quads_from: Path | None) -> None:
        self.conn, child = _CTX.Pipe()
        self.proc = _CTX.Process(target=_worker, args=(child, home, quads_from), daemon=True)
        with _no_main_script():
            self.proc.start()
        child.close()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(timeout=5)
        self.conn.close()


class QueryPool:
    """A fixed-size pool of query workers for one store home (thread-safe).

    pyoxigraph cannot cancel a running query and a Python thread cannot be stopped, so each query
    runs in a worker process that opens the store the settings select (an embedded store up to
    ``REGKG_WORKER_MEMORY_QUADS`` quads is copied into the worker's memory for faster queries, a
    larger one is read on disk, as copying it into each worker would be slow: figures in
    ``benchmarks/README.md``; reopened when a new generation is built). A query over the time limit
    is answered with :class:`QueryTimeout` and its worker is killed and replaced, so other callers
    stay served; a query that waits longer than the time limit for a free worker gets
    :class:`QueryTimeout` too, so no request waits unbounded. Workers are *spawned*, never forked:
    forking a multithreaded server (Streamlit, the SPARQL endpoint) with a RocksDB store open is
    unsafe.

    >>> from graph.pipeline.sample import WORLD_DIR
    >>> pool = QueryPool(quads_from=WORLD_DIR, size=1)
    >>> pool.run("ASK { ?s a <https://w3id.org/regkg/ontology#Fine> }", timeout=30).boolean
    True
    >>> pool.close()
    """

    def __init__(self, home: Path | None = None, *, size: int = 2, quads_from: Path | None = None):
        self.home = home
        self.quads_from = quads_from
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(size):
            self._idle.put(_Worker(home, quads_from))

    def run(
        self,
        text: str,
        bindings: dict[Any, Any] | None = None,
        *,
        timeout: float | None = None,
        max_rows: int | None = None,
        check: bool = True,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> Result:
        """Run a query in a worker; raise :class:`QueryTimeout` after ``timeout`` seconds."""
        limit = settings.QUERY_TIMEOUT if timeout is None else timeout
        rows = settings.MAX_ROWS if max_rows is None else max_rows
        try:
            # Waiting for a free worker is bounded too: a queued query never waits forever.
            worker = self._idle.get(timeout=limit)
        except queue.Empty:
            msg = (
                f"every query worker stayed busy for the {limit:g} s time limit: "
                "try again in a moment"
            )
            raise QueryTimeout(msg) from None
        healthy = False
        try:
            worker.conn.send(_Request(text, bindings, rows, check, default_graphs, named_graphs))
            if not worker.conn.poll(limit):
                msg = f"the query ran longer than the {limit:g} s time limit and was stopped"
                raise QueryTimeout(msg)
            try:
                status, payload = worker.conn.recv()
            except EOFError:
                msg = "the query worker stopped unexpectedly (out of memory?); try a narrower query"
                raise QueryError(msg) from None
            healthy = True
        finally:
            if healthy and not self._closed:
                self._idle.put(worker)
            else:
                self._replace(worker)
        if status == "error":
            name, message = payload
            raise _ERRORS.get(name, QueryError)(message)
        assert isinstance(payload, Result)
        return payload

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker``; a new one joins the pool once it has loaded the store (in the
        background), so the next query's time limit is not spent loading."""
        worker.kill()
        if not self._closed:
            threading.Thread(target=self._add_warm_worker, daemon=True).start()

    def _add_warm_worker(self) -> None:
        worker = _Worker(self.home, self.quads_from)
        worker = self._load(worker)
        if self._closed:
            worker.kill()
        else:
            self._idle.put(worker)

    def _load(self, worker: _Worker) -> _Worker:
        """Wait, however long loading takes, for ``worker`` to answer a trivial query (a worker
        put back with an answer unread would hand it to the next query: every later answer one
        behind). A worker that died while loading is replaced by a cold one."""
        try:
            worker.conn.send(_Request(_PING, None, 1, False))
            worker.conn.recv()
        except (EOFError, OSError):
            worker.kill()
            return _Worker(self.home, self.quads_from)
        return worker

    def warm(self) -> None:
        """Make every worker load the store now, so the first real query is not slow."""
        workers = [self._idle.get() for _ in range(self._idle.qsize())]
        for w in workers:
            w.conn.send(_Request(_PING, None, 1, False))
        for w in workers:
            try:
                w.conn.recv()
            except EOFError:
                w.kill()
                w = _Worker(self.home, self.quads_from)
            self._idle.put(w)

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                return
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
            worker.kill()


def _error_classes() -> dict[str, type[QueryError | StoreError]]:
    from graph import errors

    found = {}
    for name, cls in vars(errors).items():
        if isinstance(cls, type) and issubclass(cls, QueryError | StoreError):
            found[name] = cls
    return found


#: Error classes by name: a worker's error is raised again as the same class in the caller.
_ERRORS = _error_classes()
