"""Imported data in the app's tables and graph: a filter by source, and a record that duplicates
a curated decision shown only on request and never counted twice."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from streamlit.testing.v1 import AppTest

from graph.explorer import tables
from graph.explorer.explore import Filters, filtered, sources_present
from graph.network.views import entity_graph, filter_view
from graph.stores.contract import Store
from graph.stores.embedded import writer
from tests.conftest import REPO
from tests.fixtures.world_store import world_store

REG = "https://w3id.org/regkg/ontology#"
ID = "https://w3id.org/regkg/id/"
TRACKER = "https://w3id.org/regkg/graph/enforcementtracker"
CASES = "https://w3id.org/regkg/graph/curated-cases"
XSD = "http://www.w3.org/2001/XMLSchema#"


def _imported() -> list[ox.Quad]:
    """Two imported fines: one the same decision as the curated ADO fine, one new."""
    g = ox.NamedNode(TRACKER)

    def q(s: str, p: str, o: ox.NamedNode | ox.Literal) -> ox.Quad:
        return ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o, g)

    out: list[ox.Quad] = []
    for key, amount, dup in (("et-1", "1000000", True), ("et-2", "25000", False)):
        d, m = f"{ID}decision/{key}", f"{ID}amount/{key}"
        out += [
            q(d, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", ox.NamedNode(REG + t))
            for t in ("Fine", "Decision", "Record")
        ]
        out += [
            q(d, "http://www.w3.org/2000/01/rdf-schema#label", ox.Literal(f"Tracker fine {key}")),
            q(
                d,
                REG + "decisionDate",
                ox.Literal("2021-05-10", datatype=ox.NamedNode(XSD + "date")),
            ),
            q(d, REG + "decidedBy", ox.NamedNode(ID + "regulator/aa-dpa")),
            q(d, REG + "subject", ox.NamedNode(ID + "company/acme-eu")),
            q(d, REG + "asOf", ox.Literal("2026-11-29", datatype=ox.NamedNode(XSD + "date"))),
            q(d, REG + "trustTier", ox.NamedNode(REG + "Imported")),
            q(d, REG + "imposedAmount", ox.NamedNode(m)),
            q(m, REG + "amountValue", ox.Literal(amount, datatype=ox.NamedNode(XSD + "decimal"))),
            q(m, REG + "currency", ox.Literal("EUR")),
            q(m, REG + "eurValue", ox.Literal(amount, datatype=ox.NamedNode(XSD + "decimal"))),
        ]
        if dup:
            out.append(q(d, REG + "duplicateOf", ox.NamedNode(ID + "decision/ado-fine-2021")))
    return out


@pytest.fixture(scope="module")
def mixed() -> Store:
    store = world_store()
    store.store.extend(_imported())
    return store


def test_fines_table_counts_a_duplicate_once(mixed: Store) -> None:
    rows = tables.fines(mixed)
    by_iri = {r.iri: r for r in rows}
    assert by_iri[ID + "decision/et-1"].duplicate_of == ID + "decision/ado-fine-2021"
    assert by_iri[ID + "decision/et-2"].sources == (TRACKER,)
    shown = tables.filter_fines(rows, tables.FineFilter())
    assert ID + "decision/et-1" not in {r.iri for r in shown}
    assert tables.totals(shown).eur == tables.totals(tables.fines(world_store())).eur + 25000
    everything = tables.filter_fines(rows, tables.FineFilter(include_duplicates=True))
    assert tables.totals(everything) == tables.totals(shown)


def test_fines_filter_by_source(mixed: Store) -> None:
    rows = tables.fines(mixed)
    imported = tables.filter_fines(rows, tables.FineFilter(sources=frozenset({TRACKER})))
    assert [r.iri for r in imported] == [ID + "decision/et-2"]
    curated = tables.filter_fines(rows, tables.FineFilter(sources=frozenset({CASES})))
    assert all(CASES in r.sources for r in curated) and len(curated) == 3


def test_graph_filter_by_source(mixed: Store) -> None:
    g = entity_graph(mixed)
    assert TRACKER in sources_present(g)
    only = filter_view(g, sources={TRACKER})
    assert set(only) == {ID + "decision/et-1", ID + "decision/et-2"}
    center = ID + "company/acme-eu"
    view = filtered(g, Filters(sources=(TRACKER,)), keep=[center])
    assert set(view) == {center, ID + "decision/et-1", ID + "decision/et-2"}


@pytest.fixture
def mixed_home(world_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    shutil.copytree(world_home, home, symlinks=True)
    with writer(home) as w:
        w.replace_graph(TRACKER, _imported())
    monkeypatch.setenv("REGKG_HOME", str(home))
    yield home


def test_fines_page_filters_by_source(mixed_home: Path) -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params["source"] = "enforcementtracker"
    at.run()
    at.switch_page("pages/fines.py").run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value
    assert list(table["Fine"]) == ["Tracker fine et-2"]
    assert list(table["Source"]) == ["enforcementtracker"]
