"""The store contract: union default graph, GRAPH per source, safe swap under readers, one writer."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.errors import StoreError
from graph.stores.embedded import current_path, writer
from graph.stores.factory import open_store

G1 = "https://w3id.org/regkg/graph/one"
G2 = "https://w3id.org/regkg/graph/two"


def quad(s: str, value: str, graph: str) -> ox.Quad:
    return ox.Quad(
        ox.NamedNode(f"https://w3id.org/regkg/id/x/{s}"),
        ox.NamedNode("urn:p"),
        ox.Literal(value),
        ox.NamedNode(graph),
    )


def test_default_graph_is_union_and_graph_reaches_each_source(tmp_path: Path) -> None:
    with writer(tmp_path) as w:
        w.replace_graph(G1, [quad("a", "1", G1)])
        w.replace_graph(G2, [quad("b", "2", G2)])
    store = open_store(tmp_path)
    rows = list(store.query("SELECT ?v WHERE { ?s <urn:p> ?v } ORDER BY ?v"))
    assert [r["v"].value for r in rows] == ["1", "2"]
    rows = list(store.query(f"SELECT ?v WHERE {{ GRAPH <{G2}> {{ ?s <urn:p> ?v }} }}"))
    assert [r["v"].value for r in rows] == ["2"]
    assert store.named_graphs() == [G1, G2]


def test_replace_graph_keeps_others(tmp_path: Path) -> None:
    with writer(tmp_path) as w:
        w.replace_graph(G1, [quad("a", "1", G1)])
        w.replace_graph(G2, [quad("b", "2", G2)])
    with writer(tmp_path) as w:
        w.replace_graph(G1, [quad("a", "new", G1)])
    values = sorted(q.object.value for q in open_store(tmp_path).quads())
    assert values == ["2", "new"]


def test_reader_keeps_working_while_a_writer_swaps(tmp_path: Path) -> None:
    with writer(tmp_path) as w:
        w.replace_graph(G1, [quad("a", "old", G1)])
    reader = open_store(tmp_path)
    with writer(tmp_path) as w:
        w.replace_graph(G1, [quad("a", "new", G1)])
        # mid-write: the reader still answers from its own generation
        assert [q.object.value for q in reader.quads()] == ["old"]
    assert [q.object.value for q in reader.quads()] == ["old"]
    fresh = reader.refresh(tmp_path)
    assert fresh is not reader
    assert [q.object.value for q in fresh.quads()] == ["new"]


def test_failed_write_leaves_current(tmp_path: Path) -> None:
    with writer(tmp_path) as w:
        w.replace_graph(G1, [quad("a", "1", G1)])
    before = current_path(tmp_path)
    with pytest.raises(RuntimeError), writer(tmp_path) as w:
        w.replace_graph(G1, [quad("a", "2", G1)])
        raise RuntimeError("boom")
    assert current_path(tmp_path) == before
    assert not [p for p in (tmp_path / "stores").iterdir() if p.name.endswith(".partial")]


def test_single_writer(tmp_path: Path) -> None:
    with writer(tmp_path), pytest.raises(StoreError, match="another regkg process is writing"):
        with writer(tmp_path):
            pass


def test_open_without_build_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="run `regkg build` first"):
        open_store(tmp_path)


def test_old_generations_are_collected(tmp_path: Path) -> None:
    for i in range(5):
        with writer(tmp_path) as w:
            w.replace_graph(G1, [quad("a", str(i), G1)])
    assert len(list((tmp_path / "stores").iterdir())) == 3
    assert [q.object.value for q in open_store(tmp_path).quads()] == ["4"]


def test_in_memory_copy_matches_disk(tmp_path: Path) -> None:
    with writer(tmp_path) as w:
        w.replace_graph(G1, [quad("a", "1", G1), quad("b", "2", G1)])
    disk = open_store(tmp_path)
    mem = open_store(tmp_path, in_memory=True)
    assert sorted(map(str, disk.quads())) == sorted(map(str, mem.quads()))
    assert mem.meta["triples"] == 2


@pytest.mark.parametrize("replaced", [G1, G2])
def test_a_write_keeps_exactly_the_other_graphs(tmp_path: Path, replaced: str) -> None:
    """Replacing the small graph starts from a checkpoint of the current generation, replacing
    the large one from a copy of the small one: the result is the same either way."""
    g3 = "https://w3id.org/regkg/graph/curated-three"
    with writer(tmp_path) as w:
        w.replace_graph(G1, [quad("a", "1", G1)])
        w.replace_graph(G2, [quad(s, s, G2) for s in "bcdef"])
        w.replace_graph(g3, [quad("g", "3", g3)])
    with writer(tmp_path) as w:
        w.replace_graph(replaced, [quad("z", "new", replaced)])
        w.drop_graphs_with_prefix("https://w3id.org/regkg/graph/curated-")
    store = open_store(tmp_path)
    assert store.named_graphs() == [G1, G2]
    kept = G2 if replaced == G1 else G1
    before = {G1: ["1"], G2: list("bcdef")}
    assert sorted(q.object.value for q in store.quads(kept)) == before[kept]
    assert [q.object.value for q in store.quads(replaced)] == ["new"]
    assert store.meta["graphs"] == {kept: len(before[kept]), replaced: 1}
    assert store.meta["triples"] == len(before[kept]) + 1
