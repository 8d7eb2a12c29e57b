"""Run SPARQL on the store and format results (table, CSV, TSV, SPARQL JSON), with a row cap.

A result over the cap is cut at the cap and says so (``truncated``), never silently.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from graph import settings
from graph.errors import QueryError
from graph.sparql.safety import check_query
from graph.sparql.stored import StoredQuery
from graph.stores.contract import Store
from graph.vocabulary.namespaces import PREFIXES

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass(frozen=True)
class Result:
    """A SELECT table, an ASK boolean, or CONSTRUCT/DESCRIBE triples."""

    form: str  # "select", "ask" or "graph"
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()
    truncated: bool = False

    def records(self) -> list[dict[str, str | None]]:
        """Rows as dicts of plain values (IRI or lexical form)."""
        return [{c: plain(v) for c, v in zip(self.columns, row, strict=True)} for row in self.rows]


def plain(term: Term | None) -> str | None:
    """The IRI or lexical form of a term (``None`` for unbound)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode):
        return term.value
    return str(term)


def run(
    store: Store,
    text: str,
    bindings: dict[ox.Variable, Any] | None = None,
    *,
    max_rows: int | None = None,
    check: bool = True,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
) -> Result:
    """Run ``text`` with bound values; cap rows at ``max_rows`` (default ``settings.MAX_ROWS``).

    ``default_graphs``/``named_graphs`` are the SPARQL protocol's dataset parameters. With
    ``check`` (every query a user typed) the text must pass :func:`graph.sparql.safety.check_query`,
    which also resolves its FROM/FROM NAMED into the dataset the query runs on.
    """
    cap = settings.MAX_ROWS if max_rows is None else max_rows
    if check:
        checked = check_query(
            text, store.named_graphs, default_graphs=default_graphs, named_graphs=named_graphs
        )
        default_graphs, named_graphs = checked.default_graphs, checked.named_graphs
    try:
        answer = store.query(
            text, bindings, default_graphs=default_graphs, named_graphs=named_graphs
        )
        return _collect(answer, cap)
    except SyntaxError as exc:
        msg = f"SPARQL syntax error: {exc}"
        raise QueryError(msg) from None
    except (RuntimeError, OSError) as exc:
        # also raised while reading the answer (Oxigraph evaluates lazily)
        msg = f"query failed: {exc}"
        raise QueryError(msg) from None


def _collect(answer: Any, cap: int) -> Result:
    """Read an answer into a :class:`Result`, cut at ``cap`` rows."""
    if isinstance(answer, ox.QueryBoolean):
        return Result("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        columns = tuple(v.value for v in answer.variables)
        rows: list[tuple[Term | None, ...]] = []
        for i, sol in enumerate(answer):
            if i >= cap:
                return Result("select", columns, tuple(rows), truncated=True)
            rows.append(tuple(sol))  # values in ``answer.variables`` order (no lookup by name)
        return Result("select", columns, tuple(rows))
    triples: list[ox.Triple] = []
    for i, t in enumerate(answer):
        if i >= cap:
            return Result("graph", triples=tuple(triples), truncated=True)
        triples.append(t)
    return Result("graph", triples=tuple(triples))


def run_stored(store: Store, query: StoredQuery, values: dict[str, str], **kw: Any) -> Result:
    """Run a stored query with user values bound to its declared parameters."""
    return run(store, query.text, query.bindings(values), check=False, **kw)


# --------------------------------------------------------------------------- formats
def compact(term: Term | None) -> str:
    """Short display form: prefixed IRIs, plain literal values.

    >>> compact(ox.NamedNode("https://w3id.org/regkg/id/company/google-llc"))
    'regid:company/google-llc'
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, base in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if term.value.startswith(base):
                return f"{prefix}:{term.value[len(base) :]}"
        return f"<{term.value}>"
    return plain(term) or ""


def to_table(result: Result) -> str:
    """Aligned plain-text table (for terminals)."""
    if result.form == "ask":
        return "yes" if result.boolean else "no"
    if result.form == "graph":
        return to_ntriples(result)
    cells = [list(result.columns)] + [[compact(v) for v in row] for row in result.rows]
    widths = [min(60, max(len(r[i]) for r in cells)) for i in range(len(result.columns))]
    lines = []
    for n, r in enumerate(cells):
        lines.append("  ".join(c[:60].ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines)


def to_csv(result: Result, delimiter: str = ",") -> str:
    """SPARQL 1.1 CSV (IRIs and lexical forms)."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow(result.columns)
    for row in result.rows:
        w.writerow([plain(v) or "" for v in row])
    return buf.getvalue()


def to_tsv(result: Result) -> str:
    """SPARQL 1.1 TSV (terms in Turtle/N-Triples syntax)."""
    lines = ["\t".join("?" + c for c in result.columns)]
    for row in result.rows:
        lines.append("\t".join("" if v is None else str(v) for v in row))
    return "\n".join(lines) + "\n"


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def to_json(result: Result) -> str:
    """SPARQL 1.1 Query Results JSON (SELECT/ASK)."""
    if result.form == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)})
    bindings = [
        {c: _json_term(v) for c, v in zip(result.columns, row, strict=True) if v is not None}
        for row in result.rows
    ]
    doc = {"head": {"vars": list(result.columns)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1)


def to_ntriples(result: Result) -> str:
    """CONSTRUCT/DESCRIBE triples as N-Triples."""
    return "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in result.triples)


FORMATS: dict[str, Callable[[Result], str]] = {
    "table": to_table,
    "csv": to_csv,
    "tsv": to_tsv,
    "json": to_json,
}


def format_result(result: Result, fmt: str) -> str:
    """Format a result; CONSTRUCT/DESCRIBE always come out as N-Triples except in ``table``."""
    if result.form == "graph" and fmt != "table":
        return to_ntriples(result)
    if result.form == "ask" and fmt in ("csv", "tsv"):
        return "boolean\n" + ("true" if result.boolean else "false") + "\n"
    return FORMATS[fmt](result)
