"""Snapshots: sorted N-Triples and TriG that re-import isomorphic to the store, atomically written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from graph import export as export_mod
from graph.errors import ExportError
from graph.export import EXPORTERS, export_snapshot
from graph.store import GraphStore


def store_graphs(store: GraphStore) -> dict[str, Graph]:
    out: dict[str, Graph] = {}
    for name in store.named_graphs():
        g = Graph()
        g.parse(
            data="".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in store.quads(name)),
            format="nt",
        )
        out[name] = g
    return out


def test_snapshot_reimports_isomorphic(world_env: Path, tmp_path: Path) -> None:
    store = GraphStore.open()
    out = export_snapshot(store, tmp_path / "snap")
    assert sorted(p.name for p in out.iterdir()) == sorted(EXPORTERS)
    nt = (out / "graph.nt").read_text(encoding="utf-8")
    lines = nt.splitlines()
    assert lines == sorted(lines) and len(lines) == len(set(lines))
    union = Graph().parse(data=nt, format="nt")
    expected = Graph()
    for g in store_graphs(store).values():
        expected += g
    assert isomorphic(union, expected)
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    for name, g in store_graphs(store).items():
        assert isomorphic(ds.graph(URIRef(name)), g), name


def test_exports_are_byte_identical_across_processes(world_env: Path, tmp_path: Path) -> None:
    code = "import sys; from pathlib import Path; from graph.export import export_snapshot; from graph.store import GraphStore; export_snapshot(GraphStore.open(), Path(sys.argv[1]))"
    for name in ("a", "b"):
        subprocess.run([sys.executable, "-c", code, str(tmp_path / name)], check=True)
    for file in EXPORTERS:
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes(), file


def test_export_refuses_non_empty_folder(world_env: Path, tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    with pytest.raises(ExportError, match="not an empty folder"):
        export_snapshot(GraphStore.open(), tmp_path / "full")
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["keep.txt"]
    (tmp_path / "empty").mkdir()
    export_snapshot(GraphStore.open(), tmp_path / "empty")
    assert (tmp_path / "empty" / "graph.nt").exists()


def test_failed_export_leaves_nothing(
    world_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(store: GraphStore, path: Path) -> None:
        path.write_text("half")
        raise OSError("disk full")

    monkeypatch.setitem(export_mod.EXPORTERS, "zz-broken.txt", broken)
    with pytest.raises(OSError, match="disk full"):
        export_snapshot(GraphStore.open(), tmp_path / "snap")
    assert list(tmp_path.iterdir()) == []
