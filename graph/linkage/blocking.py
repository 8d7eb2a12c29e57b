"""Candidate pairs: only records that share a blocking key are compared, so the work grows with
the largest block, not with the square of the store."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator

from graph.linkage.records import LinkRecord, interval

#: Blocks larger than this are split no further but skipped for that key: a key shared by so
#: many records (one month of one busy authority) carries no signal the others lack.
MAX_BLOCK = 400


def _bands(rec: LinkRecord) -> set[int]:
    out: set[int] = set()
    for eur in rec.eur:
        if eur > 0:
            b = math.floor(math.log10(float(eur)) * 10)
            out |= {b - 1, b, b + 1}
    return out


def _months(rec: LinkRecord) -> set[int]:
    out: set[int] = set()
    for d in rec.all_dates:
        i = interval(d)
        if i and (i[1] - i[0]).days <= 31:
            m = i[0].year * 12 + i[0].month
            out |= {m - 1, m, m + 1}
    return out


def keys(rec: LinkRecord) -> Iterator[tuple[str, ...]]:
    """The blocking keys of one record."""
    j = rec.jurisdiction or rec.authority
    for b in _bands(rec):
        yield ("amount", j, str(b))
    for m in _months(rec):
        yield ("month", j, str(m))
    for g in rec.groups:
        yield ("group", j, g)
    for t in rec.ids:
        yield ("id", t)


def candidate_pairs(records: list[LinkRecord]) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of records sharing a blocking key and able to be one
    decision: same jurisdiction, and a court's ruling is never paired with a regulator's
    decision (it may review it, :mod:`graph.linkage.cluster`, but it is not the same).

    Keys, all within one jurisdiction: the EUR amount's band (a tenth of a decade, and its
    neighbours, so 35,258,708 meets 32,258,708), the month of any date (and its neighbours), each
    company group, and any case identifier (across jurisdictions). A decision is a candidate of
    another only if they share a key, so the work grows with the size of the largest block, not with
    the square of the store.
    """
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, rec in enumerate(records):
        for k in set(keys(rec)):
            blocks[k].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                a, b = records[i], records[j]
                if a.jurisdiction != b.jurisdiction or a.court != b.court:
                    continue
                pairs.add((i, j) if i < j else (j, i))
    return pairs
