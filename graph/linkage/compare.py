"""Field comparisons of two decision records: each field gives a level, each level a weight."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from graph.linkage.features import SummaryIndex
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


def amount_level(
    a: Decimal | None, b: Decimal | None, *, converted: bool = False, reductions: bool = True
) -> str:
    """``exact`` (within 0.5 %), ``close`` (2 %), ``converted`` (15 %, when an amount was
    converted from another currency: trackers convert at different days' rates), ``near``
    (10 %), ``reduced`` (by 20 % or
    40 %, where the authority grants such ``reductions``), ``typo`` (one digit apart, or a power
    of ten), ``far`` or ``missing``.

    >>> amount_level(Decimal("35258708"), Decimal("15258708"))
    'typo'
    >>> amount_level(Decimal("225000000"), Decimal("225000000")), amount_level(Decimal("1"), None)
    ('exact', 'missing')
    """
    if a is None or b is None or a <= 0 or b <= 0:
        return "missing"
    hi, lo = max(a, b), min(a, b)
    ratio = hi / lo
    if ratio <= Decimal("1.005"):
        return "exact"
    if ratio <= Decimal("1.02"):
        return "close"
    if converted and ratio <= Decimal("1.15"):
        return "converted"
    if ratio <= Decimal("1.10"):
        return "near"
    if reductions and any(abs(lo / hi - r) <= Decimal("0.005") for r in _REDUCTIONS):
        return "reduced"
    if lo >= 1000 and (_slip(_digits(hi), _digits(lo)) or ratio in (Decimal(10), Decimal(100))):
        return "typo"
    return "far"


def _foreign(rec: LinkRecord) -> set[tuple[Decimal, str]]:
    return {(v.normalize(), c) for v, c in rec.amounts if c != "EUR"}


def amount_field(a: LinkRecord, b: LinkRecord) -> str:
    """The amounts' level (:func:`amount_level`); the same amount in the same other currency is
    ``exact`` whatever the conversions say. When one side has no amount but its summary states
    one in euros: ``stated`` (within 2 %), ``stated-near`` (10 %) or ``missing``."""
    fa, fb = _foreign(a), _foreign(b)
    if fa & fb:
        return "exact"
    level = amount_level(
        a.eur_amount,
        b.eur_amount,
        converted=bool(fa or fb),
        reductions=a.jurisdiction in REDUCTION_JURISDICTIONS,
    )
    if level != "missing" or (a.eur and b.eur):
        return level
    have, lack = (a, b) if a.eur else (b, a)
    amount = have.eur_amount
    if amount is None:
        return "missing"
    levels = {amount_level(amount, s) for s in lack.features.stated}
    if levels & {"exact", "close"}:
        return "stated"
    return "stated-near" if "near" in levels else "missing"


#: Reductions for paying early or admitting the breach (the AEPD's 20 % and 40 %, Spain's Law
#: 39/2015, art. 85), and the jurisdictions that grant them: elsewhere two fines of 90 and 150
#: million in one case are two fines, not one reduced.
_REDUCTIONS = (Decimal("0.8"), Decimal("0.6"))
REDUCTION_JURISDICTIONS = frozenset({"ES"})


def _slip(a: str, b: str) -> bool:
    """One digit apart in a number with at least three significant digits (35,258,708 against
    32,258,708; not 5,000,000 against 2,000,000, which are simply two round amounts)."""
    return len(a.rstrip("0")) >= 3 and len(b.rstrip("0")) >= 3 and _one_digit_apart(a, b)


def _days(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two date intervals (0 when they overlap)."""
    return max(0, (max(a[0], b[0]) - min(a[1], b[1])).days)


def _typo(a: date, b: date) -> bool:
    """A likely slip: day and month swapped, the year or the month off by one on the same day, or
    one digit of the day."""
    if (a.day, a.month) == (b.month, b.day) and a.year == b.year:
        return True
    if a.day == b.day and abs((a.year * 12 + a.month) - (b.year * 12 + b.month)) == 1:
        return True
    if (a.month, a.day) == (b.month, b.day) and abs(a.year - b.year) == 1:
        return True
    return (a.year, a.month) == (b.year, b.month) and _one_digit_apart(
        f"{a.day:02d}", f"{b.day:02d}"
    )


def date_level(a: set[str], b: set[str]) -> str:
    """``same`` day (or overlapping partial dates), ``week`` (7 days), ``month`` (31 days),
    ``quarter`` (92 days), ``typo``, ``far`` or ``missing``; the closest pair of dates counts
    (decision and announcement dates alike).

    >>> date_level({"2021-09-02"}, {"2021-08-20"}), date_level({"2021-07-16"}, {"2021-07-22"})
    ('month', 'week')
    >>> date_level({"2020-03-12"}, {"2020-12-03"}), date_level({"2019-05-06"}, {"2020-05-06"})
    ('typo', 'typo')
    >>> date_level({"2020-06-14"}, {"2020-07-14"}), date_level({"2020-06-14"}, {"2020-07-10"})
    ('typo', 'month')
    """
    ia = [i for i in map(interval, a) if i]
    ib = [i for i in map(interval, b) if i]
    if not ia or not ib:
        return "missing"
    gap = min(_days(x, y) for x in ia for y in ib)
    if gap == 0:
        return "same"
    if gap <= 7:
        return "week"
    exact = [x[0] for x in ia if x[0] == x[1]], [y[0] for y in ib if y[0] == y[1]]
    if any(_typo(x, y) for x in exact[0] for y in exact[1]):
        return "typo"
    if gap <= 31:
        return "month"
    return "quarter" if gap <= 92 else "far"


def mentioned(named: LinkRecord, other: LinkRecord) -> bool:
    """Whether ``other``'s summary names ``named``'s party: a whole name, or a distinctive word
    of one (``foodinho``; not ``bank`` or ``telecom``)."""
    text = other.features.text
    f = named.features
    return any(f" {n} " in text for n in f.names) or any(f" {w} " in text for w in f.words)


def _whole_and_part(whole: LinkRecord, part: LinkRecord) -> bool:
    """``whole`` names every party ``part`` names and more, for at least half again the amount:
    one decision on several companies, recorded whole by one source and per company by another
    (:func:`graph.linkage.cluster.parts` links them)."""
    hi, lo = whole.eur_amount, part.eur_amount
    return part.parties < whole.parties and hi is not None and lo is not None and hi >= lo * 3 / 2


def party_level(a: LinkRecord, b: LinkRecord) -> str:
    """``same`` entity, ``whole`` (one side names the other's parties and more, for a much
    larger amount: a part and its whole), ``several`` (the same entity, but one side names others
    the other does not), same ``group``, same normalised ``name``, ``prefix`` (one name begins
    the other: "OLVG" and "OLVG hospital"), ``similar`` name (a shared distinctive word of four
    letters or more), ``mentioned`` (one side names no one, but its summary names the other's
    party), ``unnamed`` (one side names no one or only a kind of controller: "Debt collection
    company"), or ``different``.

    >>> from graph.linkage.records import LinkRecord
    >>> a = LinkRecord("a", "g", "x", party_labels={"Robinson Tours Ltd."})
    >>> b = LinkRecord("b", "g", "y", party_labels={"Robinson-Tours Tourism and Service Ltd."})
    >>> c = LinkRecord("c", "g", "z", party_labels={"Debt collection company"})
    >>> party_level(a, b), party_level(a, c)
    ('prefix', 'unnamed')
    >>> party_level(LinkRecord("d", "g", "z", summary="The DPA fined Robinson Tours"), a)
    'mentioned'
    """
    if a.parties & b.parties:
        if a.parties == b.parties:
            return "same"
        return "whole" if _whole_and_part(a, b) or _whole_and_part(b, a) else "several"
    if a.groups & b.groups:
        return "group"
    fa, fb = a.features, b.features
    if not fa.names or not fb.names:
        if (fa.names and mentioned(a, b)) or (fb.names and mentioned(b, a)):
            return "mentioned"
        return "unnamed"
    if fa.names & fb.names:
        return "name"
    if any(y.startswith(x + " ") or x.startswith(y + " ") for x in fa.names for y in fb.names):
        return "prefix"
    if fa.words & fb.words:
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


def summary_level(a: LinkRecord, b: LinkRecord, index: SummaryIndex | None = None) -> str:
    """How alike the two summaries read: the cosine of their words weighted by rarity
    (:class:`graph.linkage.features.SummaryIndex`): ``alike`` (0.2 or more), ``related``
    (0.15), ``neutral``, ``unlike`` (below 0.05) or ``missing``. Sources often copy or
    translate each other's summaries and repeat the controller's name and the facts; two small
    fines of one day rarely share more than boilerplate."""
    ta, tb = a.features.terms, b.features.terms
    if not ta or not tb:
        return "missing"
    r = (index or _PLAIN).cosine(ta, tb)
    if r >= 0.2:
        return "alike"
    if r >= 0.15:
        return "related"
    return "unlike" if r < 0.05 else "neutral"


_PLAIN = SummaryIndex()


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


def compare(a: LinkRecord, b: LinkRecord, index: SummaryIndex | None = None) -> Comparison:
    """Every field's level for the pair ``a``, ``b`` (summaries weighed by ``index``).

    The levels are those a reviewer uses when two trackers disagree: an amount that is exact, close
    (rounding), converted (at another day's rate), a likely typo (one digit, a power of ten) or
    different, or one the other side's summary states; dates that are the same, days apart (decision
    against announcement), a likely typo (day and month swapped, a year or month off by one) or far
    apart; the company by IRI, by corporate group, by normalised name, named in the other side's
    summary, or "entity not specified"; shared case numbers; overlapping provisions. Names and
    summaries are prepared once per record (:mod:`graph.linkage.features`). The weights are
    Fellegi–Sunter log2 Bayes factors (:mod:`graph.linkage.model`).
    """
    return Comparison(
        authority_level(a, b),
        amount_field(a, b),
        date_level(a.all_dates, b.all_dates),
        party_level(a, b),
        id_level(a, b),
        provision_level(a, b),
        summary_level(a, b, index),
    )
