"""What the store says about its sources: title, licence and attribution of each source graph,
so the app shows the licences of exactly the data it is showing."""

from __future__ import annotations

from dataclasses import dataclass

from graph.sparql.internal import internal_query
from graph.stores.contract import Store

_SOURCES = internal_query("graph.stores", "source-licences")


@dataclass(frozen=True)
class SourceInfo:
    """One source graph: its IRI, title, licence name and required attribution."""

    graph: str
    title: str
    licence: str
    attribution: str


def sources(store: Store) -> list[SourceInfo]:
    """Every described source graph in the store, sorted by title.

    Read from the ``reg:SourceGraph`` descriptions that the build writes into every named graph, so
    the app shows the licences of exactly the data it is showing.

    >>> from graph.pipeline.sample import world_store
    >>> [s.title for s in sources(world_store())]
    ['Fixture decisions and precedents', 'Fixture law', 'Fixture organisations']
    >>> sources(world_store())[0].licence
    'CC0-1.0'
    """
    return [
        SourceInfo(
            row["graph"].value, row["title"].value, row["licence"].value, row["attribution"].value
        )
        for row in store.query(_SOURCES)
    ]
