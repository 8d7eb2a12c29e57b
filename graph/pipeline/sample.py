"""The sample world: a small fictional dataset (``graph/sample_world/``) built into an in-memory
store, for the doctests and the tests; it ships in the wheel so doctests need no test tree."""

from __future__ import annotations

from functools import lru_cache

from graph import settings
from graph.pipeline.build import compile_graph, to_quads
from graph.stores.contract import Store
from graph.stores.embedded import GraphStore

WORLD_DIR = settings.PACKAGE_DIR / "sample_world"
#: The repository's ontology (the checkout's or the installed copy; ``REGKG_ONTOLOGIES`` is not
#: consulted, so the sample world is always checked against the shapes it was written for).
ONTOLOGY_DIR = (
    settings.REPO_DIR if settings.in_checkout() else settings.BUNDLED_DIR
) / "ontologies"


@lru_cache(maxsize=1)
def _quads() -> tuple[object, ...]:
    built, _report = compile_graph(WORLD_DIR, ONTOLOGY_DIR)
    return tuple(to_quads(built.dataset))


def world_store() -> Store:
    """A fresh in-memory store holding the sample world (built once per process).

    The sample world: a small fictional dataset (``graph/sample_world/``: Acme companies, a fixture
    regulator, hostile labels) built into an in-memory store, for the doctests and the tests.

    It lives in the package so the package's doctests need no test tree; it ships in the wheel.
    """
    return GraphStore.memory(_quads())  # type: ignore[arg-type]
