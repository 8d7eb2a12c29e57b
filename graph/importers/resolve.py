"""Items → resolved records: authorities, jurisdictions, parties, money and cross-source links."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rdflib import URIRef

from graph.curated import records as R
from graph.curated.corpus import Corpus
from graph.importers.emit import Resolved, ResolvedParty, eur_set
from graph.importers.entities import (
    NOT_NAMED,
    PARTIES_NOT_RECORDED,
    Authorities,
    Jurisdictions,
    Registry,
)
from graph.importers.items import Item, Quarantined
from graph.importers.linking import Link, Linker
from graph.importers.parties import Parties
from graph.importers.report import Report
from graph.importers.values import absurd, convert
from graph.vocabulary.ids import mint

#: The note on a binding decision whose row states an amount (the amount is not stored).
NOT_IMPOSED = (
    "The source states an amount ({raw!r}) for this binding decision. A binding decision imposes "
    "no fine: the authority it binds decides any fine in its own final decision (Art 65(6) "
    "GDPR), so the amount is not stored as this decision's and is in no total."
)


@dataclass
class Resolver:
    """Resolves the items of one import, in file order."""

    source: str
    corpus: Corpus
    registry: Registry
    jurisdictions: Jurisdictions
    authorities: Authorities
    parties: Parties
    linker: Linker
    report: Report

    def __post_init__(self) -> None:
        self.labels: dict[URIRef, str] = {}
        for rec in self.corpus.all():
            if isinstance(rec, R.Organisation):
                self.labels[mint(rec.kind, rec.id)] = rec.name
        for k in self.registry.known.values():
            self.labels.setdefault(URIRef(k.iri), k.label)
        self.occurrences: Counter[str] = Counter()
        self.inbound: list[Link] = []

    def label(self, iri: URIRef) -> str:
        ent = self.registry.entities.get(iri)
        return ent.label if ent is not None else self.labels.get(iri, iri.rsplit("/", 1)[-1])

    def skip(self, item: Item) -> None:
        """Pass over a row identical to an earlier one: it makes no record, but counts as an
        occurrence of its key, so the identifiers of later rows with that key do not change."""
        self.occurrences[item.key] += 1

    def resolve(self, item: Item) -> Resolved | Quarantined:
        rep = self.report
        code = self.jurisdictions.code(item.country)
        if code is None:  # the authority's own jurisdiction, if it is a known authority
            a = item.authority
            hit = self.authorities.find([v for v in (a.text, a.name, a.abbreviation) if v], None)
            code = self.authorities.codes.get(hit[0]) if hit else None
        if code is None:
            return Quarantined(
                item.row,
                "no jurisdiction: neither the row nor its authority names a country",
                item.line,
            )
        auth, auth_kind = self.authorities.resolve(item.authority, code, item.source)
        kind = item.kind
        if auth_kind == "court" and kind not in ("judgment", "court-case"):
            kind = "judgment"
        elif auth_kind == "regulator" and kind in ("judgment", "court-case"):
            kind = "investigation"
        self.occurrences[item.key] += 1
        n = self.occurrences[item.key]
        key = f"{self.source}-{item.key}" + (f"-{n}" if n > 1 else "")
        r = Resolved(item, key, kind, auth, self.jurisdictions.iri(code))
        self._parties(item, r, code)
        self._money(item, r)
        if item.date.value is None:
            rep.reason("date", item.date.reason or "")
            if item.date.placeholder:
                rep.count("date", item.date.reason or "")
        ids = {x for x in (item.celex, item.case_number) if x}
        found = self.linker.matches(
            str(auth),
            {item.date.value} if item.date.value else set(),
            eur_set(r),
            {str(p.iri) for p in r.parties},
            ids,
        )
        if self.linker.ambiguous(found):
            rep.ambiguous_links.append(
                {"row": item.row, "record": str(r.iri), "candidates": [d.iri for d in found]}
            )
        for link in self.linker.links(str(r.iri), item.row, found):
            rep.links.append({"row": item.row, "record": link.record, "duplicate_of": link.target})
            if link.record == str(r.iri):
                r.duplicate_of.append(link.target)
            else:
                self.inbound.append(link)
        return r

    def _parties(self, item: Item, r: Resolved, code: str) -> None:
        rep = self.report
        dropped = False
        for name in item.parties:
            res = self.parties.resolve(
                name, strict=item.strict_parties, code=code, source=item.source
            )
            if res.iri is not None:
                if all(p.iri != res.iri for p in r.parties):
                    r.parties.append(ResolvedParty(res.iri, res.kind, self.label(res.iri)))
                continue
            rep.count("party", res.how)
            dropped = True
            if res.description and not item.strict_parties:
                r.descriptions.append(res.description)
        if r.parties:
            return
        if not item.parties:
            rep.count("party", "empty")
            r.descriptions.append(NOT_NAMED)
        elif item.strict_parties and dropped:
            r.descriptions.append(PARTIES_NOT_RECORDED)
        if not r.descriptions:
            r.descriptions.append(NOT_NAMED)

    def _money(self, item: Item, r: Resolved) -> None:
        rep, amt = self.report, item.amount
        if amt is None:
            if r.kind == "fine":
                rep.reason("amount", "no amount given by the source")
            return
        if amt.placeholder:
            rep.count("amount", amt.raw or "empty")
        if r.kind == "binding-decision":
            # GDPRhub's EDPB Binding Decision 2/2022 states the EUR 405m the DPC then imposed:
            # stored as the EDPB's, it was a second EUR 405m fine in every total.
            if not amt.placeholder:
                rep.amount_problems.append(
                    {"row": item.row, "raw": amt.raw, "problem": "binding decision"}
                )
                r.notes.append(NOT_IMPOSED.format(raw=amt.raw))
            return
        if amt.problem:
            rep.amount_problems.append({"row": item.row, "raw": amt.raw, "problem": amt.problem})
        if amt.value is None or amt.currency is None:
            rep.reason("amount", amt.reason or "")
            return
        r.conversion = convert(amt.value, amt.currency, item.date.value)
        if absurd(amt.value, amt.currency, r.conversion):
            r.amount_reason = (
                f"amount {amt.raw!r} reported as implausible (over EUR 2 billion): not stored"
            )
            rep.amount_problems.append({"row": item.row, "raw": amt.raw, "problem": "absurd"})
            rep.reason("amount", "implausible amount")
