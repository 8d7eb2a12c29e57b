"""Degree and PageRank of every parameter-free view, held to networkx's own functions at their
documented defaults (PageRank: ``alpha=0.85``, ``tol=1e-06``, uniform personalization; degree:
every edge end counted, parallel edges included)."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.network.metrics import Metrics, compute_metrics
from graph.network.views import parameter_free_views
from graph.stores.contract import Store

Views = tuple[dict[str, nx.MultiDiGraph], Metrics]


@pytest.fixture(scope="module")
def views_and_metrics() -> Views:
    from tests.fixtures.world_store import world_store

    store: Store = world_store()
    return parameter_free_views(store), compute_metrics(store)


def test_pagerank_and_degree_are_networkxs(views_and_metrics: Views) -> None:
    views, metrics = views_and_metrics
    assert set(metrics) == set(views) and views
    for name, view in views.items():
        assert view.number_of_nodes() > 2, name
        ours = metrics[name]
        assert set(ours) == set(view.nodes), name
        theirs = nx.pagerank(nx.DiGraph(view))  # the documented defaults
        degree = dict(nx.degree(view))
        for n in view.nodes:
            assert ours[n]["pagerank"] == pytest.approx(theirs[n], abs=1e-9), (name, n)
            assert ours[n]["degree"] == degree[n], (name, n)


def test_the_oracle_tells_damping_factors_apart(views_and_metrics: Views) -> None:
    """On the entity graph a damping factor of 0.9 instead of 0.85 moves some node's PageRank by
    far more than the tolerance above, so the oracle catches such a change."""
    views, metrics = views_and_metrics
    view = views["entity-graph"]
    other = nx.pagerank(nx.DiGraph(view), alpha=0.9)
    assert max(abs(metrics["entity-graph"][n]["pagerank"] - other[n]) for n in view) > 1e-4
