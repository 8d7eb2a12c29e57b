"""The explorer's page-wide internal queries (no bound value), timed by ``make bench`` beside the
stored queries: a page waits for the whole answer, so each must stay near-linear in the data."""

from __future__ import annotations

from graph.sparql.internal import internal_query

#: (package, query name) of each internal query a page runs over the whole store.
PAGE_QUERIES: tuple[tuple[str, str], ...] = (
    ("graph.explorer", "precedent-questions"),  # Legal questions page
    ("graph.explorer", "precedent-holdings"),
    ("graph.explorer", "precedent-treatments"),
    ("graph.explorer", "search-entities"),  # search box
    ("graph.explorer", "record-kinds"),  # Overview and tables
    ("graph.explorer", "decision-summaries"),
    ("graph.explorer", "record-provenance"),  # Explorer page
)


def page_queries() -> dict[str, str]:
    """Step name → query text, loaded as the explorer loads them."""
    return {
        f"{pkg.rsplit('.', 1)[-1]}/{name}": internal_query(pkg, name) for pkg, name in PAGE_QUERIES
    }
