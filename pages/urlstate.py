"""Page state in the URL (``st.query_params``), so a copied link reopens the same view
(re-exported by ``pages.common``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

ParamValue = str | Sequence[str]


def url_state() -> dict[str, list[str]]:
    """The current query parameters, every key with all its values."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def seed_from_url(scope: str, seeds: Mapping[str, Any]) -> None:
    """Give widgets their values from the URL when the URL changed (a pasted or followed link)
    or when the widgets are new; ``seeds`` maps widget keys to values parsed from the URL."""
    url = url_state()
    marker = f"_regkg_url_{scope}"
    if st.session_state.get(marker) != url or any(k not in st.session_state for k in seeds):
        for key, value in seeds.items():
            st.session_state[key] = value
    st.session_state[marker] = url


def write_url(scope: str, params: Mapping[str, ParamValue | None]) -> None:
    """Put a page's state into the URL (empty values are left out), so a copied link reopens
    the same view."""
    clean: dict[str, list[str]] = {}
    for key, value in params.items():
        values = [value] if isinstance(value, str) else list(value or [])
        values = [v for v in values if v != ""]
        if values:
            clean[key] = values
    if url_state() != clean:
        st.query_params.from_dict({k: v[0] if len(v) == 1 else v for k, v in clean.items()})
    st.session_state[f"_regkg_url_{scope}"] = url_state()
