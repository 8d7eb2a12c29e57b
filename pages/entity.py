"""Entity page (``?id=<IRI>``): everything about one record, with its sources, as-of dates and
trust tiers; for a decision its authority, amounts, every source's record of it side by side
(``pages/entity_sources.py``), identifiers, parties, provisions, procedure chain, holdings and
treatments; for anyone or anything else the decisions linked to it, on a
timeline. Every label is escaped; tables are plain text."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from graph.drawing import charts
from graph.explorer import decision as decision_mod
from graph.explorer import decision_sources, precedent, search
from graph.explorer import entity as entity_mod
from graph.explorer.refs import kind_label
from graph.stores.contract import Store
from graph.vocabulary import strings as vocab
from pages import common
from pages.entity_sources import show_sources

DECISION_KINDS = frozenset(vocab.DECISION_KINDS)
_WEB = re.compile(r"^https?://\S+$")


def pick_entity(store: Store) -> None:
    """A picker of every entity, for when no (known) entity is named in the URL."""
    choices = common.cached(search.entities, store)
    by_iri = {c.iri: c for c in choices}
    picked = st.selectbox(
        "Open an entity",
        options=list(by_iri),
        index=None,
        format_func=lambda iri: f"{by_iri[iri].label} ({kind_label(by_iri[iri].kind)})",
        key="entity_pick",
        placeholder="Type a name…",
    )
    st.caption("Or use the search box in the sidebar.")
    if picked:
        st.query_params["id"] = picked
        st.rerun()


def header(e: entity_mod.Entity) -> None:
    """Label, kind, trust tier, as-of date and other names."""
    st.title(common.md_escape(e.label))
    st.markdown(common.trust_badge(common.joined(e.trust, ", "), common.joined(e.as_of, ", ")))
    st.caption(common.md_escape(kind_label(e.kind).capitalize()))
    # Plain text, not st.code: a code block makes the browser load Streamlit's 1.5 MB syntax
    # highlighter (~0.7-0.9 s more to the page's first render, benchmarks/app_bench.py).
    st.text(e.iri)
    if e.alt_labels:
        st.markdown("**Also known as:** " + common.md_escape("; ".join(e.alt_labels)))


def timeline(rows: Sequence[Mapping[str, object]], *, y: str, colour: str, title: str) -> None:
    """Dated rows as points on a time axis (month- and year-only dates at the period's start)."""
    if rows:
        points = charts.points(rows, row=y, colour=colour)
        common.chart_frame(charts.timeline_chart(points, title=title, legend=colour))


def show_decision(
    d: decision_mod.DecisionDetail, holdings: list[precedent.HoldingRow], store: Store
) -> None:
    """The decision's own sections."""
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{common.md_escape(d.kind.capitalize())}** decided by")
        common.open_entity(d.authority.iri, d.authority.label)
        lines = [
            ("Date", d.date),
            ("Announced", d.announced),
            ("Status", d.status),
            ("Jurisdiction", f"{d.jurisdiction.label} ({d.jurisdiction_code})"),
            ("Concerns children's data", "yes" if d.childrens_data else "no"),
        ]
        for name, value in lines:
            if value:
                st.markdown(f"**{name}:** {common.md_escape(value)}")
        if d.set_aside is not None:
            when = f" on {d.set_aside.date}" if d.set_aside.date else ""
            source = d.set_aside.source.rsplit("/", 1)[-1] if d.set_aside.source else "unknown"
            st.markdown(
                common.md_escape(
                    f"Set aside on review{when} (source: {source}); left out of fine totals by "
                    "default. Stated by:"
                )
            )
            common.open_entity(d.set_aside.by.iri, d.set_aside.by.label)
    with right:
        for a in d.amounts:
            st.metric(f"{a.which.capitalize()} amount", f"{a.value:,.2f} {a.currency}")
            if a.eur is not None:
                rate = f" at {a.rate:g} {a.currency} per EUR on {a.rate_date}" if a.rate else ""
                st.markdown(common.md_escape(f"EUR {a.eur:,.2f}{rate}."))
            for note in (a.conversion_note, a.note):
                if note:
                    st.caption(common.md_escape(note))
    for title, body in (("Summary", d.summary), ("Outcome", d.outcome)):
        if body:
            st.markdown(f"**{title}** (regkg's own words): {common.md_escape(body)}")
    sources = common.cached(decision_sources.decision_sources, store, d.iri)
    if sources is not None:
        show_sources(sources)
    if d.identifiers:
        st.subheader("Identifiers")
        st.dataframe(pd.DataFrame(d.identifiers, columns=["Identifier", "Value"]), hide_index=True)
    st.subheader("Parties and roles")
    common.record_table(
        [{"Party": p.party.label, "Role": p.role, "IRI": p.party.iri} for p in d.parties],
        key="entity_parties",
    )
    st.subheader("Provisions")
    common.record_table(
        [
            {
                "Provision": p.provision.label,
                "How": p.how,
                "Instrument": p.instrument,
                "IRI": p.provision.iri,
            }
            for p in d.provisions
        ],
        key="entity_provisions",
        empty="No provisions recorded.",
    )
    st.subheader("Procedure chain")
    chain = [
        {
            "Date": c.date,
            "Step": c.label,
            "Kind": c.kind,
            "Decided by": c.authority,
            "Follows": c.follows,
            "IRI": c.iri,
        }
        for c in d.chain
    ]
    timeline(chain, y="Decided by", colour="Kind", title="The procedure chain over time")
    common.record_table(chain, key="entity_chain")
    show_holdings(holdings)
    show_treatments(d.iri, common.cached(precedent.treatments, store))


def show_holdings(rows: list[precedent.HoldingRow]) -> None:
    """The legal questions this decision answered."""
    st.subheader("Holdings")
    if not rows:
        st.info("No holding of this decision is recorded.")
        return
    for h in rows:
        with st.container(border=True):
            st.page_link(
                common.QUESTIONS_PAGE,
                label=common.md_escape(h.question.label),
                query_params={"question": h.question.iri},
                icon=":material/gavel:",
            )
            st.markdown(
                f"**{common.md_escape(h.direction)}** ({common.md_escape(h.date)}): "
                f"{common.md_escape(h.answer)}  \n"
                + common.trust_badge(common.joined(h.trust), common.joined(h.as_of))
            )


def show_treatments(iri: str, rows: list[precedent.TreatmentRow]) -> None:
    """ "Cites" and "Cited by": treatment links out of and into this decision, with counts per
    treatment type and trust tier (machine-coded citations beside curated treatments)."""
    st.subheader("Citations and treatments")
    out = [t for t in rows if t.citing.iri == iri]
    into = [t for t in rows if t.cited.iri == iri]
    st.markdown(f"**Cites ({len(out)})**{_counts(out)}")
    common.record_table(
        [_treatment_row(t.cited.label, t.cited_date, t) | {"IRI": t.cited.iri} for t in out],
        key="entity_treats",
        empty="No citation or treatment of an earlier decision is recorded.",
    )
    st.markdown(f"**Cited by ({len(into)})**{_counts(into)}")
    common.record_table(
        [_treatment_row(t.citing.label, t.citing_date, t) | {"IRI": t.citing.iri} for t in into],
        key="entity_treated_by",
        empty="No later decision is recorded as citing or treating this one.",
    )


def _counts(rows: list[precedent.TreatmentRow]) -> str:
    """``: 3 cites (machine-coded), 1 applies (curated-verified)`` for a heading."""
    tally = Counter((t.type, common.joined(t.trust)) for t in rows)
    parts = [f"{n} {kind} ({trust})" for (kind, trust), n in sorted(tally.items())]
    return common.md_escape(": " + ", ".join(parts)) if parts else ""


def _treatment_row(label: str, date: str, t: precedent.TreatmentRow) -> dict[str, object]:
    return {
        "Decision": label,
        "Date": date,
        "Treatment": t.type,
        "Note": t.note or "",
        "Source": common.joined(t.sources),
        "Trust tier": common.joined(t.trust),
        "As of": common.joined(t.as_of),
    }


def show_decisions(rows: list[entity_mod.DecisionRow]) -> None:
    """Decisions linked to a non-decision entity, on a timeline and in a table."""
    st.subheader("Decisions")
    table = [
        {
            "Date": r.date,
            "Decision": r.label,
            "Kind": r.kind,
            "Link": common.joined(r.relations),
            "Decided by": r.authority.label,
            "Amount": r.amount,
            "Currency": r.currency,
            "EUR": r.eur,
            "Trust tier": common.joined(r.trust),
            "As of": common.joined(r.as_of),
            "IRI": r.iri,
        }
        for r in rows
    ]
    timeline(table, y="Kind", colour="Link", title="Linked decisions over time")
    common.record_table(table, key="entity_decisions", empty="No decision is linked to this.")


def show_facts(e: entity_mod.Entity) -> None:
    """Every statement, the sources behind the record, and the records pointing here."""
    st.subheader("Sources")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Source": p.where,
                    "Link": p.url if p.url and _WEB.match(p.url) else None,
                    "Publisher": p.publisher or "",
                    "As of": p.as_of,
                    "Trust tier": p.trust,
                    "Named graph": p.graph,
                }
                for p in e.sources
            ]
        ),
        hide_index=True,
        column_config={"Link": st.column_config.LinkColumn("Link", display_text="open source")},
    )
    st.subheader("All facts")
    common.record_table(
        [
            {
                "Property": f.property,
                "Value": f.value,
                "Named graph": common.joined(f.graphs),
                "IRI": f.iri,
            }
            for f in e.facts
        ],
        key="entity_facts",
    )
    if e.incoming:
        st.subheader("Records linking here")
        common.record_table(
            [
                {
                    "Record": f.value,
                    "Link": f.property,
                    "Named graph": common.joined(f.graphs),
                    "IRI": f.iri,
                }
                for f in e.incoming
            ],
            key="entity_incoming",
        )


def main() -> None:
    """The page."""
    common.notice()
    store = common.require_store()
    iri = common.requested_iri("id")
    entity = common.cached(entity_mod.describe, store, iri) if iri else None
    if entity is None:
        st.title("Entity")
        if iri:
            st.error("The graph has no record with this identifier.")
            st.text(iri)
        pick_entity(store)
        return
    header(entity)
    if entity.kind in DECISION_KINDS:
        d = common.cached(decision_mod.decision, store, entity.iri)
        if d is not None:
            mine = [h for h in common.cached(precedent.holdings, store) if h.decision.iri == d.iri]
            show_decision(d, mine, store)
    else:
        if entity.kind == "LegalQuestion":
            st.page_link(
                common.QUESTIONS_PAGE,
                label="Open this question's timeline",
                query_params={"question": entity.iri},
                icon=":material/timeline:",
            )
        show_decisions(common.cached(entity_mod.decisions_of, store, entity.iri))
    show_facts(entity)


main()
