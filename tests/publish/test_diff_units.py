"""``regkg diff`` on two small snapshot folders written here (a ``graph.trig`` each): every
count, change, class and line of the text and JSON reports written out by hand."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from graph.errors import ExportError
from graph.publish.diff import Change, DiffReport, _cls, diff, load_records, to_json, to_text

PREFIXES = """@prefix reg: <https://w3id.org/regkg/ontology#> .
@prefix id: <https://w3id.org/regkg/id/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
CASES = "https://w3id.org/regkg/graph/cases"
ORGS = "https://w3id.org/regkg/graph/orgs"
ID = "https://w3id.org/regkg/id/"
REG = "https://w3id.org/regkg/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"

OLD = """
<https://w3id.org/regkg/graph/cases> {
  id:fine-1 a reg:Fine, reg:Decision ; reg:amount "1000000"^^xsd:decimal ; reg:label "Fine one" .
  id:fine-2 a reg:Fine ; reg:label "Fine two" .
  id:note a <http://example.org/Note> ; reg:label "a note" .
}
<https://w3id.org/regkg/graph/orgs> {
  id:acme a reg:Organisation, reg:Party ; reg:label "Acme" .
}
"""
NEW = """
<https://w3id.org/regkg/graph/cases> {
  id:fine-1 a reg:Fine, reg:Decision ; reg:amount "750000"^^xsd:decimal ; reg:label "Fine one" ;
    reg:outcome "reduced" .
  id:note a <http://example.org/Note> ; reg:label "a note" .
  id:fine-3 a reg:Judgment ; reg:label "Judgment three" .
}
<https://w3id.org/regkg/graph/orgs> {
  id:acme a reg:Organisation, reg:Party ; reg:label "Acme" .
  id:court a reg:Court, reg:Authority ; reg:label "Court" .
}
<http://example.org/other> { id:x reg:label "x" . }
"""


def snapshot(folder: Path, body: str) -> Path:
    folder.mkdir()
    (folder / "graph.trig").write_text(PREFIXES + body, encoding="utf-8")
    return folder


@pytest.fixture
def report(tmp_path: Path) -> DiffReport:
    return diff(snapshot(tmp_path / "old", OLD), snapshot(tmp_path / "new", NEW))


def test_counts_per_graph_and_class(report: DiffReport) -> None:
    assert report.added == Counter(
        {(CASES, "Judgment"): 1, (ORGS, "Court"): 1, ("http://example.org/other", "(untyped)"): 1}
    )
    assert report.removed == Counter({(CASES, "Fine"): 1})
    assert report.changed == Counter({(CASES, "Fine"): 1})
    assert report.added_ids == [
        ("http://example.org/other", ID + "x"),
        (CASES, ID + "fine-3"),
        (ORGS, ID + "court"),
    ]
    assert report.removed_ids == [(CASES, ID + "fine-2")]
    assert not report.empty


def test_changes_list_old_and_new_values_of_each_property(report: DiffReport) -> None:
    assert report.changes == [
        Change(
            CASES,
            ID + "fine-1",
            "Fine",
            REG + "amount",
            (f'"1000000"^^<{XSD}decimal>',),
            (f'"750000"^^<{XSD}decimal>',),
        ),
        Change(CASES, ID + "fine-1", "Fine", REG + "outcome", (), ('"reduced"',)),
    ]


def test_text_report(report: DiffReport) -> None:
    head = f"{'named graph':<50} {'class':<22} {'added':>6} {'removed':>8} {'changed':>8}"
    assert head == ("named graph" + " " * 40 + "class" + " " * 19 + "added  removed  changed")
    assert to_text(report).splitlines() == [
        head,
        "http://example.org/other                           (untyped)                   1  "
        "      0        0",
        "https://w3id.org/regkg/graph/cases                 Fine                        0  "
        "      1        1",
        "https://w3id.org/regkg/graph/cases                 Judgment                    1  "
        "      0        0",
        "https://w3id.org/regkg/graph/orgs                  Court                       1  "
        "      0        0",
        "",
        "changed values:",
        f'  {ID}fine-1 (Fine) amount: "1000000"^^<{XSD}decimal> -> "750000"^^<{XSD}decimal>',
        f'  {ID}fine-1 (Fine) outcome: - -> "reduced"',
    ]


def test_json_report(report: DiffReport) -> None:
    assert json.loads(to_json(report)) == {
        "added": [
            {"graph": "http://example.org/other", "class": "(untyped)", "records": 1},
            {"graph": CASES, "class": "Judgment", "records": 1},
            {"graph": ORGS, "class": "Court", "records": 1},
        ],
        "removed": [{"graph": CASES, "class": "Fine", "records": 1}],
        "changed": [{"graph": CASES, "class": "Fine", "records": 1}],
        "changes": [
            {
                "graph": CASES,
                "subject": ID + "fine-1",
                "cls": "Fine",
                "predicate": REG + "amount",
                "old": [f'"1000000"^^<{XSD}decimal>'],
                "new": [f'"750000"^^<{XSD}decimal>'],
            },
            {
                "graph": CASES,
                "subject": ID + "fine-1",
                "cls": "Fine",
                "predicate": REG + "outcome",
                "old": [],
                "new": ['"reduced"'],
            },
        ],
    }
    assert to_json(report).startswith('{\n "added": [\n  {\n   "graph": "http://example.org/other"')


def test_a_removed_value_reads_as_a_dash(tmp_path: Path) -> None:
    old = snapshot(tmp_path / "old", '{ id:a reg:label "A" ; reg:note "n" . }')
    new = snapshot(tmp_path / "new", '{ id:a reg:label "A" . }')
    r = diff(old, new)
    assert r.changed == Counter({("(default)", "(untyped)"): 1})
    assert to_text(r).splitlines()[-1] == f'  {ID}a ((untyped)) {REG}note: "n" -> -'.replace(
        REG, ""
    )


def test_same_snapshot(tmp_path: Path) -> None:
    old = snapshot(tmp_path / "old", OLD)
    r = diff(old, old)
    assert r.empty and r.changes == [] and r.added_ids == [] and r.removed_ids == []
    assert to_text(r) == "no differences"
    assert json.loads(to_json(r)) == {"added": [], "removed": [], "changed": [], "changes": []}


def test_each_kind_alone_makes_a_report_not_empty() -> None:
    for kind in ("added", "removed", "changed"):
        r = DiffReport()
        getattr(r, kind)[("g", "c")] += 1
        assert not r.empty


def test_classes_the_most_specific_reg_type() -> None:
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    assert _cls({rdf_type: {f"<{REG}Fine>"}}) == "Fine"
    assert _cls({rdf_type: {f"<{REG}Record>", f"<{REG}Fine>", f"<{REG}Decision>"}}) == "Fine"
    # only generic classes: the last in alphabetical order
    assert _cls({rdf_type: {f"<{REG}Party>", f"<{REG}Organisation>"}}) == "Party"
    assert _cls({rdf_type: {f"<{REG}Regulator>", f"<{REG}Authority>"}}) == "Regulator"
    # two specific classes: the first in alphabetical order
    assert _cls({rdf_type: {f"<{REG}Judgment>", f"<{REG}Fine>"}}) == "Fine"
    # classes outside reg: are not counted
    assert _cls({rdf_type: {"<http://example.org/Note>"}}) == "(untyped)"
    assert _cls({rdf_type: {"<http://example.org/Note>", f"<{REG}Fine>"}}) == "Fine"
    assert _cls({}) == "(untyped)"


def test_load_records_reads_graphs_subjects_and_values(tmp_path: Path) -> None:
    folder = snapshot(tmp_path / "s", OLD)
    records = load_records(folder)
    assert sorted(records) == [CASES, ORGS]
    assert records[ORGS] == {
        ID + "acme": {
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": {
                f"<{REG}Organisation>",
                f"<{REG}Party>",
            },
            REG + "label": {'"Acme"'},
        }
    }


def test_not_a_snapshot_or_not_trig(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"is not a regkg snapshot: graph\.trig is missing"):
        load_records(tmp_path)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "graph.trig").write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(ExportError, match=r"graph\.trig: not valid TriG"):
        load_records(bad)


def test_counts_add_up_and_every_key_is_listed(tmp_path: Path) -> None:
    """Two records added of one class, two removed of another, two changed of a third, a graph
    gone, and a changed property of two values each side."""
    old = snapshot(
        tmp_path / "old",
        """
<https://w3id.org/regkg/graph/cases> {
  id:f a reg:Fine ; reg:provision "5", "6" .
  id:f2 a reg:Fine ; reg:label "a" .
  id:o1 a reg:Order . id:o2 a reg:Order .
}
<https://w3id.org/regkg/graph/gone> { id:g a reg:Court . }
""",
    )
    new = snapshot(
        tmp_path / "new",
        """
<https://w3id.org/regkg/graph/cases> {
  id:f a reg:Fine ; reg:provision "7", "8" .
  id:f2 a reg:Fine ; reg:label "b" .
  id:j1 a reg:Judgment . id:j2 a reg:Judgment .
}
""",
    )
    r = diff(old, new)
    gone = "https://w3id.org/regkg/graph/gone"
    assert r.added == Counter({(CASES, "Judgment"): 2})
    assert r.removed == Counter({(CASES, "Order"): 2, (gone, "Court"): 1})
    assert r.changed == Counter({(CASES, "Fine"): 2})
    lines = to_text(r).splitlines()
    assert [line.split()[:2] for line in lines[1:5]] == [
        [CASES, "Fine"],
        [CASES, "Judgment"],
        [CASES, "Order"],
        [gone, "Court"],
    ]
    assert lines[-2:] == [
        f'  {ID}f (Fine) provision: "5", "6" -> "7", "8"',
        f'  {ID}f2 (Fine) label: "a" -> "b"',
    ]


def test_only_generic_classes_give_the_last_of_them() -> None:
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    three = {f"<{REG}Authority>", f"<{REG}Party>", f"<{REG}Regulator>"}
    assert _cls({rdf_type: three}) == "Regulator"
