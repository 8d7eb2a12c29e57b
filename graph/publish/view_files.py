"""GraphML, GEXF and node-link JSON files of a view, streamed as text."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

Scalar = str | int | float | bool


@dataclass(frozen=True)
class ViewData:
    """A view ready to write: nodes by IRI, edges by (source, target, key), attributes sorted
    by name, values scalar (None dropped)."""

    nodes: list[tuple[str, dict[str, Scalar]]]
    edges: list[tuple[str, str, str, dict[str, Scalar]]]


def flat(value: Any) -> Scalar:
    """A scalar attribute value: other values as sorted JSON text."""
    if isinstance(value, str | int | float | bool):
        return value
    return json.dumps(value, sort_keys=True, default=str)


def flat_attrs(data: dict[str, Any]) -> dict[str, Scalar]:
    return {k: flat(v) for k, v in sorted(data.items()) if v is not None}


def view_data(g: nx.MultiDiGraph | ViewData) -> ViewData:
    """``g`` sorted and flattened (a :class:`ViewData` is returned as it is).

    A view is written from a :class:`ViewData` (nodes and edges in sorted order, scalar attributes
    only) or a networkx graph (flattened and sorted first). GraphML and GEXF are the same documents
    networkx's writers produce for such a view, written line by line instead of through an
    ElementTree; node-link JSON is ``networkx.node_link_data`` with one node or edge per line.
    """
    if isinstance(g, ViewData):
        return g
    nodes = [(n, flat_attrs(g.nodes[n])) for n in sorted(g)]
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    return ViewData(nodes, [(a, b, k, flat_attrs(d)) for a, b, k, d in edges])


_GRAPHML_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
_GEXF_HEAD = (
    '<gexf xmlns="http://www.gexf.net/1.2draft" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
    'version="1.2">\n'
)
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;"}
    | {"\t": "&#09;"}
)


def _type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


_TEXT_SPECIAL = re.compile("[&<>]").search
_ATTR_SPECIAL = re.compile('[&<>"\n\r\t]').search


def _text(value: Any) -> str:
    text = str(value)
    return text if _TEXT_SPECIAL(text) is None else text.translate(_TEXT)


def _attr(value: Any) -> str:
    text = str(value)
    return text if _ATTR_SPECIAL(text) is None else text.translate(_ATTR)


def _ascii_attr(value: Any) -> str:
    """An attribute value with non-ASCII characters as character references (as networkx's
    GEXF writer has them)."""
    text = _attr(value)
    return text if text.isascii() else text.encode("ascii", "xmlcharrefreplace").decode("ascii")


class _Memo(dict[str, str]):
    """Escaped node ids, computed once (every edge names two)."""

    def __init__(self, escape: Callable[[Any], str]) -> None:
        super().__init__()
        self.escape = escape

    def __missing__(self, key: str) -> str:
        value = self[key] = self.escape(key)
        return value


def _keys(items: Iterable[dict[str, Any]], skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Attribute name → type, in order of first appearance."""
    out: dict[str, str] = {}
    for data in items:
        for k, v in data.items():
            if k not in out and k not in skip:
                out[k] = _type(v)
    return out


def _graphml_lines(g: ViewData) -> Iterator[str]:
    node_keys = _keys(d for _n, d in g.nodes)
    edge_keys = _keys(_distinct(e[3] for e in g.edges))
    ids: dict[tuple[str, str], str] = {}
    for scope, keys in (("node", node_keys), ("edge", edge_keys)):
        for name in keys:
            ids[(scope, name)] = f"d{len(ids)}"
    yield _GRAPHML_HEAD
    declared = [(scope, name) for scope, name in ids]
    for scope, name in reversed(declared):
        kind = (node_keys if scope == "node" else edge_keys)[name]
        key = ids[(scope, name)]
        yield (f'  <key id="{key}" for="{scope}" attr.name="{_attr(name)}" attr.type="{kind}" />\n')
    yield '  <graph edgedefault="directed">\n'
    for n, data in g.nodes:
        if not data:
            yield f'    <node id="{_attr(n)}" />\n'
            continue
        body = "".join(
            f'      <data key="{ids[("node", k)]}">{_text(v)}</data>\n' for k, v in data.items()
        )
        yield f'    <node id="{_attr(n)}">\n{body}    </node>\n'
    ids_of = _Memo(_attr)
    blocks: dict[int, str] = {}  # edges share attribute dicts: render each once
    for a, b, key, data in g.edges:
        head = f'    <edge source="{ids_of[a]}" target="{ids_of[b]}" id="{ids_of[key]}"'
        block = blocks.get(id(data))
        if block is None:
            lines = (
                f'      <data key="{ids[("edge", k)]}">{_text(v)}</data>\n' for k, v in data.items()
            )
            block = blocks[id(data)] = ">\n" + "".join(lines) + "    </edge>\n" if data else " />\n"
        yield head + block
    yield "  </graph>\n</graphml>\n"


def write_graphml(g: nx.MultiDiGraph | ViewData, path: Path) -> None:
    """GraphML as ``networkx.write_graphml(g, path, prettyprint=True)`` writes it."""
    with path.open("w", encoding="utf-8") as fh:
        fh.writelines(_graphml_lines(view_data(g)))


def _distinct(items: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Each dict object once (edges share attribute dicts)."""
    seen: set[int] = set()
    for d in items:
        if id(d) not in seen:
            seen.add(id(d))
            yield d


def _attvalue_lines(data: dict[str, Any], ids: dict[str, str]) -> str:
    return "".join(
        f'          <attvalue for="{ids[k]}" '
        f'value="{_ascii_attr(str(v).lower() if isinstance(v, bool) else v)}" />\n'
        for k, v in data.items()
    )


def _gexf_lines(g: ViewData) -> Iterator[str]:
    node_keys = _keys((d for _n, d in g.nodes), skip=("label",))
    edge_keys = _keys(
        {k: v for k, v in d.items() if k != "label"} | {"networkx_key": ""}
        for d in _distinct(e[3] for e in g.edges)
    )
    node_ids = {name: str(i) for i, name in enumerate(node_keys)}
    edge_ids = {name: str(i + len(node_ids)) for i, name in enumerate(edge_keys)}
    yield _GEXF_HEAD
    yield f"  <meta>\n    <creator>NetworkX {nx.__version__}</creator>\n  </meta>\n"
    yield '  <graph defaultedgetype="directed" mode="static" name="">\n'
    for scope, keys, ids in (("edge", edge_keys, edge_ids), ("node", node_keys, node_ids)):
        if not keys:
            continue
        yield f'    <attributes mode="static" class="{scope}">\n'
        for name, kind in keys.items():
            title = _ascii_attr(name)
            yield f'      <attribute id="{ids[name]}" title="{title}" type="{kind}" />\n'
        yield "    </attributes>\n"
    yield "    <nodes>\n"
    for n, data in g.nodes:
        label = data.get("label", n)
        rest = {k: v for k, v in data.items() if k != "label"}
        head = f'      <node id="{_ascii_attr(n)}" label="{_ascii_attr(label)}"'
        if not rest:
            yield head + " />\n"
            continue
        values = _attvalue_lines(rest, node_ids)
        yield f"{head}>\n        <attvalues>\n{values}        </attvalues>\n      </node>\n"
    yield "    </nodes>\n    <edges>\n"
    ids_of = _Memo(_ascii_attr)
    parts: dict[int, tuple[str, str]] = {}  # edges share attribute dicts: render each once
    key_for = edge_ids["networkx_key"]
    for i, (a, b, key, data) in enumerate(g.edges):
        part = parts.get(id(data))
        if part is None:
            label = f' label="{_ascii_attr(data["label"])}"' if "label" in data else ""
            rest = {k: v for k, v in data.items() if k != "label"}
            part = parts[id(data)] = (label, _attvalue_lines(rest, edge_ids))
        yield (
            f'      <edge source="{ids_of[a]}" target="{ids_of[b]}" id="{i}"{part[0]}>\n'
            f"        <attvalues>\n{part[1]}"
            f'          <attvalue for="{key_for}" value="{ids_of[key]}" />\n'
            "        </attvalues>\n      </edge>\n"
        )
    yield "    </edges>\n  </graph>\n</gexf>\n"


def write_gexf(g: nx.MultiDiGraph | ViewData, path: Path) -> None:
    """GEXF 1.2 as ``networkx.generate_gexf(g, prettyprint=True)`` writes it (without the
    ``lastmodifieddate``, so that the file does not change from day to day)."""
    with path.open("w", encoding="utf-8") as fh:
        fh.writelines(_gexf_lines(view_data(g)))


_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode  # one encoder, not one per call


def _node_link_lines(g: ViewData) -> Iterator[str]:
    line = _JSON
    yield '{"directed": true, "graph": {}, "multigraph": true,\n "nodes": ['
    for i, (n, data) in enumerate(g.nodes):
        yield ("\n  " if i == 0 else ",\n  ") + line(data | {"id": n})
    yield '\n ],\n "edges": ['
    for i, (a, b, key, data) in enumerate(g.edges):
        item = data | {"source": a, "target": b, "key": key}
        yield ("\n  " if i == 0 else ",\n  ") + line(item)
    yield "\n ]\n}\n"


def write_node_link(g: nx.MultiDiGraph | ViewData, path: Path) -> None:
    """Node-link JSON (``networkx.node_link_graph(data, edges="edges")`` reads it), one node or
    edge per line."""
    with path.open("w", encoding="utf-8") as fh:
        fh.writelines(_node_link_lines(view_data(g)))
