"""Decision records → triples (class, authority, parties, provisions, money, procedure links)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, Literal
from rdflib import Graph as RDFGraph

from graph.curated import records as R
from graph.errors import SourceDataError
from graph.vocabulary.ids import mint
from graph.vocabulary.namespaces import REG
from graph.vocabulary.terms import (
    DECISION_CLASSES,
    PROCEDURE_PROPERTIES,
    ROLES,
    STATUSES,
    date_literal,
)

if TYPE_CHECKING:
    from graph.curated.dataset import Builder

PARTY_KINDS = ("company", "public-body", "regulator", "court", "law-firm", "person", "party")
_IDENTIFIERS = {
    "ecli": REG.ecli,
    "celex": REG.celex,
    "neutral_citation": REG.neutralCitation,
    "case_number": REG.caseNumber,
}


def add_decision(b: Builder, g: RDFGraph, rec: R.Decision) -> None:
    """Add one decision and everything hanging off it to ``g``."""
    node = mint("decision", rec.id)
    for cls in DECISION_CLASSES[rec.kind]:
        g.add((node, RDF.type, cls))
    g.add((node, RDFS.label, Literal(rec.label)))
    authority = b.index.get(rec, "authority", rec.authority, ["regulator", "court"])
    if rec.kind == "judgment" and rec.authority not in b.index.by_kind["court"]:
        msg = f"a judgment must be given by a court; {rec.authority!r} is not one"
        raise SourceDataError(rec.file, b.where(rec), "authority", msg)
    g.add((node, REG.decidedBy, authority))
    g.add((node, REG.jurisdiction, b.require_jurisdiction(rec, rec.jurisdiction)))
    g.add((node, REG.decisionDate, date_literal(rec.date)))
    if rec.announced:
        g.add((node, REG.announcedDate, date_literal(rec.announced)))
    g.add((node, REG.status, STATUSES[rec.status]))
    g.add((node, REG.summary, Literal(rec.summary)))
    if rec.outcome:
        g.add((node, REG.outcome, Literal(rec.outcome)))
    g.add((node, REG.childrensData, Literal(rec.children)))
    for field, prop in _IDENTIFIERS.items():
        value = getattr(rec.identifiers, field)
        if value:
            g.add((node, prop, Literal(value)))
    parties = [R.PartyRef(s, "subject") for s in rec.subjects] + list(rec.parties)
    for ref in parties:
        party = b.index.get(
            rec, "subjects" if ref.role == "subject" else "parties", ref.party, PARTY_KINDS
        )
        if ref.role == "subject":
            g.add((node, REG.subject, party))
        part = mint("participation", f"{rec.id}--{ref.party}--{ref.role}")
        g.add((part, RDF.type, REG.Participation))
        g.add((part, RDFS.label, Literal(f"{ref.party} as {ref.role} in {rec.id}")))
        g.add((part, REG.inDecision, node))
        g.add((part, REG.participant, party))
        g.add((part, REG.role, ROLES[ref.role]))
        b.provenance(g, part, rec)
    for field, refs, prop in (
        ("infringed", rec.infringed, REG.infringes),
        ("provisions", rec.provisions, REG.considersProvision),
    ):
        for ref_text in refs:
            provision, instrument = b.provision(rec, field, ref_text)
            if provision is not None:
                g.add((node, prop, provision))
            g.add((node, REG.concernsInstrument, instrument))
    if rec.amount:
        g.add((node, REG.imposedAmount, b.amount(g, rec, "amount", rec.amount)))
    if rec.reduced_amount:
        g.add((node, REG.reducedAmount, b.amount(g, rec, "reduced_amount", rec.reduced_amount)))
    for step in rec.procedure:
        earlier = b.index.get(rec, "procedure", step.decision, ["decision"])
        g.add((node, PROCEDURE_PROPERTIES[step.relation], earlier))
        g.add((node, REG.procedurallyFollows, earlier))
    b.provenance(g, node, rec)
