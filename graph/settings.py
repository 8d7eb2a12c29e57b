"""Paths and limits, each overridable by a ``REGKG_*`` environment variable."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
QUERIES_DIR = PACKAGE_DIR / "queries"


def data_dir() -> Path:
    """The curated data folder (``REGKG_DATA`` or ``data/`` in the repository)."""
    return Path(os.environ.get("REGKG_DATA", REPO_DIR / "data"))


def ontology_dir() -> Path:
    """The ontology folder (``REGKG_ONTOLOGIES`` or ``ontologies/``)."""
    return Path(os.environ.get("REGKG_ONTOLOGIES", REPO_DIR / "ontologies"))


def home() -> Path:
    """Where the shared store lives (``REGKG_HOME`` or ``.regkg/`` at the repository root)."""
    return Path(os.environ.get("REGKG_HOME", REPO_DIR / ".regkg"))


def snapshot_dir() -> Path:
    """Default parent folder of snapshots (``REGKG_SNAPSHOTS`` or ``snapshots/``)."""
    return Path(os.environ.get("REGKG_SNAPSHOTS", REPO_DIR / "snapshots"))


#: Default row cap for ad-hoc queries (CLI and app).
MAX_ROWS = int(os.environ.get("REGKG_MAX_ROWS", "10000"))
#: Default time limit in seconds for ad-hoc queries.
QUERY_TIMEOUT = float(os.environ.get("REGKG_QUERY_TIMEOUT", "20"))
