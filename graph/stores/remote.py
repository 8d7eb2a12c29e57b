"""The remote backend: the store contract (:class:`graph.stores.contract.Store`) over SPARQL 1.1
HTTP, so every reader can use a shared triple store instead of the embedded one."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox

from graph import settings
from graph.errors import QueryError, QueryTimeout, StoreError
from graph.sparql.bindings import bind_values
from graph.sparql.internal import internal_query
from graph.sparql.safety import check_query
from graph.stores.contract import RDF_TYPE

RESULTS_JSON = "application/sparql-results+json"
GRAPH_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
#: How deep :meth:`RemoteStore.quads` splits a graph by subject hash (16**4 parts at most).
MAX_SPLIT = 4
ACCEPT_GRAPH = "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8"
_GRAPHS = internal_query("graph.stores", "remote-graphs")
_COUNT = internal_query("graph.stores", "remote-count")


_TYPES = internal_query("graph.stores", "remote-types")
_GRAPH = internal_query("graph.stores", "remote-graph")
_GRAPH_PART = internal_query("graph.stores", "remote-graph-part")


class ResultCut(StoreError):
    """The remote store sent a graph answer as long as its row limit: it may have been cut."""


class RemoteStore:
    """The store contract over a remote SPARQL 1.1 endpoint (read side).

    Select it with ``REGKG_STORE=<query URL>`` (or ``regkg --store URL``): every stored query, view,
    CLI command and app page then reads a shared triple store (Virtuoso, Fuseki, GraphDB, Neptune,
    QLever, another ``regkg serve``) instead of the embedded one. Answers come back as the same
    pyoxigraph objects the embedded store gives (SPARQL JSON results parsed by pyoxigraph; graphs as
    N-Triples), so callers cannot tell the difference.

    Nothing is lost silently:

    - bound values travel as ``VALUES`` blocks (:mod:`graph.sparql.bindings`), never pasted text;
    - a query is checked locally first by :func:`graph.sparql.safety.check_query` (never evaluated
      here), so updates and SERVICE are never sent, FROM names only the remote's regkg graphs, and a
      syntax error names its line and column;
    - a result the server cut (``X-RegKG-Truncated``, or Virtuoso's ``ResultSetMaxRows``: that many
      rows with ``X-SPARQL-MaxRows``) or stopped early (Virtuoso's "anytime" partial answers,
      ``X-SQL-State: S1TAT``) raises an error instead of passing for the whole answer; a graph
      answer as long as the store's row limit (``REGKG_STORE_MAX_ROWS``, Virtuoso's default 10,000),
      which Virtuoso cuts without a word, raises too; whole graphs are read in parts below that
      limit;
    - a query over the time limit raises :class:`QueryTimeout`.
    """

    def __init__(
        self, url: str, *, timeout: float | None = None, max_rows: int | None = None
    ) -> None:
        self.path: Path | None = None
        self.meta: dict[str, Any] = {"store": url}
        self.url = url
        self.timeout = settings.QUERY_TIMEOUT if timeout is None else timeout
        self.max_rows = settings.store_max_rows() if max_rows is None else max_rows

    def refresh(self, home: Path | None = None) -> RemoteStore:
        """A remote store is always current."""
        return self

    # ------------------------------------------------------------------ HTTP
    def request(
        self, text: str, accept: str, extra: Iterable[tuple[str, str]] = ()
    ) -> tuple[bytes, Any]:
        """POST ``text`` as a form-encoded query; return the body and the response headers."""
        body = urlencode([("query", text), *extra]).encode()
        req = urllib.request.Request(
            self.url,
            data=body,
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.read(), resp.headers
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip()[:500]
            if exc.code in (503, 504):
                msg = f"the remote store gave up ({exc.code}): {detail}"
                raise QueryTimeout(msg) from None
            if exc.code in (400, 500):
                msg = f"the remote store could not run the query ({exc.code}): {detail}"
                raise QueryError(msg) from None
            msg = f"the remote store at {self.url} answered {exc.code}: {detail}"
            raise StoreError(msg) from None
        except TimeoutError:
            msg = f"the remote store did not answer within the {self.timeout:g} s time limit"
            raise QueryTimeout(msg) from None
        except urllib.error.URLError as exc:
            msg = f"cannot reach the remote store at {self.url}: {exc.reason}"
            raise StoreError(msg) from None

    # ------------------------------------------------------------------ reading
    def query(
        self,
        text: str,
        substitutions: dict[ox.Variable, Any] | None = None,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> Any:
        """Run a query remotely; same arguments and answers as the contract's ``query``."""
        # Checked locally first (never evaluated here): updates and SERVICE are refused before
        # anything is sent, a syntax error names its line and column, FROM must name held graphs.
        checked = check_query(
            text, self.named_graphs, default_graphs=default_graphs, named_graphs=named_graphs
        )
        sent = bind_values(text, substitutions)
        extra = [("default-graph-uri", g) for g in checked.default_graphs or ()]
        extra += [("named-graph-uri", g) for g in checked.named_graphs or ()]
        if checked.form in ("CONSTRUCT", "DESCRIBE"):
            body, headers = self.request(sent, ACCEPT_GRAPH, extra)
            media = (headers.get("Content-Type") or "text/plain").split(";")[0].strip().lower()
            fmt = GRAPH_TYPES.get(media)
            if fmt is None:
                msg = f"the remote store answered a graph as {media}, which regkg cannot read"
                raise StoreError(msg)
            triples = [q.triple for q in ox.parse(body, format=fmt)]
            _check_complete(headers, len(triples), self.max_rows)
            return iter(triples)
        body, headers = self.request(sent, RESULTS_JSON, extra)
        answer = _results(body)
        if isinstance(answer, ox.QuerySolutions):
            try:
                count = sum(1 for _ in answer)
            except (SyntaxError, ValueError) as exc:
                # e.g. Virtuoso's own "nodeID://" blank nodes, from its system graphs
                msg = f"the remote store's answer could not be read: {exc}"
                raise StoreError(msg) from None
            _check_complete(headers, count, self.max_rows)
            return _results(body)  # read again: the count consumed the first reading
        return answer

    def named_graphs(self) -> list[str]:
        """regkg's named graphs in the remote store (not the server's own system graphs)."""
        return sorted(row["g"].value for row in self.query(_GRAPHS))

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """All of regkg's quads, one named graph at a time. A graph longer than the store's row
        limit is read in parts by the MD5 prefix of the subject (no ORDER BY/OFFSET paging,
        which Virtuoso caps at 10,000 sorted rows); a part still too long is split again."""
        for g in [graph] if graph else self.named_graphs():
            name = ox.NamedNode(g)
            parts = [""]
            while parts:
                prefix = parts.pop()
                bound: dict[ox.Variable, Any] = {ox.Variable("g"): name}
                if prefix:
                    bound[ox.Variable("prefix")] = ox.Literal(prefix)
                try:
                    triples = list(self.query(_GRAPH_PART if prefix else _GRAPH, bound))
                except ResultCut:
                    if len(prefix) >= MAX_SPLIT:
                        raise
                    parts.extend(prefix + c for c in "0123456789abcdef")
                    continue
                for t in triples:
                    yield ox.Quad(t.subject, t.predicate, t.object, name)

    def typed(self, nodes: list[str]) -> Iterator[ox.Quad]:
        """The ``rdf:type`` quads of the given IRIs, from every regkg graph (one query per node:
        bound through ``VALUES``, never pasted)."""
        for node in nodes:
            s = ox.NamedNode(node)
            for row in self.query(_TYPES, {ox.Variable("s"): s}):
                yield ox.Quad(s, RDF_TYPE, row["t"], row["g"])

    def __len__(self) -> int:
        row = next(iter(self.query(_COUNT)), None)
        return int(row["n"].value) if row is not None else 0


def _results(body: bytes) -> ox.QuerySolutions | ox.QueryBoolean:
    try:
        return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as exc:
        msg = f"the remote store's answer is not SPARQL JSON results: {exc}"
        raise StoreError(msg) from None


def _check_complete(headers: Any, rows: int, limit: int) -> None:
    """Raise if the server says, or the length shows, that it sent less than the whole answer."""
    if (headers.get("X-SQL-State") or "").strip().upper() == "S1TAT":
        msg = (
            "the remote store stopped the query at its time limit and sent a partial answer "
            f"({headers.get('X-SQL-Message', '').strip()}): refused rather than shown as complete"
        )
        raise QueryTimeout(msg)
    if headers.get("X-RegKG-Truncated"):
        msg = f"the remote store cut the result at its row cap ({headers.get('X-RegKG-Truncated')})"
        raise ResultCut(msg)
    cap = int(headers.get("X-SPARQL-MaxRows") or limit)
    if rows >= min(cap, limit):
        # Virtuoso says so only sometimes (not with an explicit LIMIT, never for graphs).
        msg = (
            f"the remote store sent {rows} rows, its {min(cap, limit)}-row limit "
            "(ResultSetMaxRows; REGKG_STORE_MAX_ROWS): the answer may have been cut. Raise "
            "that limit on the server or narrow the query"
        )
        raise ResultCut(msg)
