"""Packed layouts: every node placed, parts apart, lone nodes near the main part, same every time."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.drawing.layout import GAP, bounds, overlap, packed_layout


def _world() -> nx.Graph:
    g = nx.Graph(nx.barabasi_albert_graph(60, 2, seed=3))  # the main part: 60 nodes
    g.add_edges_from([("a", "b"), ("b", "c"), ("d", "e")])  # two small parts
    g.add_nodes_from(f"lone-{i}" for i in range(12))  # and lone nodes
    return g


@pytest.mark.parametrize(
    "g",
    [
        nx.Graph(),
        nx.empty_graph(1),
        nx.star_graph(30),
        nx.empty_graph(7),
        _world(),
        nx.MultiDiGraph([("x", "y"), ("y", "x"), ("x", "y")]),
    ],
    ids=["empty", "one", "star", "lone-only", "world", "multi"],
)
def test_every_node_gets_its_own_place(g: nx.Graph) -> None:
    pos = packed_layout(g, seed=7)
    assert set(pos) == set(g)
    assert len(set(pos.values())) == g.number_of_nodes()
    assert all(isinstance(c, float) for p in pos.values() for c in p)
    assert packed_layout(g, seed=7) == pos  # deterministic


def test_parts_do_not_overlap_and_lone_nodes_stay_close() -> None:
    g = _world()
    pos = packed_layout(g, seed=7)
    parts = sorted(nx.connected_components(g), key=len, reverse=True)
    boxes = [bounds(pos, p) for p in parts]
    assert not any(overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    main = boxes[0]
    main_width = main[2] - main[0]
    everything = bounds(pos, g)
    # Packed in rows no wider than the main part: nothing flung far to the side.
    assert everything[2] - everything[0] <= main_width + GAP
    lone = [n for n in g if g.degree(n) == 0]
    assert all(pos[n][1] > main[3] for n in lone)  # in rows below the main part


def test_one_spring_layout_would_fling_lone_nodes_far() -> None:
    """The reason for packing: the plain layout spreads the same graph over a far wider box."""
    g = _world()
    plain = nx.spring_layout(g, seed=7, scale=80.0 * len(g) ** 0.5)
    main = max(nx.connected_components(g), key=len)
    plain_main = bounds({n: (float(x), float(y)) for n, (x, y) in plain.items()}, main)
    plain_all = bounds({n: (float(x), float(y)) for n, (x, y) in plain.items()}, g)
    packed = packed_layout(g, seed=7)
    packed_main, packed_all = bounds(packed, main), bounds(packed, g)

    def share(part: tuple[float, ...], whole: tuple[float, ...]) -> float:
        return (
            (part[2] - part[0])
            * (part[3] - part[1])
            / ((whole[2] - whole[0]) * (whole[3] - whole[1]))
        )

    assert share(packed_main, packed_all) > share(plain_main, plain_all)
