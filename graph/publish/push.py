"""``regkg push --to URL``: load a snapshot (or the current store) into a remote triple store, one
named graph per source, each replaced as atomically as SPARQL 1.1 allows."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox

from graph.errors import StoreError
from graph.stores.contract import Store
from graph.stores.embedded import GRAPH_COUNTS_QUERY, GraphStore
from graph.stores.remote import RemoteStore
from graph.vocabulary.namespaces import GRAPH_BASE

STAGING_BASE = "https://w3id.org/regkg/staging/"
#: Triples per INSERT DATA request (Virtuoso refuses requests that compile to >10k SQL lines).
BATCH = 500
TIMEOUT = 600.0


@dataclass
class PushReport:
    """What a push did: triples per graph pushed, and remote graphs left untouched."""

    url: str
    graphs: dict[str, int] = field(default_factory=dict)
    untouched: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"pushed {sum(self.graphs.values())} triples in {len(self.graphs)} named graphs"]
        lines += [f"  {n:>8}  <{g}>" for g, n in sorted(self.graphs.items())]
        if self.untouched:
            lines.append("left as they were (not in this snapshot):")
            lines += [f"  <{g}>" for g in self.untouched]
        return "\n".join(lines)


def snapshot_quads(snapshot: Path) -> list[ox.Quad]:
    """The quads of a snapshot folder's ``graph.trig`` (its named graphs kept)."""
    trig = snapshot / "graph.trig"
    if not trig.is_file():
        msg = f"{snapshot} is not a snapshot folder: it has no graph.trig (see `regkg export`)"
        raise StoreError(msg)
    try:
        return list(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
    except SyntaxError as exc:
        msg = f"{trig}: not valid TriG: {exc}"
        raise StoreError(msg) from None


def by_graph(quads: Iterable[ox.Quad]) -> dict[str, list[ox.Triple]]:
    """Triples grouped by named graph; a quad outside regkg's graphs is an error."""
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    for q in quads:
        g = q.graph_name
        if not isinstance(g, ox.NamedNode) or not g.value.startswith(GRAPH_BASE):
            msg = f"a quad outside regkg's named graphs ({g}) cannot be pushed: {q}"
            raise StoreError(msg)
        if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
            msg = f"a blank node cannot be pushed one batch at a time: {q}"
            raise StoreError(msg)
        graphs[g.value].append(q.triple)
    return graphs


def _send(url: str, body: bytes, content_type: str, method: str = "POST") -> None:
    req = urllib.request.Request(
        url, data=body, method=method, headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
            resp.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip()[:500]
        msg = f"the remote store refused the write ({exc.code} at {url}): {detail}"
        raise StoreError(msg) from None
    except urllib.error.URLError as exc:
        msg = f"cannot reach the remote store at {url}: {exc.reason}"
        raise StoreError(msg) from None


def _update(url: str, text: str) -> None:
    _send(url, urlencode({"update": text}).encode(), "application/x-www-form-urlencoded")


def _ntriples(triples: Iterable[ox.Triple]) -> str:
    return "".join(f"{t} .\n" for t in triples)


def push_graph(graph: str, triples: list[ox.Triple], update_url: str, gsp_url: str | None) -> None:
    """Replace ``graph`` in the remote store by ``triples`` (staging graph, then ``MOVE``)."""
    staging = STAGING_BASE + graph.removeprefix(GRAPH_BASE)
    _update(update_url, f"DROP SILENT GRAPH <{staging}>")
    if gsp_url:
        target = f"{gsp_url}?{urlencode({'graph': staging})}"
        _send(target, _ntriples(triples).encode(), "application/n-triples", method="PUT")
    else:
        for start in range(0, len(triples), BATCH):
            chunk = _ntriples(triples[start : start + BATCH])
            _update(update_url, f"INSERT DATA {{ GRAPH <{staging}> {{\n{chunk}}} }}")
    _update(update_url, f"MOVE SILENT GRAPH <{staging}> TO GRAPH <{graph}>")


def push(
    url: str,
    *,
    snapshot: Path | None = None,
    source: Store | None = None,
    update_url: str | None = None,
    gsp_url: str | None = None,
) -> PushReport:
    """Push ``snapshot`` (or the ``source`` store, default the current one) to the store at
    ``url`` (its query URL; ``update_url`` defaults to it); verify the counts read back.

    One named graph per source, each replaced as atomically as SPARQL 1.1 allows: the graph is first
    uploaded whole to a staging graph (``https://w3id.org/regkg/staging/…``, outside regkg's graph
    space, so readers never see it), by a Graph Store Protocol ``PUT`` when a GSP URL is given or by
    ``INSERT DATA`` batches otherwise, and then swapped in with one ``MOVE`` operation, which drops
    the old graph and renames the staging graph. Readers see the old graph or the new one. After the
    push every graph's triple count is read back and compared: a store that lost triples is an
    error. Graphs of the remote store that the snapshot does not hold are left alone and reported.
    """
    quads = (
        snapshot_quads(snapshot) if snapshot else list((source or GraphStore.open_local()).quads())
    )
    graphs = by_graph(quads)
    if not graphs:
        msg = "nothing to push: the snapshot or store holds no named graphs"
        raise StoreError(msg)
    remote = RemoteStore(url, timeout=TIMEOUT)
    report = PushReport(url)
    for graph, triples in sorted(graphs.items()):
        unique = sorted(set(triples), key=str)
        push_graph(graph, unique, update_url or url, gsp_url)
        report.graphs[graph] = len(unique)
    counted = {
        row["g"].value: int(row["n"].value)
        for row in remote.query(GRAPH_COUNTS_QUERY)
        if row["g"].value.startswith(GRAPH_BASE)
    }
    lost = {g: (n, counted.get(g, 0)) for g, n in report.graphs.items() if counted.get(g, 0) != n}
    if lost:
        detail = "; ".join(f"<{g}>: sent {a}, stored {b}" for g, (a, b) in sorted(lost.items()))
        msg = f"the remote store does not hold what was pushed: {detail}"
        raise StoreError(msg)
    report.untouched = sorted(set(counted) - set(report.graphs))
    return report
