"""The store contract: what every reader of the graph may ask of a store, whichever backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

#: ``rdf:type``, the predicate of the quads :meth:`Store.typed` returns.
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


class Store(Protocol):
    """Read side of a store: SPARQL over the union of regkg's named graphs.

    :class:`Store` is a :class:`~typing.Protocol`: the embedded Oxigraph store
    (:class:`graph.stores.embedded.GraphStore`) and a remote SPARQL endpoint
    (:class:`graph.stores.remote.RemoteStore`) each implement it, neither derives from the other,
    and :func:`graph.stores.factory.open_store` is the one place that chooses between them.
    """

    #: the live generation's folder (embedded, on disk), else ``None``
    path: Path | None
    #: what built the store (``regkg.json``), or ``{"store": url}`` for a remote store
    meta: dict[str, Any]

    def query(
        self,
        text: str,
        substitutions: dict[ox.Variable, Any] | None = None,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> Any:
        """Run a SPARQL query: solutions, a boolean or an iterator of triples."""
        ...

    def named_graphs(self) -> list[str]:
        """IRIs of regkg's named graphs, sorted."""
        ...

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """All quads, or the quads of one named graph."""
        ...

    def typed(self, nodes: list[str]) -> Iterator[ox.Quad]:
        """The ``rdf:type`` quads of the given IRIs, from every named graph."""
        ...

    def refresh(self, home: Path | None = None) -> Store:
        """This store, or a reader of a newer generation if one was swapped in."""
        ...

    def __len__(self) -> int: ...
