"""Shared fixtures: the fixture world as an in-memory store and as a built store home."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.pipeline import build
from graph.settings import data_dir, ontology_dir
from graph.store import GraphStore
from tests.fixtures.world_store import ONTOLOGY_DIR, WORLD_DIR, world_store

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


@pytest.fixture
def world() -> GraphStore:
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
