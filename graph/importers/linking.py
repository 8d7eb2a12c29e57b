"""Cross-source links at import: a record of the same decision as a stored one is linked with
``reg:duplicateOf`` from the less preferred record to the preferred one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from graph.cleaning.text import fold
from graph.importers.base import CURATED_RANK, SOURCES, UNKNOWN_RANK
from graph.importers.snapshot import CURATED_PREFIX, KnownDecision, Snapshot
from graph.vocabulary.namespaces import ID_BASE

DATE_WINDOW = timedelta(days=3)
AMOUNT_TOLERANCE = Decimal("0.02")
_PARTY_KINDS = (ID_BASE + "company/", ID_BASE + "public-body/")


def _interval(value: str) -> tuple[date, date] | None:
    parts = value.split("-")
    try:
        if len(parts) == 1:
            return date(int(parts[0]), 1, 1), date(int(parts[0]), 12, 31)
        if len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            end = date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
            return date(y, m, 1), end
        d = date.fromisoformat(value)
    except ValueError:
        return None
    return d, d


def dates_close(a: set[str], b: set[str]) -> bool:
    """Whether some date of ``a`` is within 3 days of some date of ``b`` (or one is missing).

    >>> dates_close({"2021-04-09"}, {"2021-04-12"}), dates_close({"2021-04-09"}, {"2021-04-13"})
    (True, False)
    >>> dates_close({"2021"}, {"2021-07-15"}), dates_close(set(), {"2021-07-15"})
    (True, True)
    """
    ia = [i for i in map(_interval, a) if i]
    ib = [i for i in map(_interval, b) if i]
    if not ia or not ib:
        return True
    return any(max(x[0], y[0]) - min(x[1], y[1]) <= DATE_WINDOW for x in ia for y in ib)


def amounts_close(a: set[Decimal], b: set[Decimal]) -> bool:
    """Whether some amount of ``a`` is within 2 % of some amount of ``b`` (or one is missing).

    >>> amounts_close({Decimal("14500000")}, {Decimal("14542040.24")})
    True
    """
    if not a or not b:
        return True
    return any(abs(x - y) <= AMOUNT_TOLERANCE * max(x, y) for x in a for y in b)


def _decimals(values: set[str]) -> set[Decimal]:
    out = set()
    for v in values:
        try:
            out.add(Decimal(v))
        except InvalidOperation:
            continue
    return out


def ids_of(values: set[str]) -> set[str]:
    """Comparable identifiers (CELEX numbers, case numbers); placeholders left out."""
    return {f for f in (fold(v) for v in values) if f and f not in ("n a", "na", "unknown")}


@dataclass(frozen=True)
class Link:
    """``record reg:duplicateOf target``, stated by the importing graph."""

    record: str
    target: str
    row: int


class Linker:
    """Finds the stored records a new record duplicates.

    Two records are of the same decision when they have the same authority, the same subject or the
    same case identifier, dates within 3 days or one missing, EUR amounts within 2 % or one missing.

    Preference: curated > Enforcement Tracker > GDPRhub > PrivacyAffairs > CJEU metadata. Only
    records already in the store are linked to; a link is stated in the importing graph, so it goes
    when that graph is replaced.
    """

    def __init__(self, snapshot: Snapshot, own_rank: int) -> None:
        self.snapshot = snapshot
        self.own_rank = own_rank
        self.by_authority: dict[str, list[KnownDecision]] = {}
        for d in snapshot.decisions.values():
            self.by_authority.setdefault(d.authority, []).append(d)

    def rank(self, d: KnownDecision) -> int:
        if d.graph.startswith(CURATED_PREFIX):
            return CURATED_RANK
        name = self.snapshot.graph_sources.get(d.graph)
        return SOURCES[name].rank if name in SOURCES else UNKNOWN_RANK

    def groups(self, parties: set[str]) -> set[str]:
        """Companies and public bodies, with their ultimate parents (same group = same subject)."""
        out = set()
        for p in parties:
            if p.startswith(_PARTY_KINDS):
                out.add(p)
                if p in self.snapshot.parents:
                    out.add(self.snapshot.parents[p])
        return out

    def root(self, d: KnownDecision) -> KnownDecision:
        seen = {d.iri}
        while d.duplicate_of and d.duplicate_of in self.snapshot.decisions:
            d = self.snapshot.decisions[d.duplicate_of]
            if d.iri in seen:
                break
            seen.add(d.iri)
        return d

    def matches(
        self, authority: str, dates: set[str], eur: set[Decimal], parties: set[str], ids: set[str]
    ) -> list[KnownDecision]:
        """Stored records (roots of their duplicate chains) that describe the same decision.

        A match on a case identifier (CELEX or case number) outranks a match on the subject: if
        any stored record shares an identifier, only those count.
        """
        mine = self.groups(parties)
        my_ids = ids_of(ids)
        by_id: dict[str, KnownDecision] = {}
        by_party: dict[str, KnownDecision] = {}
        for d in self.by_authority.get(authority, []):
            same_id = bool(my_ids & ids_of(d.ids))
            if not (same_id or mine & self.groups(d.parties)):
                continue
            if not self._close(d, dates, eur):
                continue
            r = self.root(d)
            if r is not d and not self._close(r, dates, eur):
                continue  # the stored link disagrees with this record: leave it alone
            (by_id if same_id else by_party)[r.iri] = r
        found = by_id or by_party
        return sorted(found.values(), key=lambda d: (self.rank(d), d.iri))

    @staticmethod
    def _close(d: KnownDecision, dates: set[str], eur: set[Decimal]) -> bool:
        return dates_close(dates, d.dates) and amounts_close(eur, _decimals(d.eur))

    def links(self, record: str, row: int, matches: list[KnownDecision]) -> list[Link]:
        """The links to state: to the most preferred match, or from the matches to ``record``.

        Two equally preferred matches make the link ambiguous: none is stated (the caller
        reports it).
        """
        if not matches or self.ambiguous(matches):
            return []
        best = matches[0]
        if self.rank(best) <= self.own_rank:
            return [Link(record, best.iri, row)]
        return [Link(m.iri, record, row) for m in matches]

    def ambiguous(self, matches: list[KnownDecision]) -> bool:
        """Whether the most preferred match is not the only one of its rank."""
        return len(matches) > 1 and self.rank(matches[0]) == self.rank(matches[1])
