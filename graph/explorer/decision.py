"""One decision in full: authority, parties and roles, provisions, amounts, identifiers and its
procedure chain (the stored query ``procedure-chain``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from graph.explorer.refs import Ref, bind, from_row, from_rows, iri_term, text
from graph.sparql.internal import internal_query
from graph.sparql.stored import get_query
from graph.stores.contract import Store
from graph.stores.results import run_stored

CORE_QUERY = internal_query("graph.explorer", "decision-core")

#: The record stating a court set the decision aside (on its preferred record, reached from any
#: record of the decision), with that record's date and the source graph stating it.
SET_ASIDE_QUERY = internal_query("graph.explorer", "decision-set-aside")

IDENTIFIERS_QUERY = internal_query("graph.explorer", "decision-identifiers")

PARTIES_QUERY = internal_query("graph.explorer", "decision-parties")

PROVISIONS_QUERY = internal_query("graph.explorer", "decision-provisions")

AMOUNTS_QUERY = internal_query("graph.explorer", "decision-amounts")


@dataclass(frozen=True)
class PartyRole:
    """A party of a decision in one role."""

    party: Ref
    role: str


@dataclass(frozen=True)
class ProvisionRef:
    """A provision (or a whole instrument) a decision found infringed, considered or concerns."""

    provision: Ref
    how: str
    instrument: str


@dataclass(frozen=True)
class Amount:
    """An imposed or reduced amount: original currency, EUR value and how it was converted."""

    which: str
    value: float
    currency: str
    eur: float | None
    rate: float | None
    rate_date: str | None
    conversion_note: str | None = field(metadata={"column": "conversion"})
    note: str | None


@dataclass(frozen=True)
class ChainStep:
    """One step of a procedure chain, with the typed links to the steps it follows."""

    iri: str
    label: str
    date: str
    kind: str
    authority: str
    follows: str


@dataclass(frozen=True)
class SetAside:
    """A court's annulment of the decision, as its procedure chain states it: the stating
    record, its date and the named graph (source) it comes from."""

    by: Ref
    date: str | None
    source: str | None = field(metadata={"column": "graph"})


@dataclass(frozen=True)
class DecisionDetail:
    """A decision with everything the entity page shows about it."""

    iri: str
    label: str
    kind: str
    date: str
    announced: str | None
    status: str | None
    authority: Ref
    jurisdiction: Ref
    jurisdiction_code: str | None = field(metadata={"column": "code"})
    summary: str | None
    outcome: str | None
    childrens_data: bool = field(metadata={"column": "children"})
    identifiers: tuple[tuple[str, str], ...]
    parties: tuple[PartyRole, ...]
    provisions: tuple[ProvisionRef, ...]
    amounts: tuple[Amount, ...]
    chain: tuple[ChainStep, ...]
    set_aside: SetAside | None = None


def procedure_chain(store: Store, iri: str) -> list[ChainStep]:
    """Every step of the decision's procedure in date order (stored query ``procedure-chain``)."""
    result = run_stored(store, get_query("procedure-chain"), {"decision": iri})
    return [
        ChainStep(
            iri=r["step"] or "",
            label=r["title"] or "",
            date=r["date"] or "",
            kind=r["kind"] or "",
            authority=r["authority"] or "",
            follows=r["follows"] or "",
        )
        for r in result.records()
    ]


def decision(store: Store, iri: str) -> DecisionDetail | None:
    """The decision ``iri`` in full, or ``None`` if it is not a decision.

    >>> from graph.pipeline.sample import world_store
    >>> d = decision(world_store(), "https://w3id.org/regkg/id/decision/ado-fine-2021")
    >>> d.kind, d.status, d.authority.label, d.jurisdiction.label
    ('fine', 'appealed', 'Atlantis Data Office', 'Atlantis')
    >>> [(a.which, a.value, a.currency, a.eur) for a in d.amounts]
    [('imposed', 1000000.0, 'EUR', 1000000.0), ('reduced', 800000.0, 'EUR', 800000.0)]
    >>> [s.label for s in d.chain][-1]
    'Acme EU v ADO [2022] AHC 9'
    >>> decision(world_store(), "https://w3id.org/regkg/id/company/acme-video") is None
    True
    """
    b = bind(entity=iri_term(iri))
    core = next(iter(store.query(CORE_QUERY, b)), None)
    if core is None:
        return None
    identifiers = tuple(
        (text(r, "name") or "", text(r, "value") or "") for r in store.query(IDENTIFIERS_QUERY, b)
    )
    parties = tuple(from_rows(PartyRole, store.query(PARTIES_QUERY, b)))
    provisions = tuple(from_rows(ProvisionRef, store.query(PROVISIONS_QUERY, b)))
    amounts = tuple(from_rows(Amount, store.query(AMOUNTS_QUERY, b)))
    return from_row(
        DecisionDetail,
        core,
        iri=iri,
        label=text(core, "label") or iri,
        identifiers=identifiers,
        parties=parties,
        provisions=provisions,
        amounts=amounts,
        chain=tuple(procedure_chain(store, iri)),
        set_aside=_set_aside(store, b),
    )


def _set_aside(store: Store, b: dict[ox.Variable, Any]) -> SetAside | None:
    row = next(iter(store.query(SET_ASIDE_QUERY, b)), None)
    if row is None:
        return None
    return from_row(SetAside, row)
