"""The common shape every reader produces: one :class:`Item` per decision row, or a
:class:`Quarantined` row that cannot be read at all. No RDF here."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ParamSpec, TypeVar

from graph.cleaning.cuts import Cut, watching
from graph.curated import records as R
from graph.importers.articles import Refs
from graph.importers.entities import AuthorityText
from graph.importers.values import ParsedAmount, ParsedDate


@dataclass
class Item:
    """One decision as a source row states it, cleaned but not yet resolved to entities."""

    row: int
    key: str  # stable content key (the occurrence suffix is added later)
    kind: str  # decision kind, see graph.curated.records.DECISION_KINDS
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
    cuts: tuple[Cut, ...] = ()  # values cut to a length limit while the row was read


@dataclass(frozen=True)
class Quarantined:
    """A row that cannot be read at all: its position and why."""

    row: int
    reason: str
    line: int | None = None
    cuts: tuple[Cut, ...] = ()


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
    line: int | None = None
    cuts: tuple[Cut, ...] = ()


Row = Item | Quarantined
P = ParamSpec("P")
R_ = TypeVar("R_", bound=Item | Quarantined | HoldingItem)


def watched(read: Callable[P, R_]) -> Callable[P, R_]:
    """A reader of one row whose result also holds the values cut while it was read."""

    @functools.wraps(read)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R_:
        with watching() as log:
            row = read(*args, **kwargs)
        cuts = log.found()
        return dataclasses.replace(row, cuts=cuts) if cuts else row

    return wrapper


def identity(item: Item) -> str:
    """A digest of everything a row states once read, its position in the file left out: rows
    with the same identity would make the same record. Cut values count in full (their digests),
    so rows that differ only past a length limit are not the same."""
    same = dataclasses.replace(item, row=0, line=None)
    return hashlib.sha256(repr(same).encode("utf-8", "backslashreplace")).hexdigest()


class Reread:
    """The rows of one file read so far, by raw content. A row whose raw content repeats an
    earlier row's is not parsed again: it gets that row's result at its own position. Reading is
    deterministic, so the result is the one parsing would give; a file of one row repeated
    many times reads in the time of one."""

    def __init__(self) -> None:
        self._seen: dict[bytes, Row] = {}

    def __call__(
        self,
        raw: object,
        row: int,
        line: int | None,
        read: Callable[P, Row],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> Row:
        """``read(*args, **kwargs)``, unless ``raw`` repeats an earlier row's raw content."""
        text = json.dumps(raw, ensure_ascii=False, sort_keys=True, default=repr)
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
        earlier = self._seen.get(key)
        if earlier is None:
            self._seen[key] = result = read(*args, **kwargs)
            return result
        return dataclasses.replace(earlier, row=row, line=line)
