"""The triples of one decision, written the same way by the curated build and the importers, so
that a decision reads the same whichever file stated it: callers resolve, this writes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib import Graph as RDFGraph
from rdflib.namespace import XSD

from graph.cleaning.money import Conversion
from graph.curated.amounts import add_amount
from graph.vocabulary.ids import mint
from graph.vocabulary.namespaces import REG
from graph.vocabulary.terms import (
    DECISION_CLASSES,
    PROCEDURE_PROPERTIES,
    ROLES,
    STATUSES,
    date_literal,
)

#: Identifier fields of a decision and the property each is written with.
IDENTIFIERS: dict[str, URIRef] = {
    "ecli": REG.ecli,
    "celex": REG.celex,
    "neutral_citation": REG.neutralCitation,
    "case_number": REG.caseNumber,
}
#: How a resolved provision reference links its decision: ``infringed`` or ``considered``.
PROVISION_PROPERTIES: dict[str, URIRef] = {
    "infringed": REG.infringes,
    "considered": REG.considersProvision,
}
#: How an amount hangs off its decision: ``amount`` (imposed) or ``reduced_amount``.
AMOUNT_PROPERTIES: dict[str, URIRef] = {
    "amount": REG.imposedAmount,
    "reduced_amount": REG.reducedAmount,
}

#: Adds the provenance triples (source, as-of date, trust tier) of one node.
Provenance = Callable[[URIRef], None]


@dataclass(frozen=True)
class Participant:
    """One party in one role, with the participation's label."""

    party: URIRef
    role: str
    label: str


@dataclass(frozen=True)
class ProvisionLink:
    """A resolved reference: the provision (``None`` for a whole instrument) and its instrument."""

    how: str
    provision: URIRef | None
    instrument: URIRef


@dataclass(frozen=True)
class AmountSpec:
    """One amount of a decision: written with :func:`graph.curated.amounts.add_amount`."""

    which: str
    value: Decimal
    currency: str
    conversion: Conversion
    note: str | None = None


@dataclass
class DecisionTriples:
    """Everything one decision states, resolved to IRIs and plain values.

    ``identifiers`` are (name, value) pairs, names from :data:`IDENTIFIERS`; a name may repeat
    (the case numbers of joined cases). Optional parts are written only when given: the curated
    build states whether children's data was involved and the procedure; importers state the row
    number, a reason when the date or the amount is unknown, references they could not resolve,
    and their notes.
    """

    key: str
    kind: str
    label: str
    authority: URIRef
    jurisdiction: URIRef
    status: str
    date: str | None = None
    date_unknown: str | None = None
    announced: str | None = None
    summary: str | None = None
    outcome: str | None = None
    children: bool | None = None
    identifiers: Sequence[tuple[str, str | None]] = ()
    participants: Sequence[Participant] = ()
    descriptions: Sequence[str] = ()
    provisions: Sequence[ProvisionLink] = ()
    unresolved: Sequence[str] = ()
    amounts: Sequence[AmountSpec] = ()
    amount_unknown: str | None = None
    procedure: Sequence[tuple[str, URIRef]] = ()
    row: int | None = None
    notes: Sequence[str] = ()

    @property
    def node(self) -> URIRef:
        return mint("decision", self.key)


def add_decision_triples(g: RDFGraph, d: DecisionTriples, provenance: Provenance) -> None:
    """Write ``d`` to ``g``: the decision, its participations and its amounts, each with
    ``provenance``.

    IRIs come from the decision's key: ``participation/<key>--<party>--<role>`` (``<party>`` the
    last segment of the party's IRI) and ``amount/<key>-amount`` or ``<key>-reduced-amount``.
    """
    node = d.node
    for cls in DECISION_CLASSES[d.kind]:
        g.add((node, RDF.type, cls))
    g.add((node, RDFS.label, Literal(d.label)))
    g.add((node, REG.decidedBy, d.authority))
    g.add((node, REG.jurisdiction, d.jurisdiction))
    if d.date:
        g.add((node, REG.decisionDate, date_literal(d.date)))
    elif d.date_unknown:
        g.add((node, REG.dateUnknownReason, Literal(d.date_unknown)))
    if d.announced:
        g.add((node, REG.announcedDate, date_literal(d.announced)))
    g.add((node, REG.status, STATUSES[d.status]))
    for prop, value in ((REG.summary, d.summary), (REG.outcome, d.outcome)):
        if value:
            g.add((node, prop, Literal(value)))
    if d.children is not None:
        g.add((node, REG.childrensData, Literal(d.children)))
    for name, value in d.identifiers:
        if value:
            g.add((node, IDENTIFIERS[name], Literal(value)))
    for p in d.participants:
        if p.role == "subject":
            g.add((node, REG.subject, p.party))
        part = mint("participation", f"{d.key}--{p.party.rsplit('/', 1)[-1]}--{p.role}")
        g.add((part, RDF.type, REG.Participation))
        g.add((part, RDFS.label, Literal(p.label)))
        g.add((part, REG.inDecision, node))
        g.add((part, REG.participant, p.party))
        g.add((part, REG.role, ROLES[p.role]))
        provenance(part)
    for text in d.descriptions:
        g.add((node, REG.subjectDescription, Literal(text)))
    for link in d.provisions:
        if link.provision is not None:
            g.add((node, PROVISION_PROPERTIES[link.how], link.provision))
        g.add((node, REG.concernsInstrument, link.instrument))
    for text in d.unresolved:
        g.add((node, REG.unresolvedReference, Literal(text)))
    for amt in d.amounts:
        money = mint("amount", f"{d.key}-{amt.which.replace('_', '-')}")
        add_amount(
            g,
            money,
            value=amt.value,
            currency=amt.currency,
            conversion=amt.conversion,
            what=amt.which.replace("_", " "),
            note=amt.note,
        )
        provenance(money)
        g.add((node, AMOUNT_PROPERTIES[amt.which], money))
    if d.amount_unknown:
        g.add((node, REG.amountUnknownReason, Literal(d.amount_unknown)))
    for relation, earlier in d.procedure:
        g.add((node, PROCEDURE_PROPERTIES[relation], earlier))
        g.add((node, REG.procedurallyFollows, earlier))
    if d.row is not None:
        g.add((node, REG.rowNumber, Literal(d.row, datatype=XSD.integer)))
    for note in d.notes:
        g.add((node, REG.note, Literal(note)))
    provenance(node)
