"""A decision's sources side by side (graph.explorer.decision_sources) and on the entity page.

The store is the fixture world plus two import-like graphs (tests/fixtures/linked_world.py):
the linkage stage makes one imported record a duplicate of the curated ADO fine and two others
its parts. The page is checked through AppTest on a store home written as build + import write
it (the linkage stage runs in the writer)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from graph.explorer.decision_sources import DIFFERS, decision_sources
from graph.explorer.refs import bind, iri_term
from graph.linkage.records import LINKAGE_GRAPH
from graph.pipeline.sample import WORLD_DIR, world_store
from graph.stores.contract import Store
from graph.vocabulary.namespaces import REG
from tests.conftest import REPO
from tests.fixtures.linked_world import (
    DUPLICATE,
    HOSTILE,
    PARTS,
    WHOLE,
    build_linked_home,
    linked_store,
)

WHOLE_LABEL = "ADO fine on Acme EU (children), 2021"


@pytest.fixture(scope="module")
def linked() -> Store:
    return linked_store()


def test_the_fixture_store_has_the_links_the_page_reads(linked: Store) -> None:
    rows = linked.query(
        "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(ISIRI(?o) && ?s != ?g) }",
        bind(g=iri_term(LINKAGE_GRAPH)),
    )
    links = {(r["s"].value, r["p"].value.rsplit("#", 1)[1], r["o"].value) for r in rows}
    assert links == {
        (DUPLICATE, "duplicateOf", WHOLE),
        (PARTS[0], "partOf", WHOLE),
        (PARTS[1], "partOf", WHOLE),
        # the fixture world's appeal judgment "reducing the fine", read by graph.linkage.outcomes
        ("https://w3id.org/regkg/id/decision/ado-appeal-2022", "reviewOutcome", str(REG.Varied)),
    }


@pytest.mark.parametrize("shown", [WHOLE, DUPLICATE])
def test_every_record_of_the_decision_whichever_record_is_shown(linked: Store, shown: str) -> None:
    s = decision_sources(linked, shown)
    assert s is not None
    assert s.iri == shown and s.preferred.iri == WHOLE
    assert [(r.record.iri, r.counted) for r in s.rows] == [(WHOLE, True), (DUPLICATE, False)]
    curated, tracker = s.rows
    assert (curated.source, tracker.source) == (
        "curated file cases.yaml",
        "fixturetracker, record FT-10",
    )
    assert (curated.date, curated.announced, tracker.date, tracker.announced) == (
        "2021-05-10",
        "2021-05-20",
        "2021-05-20",
        "—",
    )
    assert (curated.company, tracker.company) == ("Acme EU Ltd", "not named")
    assert curated.amount == tracker.amount == "1,000,000.00 EUR"
    assert curated.identifiers == tracker.identifiers == "Case number ADO-2021-7"
    assert curated.differs == frozenset()
    assert tracker.differs == {"date", "announced", "company"}
    assert s.counted_note == f"Counted once, as {WHOLE_LABEL}"


def test_differing_cells_are_marked_and_the_same_ones_are_not(linked: Store) -> None:
    s = decision_sources(linked, DUPLICATE)
    assert s is not None
    curated, tracker = s.table()
    assert tracker["Record"] == HOSTILE  # plain text: the page shows it as a table cell
    assert (tracker["Date"], tracker["Announced"], tracker["Company"]) == (
        DIFFERS + "2021-05-20",
        DIFFERS + "—",
        DIFFERS + "not named",
    )
    for column in ("Amount", "EUR", "Authority", "Identifiers", "Source", "Record"):
        assert not tracker[column].startswith(DIFFERS)
    assert not any(v.startswith(DIFFERS) for v in curated.values())
    assert (curated["Counted"], tracker["Counted"]) == ("yes", "no")


def test_a_whole_lists_its_parts_and_a_part_is_counted_as_part_of_it(linked: Store) -> None:
    whole = decision_sources(linked, WHOLE)
    assert whole is not None and whole.whole is None
    assert [p.record.iri for p in whole.parts] == list(PARTS)
    assert [(p.amount, p.source) for p in whole.parts] == [
        ("700,000.00 EUR", "fixturehub, record H-7a"),
        ("300,000.00 EUR", "fixturehub, record H-7b"),
    ]
    assert whole.parts_note == "Recorded by another source as 2 parts, which are not counted:"
    part = decision_sources(linked, PARTS[0])
    assert part is not None and part.whole is not None
    assert part.whole.iri == WHOLE
    assert part.counted_note == f"Counted once as part of {WHOLE_LABEL}"
    assert [(r.record.iri, r.counted) for r in part.rows] == [(PARTS[0], False)]
    assert part.parts == () and part.several


def test_without_links_a_decision_stands_alone() -> None:
    s = decision_sources(world_store(), WHOLE)  # the fixture world alone: no linkage graph
    assert s is not None
    assert [r.record.iri for r in s.rows] == [WHOLE]
    assert s.whole is None and s.parts == () and not s.several
    assert decision_sources(world_store(), "https://w3id.org/regkg/id/company/acme-eu") is None


# --------------------------------------------------------------------------- the page
@pytest.fixture(scope="module")
def linked_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_linked_home(tmp_path_factory.mktemp("linked-home"))


@pytest.fixture
def linked_env(linked_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("REGKG_HOME", str(linked_home))
    monkeypatch.setenv("REGKG_DATA", str(WORLD_DIR))
    yield linked_home


def _entity(iri: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    at.query_params["id"] = iri
    at.run()
    at.switch_page("pages/entity.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _links(at: AppTest) -> dict[str, list[str]]:
    """Each page link's label → the ``id`` it opens."""
    return {
        p.proto.label: parse_qs(p.proto.query_string).get("id", []) for p in at.get("page_link")
    }


def _texts(at: AppTest) -> list[str]:
    out = [str(e.value) for e in (*at.title, *at.subheader, *at.markdown, *at.caption)]
    return out + [str(p.proto.label) for p in at.get("page_link")]


def test_the_page_sets_the_sources_side_by_side(linked_env: Path) -> None:
    at = _entity(DUPLICATE)
    assert "Sources of this decision" in [s.value for s in at.subheader]
    links = _links(at)
    assert links["Counted once, as ADO fine on Acme EU \\(children\\), 2021"] == [WHOLE]
    table = next(d for d in at.dataframe if "Counted" in d.value.columns)
    frame = table.value
    assert list(frame["IRI"]) == [WHOLE, DUPLICATE]
    assert list(frame["Date"]) == ["2021-05-10", DIFFERS + "2021-05-20"]
    assert list(frame["Record"]) == [WHOLE_LABEL, HOSTILE]  # a table cell: text, not HTML
    styles = table.proto.arrow_data.styler.styles
    assert "font-weight: bold" in styles  # the marked cells, in bold
    assert not [t for t in _texts(at) if "<img" in t]  # every markdown label escaped


def test_the_whole_lists_its_parts_and_a_part_links_to_the_whole(linked_env: Path) -> None:
    whole = _entity(WHOLE)
    assert any(m.value.startswith("Recorded by another source as 2 parts") for m in whole.markdown)
    parts = {label: ids for label, ids in _links(whole).items() if ids and ids[0] in PARTS}
    assert sorted(ids[0] for ids in parts.values()) == sorted(PARTS)
    assert any("&lt;img src\\=x onerror\\=alert\\(1\\)&gt;" in label for label in parts)
    assert not [t for t in _texts(whole) if "<img" in t]
    part = _entity(PARTS[1])
    note = "Counted once as part of ADO fine on Acme EU \\(children\\), 2021"
    assert _links(part)[note] == [WHOLE]
    assert not any(d for d in part.dataframe if "Counted" in d.value.columns)  # one record


def test_a_decision_no_other_source_records(linked_env: Path) -> None:
    at = _entity("https://w3id.org/regkg/id/decision/bmcb-fine-2022")
    assert "Sources of this decision" in [s.value for s in at.subheader]
    assert "No other source in this store records this decision." in [c.value for c in at.caption]
    assert not [label for label in _links(at) if label.startswith("Counted once")]
