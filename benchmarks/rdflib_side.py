"""The rdflib side of the comparison, in its own process so every measurement can be time-boxed.

The worker loads the same N-Quads into ``rdflib.Dataset(default_union=True)`` (so the default
graph is the union of the named graphs, as in our store) and then answers commands: run a query
with ``initBindings``, serialise N-Triples. :class:`RdflibSide` drives it from the benchmark: a
command that outlives its time limit kills the worker (Python cannot stop a running query
otherwise), and the next command starts a fresh one, reloading the data untimed.
"""

from __future__ import annotations

import multiprocessing as mp
import statistics
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

#: A binding as plain data: ("iri", value) or ("literal", value, datatype IRI or "").
Binding = tuple[str, ...]


def _term(b: Binding) -> Any:
    from rdflib import Literal, URIRef

    if b[0] == "iri":
        return URIRef(b[1])
    return Literal(b[1], datatype=URIRef(b[2]) if len(b) > 2 and b[2] else None)


def _timed(fn: Any, repeat_under: float, repeats: int) -> tuple[float, Any]:
    """Median of up to ``repeats`` runs (one run if the first is slower than ``repeat_under``)."""
    times = []
    result = None
    for i in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
        if i == 0 and times[0] > repeat_under:
            break
    return statistics.median(times), result


def serve(conn: Connection, path: str, repeat_under: float, repeats: int) -> None:
    """Worker loop (runs in a spawned process): load, then answer commands until ``exit``."""
    from rdflib import Dataset, Variable

    t0 = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(path, format="nquads")
    conn.send({"seconds": time.perf_counter() - t0, "triples": len(ds)})
    while True:
        cmd = conn.recv()
        try:
            if cmd["op"] == "exit":
                return
            if cmd["op"] == "query":
                bindings = {Variable(k): _term(v) for k, v in cmd["bindings"].items()}

                def query(text: str = cmd["text"], b: dict[Any, Any] = bindings) -> int:
                    return len(list(ds.query(text, initBindings=b)))

                seconds, rows = _timed(query, repeat_under, repeats)
                conn.send({"seconds": seconds, "rows": rows})
            elif cmd["op"] == "export":
                out = Path(cmd["out"])
                t0 = time.perf_counter()
                ds.serialize(destination=str(out), format="nt", encoding="utf-8")
                seconds = time.perf_counter() - t0
                with out.open("rb") as fh:
                    lines = sum(1 for _ in fh)
                out.unlink()
                conn.send({"seconds": seconds, "rows": lines})
            else:
                conn.send({"error": f"unknown command {cmd['op']!r}"})
        except Exception as exc:  # report, keep serving
            conn.send({"error": f"{type(exc).__name__}: {exc}"})


class RdflibSide:
    """A time-boxed rdflib worker for one data file.

    Each method returns ``(status, payload)``: status ``"ok"`` with the worker's answer,
    ``"timeout"`` or ``"error"`` with a message.
    """

    def __init__(self, path: Path, *, repeat_under: float = 2.0, repeats: int = 3) -> None:
        self.path = path
        self.repeat_under = repeat_under
        self.repeats = repeats
        self.ctx = mp.get_context("spawn")
        self.proc: Any = None
        self.conn: Connection | None = None

    def _spawn(self) -> None:
        parent, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(
            target=serve,
            args=(child, str(self.path), self.repeat_under, self.repeats),
            daemon=True,
        )
        self.proc.start()
        child.close()
        self.conn = parent

    def _wait(self, timeout: float) -> tuple[str, dict[str, Any]]:
        assert self.conn is not None
        try:
            ready = self.conn.poll(timeout)
            if not ready:
                self.kill()
                return "timeout", {}
            answer: dict[str, Any] = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            return "error", {"error": "the rdflib worker died (out of memory?)"}
        if "error" in answer:
            return "error", answer
        return "ok", answer

    def load(self, timeout: float) -> tuple[str, dict[str, Any]]:
        """Start a worker and time its load (the first answer)."""
        self.close()
        self._spawn()
        return self._wait(timeout)

    def ensure_loaded(self, timeout: float) -> bool:
        """A live, loaded worker (restarting after a timeout); false if the reload fails."""
        if self.proc is not None and self.proc.is_alive():
            return True
        status, _ = self.load(timeout)
        return status == "ok"

    def query(
        self, text: str, bindings: dict[str, Binding], timeout: float
    ) -> tuple[str, dict[str, Any]]:
        assert self.conn is not None
        self.conn.send({"op": "query", "text": text, "bindings": bindings})
        return self._wait(timeout)

    def export(self, out: Path, timeout: float) -> tuple[str, dict[str, Any]]:
        assert self.conn is not None
        self.conn.send({"op": "export", "out": str(out)})
        return self._wait(timeout)

    def kill(self) -> None:
        """Stop the worker now (it may be in the middle of a query)."""
        if self.proc is not None and self.proc.is_alive():
            self.proc.kill()
        self.close()

    def close(self) -> None:
        if self.proc is not None:
            if self.proc.is_alive():
                try:
                    if self.conn is not None:
                        self.conn.send({"op": "exit"})
                    self.proc.join(1)
                except (OSError, BrokenPipeError):
                    pass
            if self.proc.is_alive():
                self.proc.kill()
            self.proc.join()
        if self.conn is not None:
            self.conn.close()
        self.proc = None
        self.conn = None
