"""The common shape every reader produces: one :class:`Item` per decision row, or a
:class:`Quarantined` row that cannot be read at all. No RDF here."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph import records as R
from graph.importers.articles import Refs
from graph.importers.entities import AuthorityText
from graph.importers.values import ParsedAmount, ParsedDate


@dataclass
class Item:
    """One decision as a source row states it, cleaned but not yet resolved to entities."""

    row: int
    key: str  # stable content key (the occurrence suffix is added later)
    kind: str  # decision kind, see graph.records.DECISION_KINDS
    authority: AuthorityText
    country: str | None  # country name as the source writes it
    date: ParsedDate
    source: R.Source
    label: str
    amount: ParsedAmount | None = None  # None: the row states no fine at all
    amount_note: str | None = None
    parties: list[str] = field(default_factory=list)
    strict_parties: bool = False  # GDPRhub/CJEU parties: only organisation-like names
    role: str = "subject"  # or "named-party" (GDPRhub court rows: roles not stated)
    infringed: Refs = field(default_factory=Refs)
    considered: Refs = field(default_factory=Refs)
    unresolved: list[str] = field(default_factory=list)
    summary: str = ""
    outcome: str | None = None
    case_number: str | None = None
    celex: str | None = None
    notes: list[str] = field(default_factory=list)
    line: int | None = None  # first physical line (CSV)


@dataclass(frozen=True)
class Quarantined:
    """A row that cannot be read at all: its position and why."""

    row: int
    reason: str
    line: int | None = None


@dataclass
class HoldingItem:
    """One coded CJEU holding (``--holdings``)."""

    row: int
    cases: frozenset[str]
    number: str
    concept: str
    direction: str
    answer: str
    paragraphs: str
    provisions: str
    cited: str = ""  # the cited_cases cell, as written


Row = Item | Quarantined
