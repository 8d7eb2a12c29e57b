"""Clusters from scored pairs; parts of a whole; the links that make every decision count once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations

from graph.linkage.records import LinkRecord

PART_TOLERANCE = Decimal("0.01")
#: When the whole's summary states each part's amount ("€6,000,000 and €3,250,000
#: respectively"), the parts may add up within 2 % and be dated within a quarter of the whole
#: (a decision and its later announcement).
STATED_PART_TOLERANCE = Decimal("0.02")
#: Parts are looked for only among fines of at least this much (in EUR): below it, two small
#: fines of one day adding up to a third are common and say nothing.
PART_MINIMUM = Decimal(100_000)
MAX_PARTS = 3
#: Party levels (:func:`graph.linkage.compare.party_level`) a part may have with its whole.
_PART_PARTIES = ("same", "whole", "several", "group", "name", "similar", "mentioned", "unnamed")


@dataclass(frozen=True)
class Pair:
    """A scored candidate pair, by record index."""

    a: int
    b: int
    score: float
    fields: dict[str, str] = field(compare=False, hash=False)


@dataclass
class Clusters:
    """Union-find over record indices, keeping each cluster's sources."""

    records: list[LinkRecord]
    parent: list[int] = field(init=False)
    sources: dict[int, set[str]] = field(init=False)

    def __post_init__(self) -> None:
        self.parent = list(range(len(self.records)))
        self.sources = {i: {r.source} for i, r in enumerate(self.records)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        """Merge the clusters of ``a`` and ``b`` unless they share a source; whether merged."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.sources[ra] & self.sources[rb]:
            return False
        self.parent[rb] = ra
        self.sources[ra] |= self.sources.pop(rb)
        return True

    def groups(self) -> list[list[int]]:
        """Every cluster's members, preferred record first, clusters in a stable order."""
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.records)):
            out[self.find(i)].append(i)
        key = self.preference
        return sorted((sorted(m, key=key) for m in out.values()), key=lambda m: key(m[0]))

    def preference(self, i: int) -> tuple[bool, int, str]:
        """Records with an amount first (a cluster is counted at its preferred record's
        amount, so a record without one must not stand for a fine another source prices),
        then the most preferred source, then the IRI."""
        r = self.records[i]
        return (r.eur_amount is None, r.rank, r.iri)


def cluster(
    records: list[LinkRecord], pairs: list[Pair], match: float
) -> tuple[list[list[int]], list[Pair]]:
    """Clusters (preferred record first) and the matching pairs that could not be merged.

    Clusters grow greedily from the best-scoring pair down, as long as a cluster holds at most one
    record per source (a tracker does not list one decision twice; when it seems to, the pair goes
    to review). Each cluster's preferred record is the most preferred source's (curated first) among
    the records that state an amount.
    """
    c = Clusters(records)
    refused = []
    for p in sorted(pairs, key=lambda p: (-p.score, p.a, p.b)):
        if p.score >= match and not c.union(p.a, p.b):
            refused.append(p)
    groups = c.groups()
    return groups, [p for p in refused if c.find(p.a) != c.find(p.b)]


def _amount(records: list[LinkRecord], members: list[int]) -> Decimal | None:
    return records[members[0]].eur_amount


def _stated(whole: LinkRecord, part: LinkRecord) -> bool:
    """Whether the whole's summary states the part's amount (within 2 %)."""
    from graph.linkage.compare import amount_level

    return any(
        amount_level(s, part.eur_amount) in ("exact", "close") for s in whole.features.stated
    )


def _compatible(whole: LinkRecord, part: LinkRecord) -> bool:
    from graph.linkage.compare import date_level, id_level, party_level

    if whole.authority != part.authority or whole.court or part.court:
        return False
    dates = (
        ("same", "week", "month", "quarter") if _stated(whole, part) else ("same", "week", "month")
    )
    if date_level(whole.all_dates, part.all_dates) not in dates:
        return False
    if id_level(whole, part) == "conflict":
        return False
    return party_level(whole, part) in _PART_PARTIES


def parts(records: list[LinkRecord], groups: list[list[int]]) -> dict[int, int]:
    """Part cluster → whole cluster (indices into ``groups``): two or three clusters whose
    amounts add up to another's, each compatible with it (same authority, dates known and within
    a month, no conflicting case numbers, the same company group or an unnamed company).

    Parts and wholes: when one source records a decision as two or three fines (the DPC's EUR 390m
    on Meta as EUR 210m and EUR 180m) and another as one, the parts' clusters are linked to the
    whole's with ``reg:partOf``: same authority, dates known and within a month, no conflicting case
    numbers, the same company group or an unnamed one, and amounts that add up to the whole's within
    1 % (a quarter and 2 % when the whole's summary states each part's amount).
    """
    by_authority: dict[str, list[int]] = defaultdict(list)
    for gi, members in enumerate(groups):
        rec = records[members[0]]
        amount = _amount(records, members)
        if amount is not None and amount >= PART_MINIMUM and not rec.court:
            by_authority[rec.authority].append(gi)
    out: dict[int, int] = {}
    for gis in by_authority.values():
        for whole in sorted(gis, key=lambda g: -(_amount(records, groups[g]) or 0)):
            if whole in out:
                continue
            w_rec = records[groups[whole][0]]
            w_amount = _amount(records, groups[whole]) or Decimal(0)
            cands = [
                g
                for g in gis
                if g != whole
                and g not in out
                and (_amount(records, groups[g]) or w_amount) < w_amount
                and _compatible(w_rec, records[groups[g][0]])
            ]
            found = _subset(records, groups, cands, w_amount, w_rec)
            for g in found:
                out[g] = whole
    return out


def _subset(
    records: list[LinkRecord],
    groups: list[list[int]],
    cands: list[int],
    total: Decimal,
    whole: LinkRecord,
) -> tuple[int, ...]:
    """The first set of two or three candidates whose amounts add up to ``total`` (1 %, or 2 %
    when the whole's summary states each part's amount), the one with the fewest parts first."""
    for n in range(2, MAX_PARTS + 1):
        for combo in combinations(sorted(cands), n):
            s = sum((_amount(records, groups[g]) or Decimal(0)) for g in combo)
            stated = all(_stated(whole, records[groups[g][0]]) for g in combo)
            if abs(s - total) <= (STATED_PART_TOLERANCE if stated else PART_TOLERANCE) * total:
                return combo
    return ()
