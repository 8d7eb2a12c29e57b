"""The four real tracker files imported once per test session onto the curated build.

Shared by every test of the real files (the ``imported`` fixture is registered in
``tests/conftest.py``): importing all four takes minutes, so it happens once.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graph.importers import Report
from graph.pipeline.imports import import_file
from graph.stores.contract import Store
from graph.stores.factory import open_store
from tests.conftest import SHARED

RAW = SHARED / "raw"
FILES = {
    "enforcementtracker": RAW / "enforcementtracker" / "enforcementtracker_full_download.json",
    "gdprhub": RAW / "gdprhub" / "gdprhub-eu_full_download.csv",
    "privacyaffairs": RAW / "privacyaffairs-2021" / "scraped_fines.json",
    "cjeu": RAW / "cjeu-gdpr" / "cases_metadata.json",
}
HOLDINGS = RAW / "cjeu-gdpr" / "holdings.csv"
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


@dataclass
class Imported:
    home: Path
    reports: dict[str, Report]
    baseline: Store
    store: Store


@pytest.fixture(scope="session")
def imported(tmp_path_factory: pytest.TempPathFactory, default_home: Path) -> Imported:
    """Curated build (a copy of the session's), then the four files in order of preference
    (each imported once per session)."""
    missing = [str(p) for p in (*FILES.values(), HOLDINGS) if not p.exists()]
    if missing:
        pytest.skip(
            f"../shared is absent ({missing[0]} not found): no real tracker files to import"
        )
    home = tmp_path_factory.mktemp("import-home") / "home"
    shutil.copytree(default_home, home, symlinks=True)
    baseline = open_store(home, in_memory=True)
    reports = {}
    for source, path in FILES.items():
        reports[source] = import_file(
            source,
            path,
            home=home,
            now=NOW,
            progress=False,
            holdings=HOLDINGS if source == "cjeu" else None,
        )
    return Imported(home, reports, baseline, open_store(home, in_memory=True))
