"""The linker's input: every decision record in the store, flattened to the fields it compares."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import Any

import pyoxigraph as ox

from graph.linkage.features import Features, extract
from graph.sparql.internal import internal_query
from graph.vocabulary.namespaces import GRAPH_BASE, REG

LINKAGE_GRAPH = GRAPH_BASE + "linkage"
CURATED_PREFIX = GRAPH_BASE + "curated-"
#: The linker's reads of the store, one per field family.
_SOURCES = internal_query("graph.linkage", "sources")
_DECISIONS = internal_query("graph.linkage", "decisions")
_DATES = internal_query("graph.linkage", "dates")
_AMOUNTS = internal_query("graph.linkage", "amounts")
_PARTIES = internal_query("graph.linkage", "parties")
_IDENTIFIERS = internal_query("graph.linkage", "identifiers")
_CHAINS = internal_query("graph.linkage", "chains")
_IMPLEMENTS = internal_query("graph.linkage", "implements")

#: Preference among sources: the preferred record of a cluster is the lowest rank (curated first).
SOURCE_RANK = {
    "curated": 0,
    "enforcementtracker": 1,
    "gdprhub": 2,
    "privacyaffairs": 3,
    "cjeu": 4,
}
UNKNOWN_RANK = 9

_KINDS = {
    str(REG.Fine): "fine",
    str(REG.Judgment): "judgment",
    str(REG.CourtCase): "court-case",
    str(REG.Order): "order",
    str(REG.Settlement): "settlement",
    str(REG.Investigation): "investigation",
    str(REG.BindingDecision): "binding-decision",
    str(REG.DraftDecision): "draft-decision",
}
#: Identifier-like tokens: letters, then digits separated by - / . (IN-20-8-1, SAN-2021-023,
#: C-311/18, 2020/AR/1111); plain dates are not identifiers.
_ID_TOKEN = re.compile(r"(?:[A-Z]{1,8}[- ]?)?\d+(?:[-/.][A-Z0-9]+)+")
#: Legislation, not a case: 2002/58/EC, 2016/679.
_LAW = re.compile(r"/(?:EC|EU|EEC|EG|UE|CE)\b|^\D*(?:2016/679|2002/58)")
#: A court case number's core, without its letter prefix: C-311/18 → 311/18.
_CASE_CORE = re.compile(r"^[A-Z]{1,3}-(\d{1,4}/\d{2})$")
#: A procedure number written with hyphens: PS-00266-2019 is PS/00266/2019 (AEPD), whose token
#: is 00266/2019.
_PROCEDURE_HYPHENS = re.compile(r"^[A-Z]{1,3}-(\d{5})-((?:19|20)\d{2})$")
_DATE_LIKE = re.compile(r"^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})$")


@dataclass
class LinkRecord:
    """One decision record as the linker sees it."""

    iri: str
    graph: str
    source: str
    kinds: set[str] = field(default_factory=set)
    authority: str = ""
    court: bool = False
    jurisdiction: str = ""
    label: str = ""
    row: int | None = None
    summary: str = ""
    dates: set[str] = field(default_factory=set)
    announced: set[str] = field(default_factory=set)
    #: (value, currency) of each imposed amount, and its EUR value where known.
    amounts: set[tuple[Decimal, str]] = field(default_factory=set)
    eur: set[Decimal] = field(default_factory=set)
    parties: set[str] = field(default_factory=set)
    party_labels: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)
    unnamed: bool = False
    ids: set[str] = field(default_factory=set)
    provisions: set[str] = field(default_factory=set)
    #: what the record says a court did (curated records' ``reg:outcome``)
    outcome: str = ""
    #: records this one reviews or challenges, as its own source states (``reg:appealFrom``)
    appeal_from: set[str] = field(default_factory=set)
    #: binding or draft decisions this one implements, as its own source states
    implements: set[str] = field(default_factory=set)

    @property
    def rank(self) -> int:
        return SOURCE_RANK.get(self.source, UNKNOWN_RANK)

    @property
    def kind(self) -> str:
        for k in ("fine", "judgment", "court-case", "settlement", "order", "binding-decision"):
            if k in self.kinds:
                return k
        return next(iter(sorted(self.kinds)), "decision")

    @property
    def eur_amount(self) -> Decimal | None:
        """The record's EUR amount (the largest, if a source gives several)."""
        return max(self.eur) if self.eur else None

    @property
    def all_dates(self) -> set[str]:
        return self.dates | self.announced

    @cached_property
    def features(self) -> Features:
        """Names and summary prepared for comparison, computed on first use: a record is not
        changed once the linker has it."""
        return extract(self.party_labels, self.summary)


def id_tokens(text: str) -> set[str]:
    """Comparable identifier tokens of a case number or reference.

    >>> sorted(id_tokens("DPC ref: IN-20-8-1"))
    ['IN-20-8-1']
    >>> sorted(id_tokens("C-311/18")), sorted(id_tokens("2021-12-02 21.08.2023 2002/58/EC"))
    (['311/18', 'C-311/18'], [])
    >>> sorted(id_tokens("BVwG W274 2224363-1"))
    ['2224363-1']
    >>> sorted(id_tokens("PS/00266/2019")), sorted(id_tokens("PS-00266-2019"))
    (['00266/2019'], ['00266/2019', 'PS-00266-2019'])
    """
    out = set()
    for m in _ID_TOKEN.finditer(text.upper()):
        tok = m.group(0).replace(" ", "-")
        if _DATE_LIKE.match(tok) or _LAW.search(tok):
            continue
        out.add(tok)
        core = _CASE_CORE.match(tok)
        if core:  # C-311/18 and 311/18 name the same case
            out.add(core.group(1))
        procedure = _PROCEDURE_HYPHENS.match(tok)
        if procedure:
            out.add(f"{procedure.group(1)}/{procedure.group(2)}")
    return out


def interval(value: str) -> tuple[date, date] | None:
    """The days a date of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` precision can mean.

    >>> interval("2021-02")
    (datetime.date(2021, 2, 1), datetime.date(2021, 2, 28))
    """
    parts = value.split("-")
    try:
        if len(parts) == 1:
            y = int(parts[0])
            return date(y, 1, 1), date(y, 12, 31)
        if len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            return date(y, m, 1), date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
        d = date.fromisoformat(value)
    except ValueError:
        return None
    return d, d


def _value(term: Any) -> str | None:
    return None if term is None else str(term.value)


def _rows(store: Any, query: str) -> list[list[str | None]]:
    return [[_value(v) for v in sol] for sol in store.query(query)]


def _decimal(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def read_records(store: Any) -> dict[str, LinkRecord]:
    """Every decision record of ``store`` (a :class:`graph.stores.contract.Store` or anything
    with its ``query``), keyed by IRI.

    One read of the store per field family (the internal queries in ``graph/linkage/queries/``); the
    linkage graph itself is left out, so a run never reads its own earlier answer.
    """
    sources = {g: n for g, n in _rows(store, _SOURCES) if g and n}
    recs: dict[str, LinkRecord] = {}
    for d, g, typ, auth, auth_type, code, label, row, summary in _rows(store, _DECISIONS):
        if d is None or g is None or auth is None:
            continue
        source = "curated" if g.startswith(CURATED_PREFIX) else sources.get(g, g)
        rec = recs.get(d)
        if rec is None:
            rec = recs[d] = LinkRecord(d, g, source, authority=auth)
        if typ in _KINDS:
            rec.kinds.add(_KINDS[typ])
        rec.court = rec.court or auth_type == str(REG.Court)
        rec.jurisdiction = rec.jurisdiction or (code or "")
        rec.label = rec.label or (label or "")
        rec.summary = rec.summary or (summary or "")
        if row and rec.row is None:
            rec.row = int(row)
    for d, when, kind in _rows(store, _DATES):
        if d in recs and when:
            (recs[d].dates if kind == "decided" else recs[d].announced).add(when)
    for d, value, currency, eur in _rows(store, _AMOUNTS):
        if d not in recs:
            continue
        v, e = _decimal(value), _decimal(eur)
        if v is not None and currency:
            recs[d].amounts.add((v, currency))
        if e is not None:
            recs[d].eur.add(e)
    for d, p, plabel, parent, description in _rows(store, _PARTIES):
        if d not in recs:
            continue
        rec = recs[d]
        if description:
            rec.unnamed = True
        if p and ("/company/" in p or "/public-body/" in p):
            rec.parties.add(p)
            rec.groups.add(parent or p)
            if plabel:
                rec.party_labels.add(plabel)
    for d, ident, provision in _rows(store, _IDENTIFIERS):
        if d not in recs:
            continue
        if ident:
            recs[d].ids |= id_tokens(ident)
        if provision:
            recs[d].provisions.add(provision)
    for d, reviewed, outcome in _rows(store, _CHAINS):
        if d not in recs:
            continue
        if reviewed:
            recs[d].appeal_from.add(reviewed)
        if outcome:
            recs[d].outcome = recs[d].outcome or outcome
    for d, implemented in _rows(store, _IMPLEMENTS):
        if d in recs and implemented:
            recs[d].implements.add(implemented)
    return recs


def memory_store(quads: list[ox.Quad]) -> Any:
    """A throwaway in-memory store with ``query`` like :class:`graph.stores.contract.Store`."""
    from graph.stores.embedded import GraphStore

    return GraphStore.memory(quads)
