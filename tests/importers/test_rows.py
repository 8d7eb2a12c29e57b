"""Rows of one file (graph/importers/rows.py, cuts.py): identical rows are one record, and every
value cut to a length limit is in the report; an EDPB binding decision row is never a fine.
Inputs are generated in tmp_path."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from graph.cleaning.text import MAX_TEXT
from graph.cli import main
from graph.explorer.tables import fines, largest, totals_by
from graph.importers import Report
from graph.pipeline.imports import import_file
from graph.sparql.stored import get_query
from graph.stores.factory import open_store
from graph.stores.results import run_stored

HOSTILE = Path(__file__).parents[1] / "fixtures" / "hostile"
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
ID = "https://w3id.org/regkg/id/"
REG = "https://w3id.org/regkg/ontology#"
AEPD = ID + "regulator/aepd-es"
#: An Enforcement Tracker row (13 columns, SOURCES.md): an AEPD fine of EUR 10,000.
ROW = [
    "",
    "ETid-2",
    "<img src='./flags/flag_spain.png'><br />SPAIN",
    "Spanish Data Protection Authority (aepd)",
    "2021-05-10",
    "10,000",
    "Acme Telecom S.L.",
    "Industry and Commerce",
    "Art. 6 GDPR",
    "Insufficient legal basis for data processing",
    "Summary.",
    "<a href='https://example.org'>link</a>",
    "<a href='https://www.enforcementtracker.com/ETid-2'>ETid-2</a>",
]
SUMMARY = 10  # the tracker's summary column


@pytest.fixture
def home(default_home: Path, tmp_path: Path) -> Iterator[Path]:
    """A fresh copy of the session's curated store for one test."""
    target = tmp_path / "home"
    shutil.copytree(default_home, target, symlinks=True)
    yield target


def tracker_file(tmp_path: Path, rows: list[list[str]], name: str = "tracker.json") -> Path:
    path = tmp_path / "input" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps({"data": rows}), encoding="utf-8")
    return path


def tracker(home: Path, path: Path) -> Report:
    rep = import_file("enforcementtracker", path, home=home, now=NOW, progress=False)
    rep.check()
    return rep


def decisions(home: Path) -> dict[str, dict[str, list[str]]]:
    """The tracker graph's decisions: key → predicate local name → values."""
    store = open_store(home)
    graph = ox.NamedNode("https://w3id.org/regkg/graph/enforcementtracker")
    out: dict[str, dict[str, list[str]]] = {}
    for q in store.store.quads_for_pattern(None, None, None, graph):
        subject = q.subject.value
        if subject.startswith(ID + "decision/"):
            key = subject.removeprefix(ID + "decision/")
            pred = q.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
            out.setdefault(key, {}).setdefault(pred, []).append(q.object.value)
    return {k: v for k, v in out.items() if "decidedBy" in v}


def aepd_fines(home: Path) -> tuple[int, Decimal]:
    """fines-per-regulator's row for the AEPD: number of fines and EUR total."""
    res = run_stored(open_store(home), get_query("fines-per-regulator"), {}).records()
    row = next((r for r in res if r["regulator"] == AEPD), {})
    return int(row.get("fines") or 0), Decimal(row.get("totalEur") or 0)


def test_a_row_repeated_20000_times_is_one_fine(home: Path, tmp_path: Path) -> None:
    before = aepd_fines(home)
    rep = tracker(home, tracker_file(tmp_path, [ROW] * 20_000))
    assert (rep.read, rep.imported, rep.merged, len(rep.quarantined)) == (20_000, 1, 19_999, 0)
    assert len(rep.repeated_rows) == 19_999
    assert {r["repeats"] for r in rep.repeated_rows} == {1}
    assert [r["row"] for r in rep.repeated_rows] == list(range(2, 20_001))
    assert list(decisions(home)) == ["enforcementtracker-etid-2"]
    fines, total = aepd_fines(home)
    assert (fines, total) == (before[0] + 1, before[1] + 10_000)
    doc = json.loads(Path(rep.report_path or "").read_text("utf-8"))
    assert doc["counts"]["repeated_rows"] == 19_999 and doc["counts"]["merged"] == 19_999
    assert doc["repeated_rows"][0] == {"row": 2, "line": None, "repeats": 1}


def variant(column: int, value: str) -> list[str]:
    row = list(ROW)
    row[column] = value
    return row


@pytest.mark.parametrize(
    ("column", "value"),
    [
        (4, "2021-05-11"),  # date
        (5, "10,001"),  # amount
        (6, "Acme Telecom S.A."),  # controller
        (7, "Finance"),  # sector
        (8, "Art. 5 GDPR"),  # articles
        (9, "Insufficient technical and organisational measures"),  # violation type
        (SUMMARY, "Another summary."),
    ],
)
def test_rows_differing_in_one_field_stay_two_records(
    home: Path, tmp_path: Path, column: int, value: str
) -> None:
    rep = tracker(home, tracker_file(tmp_path, [ROW, variant(column, value)]))
    assert (rep.imported, rep.merged, rep.repeated_rows) == (2, 0, [])
    assert set(decisions(home)) == {"enforcementtracker-etid-2", "enforcementtracker-etid-2-2"}


def test_rows_differing_only_past_the_cut_stay_two_records(home: Path, tmp_path: Path) -> None:
    long = "word " * 2_000
    rows = [variant(SUMMARY, long + "first"), variant(SUMMARY, long + "second")]
    rep = tracker(home, tracker_file(tmp_path, rows))
    assert (rep.imported, rep.repeated_rows) == (2, [])
    found = decisions(home)
    assert (
        found["enforcementtracker-etid-2"]["summary"]
        == (found["enforcementtracker-etid-2-2"]["summary"])
    ), "the kept text is the same: only the cut part differs"
    assert len(rep.cut_values) == 2


def test_rows_equal_after_normalisation_are_one_record(home: Path, tmp_path: Path) -> None:
    spaced = variant(6, "  Acme   Telecom S.L. ")
    spaced[SUMMARY] = "<b>Summary.</b>"
    rep = tracker(home, tracker_file(tmp_path, [ROW, spaced]))
    assert (rep.imported, rep.merged, rep.repeated_rows) == (
        1,
        1,
        [{"row": 2, "line": None, "repeats": 1}],
    )


def test_later_rows_keep_their_identifiers(home: Path, tmp_path: Path) -> None:
    """Without the repeat check, rows 1-3 were etid-2, etid-2-2, etid-2-3: the third row, not a
    repeat, keeps etid-2-3."""
    other = variant(SUMMARY, "Another summary.")
    rep = tracker(home, tracker_file(tmp_path, [ROW, ROW, other]))
    assert rep.repeated_rows == [{"row": 2, "line": None, "repeats": 1}]
    found = decisions(home)
    assert set(found) == {"enforcementtracker-etid-2", "enforcementtracker-etid-2-3"}
    assert found["enforcementtracker-etid-2-3"]["summary"] == ["Another summary."]


def test_repeats_of_a_quarantined_row_are_quarantined(home: Path, tmp_path: Path) -> None:
    nowhere = variant(2, "")  # no country, and the authority does not name one either
    nowhere[3] = "Data Protection Commissioner of Nowhere"
    rep = tracker(home, tracker_file(tmp_path, [nowhere] * 3))
    reasons = [q["reason"] for q in rep.quarantined]
    assert reasons[0].startswith("no jurisdiction")
    assert reasons[1:] == [f"identical to row 1, which is quarantined: {reasons[0]}"] * 2
    assert (rep.imported, rep.merged, rep.repeated_rows) == (0, 0, [])


def test_a_50_mb_field_is_reported_cut(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = "A" * 50_000_000
    path = tracker_file(tmp_path, [variant(SUMMARY, huge)])
    report = tmp_path / "reports" / "cut.json"
    monkeypatch.setenv("REGKG_HOME", str(home))
    assert main(["import", "enforcementtracker", str(path), "--report", str(report)]) == 0
    out = capsys.readouterr().out
    assert "imported 1, merged 0, quarantined 0; 1 value cut to the length limit" in out
    doc: dict[str, Any] = json.loads(report.read_text("utf-8"))
    assert doc["cut_values"] == [
        {
            "row": 1,
            "line": None,
            "field": "summary (index 10)",
            "original_length": 50_000_000,
            "kept_length": MAX_TEXT,
        }
    ]
    assert doc["counts"]["cut_values"] == 1
    record = decisions(home)["enforcementtracker-etid-2"]
    assert record["summary"] == ["A" * (MAX_TEXT - 1) + "…"]
    # Nothing else of the row is lost.
    assert record["decisionDate"] == ["2021-05-10"] and record["decidedBy"] == [AEPD]
    assert any(v.startswith(ID + "company/") for v in record["subject"])
    assert record["infringes"] == [ID + "provision/gdpr-art-6"]


def test_gdprhub_cuts_name_row_line_and_column(home: Path, tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO((HOSTILE / "gdprhub.csv").read_text("utf-8-sig"))))
    header = rows[0]
    rows[1][header.index("Summary")] = "Long summary. " * 1_000
    rows[1][header.index("Case number/name")] = "C" * 400
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path = tmp_path / "input" / "hub.csv"
    path.parent.mkdir()
    path.write_text(buf.getvalue(), encoding="utf-8-sig")
    rep = import_file("gdprhub", path, home=home, now=NOW, progress=False)
    cuts = {c["field"]: c for c in rep.cut_values}
    assert set(cuts) == {"Summary", "Case number/name"}
    assert {(c["row"], c["line"]) for c in cuts.values()} == {(1, 2)}
    assert (cuts["Summary"]["original_length"], cuts["Summary"]["kept_length"]) == (14_000, 5000)
    assert (
        cuts["Case number/name"]["original_length"],
        cuts["Case number/name"]["kept_length"],
    ) == (
        400,
        300,
    )


# ----------------------------------------------------------------- EDPB binding decisions
HUB_HEADER = [
    "Decision by",
    "Case number/name",
    "Jurisdiction",
    "Date of decision",
    "Relevant GDPR articles",
    "Relevant EU laws",
    "Relevant national/other laws",
    "Type of decision & outcome",
    "Fine",
    "Parties",
    "Contributor",
    "Summary",
]
#: GDPRhub's row for the EDPB's Binding Decision 2/2022 as the real export states it (its summary
#: shortened): the Fine column holds the EUR 405m the DPC imposed on 2022-09-02 after it.
BINDING_2_2022 = {
    "Decision by": "DPA: EDPB",
    "Case number/name": "Binding Decision 2/2022",
    "Jurisdiction": "European Union",
    "Date of decision": "28.07.2022",
    "Relevant GDPR articles": "5(1)(c), 6(1)(b), 6(1)(f), 12(1), 24(2), 25(1), 25(2)",
    "Type of decision & outcome": "Other",
    "Fine": "405000000 EUR",
    "Summary": "The EDPB adopted a binding decision, following which the Irish DPC fined Meta "
    "€405,000,000 for the lack of legal grounds for processing contact information on "
    "children’s business accounts.",
}
BINDING = REG + "BindingDecision"
INSTAGRAM_FINE = ID + "decision/dpc-instagram-children-fine-2022"


def gdprhub_file(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(HUB_HEADER)
    out.writerows([[row.get(c, "") for c in HUB_HEADER] for row in rows])
    path = tmp_path / "input" / "hub.csv"
    path.parent.mkdir(exist_ok=True)
    path.write_text(buf.getvalue(), encoding="utf-8-sig")
    return path


def hub_decisions(home: Path) -> dict[str, dict[str, list[str]]]:
    """The GDPRhub graph's decisions by case number: predicate local name → values."""
    store = open_store(home)
    graph = ox.NamedNode("https://w3id.org/regkg/graph/gdprhub")
    found: dict[str, dict[str, list[str]]] = {}
    for q in store.store.quads_for_pattern(None, None, None, graph):
        if q.subject.value.startswith(ID + "decision/"):
            pred = q.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
            found.setdefault(q.subject.value, {}).setdefault(pred, []).append(q.object.value)
    return {v["caseNumber"][0]: {"iri": [k], **v} for k, v in found.items() if "caseNumber" in v}


def test_an_edpb_binding_decision_with_an_amount_is_not_a_fine(home: Path, tmp_path: Path) -> None:
    """The row is a binding decision with no amount (the amount reported, and noted on the
    record), no total counts EUR 405m twice, and the DPC's fine implements it."""
    endorsement = {
        "Decision by": "DPA: EDPB",
        "Case number/name": "Endorsement 1/2018",
        "Jurisdiction": "European Union",
        "Date of decision": "25.05.2018",
    }
    dispute = {  # GDPRhub names some binding decisions "Decision N/YYYY": Art 65 says which
        **BINDING_2_2022,
        "Case number/name": "Meta Platforms Ireland Limited (Facebook) - Decision 3/2022",
        "Date of decision": "05.12.2022",
        "Relevant GDPR articles": "6, 56, 60, 65",
        "Fine": "",
        "Parties": "Meta Platforms Ireland Limited",
        "Summary": "The EDPB issued a binding decision finding the processing unlawful.",
    }
    path = gdprhub_file(tmp_path, [BINDING_2_2022, endorsement, dispute])
    rep = import_file("gdprhub", path, home=home, now=NOW, progress=False)
    rep.check()
    assert (rep.read, rep.imported, rep.merged, rep.quarantined) == (3, 3, 0, [])
    assert rep.amount_problems == [
        {"row": 1, "raw": "405000000 EUR", "problem": "binding decision"}
    ]
    found = hub_decisions(home)
    bd = found["Binding Decision 2/2022"]
    assert BINDING in bd["type"] and REG + "Fine" not in bd["type"]
    assert "imposedAmount" not in bd and "amountUnknownReason" not in bd
    assert any("'405000000 EUR'" in n and "Art 65(6)" in n for n in bd["note"])
    assert BINDING in found["Meta Platforms Ireland Limited (Facebook) - Decision 3/2022"]["type"]
    assert BINDING not in found["Endorsement 1/2018"]["type"]

    store = open_store(home)
    rows = fines(store)
    assert [r.iri for r in rows if r.eur == 405_000_000 and r.counted()] == [INSTAGRAM_FINE]
    assert [r.iri for r in largest(rows, 20)].count(INSTAGRAM_FINE) == 1
    assert "EU" not in {j for j, _eur, _n in totals_by(rows, lambda r: r.jurisdiction)}
    per_regulator = run_stored(store, get_query("fines-per-regulator"), {}).records()
    assert not [r for r in per_regulator if r["regulator"].endswith("/edpb")]
    chain = f"ASK {{ <{INSTAGRAM_FINE}> <{REG}implements> <{bd['iri'][0]}> }}"
    assert store.query(chain), "the DPC's EUR 405m fine implements Binding Decision 2/2022"
    linkage = rep.linkage
    assert (linkage["implements_links"], linkage["implements_unresolved"]) == (1, 0)
