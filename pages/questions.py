"""Legal questions: every question's holdings on a timeline (who answered, when, how), its line
of case law (its rulings on a timeline with the citation arrows between them), the treatment
links between those decisions, and the latest holding per jurisdiction (derived from the
holdings — not a legal opinion). Questions made from CJEU coding concepts are listed after the
curated ones; a curated match (``data/question-matches.yaml``) gathers a concept's holdings
under the curated question. The chosen question is kept in the URL (``?question=q01``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from graph.drawing import charts
from graph.drawing.case_law_chart import case_law_chart
from graph.errors import SourceDataError
from graph.explorer import case_law, precedent, question_matches
from graph.vocabulary.strings import ID_BASE
from pages import common

DIRECTIONS = ["yes", "no", "partly", "left open"]
COLOURS = ["#2e7d32", "#c62828", "#ef6c00", "#757575"]


def question_iri(value: str) -> str:
    """A question IRI from ``q01``, ``question/q01`` or the full IRI."""
    value = value.strip()
    if value.startswith(("http://", "https://")):
        return value
    return ID_BASE + (value if value.startswith("question/") else f"question/{value}")


def holdings_chart(
    rows: Sequence[Mapping[str, object]], y: str, title: str, label_chars: int = 28
) -> None:
    """Holdings as points on a time axis, one row per ``y`` value, coloured by direction."""
    if not rows:
        return
    chart = charts.timeline_chart(
        charts.points(rows, row=y, colour="Direction", hide=("IRI", "Answer text")),
        title=title,
        legend="Answer",
        colours=list(zip(DIRECTIONS, COLOURS, strict=True)),
        keep_order=True,
        label_chars=label_chars,
    )
    common.chart_frame(chart)


def holding_rows(rows: list[precedent.HoldingRow]) -> list[dict[str, object]]:
    """Holdings as table rows (the IRI opens the decision)."""
    return [
        {
            "Date": h.date,
            "Decision": h.decision.label,
            "Answered by": h.authority.label,
            "Jurisdiction": h.jurisdiction,
            "Direction": h.direction,
            "Answer text": h.answer,
            "Trust tier": common.joined(h.trust),
            "As of": common.joined(h.as_of),
            "IRI": h.decision.iri,
        }
        for h in rows
    ]


def show_all(questions: list[precedent.QuestionRow], holdings: list[precedent.HoldingRow]) -> None:
    """Every question with its holdings on one timeline, and the list of questions."""
    st.subheader("Every question over time")
    titles = {q.iri: q.title for q in questions}
    rows = [
        {
            "Question": titles.get(h.question.iri, h.question.label),
            "Date": h.date,
            "Decision": h.decision.label,
            "Answered by": h.authority.label,
            "Direction": h.direction,
            "IRI": h.question.iri,
        }
        for h in holdings
    ]
    order = {q.iri: i for i, q in enumerate(questions)}
    rows.sort(key=lambda r: order.get(str(r["IRI"]), len(order)))
    holdings_chart(rows, "Question", "Every question's holdings over time", label_chars=40)
    with st.expander("All questions"):
        common.record_table(
            [
                {
                    "No.": q.tag,
                    "Short title": q.title,
                    "Question": q.label,
                    "Holdings": q.holdings,
                    "Trust tier": common.joined(q.trust),
                    "As of": common.joined(q.as_of),
                    "IRI": q.iri,
                }
                for q in questions
            ],
            key="questions_all",
        )


def show_gathered(
    t: precedent.Timeline, matches: tuple[question_matches.QuestionMatch, ...]
) -> None:
    """The questions a curated match makes the same as this one, with its reason and source."""
    for other in t.gathered:
        for m in question_matches.matches_of(other.iri, matches):
            if t.question.iri not in (m.curated_iri, m.concept_iri):
                continue
            st.markdown(
                f"**Gathered here:** the holdings of {common.md_escape(other.tag)} "
                f"“{common.md_escape(other.title)}”, the same question by a curated match: "
                f"{common.md_escape(m.reason)} (source: {common.md_escape(m.source)})"
            )


def show_line(t: precedent.Timeline) -> None:
    """The line of case law: the rulings on a timeline with the citation arrows between them."""
    line = case_law.line_of(t)
    st.markdown(
        f"**Line of case law**: {len(line.rulings)} rulings, {len(line.arrows)} citation "
        "arrows between them (later ruling → earlier ruling it cites or treats)"
    )
    if line.rulings:
        common.chart_frame(case_law_chart(line))


def show_question(
    t: precedent.Timeline, matches: tuple[question_matches.QuestionMatch, ...] = ()
) -> None:
    """One question: state of the law, holdings, its line of case law, treatments and the
    latest per jurisdiction."""
    q = t.question
    st.markdown(common.trust_badge(common.joined(q.trust), common.joined(q.as_of)))
    common.open_entity(q.iri, "Open the question's page")
    show_gathered(t, matches)
    if q.state_of_law:
        st.markdown(
            "**State of the law** (regkg's own summary; not legal advice): "
            + common.md_escape(q.state_of_law)
        )
    st.markdown(f"**Holdings** ({len(t.holdings)}): who answered, when, and how")
    table = holding_rows(list(t.holdings))
    holdings_chart(table, "Answered by", "This question's holdings over time")
    common.record_table(table, key="question_holdings", empty="No holding answers this yet.")
    show_line(t)

    st.markdown("**Treatment links between these decisions** (as stated by a source)")
    common.record_table(
        [
            {
                "Later decision": tr.citing.label,
                "Date": tr.citing_date,
                "Treatment": tr.type,
                "Earlier decision": tr.cited.label,
                "Earlier date": tr.cited_date,
                "Note": tr.note or "",
                "Source": common.joined(tr.sources),
                "Trust tier": common.joined(tr.trust),
                "As of": common.joined(tr.as_of),
                "IRI": tr.citing.iri,
            }
            for tr in t.treatments
        ],
        key="question_treatments",
        empty="No source states a treatment link between these decisions.",
    )

    st.markdown("**Latest holding per jurisdiction**")
    st.caption(precedent.DERIVED_NOTE.capitalize() + ".")
    common.record_table(
        [
            {
                "Jurisdiction": code or "unknown",
                "Date": h.date,
                "Direction": h.direction,
                "Decision": h.decision.label,
                "Answer text": h.answer,
                "IRI": h.decision.iri,
            }
            for code, latest in t.latest.items()
            for h in latest
        ],
        key="question_latest",
        empty="No holdings yet.",
    )


def main() -> None:
    """The page."""
    st.title("Legal questions")
    common.notice()
    store = common.require_store()
    questions = common.cached(precedent.questions, store)
    if not questions:
        st.info("The graph has no legal questions.")
        return
    show_all(questions, common.cached(precedent.holdings, store))

    st.subheader("One question")
    by_iri = {q.iri: q for q in questions}
    asked = st.query_params.get("question")
    wanted = question_iri(asked) if asked else None
    if asked and wanted not in by_iri:
        st.warning("The question named in the link is not in the graph; showing the first one.")
    common.seed_from_url(
        "questions", {"question_pick": wanted if wanted in by_iri else questions[0].iri}
    )
    picked = st.selectbox(
        "Question",
        options=list(by_iri),
        format_func=lambda iri: f"{by_iri[iri].tag}: {by_iri[iri].label}",
        key="question_pick",
    )
    common.write_url("questions", {"question": picked.rsplit("/", 1)[-1]})
    try:
        matches = question_matches.load()
    except SourceDataError as exc:
        st.warning(f"The curated question matches are not read: {exc}")
        matches = ()
    same = question_matches.same_questions(picked, matches)
    timeline = common.cached(precedent.timeline, store, picked, same)
    if timeline is not None:
        show_question(timeline, matches)


main()
