"""The explorer's, network page's, SPARQL page's and snapshot page's graph modules on the fixture
world, checked against SPARQL, networkx and the files themselves (oracle style)."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from graph.errors import QueryError
from graph.explorer import explore
from graph.explorer import networks as netview
from graph.explorer import snapshots as snapshot_view
from graph.explorer import workbench as sparql_view
from graph.network.metrics import compute_metrics, top_nodes, with_metrics
from graph.network.views import KINDS, VIEWS, ego_network, entity_graph
from graph.stores.contract import Store
from graph.stores.results import run

ID = "https://w3id.org/regkg/id/"
HOSTILE = ID + "company/hostile-co"
ACME_VIDEO = ID + "company/acme-video"
ACME_EU = ID + "company/acme-eu"
ADO_FINE = ID + "decision/ado-fine-2021"
CENTRES = [HOSTILE, ACME_VIDEO, ACME_EU, ADO_FINE, ID + "question/q1", ID + "regulator/aa-dpa"]


@pytest.fixture(scope="module")
def store() -> Store:
    from tests.fixtures.world_store import world_store

    return world_store()


@pytest.fixture(scope="module")
def g(store: Store) -> nx.MultiDiGraph:
    return explore.explorer_graph(store)


# --------------------------------------------------------------------------- explorer graph
def test_explorer_graph_is_the_entity_graph_with_a_card_per_node(
    store: Store, g: nx.MultiDiGraph
) -> None:
    plain = entity_graph(store)
    assert set(g.nodes) == set(plain.nodes)
    assert sorted(g.edges(keys=True)) == sorted(plain.edges(keys=True))
    for _node, attrs in g.nodes(data=True):
        first = attrs["card"].splitlines()[0]
        assert first == f"{attrs['kind']}: {attrs['label']}"
        if "date" in attrs:
            assert f"Date: {attrs['date']}" in attrs["card"]
        if "jurisdiction" in attrs:
            assert f"Jurisdiction: {attrs['jurisdiction']}" in attrs["card"]


def test_cards_carry_as_of_and_trust_as_sparql_states_them(
    store: Store, g: nx.MultiDiGraph
) -> None:
    rows = store.query(
        "PREFIX reg: <https://w3id.org/regkg/ontology#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?r ?d ?t { ?r reg:asOf ?d ; reg:trustTier/rdfs:label ?t }"
    )
    latest: dict[str, str] = {}
    tiers: dict[str, set[str]] = {}
    for row in rows:
        r = row["r"].value
        latest[r] = max(latest.get(r, ""), row["d"].value)
        tiers.setdefault(r, set()).add(row["t"].value)
    with_prov = [n for n in g if n in latest]
    assert len(with_prov) > 30
    for node in with_prov:
        line = g.nodes[node]["card"].splitlines()[-1]
        assert line.startswith(f"As of {latest[node]} · trust: ")
        assert set(line.split("trust: ")[1].split(", ")) == tiers[node]
    for node in set(g) - set(latest):
        assert "As of" not in g.nodes[node]["card"]


def test_card_keeps_hostile_text_verbatim_for_the_renderer_to_escape(g: nx.MultiDiGraph) -> None:
    assert g.nodes[HOSTILE]["card"].startswith("Company: <img src=x onerror=alert(1)>")


def test_choices_cover_every_entity_sorted_by_label(g: nx.MultiDiGraph) -> None:
    got = explore.choices(g)
    assert {c.iri for c in got} == set(g)
    assert [c.label.casefold() for c in got] == sorted(c.label.casefold() for c in got)
    assert {c.kind for c in got} == {a["kind"] for _n, a in g.nodes(data=True)}
    for wanted in ("Company", "Regulator", "Court", "Fine", "LegalQuestion", "Provision", "Person"):
        assert any(c.kind == wanted for c in got)


def test_default_centre_prefers_tiktok_then_the_first_company(g: nx.MultiDiGraph) -> None:
    assert explore.default_center(g) == HOSTILE  # "<img…" sorts first among the companies
    first_company = next(c.iri for c in explore.choices(g) if c.kind == "Company")
    assert explore.default_center(g) == first_company
    assert explore.default_center(g, preferred="Acme Video Ltd") == ACME_VIDEO
    tiny = nx.MultiDiGraph()
    tiny.add_node("urn:a", label="A court", kind="Court")
    tiny.add_node("urn:t", label=explore.DEFAULT_ENTITY, kind="Company")
    tiny.add_node("urn:b", label="B company", kind="Company")
    assert explore.default_center(tiny) == "urn:t"
    tiny.remove_node("urn:t")
    assert explore.default_center(tiny) == "urn:b"
    tiny.remove_node("urn:b")
    assert explore.default_center(tiny) == "urn:a"
    assert explore.default_center(nx.MultiDiGraph()) is None


def test_kinds_jurisdictions_and_years(g: nx.MultiDiGraph) -> None:
    kinds = explore.kinds_present(g)
    assert kinds == [k for k in KINDS if k in kinds]
    assert set(kinds) == {a["kind"] for _n, a in g.nodes(data=True)}
    assert explore.jurisdictions(g) == ["AA", "BB", "EU"]
    assert explore.year_range(g) == (2020, 2023)


# --------------------------------------------------------------------------- ego views
@pytest.mark.parametrize("centre", CENTRES)
@pytest.mark.parametrize("depth", [1, 2, 3])
def test_unfiltered_ego_view_is_the_ego_network(
    store: Store, g: nx.MultiDiGraph, centre: str, depth: int
) -> None:
    view = explore.ego_view(g, centre, depth)
    oracle = ego_network(store, centre, depth)
    assert set(view) == set(oracle)
    assert sorted(view.edges(keys=True)) == sorted(oracle.edges(keys=True))
    assert explore.depth_sizes(g, centre)[depth] == len(oracle)


def _reaches_within(view: nx.MultiDiGraph, centre: str, depth: int) -> bool:
    dist = nx.single_source_shortest_path_length(view.to_undirected(), centre)
    return set(dist) == set(view) and max(dist.values()) <= depth


@pytest.mark.parametrize("centre", CENTRES)
def test_kind_filter_walks_only_through_kept_kinds(g: nx.MultiDiGraph, centre: str) -> None:
    keep = ("Company", "Fine", "Regulator", "Judgment", "CourtCase")
    view = explore.ego_view(g, centre, 3, explore.Filters(kinds=keep))
    assert centre in view
    assert all(a["kind"] in keep for n, a in view.nodes(data=True) if n != centre)
    assert set(view) <= set(explore.ego_view(g, centre, 3))
    assert _reaches_within(view, centre, 3)
    # Oracle: breadth-first search by hand over the kept nodes.
    allowed = {n for n, a in g.nodes(data=True) if a["kind"] in keep} | {centre}
    undirected = g.to_undirected()
    seen, frontier = {centre}, {centre}
    for _ in range(3):
        frontier = {m for n in frontier for m in undirected[n] if m in allowed} - seen
        seen |= frontier
    assert set(view) == seen


def test_jurisdiction_and_date_filters(g: nx.MultiDiGraph) -> None:
    view = explore.ego_view(g, ACME_EU, 3, explore.Filters(jurisdictions=("AA",)))
    assert {a.get("jurisdiction") for n, a in view.nodes(data=True) if n != ACME_EU} <= {
        "AA",
        None,
    }
    assert _reaches_within(view, ACME_EU, 3)
    dated = explore.ego_view(g, ACME_EU, 3, explore.Filters(since="2021", until="2021"))
    dates = [a["date"] for _n, a in dated.nodes(data=True) if "date" in a]
    assert dates and all(d.startswith("2021") for d in dates)
    unfiltered = [
        a["date"] for _n, a in explore.ego_view(g, ACME_EU, 3).nodes(data=True) if "date" in a
    ]
    assert any(not d.startswith("2021") for d in unfiltered)


def test_filters_only_ever_narrow(g: nx.MultiDiGraph) -> None:
    wide = explore.ego_view(g, ACME_VIDEO, 3)
    for filters in (
        explore.Filters(kinds=("Company",)),
        explore.Filters(jurisdictions=("BB",)),
        explore.Filters(since="2022"),
        explore.Filters(kinds=()),
    ):
        assert set(explore.ego_view(g, ACME_VIDEO, 3, filters)) <= set(wide)
    assert set(explore.ego_view(g, ACME_VIDEO, 3, explore.Filters(kinds=()))) == {ACME_VIDEO}


def test_unknown_centre_gives_an_empty_view(g: nx.MultiDiGraph) -> None:
    assert explore.ego_view(g, ID + "company/nobody", 2).number_of_nodes() == 0
    assert explore.depth_sizes(g, ID + "company/nobody") == {1: 0, 2: 0, 3: 0}


def test_depth_sizes_and_advice(g: nx.MultiDiGraph) -> None:
    sizes = explore.depth_sizes(g, ACME_VIDEO)
    assert sizes == {d: len(explore.ego_view(g, ACME_VIDEO, d)) for d in (1, 2, 3)}
    assert sizes[1] < sizes[2] <= sizes[3]
    advice = explore.too_big_advice(sizes[3], sizes[2], sizes)
    assert f"{sizes[3]} nodes, more than the cap of {sizes[2]}" in advice
    assert f"Depth 1 ({sizes[1]} nodes) or 2 ({sizes[2]} nodes) would fit" in advice
    assert "would fit" not in explore.too_big_advice(99, 1, sizes)


def test_url_values_are_checked() -> None:
    assert explore.parse_list("Fine,<script>,Court", KINDS) == ("Fine", "Court")
    assert explore.parse_list("", KINDS) == ()
    assert explore.parse_int("2", 1, 1, 3) == 2
    assert explore.parse_int("-4", 1, 1, 3) == 1
    assert explore.parse_int("1e9", 1, 1, 3) == 1


# --------------------------------------------------------------------------- network views
@pytest.mark.parametrize("name", [n for n, s in VIEWS.items() if not s.params])
def test_build_view_is_the_registered_view(store: Store, name: str) -> None:
    got = netview.build_view(store, name)
    oracle = VIEWS[name].build(store)
    assert set(got) == set(oracle)
    assert sorted(got.edges(keys=True)) == sorted(oracle.edges(keys=True))


def test_ego_view_needs_a_centre(store: Store) -> None:
    assert netview.build_view(store, "ego-network").number_of_nodes() == 0
    got = netview.build_view(store, "ego-network", center=ACME_VIDEO, depth=2)
    assert set(got) == set(ego_network(store, ACME_VIDEO, 2))


@pytest.mark.parametrize("name", ["entity-graph", "company-regulator", "precedent-graph"])
def test_rankings_use_the_stored_metrics(store: Store, name: str) -> None:
    metrics = compute_metrics(store)
    node_metrics = netview.view_metrics(metrics, name)
    g = netview.build_view(store, name)
    for by in netview.RANK_BY:
        got = [(iri, value) for iri, _label, value in netview.ranked(g, node_metrics, by, 5)]
        assert got == top_nodes(with_metrics(nx.MultiDiGraph(g), node_metrics), by, 5)
    sub = netview.top_subgraph(g, node_metrics, 4)
    assert set(sub) == {iri for iri, _l, _v in netview.ranked(g, node_metrics, "pagerank", 4)}
    assert sub.number_of_nodes() == min(4, g.number_of_nodes())


def test_ego_views_borrow_the_entity_graph_metrics(store: Store) -> None:
    metrics = compute_metrics(store)
    assert netview.view_metrics(metrics, "ego-network") == metrics["entity-graph"]


def test_components_and_communities(store: Store) -> None:
    g = netview.build_view(store, "entity-graph")
    sizes = netview.component_sizes(g)
    assert sum(sizes) == g.number_of_nodes()
    assert sizes == sorted(
        (len(c) for c in nx.connected_components(g.to_undirected())), reverse=True
    )
    groups = netview.communities(g)
    members = [n for group in groups for n in group]
    assert sorted(members) == sorted(g) and len(members) == len(set(members))
    assert groups == netview.communities(g)  # seeded: the same every time
    assert [len(c) for c in groups] == sorted((len(c) for c in groups), reverse=True)
    assert netview.communities(nx.MultiDiGraph()) == []
    info = netview.summary(g)
    assert info["nodes"] == g.number_of_nodes() and info["components"] == len(sizes)


@pytest.mark.parametrize("fmt", netview.DOWNLOAD_FORMATS)
def test_view_bytes_round_trip_with_metrics_and_hostile_label(store: Store, fmt: str) -> None:
    g = netview.build_view(store, "company-regulator")
    node_metrics = netview.view_metrics(compute_metrics(store), "company-regulator")
    data = netview.view_bytes(netview.with_stored_metrics(g, node_metrics), fmt)
    back = nx.read_graphml(io.BytesIO(data)) if fmt == "graphml" else nx.read_gexf(io.BytesIO(data))
    assert set(back) == set(g)
    assert back.number_of_edges() == g.number_of_edges()
    if fmt == "graphml":
        assert back.nodes[HOSTILE]["label"] == "<img src=x onerror=alert(1)>"
        assert back.nodes[ACME_VIDEO]["pagerank"] == pytest.approx(
            node_metrics[ACME_VIDEO]["pagerank"]
        )
    assert b"<img src" not in data
    assert "pagerank" not in g.nodes[ACME_VIDEO]  # the copy got the metrics, not the view
    with pytest.raises(ValueError, match="unknown view format"):
        netview.view_bytes(g, "svg")


# --------------------------------------------------------------------------- SPARQL helpers
def test_syntax_errors_name_line_and_column(store: Store) -> None:
    with pytest.raises(QueryError) as err:
        run(store, "SELECT * WHERE {\n  ?s ?p ?o .\n  ?s foo:bar ?o\n}")
    assert sparql_view.syntax_position(str(err.value)) == (3, 13)
    assert sparql_view.explain_error(str(err.value)).startswith(
        "Syntax error at line 3, column 13: expected one of Prefix not found"
    )
    assert sparql_view.syntax_position("query failed: something else") is None
    assert sparql_view.explain_error("query failed: x") == "query failed: x"


def test_select_table_is_compact_text(store: Store) -> None:
    result = run(
        store,
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?s ?l "
        "{ ?s rdfs:label ?l FILTER(?s = <" + HOSTILE + ">) }",
    )
    assert sparql_view.table(result) == {
        "s": ["regid:company/hostile-co"],
        "l": ["<img src=x onerror=alert(1)>"],
    }


def test_describe_triples_become_a_labelled_graph(store: Store, g: nx.MultiDiGraph) -> None:
    result = run(store, f"DESCRIBE <{HOSTILE}>")
    drawn = sparql_view.triples_graph(result.triples, g)
    assert drawn.number_of_edges() == len(result.triples)
    assert drawn.nodes[HOSTILE]["label"] == "<img src=x onerror=alert(1)>"
    assert drawn.nodes[HOSTILE]["kind"] == "Company"
    bare = sparql_view.triples_graph(result.triples)
    assert bare.nodes[HOSTILE]["label"] == "<img src=x onerror=alert(1)>"  # from rdfs:label
    assert bare.nodes[HOSTILE]["kind"] == ""


def test_literal_nodes_are_cut_and_merged() -> None:
    s = ox.NamedNode("urn:x:s")
    long = ox.Literal("y" * 200)
    triples = [
        ox.Triple(s, ox.NamedNode("urn:x:p"), long),
        ox.Triple(ox.NamedNode("urn:x:t"), ox.NamedNode("urn:x:p"), long),
    ]
    drawn = sparql_view.triples_graph(triples)
    assert drawn.number_of_nodes() == 3
    literal = next(a for _n, a in drawn.nodes(data=True) if a.get("card"))
    assert len(literal["label"]) == sparql_view.LITERAL_LABEL_CHARS
    assert literal["card"] == "Literal: " + "y" * 200
    assert drawn.nodes["urn:x:s"]["label"] == "<urn:x:s>"


def test_limits_are_clamped() -> None:
    assert sparql_view.clamp(0.1, *sparql_view.TIMEOUT_BOUNDS) == 1.0
    assert sparql_view.clamp(10**9, *sparql_view.ROW_BOUNDS) == 100_000
    assert sparql_view.clamp(50, *sparql_view.ROW_BOUNDS) == 50


# --------------------------------------------------------------------------- snapshots
def test_snapshot_is_written_once_and_its_files_match_the_manifest(
    store: Store, tmp_path: Path
) -> None:
    target = tmp_path / "snaps" / "one"
    folder, made = snapshot_view.ensure_snapshot(store, target, created="2026-01-01T00:00:00Z")
    assert made and folder == target.resolve()
    again, made_again = snapshot_view.ensure_snapshot(store, target)
    assert again == folder and not made_again
    manifest = snapshot_view.read_manifest(folder)
    files = snapshot_view.snapshot_files(folder)
    assert files[0].name == "manifest.json"
    assert {f.name for f in files[1:]} == set(manifest["files"])
    on_disk = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}
    assert on_disk == {f.name for f in files}
    for f in files[1:]:
        assert hashlib.sha256(f.path.read_bytes()).hexdigest() == f.sha256
        assert f.path.stat().st_size == f.bytes
    mimes = {f.name: f.mime for f in files}
    assert mimes["graph.ttl"] == "text/turtle"
    assert mimes["views/entity-graph.graphml"] == "application/graphml+xml"
    assert any(n.startswith("views/") and n.endswith(".gexf") for n in mimes)
    assert snapshot_view.list_snapshots(tmp_path / "snaps") == [folder]
    assert snapshot_view.list_snapshots(tmp_path / "nowhere") == []
