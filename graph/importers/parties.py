"""Controller and party names → companies and public bodies: curated ones first (exactly, then
fuzzily), then ones other imports or earlier rows created, then new ones in the import graph."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rdflib import URIRef

from graph.cleaning.names import classify, core, legal_form
from graph.cleaning.text import clean_name, is_placeholder, strip_parens
from graph.curated import records as R
from graph.curated.corpus import Corpus
from graph.importers.entities import (
    FUZZY_MIN_LENGTH,
    FUZZY_THRESHOLD,
    NATURAL_PERSON,
    NOT_NAMED,
    PARTIES_NOT_RECORDED,
    Authorities,
    Registry,
    key_slug,
)
from graph.vocabulary.ids import mint
from graph.vocabulary.namespaces import REG
from graph.vocabulary.terms import ORG_CLASSES


@dataclass(frozen=True)
class Resolution:
    """A party: an entity IRI (and kind), or a description when it must not become one."""

    iri: URIRef | None
    kind: str = ""
    description: str | None = None
    how: str = ""
    placeholder: bool = False


@dataclass
class _Candidate:
    iri: URIRef
    kind: str
    form: str
    grouped: bool
    order: int


class Parties:
    """Controller and party names → companies and public bodies.

    A name that describes a natural person, or only a kind of controller, never becomes an entity:
    the decision keeps a description instead (:data:`NATURAL_PERSON`, :data:`NOT_NAMED`).
    """

    def __init__(
        self, corpus: Corpus, registry: Registry, authorities: Authorities, parents: dict[str, str]
    ) -> None:
        self.registry = registry
        self.authorities = authorities
        grouped = set(parents) | set(parents.values())
        self.curated: dict[str, list[_Candidate]] = {}
        order = 0
        for rec in corpus.all():
            if isinstance(rec, R.Organisation) and rec.kind in ("company", "public-body"):
                iri = mint(rec.kind, rec.id)
                for name in (rec.name, *rec.alt_names):
                    c = core(name)
                    if c:
                        cand = _Candidate(
                            iri, rec.kind, legal_form(name), str(iri) in grouped, order
                        )
                        self.curated.setdefault(c, []).append(cand)
                        order += 1
        self.curated_keys = list(self.curated)
        #: Fuzzy matches against the (fixed) curated names, by key: rows repeat names.
        self._fuzzy: dict[str, str | None] = {}
        self.seen: dict[str, tuple[URIRef, str]] = {}
        for k in registry.known.values():
            kind = "public-body" if str(REG.PublicBody) in k.types else "company"
            if k.curated or not k.types & {str(REG.Company), str(REG.PublicBody)}:
                continue
            for name in (k.label, *k.alt_labels):
                if c := core(name):
                    self.seen.setdefault(c, (URIRef(k.iri), kind))
        self.seen_keys = list(self.seen)

    def _curated(self, key: str, form: str) -> _Candidate | None:
        cands = self.curated.get(key)
        if not cands and len(key) >= FUZZY_MIN_LENGTH:
            if key not in self._fuzzy:
                hit = process.extractOne(
                    key,
                    self.curated_keys,
                    scorer=fuzz.token_sort_ratio,
                    score_cutoff=FUZZY_THRESHOLD,
                )
                self._fuzzy[key] = hit[0] if hit else None
            found = self._fuzzy[key]
            cands = self.curated.get(found) if found else None
        if not cands:
            return None
        # A tracker's legal-form suffix is unreliable ("TikTok Limited" for TikTok Technology
        # Limited): among equal names prefer a company the curated data places in a group, then
        # the same legal form, then file order.
        return min(cands, key=lambda c: (not c.grouped, c.form != form, c.order))

    def resolve(self, raw: str, *, strict: bool, code: str | None, source: R.Source) -> Resolution:
        name = clean_name(raw)
        if is_placeholder(name):
            return Resolution(None, description=NOT_NAMED, how="placeholder", placeholder=True)
        if strict:
            hit = self.authorities.find([name, *strip_parens(name)[1], strip_parens(name)[0]], code)
            if hit is not None:
                return Resolution(hit[0], hit[1], how="authority")
        key = core(name)
        if len(key.replace(" ", "")) <= 2:  # "K GmbH", "A.A.A.": a pseudonym, not a name
            return Resolution(None, description=NOT_NAMED, how="pseudonym", placeholder=True)
        cand = self._curated(key, legal_form(name))
        if cand is not None:
            return Resolution(cand.iri, cand.kind, how="curated")
        kind = classify(name, strict=strict)
        if kind.kind == "person":
            return Resolution(
                None,
                description=NATURAL_PERSON if not strict else PARTIES_NOT_RECORDED,
                how="person",
            )
        if kind.kind == "placeholder" or not key:
            return Resolution(None, description=NOT_NAMED, how="placeholder", placeholder=True)
        if kind.kind == "generic":
            what = f"controller described only generically by the source ({name})"
            return Resolution(
                None, description=PARTIES_NOT_RECORDED if strict else what, how="generic"
            )
        hit2 = self.seen.get(key)
        if hit2 is None and len(key) >= FUZZY_MIN_LENGTH and self.seen_keys:
            found = process.extractOne(
                key, self.seen_keys, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_THRESHOLD
            )
            hit2 = self.seen.get(found[0]) if found else None
        if hit2 is not None:
            iri, ekind = hit2
            self._state(iri, ekind, name, source)
            self.registry.alt(iri, name)
            return Resolution(iri, ekind, how="seen")
        ekind = kind.entity_kind
        iri = mint(ekind, key_slug(key))
        self._state(iri, ekind, name, source)
        self.seen[key] = (iri, ekind)
        self.seen_keys.append(key)
        return Resolution(iri, ekind, how="new")

    def _state(self, iri: URIRef, kind: str, name: str, source: R.Source) -> None:
        self.registry.state(iri, kind, name, ORG_CLASSES[kind], source)
