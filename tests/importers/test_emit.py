"""What an imported row becomes (graph/importers/emit.py through the shared decision writer): one
Enforcement Tracker row read back field by field; inputs generated in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from graph.importers.trackers import AEPD_NUMBER_NOTE
from graph.stores.factory import open_store
from tests.importers.test_rows import AEPD, ID, ROW, decisions, home, tracker, tracker_file

__all__ = ["home"]  # the fixture, shared with test_rows

REG = "https://w3id.org/regkg/ontology#"


def _about(home: Path, node: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for q in open_store(home).store.quads_for_pattern(ox.NamedNode(node), None, None, None):
        pred = q.predicate.value.rsplit("#", 1)[-1]
        out.setdefault(pred, []).append(q.object.value)
    return {k: sorted(v) for k, v in out.items()}


def test_one_tracker_row_read_back_field_by_field(home: Path, tmp_path: Path) -> None:
    tracker(home, tracker_file(tmp_path, [ROW]))
    (key,) = decisions(home)
    d = _about(home, ID + "decision/" + key)
    assert d["type"] == sorted(REG + c for c in ("Decision", "Fine", "Record"))
    assert d["decidedBy"] == [AEPD]
    assert d["jurisdiction"] == [ID + "jurisdiction/es"]
    assert d["decisionDate"] == [ROW[4]]
    assert d["status"] == [REG + "Decided"]
    assert d["summary"] == [ROW[10]]
    assert d["rowNumber"] == ["1"]  # the row's number in the file
    assert d["trustTier"] == [REG + "Imported"]
    assert "childrensData" not in d and "dateUnknownReason" not in d  # unstated, not false
    assert ID + "instrument/gdpr" in d["concernsInstrument"]
    assert any(p.startswith(ID + "provision/gdpr-art-6") for p in d["infringes"]), d["infringes"]
    (subject,) = d["subject"]
    assert _about(home, subject)["label"] == [ROW[6]]
    (part,) = [
        q.subject.value
        for q in open_store(home).store.quads_for_pattern(
            None, ox.NamedNode(REG + "inDecision"), ox.NamedNode(ID + "decision/" + key), None
        )
    ]
    p = _about(home, part)
    assert p["participant"] == [subject] and p["role"] == [REG + "SubjectRole"]
    assert p["hasSource"] == d["hasSource"]
    (money,) = d["imposedAmount"]
    m = _about(home, money)
    assert (m["amountValue"], m["currency"], m["eurValue"]) == (["10000"], ["EUR"], ["10000"])
    assert m["hasSource"] == d["hasSource"] and m["asOf"] == d["asOf"]


def test_a_tracker_row_linking_an_aepd_document_carries_its_procedure_number(
    home: Path, tmp_path: Path
) -> None:
    """The decision document's name is the AEPD's procedure number; the row states it as the
    case number (which GDPRhub states too) and says where it was read."""
    row = list(ROW)
    row[11] = "<a href='https://www.aepd.es/es/documento/ps-00141-2020.pdf'>PDF</a>"
    tracker(home, tracker_file(tmp_path, [row]))
    (key,) = decisions(home)
    d = _about(home, ID + "decision/" + key)
    assert d["caseNumber"] == ["PS/00141/2020"]
    assert AEPD_NUMBER_NOTE in d["note"]


def test_a_tracker_row_without_such_a_link_states_no_case_number(
    home: Path, tmp_path: Path
) -> None:
    tracker(home, tracker_file(tmp_path, [ROW]))
    (key,) = decisions(home)
    d = _about(home, ID + "decision/" + key)
    assert "caseNumber" not in d and AEPD_NUMBER_NOTE not in d.get("note", [])
