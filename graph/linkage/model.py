"""Fellegi–Sunter scoring: a pair's score is the sum of its fields' log2 Bayes factors."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from graph.linkage.compare import Comparison

#: log2 Bayes factor per field and level (a level not listed weighs 0).
WEIGHTS: dict[str, dict[str, float]] = {
    "authority": {"same": 1.0, "other": -4.0},
    "amount": {
        "close": 6.0,
        "converted": 3.0,
        "near": 1.0,
        "stated-near": 1.0,
        "reduced": 1.0,
        "typo": 1.0,
        "far": -8.0,
    },
    "date": {
        "missing": 0.5,
        "same": 5.0,
        "week": 2.0,
        "month": 0.0,
        "typo": 1.5,
        "quarter": -3.0,
        "far": -7.0,
    },
    "party": {
        "same": 5.0,
        "whole": -5.0,
        "several": 2.5,
        "group": 3.5,
        "name": 4.0,
        "mentioned": 4.0,
        "prefix": 3.0,
        "similar": 1.5,
        "unnamed": 0.0,
        "different": -4.0,
    },
    "ids": {"shared": 10.0, "conflict": -8.0, "none": -1.0},
    "provisions": {"overlap": 1.0, "disjoint": -2.0},
    "summary": {"alike": 4.0, "related": 2.0, "unlike": -1.5},
}
#: The prior: log2 odds that a candidate pair is one decision.
PRIOR = -6.0
#: An exact amount's weight: log2 of how rare it is, between these bounds.
EXACT_AMOUNT_MIN, EXACT_AMOUNT_MAX = 3.0, 12.0
#: Added to the rarity of an exact amount: each decision stands in several sources, so its
#: amount is counted two to four times in the frequencies.
EXACT_AMOUNT_BONUS = 2.0
#: A summary's amount weighs less than a recorded one: summaries round ("€2.6 million").
STATED_OFFSET = -1.0
MATCH = 4.0
REVIEW = 3.0


class AmountFrequency:
    """How often each EUR amount occurs per jurisdiction, for the exact-amount weight."""

    def __init__(self, amounts: Iterable[tuple[str, Decimal]]) -> None:
        self.counts: Counter[tuple[str, Decimal]] = Counter()
        self.totals: Counter[str] = Counter()
        for jurisdiction, eur in amounts:
            self.counts[(jurisdiction, eur.quantize(Decimal(1)))] += 1
            self.totals[jurisdiction] += 1

    def weight(self, jurisdiction: str, eur: Decimal | None) -> float:
        """log2(1 / share of records with this amount), bounded."""
        if eur is None:
            return EXACT_AMOUNT_MIN
        n = self.counts[(jurisdiction, eur.quantize(Decimal(1)))]
        total = self.totals[jurisdiction]
        if not n or not total:
            return EXACT_AMOUNT_MAX
        return min(
            EXACT_AMOUNT_MAX, max(EXACT_AMOUNT_MIN, math.log2(total / n) + EXACT_AMOUNT_BONUS)
        )


def score(c: Comparison, exact_amount_weight: float) -> float:
    """The pair's log2 odds of being one decision.

    Each weight is log2(m / u): how much more often a level occurs among pairs that are the same
    decision (m) than among candidate pairs that are not (u). They were set from the data's
    structure, then moved towards the odds observed on the cross-source candidate pairs of the
    hand-labelled gold set (``tests/fixtures/linkage/``), but kept more moderate than those odds:
    the gold set holds more hard negatives than the store does. An exact amount is weighed by how
    common that amount is in the jurisdiction (splink's term-frequency adjustment): two EUR 1,000
    fines of the same day say little, two of EUR 746,000,000 say nearly everything; an amount only a
    summary states weighs a little less.

    A pair scoring at least :data:`MATCH` is linked; one between :data:`REVIEW` and :data:`MATCH` is
    listed for review and neither linked nor forgotten.
    """
    total = PRIOR
    for name, level in c.fields().items():
        if name == "amount" and level == "exact":
            total += exact_amount_weight
        elif name == "amount" and level == "stated":
            total += exact_amount_weight + STATED_OFFSET
        else:
            total += WEIGHTS[name].get(level, 0.0)
    return total


def probability(log2_odds: float) -> float:
    """Match probability of a score."""
    return 1.0 / (1.0 + math.pow(2.0, -log2_odds))
