"""Endpoints serving one synthetic world: ours (``regkg serve``) and peers, each a process on
127.0.0.1 started with a time limit and stopped by its PID.

A peer is one entry of :data:`PEERS`: a function from the :class:`World` (the N-Quads file and a
store home built from it) and a load time limit to a running :class:`Endpoint`. Another endpoint
serving the same data is one more entry (Virtuoso is one: Debian's ``virtuoso-opensource``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.stores.embedded import META_FILE
from tests.virtuoso_kit import available, bulk_load, start_virtuoso, stop

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class World:
    """One synthetic world: its N-Quads and a regkg store home holding the same quads."""

    size: int
    nquads: Path
    home: Path
    quads: int


def build_home(nquads: Path, home: Path) -> int:
    """A store home (REGKG_HOME) whose current generation holds exactly the N-Quads file.

    The generation is bulk-loaded straight from the file (``regkg build`` compiles YAML, not
    N-Quads) and swapped in as ``regkg build`` does: ``stores/<name>`` and a ``current`` link.
    """
    gen = home / "stores" / "bench"
    gen.parent.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(gen))
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    store.flush()
    quads = len(store)
    del store
    (gen / META_FILE).write_text(f'{{"triples": {quads}}}\n', encoding="utf-8")
    (home / "current").symlink_to(Path("stores") / "bench")
    return quads


@dataclass
class Endpoint:
    """A running endpoint process."""

    name: str
    url: str
    proc: subprocess.Popen[Any]
    startup_s: float
    note: str = ""

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class StartupFailed(RuntimeError):
    """The endpoint did not listen within its time limit (or exited)."""


def start(name: str, cmd: list[str], env: dict[str, str], limit: float) -> Endpoint:
    """Start ``cmd`` and wait up to ``limit`` s for a URL on its first stderr lines; the rest of
    its stderr (access logs) is drained so it never blocks."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, cwd=REPO, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    assert proc.stderr is not None
    found: list[str] = []
    seen: list[str] = []

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            if not found:
                seen.append(line.strip())
                m = re.search(r"(http://127\.0\.0\.1:\d+/sparql)", line)
                if m:
                    found.append(m.group(1))

    threading.Thread(target=read, daemon=True).start()
    while not found:
        if proc.poll() is not None or time.perf_counter() - t0 > limit:
            why = "exited" if proc.poll() is not None else f"timeout (>{limit:g} s)"
            proc.kill()
            proc.wait()
            msg = f"{name}: {why}; {' | '.join(seen[-3:])[:300]}"
            raise StartupFailed(msg)
        time.sleep(0.05)
    return Endpoint(name, found[0], proc, time.perf_counter() - t0)


def ours(world: World, limit: float) -> Endpoint:
    """``regkg serve`` over the world's store home (default time limit and worker count)."""
    env = {**os.environ, "REGKG_HOME": str(world.home)}
    cmd = [sys.executable, "-m", "graph", "serve", "--port", "0", "--max-rows", "1000000"]
    return start("regkg", cmd, env, limit)


def rdflib_endpoint(world: World, limit: float) -> Endpoint:
    """rdflib-endpoint (FastAPI + uvicorn) over ``rdflib.Dataset(default_union=True)``."""
    cmd = [sys.executable, "-m", "benchmarks.rdflib_endpoint_app", str(world.nquads)]
    return start("rdflib-endpoint", cmd, dict(os.environ), limit)


MAX_ROWS = 10_000_000


@dataclass
class VirtuosoEndpoint(Endpoint):
    """An :class:`Endpoint` whose close stops the server's process group and removes its folder."""

    folder: Path | None = None

    def close(self) -> None:
        stop(self.proc)
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def virtuoso(world: World, limit: float) -> Endpoint:
    """Debian's Virtuoso on 127.0.0.1 with its own database in a temporary folder, bulk-loaded
    with the world's N-Quads (start-up time includes the load). Its row limit is raised above
    any stored query's answer; its own query time limit is the packaged one (60 s)."""
    if not available():
        msg = "virtuoso: not installed (apt-get install -y virtuoso-opensource)"
        raise StartupFailed(msg)
    t0 = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix=f"virtuoso-{world.size}-"))
    try:
        server, proc = start_virtuoso(folder, max_rows=MAX_ROWS, start_timeout=limit)
    except RuntimeError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        msg = f"virtuoso: {exc}"
        raise StartupFailed(msg) from None
    try:
        bulk_load(server, world.nquads)
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        stop(proc)
        shutil.rmtree(folder, ignore_errors=True)
        msg = f"virtuoso: bulk load failed: {exc}"
        raise StartupFailed(msg) from None
    return VirtuosoEndpoint("virtuoso", server.sparql, proc, time.perf_counter() - t0, "", folder)


#: The baseline first, then the peers compared with it (ratio = ours / peer).
PEERS: dict[str, Callable[[World, float], Endpoint]] = {
    "regkg": ours,
    "rdflib-endpoint": rdflib_endpoint,
    "virtuoso": virtuoso,
}
