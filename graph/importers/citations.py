"""Citations between decisions, as an import finds them (the coded holdings' ``cited_cases`` and
case references in any text an importer reads), written as machine-coded ``reg:Cites`` links."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, RDFS, Literal, URIRef

from graph.curated import records as R
from graph.curated.decision_triples import DecisionTriples, add_decision_triples
from graph.importers.case_refs import (
    CaseRef,
    CaseRefError,
    NameTable,
    find_mentions,
    numbers_in,
    parse_cited,
)
from graph.importers.emit import Emitter, Resolved
from graph.importers.items import HoldingItem
from graph.importers.snapshot import CURATED_PREFIX, Snapshot
from graph.sparql.internal import internal_query
from graph.stores.contract import Store
from graph.vocabulary.ids import mint
from graph.vocabulary.namespaces import REG
from graph.vocabulary.terms import TREATMENT_TYPES

CURIA = "https://curia.europa.eu/juris/liste.jsf?language=en&num="
_OTHER_TREATMENTS = internal_query("graph.importers", "treatments")
_ECLIS = internal_query("graph.importers", "eclis")
_LABELS = internal_query("graph.importers", "decision-labels")
NOTE_HOLDINGS = (
    "Machine-coded: the coded holding's cited_cases column names the cited judgment "
    "(mnov88/cjeudataprotection); how the later judgment treats it is not coded."
)


@dataclass
class Link:
    """One citing → cited pair with every source that states it."""

    citing: URIRef
    cited: URIRef
    sources: list[R.Source] = field(default_factory=list)
    found: list[str] = field(default_factory=list)  # how: "cited_cases", "case number C-…", …


@dataclass
class NewJudgment:
    """A cited judgment the store does not hold yet."""

    ref: CaseRef
    source: R.Source


class Citations:
    """Collects the citations of one import, resolves them and writes them to its graph.

    Citations between decisions, as an import finds them: the coded holdings' ``cited_cases`` column
    (``cjeu --holdings``) and case numbers, ECLIs and curated case names in any text an importer
    reads (summaries, outcomes, references kept as text).

    Each citing → cited pair becomes one ``reg:Treatment`` of type ``reg:Cites``, trust tier
    ``machine-coded``, carrying every holding or record that states it as a source. A pair that
    another graph (the curated data) already links with a stronger treatment (follows, applies,
    distinguishes, overrules, considers) keeps that one: no Cites link is added beside it. A cited
    judgment not in the store becomes a judgment keyed by its case number, with only what the source
    gives: its case number, the CJEU as its court, and CURIA's page listing that case number. Cases
    that cannot be resolved are listed in the report with the reason.
    """

    def __init__(
        self,
        emitter: Emitter,
        store: Store | None,
        graph: str,
        snap: Snapshot,
        court: URIRef,
        jurisdiction: URIRef,
        resolved: list[Resolved],
    ) -> None:
        self.emitter = emitter
        self.court = court
        self.jurisdiction = jurisdiction
        self.graph = graph
        self.links: dict[tuple[URIRef, URIRef], Link] = {}
        self.new: dict[URIRef, NewJudgment] = {}
        self.unresolved: dict[str, dict[str, Any]] = {}
        self.kept: list[dict[str, str]] = []
        self.self_citations = 0
        self.labels: dict[URIRef, str] = {}
        self.stronger: dict[tuple[URIRef, URIRef], str] = {}
        self._by_number: dict[str, tuple[int, URIRef]] = {}
        self._by_ecli: dict[str, URIRef] = {}
        self._index(store, snap, resolved)

    # -- the judgments the store and this import already hold --------------------------------
    def _index(self, store: Store | None, snap: Snapshot, resolved: list[Resolved]) -> None:
        def canonical(iri: str) -> str:
            seen = {iri}
            d = snap.decisions.get(iri)
            while d is not None and d.duplicate_of and d.duplicate_of not in seen:
                seen.add(d.duplicate_of)
                iri = d.duplicate_of
                d = snap.decisions.get(iri)
            return iri

        for d in snap.decisions.values():
            if d.authority != str(self.court):
                continue
            rank = 0 if d.graph.startswith(CURATED_PREFIX) else 1
            for ident in d.ids:
                for number in numbers_in(ident) or {ident}:
                    self._offer(number, rank, URIRef(canonical(d.iri)))
        for r in resolved:
            self.labels[r.iri] = r.item.label
            if r.authority != self.court:
                continue
            target = URIRef(r.duplicate_of[0]) if r.duplicate_of else r.iri
            for number in numbers_in(r.item.case_number or ""):
                self._offer(number, 2, target)
        if store is None:
            return
        court = {ox.Variable("court"): ox.NamedNode(str(self.court))}
        for sol in store.query(_LABELS, court):
            self.labels.setdefault(URIRef(sol["d"].value), sol["label"].value)
        for sol in store.query(_ECLIS):
            self._by_ecli.setdefault(sol["ecli"].value, URIRef(canonical(sol["d"].value)))
        for sol in store.query(_OTHER_TREATMENTS):
            kind = sol["type"].value
            if sol["g"].value != self.graph and kind != str(REG.Cites):
                pair = (URIRef(sol["a"].value), URIRef(sol["b"].value))
                self.stronger[pair] = kind.rsplit("#", 1)[-1]

    def _offer(self, number: str, rank: int, iri: URIRef) -> None:
        have = self._by_number.get(number)
        if have is None or (rank, str(iri)) < (have[0], str(have[1])):
            self._by_number[number] = (rank, iri)

    def _judgment(self, ref: CaseRef, source: R.Source, why: str) -> URIRef | None:
        """The judgment a reference names: known, or new (keyed by its case number)."""
        if ref.numbers[0].startswith("ECLI:"):
            hit = self._by_ecli.get(ref.numbers[0])
            if hit is None:
                self._unresolved(ref.label, "an ECLI that no record in the store carries", why)
            return hit
        known = [self._by_number[n] for n in ref.numbers if n in self._by_number]
        if known:
            return min(known, key=lambda k: (k[0], str(k[1])))[1]
        iri = mint("decision", f"cjeu-case-{ref.key}")
        if iri not in self.new:
            self.new[iri] = NewJudgment(ref, source)
            for n in ref.numbers:
                self._offer(n, 3, iri)
        return iri

    def _unresolved(self, cited: str, reason: str, where: str) -> None:
        entry = self.unresolved.setdefault(cited, {"cited": cited, "reason": reason, "rows": []})
        entry["rows"].append(where)

    def _add(self, citing: URIRef, cited: URIRef, source: R.Source, found: str) -> None:
        if citing == cited:
            self.self_citations += 1
            return
        stronger = self.stronger.get((citing, cited))
        if stronger is not None:
            self.kept.append({"citing": str(citing), "cited": str(cited), "kept": stronger})
            return
        link = self.links.setdefault((citing, cited), Link(citing, cited))
        if source not in link.sources:
            link.sources.append(source)
        if found not in link.found:
            link.found.append(found)

    # -- the two ways citations arrive ---------------------------------------------------------
    def from_holdings(self, holdings: list[tuple[HoldingItem, Resolved | None, R.Source]]) -> None:
        """The ``cited_cases`` of each coded holding (its judgment, or ``None`` if not found)."""
        for h, r, source in holdings:
            where = f"holdings row {h.row}"
            entries = [e.strip() for e in h.cited.split(";") if e.strip()]
            if r is None:
                for e in entries:
                    self._unresolved(e, "the citing judgment is not in the case metadata", where)
                continue
            citing = URIRef(r.duplicate_of[0]) if r.duplicate_of else r.iri
            for entry in entries:
                try:
                    ref = parse_cited(entry)
                except CaseRefError as exc:
                    self._unresolved(entry, str(exc), where)
                    continue
                cited = self._judgment(ref, source, where)
                if cited is not None:
                    self._add(citing, cited, source, "cited_cases")

    def from_text(self, resolved: list[Resolved], names: NameTable) -> None:
        """Case numbers, ECLIs and curated names in each record's texts."""
        for r in resolved:
            item = r.item
            texts = [item.summary, item.outcome or "", *item.unresolved]
            text = "\n".join(t for t in texts if t)
            if not text:
                continue
            citing = URIRef(r.duplicate_of[0]) if r.duplicate_of else r.iri
            where = f"row {item.row}"
            for m in find_mentions(text, names, exclude="\n".join(item.parties)):
                cited = self._judgment(m.ref, item.source, where)
                if cited is None:
                    continue
                self._add(citing, cited, item.source, f"{m.via} {m.text}")
                if m.name_source is not None and (citing, cited) in self.links:
                    sources = self.links[(citing, cited)].sources
                    if m.name_source not in sources:
                        sources.append(m.name_source)

    # -- output --------------------------------------------------------------------------------
    def emit(self) -> dict[str, Any]:
        """Write the links and new judgments to the import graph; return the report's part."""
        used = {link.cited for link in self.links.values()}
        for iri, new in sorted(self.new.items()):
            if iri in used:
                self._new_judgment(iri, new)
        g = self.emitter.g
        by_how: dict[str, int] = defaultdict(int)
        for (citing, cited), link in sorted(self.links.items()):
            node = mint("treatment", f"{_tail(citing)}--cites--{_tail(cited)}")
            g.add((node, RDF.type, REG.Treatment))
            label = f"{self._label(citing)} cites {self._label(cited)}"
            g.add((node, RDFS.label, Literal(label)))
            g.add((node, REG.citingDecision, citing))
            g.add((node, REG.citedDecision, cited))
            g.add((node, REG.treatmentType, TREATMENT_TYPES["cites"]))
            how = "; ".join(link.found)
            note = (
                NOTE_HOLDINGS if link.found == ["cited_cases"] else f"Machine-coded: found {how}."
            )
            g.add((node, REG.note, Literal(note)))
            self.emitter.provenance(node, link.sources[0], trust="machine-coded")
            for src in link.sources[1:]:
                g.add((node, REG.hasSource, self.emitter.source_node(src)))
            for f in link.found:
                by_how[f.split(" ")[0] if f != "cited_cases" else f] += 1
        return {
            "links": len(self.links),
            "links_by_how_found": dict(sorted(by_how.items())),
            "new_judgments": sum(1 for i in self.new if i in used),
            "self_citations_skipped": self.self_citations,
            "kept_stronger_treatments": self.kept,
            "unresolved": sorted(self.unresolved.values(), key=lambda u: u["cited"]),
        }

    def _label(self, iri: URIRef) -> str:
        if iri in self.new:
            return _judgment_label(self.new[iri].ref)
        return self.labels.get(iri, _tail(iri))

    def _new_judgment(self, iri: URIRef, new: NewJudgment) -> None:
        ref = new.ref
        judgment = DecisionTriples(
            key=_tail(iri),
            kind="judgment",
            label=_judgment_label(ref),
            authority=self.court,
            jurisdiction=self.jurisdiction,
            status="decided",
            date_unknown="known only as a case cited by a later decision: no date given",
            identifiers=[("case_number", number) for number in ref.numbers],
            notes=[
                "Known only because a later decision cites it as case law (hence decided); "
                "read it on CURIA or EUR-Lex."
            ],
        )
        add_decision_triples(
            self.emitter.g, judgment, lambda node: self.emitter.provenance(node, new.source)
        )
        if not ref.is_opinion:
            curia = R.Source(new.source.as_of, url=CURIA + ref.numbers[0], publisher="CURIA")
            self.emitter.g.add((iri, REG.hasSource, self.emitter.source_node(curia)))


def _judgment_label(ref: CaseRef) -> str:
    if ref.is_opinion:
        return f"CJEU {ref.label}"
    joined = "Joined Cases" if len(ref.numbers) > 1 else "Case"
    return f"CJEU judgment in {joined} {ref.label}"


def _tail(iri: URIRef) -> str:
    return str(iri).rsplit("/", 1)[-1]
