"""Counts of the graph: records per class and triples per named graph."""

from __future__ import annotations

from dataclasses import dataclass

from graph.sparql.internal import internal_query
from graph.stores.contract import Store
from graph.stores.embedded import GRAPH_COUNTS_QUERY

_PER_CLASS = internal_query("graph.stores", "records-per-class")


@dataclass(frozen=True)
class Stats:
    """Records per ontology class (local name → count) and triples per named graph."""

    classes: dict[str, int]
    graphs: dict[str, int]
    triples: int


def compute(store: Store) -> Stats:
    """Count records per class (union of graphs) and triples per named graph."""
    classes = {
        row["class"].value.rsplit("#", 1)[-1]: int(row["n"].value)
        for row in store.query(_PER_CLASS)
    }
    rows = store.query(GRAPH_COUNTS_QUERY)
    graphs = dict(sorted((row["g"].value, int(row["n"].value)) for row in rows))
    return Stats(classes, graphs, len(store))
