"""Imported records → triples, with the same predicates as the curated build
(:mod:`graph.curated.dataset`), so stored queries, views and the app see them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from rdflib import RDF, RDFS, SKOS, Literal, URIRef
from rdflib import Graph as RDFGraph
from rdflib.namespace import DCTERMS, XSD

from graph.cleaning.law import ShortNames
from graph.cleaning.money import Conversion
from graph.curated import records as R
from graph.curated.amounts import add_amount
from graph.curated.provenance import source_node
from graph.importers.base import SourceInfo
from graph.importers.concepts import concept_question_key, concept_title
from graph.importers.entities import Entity, Registry
from graph.importers.items import HoldingItem, Item
from graph.vocabulary.ids import digest, mint
from graph.vocabulary.namespaces import REG, bind_prefixes
from graph.vocabulary.terms import DECISION_CLASSES, DIRECTIONS, ROLES, TRUST_TIERS, date_literal

DIRECTION_OF = {
    "PRO_DATA_SUBJECT": "yes",
    "PRO_CONTROLLER": "no",
    "MIXED": "partly",
}
HOLDING_NOTE = (
    "Coded holding from mnov88/cjeudataprotection (hand- or machine-coded against a 43-question "
    "schema): an interpretation, not an official summary; read the judgment on EUR-Lex."
)


@dataclass
class ResolvedParty:
    """A resolved party of a decision."""

    iri: URIRef
    kind: str
    label: str


@dataclass
class Resolved:
    """An item with its entities resolved and its IRI key fixed."""

    item: Item
    key: str
    kind: str
    authority: URIRef
    jurisdiction: URIRef
    parties: list[ResolvedParty] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    conversion: Conversion | None = None
    amount_reason: str | None = None
    duplicate_of: list[str] = field(default_factory=list)
    #: notes the resolver adds (``reg:note``), after the row's own
    notes: list[str] = field(default_factory=list)

    @property
    def iri(self) -> URIRef:
        return mint("decision", self.key)


class Emitter:
    """Writes one import graph.

    Imported records → triples, with the same predicates as the curated build
    (:mod:`graph.curated.dataset`, :mod:`graph.curated.decisions`), so stored queries, views and the
    app see them.

    Every record carries a source, the import date as its as-of date, the trust tier ``imported``
    (``machine-coded`` for coded holdings) and its row number in the file.
    """

    def __init__(
        self, info: SourceInfo, as_of: str, shorts: ShortNames, registry: Registry
    ) -> None:
        self.g = RDFGraph()
        bind_prefixes(self.g)
        self.info = info
        self.as_of = as_of
        self.shorts = shorts
        self.registry = registry

    # -- provenance ------------------------------------------------------------------------
    def source_node(self, src: R.Source) -> URIRef:
        """The source reference node (the curated build's: same source, same IRI)."""
        return source_node(self.g, src)

    def provenance(
        self, node: URIRef, src: R.Source, trust: str = "imported", as_of: str | None = None
    ) -> None:
        g = self.g
        g.add((node, RDF.type, REG.Record))
        g.add((node, REG.hasSource, self.source_node(src)))
        g.add((node, REG.asOf, Literal(as_of or self.as_of, datatype=XSD.date)))
        g.add((node, REG.trustTier, TRUST_TIERS[trust]))

    # -- entities --------------------------------------------------------------------------
    def entity(self, ent: Entity) -> None:
        g = self.g
        for cls in ent.types:
            g.add((ent.iri, RDF.type, cls))
        g.add((ent.iri, RDFS.label, Literal(ent.label)))
        for alt in sorted(ent.alt_labels - {ent.label}):
            g.add((ent.iri, SKOS.altLabel, Literal(alt)))
        if ent.jurisdiction is not None:
            g.add((ent.iri, REG.jurisdiction, ent.jurisdiction))
        if ent.code:
            g.add((ent.iri, REG.jurisdictionCode, Literal(ent.code)))
        if ent.kind == "provision":
            g.add((ent.iri, REG.partOfInstrument, mint("instrument", ent.extra["instrument"])))
            g.add((ent.iri, REG.provisionPath, Literal(ent.extra["path"])))
            if ent.extra.get("article"):
                g.add((ent.iri, REG.article, Literal(ent.extra["article"])))
        self.provenance(ent.iri, ent.source, as_of=ent.as_of)

    def provision(self, ref: str, source: R.Source) -> tuple[URIRef | None, URIRef]:
        """A reference → (provision IRI, or ``None`` for a whole instrument; instrument IRI).

        Raises ``ValueError`` when no curated instrument has the reference's short name.
        """
        parsed = self.shorts.parse(ref)
        instrument = mint("instrument", parsed.instrument)
        if parsed.key is None or parsed.path is None:
            return None, instrument
        node = mint("provision", parsed.key)
        short = ref[: len(ref) - len(parsed.path)].strip()
        self.registry.state(
            node,
            "provision",
            f"{short} {parsed.path}",
            (REG.Provision,),
            source,
            instrument=parsed.instrument,
            path=parsed.path,
            article=parsed.article or "",
        )
        return node, instrument

    # -- decisions -------------------------------------------------------------------------
    def decision(
        self, r: Resolved, label: str, instrument_sources: dict[str, R.Source]
    ) -> list[str]:
        """Add one decision; return its references kept as text (``reg:unresolvedReference``)."""
        g, item, node = self.g, r.item, r.iri
        for cls in DECISION_CLASSES[r.kind]:
            g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(label)))
        g.add((node, REG.decidedBy, r.authority))
        g.add((node, REG.jurisdiction, r.jurisdiction))
        if item.date.value:
            g.add((node, REG.decisionDate, date_literal(item.date.value)))
        else:
            g.add((node, REG.dateUnknownReason, Literal(item.date.reason or "no date given")))
        g.add((node, REG.status, REG.Decided))
        for prop, value in (
            (REG.summary, item.summary),
            (REG.outcome, item.outcome),
            (REG.caseNumber, item.case_number),
            (REG.celex, item.celex),
        ):
            if value:
                g.add((node, prop, Literal(value)))
        role = "subject" if item.role == "subject" else "named-party"
        for p in r.parties:
            if role == "subject":
                g.add((node, REG.subject, p.iri))
            part = mint("participation", f"{r.key}--{p.iri.rsplit('/', 1)[-1]}--{role}")
            g.add((part, RDF.type, REG.Participation))
            g.add((part, RDFS.label, Literal(f"{p.label} as {role.replace('-', ' ')} in {label}")))
            g.add((part, REG.inDecision, node))
            g.add((part, REG.participant, p.iri))
            g.add((part, REG.role, ROLES[role] if role in ROLES else REG.NamedParty))
            self.provenance(part, item.source)
        for text in dict.fromkeys(r.descriptions):
            g.add((node, REG.subjectDescription, Literal(text)))
        unresolved = [*item.infringed.unresolved, *item.considered.unresolved, *item.unresolved]
        for refs, prop in (
            (item.infringed, REG.infringes),
            (item.considered, REG.considersProvision),
        ):
            for ref in [*refs.provisions, *refs.instruments]:
                src = instrument_sources.get(ref.split(" Art ", 1)[0], item.source)
                try:
                    prov, instrument = self.provision(ref, src)
                except ValueError:  # the curated data has no such instrument
                    unresolved.append(ref)
                    continue
                if prov is not None:
                    g.add((node, prop, prov))
                g.add((node, REG.concernsInstrument, instrument))
        unresolved = list(dict.fromkeys(unresolved))
        for text in unresolved:
            g.add((node, REG.unresolvedReference, Literal(text)))
        self._money(r)
        g.add((node, REG.rowNumber, Literal(item.row, datatype=XSD.integer)))
        for note in [*item.notes, *r.notes]:
            g.add((node, REG.note, Literal(note)))
        self.provenance(node, item.source)
        return unresolved

    def _money(self, r: Resolved) -> None:
        g, item, node = self.g, r.item, r.iri
        amt, conv = item.amount, r.conversion
        if (r.kind != "fine" and amt is None) or r.kind == "binding-decision":
            return  # a binding decision imposes no amount (the resolver notes a stated one)
        if (
            amt is None
            or amt.value is None
            or amt.currency is None
            or conv is None
            or r.amount_reason
        ):
            reason = (
                r.amount_reason or (amt.reason if amt else None) or "no amount given by the source"
            )
            g.add((node, REG.amountUnknownReason, Literal(reason)))
            return
        money = mint("amount", f"{r.key}-amount")
        add_amount(
            g,
            money,
            value=amt.value,
            currency=amt.currency,
            conversion=conv,
            what="amount",
            note=item.amount_note,
        )
        self.provenance(money, item.source)
        g.add((node, REG.imposedAmount, money))

    # -- coded holdings --------------------------------------------------------------------
    def question(self, concept: str, source: R.Source) -> URIRef:
        node = mint("question", concept_question_key(concept))
        words = concept.lower().replace("_", " ")
        self.g.add((node, RDF.type, REG.LegalQuestion))
        self.g.add((node, RDFS.label, Literal(concept_title(concept))))
        self.g.add((node, REG.codingConcept, Literal(concept)))
        self.g.add(
            (
                node,
                REG.note,
                Literal(
                    "A question made from a coding concept of mnov88/cjeudataprotection: does "
                    f"the CJEU's reading of the GDPR on {words} favour the data subject? Each "
                    "coded holding answers it by its coded ruling direction."
                ),
            )
        )
        self.provenance(node, source, trust="machine-coded")
        return node

    def holding_source(self, h: HoldingItem, case: str, url: str) -> R.Source:
        """The source of a coded holding: the judgment on EUR-Lex and the holding's record."""
        return R.Source(
            self.as_of,
            url=url,
            dataset=self.info.dataset,
            record=f"{case} holding {h.number}",
            publisher=self.info.publisher,
        )

    def holding(self, h: HoldingItem, decision: URIRef, case: str, when: str, url: str) -> URIRef:
        g = self.g
        node = mint("holding", f"{decision.rsplit('/', 1)[-1]}-{digest(h.number, length=8)}")
        src = self.holding_source(h, case, url)
        concept_src = R.Source(self.as_of, dataset=self.info.dataset, record=f"concept {h.concept}")
        g.add((node, RDF.type, REG.Holding))
        g.add((node, RDFS.label, Literal(f"{case}, holding {h.number} ({h.concept})")))
        g.add((node, REG.holdingOf, decision))
        g.add((node, REG.answers, self.question(h.concept, concept_src)))
        g.add((node, REG.direction, DIRECTIONS[DIRECTION_OF.get(h.direction, "open")]))
        g.add((node, REG.answer, Literal(h.answer)))
        g.add((node, REG.holdingDate, date_literal(when)))
        detail = f" Coded ruling direction: {h.direction or 'not coded'}."
        if h.paragraphs:
            detail += f" Paragraphs: {h.paragraphs.replace(';', ', ')}."
        g.add((node, REG.note, Literal(HOLDING_NOTE + detail)))
        g.add((node, REG.rowNumber, Literal(h.row, datatype=XSD.integer)))
        self.provenance(node, src, trust="machine-coded")
        return node

    # -- the graph's own description -------------------------------------------------------
    def describe(self, graph: URIRef, files: list[tuple[str, str]], when: datetime) -> None:
        g, info = self.g, self.info
        g.add((graph, RDF.type, REG.SourceGraph))
        g.add((graph, DCTERMS.title, Literal(info.title)))
        g.add((graph, REG.sourceName, Literal(info.name)))
        g.add((graph, REG.licenceName, Literal(info.licence)))
        g.add((graph, REG.attribution, Literal(info.attribution)))
        for name, sha in files:
            g.add((graph, REG.sourceFile, Literal(name)))
            g.add((graph, REG.sha256, Literal(sha)))
        stamp = when.isoformat(timespec="seconds").replace("+00:00", "Z")
        g.add((graph, REG.importedAt, Literal(stamp, datatype=XSD.dateTime)))


def eur_set(r: Resolved) -> set[Decimal]:
    """The EUR value of a resolved item's amount, if it has one."""
    if r.conversion is not None and r.conversion.eur_value is not None and not r.amount_reason:
        return {r.conversion.eur_value}
    return set()
