"""The entity page's "Sources of this decision" section: every record of the decision that the
linkage stage joined, side by side (:mod:`graph.explorer.decision_sources`), with the values that
differ
from the counted record's marked, and the part/whole notes. Labels reach the page only as
table cells (plain text) or escaped markdown."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph.explorer.decision_sources import DIFFERS, DecisionSources
from pages import common

#: CSS of a cell whose value differs from the counted record's (besides its ``≠`` marker).
DIFFERS_CSS = "font-weight: bold; background-color: #fff3cd"


def differs_style(frame: pd.DataFrame) -> object:
    """The table with each marked cell in bold on a pale background."""
    return frame.style.map(
        lambda v: DIFFERS_CSS if isinstance(v, str) and v.startswith(DIFFERS) else ""
    )


def show_sources(s: DecisionSources) -> None:
    """The section: the counted-once note, the records side by side, the parts of a whole."""
    st.subheader("Sources of this decision")
    if not s.several:
        st.caption("No other source in this store records this decision.")
        return
    counted = s.whole if s.whole is not None else s.preferred
    common.open_entity(counted.iri, s.counted_note, help="Totals count this record.")
    if len(s.rows) > 1:
        st.caption(
            f"One row per source's record of this decision. {DIFFERS.strip()} marks a value "
            "that differs from the counted record's."
        )
        common.record_table(s.table(), key="entity_sources", style=differs_style)
    if s.parts:
        st.markdown(common.md_escape(s.parts_note))
        for p in s.parts:
            common.open_entity(p.record.iri, f"{p.record.label}: {p.date}, {p.amount} ({p.source})")
