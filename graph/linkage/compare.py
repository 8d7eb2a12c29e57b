"""Field comparisons of two decision records: each field gives a level, each level a weight.

The levels are those a reviewer uses when two trackers disagree: an amount that is exact, close
(conversion, rounding), a likely typo (one digit, a power of ten) or different; dates that are
the same, days apart (decision against announcement), a likely typo (day and month swapped, a
year off by one) or far apart; the company by IRI, by corporate group, by normalised name, or
"entity not specified"; shared case numbers; overlapping provisions. The weights are
Fellegi–Sunter log2 Bayes factors (:mod:`graph.linkage.model`).

>>> amount_level(Decimal("35258708"), Decimal("32258708"))
'typo'
>>> amount_level(Decimal("225000000"), Decimal("225000000")), amount_level(Decimal("1"), None)
('exact', 'missing')
>>> date_level({"2021-09-02"}, {"2021-08-20"}), date_level({"2021-07-16"}, {"2021-07-22"})
('month', 'week')
>>> date_level({"2020-03-12"}, {"2020-12-03"}), date_level({"2019-05-06"}, {"2020-05-06"})
('typo', 'typo')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from rapidfuzz import fuzz

from graph.importers.names import core
from graph.importers.text import fold
from graph.linkage.records import LinkRecord, interval


def _digits(x: Decimal) -> str:
    return format(x.quantize(Decimal(1)), "f")


def _one_digit_apart(a: str, b: str) -> bool:
    """Same length, one digit different; or one digit more or less (a dropped or doubled key)."""
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    if abs(len(a) - len(b)) != 1:
        return False
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def amount_level(a: Decimal | None, b: Decimal | None) -> str:
    """``exact`` (within 0.5 %), ``close`` (2 %), ``near`` (10 %: conversions at other rates),
    ``reduced`` (by 20 % or 40 %), ``typo`` (one digit apart, or a power of ten), ``far`` or
    ``missing``."""
    if a is None or b is None or a <= 0 or b <= 0:
        return "missing"
    hi, lo = max(a, b), min(a, b)
    ratio = hi / lo
    if ratio <= Decimal("1.005"):
        return "exact"
    if ratio <= Decimal("1.02"):
        return "close"
    if lo >= 1000 and (_slip(_digits(hi), _digits(lo)) or ratio in (Decimal(10), Decimal(100))):
        return "typo"
    if ratio <= Decimal("1.10"):
        return "near"
    if any(abs(lo / hi - r) <= Decimal("0.005") for r in _REDUCTIONS):
        return "reduced"
    return "far"


#: Reductions for paying early or admitting the breach (the AEPD's 20 % and 40 %).
_REDUCTIONS = (Decimal("0.8"), Decimal("0.6"))


def _slip(a: str, b: str) -> bool:
    """One digit apart in a number with at least three significant digits (35,258,708 against
    32,258,708; not 5,000,000 against 2,000,000, which are simply two round amounts)."""
    return len(a.rstrip("0")) >= 3 and len(b.rstrip("0")) >= 3 and _one_digit_apart(a, b)


def _amounts(a: LinkRecord, b: LinkRecord) -> str:
    """The amount level, in the original currency where both records state one (EUR values
    converted at two different dates differ by a percent or two), else in EUR."""
    shared = {c for _, c in a.amounts} & {c for _, c in b.amounts}
    if shared:
        levels = [
            amount_level(x, y)
            for x, cx in a.amounts
            for y, cy in b.amounts
            if cx == cy and cx in shared
        ]
        return min(levels, key=_AMOUNT_ORDER.index)
    return amount_level(a.eur_amount, b.eur_amount)


_AMOUNT_ORDER = ["exact", "close", "typo", "near", "reduced", "far", "missing"]


def _days(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two date intervals (0 when they overlap)."""
    return max(0, (max(a[0], b[0]) - min(a[1], b[1])).days)


def _typo(a: date, b: date) -> bool:
    """A likely slip: day and month swapped, the year off by one on the same day, or one digit of
    the day."""
    if (a.day, a.month) == (b.month, b.day) and a.year == b.year:
        return True
    if (a.month, a.day) == (b.month, b.day) and abs(a.year - b.year) == 1:
        return True
    return (a.year, a.month) == (b.year, b.month) and _one_digit_apart(
        f"{a.day:02d}", f"{b.day:02d}"
    )


def date_level(a: set[str], b: set[str]) -> str:
    """``same`` day (or overlapping partial dates), ``week`` (7 days), ``month`` (31 days),
    ``quarter`` (92 days), ``typo``, ``far`` or ``missing``; the closest pair of dates counts
    (decision and announcement dates alike)."""
    ia = [i for i in map(interval, a) if i]
    ib = [i for i in map(interval, b) if i]
    if not ia or not ib:
        return "missing"
    gap = min(_days(x, y) for x in ia for y in ib)
    if gap == 0:
        return "same"
    if gap <= 7:
        return "week"
    if gap <= 31:
        return "month"
    exact = [x[0] for x in ia if x[0] == x[1]], [y[0] for y in ib if y[0] == y[1]]
    if any(_typo(x, y) for x in exact[0] for y in exact[1]):
        return "typo"
    return "quarter" if gap <= 92 else "far"


def _names(rec: LinkRecord) -> set[str]:
    return {c for c in map(core, rec.party_labels) if c}


def party_level(a: LinkRecord, b: LinkRecord) -> str:
    """``same`` entity, same ``group``, same normalised ``name``, ``similar`` name (a shared
    word of four letters or more), ``unnamed`` (one side names no one or says "not specified"),
    or ``different``."""
    if a.parties & b.parties:
        return "same"
    if a.groups & b.groups:
        return "group"
    na, nb = _names(a), _names(b)
    if not na or not nb:
        return "unnamed"
    if na & nb:
        return "name"
    wa = {w for n in na for w in n.split() if len(w) >= 4}
    wb = {w for n in nb for w in n.split() if len(w) >= 4}
    if wa & wb:
        return "similar"
    return "unnamed" if a.unnamed or b.unnamed else "different"


def _scheme(token: str) -> str:
    return re.sub(r"[^A-Z].*$", "", token)


def id_level(a: LinkRecord, b: LinkRecord) -> str:
    """``shared`` identifier token; ``conflict`` when both have identifiers of one scheme (the
    same letters first: SAN-2022-026 against SAN-2022-027) and none in common; ``none`` in
    common otherwise; or ``missing``."""
    if not a.ids or not b.ids:
        return "missing"
    if a.ids & b.ids:
        return "shared"
    if {_scheme(t) for t in a.ids} & {_scheme(t) for t in b.ids} - {""}:
        return "conflict"
    return "none"


def provision_level(a: LinkRecord, b: LinkRecord) -> str:
    """``overlap`` of cited provisions, ``disjoint``, or ``missing``."""
    if not a.provisions or not b.provisions:
        return "missing"
    return "overlap" if a.provisions & b.provisions else "disjoint"


def authority_level(a: LinkRecord, b: LinkRecord) -> str:
    """``same`` authority or ``other`` (same jurisdiction, another authority)."""
    return "same" if a.authority == b.authority else "other"


def summary_level(a: LinkRecord, b: LinkRecord) -> str:
    """How alike the two summaries read (rapidfuzz's token-set ratio of the folded texts):
    ``alike`` (80 or more), ``related`` (60), ``unlike`` (below 35) or ``missing``.
    Sources often copy or translate each other's summaries; two small fines of one day rarely
    share more than boilerplate."""
    if not a.summary or not b.summary:
        return "missing"
    r = fuzz.token_set_ratio(_text(a.summary), _text(b.summary), processor=None)
    if r >= 80:
        return "alike"
    if r >= 60:
        return "related"
    return "unlike" if r < 35 else "neutral"


@lru_cache(maxsize=65536)
def _text(summary: str) -> str:
    return fold(summary[:600])


@dataclass(frozen=True)
class Comparison:
    """The levels of one candidate pair, field by field."""

    authority: str
    amount: str
    date: str
    party: str
    ids: str
    provisions: str
    summary: str

    def fields(self) -> dict[str, str]:
        return {
            "authority": self.authority,
            "amount": self.amount,
            "date": self.date,
            "party": self.party,
            "ids": self.ids,
            "provisions": self.provisions,
            "summary": self.summary,
        }


def compare(a: LinkRecord, b: LinkRecord) -> Comparison:
    """Every field's level for the pair ``a``, ``b``."""
    return Comparison(
        authority_level(a, b),
        _amounts(a, b),
        date_level(a.all_dates, b.all_dates),
        party_level(a, b),
        id_level(a, b),
        provision_level(a, b),
        summary_level(a, b),
    )
