"""Every page of the app, reached through the app (``app.py``) as a user follows a link, with
bad or hostile URL parameters: a short message at most, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO

PAGES = sorted(
    p.stem
    for p in (REPO / "pages").glob("*.py")
    if p.stem not in ("common", "entity_sources", "frames", "urlstate")
)
#: Every query parameter any page reads, and some none reads.
PARAMS = (
    "id", "q", "view", "stored", "depth", "node", "kind", "question", "p.question", "regulator",
    "year", "snapshot", "focus", "cap", "graph", "sort", "from", "to", "format", "community",
)  # fmt: skip
VALUES = [
    "<script>alert(1)</script>",
    "%00\x00",
    "-1",
    "9" * 400,
    "https://w3id.org/regkg/id/company/<x>",
    "' OR 1=1 } ; DROP ALL #",
]


def test_the_pages_read_these_parameters() -> None:
    """The table above covers what the pages read (a page reading a new one must be added)."""
    read: set[str] = set()

    for page in (REPO / "pages").glob("*.py"):
        read |= set(re.findall(r"query_params(?:\.get\(|\[)\"([a-z.]+)\"", page.read_text()))
    assert read and read <= set(PARAMS), sorted(read - set(PARAMS))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("value", VALUES)
def test_hostile_parameters_never_show_a_traceback(world_env: Path, page: str, value: str) -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    at.switch_page(f"pages/{page}.py")
    for key in PARAMS:
        at.query_params[key] = value
    at.run()
    assert not at.exception, [str(e.value)[:200] for e in at.exception]
    for message in at.error:
        assert "Traceback" not in str(message.value) and "/work" not in str(message.value)
