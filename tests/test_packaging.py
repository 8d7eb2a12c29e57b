"""Where regkg finds its files in a checkout and in an installed wheel; `regkg … | head`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph import settings
from graph.curated.corpus import load_catalog
from graph.errors import OntologyError, SourceDataError
from graph.vocabulary.ontology import load_shapes

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """``graph`` as if installed: no checkout beside the package, no REGKG_* folders set."""
    site = tmp_path / "site-packages"
    monkeypatch.setattr(settings, "REPO_DIR", site)
    monkeypatch.setattr(settings, "BUNDLED_DIR", site / "graph" / "bundled")
    for name in ("REGKG_HOME", "REGKG_DATA", "REGKG_ONTOLOGIES", "REGKG_SNAPSHOTS"):
        monkeypatch.delenv(name, raising=False)
    return site


def test_checkout_uses_the_top_level_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("REGKG_HOME", "REGKG_DATA", "REGKG_ONTOLOGIES", "REGKG_SNAPSHOTS"):
        monkeypatch.delenv(name, raising=False)
    assert settings.in_checkout()
    assert settings.data_dir() == REPO / "data"
    assert settings.ontology_dir() == REPO / "ontologies"
    assert settings.home() == REPO / ".regkg"
    assert settings.snapshot_dir() == REPO / "snapshots"
    assert (settings.app_dir() / "app.py").is_file()


def test_installed_uses_the_bundled_copy_and_the_user_data_folder(
    installed: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert not settings.in_checkout()
    bundled = installed / "graph" / "bundled"
    assert settings.data_dir() == bundled / "data"
    assert settings.ontology_dir() == bundled / "ontologies"
    assert settings.app_dir() == bundled / "app"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert settings.home() == tmp_path / "xdg" / "regkg"
    assert settings.snapshot_dir() == tmp_path / "xdg" / "regkg" / "snapshots"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    assert settings.home() == tmp_path / "user" / ".local" / "share" / "regkg"
    monkeypatch.setenv("REGKG_HOME", str(tmp_path / "mine"))
    monkeypatch.setenv("REGKG_DATA", str(tmp_path / "d"))
    assert settings.home() == tmp_path / "mine"
    assert settings.data_dir() == tmp_path / "d"


def test_missing_folders_say_where_regkg_looked(tmp_path: Path) -> None:
    with pytest.raises(OntologyError) as err:
        load_shapes(tmp_path)
    assert str(tmp_path) in str(err.value) and "REGKG_ONTOLOGIES" in str(err.value)
    with pytest.raises(SourceDataError) as err2:
        load_catalog(tmp_path / "nowhere")
    assert str(tmp_path / "nowhere") in str(err2.value) and "REGKG_DATA" in str(err2.value)


def test_a_closed_pipe_ends_quietly() -> None:
    """The reader is gone before regkg writes (as after `| head -1` read its line): no error
    message, exit status 0 (as the CLI's own test in test_cli.py also holds)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    read, write = os.pipe()
    os.close(read)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "graph", "queries"],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            check=False,
        )
    finally:
        os.close(write)
    assert proc.stderr == ""
    assert proc.returncode == 0


@pytest.mark.slow
def test_the_package_doctests_need_no_test_tree() -> None:
    """Every doctest in :mod:`graph` passes with ``tests`` unimportable (as in an installed
    wheel): they run on the package's own sample world (:mod:`graph.pipeline.sample`)."""
    code = (
        "import doctest, importlib, pkgutil, sys\n"
        "import graph\n"
        "sys.modules['tests'] = None\n"
        "bad = []\n"
        "for info in pkgutil.walk_packages(graph.__path__, 'graph.'):\n"
        "    if info.name == 'graph.__main__':\n"
        "        continue  # runs the command line\n"
        "    module = importlib.import_module(info.name)\n"
        "    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)\n"
        "    if result.failed:\n"
        "        bad.append(info.name)\n"
        "print(bad)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stdout[-3000:]
