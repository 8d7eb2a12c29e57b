"""Imported records → triples, decisions through the curated build's own writer
(:mod:`graph.curated.decision_triples`), so stored queries, views and the app see them alike."""

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
from graph.curated.decision_triples import (
    AmountSpec,
    DecisionTriples,
    Participant,
    ProvisionLink,
    add_decision_triples,
)
from graph.curated.provenance import source_node
from graph.importers.base import SourceInfo
from graph.importers.concepts import concept_question_key, concept_title
from graph.importers.entities import Entity, Registry
from graph.importers.items import HoldingItem, Item
from graph.vocabulary.ids import digest, mint
from graph.vocabulary.namespaces import REG, bind_prefixes
from graph.vocabulary.terms import DIRECTIONS, TRUST_TIERS, date_literal

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

    Imported records → triples; decisions and their amounts go through
    :func:`graph.curated.decision_triples.add_decision_triples`, as in the curated build.

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
        item = r.item
        role = "subject" if item.role == "subject" else "named-party"
        unresolved = [*item.infringed.unresolved, *item.considered.unresolved, *item.unresolved]
        links: list[ProvisionLink] = []
        for how, refs in (("infringed", item.infringed), ("considered", item.considered)):
            for ref in [*refs.provisions, *refs.instruments]:
                src = instrument_sources.get(ref.split(" Art ", 1)[0], item.source)
                try:
                    links.append(ProvisionLink(how, *self.provision(ref, src)))
                except ValueError:  # the curated data has no such instrument
                    unresolved.append(ref)
        unresolved = list(dict.fromkeys(unresolved))
        amount, amount_unknown = self._money(r)
        decision = DecisionTriples(
            key=r.key,
            kind=r.kind,
            label=label,
            authority=r.authority,
            jurisdiction=r.jurisdiction,
            status="decided",
            date=item.date.value,
            date_unknown=None if item.date.value else (item.date.reason or "no date given"),
            summary=item.summary,
            outcome=item.outcome,
            identifiers=[("case_number", item.case_number), ("celex", item.celex)],
            participants=[
                Participant(p.iri, role, f"{p.label} as {role.replace('-', ' ')} in {label}")
                for p in r.parties
            ],
            descriptions=r.descriptions,
            provisions=links,
            unresolved=unresolved,
            amounts=[amount] if amount else [],
            amount_unknown=amount_unknown,
            row=item.row,
            notes=[*item.notes, *r.notes],
        )
        add_decision_triples(self.g, decision, lambda node: self.provenance(node, item.source))
        return unresolved

    @staticmethod
    def _money(r: Resolved) -> tuple[AmountSpec | None, str | None]:
        """The amount of a resolved item, or the reason it has none (``None`` for neither)."""
        item = r.item
        amt, conv = item.amount, r.conversion
        if (r.kind != "fine" and amt is None) or r.kind == "binding-decision":
            return None, None  # a binding decision imposes none (the resolver notes a stated one)
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
            return None, reason
        return AmountSpec("amount", amt.value, amt.currency, conv, item.amount_note), None

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
