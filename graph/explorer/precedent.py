"""Legal questions over time: holdings (who answered, when, how), treatment links stated by a
source, and the latest holding per jurisdiction (derived, not a legal opinion)."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.explorer.refs import Ref, from_rows, padded_date
from graph.sparql.internal import internal_query
from graph.stores.contract import Store

DERIVED_NOTE = "derived from the holdings — not a legal opinion"

QUESTIONS_QUERY = internal_query("graph.explorer", "precedent-questions")

HOLDINGS_QUERY = internal_query("graph.explorer", "precedent-holdings")

TREATMENTS_QUERY = internal_query("graph.explorer", "precedent-treatments")


@dataclass(frozen=True)
class QuestionRow:
    """A legal question with its number (curated ones) or the coding concept it was made from
    (imported ones), its short title (for charts and lists), state-of-the-law note and number
    of holdings."""

    iri: str = field(metadata={"column": "question"})
    number: int | None
    label: str
    state_of_law: str | None = field(metadata={"column": "state"})
    holdings: int
    as_of: tuple[str, ...] = field(metadata={"column": "asOfs"})
    trust: tuple[str, ...] = field(metadata={"column": "trusts"})
    short: str = ""
    concept: str | None = None

    @property
    def title(self) -> str:
        """The short title, else the question itself (an imported question's label is its
        title)."""
        return self.short or self.label

    @property
    def tag(self) -> str:
        """``Q1`` for a numbered question, ``CJEU concept`` for one made from a coding concept."""
        return f"Q{self.number}" if self.number is not None else "CJEU concept"


@dataclass(frozen=True)
class HoldingRow:
    """A decision's answer to a question: who answered, when and how."""

    iri: str = field(metadata={"column": "holding"})
    question: Ref
    decision: Ref
    date: str
    authority: Ref
    jurisdiction: str = field(metadata={"column": "code"})
    direction: str
    answer: str
    as_of: tuple[str, ...] = field(metadata={"column": "asOfs"})
    trust: tuple[str, ...] = field(metadata={"column": "trusts"})


@dataclass(frozen=True)
class TreatmentRow:
    """How a later decision treated an earlier one, as a source states it."""

    iri: str = field(metadata={"column": "treatment"})
    citing: Ref
    citing_date: str
    cited: Ref
    cited_date: str
    type: str
    note: str | None
    sources: tuple[str, ...]
    as_of: tuple[str, ...] = field(metadata={"column": "asOfs"})
    trust: tuple[str, ...] = field(metadata={"column": "trusts"})


@dataclass(frozen=True)
class Timeline:
    """A question's holdings in date order (with those of the questions a curated match makes
    the same, ``gathered``), the treatments between its decisions, and the latest holding(s)
    per jurisdiction code (ties kept)."""

    question: QuestionRow
    holdings: tuple[HoldingRow, ...]
    treatments: tuple[TreatmentRow, ...]
    latest: dict[str, tuple[HoldingRow, ...]]
    gathered: tuple[QuestionRow, ...] = ()


def questions(store: Store) -> list[QuestionRow]:
    """Every legal question: the numbered ones in number order, then those made from coding
    concepts by title."""
    rows = from_rows(QuestionRow, store.query(QUESTIONS_QUERY))
    return sorted(rows, key=lambda q: (q.number is None, q.number or 0, q.title, q.iri))


def holdings(store: Store) -> list[HoldingRow]:
    """Every holding, in date order."""
    rows = from_rows(HoldingRow, store.query(HOLDINGS_QUERY))
    return sorted(rows, key=lambda h: (padded_date(h.date), h.decision.label, h.iri))


def treatments(store: Store) -> list[TreatmentRow]:
    """Every treatment link, by the citing decision's date."""
    rows = from_rows(TreatmentRow, store.query(TREATMENTS_QUERY))
    return sorted(rows, key=lambda t: (padded_date(t.citing_date), t.citing.label, t.iri))


def latest_by_jurisdiction(rows: list[HoldingRow]) -> dict[str, tuple[HoldingRow, ...]]:
    """For each jurisdiction code, the holding(s) with the latest date (derived, not advice)."""
    out: dict[str, tuple[HoldingRow, ...]] = {}
    for code in sorted({h.jurisdiction for h in rows}):
        mine = [h for h in rows if h.jurisdiction == code]
        last = max(padded_date(h.date) for h in mine)
        out[code] = tuple(h for h in mine if padded_date(h.date) == last)
    return out


def timeline(store: Store, question_iri: str, same: tuple[str, ...] = ()) -> Timeline | None:
    """The timeline of one question, gathering the holdings of the questions ``same`` names
    (the same question, by a curated match; those the store lacks are skipped), or ``None`` if
    there is no such question.

    A record that the linkage stage made a ``reg:duplicateOf`` another stands here as its preferred
    record (the cjeu importer's holdings sit on its own judgment records, while citations point at
    the preferred, usually curated, record).

    >>> from graph.pipeline.sample import world_store
    >>> [(q.number, q.holdings) for q in questions(world_store())]
    [(1, 2), (2, 2)]
    >>> t = timeline(world_store(), "https://w3id.org/regkg/id/question/q1")
    >>> [(h.date, h.direction) for h in t.holdings]
    [('2021-11-01', 'no'), ('2022-03-08', 'left open')]
    >>> [(tr.citing.label, tr.type) for tr in t.treatments]
    [('CX v Acme Video [2022] AHC 5', 'considers')]
    >>> [(j, [h.direction for h in hs]) for j, hs in t.latest.items()]
    [('AA', ['left open'])]
    """
    by_iri = {q.iri: q for q in questions(store)}
    question = by_iri.get(question_iri)
    if question is None:
        return None
    gathered = tuple(by_iri[i] for i in same if i in by_iri and i != question_iri)
    wanted = {question_iri} | {q.iri for q in gathered}
    mine = [h for h in holdings(store) if h.question.iri in wanted]
    decisions = {h.decision.iri for h in mine}
    links = [t for t in treatments(store) if {t.citing.iri, t.cited.iri} <= decisions]
    return Timeline(question, tuple(mine), tuple(links), latest_by_jurisdiction(mine), gathered)
