"""The build pipeline: clear errors, the SHACL gate, rebuild-on-change, and a store left untouched."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.errors import OntologyError, SourceDataError, ValidationFailed
from graph.pipeline.build import build
from graph.stores.embedded import current_path, writer
from graph.stores.factory import open_store
from tests.curated.test_corpus import edit, world_copy
from tests.fixtures.world_store import ONTOLOGY_DIR

IMPORTED = "https://w3id.org/regkg/graph/some-import"


@pytest.fixture
def world(tmp_path: Path) -> Path:
    return world_copy(tmp_path)


@pytest.mark.parametrize(
    ("file", "old", "new", "error", "expected"),
    [
        (
            "cases.yaml",
            'authority: aa-dpa\n    jurisdiction: AA\n    date: "2021-05-10"',
            'authority: nowhere-dpa\n    jurisdiction: AA\n    date: "2021-05-10"',
            SourceDataError,
            "cases.yaml, record 'ado-fine-2021 (line 38)', field 'authority': refers to 'nowhere-dpa', which is not a known regulator or court",
        ),
        (
            "cases.yaml",
            "amount: {value: 1000000, currency: EUR}",
            "amount: {value: 1000000, currency: EUX}",
            SourceDataError,
            "field 'amount': 'EUX' is not an ISO 4217 currency code",
        ),
        (
            "cases.yaml",
            "authority: aa-supreme-court",
            "authority: aa-dpa",
            SourceDataError,
            "field 'authority': a judgment must be given by a court",
        ),
        (
            "cases.yaml",
            'infringed: ["UPR Art 32"]',
            'infringed: ["XYZ Art 32"]',
            SourceDataError,
            "field 'infringed': provision reference 'XYZ Art 32' does not start with a known instrument",
        ),
        (
            "cases.yaml",
            "procedure: [{relation: renews, decision: bmcb-order-2021}]",
            "procedure: [{relation: renews, decision: no-such-order}]",
            SourceDataError,
            "field 'procedure': refers to 'no-such-order'",
        ),
        (
            "orgs.yaml",
            "subsidiary: acme-video\n",
            "subsidiary: acme-nothing\n",
            SourceDataError,
            "field 'subsidiary': refers to 'acme-nothing', which is not a known company",
        ),
        (
            "orgs.yaml",
            "  - id: lone-co\n",
            "  - id: acme-group\n",
            SourceDataError,
            "field 'id': duplicate company id",
        ),
        (
            "cases.yaml",
            "subjects: [lone-co]",
            "subjects: []",
            ValidationFailed,
            "cases.yaml, record 'ado-fine-lone-2020' (line 73): field subject: a fine needs a subject",
        ),
        (
            "cases.yaml",
            '    amount: {value: 50000, currency: GBP, note: "Synthetic note on the amount."}\n',
            "",
            ValidationFailed,
            "record 'bmcb-fine-2022' (line 59): field imposedAmount: a fine needs one imposed amount",
        ),
    ],
)
def test_bad_input_fails_clearly_and_leaves_store(
    world: Path,
    tmp_path: Path,
    file: str,
    old: str,
    new: str,
    error: type[Exception],
    expected: str,
) -> None:
    home = tmp_path / "home"
    build(world, ONTOLOGY_DIR, home)
    before = current_path(home)
    before_triples = len(open_store(home))
    edit(world / file, old, new)
    with pytest.raises(error) as err:
        build(world, ONTOLOGY_DIR, home)
    assert expected in str(err.value)
    assert current_path(home) == before
    assert len(open_store(home)) == before_triples


@pytest.mark.parametrize(
    ("file", "added", "error"),
    [
        ("regkg.ttl", "reg:Broken a owl:Class ;; rdfs:label .", "regkg.ttl: broken Turtle"),
        # a shape construct the SHACL gate does not implement stops the build, naming the shape
        # (it is never skipped silently)
        (
            "regkg-shapes.ttl",
            "regsh:ClosedFine a sh:NodeShape ; sh:targetClass reg:Fine ; sh:closed true .",
            "shapes: regsh:ClosedFine: sh:closed .not supported",
        ),
    ],
    ids=["broken-turtle", "unsupported-shape"],
)
def test_bad_ontology_or_shapes_stop_the_build(
    world: Path, tmp_path: Path, file: str, added: str, error: str
) -> None:
    onto = tmp_path / "onto"
    onto.mkdir()
    for f in ONTOLOGY_DIR.glob("*.ttl"):
        (onto / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    with (onto / file).open("a", encoding="utf-8") as fh:
        fh.write(f"\n{added}\n")
    with pytest.raises(OntologyError, match=error):
        build(world, onto, tmp_path / "home")
    assert current_path(tmp_path / "home") is None


def test_rebuild_only_on_change(world: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = build(world, ONTOLOGY_DIR, home)
    assert first.rebuilt and first.triples > 1000
    assert not build(world, ONTOLOGY_DIR, home).rebuilt
    assert build(world, ONTOLOGY_DIR, home, force=True).rebuilt
    edit(world / "cases.yaml", "Synthetic inquiry", "Synthetic inquiry (edited)")
    assert build(world, ONTOLOGY_DIR, home).rebuilt


def test_build_keeps_other_graphs_and_drops_removed_curated_files(
    world: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    build(world, ONTOLOGY_DIR, home)
    quad = ox.Quad(
        ox.NamedNode("https://w3id.org/regkg/id/x/1"),
        ox.NamedNode("urn:p"),
        ox.Literal("v"),
        ox.NamedNode(IMPORTED),
    )
    with writer(home) as w:
        w.replace_graph(IMPORTED, [quad])
    edit(world / "catalog.toml", "[graphs.law]", "[graphs.statute]")
    build(world, ONTOLOGY_DIR, home)
    graphs = open_store(home).named_graphs()
    assert IMPORTED in graphs
    assert "https://w3id.org/regkg/graph/curated-statute" in graphs
    assert "https://w3id.org/regkg/graph/curated-law" not in graphs


def test_ids_are_stable_across_builds(world: Path, tmp_path: Path) -> None:
    build(world, ONTOLOGY_DIR, tmp_path / "a")
    build(world, ONTOLOGY_DIR, tmp_path / "b")
    a = sorted(str(q) for q in open_store(tmp_path / "a").quads())
    b = sorted(str(q) for q in open_store(tmp_path / "b").quads())
    assert a == b
    assert not any("_:" in line.split(" ")[0] for line in a), "no blank nodes in data"
