"""Overview: what the graph holds, fines over time and by regulator and jurisdiction (static SVG
charts from :mod:`graph.drawing.charts`), the largest fines, the latest decisions, and the sources
with
their licences and the build date."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph.drawing import charts
from graph.explorer import tables
from graph.explorer.refs import kind_label
from graph.stores import catalog as catalog_info
from graph.vocabulary import strings as vocab
from pages import common

DECISION_KINDS = vocab.DECISION_KINDS
#: Bars per chart: the groups with the largest EUR totals.
TOP = 12
HEADLINE = {
    "Company": "Companies",
    "Regulator": "Regulators",
    "Court": "Courts",
    "LegalQuestion": "Legal questions",
    "Holding": "Holdings",
    "Provision": "Provisions",
}


def show_counts(counts: dict[str, int]) -> None:
    """Headline counts, then every kind."""
    st.subheader("What the graph holds")
    cells = st.columns(len(HEADLINE) + 1)
    cells[0].metric("Decisions", f"{sum(counts.get(k, 0) for k in DECISION_KINDS):,}")
    for cell, (kind, title) in zip(cells[1:], HEADLINE.items(), strict=True):
        cell.metric(title, f"{counts.get(kind, 0):,}")
    with st.expander("Records of every kind"):
        st.dataframe(
            pd.DataFrame(
                {"Kind": [kind_label(k) for k in counts], "Records": list(counts.values())}
            ),
            hide_index=True,
        )


def set_aside_choice(rows: list[tables.FineRow]) -> bool:
    """Whether the totals include fines a court set aside (off by default), and the sentence
    saying which."""
    include = st.toggle(
        "Include fines a court set aside",
        value=False,
        key="set_aside",
        bind="query-params",
        help="A fine whose procedure chain ends in a court's annulment (reg:setAsideBy).",
    )
    dropped = [r for r in rows if r.set_aside_by and not r.duplicate_of]
    if not dropped:
        st.caption("No fine in the graph was set aside by a court, as far as its sources say.")
        return include
    eur = sum(r.eur or 0.0 for r in dropped)
    st.caption(
        f"{len(dropped)} fines (EUR {eur:,.0f}) were set aside by a court, as their procedure "
        "chain shows: "
        + (
            "they are included below."
            if include
            else "they are left out of the totals and charts below (the Enforcement Tracker, "
            "too, mostly lists an overturned fine at EUR 0)."
        )
    )
    return include


def show_fine_charts(rows: list[tables.FineRow], include_set_aside: bool = False) -> None:
    """Fines in EUR per year, per regulator and per jurisdiction."""
    st.subheader("Fines in EUR")
    total = tables.totals(rows, include_set_aside)
    st.caption(
        f"{total.fines} fines, EUR {total.eur:,.0f} in total at the ECB rate of each decision date"
        + (
            f"; {total.without_eur} without a EUR value (not in the totals)."
            if total.without_eur
            else "."
        )
    )
    tiers = tables.totals_by(rows, lambda r: ", ".join(r.trust) or "unknown", include_set_aside)
    st.caption(
        "By trust tier: "
        + "; ".join(
            f"{common.md_escape(tier)} {n} fines (EUR {eur:,.0f})" for tier, eur, n in tiers
        )
        + ". Imported and machine-coded records are not individually checked."
    )
    per_year = sorted(tables.totals_by(rows, lambda r: str(r.year), include_set_aside))
    per_regulator = tables.totals_by(rows, lambda r: r.regulator.label, include_set_aside)
    per_jurisdiction = tables.totals_by(
        rows, lambda r: r.jurisdiction_label or "unknown", include_set_aside
    )
    left, middle, right = st.columns(3)
    with left:
        st.markdown("**Per year**")
        common.chart_frame(
            charts.bar_chart(
                per_year, title="Fines in EUR per year", category="Year", horizontal=False
            )
        )
    for column, title, groups in (
        (middle, "Regulator", per_regulator),
        (right, "Jurisdiction", per_jurisdiction),
    ):
        with column:
            more = f" (top {TOP} of {len(groups)})" if len(groups) > TOP else ""
            st.markdown(f"**Per {title.lower()}**{more}")
            common.chart_frame(
                charts.bar_chart(
                    groups[:TOP],
                    title=f"Fines in EUR per {title.lower()}{more}",
                    category=title,
                    horizontal=True,
                )
            )


def show_largest(rows: list[tables.FineRow], include_set_aside: bool = False) -> None:
    """The ten largest fines in EUR."""
    st.subheader("Largest fines")
    common.record_table(
        [
            {
                "Fine": r.label,
                "Date": r.date,
                "Regulator": r.regulator.label,
                "Fined": common.joined([c.label for c in r.companies]),
                "Amount": r.amount,
                "Currency": r.currency,
                "EUR": r.eur,
                "Trust tier": common.joined(r.trust),
                "As of": common.joined(r.as_of),
                "IRI": r.iri,
            }
            for r in tables.largest(rows, 10, include_set_aside)
        ],
        key="overview_largest",
    )


def show_latest(decisions: list[tables.DecisionSummary]) -> None:
    """The ten latest decisions of any kind."""
    st.subheader("Latest decisions")
    common.record_table(
        [
            {
                "Decision": d.label,
                "Date": d.date,
                "Kind": d.kind,
                "Decided by": d.authority.label,
                "Trust tier": common.joined(d.trust),
                "As of": common.joined(d.as_of),
                "IRI": d.iri,
            }
            for d in decisions[:10]
        ],
        key="overview_latest",
    )


def show_sources(sources: list[catalog_info.SourceInfo], built_at: str) -> None:
    """Each source with its licence and the attribution it requires, and the build date."""
    st.subheader("Sources and licences")
    # Escaped: a data value, and an unescaped time (12:00:00) makes the browser load its emoji
    # plugin (":00:" looks like a shortcode).
    st.caption(f"Graph built at {common.md_escape(built_at)}.")
    st.dataframe(
        pd.DataFrame(
            {
                "Source": [s.title for s in sources],
                "Licence": [s.licence for s in sources],
                "Attribution": [s.attribution for s in sources],
                "Named graph": [s.graph for s in sources],
            }
        ),
        hide_index=True,
    )


def main() -> None:
    """The page."""
    st.title("regkg: regulatory precedent graph")
    st.markdown(
        "Who fined or judged whom, for what, under which provision, which court reviewed it, "
        "and which decisions answered which legal questions."
    )
    common.notice()
    store = common.require_store()
    show_counts(common.cached(tables.kind_counts, store))
    rows = common.cached(tables.fines, store)
    include = set_aside_choice(rows)
    show_fine_charts(rows, include)
    show_largest(rows, include)
    show_latest(common.cached(tables.decisions, store))
    show_sources(
        common.cached(catalog_info.sources, store), str(store.meta.get("built_at", "unknown"))
    )


main()
