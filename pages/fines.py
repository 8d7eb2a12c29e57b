"""Fines: a filterable, sortable table (regulator, company or parent group, jurisdiction,
provision, year, EUR range) with EUR totals and a CSV download of exactly the rows shown.
Every filter lives in the URL, so a copied link reopens the same table."""

from __future__ import annotations

import streamlit as st

from graph.explorer import tables
from graph.explorer.refs import Ref
from pages import common

CSV_NAME = "regkg-fines.csv"


def _options(refs: list[Ref]) -> dict[str, str]:
    """IRI → label, sorted by label."""
    pairs = {r.iri: r.label for r in refs}
    return dict(sorted(pairs.items(), key=lambda kv: (kv[1].casefold(), kv[0])))


def filters(rows: list[tables.FineRow]) -> tuple[tables.FineFilter, str, bool]:
    """The filter widgets (bound to the URL); returns the filter and the sort order."""
    regulators = _options([r.regulator for r in rows])
    parties = _options([c for r in rows for c in (*r.companies, *r.groups)])
    provisions = _options([p for r in rows for p in r.provisions])
    jurisdictions = dict(sorted({r.jurisdiction: r.jurisdiction_label for r in rows}.items()))
    first, second = st.columns(2)
    picked_regulators = first.multiselect(
        "Regulator",
        list(regulators),
        format_func=regulators.__getitem__,
        key="regulator",
        bind="query-params",
    )
    picked_parties = second.multiselect(
        "Company or parent group",
        list(parties),
        format_func=parties.__getitem__,
        key="company",
        bind="query-params",
        help="A fine matches when one of its fined companies, or that company's ultimate "
        "parent, is selected.",
    )
    picked_jurisdictions = first.multiselect(
        "Jurisdiction",
        list(jurisdictions),
        format_func=lambda c: f"{c} · {jurisdictions[c]}" if jurisdictions[c] else c,
        key="jurisdiction",
        bind="query-params",
    )
    picked_provisions = second.multiselect(
        "Provision or instrument",
        list(provisions),
        format_func=provisions.__getitem__,
        key="provision",
        bind="query-params",
    )
    years = sorted({r.year for r in rows})
    year_from, year_to = years[0], years[-1]
    low, high, more = st.columns([2, 2, 3])
    eur_min = low.number_input(
        "Minimum EUR",
        min_value=0.0,
        value=None,
        step=10_000.0,
        key="eur_min",
        bind="query-params",
    )
    eur_max = high.number_input(
        "Maximum EUR",
        min_value=0.0,
        value=None,
        step=10_000.0,
        key="eur_max",
        bind="query-params",
    )
    if year_from < year_to:
        year_from, year_to = more.slider(
            "Year", year_from, year_to, (year_from, year_to), key="year", bind="query-params"
        )
    unconverted = more.checkbox(
        "Include fines without a EUR value",
        value=True,
        key="unconverted",
        bind="query-params",
        help="Their amount is in a currency or on a date without an ECB rate.",
    )
    graphs = sorted({g for r in rows for g in r.sources})
    src_col, dup_col = st.columns([2, 1])
    picked_sources = src_col.multiselect(
        "Source (none chosen: all)",
        graphs,
        format_func=lambda iri: iri.rsplit("/", 1)[-1],
        key="source",
        bind="query-params",
        help="The named graph stating the fine: a curated data file or an imported tracker.",
    )
    duplicates = dup_col.checkbox(
        "Show records duplicating another source",
        value=False,
        key="duplicates",
        bind="query-params",
        help="An imported record of a decision that the curated data (or a preferred source) "
        "already has. Shown for comparison; never counted twice in the totals.",
    )
    set_aside = dup_col.checkbox(
        "Show fines a court set aside",
        value=False,
        key="set_aside",
        bind="query-params",
        help="A fine whose procedure chain ends in a court's annulment: left out of the totals "
        "unless shown here.",
    )
    sort_col, order_col = st.columns([2, 1])
    sort = sort_col.selectbox("Sort by", list(tables.SORTS), key="sort", bind="query-params")
    descending = order_col.toggle("Descending", value=True, key="desc", bind="query-params")
    chosen = tables.FineFilter(
        regulators=frozenset(picked_regulators),
        parties=frozenset(picked_parties),
        jurisdictions=frozenset(picked_jurisdictions),
        provisions=frozenset(picked_provisions),
        year_from=year_from,
        year_to=year_to,
        eur_min=eur_min,
        eur_max=eur_max,
        include_unconverted=unconverted,
        sources=frozenset(picked_sources),
        include_duplicates=duplicates,
        include_set_aside=set_aside,
    )
    return chosen, sort or "date", descending


def table_rows(rows: list[tables.FineRow]) -> list[dict[str, object]]:
    """The columns shown (and downloaded)."""
    return [
        {
            "Date": r.date,
            "Fine": r.label,
            "Regulator": r.regulator.label,
            "Jurisdiction": r.jurisdiction,
            "Fined": common.joined([c.label for c in r.companies]),
            "Group": common.joined([g.label for g in r.groups]),
            "Provisions": common.joined([p.label for p in r.provisions]),
            "Amount": r.amount,
            "Currency": r.currency,
            "EUR": r.eur,
            "EUR conversion": r.conversion_note or "",
            "Status": r.status,
            "Set aside by": r.set_aside_by or "",
            "Trust tier": common.joined(r.trust),
            "Source": common.joined([g.rsplit("/", 1)[-1] for g in r.sources]),
            "Same decision as": r.duplicate_of or "",
            "As of": common.joined(r.as_of),
            "IRI": r.iri,
        }
        for r in rows
    ]


def main() -> None:
    """The page."""
    st.title("Fines")
    common.notice()
    store = common.require_store()
    rows = common.cached(tables.fines, store)
    if not rows:
        st.info("The graph has no fines.")
        return
    chosen, sort, descending = filters(rows)
    shown = tables.sort_fines(tables.filter_fines(rows, chosen), sort, descending)
    total = tables.totals(shown, chosen.include_set_aside)
    a, b, c = st.columns(3)
    a.metric("Fines shown", f"{total.fines:,} of {len(rows):,}")
    b.metric("Total in EUR", f"{total.eur:,.0f}")
    c.metric("Without a EUR value", f"{total.without_eur:,}")
    st.caption(
        "EUR values use the ECB reference rate of the decision date (or the last ECB business "
        "day before it); fines without one are counted but not in the total. A fine on several "
        "companies is one row."
    )
    frame = common.record_table(table_rows(shown), key="fines_table", empty="No fine matches.")
    st.download_button(
        "Download these rows as CSV",
        data=frame.to_csv(index=False).encode("utf-8"),
        file_name=CSV_NAME,
        mime="text/csv",
        on_click="ignore",
        disabled=frame.empty,
        key="fines_csv",
    )


main()
