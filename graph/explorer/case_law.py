"""A line of case law: the rulings that answer one legal question in date order, and the citation
arrows between them, so a lawyer sees how the case law on a question grew."""

from __future__ import annotations

from dataclasses import dataclass

from graph.explorer.precedent import QuestionRow, Timeline, timeline
from graph.explorer.refs import Ref, padded_date
from graph.stores.contract import Store


@dataclass(frozen=True)
class Ruling:
    """One decision on the line: dated by its earliest holding on the question(s), with the
    court or authority, jurisdiction code, its answers' directions and the holdings' trust
    tiers."""

    decision: Ref
    date: str
    authority: Ref
    jurisdiction: str
    directions: tuple[str, ...]
    trust: tuple[str, ...]


@dataclass(frozen=True)
class Arrow:
    """One treatment link between two rulings of the line: ``citing`` treated ``cited`` as
    ``type``, stated by ``sources`` at ``trust``."""

    treatment: str
    citing: Ref
    cited: Ref
    type: str
    trust: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class CaseLawLine:
    """A question's rulings in date order and the arrows between them (by the citing ruling's
    date); ``gathered`` are the questions a curated match made the same."""

    question: QuestionRow
    gathered: tuple[QuestionRow, ...]
    rulings: tuple[Ruling, ...]
    arrows: tuple[Arrow, ...]

    def cites(self, decision: str) -> int:
        """How many arrows leave ``decision`` on this line."""
        return sum(1 for a in self.arrows if a.citing.iri == decision)

    def cited_by(self, decision: str) -> int:
        """How many arrows reach ``decision`` on this line."""
        return sum(1 for a in self.arrows if a.cited.iri == decision)


def line_of(t: Timeline) -> CaseLawLine:
    """The line of case law of a question's timeline."""
    rulings: dict[str, Ruling] = {}
    for h in t.holdings:  # already in date order: the first holding dates the ruling
        seen = rulings.get(h.decision.iri)
        if seen is None:
            rulings[h.decision.iri] = Ruling(
                h.decision, h.date, h.authority, h.jurisdiction, (h.direction,), h.trust
            )
        else:
            rulings[h.decision.iri] = Ruling(
                seen.decision,
                seen.date,
                seen.authority,
                seen.jurisdiction,
                tuple(sorted({*seen.directions, h.direction})),
                tuple(sorted({*seen.trust, *h.trust})),
            )
    ordered = sorted(rulings.values(), key=lambda r: (padded_date(r.date), r.decision.label))
    arrows = tuple(
        Arrow(tr.iri, tr.citing, tr.cited, tr.type, tr.trust, tr.sources)
        for tr in t.treatments
        if tr.citing.iri != tr.cited.iri and tr.citing.iri in rulings and tr.cited.iri in rulings
    )
    return CaseLawLine(t.question, t.gathered, tuple(ordered), arrows)


def line_of_case_law(
    store: Store, question_iri: str, same: tuple[str, ...] = ()
) -> CaseLawLine | None:
    """The line of case law of one question (gathering the questions ``same`` names), or
    ``None`` if the store has no such question.

    A line of case law: the rulings that answer one legal question (or one CJEU coding concept,
    whose imported question is a legal question too) in date order, and the citation arrows between
    them, each a treatment link (cites, applies, follows, distinguishes, overrules, considers) from
    the later ruling to the earlier one.

    Why: a lawyer asks how the case law on a question grew, who relied on whom. The question's
    timeline (:func:`graph.explorer.precedent.timeline`) already holds its holdings and the
    treatments among their decisions; this function turns it into one point per ruling and one arrow
    per link, which the Legal questions page draws (:mod:`graph.drawing.case_law_chart`) and lists.

    >>> from graph.pipeline.sample import world_store
    >>> line = line_of_case_law(world_store(), "https://w3id.org/regkg/id/question/q1")
    >>> [(r.decision.iri.rsplit("/", 1)[1], r.date, r.directions) for r in line.rulings]
    [('supreme-2021', '2021-11-01', ('no',)), ('cx-service-2022', '2022-03-08', ('left open',))]
    >>> [(a.citing.iri.rsplit("/", 1)[1], a.type, a.cited.iri.rsplit("/", 1)[1])
    ...  for a in line.arrows]
    [('cx-service-2022', 'considers', 'supreme-2021')]
    """
    t = timeline(store, question_iri, same)
    return None if t is None else line_of(t)
