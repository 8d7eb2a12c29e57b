"""Helpers shared by every page of the explorer (stable API; see app.py for the page list).

Contract used by all pages:

- ``store()``: the built store (cached per generation), or ``None`` after telling the user, in
  plain words, to run ``regkg build``.
- ``store_key(store)``: a string naming the store's generation, for ``st.cache_data`` keys.
- ``entity_graph(store)``: the entity graph with hover cards (shared, read-only).
- ``notice()``: the not-legal-advice banner.
- ``entity_link(iri, label)``: a markdown link to the entity page (label escaped).
- ``trust_badge(tier, as_of)``: markdown showing a record's trust tier and as-of date.
- ``search_box()``: the sidebar search, on every page.
- ``drawing_frame(data, key=, height=, alt=)``: a drawing
(:func:`graph.drawing.render.graph_payload`)
  in the drawing component, redrawn in place when ``data`` changes.

``notice()``, ``search_box()`` and the missing-store error render at most once per script run
(``app.py`` calls :func:`begin_run` first), so a page may call them even though ``app.py``
already did. Everything that comes from the data is escaped before it reaches markdown; no
helper here uses ``unsafe_allow_html``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import networkx as nx
import pandas as pd
import pyoxigraph as ox
import streamlit as st

from graph import settings
from graph.errors import StoreError
from graph.explorer import explore
from graph.explorer.refs import record_iri
from graph.stores.contract import Store
from graph.stores.embedded import current_source
from graph.stores.factory import open_store
from pages.frames import chart_frame as chart_frame
from pages.frames import drawing_frame as drawing_frame
from pages.urlstate import ParamValue as ParamValue
from pages.urlstate import seed_from_url as seed_from_url
from pages.urlstate import url_state as url_state
from pages.urlstate import write_url as write_url

NOT_LEGAL_ADVICE = (
    "Not legal advice. regkg is a research aid built from public sources; records may be "
    "incomplete, out of date or wrong (see each record's as-of date and trust tier). "
    "Check the original decision before relying on it."
)

OVERVIEW_PAGE = "pages/overview.py"
SEARCH_PAGE = "pages/search.py"
ENTITY_PAGE = "pages/entity.py"
QUESTIONS_PAGE = "pages/questions.py"
FINES_PAGE = "pages/fines.py"

#: url_path of the entity page (see app.py).
ENTITY_URL_PATH = "entity"

_ONCE = "_regkg_rendered_this_run"
_TIER_COLOURS = {"curated-verified": "green", "imported": "orange", "machine-coded": "violet"}
_MD_SPECIAL = set("\\`*_{}[]()#+-.!|~:$^=\"'/")


# --------------------------------------------------------------------------- navigation guard
def _ensure_navigation() -> None:
    """Rerun through app.py when Streamlit ran a page file on its own.

    Streamlit treats a ``pages/`` folder beside the entry script as an old-style (v1) multipage
    app until ``st.navigation`` has been called once in the process; until then a request for,
    say, ``/fines`` runs ``pages/fines.py`` directly, without app.py's navigation, notice and
    search box (AppTest re-detects the folder on every run). Switching the flag off and rerunning
    makes the next run go through app.py, which opens the same page (same url_path, same query).
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def default_page_alias(url_path: str) -> None:
    """Let ``/<url_path>`` open the default page (app.py calls it before ``st.navigation``).

    Streamlit serves the default page only at the app's root (its ``url_path`` is ``""``), so a
    request for ``/overview`` found no page and showed a "Page not found" dialog. A request by
    that name is turned into a request for the default page (the same internal pages manager
    the guard above relies on; check it on Streamlit upgrades).
    """
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        return
    manager = ctx.pages_manager
    if not manager.intended_page_script_hash and manager.intended_page_name == url_path:
        manager.set_script_intent("", "")


# --------------------------------------------------------------------------- once per run
def begin_run() -> None:
    """Mark the start of a script run (called by app.py before anything else)."""
    st.session_state[_ONCE] = set()


def _first_time(name: str) -> bool:
    done: set[str] = st.session_state.setdefault(_ONCE, set())
    if name in done:
        return False
    done.add(name)
    return True


# --------------------------------------------------------------------------- escaping and links
def md_escape(text: str) -> str:
    """``text`` as inert markdown: HTML-significant characters become entities, markdown
    punctuation is backslash-escaped, line breaks become spaces.

    >>> md_escape("<img src=x onerror=alert(1)>")
    '&lt;img src\\\\=x onerror\\\\=alert\\\\(1\\\\)&gt;'
    >>> md_escape("[a](b) *c*")
    '\\\\[a\\\\]\\\\(b\\\\) \\\\*c\\\\*'
    """
    out = []
    for ch in " ".join(str(text).split()):
        if ch == "&":
            out.append("&amp;")
        elif ch == "<":
            out.append("&lt;")
        elif ch == ">":
            out.append("&gt;")
        elif ch in _MD_SPECIAL:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def entity_href(iri: str) -> str:
    """Relative URL of the entity page for ``iri`` (works under any server base path).

    >>> entity_href("https://w3id.org/regkg/id/company/acme-video")
    'entity?id=https%3A%2F%2Fw3id.org%2Fregkg%2Fid%2Fcompany%2Facme-video'
    """
    return f"{ENTITY_URL_PATH}?id={quote(iri, safe='')}"


def entity_link(iri: str, label: str) -> str:
    """A markdown link to the entity page of ``iri``; the label is escaped.

    Streamlit opens markdown links in a new tab; inside the app prefer :func:`open_entity`.

    >>> entity_link("https://w3id.org/regkg/id/company/x", "A*B")
    '[A\\\\*B](entity?id=https%3A%2F%2Fw3id.org%2Fregkg%2Fid%2Fcompany%2Fx)'
    """
    return f"[{md_escape(label) or md_escape(iri)}]({entity_href(iri)})"


def trust_badge(tier: str, as_of: str) -> str:
    """Markdown for a record's trust tier (coloured badge) and as-of date.

    >>> trust_badge("curated-verified", "2026-01-01")
    ':green-badge[curated\\\\-verified] :gray-badge[as of 2026\\\\-01\\\\-01]'
    """
    colour = _TIER_COLOURS.get(tier, "gray")
    tier_md = md_escape(tier or "trust tier unknown")
    date_md = md_escape(as_of or "unknown")
    return f":{colour}-badge[{tier_md}] :gray-badge[as of {date_md}]"


def open_entity(iri: str, label: str, *, help: str | None = None) -> None:
    """An in-app link (same tab) to the entity page of ``iri``."""
    st.page_link(
        ENTITY_PAGE,
        label=md_escape(label) or md_escape(iri),
        query_params={"id": iri},
        help=help,
        icon="",
    )


def requested_iri(param: str = "id") -> str | None:
    """The record IRI named by a query parameter (a full IRI or a short id), if any."""
    value = st.query_params.get(param)
    if not value or not value.strip():
        return None
    iri = record_iri(value.strip())
    try:
        ox.NamedNode(iri)
    except ValueError:
        # A hostile or broken link (``?id=<script>…``): a short message, never a traceback.
        st.error(f"The link's {param!r} parameter is not a record identifier; it was ignored.")
        return None
    return iri


# --------------------------------------------------------------------------- the store
@st.cache_resource(show_spinner="Opening the graph store…", max_entries=2)
def _load_store(home: str, generation: str) -> Store:
    """The store of one built generation, opened read-only on disk once per process.

    Opening takes milliseconds, where copying the store into memory took ~0.5 s of every
    server's first page; the pages' queries are written to be quick on the disk store too.
    """
    del generation  # part of the cache key only: a rebuild gets a new entry
    return open_store(Path(home))


@st.cache_resource(show_spinner="Reading the entity graph…", max_entries=2)
def _entity_graph(_store: Store, key: str) -> nx.MultiDiGraph:
    del key  # cache key only: the store generation
    return explore.explorer_graph(_store)


def entity_graph(store: Store) -> nx.MultiDiGraph:
    """The entity graph with hover cards, built once per store generation and shared by the
    graph explorer and the network views (read-only: copy before changing it)."""
    return _entity_graph(store, store_key(store))


def store() -> Store | None:
    """The built store, or ``None`` after saying in plain words how to build it."""
    _ensure_navigation()
    home = settings.home()
    generation = current_source(home)  # the live generation, or a remote store's URL
    if generation is None:
        if _first_time("store-error"):
            st.error(
                "No graph has been built yet. Run `regkg build` in the project folder "
                "(or `make app`), then reload this page."
            )
            st.text(f"Store folder looked in: {home}")
        return None
    try:
        return _load_store(str(home), generation)
    except StoreError as exc:
        if _first_time("store-error"):
            st.error("The graph store could not be opened. Run `regkg build`, then reload.")
            st.text(str(exc))
        return None


def store_key(store: Store) -> str:
    """Names the store's generation: a cache key that changes with every rebuild."""
    return str(store.path) if store.path is not None else f"memory-{id(store)}"


T = TypeVar("T")


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_call(
    _fn: Callable[..., Any], _store: Store, key: str, name: str, args: tuple[Any, ...]
) -> Any:
    del key, name  # cache key only: the store generation and the function's name
    return _fn(_store, *args)


def cached(fn: Callable[..., T], store: Store, *args: Any) -> T:
    """``fn(store, *args)``, cached per store generation (a rebuild gets fresh results)."""
    name = f"{fn.__module__}.{fn.__qualname__}"
    result: T = _cached_call(fn, store, store_key(store), name, tuple(args))
    return result


def require_store() -> Store:
    """The store, or stop the page (after the plain-words error) when there is none."""
    s = store()
    if s is None:
        st.stop()
    assert s is not None
    return s


# --------------------------------------------------------------------------- tables
def joined(values: Sequence[str], sep: str = "; ") -> str:
    """Several values in one cell."""
    return sep.join(values)


def record_table(
    rows: Sequence[Mapping[str, Any]],
    *,
    key: str,
    iri_column: str = "IRI",
    empty: str = "Nothing to show.",
    style: Callable[[pd.DataFrame], Any] | None = None,
) -> pd.DataFrame:
    """A sortable table of records (cells are plain text, never HTML); selecting a row opens
    that record's entity page. ``style`` may turn the frame into a pandas ``Styler`` (cell CSS
    only; the cells stay text). Returns the frame shown (for downloads)."""
    frame = pd.DataFrame(list(rows))
    if frame.empty:
        st.info(empty)
        return frame
    shown = style(frame) if style is not None else frame
    event = st.dataframe(
        shown, hide_index=True, key=key, on_select="rerun", selection_mode="single-row"
    )
    picked = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    if picked and iri_column in frame.columns:
        iri = frame.iloc[picked[0]][iri_column]
        if isinstance(iri, str) and iri.startswith(("http://", "https://")):
            st.switch_page(ENTITY_PAGE, query_params={"id": iri})
    st.caption("Select a row to open its page. Click a column header to sort.")
    return frame


# --------------------------------------------------------------------------- page furniture
def notice() -> None:
    """The not-legal-advice banner (once per run)."""
    _ensure_navigation()
    if _first_time("notice"):
        st.warning(NOT_LEGAL_ADVICE, icon="⚖️")


def search_box() -> None:
    """The sidebar search (once per run): submitting opens the Search page with ``?q=``."""
    _ensure_navigation()
    if not _first_time("search-box"):
        return
    with st.sidebar.form("regkg-sidebar-search", border=False):
        text = st.text_input(
            "Search the graph",
            key="regkg_sidebar_q",
            placeholder="Name, ECLI, case number, words…",
        )
        submitted = st.form_submit_button("Search")
    if submitted and text.strip():
        # The Search page's box is bound to ``?q=``; setting its state carries the text over
        # even when the Search page is already open.
        st.session_state["q"] = text.strip()
        st.switch_page(SEARCH_PAGE, query_params={"q": text.strip()})
