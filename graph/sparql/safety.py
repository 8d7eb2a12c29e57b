"""The one safety check for ad-hoc SPARQL, decided on the parsed query, never on its text."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import Any

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.algebra import translatePrologue
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from graph.errors import QueryError, UnsafeQuery

#: rdflib's names of update operations -> the SPARQL words a user wrote.
UPDATE_OPERATIONS = {
    "InsertData": "INSERT DATA",
    "DeleteData": "DELETE DATA",
    "DeleteWhere": "DELETE WHERE",
    "Modify": "DELETE/INSERT ... WHERE",
    "Load": "LOAD",
    "Clear": "CLEAR",
    "Drop": "DROP",
    "Create": "CREATE",
    "Add": "ADD",
    "Move": "MOVE",
    "Copy": "COPY",
}
_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}
NOT_READ = (
    "regkg checks every query with rdflib's SPARQL 1.1 parser before running it; "
    "a query that parser cannot read is not run"
)


@dataclass(frozen=True)
class Checked:
    """A query that passed the check: its form and the dataset to run it on.

    ``default_graphs`` None means the union of the named graphs; ``named_graphs`` None means every
    named graph. Empty lists mean empty (a FROM NAMED without FROM has an empty default graph)."""

    form: str
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None


def _nodes(tree: Any) -> Iterator[CompValue]:
    """Every CompValue in a parse tree, depth first in document order (through lists,
    ParseResults and dict values)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, dict):
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, list | tuple | ParseResults):
            stack.extend(reversed(list(node)))


def _field(node: CompValue, key: str) -> Any:
    """A field of a parse node, or None (``CompValue.get`` answers the key itself when absent)."""
    return OrderedDict.get(node, key)


_PARSE_ERRORS = (ParseBaseException, RecursionError, ValueError)


def _parse(parser: Callable[[str], Any], text: str) -> Any:
    """``parser(text)`` in a short-lived thread of its own. pyparsing raises and catches many
    exceptions whose tracebacks form reference cycles; their frames' ``f_back`` chain would keep
    the caller's locals (pyoxigraph answers, which must be freed on the thread that made them)
    alive until the garbage collector runs, on whatever thread. In a thread of its own the chain
    ends at the thread's start."""
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["ok"] = parser(text)
        except _PARSE_ERRORS as exc:
            box["error"] = exc

    thread = threading.Thread(target=work, name="sparql-parse")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    if "ok" not in box:
        msg = f"SPARQL syntax error: the parser stopped without an answer ({NOT_READ})"
        raise QueryError(msg)
    return box["ok"]


def _syntax_error(exc: ParseBaseException) -> QueryError:
    msg = f"SPARQL syntax error: error at {exc.lineno}:{exc.col}: {exc.msg} ({NOT_READ})"
    return QueryError(msg)


def _refuse_update(text: str, query_error: ParseBaseException) -> None:
    """Raise :class:`UnsafeQuery` naming the operation if ``text`` is a SPARQL Update."""
    try:
        update = _parse(parseUpdate, text)
    except _PARSE_ERRORS:
        raise _syntax_error(query_error) from None
    found = [UPDATE_OPERATIONS[n.name] for n in _nodes(update) if n.name in UPDATE_OPERATIONS]
    what = found[0] if found else "an update"
    msg = f"updates are refused: regkg queries are read-only ({what} is an update operation)"
    raise UnsafeQuery(msg)


def _dataset_iris(prologue: Any, query: CompValue) -> tuple[list[str], list[str]]:
    """FROM and FROM NAMED IRIs, resolved against the prologue's PREFIX and BASE."""
    resolved = translatePrologue(prologue, None)
    declared = {_field(d, "prefix") or "" for d in prologue if d.name == "PrefixDecl"}
    default: list[str] = []
    named: list[str] = []
    for clause in _field(query, "datasetClause") or ():
        key = "default" if "default" in clause else "named"
        iri = clause[key]
        if isinstance(iri, CompValue) and (_field(iri, "prefix") or "") not in declared:
            msg = (
                f"SPARQL syntax error: the prefix {_field(iri, 'prefix') or ''!r} of a FROM clause "
                "is not declared"
            )
            raise QueryError(msg)
        (default if key == "default" else named).append(str(resolved.absolutize(iri)))
    return default, named


def check_query(
    text: str,
    held: Callable[[], Collection[str]],
    *,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
) -> Checked:
    """Refuse updates, SERVICE and graphs the store does not hold; return the query's dataset.

    ``held`` gives the store's named graphs (called only when a graph is named, so a remote store
    is asked only then); ``default_graphs``/``named_graphs`` are the protocol's
    ``default-graph-uri``/``named-graph-uri``.

    Every path that runs SPARQL a user typed (``regkg query``, ``regkg serve``, the app's SPARQL
    page, a remote store) calls :func:`check_query` before the query reaches a store. The text is
    parsed by rdflib's SPARQL 1.1 grammar (``rdflib.plugins.sparql.parser``); the decision is made
    on the syntax tree it returns, so keywords inside strings, IRIs, comments, prefixes and variable
    names are never mistaken for operations, and ``\\u`` escapes are expanded before anything is
    read:

    - an update (INSERT/DELETE DATA, DELETE/INSERT ... WHERE, WITH, LOAD, CLEAR, CREATE, DROP, COPY,
      MOVE, ADD) is refused;
    - ``SERVICE`` is refused wherever it stands (subqueries, EXISTS, OPTIONAL, UNION, any nesting):
      every node of the tree is visited;
    - ``FROM``/``FROM NAMED`` are resolved as SPARQL resolves them (prefixed names, ``BASE`` and
      relative IRIs, escapes) and must name graphs the store holds; they, or the protocol's
      ``default-graph-uri``/``named-graph-uri`` (which take precedence), build the query's dataset.
      With neither, the default graph is the union of the named graphs.

    A query rdflib's parser cannot read is not run: it gets a syntax error with rdflib's line and
    column, even where Oxigraph would accept it (Oxigraph's extensions such as ``LATERAL`` or
    RDF-star ``<< >>`` patterns), because nothing may run unchecked.

    >>> check_query("SELECT ?service { ?s ?p ?service }", lambda: ()).form
    'SELECT'
    >>> check_query("SELECT * { FILTER(1 <2) SERVICE <http://x/> { ?s ?p ?o } }", lambda: ())
    Traceback (most recent call last):
    graph.errors.UnsafeQuery: SERVICE is refused: regkg queries never call other endpoints
    """
    try:
        parsed = _parse(parseQuery, text)
    except ParseBaseException as exc:
        _refuse_update(text, exc)
        raise  # pragma: no cover - _refuse_update always raises
    except (RecursionError, ValueError) as exc:
        msg = f"SPARQL syntax error: {exc} ({NOT_READ})"
        raise QueryError(msg) from None
    prologue, query = parsed[0], parsed[1]
    if any(node.name == "ServiceGraphPattern" for node in _nodes(parsed)):
        msg = "SERVICE is refused: regkg queries never call other endpoints"
        raise UnsafeQuery(msg)
    form = _FORMS.get(query.name)
    if form is None:  # pragma: no cover - the grammar has only these four forms
        msg = f"SPARQL syntax error: unknown query form {query.name} ({NOT_READ})"
        raise QueryError(msg)
    if default_graphs is not None or named_graphs is not None:
        default, named = list(default_graphs or ()), list(named_graphs or ())
        origin = "the protocol's default-graph-uri/named-graph-uri"
    else:
        default, named = _dataset_iris(prologue, query)
        origin = "FROM/FROM NAMED"
        if not default and not named:
            return Checked(form)
    graphs = set(held())
    for g in (*default, *named):
        if g not in graphs:
            msg = f"graph <{g}> is refused ({origin}): only this store's named graphs can be used"
            raise UnsafeQuery(msg)
    return Checked(form, default, named)
