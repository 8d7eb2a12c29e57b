"""A networkx multigraph as a JSON file that reads back to an equal graph, in the same order, so
the explorer's entity graph is stored once per store generation instead of projected per server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from graph.errors import StoreError
from graph.files import write_atomic

#: Bumped when the layout of the file changes; a file of another format is refused.
FORMAT = 1


def _plain(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in attrs.items()}


def _typed(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in attrs.items()}


def write_graph(g: nx.MultiDiGraph, path: Path, *, stamp: str = "") -> None:
    """Write ``g`` to ``path`` atomically (a temporary file beside it, then a rename), with a
    ``stamp`` naming the code that made it (see :func:`read_graph`).

    Used for the explorer's entity graph, which a writer finalizer stores in each store
    generation (:mod:`graph.pipeline.derived`) so that a page reads it instead of projecting it
    from the store on every server's first page (figures in ``benchmarks/README.md``). Node and
    out-edge order are kept; list values are read back as tuples (the graphs store tuples, JSON
    has lists). A stamp names the code that made the graph, so a file written by older code is
    not taken for what this code would project.

    >>> import networkx as nx, tempfile
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="A <b>", sources=("g1", "g2"))
    >>> g.add_edge("a", "b", key="k", label="fined")
    'k'
    >>> path = Path(tempfile.mkdtemp()) / "g.json"
    >>> write_graph(g, path)
    >>> h = read_graph(path)
    >>> h is not None and same_graph(g, h), h.nodes["a"]["sources"]
    (True, ('g1', 'g2'))
    """
    data = {
        "format": FORMAT,
        "stamp": stamp,
        "nodes": [[n, _plain(a)] for n, a in g.nodes(data=True)],
        "edges": [[u, v, k, _plain(a)] for u, v, k, a in g.edges(keys=True, data=True)],
    }
    write_atomic(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def read_graph(path: Path, *, stamp: str | None = None) -> nx.MultiDiGraph | None:
    """The graph written by :func:`write_graph`; a damaged file is a :class:`StoreError`.

    With ``stamp``, a file written with another stamp (by other code: the graph it holds may
    differ from what this code would make) gives ``None``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            msg = f"{path}: not a regkg graph file of format {FORMAT}"
            raise StoreError(msg)
        if stamp is not None and data.get("stamp") != stamp:
            return None
        g = nx.MultiDiGraph()
        g.add_nodes_from((n, _typed(a)) for n, a in data["nodes"])
        g.add_edges_from((u, v, k, _typed(a)) for u, v, k, a in data["edges"])
    except (OSError, KeyError, TypeError, ValueError) as e:  # ValueError: bad JSON or UTF-8
        msg = f"{path}: the stored graph cannot be read ({e}); rebuild with `regkg build --force`"
        raise StoreError(msg) from None
    return g


def same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> bool:
    """Equal nodes and edges with equal attributes, in the same order (node order and each
    node's out-edges; the order of a node's in-edges is not kept by the file)."""
    return list(a.nodes(data=True)) == list(b.nodes(data=True)) and list(
        a.edges(keys=True, data=True)
    ) == list(b.edges(keys=True, data=True))
