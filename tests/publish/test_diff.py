"""regkg diff: records added, removed and changed between two snapshots, with the values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from graph.cli import main
from graph.errors import ExportError
from graph.pipeline.build import build
from graph.publish.diff import diff, to_json, to_text
from graph.publish.export import export_snapshot
from graph.stores.factory import open_store
from tests.curated.test_corpus import edit, world_copy
from tests.fixtures.world_store import ONTOLOGY_DIR

CASES = "https://w3id.org/regkg/graph/curated-cases"
AMOUNT = "https://w3id.org/regkg/id/amount/ado-fine-2021-amount"


def remove_decision(path: Path, decision: str) -> None:
    """Delete a decision's record and every treatment citing or cited by it.

    A treatment naming a decision that is gone is a load error, so removing a decision from the
    world means removing the treatments that point at it too (as a curator would).
    """
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    gone = {decision} | {
        t["id"] for t in doc.get("treatments", []) if decision in (t["citing"], t["cited"])
    }
    kept: list[str] = []
    skipping = False
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("  - "):
            first = yaml.safe_load(line[4:])  # "id: x" or a one-line "{id: x, ...}"
            skipping = isinstance(first, dict) and first.get("id") in gone
        elif not line.startswith("    "):
            skipping = False
        if not skipping:
            kept.append(line)
    path.write_text("".join(kept), encoding="utf-8")
    left = {r["id"] for rows in yaml.safe_load("".join(kept)).values() for r in rows}
    assert not gone & left, f"{sorted(gone & left)} not removed from {path.name}"


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("diff")
    world = world_copy(tmp)
    build(world, ONTOLOGY_DIR, tmp / "home")
    old = export_snapshot(open_store(tmp / "home"), tmp / "old")
    edit(
        world / "cases.yaml",
        "amount: {value: 1000000, currency: EUR}",
        "amount: {value: 750000, currency: EUR}",
    )
    remove_decision(world / "cases.yaml", "tax-ruling-2023")
    edit(
        world / "orgs.yaml",
        "courts:\n",
        'courts:\n  - id: bb-court\n    name: Borduria Court\n    jurisdiction: BB\n    source: {url: "https://example.org/bbc", as_of: "2026-02-01"}\n',
    )
    build(world, ONTOLOGY_DIR, tmp / "home")
    new = export_snapshot(open_store(tmp / "home"), tmp / "new")
    return old, new


def test_same_snapshot_has_no_differences(snapshots: tuple[Path, Path]) -> None:
    old, _new = snapshots
    report = diff(old, old)
    assert report.empty and to_text(report) == "no differences"


def test_reduced_amount_is_a_changed_value(snapshots: tuple[Path, Path]) -> None:
    report = diff(*snapshots)
    changes = {(c.subject, c.predicate.rsplit("#", 1)[-1]): c for c in report.changes}
    value = changes[(AMOUNT, "amountValue")]
    assert value.cls == "MonetaryAmount" and value.graph == CASES
    assert value.old == ('"1000000"^^<http://www.w3.org/2001/XMLSchema#decimal>',)
    assert value.new == ('"750000"^^<http://www.w3.org/2001/XMLSchema#decimal>',)
    assert report.changed[(CASES, "MonetaryAmount")] == 1


def test_added_and_removed_per_graph_and_class(snapshots: tuple[Path, Path]) -> None:
    report = diff(*snapshots)
    assert report.removed[(CASES, "Judgment")] == 1
    assert (CASES, "https://w3id.org/regkg/id/decision/tax-ruling-2023") in report.removed_ids
    assert report.added[("https://w3id.org/regkg/graph/curated-orgs", "Court")] == 1
    doc = json.loads(to_json(report))
    assert {"graph": CASES, "class": "Judgment", "records": 1} in doc["removed"]


def test_cli_diff(snapshots: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(snapshots[0]), str(snapshots[1])]) == 0
    out = capsys.readouterr().out
    assert "amountValue" in out and "1000000" in out and "750000" in out


def test_not_a_snapshot(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="not a regkg snapshot: graph.trig is missing"):
        diff(tmp_path, tmp_path)
