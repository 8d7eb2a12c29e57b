"""The package's shape (docs/architecture.md): no import cycles between modules, the store reached
through its contract, and every module in a layer of the import contract."""

from __future__ import annotations

import tomllib
from pathlib import Path

import grimp
import networkx as nx

from graph.stores.contract import Store
from graph.stores.embedded import GraphStore
from graph.stores.remote import RemoteStore

REPO = Path(__file__).resolve().parents[1]


def _imports() -> nx.DiGraph:
    g = grimp.build_graph("graph", exclude_type_checking_imports=True)
    d = nx.DiGraph()
    for module in g.modules:
        d.add_node(module)
        for imported in g.find_modules_directly_imported_by(module):
            d.add_edge(module, imported)
    return d


def test_no_import_cycles() -> None:
    """Lazy imports inside functions count too: a cycle is a cycle whenever it is paid."""
    cycles = sorted(sorted(c) for c in nx.simple_cycles(_imports()))
    assert cycles == []


def test_every_subpackage_is_a_layer() -> None:
    """A new subpackage must take its place in the layers contract, or it escapes the check."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    named = {part.strip() for layer in contract["layers"] for part in layer.split("|")}
    packages = {
        "graph." + p.parent.name
        for p in (REPO / "graph").glob("*/__init__.py")
        if p.parent.name != "bundled"
    }
    assert packages <= named, sorted(packages - named)


def test_backends_implement_the_contract_without_deriving_from_each_other() -> None:
    for backend in (GraphStore, RemoteStore):
        for name in ("query", "named_graphs", "quads", "typed", "refresh", "__len__"):
            assert callable(getattr(backend, name)), (backend, name)
    assert not issubclass(RemoteStore, GraphStore)
    assert not issubclass(GraphStore, RemoteStore)
    remote: Store = RemoteStore("http://127.0.0.1:9/sparql")  # typed as the contract (mypy)
    assert remote.path is None and remote.meta == {"store": "http://127.0.0.1:9/sparql"}


def test_one_handler_for_every_record_class() -> None:
    """The curated build dispatches through one table, not through method names."""
    from graph.curated import records as R
    from graph.curated.dataset import HANDLERS

    assert set(HANDLERS) == set(R.Record.__subclasses__())


def test_the_wheel_lists_every_package() -> None:
    """setuptools ships only the packages pyproject names: a new subpackage must be listed, or
    the installed ``regkg`` fails to import it (tests/test_wheel.py finds that, slowly)."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    packages = {
        ".".join(p.parent.relative_to(REPO).parts)
        for p in (REPO / "graph").rglob("__init__.py")
        if "bundled" not in p.parts
    }
    assert packages <= listed, sorted(packages - listed)


def test_files_marked_by_conftest_exist() -> None:
    """A moved or renamed test file must keep its marker (else it runs in make test-fast)."""
    from tests.conftest import MARK_BY_FILE, TESTS

    assert [f for f in MARK_BY_FILE if not (TESTS / f).is_file()] == []
