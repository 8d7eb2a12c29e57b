"""Citations: case references as the sources write them, the curated name table, the citation
network view and its metrics, and the stored queries most-cited, cited-by and citation-path held
to the networkx view on the fixture world."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graph.importers.base import ImportFailed
from graph.importers.case_refs import CaseRefError, NameTable, find_mentions, parse_cited
from graph.network.citations import (
    citation_metrics,
    citation_of,
    citation_paths,
    cited_by,
    most_cited,
)
from graph.network.metrics import compute_metrics
from graph.network.views import VIEWS, entity_graph
from graph.settings import data_dir
from graph.sparql.stored import get_query
from graph.stores.contract import Store
from graph.stores.results import run_stored

ID = "https://w3id.org/regkg/id/decision/"
NAMES = NameTable.load(data_dir() / "case-names.yaml")


# -- case references ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "numbers", "label", "key"),
    [
        ("C-311/18", ("C-311/18",), "C-311/18", "c-311-18"),
        ("C-615/19 P", ("C-615/19",), "C-615/19 P", "c-615-19"),
        ("C-216/18 PPU", ("C-216/18",), "C-216/18 PPU", "c-216-18"),
        ("106/77", ("106/77",), "106/77", "106-77"),
        ("C-67/20 to C-69/20", ("C-67/20", "C-68/20", "C-69/20"), "C-67/20 to C-69/20", "c-67-20"),
        (
            "100/80 to 103/80",
            ("100/80", "101/80", "102/80", "103/80"),
            "100/80 to 103/80",
            "100-80",
        ),
        ("Opinion 1/15", ("Opinion 1/15",), "Opinion 1/15", "opinion-1-15"),
    ],
)
def test_cited_case_forms_normalised(
    text: str, numbers: tuple[str, ...], label: str, key: str
) -> None:
    ref = parse_cited(text)
    assert (ref.numbers, ref.label, ref.key) == (numbers, label, key)


@pytest.mark.parametrize("text", ["Schrems", "C-1/20 to C-90/20", "C-5/20 to C-3/20", "T-1/20"])
def test_cited_case_not_a_case_number_is_refused(text: str) -> None:
    with pytest.raises(CaseRefError):
        parse_cited(text)


def test_mentions_in_text() -> None:
    text = (
        "Following the CJEU's ruling in the Planet 49 case (C‑673/17) and ECLI:EU:C:2020:559, "
        "the court (10 C 206/23) applied Schrems II."
    )
    found = [(m.via, m.ref.numbers) for m in find_mentions(text, NAMES)]
    assert found == [
        ("name", ("C-673/17",)),
        ("case number", ("C-673/17",)),
        ("ECLI", ("ECLI:EU:C:2020:559",)),
        ("name", ("C-311/18",)),
    ]


def test_a_name_among_the_parties_is_not_a_citation() -> None:
    assert [m.text for m in find_mentions("A fine on Planet49 GmbH.", NAMES)] == ["Planet49"]
    assert find_mentions("A fine on Planet49 GmbH.", NAMES, exclude="Planet49 GmbH") == []


def test_name_table_every_entry_has_a_source() -> None:
    assert NAMES.names, "data/case-names.yaml lists no names"
    for entry in NAMES.names:
        assert entry.source.url or (entry.source.dataset and entry.source.record), entry.name


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("names:\n  - {name: X, case_numbers: [C-1/20]}\n", "entry 1 (X): a source needs"),
        ("names:\n  - {name: X, case_numbers: [nope], source: {url: u, as_of: '2026'}}\n", "nope"),
        ("names:\n  - {name: X, case_numbers: [C-1/20], colour: red}\n", "unknown field 'colour'"),
        ("names: 3\n", "expected a list under 'names'"),
    ],
)
def test_name_table_errors_name_file_and_entry(tmp_path: Path, body: str, needle: str) -> None:
    path = tmp_path / "case-names.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ImportFailed, match="case-names.yaml") as err:
        NameTable.load(path)
    assert needle in str(err.value)


# -- the view and its metrics ------------------------------------------------------------------
@pytest.fixture
def net(world: Store) -> nx.MultiDiGraph:
    return citation_of(entity_graph(world))


def test_view_registered_and_holds_only_treatments(world: Store, net: nx.MultiDiGraph) -> None:
    view = VIEWS["citation-network"].build(world)
    assert sorted(view.edges(keys=True)) == sorted(net.edges(keys=True))
    assert {d["kind"] for _a, _b, d in net.edges(data=True)} == {"Treatment"}
    assert {d["label"] for _a, _b, d in net.edges(data=True)} >= {"cites", "applies"}
    assert all(net.nodes[n]["kind"] in {"Judgment", "Fine", "CourtCase"} for n in net)


def test_metrics_cited_by_and_first_cited(world: Store, net: nx.MultiDiGraph) -> None:
    values = citation_metrics(net)
    supreme = values[ID + "supreme-2021"]
    assert supreme["cited_by"] == 2  # cx-service-2022 (considers), ado-appeal-2022 (cites)
    assert supreme["first_cited"] == 2022
    assert values[ID + "tax-ruling-2023"] == {"cited_by": 0.0}
    stored = compute_metrics(world)["citation-network"]
    for n, v in values.items():
        assert {k: stored[n][k] for k in v} == v
        assert "pagerank" in stored[n]


# -- stored queries against the networkx view --------------------------------------------------
def _rows(store: Store, name: str, **values: str) -> list[dict[str, str | None]]:
    return run_stored(store, get_query(name), values).records()


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"from_year": "2023"},
        {"to_year": "2022"},
        {"jurisdiction": "BB"},
        {"jurisdiction": "ZZ"},
    ],
)
def test_most_cited_matches_view(
    world: Store, net: nx.MultiDiGraph, values: dict[str, str]
) -> None:
    expected = most_cited(
        net,
        int(values.get("from_year", 1900)),
        int(values.get("to_year", 2100)),
        values.get("jurisdiction", "any"),
    )
    got = _rows(world, "most-cited", **values)
    assert [(r["ruling"], int(r["citedBy"] or 0)) for r in got] == [
        (c.ruling, c.cited_by) for c in expected
    ]
    assert [int(r["firstCited"]) if r["firstCited"] else None for r in got] == [
        c.first_cited for c in expected
    ]
    if not values:
        assert expected[0].ruling == ID + "supreme-2021"


@pytest.mark.parametrize("ruling", ["supreme-2021", "ado-appeal-2022", "tax-ruling-2023"])
def test_cited_by_matches_view(world: Store, net: nx.MultiDiGraph, ruling: str) -> None:
    got = _rows(world, "cited-by", ruling=ruling)
    assert {(r["citing"], r["treatment"]) for r in got} == cited_by(net, ID + ruling)
    dates = [r["date"] or "" for r in got]
    assert dates == sorted(dates)
    assert all(r["trust"] and r["jurisdiction"] for r in got)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("tax-ruling-2023", "supreme-2021"),
        ("tax-ruling-2023", "ado-fine-2021"),
        ("ado-appeal-2022", "supreme-2021"),
        ("supreme-2021", "tax-ruling-2023"),
    ],
)
def test_citation_path_matches_view(
    world: Store, net: nx.MultiDiGraph, source: str, target: str
) -> None:
    got = _rows(world, "citation-path", **{"from": source, "to": target})
    routes = [
        [ID + source, *[r[v] for v in ("via1", "via2", "via3") if r[v]], ID + target] for r in got
    ]
    assert routes == citation_paths(net, ID + source, ID + target)
    hops = [int(r["hops"] or 0) for r in got]
    assert hops == sorted(hops)
    if source == "tax-ruling-2023" and target == "supreme-2021":
        assert len(routes) == 2 and all(len(r) == 3 for r in routes)
