"""Files written with each store generation: the explorer graph (and metrics, see test_views)."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from graph.errors import StoreError
from graph.explorer import explore
from graph.explorer import networks as netview
from graph.explorer.explore import EXPLORER_FILE, code_stamp, explorer_graph, with_cards
from graph.network.graph_file import FORMAT, read_graph, same_graph, write_graph
from graph.network.metrics import METRICS_FILE, compute_metrics
from graph.network.views import entity_graph, parameter_free_views
from graph.pipeline.imports import import_file
from graph.stores.contract import Store
from graph.stores.embedded import GraphStore
from graph.stores.factory import open_store

HOSTILE = Path(__file__).parents[1] / "fixtures" / "hostile"
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def test_build_stores_the_explorer_graph_equal_to_a_fresh_projection(world_home: Path) -> None:
    store = open_store(world_home)
    assert store.path is not None
    stored = read_graph(store.path / EXPLORER_FILE, stamp=code_stamp())
    fresh = with_cards(entity_graph(store), store)
    assert stored is not None  # written by this code
    assert stored.number_of_nodes() > 0 and stored.number_of_edges() > 0
    assert all("card" in a and "label" in a for _n, a in stored.nodes(data=True))
    assert same_graph(stored, fresh)  # same nodes, edges, attributes and order


def test_one_projection_feeds_both_files(world_home: Path) -> None:
    store = open_store(world_home)
    assert store.path is not None
    metrics = json.loads((store.path / METRICS_FILE).read_text(encoding="utf-8"))
    assert metrics == compute_metrics(store)
    stored = read_graph(store.path / EXPLORER_FILE)
    assert stored is not None and set(metrics["entity-graph"]) == set(stored)


def test_explorer_graph_reads_the_stored_copy(
    world_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(world_home)
    expected = with_cards(entity_graph(store), store)

    def no_projection(_store: Store) -> nx.MultiDiGraph:
        raise AssertionError("projected from the store although the generation stores it")

    monkeypatch.setattr(explore, "entity_graph", no_projection)
    assert same_graph(explorer_graph(store), expected)


def test_a_graph_stored_by_other_code_is_projected_again(
    world_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(world_home)
    assert store.path is not None
    assert read_graph(store.path / EXPLORER_FILE, stamp="other code") is None
    calls: list[Store] = []
    real = explore.entity_graph

    def counted(s: Store) -> nx.MultiDiGraph:
        calls.append(s)
        return real(s)

    monkeypatch.setattr(explore, "entity_graph", counted)
    monkeypatch.setattr(explore, "code_stamp", lambda: "changed code")
    assert same_graph(explorer_graph(store), with_cards(real(store), store))
    assert calls == [store]


def test_an_import_stores_the_graph_with_its_records(default_home: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    shutil.copytree(default_home, home, symlinks=True)
    before = explorer_graph(open_store(home))
    report = import_file("gdprhub", HOSTILE / "gdprhub.csv", home=home, now=NOW, progress=False)
    assert report.imported > 0
    store = open_store(home)
    assert store.path is not None
    stored = read_graph(store.path / EXPLORER_FILE, stamp=code_stamp())
    assert stored is not None
    assert same_graph(stored, with_cards(entity_graph(store), store))
    assert set(stored) > set(before)  # the imported records are in it


def test_a_store_without_a_folder_projects_the_graph(world: Store) -> None:
    assert world.path is None
    g = explorer_graph(world)
    assert same_graph(g, with_cards(entity_graph(world), world))


def test_a_damaged_stored_graph_is_a_store_error_naming_the_file(
    world_home: Path, tmp_path: Path
) -> None:
    store = open_store(world_home)
    assert store.path is not None
    copy = tmp_path / "generation"
    shutil.copytree(store.path, copy)
    (copy / EXPLORER_FILE).write_text('{"format": 1, "nodes": [', encoding="utf-8")
    damaged = GraphStore(ox.Store.read_only(str(copy)), copy, {})
    with pytest.raises(StoreError, match=rf"{EXPLORER_FILE}.*rebuild"):
        explorer_graph(damaged)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("not json", "cannot be read"),
        ("[]", "not a regkg graph file"),
        (json.dumps({"format": FORMAT + 1, "nodes": [], "edges": []}), "not a regkg graph file"),
        (json.dumps({"format": FORMAT, "nodes": []}), "cannot be read"),
        (json.dumps({"format": FORMAT, "nodes": [["a"]], "edges": []}), "cannot be read"),
    ],
)
def test_bad_graph_files_are_refused(tmp_path: Path, text: str, why: str) -> None:
    path = tmp_path / "g.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StoreError, match=why) as err:
        read_graph(path)
    assert str(path) in str(err.value)


def test_round_trip_keeps_order_keys_and_tuples(tmp_path: Path) -> None:
    g = nx.MultiDiGraph()
    for name in ("z", "a", "m"):  # not sorted: the order is kept
        g.add_node(name, label=f"<{name}>", sources=("g2", "g1"), date=None)
    g.add_edge("z", "a", key="k2", label="x")
    g.add_edge("z", "a", key="k1", label="y")
    g.add_edge("m", "z", key="k3")
    write_graph(g, tmp_path / "g.json")
    back = read_graph(tmp_path / "g.json")
    assert back is not None and same_graph(g, back)
    assert list(back) == ["z", "a", "m"]
    assert back.nodes["a"]["sources"] == ("g2", "g1")
    assert [k for _u, _v, k in back.edges(keys=True)] == ["k2", "k1", "k3"]
    assert not list(tmp_path.glob(".g.json.*"))  # the temporary file was renamed


def test_stored_communities_match_the_views(world_home: Path) -> None:
    store = open_store(world_home)
    graphs = parameter_free_views(store)
    for name, g in graphs.items():
        stored = netview.stored_communities(store, name)
        assert stored is not None and stored == netview.communities(g), name
        assert sorted(n for c in stored for n in c) == sorted(g), name  # a partition of the view


def test_communities_from_other_code_or_no_folder_are_not_used(
    world_home: Path, world: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert netview.stored_communities(world, "entity-graph") is None  # in memory: no folder
    store = open_store(world_home)
    assert netview.stored_communities(store, "no-such-view") is None
    monkeypatch.setattr(netview, "communities_stamp", lambda: "changed code")
    assert netview.stored_communities(store, "entity-graph") is None
