"""The import report (JSON, written to ``<REGKG_HOME>/reports/``), the summary printed at the
end, and the progress bar on stderr."""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from graph.cleaning.cuts import Cut
from graph.files import write_atomic


@dataclass
class Report:
    """Everything an import did, for the JSON report and the summary."""

    source: str
    file: str
    sha256: str
    graph: str
    imported_at: str
    noop: bool = False
    read: int = 0
    imported: int = 0
    merged: int = 0
    quarantined: list[dict[str, Any]] = field(default_factory=list)
    #: Rows identical to an earlier row of the file (counted as merged): row, line, repeated row.
    repeated_rows: list[dict[str, Any]] = field(default_factory=list)
    #: Values cut to a length limit: row, line, field, original and kept length (characters).
    cut_values: list[dict[str, Any]] = field(default_factory=list)
    new_entities: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    restated_entities: int = 0
    links: list[dict[str, Any]] = field(default_factory=list)
    ambiguous_links: list[dict[str, Any]] = field(default_factory=list)
    #: The linkage stage's counts over the whole store after this import (graph.linkage).
    linkage: dict[str, Any] = field(default_factory=dict)
    unresolved_references: Counter[str] = field(default_factory=Counter)
    amount_problems: list[dict[str, Any]] = field(default_factory=list)
    placeholders: dict[str, Counter[str]] = field(default_factory=dict)
    unknown_reasons: dict[str, Counter[str]] = field(default_factory=dict)
    holdings: dict[str, Any] | None = None
    citations: dict[str, Any] | None = None
    validation: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    triples: int = 0
    report_path: str | None = None

    def cuts(self, row: int, line: int | None, cuts: tuple[Cut, ...], file: str = "") -> None:
        """List the values of one row that were cut (``file``: a second input, the holdings)."""
        for c in cuts:
            entry: dict[str, Any] = {"file": file} if file else {}
            entry.update(
                {"row": row, "line": line, "field": c.field, "original_length": c.original}
            )
            entry["kept_length"] = c.kept
            self.cut_values.append(entry)

    def count(self, table: str, key: str) -> None:
        self.placeholders.setdefault(table, Counter())[key] += 1

    def reason(self, table: str, key: str) -> None:
        self.unknown_reasons.setdefault(table, Counter())[key] += 1

    def check(self) -> None:
        """Every row read is imported, merged or quarantined: exactly once."""
        total = self.imported + self.merged + len(self.quarantined)
        if self.read != total:
            msg = f"row accounting is off: read {self.read} != {total} imported+merged+quarantined"
            raise AssertionError(msg)

    def to_json(self) -> dict[str, Any]:
        doc = asdict(self)
        doc["counts"] = {
            "read": self.read,
            "imported": self.imported,
            "merged": self.merged,
            "quarantined": len(self.quarantined),
            "repeated_rows": len(self.repeated_rows),
            "cut_values": len(self.cut_values),
        }
        for k in ("read", "imported", "merged"):
            doc.pop(k)
        doc["unresolved_references"] = {
            "count": sum(self.unresolved_references.values()),
            "distinct": dict(self.unresolved_references.most_common()),
        }
        doc["placeholders"] = {k: dict(v.most_common()) for k, v in self.placeholders.items()}
        doc["unknown_reasons"] = {k: dict(v.most_common()) for k, v in self.unknown_reasons.items()}
        doc["quarantine_reasons"] = dict(
            Counter(q["reason"] for q in self.quarantined).most_common()
        )
        return doc

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(self.to_json(), indent=2, ensure_ascii=False))
        self.report_path = str(path)

    def summary(self) -> str:
        if self.noop:
            return (
                f"{self.file} is unchanged (sha256 {self.sha256[:12]}…) since it was imported "
                f"into {self.graph}: nothing to do"
            )
        new = ", ".join(f"{len(v)} {k}" for k, v in self.new_entities.items() if v) or "none"
        n = len(self.repeated_rows)
        repeats = f" ({n} identical to an earlier row)" if n else ""
        n = len(self.cut_values)
        cut = f"; {n} value{'s' if n != 1 else ''} cut to the length limit" if n else ""
        lines = [
            f"imported {self.file} into {self.graph}",
            f"  read {self.read}, imported {self.imported}, merged {self.merged}{repeats}, "
            f"quarantined {len(self.quarantined)}{cut}",
            f"  new entities: {new}",
            f"  rows matching a stored record at import: {len(self.links)}",
            f"  unresolved references: {sum(self.unresolved_references.values())}; "
            f"amounts reported: {len(self.amount_problems)}",
        ]
        if self.holdings:
            h = self.holdings
            lines.append(
                f"  holdings: read {h['read']}, imported {h['imported']}, "
                f"quarantined {len(h['quarantined'])}"
            )
        if self.citations:
            c = self.citations
            lines.append(
                f"  citation links: {c['links']} ({c['new_judgments']} cited judgments added); "
                f"unresolved cited cases: {len(c['unresolved'])}"
            )
        if self.linkage:
            k = self.linkage
            lines.append(
                f"  linkage (whole store): {k['duplicate_links']} duplicate links, "
                f"{k['part_links']} part links, {k['clusters']} decisions from "
                f"{k['records']} records, {k['review']} pairs for review (regkg link --review); "
                f"{k.get('appeal_links', 0)} court reviews joined, "
                f"{k.get('set_aside', 0)} decisions set aside, "
                f"{k.get('implements_links', 0)} fines joined to a binding decision"
            )
        if self.report_path:
            lines.append(f"  report: {self.report_path}")
        return "\n".join(lines)


class Progress:
    """A plain text progress bar on stderr (redrawn in place on a terminal, else every 10 %)."""

    WIDTH = 30

    def __init__(self, label: str, total: int, stream: TextIO | None = None, enabled: bool = True):
        self.label = label
        self.total = max(total, 1)
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._shown = -1

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        pct = done * 100 // self.total
        step = 1 if self.tty else 10
        if pct // step == self._shown // step and done != self.total:
            return
        self._shown = pct
        filled = self.WIDTH * done // self.total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        end = "" if self.tty and done < self.total else "\n"
        prefix = "\r" if self.tty else ""
        self.stream.write(f"{prefix}{self.label} [{bar}] {done}/{self.total}{end}")
        self.stream.flush()

    def done(self) -> None:
        if self.enabled and self._shown < 100:
            self.update(self.total)
