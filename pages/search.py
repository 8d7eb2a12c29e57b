"""Search: names, identifiers (ECLI, CELEX, neutral citation, case number, source record id such
as an ETid) and words in summaries, outcomes and holdings; each result opens its entity page.
The text is kept in the URL (``?q=``), so a copied link repeats the search."""

from __future__ import annotations

import streamlit as st

from graph.explorer import search
from graph.explorer.refs import kind_label
from graph.stores.contract import Store
from pages import common


@st.cache_data(show_spinner=False, max_entries=256)
def _hits(_store: Store, key: str, query: str) -> list[search.SearchHit]:
    # The entity list is read once per store generation, in the cache the entity page shares.
    known = {e.iri: e for e in common.cached(search.entities, _store)}
    return search.search(_store, query, known=known)


def main() -> None:
    """The page."""
    st.title("Search")
    common.notice()
    store = common.require_store()
    query = st.text_input(
        "Name, identifier or words",
        key="q",
        bind="query-params",
        placeholder="e.g. Acme, ECLI:…, [2021] UKSC 50, ETid-…, children's data",
        help="Every word must appear in one field. Exact identifier and name matches come first.",
    )
    if not query.strip():
        st.info("Type a name, an identifier or some words, then press Enter.")
        return
    hits = _hits(store, common.store_key(store), query)
    if not hits:
        st.warning("Nothing matches every word of that search.")
        return
    more = " (the first 50)" if len(hits) >= search.DEFAULT_LIMIT else ""
    st.caption(f"{len(hits)} result{'s' if len(hits) != 1 else ''}{more}, best first.")
    for hit in hits:
        with st.container(border=True):
            common.open_entity(hit.iri, hit.label)
            st.caption(
                common.md_escape(f"{kind_label(hit.kind)} · matched in {hit.field}: {hit.text}")
            )


main()
