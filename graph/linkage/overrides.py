"""A reviewer's decisions on pairs (``data/links.yaml``): confirmed or split, with a reason and
a source. The linker obeys them over any score."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from graph.errors import SourceDataError
from graph.linkage.cluster import Pair
from graph.linkage.records import LinkRecord
from graph.vocabulary.namespaces import ID_BASE

FILE_NAME = "links.yaml"
DECISION_BASE = ID_BASE + "decision/"
_DECISIONS = ("same", "different")


@dataclass(frozen=True)
class Override:
    a: str
    b: str
    decision: str
    reason: str
    source: str


@dataclass
class Overrides:
    """The reviewer's decisions of ``data/links.yaml``, read by :meth:`load`.

    Each entry names two decision records by the last part of their IRI
    (``dpc-whatsapp-fine-2021``, ``enforcementtracker-etid-820``, ``gdprhub-…``)::

        - records: [dpc-whatsapp-fine-2021, privacyaffairs-0123456789abcdef]
          decision: same            # or: different
          reason: the same decision of 2021-08-20, announced 2021-09-02
          source: https://...
    """

    entries: list[Override] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> Overrides:
        """Read ``path`` (absent: no overrides); every error names the file and the entry."""
        if not path.exists():
            return cls()
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as exc:
            raise SourceDataError(str(path), None, None, f"not valid YAML: {exc}") from None
        if not isinstance(raw, list):
            raise SourceDataError(str(path), None, None, "expected a list of entries")
        return cls([_entry(path, n, e) for n, e in enumerate(raw, 1)])

    def apply(
        self, pairs: list[Pair], recs: list[LinkRecord], index: dict[str, int], match: float
    ) -> list[Pair]:
        """``pairs`` with each overridden pair scored +inf (same) or -inf (different); a
        confirmed pair the blocking missed is added. Entries naming records not in the store
        are skipped (the source may not be imported)."""
        if not self.entries:
            return pairs
        by_key = {(p.a, p.b): p for p in pairs}
        for e in self.entries:
            a, b = index.get(DECISION_BASE + e.a), index.get(DECISION_BASE + e.b)
            if a is None or b is None or a == b:
                continue
            lo, hi = min(a, b), max(a, b)
            s = math.inf if e.decision == "same" else -math.inf
            fields = {"override": f"{e.decision}: {e.reason} ({e.source})"}
            by_key[(lo, hi)] = Pair(lo, hi, s, fields)
        return list(by_key.values())


def _entry(path: Path, n: int, e: Any) -> Override:
    where = f"entry {n}"
    if not isinstance(e, dict):
        msg = "expected a mapping with records, decision, reason, source"
        raise SourceDataError(str(path), where, None, msg)
    records = e.get("records")
    if not (
        isinstance(records, list) and len(records) == 2 and all(isinstance(r, str) for r in records)
    ):
        msg = "records must name exactly two decision records"
        raise SourceDataError(str(path), where, None, msg)
    decision = e.get("decision")
    if decision not in _DECISIONS:
        msg = f"decision must be one of {', '.join(_DECISIONS)}, not {decision!r}"
        raise SourceDataError(str(path), where, None, msg)
    for key in ("reason", "source"):
        if not isinstance(e.get(key), str) or not e[key].strip():
            msg = f"{key} is required (a reviewer's decision says why and on what source)"
            raise SourceDataError(str(path), where, None, msg)
    return Override(records[0], records[1], decision, e["reason"].strip(), e["source"].strip())
