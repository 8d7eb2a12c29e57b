"""Precedent records → triples: statistics, legal questions, holdings, treatments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, Literal
from rdflib import Graph as RDFGraph

from graph.curated import records as R
from graph.vocabulary.ids import mint
from graph.vocabulary.namespaces import REG
from graph.vocabulary.terms import DIRECTIONS, TREATMENT_TYPES, date_literal

if TYPE_CHECKING:
    from graph.curated.dataset import Builder

from graph.curated.decisions import PARTY_KINDS


def add_statistic(b: Builder, g: RDFGraph, rec: R.Statistic) -> None:
    """A statistic or finding an authority published."""
    node = mint("statistic", rec.id)
    g.add((node, RDF.type, REG.Statistic))
    g.add((node, RDFS.label, Literal(rec.label)))
    g.add(
        (
            node,
            REG.statedBy,
            b.index.get(rec, "authority", rec.authority, ["regulator", "court"]),
        )
    )
    g.add((node, REG.about, b.index.get(rec, "about", rec.about, PARTY_KINDS)))
    g.add((node, REG.publishedDate, date_literal(rec.date)))
    g.add((node, REG.jurisdiction, b.require_jurisdiction(rec, rec.jurisdiction)))
    g.add((node, REG.finding, Literal(rec.finding)))
    b.provenance(g, node, rec)


def add_question(b: Builder, g: RDFGraph, rec: R.Question) -> None:
    """A legal question."""
    node = mint("question", rec.id)
    g.add((node, RDF.type, REG.LegalQuestion))
    g.add((node, RDFS.label, Literal(rec.text)))
    g.add((node, REG.questionNumber, Literal(rec.number)))
    g.add((node, REG.shortTitle, Literal(rec.short)))
    if rec.state_of_law:
        g.add((node, REG.stateOfLaw, Literal(rec.state_of_law)))
    b.provenance(g, node, rec)


def add_holding(b: Builder, g: RDFGraph, rec: R.Holding) -> None:
    """A decision's answer to a question; its source defaults to the decision's."""
    node = mint("holding", rec.id)
    decision = b.index.get(rec, "decision", rec.decision, ["decision"])
    dec = b.index.record("decision", rec.decision)
    assert isinstance(dec, R.Decision)
    g.add((node, RDF.type, REG.Holding))
    g.add((node, RDFS.label, Literal(f"{dec.label}: Q{_qnum(b, rec)}")))
    g.add((node, REG.holdingOf, decision))
    g.add((node, REG.answers, b.index.get(rec, "question", rec.question, ["question"])))
    g.add((node, REG.direction, DIRECTIONS[rec.direction]))
    g.add((node, REG.answer, Literal(rec.answer)))
    g.add((node, REG.holdingDate, date_literal(rec.date or dec.date)))
    b.provenance(g, node, rec, rec.source or dec.source)


def _qnum(b: Builder, rec: R.Holding) -> int:
    q = b.index.by_kind["question"].get(rec.question)
    return q[1].number if q and isinstance(q[1], R.Question) else 0


def add_treatment(b: Builder, g: RDFGraph, rec: R.Treatment) -> None:
    """How a later decision treated an earlier one."""
    node = mint("treatment", rec.id)
    citing = b.index.get(rec, "citing", rec.citing, ["decision"])
    cited = b.index.get(rec, "cited", rec.cited, ["decision"])
    g.add((node, RDF.type, REG.Treatment))
    labels = [b.index.record("decision", d) for d in (rec.citing, rec.cited)]
    text = " ".join((getattr(labels[0], "label", ""), rec.type, getattr(labels[1], "label", "")))
    g.add((node, RDFS.label, Literal(text)))
    g.add((node, REG.citingDecision, citing))
    g.add((node, REG.citedDecision, cited))
    g.add((node, REG.treatmentType, TREATMENT_TYPES[rec.type]))
    if rec.note:
        g.add((node, REG.note, Literal(rec.note)))
    b.provenance(g, node, rec)
