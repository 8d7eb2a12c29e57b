"""Run an export's jobs side by side in forked worker processes (or in the calling thread where
forking is unsafe)."""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import select
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graph.errors import ExportError
from graph.files import sha256_file

#: A job writes its files and returns them (and facts for the manifest, if any).
Job = Callable[[], tuple[list[Path], dict[str, Any]]]
#: What a job gives back: ``{"files": {path: (sha256, bytes)}, "facts": {...}}``.
Result = dict[str, Any]


def _finish(job: Job) -> Result:
    files, facts = job()
    return {"files": {str(p): (sha256_file(p), p.stat().st_size) for p in files}, "facts": facts}


def default_workers() -> int:
    """Two workers on a machine with two or more CPUs, unless this process runs other threads
    (then 1: no fork, see :func:`run`)."""
    if threading.active_count() > 1:
        return 1
    return max(1, min(2, os.cpu_count() or 1))


def run(jobs: list[tuple[str, Job]], workers: int | None = None) -> dict[str, Result]:
    """Every job's result, by job name.

    Each job writes files and returns them with any small facts it found (JSON-able); its worker
    then hashes those files (sha256, while they are still in the page cache) and sends the result
    back through a pipe. Workers are forked (never spawned) so they share the parent's canonical
    form without copying it up front; at most ``workers`` run at once, jobs start in the order given
    (longest first is best). An exception in a job is raised in the parent, after the other workers
    are stopped. With one worker (or one CPU) jobs run in this process.

    Workers are forked only from a process with a single thread (the CLI, a benchmark): forking a
    multi-threaded process (the Streamlit app, ``regkg serve``) copies locks other threads may hold
    at that instant, in Python or in the store's native code, and a worker could wait on one
    forever. There the jobs run one after another in the calling thread.
    """
    workers = default_workers() if workers is None else workers
    if workers <= 1:
        return {name: _finish(job) for name, job in jobs}
    pending = list(jobs)
    running: dict[int, tuple[str, int]] = {}  # read fd → (job, pid)
    results: dict[str, Result] = {}
    gc.freeze()  # workers neither scan nor copy the parent's objects when they collect
    try:
        while pending or running:
            while pending and len(running) < workers:
                name, job = pending.pop(0)
                fd, pid = _fork(job)
                running[fd] = (name, pid)
            ready, _w, _x = select.select(list(running), [], [])
            for fd in ready:
                name, pid = running.pop(fd)
                results[name] = _collect(name, pid, fd)
    finally:
        gc.unfreeze()
        for fd, (_name, pid) in running.items():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(fd)
    return results


def _fork(job: Job) -> tuple[int, int]:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: run, report, exit without running the parent's cleanup
        os.close(read)
        gc.disable()  # a short-lived process that builds millions of containers, no cycles
        code = 0
        try:
            payload: tuple[str, Any] = ("ok", _finish(job))
        except BaseException as exc:  # any failure goes to the parent
            payload, code = ("error", exc), 1
        try:
            data = pickle.dumps(payload)
        except (pickle.PicklingError, TypeError, AttributeError):  # an exception that won't pickle
            data, code = pickle.dumps(("error", ExportError(repr(payload[1])))), 1
        with os.fdopen(write, "wb") as fh:
            fh.write(data)
        os._exit(code)
    os.close(write)
    return read, pid


def _collect(name: str, pid: int, fd: int) -> Result:
    with os.fdopen(fd, "rb") as fh:
        data = fh.read()  # to end of file: the worker closed its end
    os.waitpid(pid, 0)
    if not data:
        msg = f"export job {name!r}: its worker process died"
        raise ExportError(msg)
    kind, payload = pickle.loads(data)
    if kind == "error":
        raise payload
    result: Result = payload
    return result
