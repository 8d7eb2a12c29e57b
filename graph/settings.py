"""Paths and limits, each overridable by a ``REGKG_*`` environment variable."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
QUERIES_DIR = PACKAGE_DIR / "queries"
#: Where an installed wheel keeps the curated data, the ontology and the app (``pyproject.toml``
#: maps the repository's top-level ``data/``, ``ontologies/``, ``app.py`` and ``pages/`` there).
BUNDLED_DIR = PACKAGE_DIR / "bundled"


def in_checkout() -> bool:
    """Whether :mod:`graph` runs from a source checkout (the repository's ``pyproject.toml``,
    ``data/`` and ``ontologies/`` beside the package) rather than from an installed wheel.

    >>> in_checkout() == (REPO_DIR / "pyproject.toml").is_file()
    True
    """
    return all((REPO_DIR / name).exists() for name in ("pyproject.toml", "data", "ontologies"))


def _shipped(env: str, folder: str) -> Path:
    """``$env`` if set, else the checkout's top-level ``folder``, else the wheel's copy."""
    if env in os.environ:
        return Path(os.environ[env])
    return REPO_DIR / folder if in_checkout() else BUNDLED_DIR / folder


def data_dir() -> Path:
    """The curated data folder: ``REGKG_DATA``, else ``data/`` in the checkout, else the copy
    shipped in the installed package."""
    return _shipped("REGKG_DATA", "data")


def ontology_dir() -> Path:
    """The ontology and shapes folder: ``REGKG_ONTOLOGIES``, else ``ontologies/`` in the
    checkout, else the copy shipped in the installed package."""
    return _shipped("REGKG_ONTOLOGIES", "ontologies")


def app_dir() -> Path:
    """The folder holding ``app.py``, ``app_launch.py`` and ``pages/``: the checkout's root, else
    the copy shipped in the installed package (``regkg app`` starts it)."""
    return REPO_DIR if in_checkout() else BUNDLED_DIR / "app"


def user_data_dir() -> Path:
    """The per-user data folder (XDG): ``$XDG_DATA_HOME/regkg``, else ``~/.local/share/regkg``."""
    base = os.environ.get("XDG_DATA_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".local" / "share") / "regkg"


def home() -> Path:
    """Where the shared store lives: ``REGKG_HOME``, else ``.regkg/`` at the checkout's root, else
    the per-user data folder (:func:`user_data_dir`) for an installed package."""
    if "REGKG_HOME" in os.environ:
        return Path(os.environ["REGKG_HOME"])
    return REPO_DIR / ".regkg" if in_checkout() else user_data_dir()


def snapshot_dir() -> Path:
    """Default parent folder of snapshots: ``REGKG_SNAPSHOTS``, else ``snapshots/`` at the
    checkout's root, else ``snapshots/`` in :func:`home` for an installed package."""
    if "REGKG_SNAPSHOTS" in os.environ:
        return Path(os.environ["REGKG_SNAPSHOTS"])
    return REPO_DIR / "snapshots" if in_checkout() else home() / "snapshots"


#: Default row cap for ad-hoc queries (CLI and app).
MAX_ROWS = int(os.environ.get("REGKG_MAX_ROWS", "10000"))
#: Query workers copy an embedded store of up to this many quads into memory (else read on disk).
WORKER_MEMORY_QUADS = int(os.environ.get("REGKG_WORKER_MEMORY_QUADS", "2000000"))
#: Default time limit in seconds for ad-hoc queries.
QUERY_TIMEOUT = float(os.environ.get("REGKG_QUERY_TIMEOUT", "20"))


def store_backend() -> str:
    """Which store the readers use (``REGKG_STORE``): ``disk`` (the default: the embedded Oxigraph
    store in :func:`home`), ``memory`` (the same store copied into RAM when opened) or the query
    URL of a remote SPARQL 1.1 endpoint (``http://…`` or ``https://…``)."""
    value = os.environ.get("REGKG_STORE", "disk").strip()
    return value or "disk"


def store_max_rows() -> int:
    """A remote store's own row limit (``REGKG_STORE_MAX_ROWS``; Virtuoso's default 10,000): a
    graph answer that long is treated as cut, and whole graphs are read in smaller pages."""
    return int(os.environ.get("REGKG_STORE_MAX_ROWS", "10000"))
