"""One decision as each source records it: the records the linkage stage joined, side by side,
with the values that differ from the counted record marked."""

from __future__ import annotations

from dataclasses import dataclass, replace

from graph.explorer.decision import AMOUNTS_QUERY, CORE_QUERY, IDENTIFIERS_QUERY
from graph.explorer.refs import Ref, bind, iri_term, number, text
from graph.sparql.internal import internal_query
from graph.stores.contract import Store

#: The marker put before a value that differs from the preferred record's.
DIFFERS = "≠ "
#: Shown for a value a source does not give.
NONE = "—"
#: The compared columns: field name → column heading.
COMPARED = {
    "date": "Date",
    "announced": "Announced",
    "amount": "Amount",
    "eur": "EUR",
    "authority": "Authority",
    "company": "Company",
    "identifiers": "Identifiers",
}

PREFERRED_QUERY = internal_query("graph.explorer", "record-preferred")

DUPLICATES_QUERY = internal_query("graph.explorer", "record-duplicates")

WHOLE_QUERY = internal_query("graph.explorer", "record-whole")

PARTS_QUERY = internal_query("graph.explorer", "record-parts")

#: The named graph stating the record (not the linkage graph, which states only links), named
#: as the source calls itself (imports) or by its curated file, and the source's record id.
ORIGIN_QUERY = internal_query("graph.explorer", "record-origin")

COMPANIES_QUERY = internal_query("graph.explorer", "record-companies")


@dataclass(frozen=True)
class SourceRow:
    """One record of a decision as its source gives it (values as shown; ``NONE`` if absent)."""

    record: Ref
    source: str
    date: str
    announced: str
    amount: str
    eur: str
    authority: str
    company: str
    identifiers: str
    #: whether this is the preferred record, the one counted in totals
    counted: bool
    #: the compared fields (keys of :data:`COMPARED`) whose value differs from the preferred's
    differs: frozenset[str] = frozenset()

    def value(self, name: str) -> str:
        """A compared field's value."""
        found: str = getattr(self, name)
        return found


@dataclass(frozen=True)
class DecisionSources:
    """Every record of one decision, preferred record first, and its part/whole links."""

    iri: str
    preferred: Ref
    rows: tuple[SourceRow, ...]
    #: the whole this decision is counted as a part of (its preferred record), if any
    whole: Ref | None
    #: the parts another source splits this decision into (each part's preferred record)
    parts: tuple[SourceRow, ...]

    @property
    def several(self) -> bool:
        """Whether there is anything to set side by side or to explain."""
        return len(self.rows) > 1 or self.whole is not None or bool(self.parts)

    @property
    def counted_note(self) -> str:
        """Which record totals count for this decision."""
        if self.whole is not None:
            return f"Counted once as part of {self.whole.label}"
        return f"Counted once, as {self.preferred.label}"

    @property
    def parts_note(self) -> str:
        """The parts line of a whole's page (empty when no source splits the decision)."""
        if not self.parts:
            return ""
        n = len(self.parts)
        return f"Recorded by another source as {n} parts, which are not counted:"

    def table(self) -> list[dict[str, str]]:
        """The rows as table cells, each differing value marked with :data:`DIFFERS`."""
        out = []
        for r in self.rows:
            row = {
                "Record": r.record.label,
                "Counted": "yes" if r.counted else "no",
                "Source": r.source,
            }
            for name, heading in COMPARED.items():
                mark = DIFFERS if name in r.differs else ""
                row[heading] = mark + r.value(name)
            row["IRI"] = r.record.iri
            out.append(row)
        return out


def _first(store: Store, query: str, iri: str, name: str) -> str | None:
    return next((text(r, name) for r in store.query(query, bind(entity=iri_term(iri)))), None)


def _all(store: Store, query: str, iri: str, name: str) -> list[str]:
    rows = store.query(query, bind(entity=iri_term(iri)))
    return [v for r in rows if (v := text(r, name)) is not None]


def _money(value: float | None, currency: str = "") -> str:
    if value is None:
        return NONE
    return f"{value:,.2f} {currency}".strip()


def _source(store: Store, iri: str) -> str:
    """The source's name (or curated file) and its record identifier."""
    for r in store.query(ORIGIN_QUERY, bind(entity=iri_term(iri))):
        name, file = text(r, "name"), text(r, "file")
        where = name or (f"curated file {file}" if file else text(r, "graph") or NONE)
        record = text(r, "record")
        return f"{where}, record {record}" if record else where
    return NONE


def read_row(store: Store, iri: str, *, counted: bool) -> SourceRow | None:
    """One decision record as a row, or ``None`` if ``iri`` is not a decision."""
    b = bind(entity=iri_term(iri))
    core = next(iter(store.query(CORE_QUERY, b)), None)
    if core is None:
        return None
    imposed = [r for r in store.query(AMOUNTS_QUERY, b) if text(r, "which") == "imposed"]
    amounts = [_money(number(r, "value"), text(r, "currency") or "") for r in imposed]
    eurs = [_money(number(r, "eur")) for r in imposed if number(r, "eur") is not None]
    identifiers = [
        f"{text(r, 'name')} {text(r, 'value')}" for r in store.query(IDENTIFIERS_QUERY, b)
    ]
    companies = _all(store, COMPANIES_QUERY, iri, "label")
    return SourceRow(
        record=Ref(iri, text(core, "label") or iri),
        source=_source(store, iri),
        date=text(core, "date") or NONE,
        announced=text(core, "announced") or NONE,
        amount="; ".join(amounts) or NONE,
        eur="; ".join(eurs) or NONE,
        authority=text(core, "authorityLabel") or NONE,
        company="; ".join(companies) or "not named",
        identifiers="; ".join(identifiers) or NONE,
        counted=counted,
    )


def _marked(row: SourceRow, preferred: SourceRow) -> SourceRow:
    differs = frozenset(n for n in COMPARED if row.value(n) != preferred.value(n))
    return replace(row, differs=differs)


def decision_sources(store: Store, iri: str) -> DecisionSources | None:
    """The records of the decision that ``iri`` (any of its records) belongs to, or ``None``
    if ``iri`` is not a decision.

    The linkage stage (:mod:`graph.linkage.stage`) states ``reg:duplicateOf`` from each record of a
    decision to the cluster's preferred record, and ``reg:partOf`` from a part's preferred record to
    its whole's. From any record of a decision this gathers the preferred record and every record
    that is a duplicate of it, one row per record (source, dates, amount, authority, company,
    identifiers), and marks the values that differ from the preferred record's: the one counted in
    totals. Where the decision is a part of a whole, or a whole recorded elsewhere as parts, it says
    which record is counted.

    Every query binds the record's IRI with substitutions (``?entity``, projected because pyoxigraph
    binds only projected variables); nothing is formatted into query text. Values are plain text:
    escaping is the caller's (the app shows them in tables and escaped markdown).

    >>> from graph.pipeline.sample import world_store
    >>> s = decision_sources(world_store(), "https://w3id.org/regkg/id/decision/ado-fine-2021")
    >>> [(r.source, r.date, r.amount, r.company) for r in s.rows]
    [('curated file cases.yaml', '2021-05-10', '1,000,000.00 EUR', 'Acme EU Ltd')]
    >>> s.counted_note, s.several
    ('Counted once, as ADO fine on Acme EU (children), 2021', False)
    """
    preferred_iri = _first(store, PREFERRED_QUERY, iri, "preferred") or iri
    whole_iri = _first(store, WHOLE_QUERY, preferred_iri, "whole")
    preferred = read_row(store, preferred_iri, counted=whole_iri is None)
    if preferred is None:
        return None
    rows = [preferred]
    for other in _all(store, DUPLICATES_QUERY, preferred_iri, "record"):
        row = read_row(store, other, counted=False)
        if row is not None:
            rows.append(_marked(row, preferred))
    whole = read_row(store, whole_iri, counted=True) if whole_iri else None
    parts = [
        read_row(store, p, counted=False) for p in _all(store, PARTS_QUERY, preferred_iri, "part")
    ]
    return DecisionSources(
        iri=iri,
        preferred=preferred.record,
        rows=tuple(rows),
        whole=whole.record if whole else None,
        parts=tuple(p for p in parts if p is not None),
    )
