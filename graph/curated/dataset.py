"""Records → RDF: one named graph per curated data file. Pure: a corpus in, a ``Dataset`` out."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, SKOS, Dataset, Literal, URIRef
from rdflib import Graph as RDFGraph
from rdflib.namespace import DCTERMS, XSD

from graph.cleaning.law import ShortNames
from graph.cleaning.money import is_iso_currency, to_eur
from graph.curated import records as R
from graph.curated.corpus import Corpus, GraphSpec
from graph.curated.decision_triples import AmountSpec
from graph.curated.decisions import PARTY_KINDS, add_decision
from graph.curated.precedents import add_holding, add_question, add_statistic, add_treatment
from graph.curated.provenance import source_node
from graph.errors import SourceDataError
from graph.vocabulary.ids import graph_iri, mint
from graph.vocabulary.namespaces import REG, bind_prefixes
from graph.vocabulary.terms import (
    ORG_CLASSES,
    OWNERSHIP_KINDS,
    REGULATOR_CLASSES,
    TRUST_TIERS,
    date_literal,
)


class _Index:
    """Id → IRI lookups per kind, with errors that name the referring record."""

    def __init__(self, corpus: Corpus) -> None:
        self.by_kind: dict[str, dict[str, tuple[URIRef, R.Record]]] = {}
        for _cls, kind, _fixed in R.RECORD_TYPES.values():
            self.by_kind.setdefault(kind, {})
        for rec in corpus.all():
            kind = kind_of(rec)
            table = self.by_kind[kind]
            if rec.id in table:
                raise SourceDataError(
                    rec.file, f"{rec.id} (line {rec.line})", "id", f"duplicate {kind} id"
                )
            table[rec.id] = (mint(kind, rec.id), rec)
        seen: dict[str, str] = {}
        for kind in PARTY_KINDS:
            for rid in self.by_kind[kind]:
                if rid in seen:
                    rec = self.by_kind[kind][rid][1]
                    msg = f"id also used by a {seen[rid]}: party ids must be unique"
                    raise SourceDataError(rec.file, f"{rid} (line {rec.line})", "id", msg)
                seen[rid] = kind

    def get(self, rec: R.Record, field: str, ref: str, kinds: Iterable[str]) -> URIRef:
        kinds = tuple(kinds)
        for kind in kinds:
            hit = self.by_kind[kind].get(ref)
            if hit:
                return hit[0]
        msg = f"refers to {ref!r}, which is not a known {' or '.join(kinds)}"
        raise SourceDataError(rec.file, f"{rec.id} (line {rec.line})", field, msg)

    def record(self, kind: str, rid: str) -> R.Record:
        return self.by_kind[kind][rid][1]


def kind_of(rec: R.Record) -> str:
    """The IRI kind of a record (``company``, ``decision``…)."""
    if isinstance(rec, R.Organisation):
        return rec.kind
    for cls, kind, _fixed in R.RECORD_TYPES.values():
        if type(rec) is cls:
            return kind
    msg = f"no kind for {type(rec).__name__}"
    raise TypeError(msg)


@dataclass(frozen=True)
class Built:
    """A built dataset and, for each node, the record it came from (for error messages)."""

    dataset: Dataset
    origin: dict[URIRef, R.Record]

    def where(self, iri: str) -> str:
        """``file, record id (line n)`` of the record behind a node, or the IRI itself."""
        rec = self.origin.get(URIRef(iri))
        return f"{rec.file}, record {rec.id!r} (line {rec.line})" if rec else iri


def build_dataset(corpus: Corpus, data_dir: Path, ontology: RDFGraph | None = None) -> Built:
    """Turn a corpus into a ``Dataset`` with one named graph per catalog entry.

    If ``ontology`` is given it is added as the named graph ``graph/ontology``.

    Types are stated explicitly (every superclass up to ``reg:Record``), because validation runs
    without inference. Every reference is resolved here; a dangling one raises
    :class:`~graph.errors.SourceDataError` naming the file, record and field.
    """
    ds = Dataset()
    bind_prefixes(ds)
    index = _Index(corpus)
    shorts = ShortNames({i.short: i.id for i in corpus.of_type(R.Instrument)})  # type: ignore[attr-defined]
    builder = Builder(ds, index, shorts, corpus)
    for spec in corpus.graphs:
        g = ds.graph(graph_iri(spec.source_id))
        _describe_graph(g, spec, data_dir)
        for rec in corpus.records[spec.key]:
            builder.add(g, rec)
    if ontology is not None:
        og = ds.graph(graph_iri("ontology"))
        for triple in ontology:
            og.add(triple)
    return Built(ds, builder.origin)


def _describe_graph(g: RDFGraph, spec: GraphSpec, data_dir: Path) -> None:
    node = graph_iri(spec.source_id)
    sha = hashlib.sha256((data_dir / spec.file).read_bytes()).hexdigest()
    g.add((node, RDF.type, REG.SourceGraph))
    g.add((node, DCTERMS.title, Literal(spec.title)))
    g.add((node, REG.licenceName, Literal(spec.licence)))
    g.add((node, REG.attribution, Literal(spec.attribution)))
    g.add((node, REG.sourceFile, Literal(spec.file)))
    g.add((node, REG.sha256, Literal(sha)))


Handler = Callable[["Builder", RDFGraph, Any], None]


class Builder:
    """Adds records to their named graph; shared helpers for provenance, law and money."""

    def __init__(self, ds: Dataset, index: _Index, shorts: ShortNames, corpus: Corpus) -> None:
        self.ds = ds
        self.index = index
        self.shorts = shorts
        self.law_graph: dict[str, RDFGraph] = {}
        self.origin: dict[URIRef, R.Record] = {}
        for spec in corpus.graphs:
            for rec in corpus.records[spec.key]:
                if isinstance(rec, R.Instrument):
                    self.law_graph[rec.id] = ds.graph(graph_iri(spec.source_id))

    # -- shared pieces -------------------------------------------------------------------------
    def provenance(
        self, g: RDFGraph, node: URIRef, rec: R.Record, source: R.Source | None = None
    ) -> None:
        src = source or rec.source
        assert src is not None  # the loader guarantees it; holdings inherit below
        for ref in (src, *rec.more_sources):
            g.add((node, REG.hasSource, source_node(g, ref)))
        self.origin.setdefault(node, rec)
        g.add((node, RDF.type, REG.Record))
        g.add((node, REG.asOf, Literal(src.as_of, datatype=XSD.date)))
        g.add((node, REG.trustTier, TRUST_TIERS[rec.trust]))

    def jurisdiction(self, rec: R.Record, code: str | None) -> URIRef | None:
        if not code:
            return None
        return self.index.get(rec, "jurisdiction", code.lower(), ["jurisdiction"])

    def require_jurisdiction(self, rec: R.Record, code: str) -> URIRef:
        return self.index.get(rec, "jurisdiction", code.lower(), ["jurisdiction"])

    def where(self, rec: R.Record) -> str:
        return f"{rec.id} (line {rec.line})"

    # -- dispatch --------------------------------------------------------------------------------
    def add(self, g: RDFGraph, rec: R.Record) -> None:
        HANDLERS[type(rec)](self, g, rec)

    def add_jurisdiction(self, g: RDFGraph, rec: R.Jurisdiction) -> None:
        node = mint("jurisdiction", rec.id)
        if rec.id != rec.code.lower():
            raise SourceDataError(rec.file, self.where(rec), "id", "must be the code in lower case")
        g.add((node, RDF.type, REG.Jurisdiction))
        g.add((node, RDFS.label, Literal(rec.label)))
        g.add((node, REG.jurisdictionCode, Literal(rec.code)))
        self.provenance(g, node, rec)

    def add_organisation(self, g: RDFGraph, rec: R.Organisation) -> None:
        node = mint(rec.kind, rec.id)
        for cls in ORG_CLASSES[rec.kind]:
            g.add((node, RDF.type, cls))
        if rec.types and rec.kind != "regulator":
            raise SourceDataError(rec.file, self.where(rec), "types", "only regulators have types")
        for t in rec.types:
            g.add((node, RDF.type, REGULATOR_CLASSES[t]))
        g.add((node, RDFS.label, Literal(rec.name)))
        for alt in (*rec.alt_names, *([rec.abbreviation] if rec.abbreviation else [])):
            g.add((node, SKOS.altLabel, Literal(alt)))
        if (j := self.jurisdiction(rec, rec.jurisdiction)) is not None:
            g.add((node, REG.jurisdiction, j))
        if rec.note:
            g.add((node, REG.note, Literal(rec.note)))
        self.provenance(g, node, rec)

    def add_person(self, g: RDFGraph, rec: R.Person) -> None:
        node = mint("person", rec.id)
        g.add((node, RDF.type, REG.Person))
        g.add((node, RDF.type, REG.Party))
        g.add((node, RDFS.label, Literal(rec.name)))
        g.add((node, REG.publicRole, Literal(rec.public_role)))
        self.provenance(g, node, rec)

    def add_anonymousparty(self, g: RDFGraph, rec: R.AnonymousParty) -> None:
        node = mint("party", rec.id)
        g.add((node, RDF.type, REG.AnonymousParty))
        g.add((node, RDF.type, REG.Party))
        g.add((node, RDFS.label, Literal(rec.label)))
        g.add((node, REG.isMinor, Literal(rec.minor)))
        self.provenance(g, node, rec)

    def add_ownership(self, g: RDFGraph, rec: R.Ownership) -> None:
        node = mint("ownership", rec.id)
        sub = self.index.get(rec, "subsidiary", rec.subsidiary, ["company"])
        par = self.index.get(rec, "parent", rec.parent, ["company"])
        g.add((node, RDF.type, REG.Ownership))
        names = [self.index.record("company", c) for c in (rec.subsidiary, rec.parent)]
        label = (
            f"{getattr(names[0], 'name', '')} → {getattr(names[1], 'name', '')} ({rec.kind} parent)"
        )
        g.add((node, RDFS.label, Literal(label)))
        g.add((node, REG.subsidiary, sub))
        g.add((node, REG.parent, par))
        g.add((node, REG.ownershipKind, OWNERSHIP_KINDS[rec.kind]))
        shortcut = REG.ultimateParent if rec.kind == "ultimate" else REG.directParent
        g.add((sub, shortcut, par))
        for prop, value in ((REG.startDate, rec.start), (REG.endDate, rec.end)):
            if value:
                g.add((node, prop, date_literal(value)))
        self.provenance(g, node, rec)

    def add_instrument(self, g: RDFGraph, rec: R.Instrument) -> None:
        node = mint("instrument", rec.id)
        g.add((node, RDF.type, REG.LegalInstrument))
        g.add((node, RDFS.label, Literal(rec.title)))
        g.add((node, REG.shortName, Literal(rec.short)))
        g.add((node, REG.instrumentKind, Literal(rec.type)))
        if (j := self.jurisdiction(rec, rec.jurisdiction)) is not None:
            g.add((node, REG.jurisdiction, j))
        if rec.eli:
            g.add((node, REG.eli, URIRef(rec.eli)))
        if rec.url:
            g.add((node, REG.officialText, Literal(rec.url, datatype=XSD.anyURI)))
        self.provenance(g, node, rec)

    def provision(self, rec: R.Record, field: str, ref: str) -> tuple[URIRef | None, URIRef]:
        """Resolve a reference; create the provision node in its instrument's graph."""
        try:
            parsed = self.shorts.parse(ref)
        except ValueError as exc:
            raise SourceDataError(rec.file, self.where(rec), field, str(exc)) from None
        instrument = mint("instrument", parsed.instrument)
        if parsed.key is None or parsed.path is None:
            return None, instrument
        node = mint("provision", parsed.key)
        g = self.law_graph[parsed.instrument]
        inst_rec = self.index.record("instrument", parsed.instrument)
        assert isinstance(inst_rec, R.Instrument)
        g.add((node, RDF.type, REG.Provision))
        g.add((node, RDFS.label, Literal(f"{inst_rec.short} {parsed.path}")))
        g.add((node, REG.partOfInstrument, instrument))
        g.add((node, REG.provisionPath, Literal(parsed.path)))
        if parsed.article:
            g.add((node, REG.article, Literal(parsed.article)))
        self.provenance(g, node, inst_rec)
        return node, instrument

    def amount(self, rec: R.Decision, which: str, amt: R.Amount) -> AmountSpec:
        """A curated amount, its currency checked and converted at the ECB rate of its date."""
        if not is_iso_currency(amt.currency):
            msg = f"{amt.currency!r} is not an ISO 4217 currency code"
            raise SourceDataError(rec.file, self.where(rec), which, msg)
        return AmountSpec(
            which,
            Decimal(amt.value),
            amt.currency,
            to_eur(amt.value, amt.currency, amt.date or rec.date),
            amt.note,
        )


#: One handler per record class: the entities here, decisions and precedent in their modules.
HANDLERS: dict[type[R.Record], Handler] = {
    R.Jurisdiction: Builder.add_jurisdiction,
    R.Organisation: Builder.add_organisation,
    R.Person: Builder.add_person,
    R.AnonymousParty: Builder.add_anonymousparty,
    R.Ownership: Builder.add_ownership,
    R.Instrument: Builder.add_instrument,
    R.Decision: add_decision,
    R.Statistic: add_statistic,
    R.Question: add_question,
    R.Holding: add_holding,
    R.Treatment: add_treatment,
}
