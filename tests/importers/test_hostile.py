"""Hostile inputs (tests/fixtures/hostile/) are imported or quarantined, never a traceback; the
CLI refuses what it cannot read with one line and exit status 2."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph as RDFGraph
from rdflib import Literal, URIRef

from graph.cli import main
from graph.errors import ValidationFailed
from graph.importers import ImportFailed, Report
from graph.importers.gate import MODES, validate_import
from graph.pipeline.imports import import_file
from graph.stores.embedded import current_path
from graph.stores.factory import open_store

HOSTILE = Path(__file__).parents[1] / "fixtures" / "hostile"
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
ID = "https://w3id.org/regkg/id/"
REG_NS = "https://w3id.org/regkg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
COMPANY = REG_NS + "Company"


@pytest.fixture
def home(default_home: Path, tmp_path: Path) -> Iterator[Path]:
    """A fresh copy of the session's curated store for one test."""
    target = tmp_path / "home"
    shutil.copytree(default_home, target, symlinks=True)
    yield target


def run(source: str, name: str, home: Path, **kw: object) -> Report:
    return import_file(source, HOSTILE / name, home=home, now=NOW, progress=False, **kw)  # type: ignore[arg-type]


def quarantined(rep: Report) -> dict[int, str]:
    return {q["row"]: q["reason"] for q in rep.quarantined}


def literals(home: Path) -> list[str]:
    store = open_store(home)
    return [q.object.value for q in store.quads() if isinstance(q.object, ox.Literal)]


def decision(home: Path, key: str) -> dict[str, list[str]]:
    store = open_store(home)
    out: dict[str, list[str]] = {}
    for q in store.store.quads_for_pattern(ox.NamedNode(ID + "decision/" + key), None, None, None):
        out.setdefault(q.predicate.value.rsplit("#", 1)[-1], []).append(q.object.value)
    return out


def test_gdprhub(home: Path) -> None:
    rep = run("gdprhub", "gdprhub.csv", home)
    assert (rep.read, rep.imported + rep.merged, len(rep.quarantined)) == (8, 5, 3)
    assert quarantined(rep) == {
        4: "wrong arity: 3 fields, expected 12",
        5: "every field is empty or a placeholder ('-)",
        8: "no jurisdiction: neither the row nor its authority names a country",
    }
    assert {(p["row"], p["problem"]) for p in rep.amount_problems} == {
        (1, "non-finite"),
        (2, "negative"),
        (3, "non-finite"),
        (6, "absurd"),
    }
    texts = literals(home)
    assert not any("<script" in t or "<b>" in t or "<i>" in t for t in texts)
    assert not any("John Smith" in t for t in texts), "a private person's name was stored"
    assert "\u202e" not in "".join(texts)
    injection = [t for t in texts if "DROP GRAPH" in t]
    assert injection, "the injection-shaped case number is kept as text"
    assert "https://w3id.org/regkg/graph/curated-decisions" in open_store(home).named_graphs()
    reasons = " ".join(rep.unknown_reasons["date"])
    assert "not a real date: '31.02.2021'" in reasons and "after the import date" in reasons


def test_gdprhub_huge_fields(home: Path, tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO((HOSTILE / "gdprhub.csv").read_text("utf-8-sig"))))
    rows[3][6] = "Art. 1 LOPDGDD " * 40_000
    rows[3][11] = "A" * 300_000
    rows[3][9] = "\n".join(f"Company {i} S.L." for i in range(2_000))
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    huge = tmp_path / "input" / "gdprhub-huge.csv"
    huge.parent.mkdir()
    huge.write_text(buf.getvalue(), encoding="utf-8-sig")
    rep = import_file("gdprhub", huge, home=home, now=NOW, progress=False)
    rep.check()
    assert rep.read == 8 and len(rep.quarantined) == 3
    assert max(len(t) for t in literals(home)) <= 5000


def test_tracker(home: Path, tmp_path: Path) -> None:
    rep = run("enforcementtracker", "tracker.json", home)
    assert quarantined(rep) == {
        2: "wrong arity: 12 fields, expected 13",
        3: "not an array of 13 fields",
        4: "a field is not text",
        5: "every field is empty or a placeholder",
        6: "no ETid: the record cannot be identified",
    }
    assert rep.read == 12 and rep.imported + rep.merged == 7
    assert {(p["row"], p["problem"]) for p in rep.amount_problems} == {
        (7, "non-finite"),
        (9, "negative"),
    }
    # Two rows with the same ETid stay distinct: the second gets an occurrence suffix.
    first, second = (
        decision(home, "enforcementtracker-etid-10"),
        decision(home, "enforcementtracker-etid-10-2"),
    )
    assert (
        first["subjectDescription"]
        == second["subjectDescription"]
        == ["a natural person (not named)"]
    )
    assert first["amountUnknownReason"] == ["the source records only an intention to issue a fine"]
    assert second["dateUnknownReason"] == ["no date given by the source (Unknown)"]
    future = decision(home, "enforcementtracker-etid-8")
    assert (
        "decisionDate" not in future and "after the import date" in future["dateUnknownReason"][0]
    )
    evil = decision(home, "enforcementtracker-etid-1")
    assert evil["summary"] == ["Tags & & entities"]
    texts = literals(home)
    assert not any("<script" in t or "onerror" in t for t in texts)
    assert not any("John Smith" in t for t in texts)
    data = json.loads((HOSTILE / "tracker.json").read_text("utf-8"))
    data["data"][11][6] = "Huge Holding Ltd " + "X" * 500_000
    huge = tmp_path / "tracker-huge.json"
    huge.write_text(json.dumps(data), encoding="utf-8")
    rep2 = import_file("enforcementtracker", huge, home=home, now=NOW, progress=False)
    rep2.check()
    assert max(len(t) for t in literals(home)) <= 5000


def test_privacyaffairs(home: Path) -> None:
    rep = run("privacyaffairs", "privacyaffairs.json", home)
    assert quarantined(rep) == {
        4: "not an object",
        5: "every field is empty or a placeholder",
        7: "every field is empty or a placeholder",
    }
    assert {(p["row"], p["problem"]) for p in rep.amount_problems} == {
        (1, "non-finite"),
        (2, "negative"),
        (3, "non-finite"),
    }
    texts = literals(home)
    assert not any(t.startswith("javascript:") for t in texts), "a non-http source URL was kept"
    assert not any("John Smith" in t for t in texts)
    assert "placeholder date 01/01/1970" in " ".join(rep.unknown_reasons["date"])


def test_cjeu_with_holdings(home: Path) -> None:
    rep = run("cjeu", "cjeu.json", home, holdings=HOSTILE / "holdings.csv")
    assert quarantined(rep) == {
        1: "no valid CELEX number: the judgment cannot be identified",
        3: "not an object",
    }
    assert rep.holdings is not None
    assert rep.holdings["imported"] == 1
    assert [q["reason"] for q in rep.holdings["quarantined"]] == [
        "judgment date unknown",
        "no judgment C-404/99 in the case metadata",
        "wrong arity: 2 fields, expected 8",
    ]
    texts = literals(home)
    assert not any("<script" in t for t in texts)
    assert not any(t.startswith("javascript:") for t in texts)


# --------------------------------------------------------------------------- the command line
def one_line_error(capsys: pytest.CaptureFixture[str], argv: list[str], expected: str) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err, err
    assert err.startswith("regkg: error: ") and expected in err, err


def test_cli_errors(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REGKG_HOME", str(home))
    tracker = str(HOSTILE / "tracker.json")
    one_line_error(capsys, ["import", "nosuch", tracker], "unknown source 'nosuch'")
    one_line_error(
        capsys, ["import", "gdprhub", str(tmp_path / "missing.csv")], "input file not found"
    )
    one_line_error(
        capsys,
        ["import", "enforcementtracker", str(HOSTILE / "broken.json")],
        "broken.json is not valid JSON",
    )
    one_line_error(
        capsys,
        ["import", "enforcementtracker", str(HOSTILE / "wrong-shape.json")],
        "not an Enforcement Tracker export",
    )
    one_line_error(
        capsys,
        ["import", "privacyaffairs", str(HOSTILE / "wrong-shape.json")],
        "not a PrivacyAffairs export",
    )
    one_line_error(
        capsys, ["import", "cjeu", str(HOSTILE / "wrong-shape.json")], "not CJEU case metadata"
    )
    one_line_error(capsys, ["import", "gdprhub", tracker], "not a GDPRhub export")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    one_line_error(capsys, ["import", "enforcementtracker", str(deep)], "nested too deeply")
    one_line_error(
        capsys, ["import", "gdprhub", tracker, "--holdings", tracker], "only with the cjeu source"
    )
    one_line_error(
        capsys,
        ["import", "enforcementtracker", tracker, "--graph", "curated-decisions"],
        "--graph 'curated-decisions'",
    )
    one_line_error(
        capsys,
        ["import", "enforcementtracker", tracker, "--report", str(HOSTILE / "r.json")],
        "never written beside the input file",
    )
    monkeypatch.setenv("REGKG_HOME", str(tmp_path / "empty"))
    one_line_error(capsys, ["import", "enforcementtracker", tracker], "run `regkg build` first")


def test_cli_import_prints_a_summary_and_a_progress_bar(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REGKG_HOME", str(home))
    report = tmp_path / "reports" / "tracker.json"
    assert (
        main(
            ["import", "enforcementtracker", str(HOSTILE / "tracker.json"), "--report", str(report)]
        )
        == 0
    )
    captured = capsys.readouterr()
    assert "read 12, imported 7, merged 0, quarantined 5" in captured.out
    assert "importing enforcementtracker [" in captured.err and "12/12" in captured.err
    doc = json.loads(report.read_text("utf-8"))
    assert doc["counts"] == {
        "read": 12,
        "imported": 7,
        "merged": 0,
        "quarantined": 5,
        "repeated_rows": 0,
        "cut_values": 0,
    }
    assert "cut to the length limit" not in captured.out
    assert [q["row"] for q in doc["quarantined"]] == [2, 3, 4, 5, 6]
    generation = current_path(home)
    assert main(["import", "enforcementtracker", str(HOSTILE / "tracker.json")]) == 0
    assert "nothing to do" in capsys.readouterr().out
    assert current_path(home) == generation, "a no-op import must not write a generation"


def test_import_failed_is_a_regkg_error() -> None:
    with pytest.raises(ImportFailed, match="unknown source"):
        import_file("nope", HOSTILE / "tracker.json")


def test_a_curated_world_without_the_gdpr(world_home: Path, tmp_path: Path) -> None:
    """Onto curated data that has no GDPR instrument, article references stay text."""
    from tests.fixtures.world_store import WORLD_DIR

    home = tmp_path / "world"
    shutil.copytree(world_home, home, symlinks=True)
    rep = import_file(
        "enforcementtracker",
        HOSTILE / "tracker.json",
        home=home,
        data_dir=WORLD_DIR,
        now=NOW,
        progress=False,
    )
    rep.check()
    assert rep.unresolved_references["GDPR Art 6"] >= 1
    assert not rep.new_entities["provisions"]


@pytest.mark.parametrize("mode", MODES)
def test_the_shacl_gate_refuses_a_record_that_violates_a_shape(home: Path, mode: str) -> None:
    """An imported graph passes the gate; the same graph with a fine decided by a (curated)
    company, not an authority, fails it (``sh:class`` sees the other graph's types) and leaves
    the graph as it was."""
    run("enforcementtracker", "tracker.json", home)
    store = open_store(home)
    giri = "https://w3id.org/regkg/graph/enforcementtracker"
    g = RDFGraph()
    for q in store.quads(giri):
        o = q.object
        obj = URIRef(o.value) if isinstance(o, ox.NamedNode) else None
        if isinstance(o, ox.Literal):
            obj = Literal(
                o.value, lang=o.language, datatype=None if o.language else o.datatype.value
            )
        assert obj is not None
        g.add((URIRef(q.subject.value), URIRef(q.predicate.value), obj))
    validate_import(g, home, giri, Report("enforcementtracker", "t", "", giri, ""), mode=mode)
    company = next(
        q.subject.value
        for q in store.store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(COMPANY))
        if isinstance(q.graph_name, ox.NamedNode) and "curated-" in q.graph_name.value
    )
    fine = next(g.subjects(URIRef(RDF_TYPE), URIRef(REG_NS + "Fine")))
    g.set((fine, URIRef(REG_NS + "decidedBy"), URIRef(company)))
    size = len(g)
    rep = Report("enforcementtracker", "t", "", giri, "")
    with pytest.raises(ValidationFailed, match="decidedBy"):
        validate_import(g, home, giri, rep, mode=mode)
    assert rep.validation["violations"] >= 1 and len(g) == size


def test_gdprhub_non_eur_amount_is_converted_at_its_date(home: Path) -> None:
    """Row 7 (IMY, 29.02.2020, ``99,999 SEK``) is stored with its EUR value, worked out by hand:
    29 February 2020 is a Saturday, so the rate is Friday's, ECB line
    ``2020-02-28,1.0977,119.36,1.9558,N/A,25.39,7.4723,N/A,0.85315,337.57,N/A,N/A,N/A,4.3259,N/A,
    4.813,10.6738,...`` (SEK 10.6738): 99999 / 10.6738 = 9368.6410 -> EUR 9,368.64."""
    run("gdprhub", "gdprhub.csv", home)
    store = open_store(home)
    reg = REG_NS
    rows = [
        tuple(None if sol[v] is None else sol[v].value for v in ("v", "c", "e", "r", "d", "n"))
        for sol in store.store.query(
            f"SELECT ?v ?c ?e ?r ?d ?n WHERE {{ GRAPH ?g {{ ?dec <{reg}imposedAmount> ?a . "
            f"?a <{reg}amountValue> ?v ; <{reg}currency> ?c ; <{reg}conversionNote> ?n . "
            f"OPTIONAL {{ ?a <{reg}eurValue> ?e }} OPTIONAL {{ ?a <{reg}eurRate> ?r }} "
            f"OPTIONAL {{ ?a <{reg}eurRateDate> ?d }} }} "
            f"FILTER(?g = <https://w3id.org/regkg/graph/gdprhub>) }}"
        )
    ]
    rule = "ECB reference rate; rate of the decision date or the last ECB business day before it"
    assert rows == [("99999", "SEK", "9368.64", "10.6738", "2020-02-28", rule)]
