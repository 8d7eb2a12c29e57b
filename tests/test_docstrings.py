"""Short module docstrings (issue 14): each module under graph/ says what it holds and why in a
line or two; the detail lives with the function or class it describes, figures in benchmarks/."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GRAPH = REPO / "graph"
MAX_LINES = 3

#: A number followed by a unit of time ("0.5 s", "20ms", "3 minutes"), or "session".
TIMING = re.compile(
    r"\d(?:[\d.,]*\d)?\s*(?:ms|s|secs?|seconds?|mins?|minutes?)\b|\bsessions?\b", re.IGNORECASE
)

MODULES = sorted(
    p.relative_to(REPO).as_posix()
    for p in GRAPH.rglob("*.py")
    if (GRAPH / "bundled") not in p.parents
)


def _docstring(path: str) -> str:
    tree = ast.parse((REPO / path).read_text(encoding="utf-8"))
    return ast.get_docstring(tree) or ""


def test_modules_are_found() -> None:
    assert "graph/cli/__init__.py" in MODULES
    assert not any(m.startswith("graph/bundled/") for m in MODULES)


@pytest.mark.parametrize("path", MODULES)
def test_module_docstring_is_short(path: str) -> None:
    doc = _docstring(path)
    assert doc, f"{path} has no module docstring"
    lines = doc.splitlines()
    assert len(lines) <= MAX_LINES, (
        f"{path}: module docstring has {len(lines)} lines (at most {MAX_LINES}); move the detail "
        "to the function or class it describes"
    )


@pytest.mark.parametrize("path", MODULES)
def test_module_docstring_has_no_timing_or_history(path: str) -> None:
    found = TIMING.findall(_docstring(path))
    assert not found, f"{path}: {found} belongs in benchmarks/README.md or NOTES.md"


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("took 0.5 s on the curated data", True),
        ("about 20ms per query", True),
        ("copying it took 3 minutes", True),
        ("measured in session 4", True),
        ("one named graph per source", False),
        ("``GDPR Art 5(1)(a)``", False),
        ("EUR 390m on Meta", False),
    ],
)
def test_timing_pattern(text: str, flagged: bool) -> None:
    assert bool(TIMING.search(text)) is flagged
