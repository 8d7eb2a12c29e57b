"""What the linker reads from a record's free text, once per record: comparable company names,
their distinctive words, the folded summary, and the EUR amounts the summary states."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from graph.cleaning.names import (
    GENERIC_WORDS,
    LEGAL_FORMS,
    NATIONALITIES,
    ORG_WORDS,
    core,
)
from graph.cleaning.text import fold, strip_parens

#: Words that say what kind of body a controller is, not which one: no evidence of identity.
_COMMON = GENERIC_WORDS | ORG_WORDS | NATIONALITIES | {f[0] for f in LEGAL_FORMS if len(f) == 1}
_NUMBER = r"\d{1,3}(?:[.,\s]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?"
_SCALE = r"(?:\s?(million|mio\.?|m|billion|bn)\b)?"
_STATED = re.compile(
    rf"(?:€|\bEUR\b|\beuros?\b)\s?({_NUMBER}){_SCALE}|({_NUMBER}){_SCALE}\s?(?:€|\bEUR\b|\beuros?\b)",
    re.IGNORECASE,
)
_SCALES = {"million": 10**6, "mio": 10**6, "mio.": 10**6, "m": 10**6, "billion": 10**9, "bn": 10**9}


@dataclass(frozen=True)
class Features:
    """A record's text, prepared for comparison."""

    #: normalised names (:func:`graph.cleaning.names.core`) that name someone
    names: frozenset[str]
    #: words of four letters or more of those names that are not common words
    words: frozenset[str]
    #: the folded summary, padded with spaces for whole-word search
    text: str
    #: the summary's words of three letters or more (not numbers), for :class:`SummaryIndex`
    terms: frozenset[str]
    #: EUR amounts the summary states
    stated: frozenset[Decimal]


def _common(word: str) -> bool:
    return word in _COMMON or (word.endswith("s") and word[:-1] in _COMMON)


def _naming(label: str) -> set[str]:
    """The core names a party label gives: the label's and each parenthesised part's, if it is
    not only common words."""
    outer, inner = strip_parens(label)
    out = set()
    for part in [outer, *inner]:
        c = core(part)
        if c and not all(map(_common, c.split())):
            out.add(c)
    return out


def _amount(number: str, scale: str | None) -> Decimal | None:
    try:
        if scale:
            return Decimal(number.replace(" ", "").replace(",", ".")) * _SCALES[scale.lower()]
        m = re.fullmatch(r"(\d{1,3}(?:[.,\s]\d{3})+|\d+)(?:[.,](\d{1,2}))?", number)
        if not m:
            return None
        whole = re.sub(r"[.,\s]", "", m.group(1))
        return Decimal(whole + ("." + m.group(2) if m.group(2) else ""))
    except (InvalidOperation, KeyError):
        return None


def stated_amounts(summary: str) -> set[Decimal]:
    """EUR amounts written in ``summary`` (``€2,600,000``, ``EUR 2.5 million``, ``500 euros``).

    >>> sorted(stated_amounts("a fine of 2,5 million euros (EUR 2.500.000,00)"))
    [Decimal('2500000')]
    """
    out = set()
    for m in _STATED.finditer(summary):
        number, scale = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        value = _amount(number, scale)
        if value is not None and value >= 1:
            out.add(value.quantize(Decimal(1)))
    return out


def extract(labels: set[str], summary: str) -> Features:
    """The features of a record with these party ``labels`` and this ``summary``.

    Trackers often leave a field empty that their summary fills in: a GDPRhub page without a party
    or an amount whose summary says "fined Foodinho €2,600,000"; an Enforcement Tracker controller
    that is only a description with the real name in parentheses ("Telecoms provider (1&1 Telecom
    GmbH)"). Names that only describe a kind of controller ("Debt collection company") name no one.

    >>> f = extract({"Telecoms provider (1&1 Telecom GmbH)"}, "")
    >>> sorted(f.names), sorted(f.words)
    (['1 1 telecom'], [])
    >>> sorted(extract({"Debt collection company"}, "").names)
    []
    >>> sorted(extract(set(), "fined Foodinho €2,600,000 and €1.5 million; EUR 12.000").stated)
    [Decimal('12000'), Decimal('1500000'), Decimal('2600000')]
    """
    names = frozenset(n for label in labels for n in _naming(label))
    words = frozenset(w for n in names for w in n.split() if len(w) >= 4 and not _common(w))
    text = fold(summary)
    terms = frozenset(w for w in text.split() if len(w) >= 3 and not w.isdigit())
    return Features(names, words, f" {text} ", terms, frozenset(stated_amounts(summary)))


@dataclass
class SummaryIndex:
    """How rare each summary word is among all records (inverse document frequency), for the
    cosine similarity of two summaries: sharing "foodinho" or "riders" says much, sharing
    "fined" or "data" nothing. Without an index (:meth:`cosine` on ``None``) every word weighs
    the same."""

    idf: dict[str, float] = field(default_factory=dict)
    norms: dict[frozenset[str], float] = field(default_factory=dict)

    @classmethod
    def of(cls, term_sets: Iterable[frozenset[str]]) -> SummaryIndex:
        sets = list(term_sets)
        df = Counter(t for terms in sets for t in terms)
        n = max(len(sets), 1)
        return cls({t: math.log(n / c) for t, c in df.items()})

    def weight(self, term: str) -> float:
        return self.idf.get(term, 1.0) if self.idf else 1.0

    def norm(self, terms: frozenset[str]) -> float:
        value = self.norms.get(terms)
        if value is None:
            value = self.norms[terms] = math.sqrt(sum(self.weight(t) ** 2 for t in terms))
        return value

    def cosine(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Cosine of the two word sets, each word weighted by its rarity.

        >>> SummaryIndex().cosine(frozenset({"fined", "foodinho"}), frozenset({"foodinho"}))
        0.7071067811865475
        """
        shared = a & b
        if not shared:
            return 0.0
        norms = self.norm(a) * self.norm(b)
        return sum(self.weight(t) ** 2 for t in shared) / norms if norms else 0.0
