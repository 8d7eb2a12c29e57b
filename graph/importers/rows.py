"""The rows of one file, resolved in file order: every value cut while a row was read goes to the
report, and a row identical to an earlier row of the file is not a second record."""

from __future__ import annotations

from collections.abc import Callable

from graph.importers.emit import Resolved
from graph.importers.items import Item, Quarantined, Row, identity
from graph.importers.report import Progress, Report
from graph.importers.resolve import Resolver


def resolve_rows(
    rows: list[Row],
    resolver: Resolver,
    rep: Report,
    bar: Progress,
    emit: Callable[[Resolved], None],
) -> list[Resolved]:
    """Resolve ``rows``; quarantined and repeated rows go to ``rep``, each record to ``emit``.

    Identical means the same once read (:func:`graph.importers.items.identity`: every parsed value,
    the full text of cut values, not the row's position): such a row would make the same record
    again. It is counted as merged and listed with the row it repeats; the earlier row keeps its
    record and identifier. Rows that differ in any value stay separate records (whether two such
    records are one decision is the cross-source linking's question, not this one).
    """
    first: dict[str, Item] = {}
    outcome: dict[int, Resolved | Quarantined] = {}
    resolved: list[Resolved] = []
    for n, row in enumerate(rows, 1):
        rep.cuts(row.row, row.line, row.cuts)
        out: Resolved | Quarantined
        if isinstance(row, Item):
            earlier = first.setdefault(identity(row), row)
            if earlier is not row:
                resolver.skip(row)
                _repeat(row, earlier, outcome[earlier.row], rep)
                bar.update(n)
                continue
            out = outcome[row.row] = resolver.resolve(row)
        else:
            out = row
        if isinstance(out, Quarantined):
            rep.quarantined.append({"row": out.row, "line": out.line, "reason": out.reason})
        else:
            resolved.append(out)
            emit(out)
        bar.update(n)
    bar.done()
    return resolved


def _repeat(row: Item, earlier: Item, done: Resolved | Quarantined, rep: Report) -> None:
    if isinstance(done, Quarantined):
        reason = f"identical to row {earlier.row}, which is quarantined: {done.reason}"
        rep.quarantined.append({"row": row.row, "line": row.line, "reason": reason})
        return
    rep.repeated_rows.append({"row": row.row, "line": row.line, "repeats": earlier.row})
