"""scripts/ontology_diagram.py: the Mermaid diagram of the ontology and README.md's copy of it."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph
from rdflib.namespace import OWL

from graph.vocabulary.namespaces import REG
from graph.vocabulary.ontology import load_ontology
from scripts.ontology_diagram import END, START, diagram, is_current, main, replace_block
from tests.fixtures.world_store import ONTOLOGY_DIR

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
SCRIPT = REPO / "scripts" / "ontology_diagram.py"


def _ontology() -> Graph:
    return load_ontology(ONTOLOGY_DIR)


def _name(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1]


def test_diagram_shows_the_main_classes_and_links() -> None:
    text = diagram(_ontology())
    lines = text.splitlines()
    assert lines[0] == "classDiagram"
    for cls in ("Record", "Decision", "Fine", "Judgment", "Authority", "Company", "LegalQuestion"):
        assert f"    class {cls}" in lines, cls
    for line in (
        "    Decision <|-- Fine",
        "    Authority <|-- Court",
        "    Decision --> Authority : decidedBy",
        "    Judgment --> CourtCase : decidedIn",
        "    Holding --> Decision : holdingOf - edge source",
        "    Holding --> LegalQuestion : answers - edge target",
        "    Ownership --> Company : subsidiary - edge source",
    ):
        assert line in lines, line
    assert "    class Holding {" in lines and "        <<relationship>>" in lines
    assert "    class Direction {" in lines and "        <<enumeration>>" in lines


def test_diagram_shows_every_class_and_object_property_link() -> None:
    g, text = _ontology(), diagram(_ontology())
    classes = {c for c in g.subjects(RDF.type, OWL.Class) if str(c).startswith(str(REG._NS))}
    for cls in classes:
        assert f"    class {_name(cls)}" in text, cls
    for prop in g.subjects(RDF.type, OWL.ObjectProperty):
        if g.value(prop, RDFS.domain) in classes and g.value(prop, RDFS.range) in classes:
            assert _name(prop) in text, prop


def test_diagram_leaves_out_outside_vocabularies_and_datatype_properties() -> None:
    text = diagram(_ontology())
    for word in ("prov", "schema", "Entity", "LegalResource", "amountValue", "edgeSource"):
        assert word not in text, word


def test_diagram_is_deterministic() -> None:
    g = _ontology()
    triples = list(g)
    random.Random(7).shuffle(triples)
    shuffled = Graph()
    for t in triples:
        shuffled.add(t)
    assert diagram(shuffled) == diagram(g)


def test_write_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        f"# Title\n\nBefore.\n\n{START}\nold diagram\n{END}\n\nAfter.\n", encoding="utf-8"
    )
    assert main(["--check", str(readme)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert main(["--write", str(readme)]) == 0
    written = readme.read_text(encoding="utf-8")
    assert written.startswith(f"# Title\n\nBefore.\n\n{START}\n```mermaid\nclassDiagram\n")
    assert written.endswith(f"```\n{END}\n\nAfter.\n")
    assert main(["--check", str(readme)]) == 0
    assert main(["--write", str(readme)]) == 0
    assert readme.read_text(encoding="utf-8") == written


def test_markers_are_required(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# No markers\n", encoding="utf-8")
    assert main(["--check", str(readme)]) == 1
    assert main(["--write", str(readme)]) == 2
    assert readme.read_text(encoding="utf-8") == "# No markers\n"
    with pytest.raises(ValueError, match="comes before"):
        replace_block(f"{END}\n{START}\n", "x\n")
    with pytest.raises(ValueError, match="exactly one"):
        replace_block(f"{START}\n{END}\n{START}\n{END}\n", "x\n")


def test_script_prints_the_diagram() -> None:
    out = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, check=True, cwd=REPO
    ).stdout
    assert out == diagram(_ontology())


def test_readme_diagram_is_current() -> None:
    """README.md's diagram matches the ontology (fix: python scripts/ontology_diagram.py --write README.md)."""
    text = README.read_text(encoding="utf-8") if README.exists() else ""
    if START not in text or END not in text:
        pytest.skip("README.md has no ontology-diagram markers yet")
    assert is_current(text, diagram(_ontology())), (
        "README.md's ontology diagram is out of date: run "
        "'python scripts/ontology_diagram.py --write README.md'"
    )
