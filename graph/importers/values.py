"""Dates and amounts as the trackers write them → checked values, or the reason there is none."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from graph.cleaning.money import Conversion, decimal_text, ecb_currencies, is_iso_currency, to_eur
from graph.cleaning.text import clean_text, is_placeholder

#: Amounts above this many EUR are reported as absurd and not stored. The largest data-protection
#: fine so far is EUR 1.2 billion (2023); EUR 2 billion also catches GDPRhub's ``2000030000 €``,
#: two fines of EUR 20,000 and 30,000 run together.
ABSURD_EUR = Decimal("2000000000")
#: Amounts of this many units or more, in any currency, are absurd before any conversion.
ABSURD_RAW = Decimal("1e15")
#: Dates before this cannot be data-protection decisions (the first such law, Hesse, 1970).
EARLIEST = date(1970, 1, 2)
TODAY = date(2026, 11, 29)  # doctest reference date only

_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_MDY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T[\d:.]+Z?)?$")
_SYMBOLS = {"€": "EUR", "£": "GBP", "$": "USD"}
_AMOUNT = re.compile(
    r"^(?P<pre>[€£$]|[A-Za-z]{3})?\s*(?P<num>[-+]?\s*(?:[\d.,' ]*\d[\d.,' ]*"
    r"(?:[eE][-+]?\d+)?|nan|inf|infinity))\s*(?P<post>[€£$]|[A-Za-z]{3})?\.?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ParsedDate:
    """A date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``), or the reason it is unknown."""

    value: str | None
    reason: str | None = None
    placeholder: bool = False


def parse_date(
    raw: object,
    today: date,
    *,
    us: bool = False,
    not_after: date | None = None,
    not_after_why: str = "",
) -> ParsedDate:
    """Read a tracker date; ``us`` reads ``a/b/yyyy`` as month/day (PrivacyAffairs).

    A placeholder, an impossible or a future date is never stored: the record keeps the reason
    (``reg:dateUnknownReason``).

    >>> parse_date("09.04.2021", TODAY).value, parse_date("04/09/2021", TODAY, us=True).value
    ('2021-04-09', '2021-04-09')
    >>> parse_date("2018", TODAY).value, parse_date("2022-12", TODAY).value
    ('2018', '2022-12')
    >>> parse_date("01/01/1970", TODAY, us=True).reason
    'placeholder date 01/01/1970 (the source uses it for unknown)'
    >>> parse_date("31.02.2021", TODAY).reason
    "not a real date: '31.02.2021'"
    """
    text = clean_text(raw, 100)
    if is_placeholder(text):
        shown = text or "empty"
        return ParsedDate(None, f"no date given by the source ({shown})", True)
    parts: tuple[int, ...]
    if m := _DMY.match(text):
        parts = (int(m[3]), int(m[2]), int(m[1]))
    elif m := _MDY.match(text):
        parts = (int(m[3]), int(m[1]), int(m[2])) if us else (int(m[3]), int(m[2]), int(m[1]))
    elif m := _ISO.match(text):
        parts = tuple(int(x) for x in m.groups() if x is not None)
    else:
        return ParsedDate(None, f"not a date: {text[:60]!r}")
    try:
        first = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return ParsedDate(None, f"not a real date: {text[:60]!r}")
    if first == date(1970, 1, 1):
        return ParsedDate(None, f"placeholder date {text} (the source uses it for unknown)", True)
    if first < EARLIEST:
        return ParsedDate(None, f"impossible date {text}: before any data-protection law")
    if first > today:
        return ParsedDate(None, f"impossible date {text}: after the import date {today}")
    if not_after is not None and first > not_after:
        return ParsedDate(None, f"impossible date {text}: {not_after_why}")
    value = "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(parts))
    return ParsedDate(value)


def parse_number(text: str) -> Decimal:
    """A number with any of the trackers' separator styles; raises ``ValueError``.

    One separator kind used once before exactly three digits is a thousands separator
    (``2.000``, ``99,999``); used more than once it always is; otherwise it is the decimal
    point. With both kinds, the last one is the decimal point (``239,000.00``, ``1.234,56``).

    >>> parse_number("2.000"), parse_number("15000.00"), parse_number("99,999")
    (Decimal('2000'), Decimal('15000.00'), Decimal('99999'))
    >>> parse_number("3,940,000"), parse_number("239,000.00"), parse_number("1.234,56")
    (Decimal('3940000'), Decimal('239000.00'), Decimal('1234.56'))
    """
    s = text.replace(" ", "").replace("'", "").replace("\u00a0", "")
    sign = ""
    if s[:1] in "+-":
        sign, s = s[:1], s[1:]
    if s.casefold() in ("nan", "inf", "infinity"):
        return Decimal(sign + s)
    if "." in s and "," in s:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        s = s.replace("," if dec == "." else ".", "").replace(dec, ".")
    elif "." in s or "," in s:
        sep = "." if "." in s else ","
        head, _, tail = s.rpartition(sep)
        if s.count(sep) > 1 or (len(tail) == 3 and head and not head.endswith(sep)):
            s = s.replace(sep, "")
        else:
            s = s.replace(sep, ".")
    if not re.fullmatch(r"\d+(\.\d+)?([eE][-+]?\d+)?", s):
        msg = f"not a number: {text!r}"
        raise ValueError(msg)
    try:
        return Decimal(sign + s)
    except InvalidOperation:
        msg = f"not a number: {text!r}"
        raise ValueError(msg) from None


@dataclass(frozen=True)
class ParsedAmount:
    """An amount and ISO currency, or the reason none is stored (``problem`` is reported)."""

    value: Decimal | None
    currency: str | None
    raw: str
    reason: str | None = None
    problem: str | None = None
    placeholder: bool = False


def _none(raw: str, reason: str, problem: str | None = None, ph: bool = False) -> ParsedAmount:
    return ParsedAmount(None, None, raw, reason, problem, ph)


def parse_amount(raw: object, currency: str | None = None) -> ParsedAmount:
    """Read an amount; ``currency`` is the column's currency when the source states one.

    An amount that cannot be read, has no currency, is zero or a phrase is never stored
    (``reg:amountUnknownReason``); non-finite, negative and absurd amounts are also reported.

    >>> a = parse_amount("4918.60 RON"); (a.value, a.currency)
    (Decimal('4918.60'), 'RON')
    >>> parse_amount("23000").reason
    "amount '23000' is given without a currency"
    >>> [parse_amount(a).problem for a in ("NaN EUR", "-500 EUR", "1e400 GBP")]
    ['non-finite', 'negative', 'absurd']
    """
    if isinstance(raw, bool):
        raw = str(raw)
    if isinstance(raw, int | float):
        if isinstance(raw, float) and not math.isfinite(raw):
            return _none(str(raw), f"amount {raw} is not a finite number", "non-finite")
        raw = str(raw)
    text = clean_text(raw, 200)
    if is_placeholder(text):
        return _none(text, f"no amount given by the source ({text or 'empty'})", ph=True)
    m = _AMOUNT.match(text)
    if not m:
        if "intention" in text.casefold():
            return _none(text, "the source records only an intention to issue a fine")
        return _none(text, f"the source gives no exact amount: {text[:100]!r}")
    code = (m["pre"] or m["post"] or "").strip()
    code = _SYMBOLS.get(code, code.upper())
    try:
        value = parse_number(m["num"])
    except ValueError:
        return _none(text, f"the source gives no exact amount: {text[:100]!r}")
    if not value.is_finite():
        return _none(text, f"amount {text!r} is not a finite number", "non-finite")
    if value < 0:
        return _none(text, f"amount {text!r} is negative", "negative")
    if value == 0:
        return _none(text, "amount 0: the source uses it for not final or unknown", ph=True)
    if value >= ABSURD_RAW:
        return _none(text, f"amount {text!r} reported as implausible: not stored", "absurd")
    code = code or (currency or "")
    if not code:
        return _none(text, f"amount {text!r} is given without a currency")
    if not known_currency(code):
        return _none(text, f"amount {text!r} has no ISO 4217 currency")
    return ParsedAmount(value, code, text)


def known_currency(code: str) -> bool:
    """An ISO 4217 code in use, or one the ECB published rates for before it was replaced
    (HRK and BGN, replaced by the euro, are no longer in the current ISO list).

    >>> known_currency("HRK"), known_currency("EUR"), known_currency("XYZ")
    (True, True, False)
    """
    return is_iso_currency(code) or (code.isupper() and code in ecb_currencies())


def convert(value: Decimal, currency: str, when: str | None) -> Conversion:
    """EUR value at the decision date (see :mod:`graph.cleaning.money`); none when the date is
    unknown."""
    if currency != "EUR" and not when:
        return Conversion(None, None, None, "decision date unknown: no rate applied")
    return to_eur(decimal_text(value), currency, when or "")


def absurd(value: Decimal, currency: str, conv: Conversion) -> bool:
    """Whether an amount is beyond any plausible fine (see :data:`ABSURD_EUR`)."""
    eur = conv.eur_value if conv.eur_value is not None else (value if currency == "EUR" else None)
    return eur is not None and eur > ABSURD_EUR
