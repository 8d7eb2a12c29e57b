"""Linkage decisions after scoring, each boundary from both sides, on records made here (no
``../shared``): which pairs merge (:func:`graph.linkage.cluster.cluster`), which record a
cluster prefers, which clusters are parts of a whole (:func:`graph.linkage.cluster.parts`), the
review band (:func:`graph.linkage.link.link`) and a reviewer's overrides
(:mod:`graph.linkage.overrides`)."""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path

import pytest

from graph.linkage.cluster import (
    MAX_PARTS,
    PART_MINIMUM,
    PART_TOLERANCE,
    STATED_PART_TOLERANCE,
    Clusters,
    Pair,
    cluster,
    parts,
)
from graph.linkage.link import link
from graph.linkage.overrides import Overrides
from graph.linkage.records import LinkRecord

D = "https://w3id.org/regkg/id/decision/"
DPC = "https://w3id.org/regkg/id/regulator/dpc-ie"
CNIL = "https://w3id.org/regkg/id/regulator/cnil-fr"
META = "https://w3id.org/regkg/id/company/meta"


def rec(
    key: str,
    source: str = "curated",
    eur: str | None = None,
    when: str | None = "2022-12-31",
    *,
    party: str | None = META,
    label: str = "Meta Platforms Ireland Ltd",
    authority: str = DPC,
    court: bool = False,
    ids: tuple[str, ...] = (),
    summary: str = "",
) -> LinkRecord:
    r = LinkRecord(
        D + key, f"g/{source}", source, authority=authority, jurisdiction="IE", court=court
    )
    if eur is not None:
        r.eur.add(Decimal(eur))
    if when is not None:
        r.dates.add(when)
    if party is not None:
        r.parties.add(party)
        r.groups.add(party)
        r.party_labels.add(label)
    else:
        r.unnamed = True
    r.ids |= set(ids)
    r.summary = summary
    return r


def pair(a: int, b: int, s: float) -> Pair:
    return Pair(a, b, s, {})


# -- clusters --------------------------------------------------------------------------------


def test_constants() -> None:
    assert (PART_TOLERANCE, STATED_PART_TOLERANCE) == (Decimal("0.01"), Decimal("0.02"))
    assert (PART_MINIMUM, MAX_PARTS) == (Decimal(100000), 3)


def test_union_refuses_two_records_of_one_source() -> None:
    records = [rec("a", "curated"), rec("b", "gdprhub"), rec("c", "curated"), rec("d", "cjeu")]
    c = Clusters(records)
    assert c.union(0, 1)
    assert not c.union(1, 2)  # the cluster of 1 holds a curated record already
    assert c.find(2) == 2 and c.find(1) == c.find(0)
    assert c.union(0, 1)  # already one cluster
    assert c.union(3, 1)
    assert c.sources[c.find(0)] == {"curated", "gdprhub", "cjeu"}
    assert sorted(map(sorted, c.groups())) == [[0, 1, 3], [2]]


def test_the_preferred_record_states_an_amount_then_ranks_first_then_by_iri() -> None:
    records = [
        rec("a-cur", "curated"),  # no amount
        rec("b-et", "enforcementtracker", "5000"),
        rec("c-gh", "gdprhub", "5000"),
        rec("d-pa", "privacyaffairs", "5000"),
    ]
    groups, refused = cluster(records, [pair(0, 1, 9), pair(1, 2, 9), pair(2, 3, 9)], 4.0)
    assert groups == [[1, 2, 3, 0]] and refused == []
    # among records of one rank, the IRI decides
    same_rank = [rec("z", "unknown-a", "1"), rec("y", "unknown-b", "1")]
    assert cluster(same_rank, [pair(0, 1, 9)], 4.0)[0] == [[1, 0]]


def test_clusters_are_listed_by_their_preferred_record() -> None:
    records = [rec("a", "gdprhub"), rec("b", "curated"), rec("c", "gdprhub", "1")]
    groups, _ = cluster(records, [], 4.0)
    assert groups == [[2], [1], [0]]  # with an amount first, then curated b before gdprhub a


def test_a_pair_merges_from_the_match_score_up() -> None:
    records = [rec("a", "curated"), rec("b", "gdprhub")]
    assert cluster(records, [pair(0, 1, 4.0)], 4.0)[0] == [[0, 1]]
    assert cluster(records, [pair(0, 1, 3.99)], 4.0)[0] == [[0], [1]]


def test_the_best_pair_merges_first_and_the_refused_one_is_returned() -> None:
    records = [rec("a", "curated"), rec("b", "gdprhub"), rec("c", "gdprhub")]
    weak, strong = pair(0, 1, 5.0), pair(0, 2, 9.0)
    groups, refused = cluster(records, [weak, strong], 4.0)
    assert groups == [[0, 2], [1]]
    assert refused == [weak]
    # a refusal that a later merge made moot is not returned
    records = [rec("a", "curated"), rec("b", "gdprhub"), rec("c", "gdprhub"), rec("d", "cjeu")]
    _, refused = cluster(records, [pair(0, 1, 9), pair(0, 2, 8), pair(2, 3, 7)], 4.0)
    assert refused == [pair(0, 2, 8)]
    # ties are broken by the record indices, so the order of the input does not matter
    records = [rec("a", "curated"), rec("b", "gdprhub"), rec("c", "gdprhub")]
    tie = [pair(0, 2, 6.0), pair(0, 1, 6.0)]
    assert cluster(records, tie, 4.0) == cluster(records, tie[::-1], 4.0)
    assert cluster(records, tie, 4.0)[0] == [[0, 1], [2]]


# -- parts and wholes ------------------------------------------------------------------------


def whole_and_parts(*amounts: str, whole: str = "390000000", **kw: object) -> list[LinkRecord]:
    out = [rec("whole", "curated", whole)]
    for n, a in enumerate(amounts):
        out.append(rec(f"part-{n}", "gdprhub", a, party=None, **kw))  # type: ignore[arg-type]
    return out


def found(records: list[LinkRecord]) -> dict[str, str]:
    groups = [[i] for i in range(len(records))]
    return {
        records[groups[p][0]].iri.removeprefix(D): records[groups[w][0]].iri.removeprefix(D)
        for p, w in parts(records, groups).items()
    }


def test_two_parts_add_up_to_their_whole() -> None:
    assert found(whole_and_parts("210000000", "180000000")) == {
        "part-0": "whole",
        "part-1": "whole",
    }


@pytest.mark.parametrize(
    ("second", "linked"),
    [
        ("183900000", True),  # 393.9m: 1 % over
        ("183900001", False),
        ("176100000", True),  # 386.1m: 1 % under
        ("176099999", False),
    ],
)
def test_parts_add_up_within_one_percent(second: str, linked: bool) -> None:
    assert bool(found(whole_and_parts("210000000", second))) is linked


@pytest.mark.parametrize(
    ("second", "linked"),
    [
        ("187800000", True),  # 397.8m: 2 % over
        ("187800001", False),
        ("172200000", True),  # 382.2m: 2 % under
        ("172199999", False),
    ],
)
def test_parts_the_whole_states_add_up_within_two_percent(second: str, linked: bool) -> None:
    summary = f"fines of €210,000,000 and €{int(second):,}"
    records = whole_and_parts("210000000", second)
    records[0].summary = summary
    assert bool(found(records)) is linked
    # unstated, the same parts would need 1 %
    assert found(whole_and_parts("210000000", second)) == {}


def test_three_parts_but_not_four_and_the_fewest_first() -> None:
    three = whole_and_parts("130000000", "130000000", "130000000")
    assert found(three) == {"part-0": "whole", "part-1": "whole", "part-2": "whole"}
    four = whole_and_parts("97500000", "97500000", "97500000", "97500000")
    assert found(four) == {}
    # two parts that add up win over three
    fewest = whole_and_parts("200000000", "190000000", "100000000", "90000000")
    assert found(fewest) == {"part-0": "whole", "part-1": "whole"}


def test_small_fines_are_not_parts() -> None:
    assert found(whole_and_parts("100000", "100000", whole="200000")) == {
        "part-0": "whole",
        "part-1": "whole",
    }
    assert found(whole_and_parts("99999", "99999", whole="199998")) == {}
    assert found(whole_and_parts("100000", "99999", whole="199999")) == {}
    assert found(whole_and_parts("100000", "100000", whole="199999")) == {
        "part-0": "whole",
        "part-1": "whole",
    }


def test_a_part_is_smaller_than_its_whole_and_priced() -> None:
    # a record without an amount is never a part (nor a whole)
    records = whole_and_parts("210000000", "180000000")
    records.append(rec("unpriced", "privacyaffairs", None, party=None))
    assert found(records) == {"part-0": "whole", "part-1": "whole"}
    # equal amounts are not a part and its whole
    assert found(whole_and_parts("390000000", "0.01", whole="390000000")) == {}


def test_the_largest_whole_is_matched_first_and_parts_are_not_reused() -> None:
    records = [
        rec("mid", "enforcementtracker", "400000000"),
        rec("big", "curated", "600000000"),
        rec("p1", "gdprhub", "200000000", party=None),
        rec("p2", "privacyaffairs", "200000000", party=None),
    ]
    # 600m = 400m + 200m is found first; the 200m left cannot make 400m alone
    assert found(records) == {"mid": "big", "p1": "big"}


@pytest.mark.parametrize(
    ("when", "linked"),
    [
        ("2023-01-05", True),  # 5 days
        ("2023-01-30", True),  # 30 days
        ("2023-02-01", False),  # 32 days
        ("2022-12-02", True),  # 29 days before
        # the same day a month on is a "typo" level, not "month": not linked today (see
        # benchmarks/README.md, "Found on the way")
        ("2023-01-31", False),
        (None, False),  # a part's date must be known
    ],
)
def test_parts_are_dated_within_a_month(when: str | None, linked: bool) -> None:
    records = whole_and_parts("210000000", "180000000")
    records[2].dates = {when} if when else set()
    assert bool(found(records)) is linked


@pytest.mark.parametrize(
    ("when", "linked"),
    [
        ("2022-12-31", True),  # the same day
        ("2023-01-05", True),  # 5 days
        ("2023-01-30", True),  # 30 days
        ("2023-02-01", True),  # 32 days
        ("2023-04-02", True),  # 92 days
        ("2023-04-03", False),  # 93 days
    ],
)
def test_stated_parts_are_dated_within_a_quarter(when: str, linked: bool) -> None:
    records = whole_and_parts("210000000", "180000000")
    records[0].summary = "fines of €210,000,000 and €180,000,000 respectively"
    records[2].dates = {when}
    assert bool(found(records)) is linked


def test_parts_need_the_whole_authority_no_court_no_conflicting_case_and_the_company() -> None:
    base = whole_and_parts("210000000", "180000000")
    assert found(base)
    other = whole_and_parts("210000000", "180000000")
    other[2].authority = CNIL
    assert found(other) == {}
    court = whole_and_parts("210000000", "180000000")
    court[2].court = True
    assert found(court) == {}
    court_whole = whole_and_parts("210000000", "180000000")
    court_whole[0].court = True
    assert found(court_whole) == {}
    conflict = whole_and_parts("210000000", "180000000")
    conflict[0].ids = {"IN-18-5-5"}
    conflict[2].ids = {"IN-18-5-7"}
    assert found(conflict) == {}
    shared = whole_and_parts("210000000", "180000000")
    shared[0].ids = {"IN-18-5-5"}
    shared[2].ids = {"IN-18-5-5"}
    assert found(shared)
    stranger = whole_and_parts("210000000", "180000000")
    stranger[2].parties = {"urn:someone"}
    stranger[2].party_labels = {"Someone Else Corp"}
    stranger[2].unnamed = False
    assert found(stranger) == {}
    group = whole_and_parts("210000000", "180000000")
    group[2].parties = {"urn:meta-us"}
    group[2].groups = {META}
    assert found(group)


# -- the review band and overrides, through link() --------------------------------------------


def filler(count: int = 30) -> list[LinkRecord]:
    """Thirty other fines of the jurisdiction, years apart, so an amount twice among 32 records
    weighs log2(32 / 2) + 2 = 6."""
    return [
        rec(f"filler-{n}", "curated", str(7000 + 5000 * n), f"{1950 + n}-01-01", party=None)
        for n in range(count)
    ]


def test_the_review_band_from_both_sides() -> None:
    # same amount (weight 6), a week apart (2), same authority (1), nobody named (0),
    # prior -6: 3.0, the review band's floor
    records = [
        rec("cur-a", "curated", "100000", "2021-03-01", party=None),
        rec("gh-a", "gdprhub", "100000", "2021-03-08", party=None),
        *filler(),
    ]
    result = link(records)
    review = [(result.records[p.a].iri, result.records[p.b].iri, p.score) for p in result.review]
    assert review == [(D + "cur-a", D + "gh-a", 3.0)]
    assert D + "gh-a" not in result.duplicate_of
    # the same pair with provisions in common: 4.0, linked and off the review list
    for r in records[:2]:
        r.provisions.add("GDPR:32")
    result = link(records)
    assert result.duplicate_of == {D + "gh-a": D + "cur-a"}
    assert result.review == []
    # with provisions that differ: 0.0, neither linked nor listed
    records[1].provisions = {"GDPR:5"}
    result = link(records)
    assert result.duplicate_of == {} and result.review == []


def test_a_matching_pair_kept_apart_goes_to_review() -> None:
    records = [
        rec("cur-a", "curated", "100000", "2021-03-01"),
        rec("gh-a", "gdprhub", "100000", "2021-03-01"),
        rec("gh-b", "gdprhub", "100000", "2021-03-01"),
        *filler(),
    ]
    result = link(records)
    assert result.duplicate_of == {D + "gh-a": D + "cur-a"}
    assert [(result.records[p.a].iri, result.records[p.b].iri) for p in result.review] == [
        (D + "cur-a", D + "gh-b"),
        (D + "gh-a", D + "gh-b"),
    ]
    assert result.summary()["review"] == 2
    assert result.summary()["duplicate_links"] == 1
    assert result.summary()["clusters_with_several_records"] == 1


def overrides(tmp_path: Path, *entries: tuple[str, str, str]) -> Overrides:
    f = tmp_path / "links.yaml"
    f.write_text(
        "".join(
            f"- records: [{a}, {b}]\n  decision: {d}\n  reason: r\n  source: https://e.org/\n"
            for a, b, d in entries
        ),
        encoding="utf-8",
    )
    return Overrides.load(f)


def test_overrides_score_infinite_and_add_pairs_blocking_missed(tmp_path: Path) -> None:
    records = [
        rec("a", "curated", "100000", "2021-03-01"),
        rec("b", "gdprhub", "100000", "2021-03-01"),
        rec("c", "enforcementtracker", "5000000", "2019-01-01", party="urn:x", label="X"),
    ]
    o = overrides(tmp_path, ("a", "nowhere", "same"), ("a", "b", "different"), ("c", "a", "same"))
    index = {r.iri: i for i, r in enumerate(records)}
    got = o.apply([pair(0, 1, 20.0)], records, index, 4.0)
    assert [(p.a, p.b, p.score) for p in got] == [(0, 1, -math.inf), (0, 2, math.inf)]
    assert got[1].fields == {"override": "same: r (https://e.org/)"}
    result = link(records, o)
    assert result.duplicate_of == {D + "c": D + "a"}


def test_overrides_skip_a_record_named_twice_and_keep_pairs_without_entries(
    tmp_path: Path,
) -> None:
    records = [rec("a", "curated", "1"), rec("b", "gdprhub", "1")]
    index = {r.iri: i for i, r in enumerate(records)}
    o = overrides(tmp_path, ("a", "a", "same"))
    kept = [pair(0, 1, 2.0)]
    assert o.apply(kept, records, index, 4.0) == kept
    assert Overrides().apply(kept, records, index, 4.0) is kept
    assert Overrides.load(tmp_path / "absent.yaml").entries == []


def test_the_summary_counts_what_a_run_found() -> None:
    records = [
        rec("cur-a", "curated", "100000", "2021-03-01"),
        rec("gh-a", "gdprhub", "100000", "2021-03-01"),
        rec("gh-b", "gdprhub", "100000", "2021-03-01"),
        rec("cur-390m", "curated", "390000000"),
        rec("gh-210m", "gdprhub", "210000000", party=None),
        rec("et-180m", "enforcementtracker", "180000000", party=None),
    ]
    result = link(records)
    assert result.part_of == {D + "gh-210m": D + "cur-390m", D + "et-180m": D + "cur-390m"}
    assert result.summary() == {
        "records": 6,
        # the four records of the Meta group pair with each other (6), and the three fines of
        # December 2022 by month (the 210m and the 180m with the 390m, and with each other)
        "candidate_pairs": 9,
        "clusters": 5,
        "clusters_with_several_records": 1,
        "duplicate_links": 1,
        "part_links": 2,
        "review": 2,
        "appeal_links": 0,
        "appeals_unresolved": 0,
        "set_aside": 0,
        "implements_links": 0,
        "implements_unresolved": 0,
    }
    assert result.pairs == 9


def test_review_lists_the_best_score_first_with_the_fields_that_decided() -> None:
    """Two pairs in the band, among 34 records where each pair's amount stands twice: an exact
    amount weighs log2(34 / 2) + 2 = 6.0875. Pair a, a week apart: -6 + 1 + 6.0875 + 2 =
    3.0875. Pair b, the same day, case numbers of two schemes, summaries with no word in common:
    -6 + 1 + 6.0875 + 5 - 1 - 1.5 = 3.5875."""
    records = [
        rec("cur-a", "curated", "100000", "2021-03-01", party=None),
        rec("gh-a", "gdprhub", "100000", "2021-03-08", party=None),
        rec("cur-b", "curated", "200000", "2022-03-01", party=None, ids=("AB-1-2",)),
        rec("gh-b", "gdprhub", "200000", "2022-03-01", party=None, ids=("CD-3-4",)),
        *filler(),
    ]
    records[2].summary = "alpha bravo"
    records[3].summary = "charlie delta"
    result = link(records)
    got = [
        (result.records[p.a].iri.removeprefix(D), result.records[p.b].iri.removeprefix(D), p.score)
        for p in result.review
    ]
    assert got == [
        ("cur-b", "gh-b", pytest.approx(3.5875, abs=1e-4)),
        ("cur-a", "gh-a", pytest.approx(3.0875, abs=1e-4)),
    ]
    assert result.review[0].fields == {
        "authority": "same",
        "amount": "exact",
        "date": "same",
        "party": "unnamed",
        "ids": "none",
        "provisions": "missing",
        "summary": "unlike",
    }
    assert result.duplicate_of == {}


def test_a_bad_override_file_names_the_file_and_the_entry(tmp_path: Path) -> None:
    from graph.errors import SourceDataError

    f = tmp_path / "links.yaml"
    f.write_text("records: [a, b]\n", encoding="utf-8")
    with pytest.raises(SourceDataError) as err:
        Overrides.load(f)
    assert str(err.value) == f"{f}: expected a list of entries"
    f.write_text(
        "- records: [a, b]\n  decision: same\n  reason: r\n  source: s\n- records: [a]\n",
        encoding="utf-8",
    )
    with pytest.raises(SourceDataError) as err:
        Overrides.load(f)
    assert str(err.value) == (
        f"{f}, record 'entry 2': records must name exactly two decision records"
    )
    f.write_text("", encoding="utf-8")
    assert Overrides.load(f).entries == []
    f.write_text(
        "- records: [Österreich-a, b]\n  decision: different\n  reason: ' é '\n  source: s\n",
        encoding="utf-8",
    )
    (entry,) = Overrides.load(f).entries
    assert (entry.a, entry.b, entry.decision, entry.reason, entry.source) == (
        "Österreich-a",
        "b",
        "different",
        "é",
        "s",
    )


def test_summaries_are_weighed_by_how_rare_their_words_are_in_the_run() -> None:
    """Same amount (weight 6), a week apart, nobody named: 3.0 before the summaries. "fined
    riders" against "fined drivers" share one word of two: alike (+4, linked) when "fined" is
    rare, unlike (-1.5, 1.5: neither linked nor listed) when every record says "fined"."""
    pair_ = [
        rec("cur-s", "curated", "100000", "2021-03-01", party=None, summary="fined riders"),
        rec("gh-s", "gdprhub", "100000", "2021-03-08", party=None, summary="fined drivers"),
    ]
    assert link([*pair_, *filler()]).duplicate_of == {D + "gh-s": D + "cur-s"}
    common = filler()
    for r in common:
        r.summary = "fined"
    result = link([*pair_, *common])
    assert result.duplicate_of == {} and result.review == []


def test_an_amount_only_a_summary_states_weighs_by_the_recorded_ones_rarity() -> None:
    """The record without an amount sorts first; its pair's EUR 100,000 is once among 31
    amounts: log2(31) + 2 - 1 (stated) = 5.95, and -6 + 1 + 5.95 + 5 (same day) = 5.95: linked.
    Weighed as an unknown amount (3 - 1) it would be 2.0."""
    records = [
        rec("a-stated", "gdprhub", None, "2021-03-01", party=None, summary="fined €100,000"),
        rec("b-priced", "curated", "100000", "2021-03-01", party=None),
        *filler(),
    ]
    result = link(records)
    assert result.duplicate_of == {D + "a-stated": D + "b-priced"}


def test_a_pair_at_the_match_score_kept_apart_is_listed_once() -> None:
    """EUR 100,000 three times among 48 amounts weighs log2(16) + 2 = 6. cur-a and gh-a, the
    same day: 6.0, merged first. cur-a and gh-b, a week apart, a provision in common: 4.0, a
    match, refused (the cluster has a gdprhub record). gh-a and gh-b, a week apart: 3.0."""
    records = [
        rec("cur-a", "curated", "100000", "2021-03-01", party=None),
        rec("gh-a", "gdprhub", "100000", "2021-03-01", party=None),
        rec("gh-b", "gdprhub", "100000", "2021-03-08", party=None),
        *filler(45),
    ]
    records[0].provisions = records[2].provisions = {"GDPR:32"}
    result = link(records)
    assert result.duplicate_of == {D + "gh-a": D + "cur-a"}
    got = [
        (result.records[p.a].iri.removeprefix(D), result.records[p.b].iri.removeprefix(D), p.score)
        for p in result.review
    ]
    assert got == [("cur-a", "gh-b", 4.0), ("gh-a", "gh-b", 3.0)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- just a string\n", "expected a mapping with records, decision, reason, source"),
        (
            "- records: [a, b]\n  decision: maybe\n  reason: r\n  source: s\n",
            "decision must be one of same, different, not 'maybe'",
        ),
        (
            "- records: [a, b]\n  decision: same\n  reason: ' '\n  source: s\n",
            "reason is required (a reviewer's decision says why and on what source)",
        ),
    ],
)
def test_override_entry_errors_in_full(tmp_path: Path, text: str, message: str) -> None:
    from graph.errors import SourceDataError

    f = tmp_path / "links.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(SourceDataError) as err:
        Overrides.load(f)
    assert str(err.value) == f"{f}, record 'entry 1': {message}"


def test_a_whole_after_a_part_still_finds_its_own_parts() -> None:
    """In order of amount: 600m takes 400m and 200m; 400m, a part now, is passed over; 300m
    then finds 150m and 150m."""
    records = [
        rec("big", "curated", "600000000"),
        rec("mid", "enforcementtracker", "400000000", party=None),
        rec("p1", "gdprhub", "200000000", party=None),
        rec("w2", "privacyaffairs", "300000000", party=None),
        rec("q1", "cjeu", "150000000", party=None),
        rec("q2", "other", "150000000", party=None),
    ]
    assert found(records) == {"mid": "big", "p1": "big", "q1": "w2", "q2": "w2"}


def test_a_part_is_strictly_smaller_and_one_is_not_enough() -> None:
    # 400m and 100k add up to 400m within 1 %, but the 400m is as large as the whole
    same = [
        rec("whole", "curated", "400000000"),
        rec("equal", "gdprhub", "400000000", party=None),
        rec("small", "enforcementtracker", "100000", party=None),
    ]
    assert found(same) == {}
    # one record within 1 % of the whole is not its part
    assert found(whole_and_parts("389000000")) == {}


def test_a_part_the_whole_states_within_two_percent_counts_as_stated() -> None:
    """The summary states EUR 184m for a part of 185.85m (1 % off: close); the parts then add
    up to 395.85m, 1.5 % over the whole, which a stated split allows and an unstated does not."""
    records = whole_and_parts("210000000", "185850000")
    records[0].summary = "fines of €210,000,000 and €184,000,000"
    assert found(records) == {"part-0": "whole", "part-1": "whole"}
    records = whole_and_parts("210000000", "185850000")
    records[0].summary = "fines of €210,000,000 and €180,000,000"  # 3.25 % off: not stated
    assert found(records) == {}
