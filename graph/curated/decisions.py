"""Curated decision records resolved against the index (authority, parties, provisions, money,
procedure) and written by :mod:`graph.curated.decision_triples`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import Graph as RDFGraph

from graph.curated import records as R
from graph.curated.decision_triples import (
    IDENTIFIERS,
    DecisionTriples,
    Participant,
    ProvisionLink,
    add_decision_triples,
)
from graph.errors import SourceDataError

if TYPE_CHECKING:
    from graph.curated.dataset import Builder

PARTY_KINDS = ("company", "public-body", "regulator", "court", "law-firm", "person", "party")


def add_decision(b: Builder, g: RDFGraph, rec: R.Decision) -> None:
    """Resolve one curated decision's references and write it with everything hanging off it."""
    authority = b.index.get(rec, "authority", rec.authority, ["regulator", "court"])
    if rec.kind == "judgment" and rec.authority not in b.index.by_kind["court"]:
        msg = f"a judgment must be given by a court; {rec.authority!r} is not one"
        raise SourceDataError(rec.file, b.where(rec), "authority", msg)
    jurisdiction = b.require_jurisdiction(rec, rec.jurisdiction)
    participants = [
        Participant(
            b.index.get(
                rec, "subjects" if ref.role == "subject" else "parties", ref.party, PARTY_KINDS
            ),
            ref.role,
            f"{ref.party} as {ref.role} in {rec.id}",
        )
        for ref in [R.PartyRef(s, "subject") for s in rec.subjects] + list(rec.parties)
    ]
    links = [
        ProvisionLink(how, *b.provision(rec, field, ref_text))
        for how, field, refs in (
            ("infringed", "infringed", rec.infringed),
            ("considered", "provisions", rec.provisions),
        )
        for ref_text in refs
    ]
    amounts = [
        b.amount(rec, which, amt)
        for which, amt in (("amount", rec.amount), ("reduced_amount", rec.reduced_amount))
        if amt
    ]
    procedure = [
        (step.relation, b.index.get(rec, "procedure", step.decision, ["decision"]))
        for step in rec.procedure
    ]
    decision = DecisionTriples(
        key=rec.id,
        kind=rec.kind,
        label=rec.label,
        authority=authority,
        jurisdiction=jurisdiction,
        status=rec.status,
        date=rec.date,
        announced=rec.announced,
        summary=rec.summary,
        outcome=rec.outcome,
        children=rec.children,
        identifiers=[(name, getattr(rec.identifiers, name)) for name in IDENTIFIERS],
        participants=participants,
        provisions=links,
        amounts=amounts,
        procedure=procedure,
    )
    add_decision_triples(g, decision, lambda node: b.provenance(g, node, rec))
