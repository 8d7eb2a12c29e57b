"""Views agree with SPARQL on the same data (oracle tests), and metrics are stored per build."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from graph.network.metrics import (
    METRICS_FILE,
    compute_metrics,
    load_metrics,
    top_nodes,
    with_metrics,
)
from graph.network.views import (
    KINDS,
    SHORTCUTS,
    VIEWS,
    company_regulator,
    ego_network,
    entity_graph,
    filter_view,
    precedent_graph,
)
from graph.stores.contract import Store
from graph.stores.factory import open_store

REG = "https://w3id.org/regkg/ontology#"
ID = "https://w3id.org/regkg/id/"


def sparql_set(store: Store, text: str, *cols: str) -> set[tuple[str, ...]]:
    return {tuple(row[c].value for c in cols) for row in store.query(text)}


def test_entity_graph_nodes_match_sparql(world: Store) -> None:
    g = entity_graph(world)
    values = " ".join(f"reg:{k}" for k in KINDS)
    expected = sparql_set(
        world,
        f"PREFIX reg: <{REG}> SELECT DISTINCT ?s {{ VALUES ?k {{ {values} }} ?s a ?k }}",
        "s",
    )
    assert set(g.nodes) == {s for (s,) in expected}
    assert all("label" in d and d["kind"] in KINDS for _, d in g.nodes(data=True))
    assert not any(isinstance(n, str) and not n.startswith(ID) for n in g), "no literal nodes"


def test_entity_graph_direct_edges_match_sparql(world: Store) -> None:
    g = entity_graph(world)
    nodes = set(g)
    direct = {
        (s, o, p)
        for s, o, p in sparql_set(
            world, "SELECT ?s ?o ?p { ?s ?p ?o FILTER(ISIRI(?o)) }", "s", "o", "p"
        )
        if s in nodes and o in nodes and s != o and p not in SHORTCUTS
    }
    drawn = {(a, b, k) for a, b, k in g.edges(keys=True) if k.startswith(REG)}
    assert drawn == direct


@pytest.mark.parametrize(
    ("cls", "src", "tgt"),
    [
        ("Holding", "holdingOf", "answers"),
        ("Treatment", "citingDecision", "citedDecision"),
        ("Ownership", "subsidiary", "parent"),
        ("Participation", "participant", "inDecision"),
    ],
)
def test_reified_records_become_one_edge_each(world: Store, cls: str, src: str, tgt: str) -> None:
    g = entity_graph(world)
    expected = sparql_set(
        world,
        f"PREFIX reg: <{REG}> SELECT ?r ?a ?b {{ ?r a reg:{cls} ; reg:{src} ?a ; reg:{tgt} ?b }}",
        "r",
        "a",
        "b",
    )
    drawn = {(k, a, b) for a, b, k, d in g.edges(keys=True, data=True) if d["kind"] == cls}
    assert drawn == expected and expected


def test_company_regulator_matches_sparql(world: Store) -> None:
    g = company_regulator(world)
    rows = world.query(f"""PREFIX reg: <{REG}>
        SELECT ?c ?a (COUNT(DISTINCT ?d) AS ?n) {{ ?d reg:subject ?c ; reg:decidedBy ?a .
        ?c a reg:Company . ?a a reg:Regulator }} GROUP BY ?c ?a""")
    expected = {(r["c"].value, r["a"].value): int(r["n"].value) for r in rows}
    assert {(a, b): d["decisions"] for a, b, d in g.edges(data=True)} == expected
    assert {d["kind"] for _, d in g.nodes(data=True)} == {"Company", "Regulator"}
    acme = g.edges[ID + "company/acme-eu", ID + "regulator/aa-dpa", "acted-against"]
    assert acme["eur"] == 1000000.0  # the year-only USD fine on lone-co has no EUR value


def test_precedent_graph_matches_sparql(world: Store) -> None:
    g = precedent_graph(world)
    holdings = sparql_set(
        world,
        f"PREFIX reg: <{REG}> SELECT ?d ?q {{ ?h reg:holdingOf ?d ; reg:answers ?q }}",
        "d",
        "q",
    )
    treatments = sparql_set(
        world,
        f"PREFIX reg: <{REG}> SELECT ?a ?b {{ ?t reg:citingDecision ?a ; reg:citedDecision ?b }}",
        "a",
        "b",
    )
    assert {(a, b) for a, b, d in g.edges(data=True) if d["kind"] == "Holding"} == holdings
    assert {(a, b) for a, b, d in g.edges(data=True) if d["kind"] == "Treatment"} == treatments
    assert {d["kind"] for _, d in g.nodes(data=True)} <= {"LegalQuestion", "Judgment", "Fine"}


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_ego_network_matches_networkx_ego_graph(world: Store, depth: int) -> None:
    center = ID + "company/acme-video"
    full = entity_graph(world)
    oracle = nx.ego_graph(full.to_undirected(), center, radius=depth)
    assert set(ego_network(world, center, depth)) == set(oracle)


def test_ego_network_of_unknown_entity_is_empty(world: Store) -> None:
    assert ego_network(world, ID + "company/nobody").number_of_nodes() == 0


def test_filters(world: Store) -> None:
    g = entity_graph(world)
    fines = filter_view(g, kinds={"Fine"})
    assert {d["kind"] for _, d in fines.nodes(data=True)} == {"Fine"}
    recent = filter_view(g, kinds={"Fine", "Judgment"}, since="2022")
    assert all(d["date"] >= "2022" for _, d in recent.nodes(data=True))
    atlantis = filter_view(g, jurisdictions={"AA"})
    assert ID + "decision/bmcb-fine-2022" not in atlantis
    assert ID + "decision/ado-fine-2021" in atlantis


def test_registry_views_build(world: Store) -> None:
    for name, spec in VIEWS.items():
        args = {"center": ID + "company/acme-eu", "depth": 1} if spec.params else {}
        assert spec.build(world, **args).number_of_nodes() > 0, name


def test_metrics_are_stored_per_build_and_match(world_home: Path) -> None:
    store = open_store(world_home)
    assert store.path is not None
    stored = json.loads((store.path / METRICS_FILE).read_text(encoding="utf-8"))
    assert stored == compute_metrics(store) == load_metrics(store)
    g = with_metrics(entity_graph(store), stored["entity-graph"])
    assert sum(d["pagerank"] for _, d in g.nodes(data=True)) == pytest.approx(1.0)
    assert all(d["degree"] == g.degree(n) for n, d in g.nodes(data=True))
    top = top_nodes(g, "degree", 3)
    assert [v for _, v in top] == sorted(
        (d["degree"] for _, d in g.nodes(data=True)), reverse=True
    )[:3]
