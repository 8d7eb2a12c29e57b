"""Compare two snapshot folders: records added, removed and changed, per named graph and class."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graph.errors import ExportError
from graph.vocabulary.strings import REG_IRI

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

Records = dict[str, dict[str, dict[str, set[str]]]]  # graph → subject → predicate → values


@dataclass(frozen=True)
class Change:
    """One changed property of one record."""

    graph: str
    subject: str
    cls: str
    predicate: str
    old: tuple[str, ...]
    new: tuple[str, ...]


@dataclass
class DiffReport:
    """Per named graph and class: added, removed and changed records, and every change."""

    added: Counter[tuple[str, str]] = field(default_factory=Counter)
    removed: Counter[tuple[str, str]] = field(default_factory=Counter)
    changed: Counter[tuple[str, str]] = field(default_factory=Counter)
    changes: list[Change] = field(default_factory=list)
    added_ids: list[tuple[str, str]] = field(default_factory=list)
    removed_ids: list[tuple[str, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def load_records(folder: Path) -> Records:
    """Records of a snapshot folder, read from its ``graph.trig``."""
    path = folder / "graph.trig"
    if not path.exists():
        msg = f"{folder} is not a regkg snapshot: {path.name} is missing"
        raise ExportError(msg)
    out: Records = {}
    try:
        quads = ox.parse(path=str(path), format=ox.RdfFormat.TRIG)
        for q in quads:
            graph = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else "(default)"
            subj = out.setdefault(graph, {}).setdefault(str(q.subject.value), {})
            subj.setdefault(q.predicate.value, set()).add(str(q.object))
    except SyntaxError as exc:
        msg = f"{path}: not valid TriG: {exc}"
        raise ExportError(msg) from None
    return out


def _cls(props: dict[str, set[str]]) -> str:
    types = sorted(
        t.strip("<>").removeprefix(REG_IRI) for t in props.get(RDF_TYPE, set()) if REG_IRI in t
    )
    return types[0] if len(types) == 1 else (_most_specific(types) if types else "(untyped)")


_GENERIC = ("Record", "Party", "Organisation", "Authority", "Decision", "Regulator")


def _most_specific(types: list[str]) -> str:
    specific = [t for t in types if t not in _GENERIC]
    return specific[0] if specific else types[-1]


def diff(old: Path, new: Path) -> DiffReport:
    """Compare the snapshot folders ``old`` and ``new``.

    A record is a subject IRI within a named graph; it changed when any of its property values did.
    Changes list the old and new values (for example an amount reduced on appeal).
    """
    a, b = load_records(old), load_records(new)
    report = DiffReport()
    for graph in sorted(set(a) | set(b)):
        ga, gb = a.get(graph, {}), b.get(graph, {})
        for subject in sorted(set(ga) | set(gb)):
            pa, pb = ga.get(subject), gb.get(subject)
            if pa is None and pb is not None:
                report.added[(graph, _cls(pb))] += 1
                report.added_ids.append((graph, subject))
            elif pb is None and pa is not None:
                report.removed[(graph, _cls(pa))] += 1
                report.removed_ids.append((graph, subject))
            elif pa != pb and pa is not None and pb is not None:
                cls = _cls(pb)
                report.changed[(graph, cls)] += 1
                for pred in sorted(set(pa) | set(pb)):
                    va, vb = pa.get(pred, set()), pb.get(pred, set())
                    if va != vb:
                        report.changes.append(
                            Change(graph, subject, cls, pred, tuple(sorted(va)), tuple(sorted(vb)))
                        )
    return report


def to_text(report: DiffReport) -> str:
    """A readable report."""
    if report.empty:
        return "no differences"
    lines = []
    keys = sorted(set(report.added) | set(report.removed) | set(report.changed))
    lines.append(f"{'named graph':<50} {'class':<22} {'added':>6} {'removed':>8} {'changed':>8}")
    for graph, cls in keys:
        k = (graph, cls)
        counts = f"{report.added[k]:>6} {report.removed[k]:>8} {report.changed[k]:>8}"
        lines.append(f"{graph:<50} {cls:<22} {counts}")
    if report.changes:
        lines.append("\nchanged values:")
        for c in report.changes:
            pred = c.predicate.removeprefix(REG_IRI)
            old, new = ", ".join(c.old) or "-", ", ".join(c.new) or "-"
            lines.append(f"  {c.subject} ({c.cls}) {pred}: {old} -> {new}")
    return "\n".join(lines)


def to_json(report: DiffReport) -> str:
    """The report as JSON."""

    def table(counter: Counter[tuple[str, str]]) -> list[dict[str, object]]:
        return [{"graph": g, "class": c, "records": n} for (g, c), n in sorted(counter.items())]

    doc = {
        "added": table(report.added),
        "removed": table(report.removed),
        "changed": table(report.changed),
        "changes": [c.__dict__ for c in report.changes],
    }
    return json.dumps(doc, indent=1, default=list)
