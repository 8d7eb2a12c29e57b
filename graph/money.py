"""Amounts to EUR at the ECB reference rate of the decision date.

Rates come from the ECB reference-rate history shipped inside the ``CurrencyConverter`` package
(no download at run time). The rules, also recorded on every converted amount:

- a full date uses the rate of that day, or of the last ECB business day before it (at most
  7 days back: weekends and TARGET holidays);
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

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache

import pycountry
from currency_converter import CurrencyConverter, RateNotFoundError

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


@lru_cache(maxsize=1)
def _converter() -> CurrencyConverter:
    return CurrencyConverter(fallback_on_missing_rate=False, decimal=True)


def _rate_on_or_before(currency: str, day: date) -> tuple[Decimal, date] | None:
    conv = _converter()
    for back in range(MAX_LOOKBACK_DAYS + 1):
        d = day - timedelta(days=back)
        try:
            return Decimal(conv.convert(1, "EUR", currency, date=d)), d
        except RateNotFoundError:
            continue
    return None


def to_eur(value: str, currency: str, when: str) -> Conversion:
    """Convert ``value`` in ``currency`` to EUR at the ECB rate for ``when`` (see module rules)."""
    amount = Decimal(value)
    if currency == "EUR":
        return Conversion(amount, Decimal(1), None, "amount already in EUR")
    if currency not in _converter().currencies:
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
