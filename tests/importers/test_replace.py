"""An import replaces its graph: a smaller, edited copy of the tracker file replaces the graph,
a reduced fine keeps its IRI and shows up in ``regkg diff`` as a changed value; ``regkg build``
leaves imported graphs alone."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graph.pipeline.build import build
from graph.pipeline.imports import import_file
from graph.publish.diff import diff
from graph.publish.export import export_snapshot
from graph.settings import data_dir, ontology_dir
from graph.stores.factory import open_store
from tests.conftest import SHARED

TRACKER = SHARED / "raw" / "enforcementtracker" / "enforcementtracker_full_download.json"
GRAPH = "https://w3id.org/regkg/graph/enforcementtracker"
AMOUNT = "https://w3id.org/regkg/id/amount/enforcementtracker-etid-770-amount"
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def decisions_in(home: Path) -> int:
    q = f"""PREFIX reg: <https://w3id.org/regkg/ontology#>
    SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?d a reg:Decision }} }}"""
    return int(next(iter(open_store(home).query(q)))["n"].value)


@pytest.fixture(scope="module")
def snapshots(
    tmp_path_factory: pytest.TempPathFactory, default_home: Path
) -> tuple[Path, Path, Path]:
    if not TRACKER.exists():
        pytest.skip(f"../shared is absent ({TRACKER} not found): no tracker file to edit")
    tmp = tmp_path_factory.mktemp("replace")
    home = tmp / "home"
    shutil.copytree(default_home, home, symlinks=True)  # the curated build
    rows = json.loads(TRACKER.read_text("utf-8"))["data"]
    etid_770 = next(r for r in rows if r[1] == "ETid-770")
    first = tmp / "in" / "tracker-a.json"
    first.parent.mkdir()
    first.write_text(json.dumps({"data": [*rows[:40], etid_770]}), encoding="utf-8")
    import_file("enforcementtracker", first, home=home, now=NOW, progress=False)
    assert decisions_in(home) == 41
    old = export_snapshot(open_store(home), tmp / "old")
    reduced = [*etid_770[:5], "500,000", *etid_770[6:]]
    second = tmp / "in" / "tracker-b.json"
    second.write_text(json.dumps({"data": [*rows[:30], reduced]}), encoding="utf-8")
    rep = import_file("enforcementtracker", second, home=home, now=NOW, progress=False)
    assert not rep.noop and rep.read == 31
    new = export_snapshot(open_store(home), tmp / "new")
    return old, new, home


def test_the_graph_is_replaced(snapshots: tuple[Path, Path, Path]) -> None:
    _old, _new, home = snapshots
    assert decisions_in(home) == 31


def test_a_reduced_amount_keeps_its_iri_and_is_a_changed_value(
    snapshots: tuple[Path, Path, Path],
) -> None:
    old, new, _home = snapshots
    report = diff(old, new)
    changes = {
        (c.subject, c.predicate.rsplit("#", 1)[-1]): c for c in report.changes if c.graph == GRAPH
    }
    value = changes[(AMOUNT, "amountValue")]
    assert value.old == ('"750000"^^<http://www.w3.org/2001/XMLSchema#decimal>',)
    assert value.new == ('"500000"^^<http://www.w3.org/2001/XMLSchema#decimal>',)
    assert report.removed[(GRAPH, "Fine")] == 10
    assert (
        GRAPH,
        "https://w3id.org/regkg/id/decision/enforcementtracker-etid-35",
    ) in report.removed_ids


def test_build_never_drops_imported_graphs(snapshots: tuple[Path, Path, Path]) -> None:
    _old, _new, home = snapshots
    result = build(data_dir(), ontology_dir(), home, force=True)
    assert result.rebuilt and GRAPH in open_store(home).named_graphs()
    assert decisions_in(home) == 31
