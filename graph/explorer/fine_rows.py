"""The rows of the fines table: one :class:`FineRow` per fine, read from the store."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graph.explorer.refs import Ref, padded_date, text
from graph.sparql.internal import internal_query
from graph.stores.contract import Store

#: The core facts: a fine is listed only when it has all of them.
FINES_QUERY = internal_query("graph.explorer", "fines")

#: Multi-valued provenance: as-of dates, trust tiers and the named graphs stating the fine.
FINE_AS_OF_QUERY = internal_query("graph.explorer", "fine-as-of")
FINE_TRUST_QUERY = internal_query("graph.explorer", "fine-trust")
FINE_GRAPHS_QUERY = internal_query("graph.explorer", "fine-graphs")

#: Optional single-valued facets.
FINE_DUPLICATE_QUERY = internal_query("graph.explorer", "fine-duplicate")
FINE_SET_ASIDE_QUERY = internal_query("graph.explorer", "fine-set-aside")
FINE_JURISDICTION_QUERY = internal_query("graph.explorer", "fine-jurisdiction")
FINE_STATUS_QUERY = internal_query("graph.explorer", "fine-status")
FINE_MONEY_QUERY = internal_query("graph.explorer", "fine-money")

#: Fines' subjects, with each company's ultimate parent (the company itself when none is stated).
FINE_PARTIES_QUERY = internal_query("graph.explorer", "fine-parties")

#: Provisions found infringed or considered, and the instruments a fine concerns.
FINE_LAW_QUERY = internal_query("graph.explorer", "fine-law")


@dataclass(frozen=True)
class FineRow:
    """One fine with everything the fines table shows and filters on."""

    iri: str
    label: str
    date: str
    year: int
    regulator: Ref
    jurisdiction: str
    jurisdiction_label: str
    status: str
    companies: tuple[Ref, ...]
    groups: tuple[Ref, ...]
    provisions: tuple[Ref, ...]
    amount: float | None
    currency: str | None
    eur: float | None
    conversion_note: str | None
    as_of: tuple[str, ...]
    trust: tuple[str, ...]
    sources: tuple[str, ...] = ()
    duplicate_of: str | None = None
    #: the record stating that a court set this fine aside (``reg:setAsideBy``)
    set_aside_by: str | None = None

    def counted(self, include_set_aside: bool = False) -> bool:
        """Whether totals count this row: not a duplicate or part of another record, and not
        set aside by a court unless ``include_set_aside``."""
        return not self.duplicate_of and (include_set_aside or not self.set_aside_by)


def _by_fine(store: Store, query: str) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for r in store.query(query):
        out.setdefault(text(r, "fine") or "", []).append(r)
    return out


def _first(rows: list[Any], *names: str) -> tuple[str | None, ...]:
    """The values of ``names`` in the smallest of several solutions (deterministic)."""
    if not rows:
        return tuple(None for _ in names)
    values = sorted(tuple(text(r, n) or "" for n in names) for r in rows)[0]
    return tuple(v or None for v in values)


def _values(rows: list[Any], name: str = "value") -> tuple[str, ...]:
    return tuple(sorted({v for r in rows if (v := text(r, name))}))


def _refs(pairs: Iterable[tuple[str, str]]) -> tuple[Ref, ...]:
    return tuple(sorted({Ref(i, label) for i, label in pairs}, key=lambda r: (r.label, r.iri)))


def fines(store: Store) -> list[FineRow]:
    """Every fine with a date, a deciding authority, an as-of date and a trust tier, in date
    order.

    Each facet of a fine (its core facts, money, jurisdiction, status, parties, law, provenance) is
    read by its own small query and joined here by the fine's IRI: Oxigraph plans one query with
    every facet as an OPTIONAL badly (it joins the optional parts before it narrows to fines; the
    figures are in ``benchmarks/README.md``).

    >>> from graph.pipeline.sample import world_store
    >>> [(r.label, r.eur) for r in fines(world_store())][:2]
    [('ADO fine on Lone Widgets, 2020', None), ('ADO fine on Acme EU (children), 2021', 1000000.0)]
    """
    core = _by_fine(store, FINES_QUERY)
    as_of, trust = _by_fine(store, FINE_AS_OF_QUERY), _by_fine(store, FINE_TRUST_QUERY)
    graphs, dups = _by_fine(store, FINE_GRAPHS_QUERY), _by_fine(store, FINE_DUPLICATE_QUERY)
    juris, status = _by_fine(store, FINE_JURISDICTION_QUERY), _by_fine(store, FINE_STATUS_QUERY)
    money, parties = _by_fine(store, FINE_MONEY_QUERY), _by_fine(store, FINE_PARTIES_QUERY)
    law = _by_fine(store, FINE_LAW_QUERY)
    set_aside = _by_fine(store, FINE_SET_ASIDE_QUERY)
    rows = []
    for iri, found in core.items():
        if iri not in as_of or iri not in trust:
            continue
        label, date, regulator, regulator_label = _first(
            found, "label", "date", "regulator", "regulatorLabel"
        )
        code, code_label = _first(juris.get(iri, []), "code", "jurisdictionLabel")
        amount, currency, eur, conversion = _first(
            money.get(iri, []), "amount", "currency", "eur", "conversion"
        )
        mine = parties.get(iri, [])
        rows.append(
            FineRow(
                iri=iri,
                label=label or iri,
                date=date or "",
                year=int((date or "0")[:4]),
                regulator=Ref(regulator or "", regulator_label or ""),
                jurisdiction=code or "",
                jurisdiction_label=code_label or "",
                status=_first(status.get(iri, []), "status")[0] or "",
                companies=_refs(
                    (text(r, "party") or "", text(r, "partyLabel") or "") for r in mine
                ),
                groups=_refs((text(r, "group") or "", text(r, "groupLabel") or "") for r in mine),
                provisions=_refs(
                    (text(r, "law") or "", text(r, "lawLabel") or "") for r in law.get(iri, [])
                ),
                amount=None if amount is None else float(amount),
                currency=currency,
                eur=None if eur is None else float(eur),
                conversion_note=conversion,
                as_of=_values(as_of[iri]),
                trust=_values(trust[iri]),
                sources=_values(graphs.get(iri, [])),
                duplicate_of=_first(dups.get(iri, []), "dup")[0],
                set_aside_by=_first(set_aside.get(iri, []), "by")[0],
            )
        )
    return sorted(rows, key=lambda f: (padded_date(f.date), f.label, f.iri))
