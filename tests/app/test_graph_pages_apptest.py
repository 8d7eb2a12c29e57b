"""The explorer, network, SPARQL and snapshot pages, run headless with AppTest on the fixture world.

Each page is run on its own (``AppTest.from_file("pages/<name>.py")``), as the app runs it, and
the navigation to the entity page through the whole app (``app.py``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from streamlit.testing.v1 import AppTest

from graph.explorer import explore
from graph.explorer import networks as netview
from graph.network.citations import most_cited
from graph.network.views import VIEWS, company_regulator, ego_network
from graph.sparql.stored import stored_queries
from graph.stores.contract import Store
from graph.stores.factory import open_store
from graph.stores.results import run_stored
from tests.conftest import REPO

ID = "https://w3id.org/regkg/id/"
HOSTILE = ID + "company/hostile-co"
ACME_VIDEO = ID + "company/acme-video"
PAGES = ("explorer", "networks", "sparql", "snapshots")


def _page(name: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "pages" / f"{name}.py"), default_timeout=90)
    at.query_params.update(params)
    return at.run()


def _frames(at: AppTest) -> list[str]:
    """The drawing component's arguments (JSON text) on the page, one per drawing."""
    return [str(c.proto.json_args) for c in at.get("component_instance")]


def _drawn(at: AppTest) -> dict[str, Any]:
    """The graph data handed to the page's one drawing component."""
    frames = _frames(at)
    assert len(frames) == 1
    data: dict[str, Any] = json.loads(frames[0])["graph"]
    return data


def _shown_markup(at: AppTest) -> list[str]:
    """Labels and tooltips of the drawing holding raw markup (it must all arrive escaped; node
    ids are never shown, and the component's arguments never reach an HTML parser)."""
    data = _drawn(at)
    items = [*data["nodes"], *data["edges"]]
    return [str(i[k]) for i in items for k in ("label", "title") if "<" in str(i.get(k, ""))]


def _component_id(at: AppTest) -> str:
    (component,) = at.get("component_instance")
    return str(component.proto.id)


def _node_ids(at: AppTest) -> set[str]:
    nodes = _drawn(at)["nodes"]
    assert isinstance(nodes, list)
    return {n["id"] for n in nodes}


def _plain(text: str) -> str:
    """Markdown-escaped text back to plain text (for comparing messages)."""
    return text.replace("\\", "")


@pytest.fixture
def snapshots_env(world_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "snapshots"
    monkeypatch.setenv("REGKG_SNAPSHOTS", str(folder))
    return folder


# --------------------------------------------------------------------------- every page
@pytest.mark.parametrize("name", PAGES)
def test_page_runs_with_the_notice(name: str, snapshots_env: Path) -> None:
    at = _page(name)
    assert not at.exception
    assert not at.error
    assert any(w.value.startswith("Not legal advice") for w in at.warning)
    assert all("<img" not in m.value for m in at.markdown)


@pytest.mark.parametrize("name", PAGES)
def test_page_without_a_store_says_how_to_build(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REGKG_HOME", str(tmp_path))
    at = _page(name)
    assert not at.exception
    assert len(at.error) == 1 and "regkg build" in at.error[0].value
    assert not at.get("iframe") and not at.get("component_instance")


# --------------------------------------------------------------------------- explorer
def test_explorer_draws_the_default_entity_without_any_action(world_env: Path) -> None:
    at = _page("explorer")
    assert at.selectbox(key="explorer_entity").value == HOSTILE  # the first company
    data = _drawn(at)
    assert data["selected"] == HOSTILE
    assert data["link"] == {"page": "entity", "param": "id"}
    assert _shown_markup(at) == []
    assert any("<img src=x onerror=alert(1)>" in t.value for t in at.text)  # st.text: plain
    assert at.query_params["entity"] == HOSTILE
    assert len(at.get("html")) == 1  # the legend


def test_explorer_entity_depth_and_filters(world: Store, world_env: Path) -> None:
    at = _page("explorer")
    first, frame = _drawn(at), _component_id(at)
    at.selectbox(key="explorer_entity").select(ACME_VIDEO)
    at.slider(key="explorer_depth").set_value(2)
    at.run()
    assert not at.exception
    assert _drawn(at) != first
    assert _component_id(at) == frame  # the same component (and frame) draws the new view
    assert _node_ids(at) == set(ego_network(world, ACME_VIDEO, 2))
    assert _drawn(at)["selected"] == ACME_VIDEO

    keep = ["Company", "Fine", "Order", "Settlement", "Regulator"]
    at.multiselect(key="explorer_kinds").set_value(keep)
    at.multiselect(key="explorer_juris").set_value(["BB"])
    at.run()
    assert not at.exception
    g = explore.explorer_graph(world)
    filters = explore.Filters(kinds=tuple(keep), jurisdictions=("BB",))
    assert _node_ids(at) == set(explore.ego_view(g, ACME_VIDEO, 2, filters))
    assert at.query_params["kinds"] == ",".join(keep)
    assert at.query_params["juris"] == "BB"
    assert at.query_params["depth"] == "2"

    at.slider(key="explorer_years").set_value((2022, 2023))
    at.run()
    dated = explore.Filters(kinds=tuple(keep), jurisdictions=("BB",), since="2022", until="2023")
    assert _node_ids(at) == set(explore.ego_view(g, ACME_VIDEO, 2, dated))
    assert at.query_params["since"] == "2022"


def test_explorer_link_reopens_the_same_view(world: Store, world_env: Path) -> None:
    at = _page("explorer", entity="company/acme-video", depth="3", kinds="Company,Fine,Regulator")
    assert not at.exception
    assert at.selectbox(key="explorer_entity").value == ACME_VIDEO
    assert at.slider(key="explorer_depth").value == 3
    assert at.multiselect(key="explorer_kinds").value == ["Company", "Fine", "Regulator"]
    g = explore.explorer_graph(world)
    filters = explore.Filters(kinds=("Company", "Fine", "Regulator"))
    assert _node_ids(at) == set(explore.ego_view(g, ACME_VIDEO, 3, filters))


def test_explorer_bad_link_values_fall_back(world_env: Path) -> None:
    at = _page("explorer", entity="company/nobody", depth="9", cap="x", kinds="<script>")
    assert not at.exception
    assert at.selectbox(key="explorer_entity").value == HOSTILE
    assert at.slider(key="explorer_depth").value == 3
    assert at.number_input(key="explorer_cap").value == explore.DEFAULT_CAP
    assert any("only the entity itself" in i.value for i in at.info)
    assert _node_ids(at) == {HOSTILE}


def test_explorer_cap_refuses_then_draws_the_most_central(world_env: Path) -> None:
    at = _page("explorer", entity=ACME_VIDEO, depth="3")
    full = len(_node_ids(at))
    at.number_input(key="explorer_cap").set_value(10)
    at.run()
    assert not at.exception
    assert not at.get("component_instance")
    advice = " ".join(w.value for w in at.warning)
    assert f"This view has {full} nodes, more than the cap of 10" in advice
    assert "raise the cap" in advice
    at.checkbox(key="explorer_top").check()
    at.run()
    assert not at.exception
    ids = _node_ids(at)
    assert len(ids) == 10


def test_explorer_pick_from_the_list_opens_the_entity_page(world_env: Path) -> None:
    if not (REPO / "pages" / "entity.py").exists():
        pytest.skip("the entity page (pages/entity.py) is not there yet")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90).run()
    at.switch_page("pages/explorer.py").run()
    assert not at.exception
    fine = ID + "decision/bmcb-fine-2022"
    at.selectbox(key="explorer_open").select(fine).run()
    assert not at.exception
    assert at.query_params.get("id") == fine
    # The explorer's graph is gone (the entity page's own frames hold only SVG charts).
    assert not at.get("component_instance")
    assert all('class="regkg-chart"' in f.proto.srcdoc for f in at.get("iframe"))
    assert any("BMCB fine on a hostile name, 2022" in t.value for t in at.title)


# --------------------------------------------------------------------------- networks
def test_networks_view_switch_metrics_and_downloads(world: Store, world_env: Path) -> None:
    at = _page("networks")
    assert at.selectbox(key="net_view").value == "entity-graph"
    assert len(_node_ids(at)) > 40
    frame = _component_id(at)
    at.selectbox(key="net_view").select("company-regulator").run()
    assert not at.exception
    assert _node_ids(at) == set(company_regulator(world))
    assert _component_id(at) == frame  # drawn again in the same component
    assert at.query_params["view"] == "company-regulator"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Nodes"] == str(company_regulator(world).number_of_nodes())
    markdown = "\n".join(m.value for m in at.markdown)
    assert "Top by PageRank" in markdown and "Top by degree" in markdown
    assert "(entity?id=https%3A%2F%2Fw3id.org%2Fregkg%2Fid%2Fcompany%2F" in markdown
    assert "<img" not in markdown
    assert "Communities" in markdown
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download GRAPHML", "Download GEXF"]


def test_networks_citation_view_lists_the_most_cited(world: Store, world_env: Path) -> None:
    at = _page("networks", view="citation-network")
    assert not at.exception
    assert at.selectbox(key="net_view").value == "citation-network"
    view = VIEWS["citation-network"].build(world)
    assert _node_ids(at) == set(view)
    markdown = "\n".join(m.value for m in at.markdown)
    assert "Most cited (cited by N decisions)" in markdown
    ranked = most_cited(view)
    top = ranked[0]
    first = markdown.split("Most cited (cited by N decisions)", 1)[1].split("\n")
    line = next(x for x in first if x.startswith("1. "))
    assert quote(top.ruling, safe="") in line and line.endswith(f"— {top.cited_by}")
    assert "<img" not in markdown


def test_networks_ego_view_and_cap(world: Store, world_env: Path) -> None:
    at = _page("networks", view="ego-network", center=ACME_VIDEO, depth="2")
    assert not at.exception
    assert at.number_input(key="net_cap").value == netview.DEFAULT_CAP
    assert _node_ids(at) == set(ego_network(world, ACME_VIDEO, 2))
    at.number_input(key="net_cap").set_value(10).run()
    assert not at.exception
    assert len(_node_ids(at)) == 10
    assert any("the 10 most central" in i.value for i in at.info)


def test_networks_filters_reset_when_the_view_changes(world_env: Path) -> None:
    at = _page("networks")
    at.multiselect(key="net_kinds").set_value(["Company"]).run()
    assert at.query_params["kinds"] == "Company"
    at.selectbox(key="net_view").select("precedent-graph").run()
    assert not at.exception
    assert "kinds" not in at.query_params
    assert len(_node_ids(at)) > 1


# --------------------------------------------------------------------------- SPARQL
def test_sparql_runs_a_stored_query_and_offers_downloads(world: Store, world_env: Path) -> None:
    at = _page("sparql")
    at.selectbox(key="sparql_stored").select("fines-per-regulator").run()
    query = stored_queries()["fines-per-regulator"]
    assert at.text_area(key="sparql_text").value == query.text
    at.button(key="sparql_run").click().run()
    assert not at.exception and not at.error
    expected = run_stored(world, query, {})
    table = at.dataframe[0].value
    assert len(table) == len(expected.rows) > 0
    assert list(table.columns) == list(expected.columns)
    assert any(t.value == f"{len(expected.rows):,} row(s)." for t in at.text)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download CSV", "Download JSON"]
    assert at.query_params["stored"] == "fines-per-regulator"


def test_sparql_binds_parameters_from_their_inputs(world: Store, world_env: Path) -> None:
    at = _page("sparql", stored="holdings-for-question")
    assert at.text_input(key="sparql_param_question").value == "q01"
    at.text_input(key="sparql_param_question").input("q1")
    at.button(key="sparql_run").click().run()
    assert not at.exception and not at.error
    query = stored_queries()["holdings-for-question"]
    expected = run_stored(world, query, {"question": "q1"})
    assert len(at.dataframe[0].value) == len(expected.rows) > 0
    assert at.query_params["p.question"] == "q1"
    assert "q" not in at.query_params  # the text is the stored query's own

    at.text_input(key="sparql_param_question").input("not an id!")
    at.button(key="sparql_run").click().run()
    assert not at.exception
    assert "needs an id or an http(s) IRI" in _plain(at.error[0].value)


def test_sparql_refuses_updates(world_env: Path) -> None:
    at = _page("sparql")
    at.text_area(key="sparql_text").input("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    at.button(key="sparql_run").click().run()
    assert not at.exception
    assert len(at.error) == 1
    message = _plain(at.error[0].value)
    assert message.startswith("Refused: updates are refused")
    assert not at.dataframe
    assert at.query_params["q"] == "INSERT DATA { <urn:a> <urn:b> <urn:c> }"


def test_sparql_syntax_error_shows_line_and_column(world_env: Path) -> None:
    text = "SELECT * WHERE {\n  ?s ?p ?o .\n  ?s foo:bar ?o\n}"
    at = _page("sparql", q=text)
    assert at.selectbox(key="sparql_stored").value == ""  # a link's own query
    assert at.text_area(key="sparql_text").value == text
    at.button(key="sparql_run").click().run()
    assert not at.exception
    message = _plain(at.error[0].value)
    assert message.startswith("Syntax error at line 3, column 13:")
    assert at.code[0].value == "  ?s foo:bar ?o\n            ^"


def test_sparql_describe_is_drawn(world_env: Path) -> None:
    at = _page("sparql", q=f"DESCRIBE <{HOSTILE}>", stored="")
    at.button(key="sparql_run").click().run()
    assert not at.exception and not at.error
    data = _drawn(at)
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels[HOSTILE] == "&lt;img src=x onerror=alert(1)&gt;"
    assert _shown_markup(at) == []
    assert [b.proto.label for b in at.get("download_button")] == ["Download N-Triples"]


def test_sparql_time_limit_stops_a_runaway_query(world_env: Path) -> None:
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    at = _page("sparql", q=runaway, timeout="1")
    assert at.number_input(key="sparql_timeout").value == 1.0
    at.button(key="sparql_run").click().run()
    assert not at.exception
    message = _plain(at.error[0].value)
    assert message.startswith("Stopped: the query ran longer than the 1 s time limit")
    assert "raise the time limit" in message
    at.text_area(key="sparql_text").input("ASK { ?s ?p ?o }")
    at.button(key="sparql_run").click().run()  # the pool replaced the stopped worker
    assert not at.error
    assert [s.value for s in at.success] == ["Answer: yes."]


def test_sparql_row_cap_says_the_result_was_cut(world_env: Path) -> None:
    at = _page("sparql", q="SELECT ?s ?p ?o WHERE { ?s ?p ?o }", stored="", rows="5")
    assert at.number_input(key="sparql_rows").value == 5
    at.button(key="sparql_run").click().run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 5
    assert any("cut at the row cap of 5" in w.value for w in at.warning)


# --------------------------------------------------------------------------- snapshots
def test_snapshot_is_built_and_every_file_offered(snapshots_env: Path) -> None:
    at = _page("snapshots")
    assert any("No snapshot yet" in _plain(i.value) for i in at.info)
    at.button(key="snapshots_build").click().run()
    assert not at.exception and not at.error
    assert any("Snapshot written to" in _plain(s.value) for s in at.success)
    folders = [p for p in snapshots_env.iterdir() if not p.name.startswith(".")]
    assert len(folders) == 1 and (folders[0] / "manifest.json").is_file()
    files = [b.proto.label for b in at.get("download_button")]
    expected = {"manifest.json"} | {
        str(p.relative_to(folders[0])) for p in folders[0].rglob("*") if p.is_file()
    }
    assert {label.removeprefix("Download ") for label in files} == expected
    assert "Download views/entity-graph.graphml" in files
    tables = [d.value for d in at.dataframe]
    assert set(tables[0]["Licence"]) == {"CC0-1.0"}
    assert "graph.ttl" in set(tables[-1]["File"])

    at.button(key="snapshots_build").click().run()
    assert any("already written today" in _plain(i.value) for i in at.info)


def test_networks_uses_the_communities_stored_with_the_build(
    world_home: Path, world_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import streamlit as st

    st.cache_data.clear()  # no communities left from another test's run

    def no_louvain(_g: object, seed: int = 0) -> list[list[str]]:
        raise AssertionError("Louvain ran although the build stored the communities")

    stored = netview.stored_communities(open_store(world_home), "entity-graph")
    assert stored is not None
    monkeypatch.setattr(netview, "communities", no_louvain)
    at = _page("networks")
    assert not at.exception
    markdown = "\n".join(m.value for m in at.markdown)
    assert f"**Communities** (Louvain, fixed seed): {len(stored)}" in markdown
