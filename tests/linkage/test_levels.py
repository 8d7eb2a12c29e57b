"""Linkage decision boundaries, each pinned from both sides, on records made here (no
``../shared``): the amount, date, party, identifier, provision and summary levels of
:mod:`graph.linkage.compare`, the weights and bounds of :mod:`graph.linkage.model`, and the
blocking keys of :mod:`graph.linkage.blocking`. Every expected value is worked out by hand from
the documented rule (the gold-set figures are in ``tests/linkage/test_real.py``)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.importers.trackers import aepd_procedure
from graph.linkage import blocking
from graph.linkage.blocking import candidate_pairs, keys
from graph.linkage.compare import (
    Comparison,
    amount_field,
    amount_level,
    authority_level,
    compare,
    date_level,
    id_level,
    mentioned,
    party_level,
    provision_level,
    summary_level,
)
from graph.linkage.features import SummaryIndex
from graph.linkage.model import (
    EXACT_AMOUNT_MAX,
    EXACT_AMOUNT_MIN,
    MATCH,
    REVIEW,
    AmountFrequency,
    probability,
    score,
)
from graph.linkage.records import LinkRecord, id_tokens

D = "https://w3id.org/regkg/id/decision/"
AEPD = "https://w3id.org/regkg/id/regulator/aepd-es"
DPC = "https://w3id.org/regkg/id/regulator/dpc-ie"


def rec(
    key: str = "x",
    *,
    source: str = "curated",
    eur: tuple[str, ...] = (),
    amounts: tuple[tuple[str, str], ...] = (),
    dates: tuple[str, ...] = (),
    announced: tuple[str, ...] = (),
    parties: tuple[str, ...] = (),
    groups: tuple[str, ...] = (),
    labels: tuple[str, ...] = (),
    unnamed: bool = False,
    ids: tuple[str, ...] = (),
    provisions: tuple[str, ...] = (),
    summary: str = "",
    authority: str = DPC,
    jurisdiction: str = "IE",
    court: bool = False,
) -> LinkRecord:
    r = LinkRecord(
        D + key,
        f"g/{source}",
        source,
        authority=authority,
        jurisdiction=jurisdiction,
        court=court,
        summary=summary,
        unnamed=unnamed,
    )
    r.eur |= {Decimal(e) for e in eur}
    r.amounts |= {(Decimal(v), c) for v, c in amounts}
    r.dates |= set(dates)
    r.announced |= set(announced)
    r.parties |= set(parties)
    r.groups |= set(groups)
    r.party_labels |= set(labels)
    r.ids |= set(ids)
    r.provisions |= set(provisions)
    return r


# -- amounts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # exact: within 0.5 % (ratio 1.005 is still exact)
        ("100000", "100000", "exact"),
        ("100000", "100500", "exact"),
        ("100500", "100000", "exact"),
        ("100000", "100501", "close"),
        # close: within 2 %
        ("100000", "102000", "close"),
        ("100000", "102001", "near"),
        # near: within 10 %
        ("100000", "110000", "near"),
        ("100000", "110001", "far"),
        # reduced by 20 % or 40 %, within half a point of the share
        ("1000000", "800000", "reduced"),
        ("1000000", "805000", "reduced"),
        ("1000000", "805001", "far"),
        ("1000000", "795000", "reduced"),
        ("1000000", "794999", "far"),
        ("1000000", "600000", "reduced"),
        ("1000000", "700000", "far"),
        # a typo: one digit apart in a number of at least three significant digits
        ("35258708", "15258708", "typo"),
        ("1250000", "7250000", "typo"),
        ("1200000", "7200000", "far"),  # two round amounts: only two significant digits
        ("3456789", "1456789", "typo"),
        ("3456789", "1456788", "far"),  # two digits apart
        ("1234567", "123567", "typo"),  # a dropped digit
        ("1234567", "12567", "far"),  # two dropped digits
        ("3456789", "198765", "far"),  # one digit shorter, but not by a dropped digit
        # ... or a power of ten, from EUR 1,000 up
        ("1000", "10000", "typo"),
        ("1000", "100000", "typo"),
        ("1000", "1000000", "far"),
        ("999", "9990", "far"),
        ("1000", "1001", "exact"),
        ("1", "1", "exact"),  # one euro is an amount
        # missing: absent, zero or negative
        ("0", "5000", "missing"),
        ("5000", "0", "missing"),
        ("-5000", "5000", "missing"),
        ("5000", "-5000", "missing"),
    ],
)
def test_amount_level(a: str, b: str, expected: str) -> None:
    assert amount_level(Decimal(a), Decimal(b)) == expected


def test_amount_level_missing_and_flags() -> None:
    assert amount_level(None, Decimal(5)) == "missing"
    assert amount_level(Decimal(5), None) == "missing"
    # converted amounts: up to 15 % apart
    assert amount_level(Decimal(100000), Decimal(102001), converted=True) == "converted"
    assert amount_level(Decimal(100000), Decimal(115000), converted=True) == "converted"
    assert amount_level(Decimal(100000), Decimal(115001), converted=True) == "far"
    assert amount_level(Decimal(100000), Decimal(102000), converted=True) == "close"
    # no reductions where the authority grants none
    assert amount_level(Decimal(1000000), Decimal(800000), reductions=False) == "far"
    assert amount_level(Decimal(1000000), Decimal(600000), reductions=False) == "far"
    # a typo still is one without reductions
    assert amount_level(Decimal(1000), Decimal(10000), reductions=False) == "typo"
    # amounts with cents are compared as whole euros for the digit test
    assert amount_level(Decimal("1250000.40"), Decimal("7250000.49")) == "typo"


def test_amount_field_same_foreign_amount_is_exact_whatever_the_conversions() -> None:
    a = rec("a", eur=("4849027.40",), amounts=(("52000000", "SEK"),))
    b = rec("b", eur=("6000000",), amounts=(("52000000.00", "SEK"),))
    assert amount_field(a, b) == "exact"
    c = rec("c", eur=("6000000",), amounts=(("52000000", "NOK"),))
    assert amount_field(a, c) == "far"  # 1.237 apart: converted only up to 15 %


def test_amount_field_converted_only_when_a_side_was_converted() -> None:
    eur = rec("a", eur=("100000",), amounts=(("100000", "EUR"),))
    sek = rec("b", eur=("112000",), amounts=(("1250000", "SEK"),))
    plain = rec("c", eur=("112000",), amounts=(("112000", "EUR"),))
    assert amount_field(eur, sek) == "converted"
    assert amount_field(sek, eur) == "converted"
    assert amount_field(eur, plain) == "far"


def test_amount_field_reductions_only_in_spain() -> None:
    es = rec("a", eur=("1000000",), authority=AEPD, jurisdiction="ES")
    es_paid = rec("b", eur=("600000",), authority=AEPD, jurisdiction="ES")
    ie = rec("c", eur=("1000000",))
    ie_paid = rec("d", eur=("600000",))
    assert amount_field(es, es_paid) == "reduced"
    assert amount_field(ie, ie_paid) == "far"


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ("The Garante fined Foodinho €2,600,000 for its riders", "stated"),
        ("The Garante fined Foodinho €2,650,000", "stated"),  # 1.9 % apart: close
        ("The Garante fined Foodinho €2,550,000", "stated"),  # 1.96 % apart
        ("The Garante fined Foodinho €2,700,000", "stated-near"),  # 3.8 %
        ("The Garante fined Foodinho €2,860,000", "stated-near"),  # 10 %
        ("The Garante fined Foodinho €2,870,000", "missing"),  # 10.4 %
        ("The Garante fined Foodinho", "missing"),
    ],
)
def test_amount_field_stated_in_the_other_summary(summary: str, expected: str) -> None:
    have = rec("a", eur=("2600000",))
    lack = rec("b", summary=summary)
    assert amount_field(have, lack) == expected
    assert amount_field(lack, have) == expected


def test_amount_field_missing_sides() -> None:
    stated = rec("b", summary="fined €2,600,000")
    assert amount_field(rec("a"), stated) == "missing"  # neither records an amount
    assert amount_field(stated, rec("a")) == "missing"
    # both record an amount, one of them zero: missing, summaries not read
    zero = rec("z", eur=("0",), summary="fined €2,600,000")
    assert amount_field(zero, rec("c", eur=("2600000",))) == "missing"
    assert amount_field(rec("c", eur=("2600000",)), zero) == "missing"


# -- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (("2021-03-01",), ("2021-03-01",), "same"),
        (("2021-03",), ("2021-03-15",), "same"),  # a month overlaps its days
        (("2021",), ("2021-12-31",), "same"),
        (("2021",), ("2022-01-01",), "week"),  # a year ends the day before
        (("2021-03-12",), ("2021-03-13",), "week"),
        (("2021-03-12",), ("2021-03-19",), "week"),  # 7 days
        (("2021-03-12",), ("2021-03-20",), "month"),  # 8 days, no digit in common place
        (("2021-03-31",), ("2021-05-01",), "month"),  # 31 days
        (("2021-03-31",), ("2021-05-02",), "quarter"),  # 32 days
        (("2021-01-01",), ("2021-04-03",), "quarter"),  # 92 days
        (("2021-01-01",), ("2021-04-04",), "far"),  # 93 days
        # typos: day and month swapped in the same year
        (("2020-03-12",), ("2020-12-03",), "typo"),
        (("2020-03-12",), ("2021-12-03",), "far"),
        # the year off by one on the same day and month
        (("2019-05-06",), ("2020-05-06",), "typo"),
        (("2018-05-06",), ("2020-05-06",), "far"),
        (("2019-05-06",), ("2020-05-07",), "far"),
        # the month off by one on the same day (across a year end too)
        (("2020-06-14",), ("2020-07-14",), "typo"),
        (("2020-12-14",), ("2021-01-14",), "typo"),
        (("2020-06-14",), ("2020-08-14",), "quarter"),
        (("2020-06-14",), ("2020-07-10",), "month"),
        # one digit of the day in the same month
        (("2020-06-14",), ("2020-06-24",), "typo"),
        (("2020-06-04",), ("2020-06-24",), "typo"),
        (("2020-06-14",), ("2020-06-25",), "month"),
        (("2020-06-14",), ("2020-07-04",), "month"),
        # a typo is judged on full dates only
        (("2019-05",), ("2020-05-06",), "far"),
        (("2019-05",), ("2020-05-01",), "far"),  # not the 1st of May 2019 a year off
        # within a week is a week even when it is also a digit apart
        (("2020-06-14",), ("2020-06-15",), "week"),
        # the closest pair counts, decision and announcement alike
        (("2019-01-01", "2021-03-01"), ("2021-03-02",), "week"),
        ((), ("2021-03-02",), "missing"),
        (("2021-03-02",), (), "missing"),
        (("not a date", "2021-13-01"), ("2021-03-02",), "missing"),
    ],
)
def test_date_level(a: tuple[str, ...], b: tuple[str, ...], expected: str) -> None:
    assert date_level(set(a), set(b)) == expected
    assert date_level(set(b), set(a)) == expected


def test_compare_reads_announcement_dates() -> None:
    a = rec("a", dates=("2021-08-20",))
    b = rec("b", announced=("2021-08-20",), dates=("2021-09-30",))
    assert compare(a, b).date == "same"


# -- parties ---------------------------------------------------------------------------------

X, Y = "urn:x", "urn:y"


def test_party_level_same_whole_and_several() -> None:
    one = rec("a", parties=(X,), eur=("200000",))
    assert party_level(one, rec("b", parties=(X,))) == "same"
    # the whole names the part's party and more, for half again its amount or more
    whole = rec("w", parties=(X, Y), eur=("300000",))
    assert party_level(whole, one) == "whole"
    assert party_level(one, whole) == "whole"
    less = rec("w", parties=(X, Y), eur=("299999",))
    assert party_level(less, one) == "several"
    assert party_level(rec("w", parties=(X, Y)), one) == "several"  # no amount
    assert party_level(whole, rec("p", parties=(X,))) == "several"
    # both name a party the other does not: never a whole and its part
    assert (
        party_level(
            rec("w", parties=(X, Y), eur=("900000",)), rec("p", parties=(X, "urn:z"), eur=("1",))
        )
        == "several"
    )


def test_party_level_group_name_prefix_similar() -> None:
    meta_ie = rec("a", parties=("urn:meta-ie",), groups=("urn:meta",), labels=("Meta Ireland",))
    meta_us = rec("b", parties=("urn:meta-us",), groups=("urn:meta",), labels=("Meta Inc.",))
    assert party_level(meta_ie, meta_us) == "group"
    ltd = rec("c", parties=("urn:1",), labels=("Meta Platforms Ireland Ltd",))
    limited = rec("d", parties=("urn:2",), labels=("META PLATFORMS IRELAND LIMITED",))
    assert party_level(ltd, limited) == "name"
    olvg = rec("e", parties=("urn:3",), labels=("OLVG",))
    hospital = rec("f", parties=("urn:4",), labels=("OLVG hospital",))
    assert party_level(olvg, hospital) == "prefix"
    assert party_level(hospital, olvg) == "prefix"
    olvgx = rec("g", parties=("urn:5",), labels=("OLVGX hospital",))
    assert party_level(olvg, olvgx) == "different"  # a prefix must end at a word
    foodinho = rec("h", parties=("urn:6",), labels=("Foodinho S.r.l.",))
    glovo = rec("i", parties=("urn:7",), labels=("Glovo Foodinho",))
    assert party_level(foodinho, glovo) == "similar"
    vodafone = rec("j", parties=("urn:8",), labels=("Vodafone Italia S.p.A.",))
    assert party_level(foodinho, vodafone) == "different"
    # a legal form or a common word shared is not a name shared
    assert party_level(vodafone, rec("k", parties=("urn:9",), labels=("Enel S.p.A.",))) == (
        "different"
    )
    bank = rec("l", parties=("urn:10",), labels=("Bank Austria",))
    assert party_level(bank, rec("m", parties=("urn:11",), labels=("Bank Polski",))) == "different"


def test_party_level_unnamed_and_mentioned() -> None:
    foodinho = rec("a", parties=("urn:6",), labels=("Foodinho S.r.l.",))
    nobody = rec("b", unnamed=True, summary="A delivery company was fined for its riders")
    assert party_level(foodinho, nobody) == "unnamed"
    assert party_level(nobody, foodinho) == "unnamed"
    told = rec("c", unnamed=True, summary="The Garante fined Foodinho for its riders")
    assert party_level(foodinho, told) == "mentioned"
    assert party_level(told, foodinho) == "mentioned"
    glued = rec("d", unnamed=True, summary="The Garante fined Foodinhos for its riders")
    assert party_level(foodinho, glued) == "unnamed"  # a whole word only
    kind = rec("e", parties=("urn:k",), labels=("Debt collection company",))
    assert party_level(foodinho, kind) == "unnamed"  # a kind of controller names no one
    # both named, differently, one of them also flagged as naming no one
    flagged = rec("f", parties=("urn:f",), labels=("Vodafone Italia",), unnamed=True)
    assert party_level(foodinho, flagged) == "unnamed"
    assert party_level(flagged, foodinho) == "unnamed"


def test_mentioned_by_whole_name_or_distinctive_word() -> None:
    glovo = rec("a", labels=("Glovo Foodinho",))
    assert mentioned(glovo, rec("b", summary="fined glovo foodinho today"))
    assert mentioned(glovo, rec("b", summary="fined Foodinho today"))
    assert not mentioned(glovo, rec("b", summary="fined a rider app today"))


# -- identifiers, provisions, authority, summaries --------------------------------------------


def test_id_level() -> None:
    san26 = rec("a", ids=("SAN-2022-026",))
    assert id_level(san26, rec("b")) == "missing"
    assert id_level(rec("b"), san26) == "missing"
    assert id_level(san26, rec("b", ids=("SAN-2022-026", "X-1"))) == "shared"
    assert id_level(san26, rec("b", ids=("SAN-2022-027",))) == "conflict"
    assert id_level(san26, rec("b", ids=("PS-00123/2021",))) == "none"
    # numbers without letters are no scheme: two of them do not conflict
    assert id_level(rec("a", ids=("2224363-1",)), rec("b", ids=("2224364-1",))) == "none"
    assert id_level(rec("a", ids=("2224363-1",)), rec("b", ids=("SAN-1-2",))) == "none"


def test_an_aepd_procedure_number_is_one_token_however_written() -> None:
    """The Tracker's link (ps-00266-2019.pdf, read by the importer as PS/00266/2019) and GDPRhub's
    case number (PS-00266-2019 or PS/00266/2019) share a token; a neighbouring number does not."""
    link = "<a href='https://www.aepd.es/resoluciones/PS-00266-2019_ORI.pdf'>PDF</a>"
    from_link = aepd_procedure(link)
    assert from_link == "PS/00266/2019"
    tracker = rec("a", ids=tuple(id_tokens(from_link)))
    for written in ("PS-00266-2019", "PS/00266/2019", "AEPD PS-00266-2019 (Cerrajero)"):
        assert id_level(tracker, rec("b", ids=tuple(id_tokens(written)))) == "shared", written
    assert id_level(tracker, rec("b", ids=tuple(id_tokens("PS-00265-2019")))) == "none"
    assert id_tokens("SAN-2022-026") == {"SAN-2022-026"}  # not a five-digit procedure number
    assert aepd_procedure("<a href='https://www.aepd.es/a/ps-00001-2020.pdf'></a>"
                          "<a href='https://www.aepd.es/a/ps-00002-2020.pdf'></a>") is None  # fmt: skip


def test_provision_and_authority_levels() -> None:
    a5 = rec("a", provisions=("GDPR:5",))
    assert provision_level(a5, rec("b")) == "missing"
    assert provision_level(rec("b"), a5) == "missing"
    assert provision_level(a5, rec("b", provisions=("GDPR:5", "GDPR:6"))) == "overlap"
    assert provision_level(a5, rec("b", provisions=("GDPR:6",))) == "disjoint"
    assert authority_level(rec("a"), rec("b")) == "same"
    assert authority_level(rec("a"), rec("b", authority=AEPD)) == "other"


def _words(n: int, prefix: str) -> str:
    return " ".join(f"{prefix}{i:03d}x" for i in range(n))


@pytest.mark.parametrize(
    ("others", "expected"),
    [
        # one shared word out of 1 and n words: cosine 1 / sqrt(n) with every word weighing 1
        (24, "alike"),  # 1 / 5 = 0.2
        (25, "related"),  # 0.196
        (43, "related"),  # 1 / sqrt(44) = 0.1508
        (44, "neutral"),  # 1 / sqrt(45) = 0.1491
        (399, "neutral"),  # 1 / 20 = 0.05
        (400, "unlike"),  # 0.0499
    ],
)
def test_summary_level_bounds(others: int, expected: str) -> None:
    a = rec("a", summary="riders")
    b = rec("b", summary="riders " + _words(others, "w"))
    assert summary_level(a, b) == expected


def test_summary_level_at_exactly_the_related_bound() -> None:
    # 3 words shared of 16 and 25: 3 / (4 * 5) = 0.15, related (not neutral)
    a = rec("a", summary="shared0x shared1x shared2x " + _words(13, "a"))
    b = rec("b", summary="shared0x shared1x shared2x " + _words(22, "b"))
    assert (len(a.features.terms), len(b.features.terms)) == (16, 25)
    assert summary_level(a, b) == "related"


def test_summary_level_missing_and_weighted() -> None:
    assert summary_level(rec("a"), rec("b", summary="riders")) == "missing"
    assert summary_level(rec("a", summary="riders"), rec("b")) == "missing"
    a = rec("a", summary="riders fined")
    b = rec("b", summary="fined drivers")
    # unweighted: 1 / 2 shared
    assert summary_level(a, b) == "alike"
    # "fined" is in every summary (idf 0): the two share nothing of weight
    index = SummaryIndex.of([a.features.terms, b.features.terms])
    assert summary_level(a, b, index) == "unlike"


def test_compare_fills_every_field() -> None:
    a = rec("a", eur=("1000",), dates=("2021-01-01",), parties=(X,), ids=("A-1-2",))
    b = rec("b", eur=("1000",), dates=("2021-01-01",), parties=(X,), ids=("A-1-2",))
    c = compare(a, b)
    assert c == Comparison("same", "exact", "same", "same", "shared", "missing", "missing")
    assert c.fields() == {
        "authority": "same",
        "amount": "exact",
        "date": "same",
        "party": "same",
        "ids": "shared",
        "provisions": "missing",
        "summary": "missing",
    }


# -- the model -------------------------------------------------------------------------------

#: A comparison that weighs 1 (the same authority) and nothing else: score -6 + 1 = -5.
BASE = {
    "authority": "same",
    "amount": "missing",
    "date": "month",
    "party": "unnamed",
    "ids": "missing",
    "provisions": "missing",
    "summary": "neutral",
}


@pytest.mark.parametrize(
    ("field", "level", "expected"),
    [
        ("authority", "same", -5.0),
        ("authority", "other", -10.0),
        ("amount", "close", 1.0),
        ("amount", "converted", -2.0),
        ("amount", "near", -4.0),
        ("amount", "stated-near", -4.0),
        ("amount", "reduced", -4.0),
        ("amount", "typo", -4.0),
        ("amount", "far", -13.0),
        ("date", "missing", -4.5),
        ("date", "same", 0.0),
        ("date", "week", -3.0),
        ("date", "typo", -3.5),
        ("date", "quarter", -8.0),
        ("date", "far", -12.0),
        ("party", "same", 0.0),
        ("party", "whole", -10.0),
        ("party", "several", -2.5),
        ("party", "group", -1.5),
        ("party", "name", -1.0),
        ("party", "mentioned", -1.0),
        ("party", "prefix", -2.0),
        ("party", "similar", -3.5),
        ("party", "different", -9.0),
        ("ids", "shared", 5.0),
        ("ids", "conflict", -13.0),
        ("ids", "none", -6.0),
        ("provisions", "overlap", -4.0),
        ("provisions", "disjoint", -7.0),
        ("summary", "alike", -1.0),
        ("summary", "related", -3.0),
        ("summary", "unlike", -6.5),
        ("summary", "missing", -5.0),
    ],
)
def test_each_level_weighs_its_log2_bayes_factor(field: str, level: str, expected: float) -> None:
    c = Comparison(**{**BASE, field: level})
    assert score(c, 7.0) == expected


def test_exact_and_stated_amounts_weigh_by_rarity() -> None:
    assert score(Comparison(**{**BASE, "amount": "exact"}), 7.0) == 2.0
    assert score(Comparison(**{**BASE, "amount": "exact"}), 3.0) == -2.0
    assert score(Comparison(**{**BASE, "amount": "stated"}), 7.0) == 1.0  # one less
    everything = Comparison("same", "exact", "same", "same", "shared", "overlap", "alike")
    assert score(everything, 12.0) == -6 + 1 + 12 + 5 + 5 + 10 + 1 + 4


def test_match_and_review_thresholds() -> None:
    assert (REVIEW, MATCH) == (3.0, 4.0)
    # same amount of rarity 7, same day, nobody named: -6 + 1 + 7 + 5 = 7, linked
    assert score(Comparison(**{**BASE, "amount": "exact", "date": "same"}), 7.0) >= MATCH
    # a week apart instead: 4, still linked (the bound is inclusive)
    assert score(Comparison(**{**BASE, "amount": "exact", "date": "week"}), 7.0) == MATCH
    # the summaries a little unlike: 2.5, neither linked nor listed
    c = Comparison(**{**BASE, "amount": "exact", "date": "week", "summary": "unlike"})
    assert score(c, 7.0) == 2.5 < REVIEW


def test_probability() -> None:
    assert probability(0.0) == 0.5
    assert probability(1.0) == pytest.approx(2 / 3)
    assert probability(-1.0) == pytest.approx(1 / 3)
    assert probability(4.0) == pytest.approx(16 / 17)


def test_amount_frequency_weights() -> None:
    # Spain: 8 records, EUR 5,000 once, EUR 1,000 five times, EUR 2,000 twice
    es = [("ES", Decimal(5000))] + [("ES", Decimal(1000))] * 5 + [("ES", Decimal(2000))] * 2
    # Ireland: 2,048 records, each amount once
    ie = [("IE", Decimal(n + 1)) for n in range(2048)]
    freq = AmountFrequency(es + ie)
    assert freq.weight("ES", Decimal(5000)) == 5.0  # log2(8 / 1) + 2
    assert freq.weight("ES", Decimal(2000)) == 4.0  # log2(8 / 2) + 2
    assert freq.weight("ES", Decimal("2000.4")) == 4.0  # counted in whole euros
    assert freq.weight("ES", Decimal(1000)) == EXACT_AMOUNT_MIN == 3.0  # 2.68, bounded below
    assert freq.weight("IE", Decimal(7)) == EXACT_AMOUNT_MAX == 12.0  # 13, bounded above
    assert freq.weight("ES", Decimal(9999)) == 12.0  # an amount not seen
    assert freq.weight("FR", Decimal(5000)) == 12.0  # a jurisdiction not seen
    assert freq.weight("ES", None) == 3.0
    assert freq.counts[("ES", Decimal(1000))] == 5 and freq.totals["ES"] == 8


# -- blocking --------------------------------------------------------------------------------


def test_blocking_keys_of_one_record() -> None:
    r = rec("a", eur=("35258708",), dates=("2021-02-10",), groups=("urn:g",), ids=("IN-1-2",))
    # log10(35,258,708) = 7.547: band 75 and its neighbours; February 2021 is month 24254
    assert sorted(keys(r)) == [
        ("amount", "IE", "74"),
        ("amount", "IE", "75"),
        ("amount", "IE", "76"),
        ("group", "IE", "urn:g"),
        ("id", "IN-1-2"),
        ("month", "IE", "24253"),
        ("month", "IE", "24254"),
        ("month", "IE", "24255"),
    ]


def test_blocking_keys_skip_zero_amounts_and_long_dates() -> None:
    r = rec("a", eur=("0",), dates=("2021", "2021-03"), announced=("2021-04-01",))
    # a year is more than 31 days: no month key; March 2021 (31 days) and April are
    assert sorted(keys(r)) == [("month", "IE", str(m)) for m in range(24254, 24258)]
    # no jurisdiction: the authority stands in
    assert list(keys(rec("b", eur=("1",), jurisdiction=""))) != []
    assert {k[1] for k in keys(rec("b", eur=("1",), jurisdiction=""))} == {DPC}


def test_candidate_pairs_by_each_key() -> None:
    records = [
        rec("a", eur=("35258708",)),
        rec("b", eur=("32258708",)),  # band 75 too
        rec("c", eur=("3525870",)),  # band 65: no shared band with a
        rec("d", dates=("2021-01-31",)),
        rec("e", dates=("2021-02-01",)),  # neighbouring month
        rec("f", dates=("2021-04-01",)),  # three months from d, two from e: neighbours meet
        rec("g", groups=("urn:meta",)),
        rec("h", groups=("urn:meta",)),
    ]
    assert candidate_pairs(records) == {(0, 1), (3, 4), (4, 5), (6, 7)}


def test_every_amount_of_a_record_has_its_bands() -> None:
    two = rec("a", eur=("1000", "1000000"))
    assert sorted(k[2] for k in keys(two)) == ["29", "30", "31", "59", "60", "61"]
    records = [two, rec("b", eur=("1000",)), rec("c", eur=("1000000",))]
    assert candidate_pairs(records) == {(0, 1), (0, 2)}


def test_candidate_pairs_stay_in_one_jurisdiction_and_court() -> None:
    records = [
        rec("a", ids=("C-311/18",)),
        rec("b", ids=("C-311/18",), jurisdiction="DE"),
        rec("c", ids=("C-311/18",), court=True),
        rec("d", ids=("C-311/18",)),
    ]
    assert candidate_pairs(records) == {(0, 3)}


def test_a_block_over_the_limit_is_skipped() -> None:
    assert blocking.MAX_BLOCK == 400
    full = [rec(f"r{i:03d}", groups=("urn:g",)) for i in range(400)]
    assert len(candidate_pairs(full)) == 400 * 399 // 2
    over = [rec(f"r{i:03d}", groups=("urn:g",)) for i in range(401)]
    assert candidate_pairs(over) == set()
