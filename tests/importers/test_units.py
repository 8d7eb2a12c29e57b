"""Importer building blocks: text, dates, amounts, article references, names, linking rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from graph.cleaning.names import classify, core, split_controllers, split_parties
from graph.cleaning.text import clean_text, is_placeholder
from graph.importers.articles import Instruments, cjeu_refs, gdprhub_refs, tracker_refs
from graph.importers.entities import FUZZY_THRESHOLD
from graph.importers.linking import amounts_close, dates_close
from graph.importers.values import ABSURD_EUR, absurd, convert, parse_amount, parse_date

TODAY = date(2026, 11, 29)
INSTRUMENTS = Instruments(
    [
        ("GDPR", "Regulation (EU) 2016/679 (General Data Protection Regulation)"),
        ("French DPA", "Loi Informatique et Libertés (French Data Protection Act)"),
        ("UK GDPR", "UK General Data Protection Regulation"),
    ]
)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("09.04.2021", "2021-04-09"),
        ("1.9.2023", "2023-09-01"),
        ("2021-04-09", "2021-04-09"),
        ("2022-12", "2022-12"),
        ("2018", "2018"),
        ("2025-12-02T00:00:00Z", "2025-12-02"),
    ],
)
def test_dates(raw: str, value: str) -> None:
    assert parse_date(raw, TODAY).value == value


def test_us_dates_are_month_first() -> None:
    assert parse_date("04/09/2021", TODAY, us=True).value == "2021-04-09"
    assert parse_date("04/09/2021", TODAY).value == "2021-09-04"


@pytest.mark.parametrize(
    ("raw", "placeholder", "why"),
    [
        ("'-", True, "no date given"),
        ("Unknown", True, "no date given"),
        ("", True, "no date given"),
        ("01/01/1970", True, "placeholder date"),
        ("31.02.2021", False, "not a real date"),
        ("13/45/2020", False, "not a real date"),
        ("15.11.2099", False, "after the import date"),
        ("1890", False, "before any data-protection law"),
        ("next Tuesday", False, "not a date"),
    ],
)
def test_unknown_dates_say_why(raw: str, placeholder: bool, why: str) -> None:
    parsed = parse_date(raw, TODAY, us=True)
    assert parsed.value is None and parsed.placeholder is placeholder
    assert parsed.reason and why in parsed.reason


def test_dates_after_a_known_snapshot_are_impossible() -> None:
    parsed = parse_date("15.11.2024", TODAY, not_after=date(2024, 3, 7), not_after_why="late")
    assert (parsed.value, parsed.reason) == (None, "impossible date 15.11.2024: late")


@pytest.mark.parametrize(
    ("raw", "value", "currency"),
    [
        ("2.000 EUR", "2000", "EUR"),
        ("15000.00 EUR", "15000.00", "EUR"),
        ("4918.60 RON", "4918.60", "RON"),
        ("99,999 SEK", "99999", "SEK"),
        ("239,000.00 EUR", "239000.00", "EUR"),
        ("2,000,000 ISK", "2000000", "ISK"),
        ("15000 €", "15000", "EUR"),
        ("500000 £", "500000", "GBP"),
        ("9375.00 HRK", "9375.00", "HRK"),
        ("2000 BGN", "2000", "BGN"),
    ],
)
def test_amount_separator_styles(raw: str, value: str, currency: str) -> None:
    amt = parse_amount(raw)
    assert (amt.value, amt.currency, amt.reason) == (Decimal(value), currency, None)


def test_tracker_amounts_are_eur_with_comma_thousands() -> None:
    amt = parse_amount("3,940,000", "EUR")
    assert (amt.value, amt.currency) == (Decimal("3940000"), "EUR")
    assert parse_amount(750000, "EUR").value == Decimal("750000")


@pytest.mark.parametrize(
    ("raw", "why", "problem"),
    [
        ("23000", "without a currency", None),
        ("0", "amount 0", None),
        ("Unknown", "no amount given", None),
        ("Only intention to issue fine", "intention to issue a fine", None),
        ("Fine in five-digit amount", "no exact amount", None),
        ("Fine amount between EUR 400 and EUR 600", "no exact amount", None),
        ("12 XYZ", "no ISO 4217 currency", None),
        ("NaN EUR", "not a finite number", "non-finite"),
        ("Infinity", "not a finite number", "non-finite"),
        ("-500 EUR", "negative", "negative"),
        ("1e400 GBP", "implausible", "absurd"),
    ],
)
def test_unreadable_amounts_are_absent_with_a_reason(
    raw: str, why: str, problem: str | None
) -> None:
    amt = parse_amount(raw)
    assert amt.value is None and amt.reason and why in amt.reason
    assert amt.problem == problem


def test_non_finite_json_numbers() -> None:
    assert parse_amount(float("nan"), "EUR").problem == "non-finite"
    assert parse_amount(float("inf"), "EUR").problem == "non-finite"


def test_absurd_amounts_and_conversion() -> None:
    """GDPRhub's 2000030000 € (two fines run together) is over the limit; EUR 1.2 bn is not."""
    for raw, expected in (("2000030000 €", True), ("1200000000 EUR", False)):
        amt = parse_amount(raw)
        assert amt.value is not None and amt.currency is not None
        conv = convert(amt.value, amt.currency, "2023-05-12")
        assert absurd(amt.value, amt.currency, conv) is expected
        assert (amt.value > ABSURD_EUR) is expected
    gbp = convert(Decimal("12700000"), "GBP", "2023-04-04")
    assert gbp.eur_value == Decimal("14542040.24")
    assert convert(Decimal("100"), "GBP", None).note == "decision date unknown: no rate applied"


def test_text_cleaning() -> None:
    assert clean_text("Espa&ntilde;a &amp;#8217; <strong>x</strong>") == "España ’ x"
    assert "<" not in clean_text("<script>alert(1)</script><img src=x onerror=y>")
    assert clean_text("a\u202eb\u0000c\r\nd") == "abc d"
    assert "\u202e" not in clean_text("a\u202eb") and "\x00" not in clean_text("a\x00b")
    assert len(clean_text("x" * 100_000)) == 5000
    assert is_placeholder("'-") and is_placeholder(" n/a ") and not is_placeholder("X")


def test_tracker_article_references() -> None:
    refs = tracker_refs("Art. 5 (1) c), 5 (1) f) GDPR, Art. 12 (1) GDPR", INSTRUMENTS)
    assert refs.provisions == ["GDPR Art 5(1)(c)", "GDPR Art 5(1)(f)", "GDPR Art 12(1)"]
    refs = tracker_refs("Art. 5 (1) a), c) GDPR, Art. 25 (1), (2) GDPR", INSTRUMENTS)
    assert refs.provisions == [
        "GDPR Art 5(1)(a)",
        "GDPR Art 5(1)(c)",
        "GDPR Art 25(1)",
        "GDPR Art 25(2)",
    ]
    refs = tracker_refs(
        "Art. 82 loi Informatique et Libertés, Art. 114 Codice della privacy", INSTRUMENTS
    )
    assert refs.provisions == ["French DPA Art 82"]
    assert refs.unresolved == ["Art. 114 Codice della privacy"]
    assert tracker_refs("Art. 32 GPDR", INSTRUMENTS).provisions == ["GDPR Art 32"]
    assert tracker_refs("Unknown", INSTRUMENTS).provisions == []
    injection = tracker_refs('"} ; DROP ALL ; # Art. 5 (1) c) GDPR', INSTRUMENTS)
    assert injection.provisions == ["GDPR Art 5(1)(c)"]


def test_gdprhub_and_cjeu_references() -> None:
    assert gdprhub_refs("5(1)(f), 32, 83(2), 4(11)").provisions == [
        "GDPR Art 5(1)(f)",
        "GDPR Art 32",
        "GDPR Art 83(2)",
        "GDPR Art 4(11)",
    ]
    refs = cjeu_refs("A04PT11, A06P1LA, A06P1L1LB, A15P3SNT1, A05P01")
    assert refs.provisions == [
        "GDPR Art 4(11)",
        "GDPR Art 6(1)(a)",
        "GDPR Art 6(1)(b)",
        "GDPR Art 15(3)",
        "GDPR Art 5(1)",
    ]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Private individual", "person"),
        ("Private Individual", "person"),
        ("Individual", "person"),
        ("Natural person", "person"),
        ("Police officer", "person"),
        ("Physician", "person"),
        ("Mayor", "person"),
        ("Former mayor of a community", "person"),
        ("Mr. John Smith", "person"),
        ("Unknown", "placeholder"),
        ("Company", "generic"),
        ("Homeowners Association", "generic"),
        ("Bank", "generic"),
        ("Vodafone España, S.A.U.", "entity"),
        ("TikTok", "entity"),
        ("Bergen Municipality", "entity"),
    ],
)
def test_tracker_controllers(name: str, kind: str) -> None:
    assert classify(name, strict=False).kind == kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Klarna Bank AB", "entity"),
        ("Medical Service s.r.l.", "entity"),
        ("KMD A/S", "entity"),
        ("EOS Matrix d.o.o.", "entity"),
        ("Ministry of the Interior", "entity"),
        ("University of Iceland", "entity"),
        ("Max Schrems", "person"),
        ("Anonymous", "generic"),
        ("Data subject", "person"),
        ("Vodafone", "person"),  # no legal form, no organisation word: not recorded
    ],
)
def test_gdprhub_parties_must_look_like_organisations(name: str, kind: str) -> None:
    assert classify(name, strict=True).kind == kind


def test_normalised_names_and_splitting() -> None:
    assert core("Vodafone España, S.A.U.") == core("VODAFONE ESPAÑA, SAU") == "vodafone espana"
    assert core("Amazon Europe Core S.à.r.l.") == core("Amazon Europe Core S.à r.l.")
    assert core("TikTok Technology Limited") == core("TikTok Technology Ltd")
    assert split_parties("1) Acme Ltd, Beta GmbH\nMr X") == ["Acme Ltd", "Beta GmbH", "Mr X"]
    assert split_controllers("Procter and Gamble") == ["Procter and Gamble"]


def test_fuzzy_threshold() -> None:
    from rapidfuzz import fuzz

    assert FUZZY_THRESHOLD == 92
    same = fuzz.token_sort_ratio(
        core("Beijng Bytedance Technology Co. Ltd."), core("Beijing Bytedance Technology Co. Ltd.")
    )
    different = fuzz.token_sort_ratio(core("Vodafone Romania"), core("Vodafone Italia"))
    assert same >= FUZZY_THRESHOLD > different


def test_linking_windows() -> None:
    """Dates within 3 days, amounts within 2 % of the larger: each bound from both sides."""
    assert dates_close({"2021-04-09"}, {"2021-04-12"})  # 3 days
    assert not dates_close({"2021-04-09"}, {"2021-04-13"})  # 4 days
    assert dates_close({"2021-04-12"}, {"2021-04-09"})
    assert not dates_close({"2021-04-13"}, {"2021-04-09"})
    assert dates_close({"2021-07"}, {"2021-08-02"}) and not dates_close({"2021-07"}, {"2021-08-04"})
    assert dates_close({"2021-07"}, {"2021-06-28"}) and not dates_close({"2021-07"}, {"2021-06-27"})
    assert dates_close({"2019-01-01", "2021-04-10"}, {"2021-04-09"})  # the closest pair counts
    assert dates_close(set(), {"2021-04-09"}) and dates_close({"2021-04-09"}, set())
    # 2 % of the larger amount: 102.04 against 100 is in (2.0408 allowed), 102.05 is out
    assert amounts_close({Decimal(100)}, {Decimal("102.04")})
    assert not amounts_close({Decimal(100)}, {Decimal("102.05")})
    assert amounts_close({Decimal(102)}, {Decimal(100)})
    assert amounts_close({Decimal(98)}, {Decimal(100)})
    assert not amounts_close({Decimal("97.99")}, {Decimal(100)})
    assert amounts_close({Decimal("14500000")}, {Decimal("14542040.24")})
    assert not amounts_close({Decimal("100")}, {Decimal("103")})
    assert amounts_close({Decimal(1), Decimal(100)}, {Decimal("101")})  # any pair counts
    assert amounts_close(set(), {Decimal("1")}) and amounts_close({Decimal("1")}, set())
