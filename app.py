"""regkg explorer: a multipage Streamlit app (``streamlit run app.py``).

This file only sets up the navigation; each page lives in ``pages/`` and shares the helpers in
``pages/common.py``. All graph logic is in the :mod:`graph` package, which never imports
Streamlit. Everything is served from this machine: no CDN, no remote fonts, no downloads.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from pages import common

HERE = Path(__file__).resolve().parent

#: When set, each script run that finishes appends ``<page url_path> <seconds> <epoch end>`` to
#: this file (``benchmarks/app_bench.py`` reads the server-side time of a first render from it).
RUN_LOG = "REGKG_RUN_LOG"

#: (file stem = url_path, title, icon); the first page is the default.
PAGES: tuple[tuple[str, str, str], ...] = (
    ("overview", "Overview", ":material/home:"),
    ("search", "Search", ":material/search:"),
    ("explorer", "Graph explorer", ":material/hub:"),
    ("networks", "Network views", ":material/lan:"),
    ("entity", "Entity", ":material/description:"),
    ("questions", "Legal questions", ":material/gavel:"),
    ("fines", "Fines", ":material/euro:"),
    ("sparql", "SPARQL", ":material/code:"),
    ("snapshots", "Snapshots", ":material/inventory_2:"),
)


def _not_ready(title: str) -> Callable[[], None]:
    def page() -> None:
        st.title(title)
        st.info(f"The {title} page is not part of this installation yet.")

    page.__name__ = f"missing_{title.lower().replace(' ', '_')}"
    return page


def _page(stem: str, title: str, icon: str, *, default: bool) -> st.Page:
    path = HERE / "pages" / f"{stem}.py"
    if path.is_file():
        return st.Page(f"pages/{stem}.py", title=title, icon=icon, url_path=stem, default=default)
    return st.Page(_not_ready(title), title=title, icon=icon, url_path=stem, default=default)


def main() -> None:
    """Set up the page, the navigation and the furniture every page shares, then run the page."""
    started = time.perf_counter()
    st.set_page_config(page_title="regkg", page_icon="⚖️", layout="wide")
    common.begin_run()
    pages = [
        _page(stem, title, icon, default=i == 0) for i, (stem, title, icon) in enumerate(PAGES)
    ]
    common.default_page_alias(PAGES[0][0])
    current = st.navigation(pages, position="sidebar")
    common.notice()
    common.search_box()
    current.run()
    log = os.environ.get(RUN_LOG)
    if log:
        secs = time.perf_counter() - started
        with Path(log).open("a", encoding="utf-8") as out:
            out.write(f"{current.url_path or 'overview'} {secs:.3f} {time.time():.3f}\n")


main()
