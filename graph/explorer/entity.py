"""Everything about one record: its facts with provenance, links in and out, and its decisions."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.explorer.refs import (
    Ref,
    bind,
    from_row,
    from_rows,
    iri_term,
    kind_of,
    padded_date,
    text,
)
from graph.sparql.internal import internal_query
from graph.stores.contract import Store
from graph.vocabulary.namespaces import ID_BASE
from graph.vocabulary.strings import REG_IRI

_TYPES = internal_query("graph.explorer", "entity-types")

_LABELS = internal_query("graph.explorer", "entity-labels")

SOURCES_QUERY = internal_query("graph.explorer", "entity-sources")

FACTS_QUERY = internal_query("graph.explorer", "entity-facts")

INCOMING_QUERY = internal_query("graph.explorer", "entity-incoming")

DECISIONS_QUERY = internal_query("graph.explorer", "entity-decisions")


@dataclass(frozen=True)
class Provenance:
    """One source behind a record, as stated in one named graph."""

    graph: str
    source: str
    url: str | None
    dataset: str | None
    identifier: str | None
    publisher: str | None
    as_of: str
    trust: str

    @property
    def where(self) -> str:
        """The URL, or the dataset and record identifier, in words."""
        if self.url:
            return self.url
        parts = [p for p in (self.dataset, self.identifier) if p]
        return ", record ".join(parts) if parts else self.source


@dataclass(frozen=True)
class Fact:
    """One statement about a record: property, value (label or lexical form), the linked
    record's IRI when the value is a record, and the named graphs stating it."""

    property: str = field(metadata={"column": "plabel"})
    value: str
    iri: str | None
    graphs: tuple[str, ...]


@dataclass(frozen=True)
class Entity:
    """A record with its facts and provenance."""

    iri: str
    label: str
    kind: str
    alt_labels: tuple[str, ...]
    as_of: tuple[str, ...]
    trust: tuple[str, ...]
    sources: tuple[Provenance, ...]
    facts: tuple[Fact, ...]
    incoming: tuple[Fact, ...]


@dataclass(frozen=True)
class DecisionRow:
    """A decision linked to an entity, with how it is linked (``subject``, ``decided by`` …)."""

    iri: str = field(metadata={"column": "decision"})
    label: str = field(metadata={"column": "title"})
    date: str
    kind: str
    authority: Ref
    relations: tuple[str, ...]
    amount: float | None
    currency: str | None
    eur: float | None
    as_of: tuple[str, ...] = field(metadata={"column": "asOfs"})
    trust: tuple[str, ...] = field(metadata={"column": "trusts"})


def is_record(iri: str) -> bool:
    """Whether an IRI names a regkg record (and so has an entity page)."""
    return iri.startswith(ID_BASE)


def kind(store: Store, iri: str) -> str:
    """The most specific kind of a record (``Record`` if it has no regkg type)."""
    rows = store.query(_TYPES, bind(entity=iri_term(iri)))
    return kind_of((text(r, "type") or "")[len(REG_IRI) :] for r in rows)


def sources(store: Store, iri: str) -> list[Provenance]:
    """The provenance of a record: each source per named graph, as-of date and trust tier."""
    return from_rows(Provenance, store.query(SOURCES_QUERY, bind(entity=iri_term(iri))))


def facts(store: Store, iri: str) -> list[Fact]:
    """The record's own statements (type, label and provenance are shown apart)."""
    out = []
    for r in store.query(FACTS_QUERY, bind(entity=iri_term(iri))):
        o = text(r, "o") or ""
        linked = o if is_record(o) else None
        out.append(from_row(Fact, r, value=text(r, "olabel") or o, iri=linked))
    return out


def incoming(store: Store, iri: str) -> list[Fact]:
    """Statements of other records pointing at this one (``value`` is the other record).

    Links from decisions, participations, holdings and treatments are left out: the decision
    tables show them with their roles."""
    return [
        from_row(Fact, r, value=text(r, "slabel") or text(r, "s") or "", iri=text(r, "s"))
        for r in store.query(INCOMING_QUERY, bind(entity=iri_term(iri)))
    ]


def describe(store: Store, iri: str) -> Entity | None:
    """Everything stated about one record, or ``None`` if the store knows nothing about it.

    Every query binds the record's IRI with substitutions (``?entity``, projected because pyoxigraph
    binds only projected variables); nothing is formatted into query text. Rows stated in several
    named graphs are collapsed with ``DISTINCT`` or grouping.

    >>> from graph.pipeline.sample import world_store
    >>> e = describe(world_store(), "https://w3id.org/regkg/id/company/acme-video")
    >>> e.label, e.kind, e.alt_labels, e.trust, e.as_of
    ('Acme Video Ltd', 'Company', ('Acme Video',), ('curated-verified',), ('2026-01-01',))
    >>> [(d.label, d.relations) for d in decisions_of(world_store(), e.iri)][:2]
    [('CX v Acme Video', ('subject',)), ('BMCB order on Acme Video, 2021', ('subject',))]
    >>> describe(world_store(), "https://w3id.org/regkg/id/company/nobody") is None
    True
    """
    labels: list[str] = []
    alts: list[str] = []
    for r in store.query(_LABELS, bind(entity=iri_term(iri))):
        if (label := text(r, "label")) is not None:
            labels.append(label)
        if (alt := text(r, "alt")) is not None:
            alts.append(alt)
    own = facts(store, iri)
    if not labels and not own:
        return None
    provenance = sources(store, iri)
    return Entity(
        iri=iri,
        label=sorted(labels)[0] if labels else iri,
        kind=kind(store, iri),
        alt_labels=tuple(sorted(set(alts))),
        as_of=tuple(sorted({p.as_of for p in provenance})),
        trust=tuple(sorted({p.trust for p in provenance})),
        sources=tuple(provenance),
        facts=tuple(own),
        incoming=tuple(incoming(store, iri)),
    )


def decisions_of(store: Store, iri: str) -> list[DecisionRow]:
    """The decisions linked to a party, authority, provision, instrument, jurisdiction or
    question, in date order (latest last), with how each is linked."""
    rows = from_rows(DecisionRow, store.query(DECISIONS_QUERY, bind(entity=iri_term(iri))))
    return sorted(rows, key=lambda d: (padded_date(d.date), d.label, d.iri))
