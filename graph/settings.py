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
