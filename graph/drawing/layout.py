"""Node positions for drawings too big for the browser's physics: each connected part laid out on
its own, then the parts packed in rows so that every part keeps its own scale."""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable

import networkx as nx

Position = tuple[float, float]
Box = tuple[float, float, float, float]  # min x, min y, max x, max y

#: Screen units (vis-network pixels) per node: a part of n nodes spans about this * sqrt(n).
UNIT = 80.0
#: Space kept between packed parts.
GAP = 60.0


def _part_positions(g: nx.Graph, part: list[Hashable], seed: int) -> dict[Hashable, Position]:
    """One part laid out alone, scaled to its size and moved so its box starts at (0, 0)."""
    if len(part) == 1:
        return {part[0]: (0.0, 0.0)}
    scale = UNIT * math.sqrt(len(part))
    members = set(part)
    sub = nx.Graph()  # not g.subgraph(part): a subgraph view may list its nodes in set order
    sub.add_nodes_from(part)
    sub.add_edges_from((u, v) for u in part for v in g[u] if v in members)
    pos = nx.spring_layout(sub, seed=seed, scale=scale)
    xs = [float(p[0]) for p in pos.values()]
    ys = [float(p[1]) for p in pos.values()]
    return {n: (float(x) - min(xs), float(y) - min(ys)) for n, (x, y) in pos.items()}


def packed_layout(g: nx.Graph, seed: int = 0) -> dict[Hashable, Position]:
    """Positions of every node of ``g`` (taken as undirected): parts laid out alone and packed
    left to right in rows no wider than the largest part (or a square band of lone nodes).

    Deterministic for a given graph, node order and ``seed``.

    Node positions for drawings too big for the browser's physics: each connected part laid out on
    its own, then the parts packed in rows, largest first, so that no part lands on another one and
    lone nodes sit in a tidy band below the main part rather than flung to the edges.

    One spring layout of a whole disconnected graph pushes its small parts and lone nodes far away
    (they only feel repulsion), and the drawing, fitted to the screen, shrinks the main part to a
    blot. Laying out each part alone and packing the parts keeps every part at its own scale.

    >>> import networkx as nx
    >>> g = nx.Graph([(0, 1), (1, 2), (2, 0), (3, 4)])
    >>> g.add_node(5)
    >>> pos = packed_layout(g, seed=1)
    >>> sorted(pos) == [0, 1, 2, 3, 4, 5]
    True
    >>> boxes = [bounds(pos, part) for part in ({0, 1, 2}, {3, 4}, {5})]
    >>> any(overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    False
    """
    simple = nx.Graph(g)
    order = {n: i for i, n in enumerate(simple)}
    parts = sorted(
        (sorted(c, key=order.__getitem__) for c in nx.connected_components(simple)),
        key=lambda c: (-len(c), order[c[0]]),
    )
    laid = [_part_positions(simple, part, seed) for part in parts]
    sizes = [_extent(p) for p in laid]
    width = max([sizes[0][0] if sizes else 0.0, math.sqrt(len(parts)) * GAP, GAP])
    out: dict[Hashable, Position] = {}
    x = y = row_height = 0.0
    for pos, (w, h) in zip(laid, sizes, strict=True):
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y + row_height + GAP, 0.0
        out.update({n: (round(x + px, 1), round(y + py, 1)) for n, (px, py) in pos.items()})
        x += w + GAP
        row_height = max(row_height, h)
    return out


def _extent(pos: dict[Hashable, Position]) -> tuple[float, float]:
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    return max(xs) - min(xs), max(ys) - min(ys)


def bounds(pos: dict[Hashable, Position], nodes: Iterable[Hashable]) -> Box:
    """The box around ``nodes``' positions."""
    xs = [pos[n][0] for n in nodes]
    ys = [pos[n][1] for n in nodes]
    return min(xs), min(ys), max(xs), max(ys)


def overlap(a: Box, b: Box) -> bool:
    """Whether two boxes share any point."""
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]
