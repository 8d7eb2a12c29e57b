"""Resolving authorities, jurisdictions and parties to entities: curated ones first, then ones
other imports created, then new ones in the import graph."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pycountry
from rapidfuzz import fuzz, process
from rdflib import URIRef

from graph.cleaning.text import fold, is_placeholder, strip_parens
from graph.curated import records as R
from graph.curated.corpus import Corpus
from graph.importers.snapshot import KnownEntity
from graph.vocabulary.ids import digest, mint, slug
from graph.vocabulary.namespaces import REG
from graph.vocabulary.terms import ORG_CLASSES, REGULATOR_CLASSES

#: Minimum rapidfuzz ``token_sort_ratio`` for two normalised company names to be the same.
FUZZY_THRESHOLD = 92
#: Shortest normalised name compared fuzzily (shorter names must match exactly).
FUZZY_MIN_LENGTH = 5
#: Minimum ``token_sort_ratio`` for two authority names of the same jurisdiction: stricter than
#: for companies, because "… of Hessen" and "… of Bremen" are different authorities.
AUTHORITY_FUZZY_THRESHOLD = 95

NATURAL_PERSON = "a natural person (not named)"
NOT_NAMED = "controller not named by the source"
PARTIES_NOT_RECORDED = (
    "parties named by the source are not recorded: not identifiable as organisations"
)

_COUNTRY_ALIASES = {
    "uk": "GB",
    "united kingdom": "GB",
    "great britain": "GB",
    "england": "GB",
    "england and wales": "GB",
    "the netherlands": "NL",
    "netherlands": "NL",
    "holland": "NL",
    "czech republic": "CZ",
    "slovak republic": "SK",
    "european union": "EU",
    "eu": "EU",
    "isle of man": "IM",
    "island": "IS",
    "finnland": "FI",
    "russia": "RU",
    "south korea": "KR",
    "korea": "KR",
    "usa": "US",
    "united states": "US",
}


@dataclass
class Entity:
    """A non-curated entity this import states (new, or restated from another graph)."""

    iri: URIRef
    kind: str
    label: str
    types: tuple[URIRef, ...]
    source: R.Source
    as_of: str | None = None
    new: bool = True
    alt_labels: set[str] = field(default_factory=set)
    jurisdiction: URIRef | None = None
    code: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


class Registry:
    """The non-curated entities stated in this import's graph.

    Every non-curated entity an import refers to is stated in its own graph (so each import graph
    stands alone when another is replaced); one another graph already states is restated with that
    graph's label and as-of date, so the union keeps one label and one as-of date.
    """

    def __init__(self, known: dict[str, KnownEntity]) -> None:
        self.known = known
        self.entities: dict[URIRef, Entity] = {}

    def is_curated(self, iri: URIRef) -> bool:
        k = self.known.get(str(iri))
        return bool(k and k.curated)

    def state(
        self,
        iri: URIRef,
        kind: str,
        label: str,
        types: Iterable[URIRef],
        source: R.Source,
        **extra: str,
    ) -> Entity | None:
        """State ``iri`` in this graph (once); ``None`` for a curated entity (never restated)."""
        if self.is_curated(iri):
            return None
        if iri in self.entities:
            return self.entities[iri]
        known = self.known.get(str(iri))
        ent = Entity(iri, kind, label, tuple(types), source, extra=dict(extra))
        if known is not None:
            ent.new = False
            ent.label = known.label or label
            ent.as_of = known.as_of
            ent.alt_labels |= known.alt_labels
        self.entities[iri] = ent
        return ent

    def alt(self, iri: URIRef, label: str) -> None:
        ent = self.entities.get(iri)
        if ent is not None and label and label != ent.label:
            ent.alt_labels.add(label)


def key_slug(text: str, limit: int = 80) -> str:
    """A slug for an IRI; a digest where the text has no Latin letters or is very long."""
    s = slug(text)
    if not s:
        return "n-" + digest(fold(text), length=12)
    if len(s) > limit:
        return s[:limit].rstrip("-") + "-" + digest(s, length=8)
    return s


class Jurisdictions:
    """Country names → jurisdiction IRIs (curated ones, else stated in the import graph)."""

    def __init__(self, corpus: Corpus, registry: Registry, source: R.Source) -> None:
        self.curated = {r.code.upper() for r in corpus.of_type(R.Jurisdiction)}  # type: ignore[attr-defined]
        self.registry = registry
        self.source = source
        self._codes: dict[str, str | None] = {}

    def code(self, country: str | None) -> str | None:
        """ISO 3166-1 alpha-2 (or ``EU``) of a country name as the trackers write it."""
        if not country or is_placeholder(country):
            return None
        key = fold(country)
        if key not in self._codes:
            code = _COUNTRY_ALIASES.get(key)
            if code is None:
                try:
                    code = pycountry.countries.lookup(key).alpha_2
                except LookupError:
                    code = None
            self._codes[key] = code
        return self._codes[key]

    def iri(self, code: str) -> URIRef:
        iri = mint("jurisdiction", code.lower())
        if code not in self.curated:
            country = pycountry.countries.get(alpha_2=code)
            label = getattr(country, "common_name", None) or (country.name if country else code)
            ent = self.registry.state(iri, "jurisdiction", label, (REG.Jurisdiction,), self.source)
            if ent is not None:
                ent.code = code
        return iri


@dataclass(frozen=True)
class AuthorityText:
    """How a row names its deciding authority."""

    text: str
    kind: str  # "regulator" or "court"
    name: str = ""
    abbreviation: str = ""
    dpa: bool = True
    #: Parenthesised place after the name (``LfDI (Lower Saxony)``): part of a new entity's key
    #: unless it is the country.
    place: str = ""


class Authorities:
    """Authority names → curated regulators and courts, or new ones (listed in the report)."""

    def __init__(self, corpus: Corpus, registry: Registry, jurisdictions: Jurisdictions) -> None:
        self.registry = registry
        self.jurisdictions = jurisdictions
        self.index: dict[str, list[tuple[URIRef, str, str | None]]] = {}
        #: The jurisdiction code of every known authority that has one.
        self.codes: dict[URIRef, str] = {}
        for rec in corpus.all():
            if isinstance(rec, R.Organisation) and rec.kind in ("regulator", "court"):
                names = [
                    rec.name,
                    *rec.alt_names,
                    *([rec.abbreviation] if rec.abbreviation else []),
                ]
                outer, inner = strip_parens(rec.name)
                code = rec.jurisdiction.upper() if rec.jurisdiction else None
                for n in {*names, outer, *inner}:
                    self._add(n, mint(rec.kind, rec.id), rec.kind, code)
        for k in registry.known.values():
            kind = "court" if str(REG.Court) in k.types else "regulator"
            if k.curated or not k.types & {str(REG.Court), str(REG.Regulator)}:
                continue
            for label in (k.label, *k.alt_labels):
                outer, inner = strip_parens(label)
                for n in (label, outer, *inner):
                    self._add(n, URIRef(k.iri), kind, k.jurisdiction)

    def _add(self, name: str, iri: URIRef, kind: str, code: str | None) -> None:
        if code:
            self.codes.setdefault(iri, code)
        key = fold(name)
        if key:
            entries = self.index.setdefault(key, [])
            if (iri, kind, code) not in entries:
                entries.append((iri, kind, code))

    def find(
        self, variants: Iterable[str], code: str | None, *, fuzzy: bool = False
    ) -> tuple[URIRef, str] | None:
        """An authority one of ``variants`` names, of a compatible jurisdiction.

        With ``fuzzy``, a name within :data:`AUTHORITY_FUZZY_THRESHOLD` of a known one of the
        same jurisdiction also counts (``Data Protection Authority of Swedenlop``).
        """
        names = [v for v in variants if fold(v)]
        for v in names:
            for iri, kind, their in self.index.get(fold(v), []):
                if code is None or their is None or their == code:
                    return iri, kind
        if not fuzzy or code is None:
            return None
        for v in names:
            if len(fold(v)) < FUZZY_MIN_LENGTH * 2:
                continue
            for key, _score, _i in process.extract(
                fold(v),
                list(self.index),
                scorer=fuzz.token_sort_ratio,
                score_cutoff=AUTHORITY_FUZZY_THRESHOLD,
                limit=3,
            ):
                for iri, kind, their in self.index[key]:
                    if their == code:
                        return iri, kind
        return None

    def resolve(self, a: AuthorityText, code: str | None, source: R.Source) -> tuple[URIRef, str]:
        """The authority's IRI and kind (``regulator`` or ``court``)."""
        variants = [v for v in (a.text, a.name, a.abbreviation) if v and not is_placeholder(v)]
        hit = self.find(variants, code, fuzzy=True)
        if hit is not None:
            self.registry.alt(hit[0], a.text)
            return hit
        where = self._country_label(code)
        if not variants:
            what = "Court" if a.kind == "court" else "Authority"
            label = f"{what} not identified by the source{f' ({where})' if where else ''}"
            base = "unidentified"
        else:
            label = a.text
            base = (
                a.abbreviation
                if a.abbreviation and len(a.abbreviation) <= 30
                else (a.name or a.text)
            )
            if a.place and self.jurisdictions.code(a.place) is None:
                base = f"{base} {a.place}"
        key = key_slug(base) + (f"-{code.lower()}" if code else "")
        iri = mint(a.kind, key)
        types = ORG_CLASSES[a.kind] + (
            (REGULATOR_CLASSES["data-protection"],)
            if a.kind == "regulator" and a.dpa and variants
            else ()
        )
        ent = self.registry.state(iri, a.kind, label, types, source)
        if ent is not None and code:
            ent.jurisdiction = self.jurisdictions.iri(code)
        for v in variants:
            self._add(v, iri, a.kind, code)
        self.registry.alt(iri, a.text)
        return iri, a.kind

    def _country_label(self, code: str | None) -> str:
        if not code:
            return ""
        if code == "EU":
            return "European Union"
        country = pycountry.countries.get(alpha_2=code)
        return str(getattr(country, "common_name", None) or (country.name if country else code))
