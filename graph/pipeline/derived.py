"""Files derived from a store generation (metrics, communities, the explorer's graph), written
once by a writer finalizer before it goes live instead of on every server's first page."""

from __future__ import annotations

from pathlib import Path

from graph.explorer.explore import EXPLORER_FILE, code_stamp, with_cards
from graph.explorer.networks import COMMUNITIES_FILE, write_communities
from graph.network.graph_file import write_graph
from graph.network.metrics import metrics_of, write_metrics
from graph.network.views import entity_graph, parameter_free_views
from graph.stores.contract import Store

__all__ = ["COMMUNITIES_FILE", "EXPLORER_FILE", "write_generation_files"]


def write_generation_files(store: Store, folder: Path) -> None:
    """Writer finalizer: ``metrics.json``, ``communities.json`` and ``explorer-graph.json`` in
    ``folder``.

    A generation never changes once it is live, so what the app and the CLI would otherwise compute
    from it on every server's first page is computed once here, from one projection of the entity
    graph:

    - ``metrics.json``: degree, PageRank and sampled betweenness of every parameter-free view
      (:mod:`graph.network.metrics`);
    - ``communities.json``: Louvain communities of each parameter-free view, unfiltered (the network
      views page shows them beside the drawing);
    - ``explorer-graph.json``: the entity graph with hover cards
      (:func:`graph.explorer.explore.explorer_graph`), which the graph explorer, the network views
      and the SPARQL page's drawings start from: reading it is far cheaper than projecting again
      (figures in ``benchmarks/README.md``).

    Stores without a folder (in memory, remote) compute both on the spot.
    """
    entities = entity_graph(store)
    graphs = parameter_free_views(store, entities)
    write_metrics(metrics_of(graphs), folder)
    write_communities(graphs, folder)
    write_graph(with_cards(entities, store), folder / EXPLORER_FILE, stamp=code_stamp())
