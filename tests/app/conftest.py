"""The app's browser tests share one fixture: the whole app served on a free local port."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import app_or_fail, require_program


@pytest.fixture(scope="module")
def app_url(world_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture world's app served by ``app_launch`` (as ``make app`` starts it) on a free
    port, snapshots in a folder of its own; stopped after the module. A module that serves
    another store (the hostile imported rows) defines its own ``app_url``."""
    require_program("chromium", "chromium")
    work = tmp_path_factory.mktemp("app")
    with app_or_fail(
        world_home, work / "streamlit.log", REGKG_SNAPSHOTS=str(work / "snaps")
    ) as url:
        yield url
