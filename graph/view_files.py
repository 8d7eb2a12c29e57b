"""GraphML and GEXF files of a view, streamed as text.

The same documents networkx's writers produce for a sorted, flattened view (node and edge
attributes of type str, int, float or bool), written line by line instead of through an
ElementTree: networkx's writers took most of an export's time on large views.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

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


def _text(value: Any) -> str:
    return str(value).translate(_TEXT)


def _attr(value: Any) -> str:
    return str(value).translate(_ATTR)


def _ascii_attr(value: Any) -> str:
    """An attribute value with non-ASCII characters as character references (as networkx's
    GEXF writer has them)."""
    return _attr(value).encode("ascii", "xmlcharrefreplace").decode("ascii")


def _keys(items: Iterable[dict[str, Any]], skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Attribute name → type, in order of first appearance."""
    out: dict[str, str] = {}
    for data in items:
        for k, v in data.items():
            if k not in out and k not in skip:
                out[k] = _type(v)
    return out


def _graphml_lines(g: nx.MultiDiGraph) -> Iterator[str]:
    node_keys = _keys(d for _n, d in g.nodes(data=True))
    edge_keys = _keys(d for _a, _b, d in g.edges(data=True))
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
    for n, data in g.nodes(data=True):
        if not data:
            yield f'    <node id="{_attr(n)}" />\n'
            continue
        yield f'    <node id="{_attr(n)}">\n'
        for k, v in data.items():
            yield f'      <data key="{ids[("node", k)]}">{_text(v)}</data>\n'
        yield "    </node>\n"
    for a, b, key, data in g.edges(keys=True, data=True):
        head = f'    <edge source="{_attr(a)}" target="{_attr(b)}" id="{_attr(key)}"'
        if not data:
            yield head + " />\n"
            continue
        yield head + ">\n"
        for k, v in data.items():
            yield f'      <data key="{ids[("edge", k)]}">{_text(v)}</data>\n'
        yield "    </edge>\n"
    yield "  </graph>\n</graphml>\n"


def write_graphml(g: nx.MultiDiGraph, path: Path) -> None:
    """GraphML as ``networkx.write_graphml(g, path, prettyprint=True)`` writes it."""
    with path.open("w", encoding="utf-8") as fh:
        fh.writelines(_graphml_lines(g))


def _attvalues(data: dict[str, Any], ids: dict[str, str], pad: str) -> Iterator[str]:
    yield f"{pad}  <attvalues>\n"
    for k, v in data.items():
        value = str(v).lower() if isinstance(v, bool) else v
        yield f'{pad}    <attvalue for="{ids[k]}" value="{_ascii_attr(value)}" />\n'
    yield f"{pad}  </attvalues>\n"


def _gexf_lines(g: nx.MultiDiGraph) -> Iterator[str]:
    node_keys = _keys((d for _n, d in g.nodes(data=True)), skip=("label",))
    edges = [
        (a, b, {k: v for k, v in d.items() if k != "label"} | {"networkx_key": key}, d)
        for a, b, key, d in g.edges(keys=True, data=True)
    ]
    edge_keys = _keys(e[2] for e in edges)
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
    for n, data in g.nodes(data=True):
        label = data.get("label", n)
        rest = {k: v for k, v in data.items() if k != "label"}
        head = f'      <node id="{_ascii_attr(n)}" label="{_ascii_attr(label)}"'
        if not rest:
            yield head + " />\n"
            continue
        yield head + ">\n"
        yield from _attvalues(rest, node_ids, "      ")
        yield "      </node>\n"
    yield "    </nodes>\n    <edges>\n"
    for i, (a, b, attrs, data) in enumerate(edges):
        label = f' label="{_ascii_attr(data["label"])}"' if "label" in data else ""
        yield f'      <edge source="{_ascii_attr(a)}" target="{_ascii_attr(b)}" id="{i}"{label}>\n'
        yield from _attvalues(attrs, edge_ids, "      ")
        yield "      </edge>\n"
    yield "    </edges>\n  </graph>\n</gexf>\n"


def write_gexf(g: nx.MultiDiGraph, path: Path) -> None:
    """GEXF 1.2 as ``networkx.generate_gexf(g, prettyprint=True)`` writes it (without the
    ``lastmodifieddate``, so that the file does not change from day to day)."""
    with path.open("w", encoding="utf-8") as fh:
        fh.writelines(_gexf_lines(g))
