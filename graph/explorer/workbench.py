"""The SPARQL workbench's helpers: limits, plain-words syntax errors, result tables and
CONSTRUCT/DESCRIBE triples as a drawable graph."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

import networkx as nx
import pyoxigraph as ox

from graph.stores.results import Result, compact

#: Range the user may set the time limit in (seconds).
TIMEOUT_BOUNDS = (1.0, 120.0)
#: Range the user may set the row cap in.
ROW_BOUNDS = (1, 100_000)
#: Longest text shown for a literal node of a CONSTRUCT drawing.
LITERAL_LABEL_CHARS = 60
#: Longest error detail shown in the one-line explanation (the full message is shown apart).
ERROR_CHARS = 160

_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_POSITION = re.compile(r"error at (\d+):(\d+):\s*")

N = TypeVar("N", int, float)


def clamp(value: N, low: N, high: N) -> N:
    """``value`` kept within ``low..high``.

    >>> clamp(500.0, *TIMEOUT_BOUNDS), clamp(0, *ROW_BOUNDS)
    (120.0, 1)
    """
    return max(low, min(high, value))


def syntax_position(message: str) -> tuple[int, int] | None:
    """Line and column (1-based) of a pyoxigraph syntax error message, if it names them."""
    m = _POSITION.search(message)
    return (int(m.group(1)), int(m.group(2))) if m else None


def explain_error(message: str) -> str:
    """A query error in plain words: syntax errors lead with their line and column; a long
    detail (pyoxigraph lists every token it expected) is cut at :data:`ERROR_CHARS`.

    >>> explain_error("SPARQL syntax error: error at 1:2: expected " + "x" * 300)[-12:]
    'xxxxxxxxxxx…'

    >>> syntax_position("SPARQL syntax error: error at 3:14: expected one of ...")
    (3, 14)
    >>> explain_error("SPARQL syntax error: error at 3:14: expected one of ...")
    'Syntax error at line 3, column 14: expected one of ...'
    """
    m = _POSITION.search(message)
    if m is None:
        return message
    detail = " ".join(message[m.end() :].split())
    if len(detail) > ERROR_CHARS:
        detail = detail[: ERROR_CHARS - 1] + "…"
    return f"Syntax error at line {m.group(1)}, column {m.group(2)}: {detail}"


def table(result: Result) -> dict[str, list[str]]:
    """A SELECT result as columns of short display strings (prefixed IRIs, literal values)."""
    return {col: [compact(row[i]) for row in result.rows] for i, col in enumerate(result.columns)}


def _node_id(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    return term.value if isinstance(term, ox.NamedNode) else str(term)


def triples_graph(
    triples: Iterable[ox.Triple], known: nx.MultiDiGraph | None = None
) -> nx.MultiDiGraph:
    """CONSTRUCT/DESCRIBE triples as a graph: one node per IRI, blank node or literal value, one
    edge per triple labelled with the compact predicate.

    Node labels are the entity label from ``known`` (the entity graph) or an ``rdfs:label`` among
    the triples, else the compact IRI or the literal text (cut at
    :data:`LITERAL_LABEL_CHARS`). Labels are plain text here; the renderer escapes them.
    """
    g = nx.MultiDiGraph()
    labels: dict[str, str] = {}
    for t in triples:
        s, p, o = t.subject, t.predicate, t.object
        for term in (s, o):
            node = _node_id(term)
            if node in g:
                continue
            if known is not None and node in known:
                attrs = known.nodes[node]
                g.add_node(node, label=str(attrs.get("label", node)), kind=attrs.get("kind", ""))
            elif isinstance(term, ox.Literal):
                text = term.value
                if len(text) > LITERAL_LABEL_CHARS:
                    text = text[: LITERAL_LABEL_CHARS - 1] + "…"
                g.add_node(node, label=text, kind="", card=f"Literal: {term.value}")
            else:
                g.add_node(node, label=compact(term), kind="")
        if p.value == _LABEL and isinstance(o, ox.Literal):
            labels.setdefault(_node_id(s), o.value)
        g.add_edge(_node_id(s), _node_id(o), label=compact(p))
    for node, label in labels.items():
        if known is None or node not in known:
            g.nodes[node]["label"] = label
    return g
