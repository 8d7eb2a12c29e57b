"""Snapshots: sorted N-Triples of all named graphs and TriG with the graphs kept.

Writes are atomic: files go into a hidden sibling folder that is renamed into place only when
complete, so a failed export never leaves a folder that looks complete.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from graph.errors import ExportError
from graph.namespaces import PREFIXES
from graph.store import GraphStore


def write_ntriples(store: GraphStore, path: Path) -> None:
    """All named graphs' triples, de-duplicated and sorted (byte-stable)."""
    lines = {f"{q.subject} {q.predicate} {q.object} .\n" for q in store.quads()}
    path.write_text("".join(sorted(lines)), encoding="utf-8")


def write_trig(store: GraphStore, path: Path) -> None:
    """TriG with every named graph kept, quads sorted by graph then triple."""
    mem = ox.Store()
    mem.extend(
        sorted(
            store.quads(),
            key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)),
        )
    )
    data = mem.dump(format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    assert data is not None  # dump without an output returns the bytes
    path.write_bytes(data)


#: File name → writer; the CLI and README enumerate this registry.
EXPORTERS: dict[str, Callable[[GraphStore, Path], None]] = {
    "graph.nt": write_ntriples,
    "graph.trig": write_trig,
}


def export_snapshot(store: GraphStore, out: Path) -> Path:
    """Write every exporter's file into ``out`` (created if missing; must be empty if present)."""
    out = out.resolve()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        msg = f"{out} exists and is not an empty folder: choose a new or empty --out folder"
        raise ExportError(msg)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.partial-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        for name, write in EXPORTERS.items():
            write(store, tmp / name)
        if out.exists():
            out.rmdir()
        tmp.rename(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out
