"""Embedding the drawings of :mod:`graph.render` in a page (re-exported by ``pages.common``)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import streamlit as st

from graph import charts

#: Drawings kept on disk per process (the oldest beyond this are removed).
KEEP_DRAWINGS = 64


@st.cache_resource(show_spinner=False)
def _drawings_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="regkg-drawings-"))


def drawing_frame(page: str, *, height: int, alt: str) -> None:
    """Embed a whole HTML page made by :mod:`graph.render` (as the iframe's ``srcdoc``).

    The page is handed over as a file: given a string, ``st.iframe`` first parses all of it as
    a URL, ~0.1 s per megabyte on every rerun."""
    folder = _drawings_dir()
    path = folder / f"{hashlib.sha256(page.encode('utf-8')).hexdigest()}.html"
    if not path.exists():
        tmp = path.with_suffix(f".{os.getpid()}.part")
        tmp.write_text(page, encoding="utf-8")
        tmp.replace(path)
        kept = sorted(folder.glob("*.html"), key=lambda p: p.stat().st_mtime)
        for old in kept[:-KEEP_DRAWINGS]:
            old.unlink(missing_ok=True)
    st.iframe(path, height=height, alt=alt)


def chart_frame(chart: charts.Chart) -> None:
    """A chart from :mod:`graph.charts` in a frame that runs no script and fetches nothing."""
    st.iframe(chart.page(), height=chart.height, alt=chart.title)
