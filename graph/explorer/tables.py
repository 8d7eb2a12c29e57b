"""Tables for the explorer: the fines table (filter, sort, totals) and the overview aggregates;
the fines' rows themselves are read by :mod:`graph.explorer.fine_rows`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from graph.explorer.fine_rows import FineRow, fines
from graph.explorer.refs import Ref, from_rows, kind_of, padded_date, text
from graph.sparql.internal import internal_query
from graph.stores.contract import Store
from graph.vocabulary.strings import REG_IRI

__all__ = [
    "SORTS",
    "DecisionSummary",
    "FineFilter",
    "FineRow",
    "Totals",
    "decisions",
    "filter_fines",
    "fines",
    "kind_counts",
    "largest",
    "matches",
    "sort_fines",
    "totals",
    "totals_by",
]

ACME_GROUP = "https://w3id.org/regkg/id/company/acme-group"  # for the doctests only

KINDS_QUERY = internal_query("graph.explorer", "record-kinds")

DECISIONS_QUERY = internal_query("graph.explorer", "decision-summaries")


@dataclass(frozen=True)
class FineFilter:
    """What to keep; an empty set or ``None`` means no limit. ``parties`` matches a subject or
    its ultimate parent; ``provisions`` matches a provision or an instrument. The EUR range
    applies to fines with a EUR value; ``include_unconverted`` keeps those without one."""

    regulators: frozenset[str] = field(default_factory=frozenset)
    parties: frozenset[str] = field(default_factory=frozenset)
    jurisdictions: frozenset[str] = field(default_factory=frozenset)
    provisions: frozenset[str] = field(default_factory=frozenset)
    year_from: int | None = None
    year_to: int | None = None
    eur_min: float | None = None
    eur_max: float | None = None
    include_unconverted: bool = True
    sources: frozenset[str] = field(default_factory=frozenset)
    include_duplicates: bool = False
    include_set_aside: bool = False


@dataclass(frozen=True)
class Totals:
    """Number of fines, their EUR total, and how many had no EUR value."""

    fines: int
    eur: float
    without_eur: int


@dataclass(frozen=True)
class DecisionSummary:
    """A decision for lists: label, date, kind, authority, as-of and trust tier."""

    iri: str = field(metadata={"column": "decision"})
    label: str
    date: str
    kind: str
    authority: Ref
    as_of: tuple[str, ...] = field(metadata={"column": "asOfs"})
    trust: tuple[str, ...] = field(metadata={"column": "trusts"})


def matches(row: FineRow, f: FineFilter) -> bool:
    """Whether a fine passes the filter. A record that duplicates another source's record of the
    same decision (``reg:duplicateOf``) is hidden unless ``include_duplicates``, and a fine a
    court set aside (``reg:setAsideBy``) unless ``include_set_aside``."""
    if row.duplicate_of and not f.include_duplicates:
        return False
    if row.set_aside_by and not f.include_set_aside:
        return False
    if f.sources and not set(row.sources) & f.sources:
        return False
    if f.regulators and row.regulator.iri not in f.regulators:
        return False
    if f.parties and not {r.iri for r in (*row.companies, *row.groups)} & f.parties:
        return False
    if f.jurisdictions and row.jurisdiction not in f.jurisdictions:
        return False
    if f.provisions and not {r.iri for r in row.provisions} & f.provisions:
        return False
    if f.year_from is not None and row.year < f.year_from:
        return False
    if f.year_to is not None and row.year > f.year_to:
        return False
    if row.eur is None:
        return f.include_unconverted
    if f.eur_min is not None and row.eur < f.eur_min:
        return False
    return not (f.eur_max is not None and row.eur > f.eur_max)


def filter_fines(rows: Iterable[FineRow], f: FineFilter) -> list[FineRow]:
    """The fines that pass ``f``, in the given order."""
    return [r for r in rows if matches(r, f)]


#: Sort keys of the fines table (label → key function); missing EUR values sort last.
SORTS: dict[str, Callable[[FineRow], tuple[object, ...]]] = {
    "date": lambda r: (padded_date(r.date), r.label),
    "amount (EUR)": lambda r: (r.eur is not None, r.eur or 0.0, r.label),
    "regulator": lambda r: (r.regulator.label.casefold(), padded_date(r.date)),
    "jurisdiction": lambda r: (r.jurisdiction, padded_date(r.date)),
    "company": lambda r: (tuple(c.label.casefold() for c in r.companies), padded_date(r.date)),
}


def sort_fines(
    rows: Iterable[FineRow], by: str = "date", descending: bool = False
) -> list[FineRow]:
    """Fines sorted by one of :data:`SORTS`; fines without a EUR value stay last by amount."""
    ordered = sorted(rows, key=SORTS[by], reverse=descending)
    if by == "amount (EUR)":
        ordered = [r for r in ordered if r.eur is not None] + [r for r in ordered if r.eur is None]
    return ordered


def totals(rows: Iterable[FineRow], include_set_aside: bool = False) -> Totals:
    """Count and EUR total of the fines; a record duplicating another source's record of the
    same decision is counted once (as the preferred record), and a fine a court set aside is
    left out unless ``include_set_aside``.

    One row per fine: a fine on several companies of a group is one row (and counts once in every
    total). EUR values are those stored at build time (ECB rate of the decision date); a fine
    without one is counted but adds nothing to a EUR total.

    >>> from graph.pipeline.sample import world_store
    >>> rows = fines(world_store())
    >>> [(r.label, r.eur) for r in rows]  # doctest: +NORMALIZE_WHITESPACE
    [('ADO fine on Lone Widgets, 2020', None), ('ADO fine on Acme EU (children), 2021', 1000000.0),
     ('BMCB fine on a hostile name, 2022', 59722.89)]
    >>> totals(filter_fines(rows, FineFilter(parties=frozenset({ACME_GROUP}))))
    Totals(fines=1, eur=1000000.0, without_eur=0)
    >>> kind_counts(world_store())["Fine"]
    3
    """
    rows = [r for r in rows if r.counted(include_set_aside)]
    eur = round(sum(r.eur for r in rows if r.eur is not None), 2)
    return Totals(len(rows), eur, sum(1 for r in rows if r.eur is None))


def totals_by(
    rows: Iterable[FineRow], key: Callable[[FineRow], str], include_set_aside: bool = False
) -> list[tuple[str, float, int]]:
    """(group, EUR total, number of fines) per group, highest total first.

    >>> from graph.pipeline.sample import world_store
    >>> totals_by(fines(world_store()), lambda r: str(r.year))
    [('2021', 1000000.0, 1), ('2022', 59722.89, 1), ('2020', 0.0, 1)]
    """
    acc: dict[str, list[float]] = {}
    for r in (r for r in rows if r.counted(include_set_aside)):
        slot = acc.setdefault(key(r), [0.0, 0])
        slot[0] += r.eur or 0.0
        slot[1] += 1
    out = [(k, round(v[0], 2), int(v[1])) for k, v in acc.items()]
    return sorted(out, key=lambda t: (-t[1], t[0]))


def largest(rows: Iterable[FineRow], n: int = 10, include_set_aside: bool = False) -> list[FineRow]:
    """The ``n`` counted fines (:meth:`FineRow.counted`) with the largest EUR value."""
    kept = [r for r in rows if r.eur is not None and r.counted(include_set_aside)]
    return sort_fines(kept, "amount (EUR)", descending=True)[:n]


def kind_counts(store: Store) -> dict[str, int]:
    """Number of records of each kind (a record counts once, under its most specific kind)."""
    counts: dict[str, int] = {}
    for r in store.query(KINDS_QUERY):
        types = [t[len(REG_IRI) :] for t in (text(r, "types") or "").split()]
        kind = kind_of(types)
        counts[kind] = counts.get(kind, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def decisions(store: Store) -> list[DecisionSummary]:
    """Every decision, latest first."""
    rows = from_rows(DecisionSummary, store.query(DECISIONS_QUERY))
    return sorted(rows, key=lambda d: (padded_date(d.date), d.label), reverse=True)
