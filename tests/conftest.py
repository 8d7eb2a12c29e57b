"""Shared fixtures: the fixture world as an in-memory store and as a built store home; the
browser tests' app server and Chromium; the ``browser``/``virtuoso``/``slow`` markers applied by
the fixtures a test uses (``make test-fast`` deselects the three)."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from graph.pipeline.build import build
from graph.settings import data_dir, ontology_dir
from graph.stores.contract import Store
from tests.browser_kit import AppFailed, chromium, running_app
from tests.fixtures.world_store import ONTOLOGY_DIR, WORLD_DIR, world_store

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"


def require_program(program: str, package: str) -> str:
    """Path of a system program; skip naming its Debian package if absent (fail under CI=true)."""
    path = shutil.which(program)
    if path:
        return path
    msg = f"{program} not found: install the Debian package '{package}' (apt-get install -y {package})"
    if os.environ.get("CI") == "true":
        pytest.fail(msg)
    pytest.skip(msg)


#: Test files marked by what they start, left out of ``make test-fast`` (``make test`` runs
#: them): whole imports, servers and processes, the app's pages.
TESTS = Path(__file__).resolve().parent
MARK_BY_FILE = {
    "importers/test_real.py": "imports",
    "importers/test_hostile.py": "imports",
    "importers/test_rows.py": "imports",
    "importers/test_replace.py": "imports",
    "linkage/test_real.py": "imports",
    "network/test_citations_real.py": "imports",
    "sparql/test_safety_paths.py": "processes",
    "stores/test_backends.py": "processes",
    "endpoint/test_bounded.py": "processes",
    "endpoint/test_server.py": "processes",
    "test_cli.py": "processes",
    "test_benchmarks.py": "processes",
    "app/test_hostile_params.py": "app",
    "app/test_graph_pages_apptest.py": "app",
    "app/test_reading_pages_apptest.py": "app",
}

#: A test using one of these fixtures gets the marker (besides any ``pytestmark`` of its module).
MARK_BY_FIXTURE = {
    "app_url": "browser",
    "browser": "browser",
    "virtuoso": "virtuoso",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test by the fixtures it uses, and the store contract tests by their backend
    parameter (``store[virtuoso]`` starts a Virtuoso server)."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        for fixture, marker in MARK_BY_FIXTURE.items():
            if fixture in names:
                item.add_marker(marker)
        path = Path(str(item.fspath))
        by_file = (
            MARK_BY_FILE.get(path.relative_to(TESTS).as_posix())
            if path.is_relative_to(TESTS)
            else None
        )
        if by_file is not None:
            item.add_marker(by_file)
        callspec = getattr(item, "callspec", None)
        if callspec is not None and "virtuoso" in callspec.params.values():
            item.add_marker("virtuoso")


@contextlib.contextmanager
def app_or_fail(home: Path, log_path: Path, **env: str) -> Iterator[str]:
    """The app (:func:`tests.browser_kit.running_app`) serving ``home``; a failure to start fails
    the test with the app's own message."""
    try:
        with running_app(home, log_path, **env) as url:
            yield url
    except AppFailed as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="module")
def browser(app_url: str) -> Iterator[Browser]:
    """Chromium for one module, launched once that module's ``app_url`` answers."""
    with chromium() as b:
        yield b


@pytest.fixture
def world() -> Store:
    """A fresh in-memory store of the fixture world."""
    return world_store()


@pytest.fixture(scope="session")
def world_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store home (REGKG_HOME) holding the built fixture world; shared by the session."""
    home = tmp_path_factory.mktemp("world-home")
    build(WORLD_DIR, ONTOLOGY_DIR, home)
    return home


@pytest.fixture(scope="session")
def default_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store home holding the build of the default data (``data/``); shared by the session."""
    home = tmp_path_factory.mktemp("default-home")
    build(data_dir(), ontology_dir(), home)
    return home


@pytest.fixture
def world_env(world_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """REGKG_HOME and REGKG_DATA pointed at the fixture world for the test."""
    monkeypatch.setenv("REGKG_HOME", str(world_home))
    monkeypatch.setenv("REGKG_DATA", str(WORLD_DIR))
    yield world_home


# The real tracker files imported once per session (registered here so every test module shares
# one import; defined in tests/real_imports.py).
from tests.real_imports import imported  # noqa: E402, F401
