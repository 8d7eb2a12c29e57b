"""The linkage stage on records made here: levels, scores, clusters, parts, overrides, order."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest

from graph.errors import SourceDataError
from graph.linkage.compare import amount_level, compare, date_level
from graph.linkage.link import link
from graph.linkage.model import MATCH, REVIEW, AmountFrequency, score
from graph.linkage.overrides import Overrides
from graph.linkage.records import LinkRecord

D = "https://w3id.org/regkg/id/decision/"
DPC = "https://w3id.org/regkg/id/regulator/dpc-ie"
META = "https://w3id.org/regkg/id/company/meta-platforms-ireland-ltd"


def rec(
    key: str,
    source: str,
    eur: str | None,
    when: str | None,
    *,
    party: str | None = META,
    authority: str = DPC,
    ids: tuple[str, ...] = (),
    summary: str = "",
) -> LinkRecord:
    r = LinkRecord(D + key, f"g/{source}", source, authority=authority, jurisdiction="IE")
    r.kinds.add("fine")
    if eur is not None:
        r.eur.add(Decimal(eur))
    if when is not None:
        r.dates.add(when)
    if party:
        r.parties.add(party)
        r.groups.add(party)
        r.party_labels.add("Meta Platforms Ireland Ltd")
    else:
        r.unnamed = True
    r.ids |= set(ids)
    r.summary = summary
    return r


def world() -> list[LinkRecord]:
    """One fine in three sources (dates and names differ as real trackers do), a whole and its
    two parts, and two hard negatives: the same company fined again by the same regulator, and
    a small same-day fine of another company."""
    return [
        rec("cur-1200m", "curated", "1200000000", "2023-05-12"),
        rec("et-1200m", "enforcementtracker", "1200000000", "2023-05-15"),
        rec("gh-1200m", "gdprhub", "1200000000", "2023-05-12", party=None, ids=("IN-20-8-1",)),
        rec("cur-390m", "curated", "390000000", "2022-12-31"),
        rec("gh-210m", "gdprhub", "210000000", "2022-12-31", party=None, ids=("IN-18-5-5",)),
        rec("gh-180m", "gdprhub", "180000000", "2022-12-31", party=None, ids=("IN-18-5-7",)),
        rec("cur-265m", "curated", "265000000", "2022-11-25"),
        rec("et-other", "enforcementtracker", "5000", "2023-05-12", party=None),
        # the rest of the jurisdiction: amounts are weighed by how rare they are in it
        *(
            rec(f"filler-{n}", "privacyaffairs", str(1007 + 1000 * n), "2016-01-01", party=None)
            for n in range(40)
        ),
    ]


def test_levels_of_real_disagreements() -> None:
    assert amount_level(Decimal("35258708"), Decimal("15258708")) == "typo"
    assert amount_level(Decimal("35258708"), Decimal("32258708")) in ("typo", "near")  # H&M
    assert amount_level(Decimal("5000000"), Decimal("2000000")) == "far"  # two round amounts
    assert amount_level(Decimal("3150000"), Decimal("2520000")) == "reduced"  # 20 % off
    assert amount_level(Decimal("746000000"), Decimal("746000000")) == "exact"
    assert date_level({"2021-07-16"}, {"2021-07-22"}) == "week"
    assert date_level({"2021-08-20"}, {"2021-09-02"}) == "month"
    assert date_level({"2020-03-12"}, {"2020-12-03"}) == "typo"
    assert date_level({"2019-01-01"}, {"2022-01-01"}) == "far"
    assert date_level(set(), {"2022-01-01"}) == "missing"


def test_a_rare_exact_amount_weighs_more_than_a_common_one() -> None:
    freq = AmountFrequency(
        [("ES", Decimal(1000))] * 50 + [("ES", Decimal(746000000))] + [("ES", Decimal(7))] * 49
    )
    assert freq.weight("ES", Decimal(746000000)) > freq.weight("ES", Decimal(1000))
    a = rec("a", "curated", "1000", "2021-01-01", party=None)
    b = rec("b", "gdprhub", "1000", "2021-01-01", party=None)
    c = compare(a, b)
    assert score(c, freq.weight("ES", Decimal(746000000))) > score(
        c, freq.weight("ES", a.eur_amount)
    )


def test_one_decision_in_three_sources_is_one_cluster_with_the_curated_record_preferred() -> None:
    result = link(world())
    assert result.duplicate_of[D + "et-1200m"] == D + "cur-1200m"
    assert result.duplicate_of[D + "gh-1200m"] == D + "cur-1200m"
    assert D + "cur-1200m" not in result.duplicate_of


def test_parts_of_a_whole_are_linked_to_it_and_not_to_each_other() -> None:
    result = link(world())
    assert result.part_of == {D + "gh-210m": D + "cur-390m", D + "gh-180m": D + "cur-390m"}
    assert D + "gh-210m" not in result.duplicate_of


def test_hard_negatives_stay_apart() -> None:
    result = link(world())
    for key in ("cur-265m", "et-other", "cur-390m"):
        assert D + key not in result.duplicate_of
    linked = set(result.duplicate_of) | set(result.duplicate_of.values())
    assert D + "cur-265m" not in linked and D + "et-other" not in linked


def test_counting_records_without_either_link_counts_each_decision_once() -> None:
    """The contract for outside SPARQL users: leave out records with reg:duplicateOf or
    reg:partOf and each decision counts once, at its true amount."""
    result = link(world())
    counted = [
        r for r in world() if r.iri not in result.duplicate_of and r.iri not in result.part_of
    ]
    total = sum((r.eur_amount or Decimal(0)) for r in counted)
    fillers = sum(1007 + 1000 * n for n in range(40))
    assert total == Decimal(1200000000 + 390000000 + 265000000 + 5000 + fillers)


def test_the_same_records_give_the_same_links_in_any_order() -> None:
    first = link(world())
    for seed in range(5):
        records = world()
        random.Random(seed).shuffle(records)
        again = link(records)
        assert (again.duplicate_of, again.part_of) == (first.duplicate_of, first.part_of)


def test_a_reviewer_splits_and_joins_over_any_score(tmp_path: Path) -> None:
    f = tmp_path / "links.yaml"
    f.write_text(
        "- records: [cur-1200m, et-1200m]\n  decision: different\n"
        "  reason: test split\n  source: https://example.org/a\n"
        "- records: [cur-265m, et-other]\n  decision: same\n"
        "  reason: test join\n  source: https://example.org/b\n",
        encoding="utf-8",
    )
    result = link(world(), Overrides.load(f))
    assert result.duplicate_of.get(D + "et-1200m") != D + "cur-1200m"
    assert result.duplicate_of[D + "et-other"] == D + "cur-265m"


def test_the_review_list_holds_the_uncertain_band() -> None:
    """Same rare amount, four days apart, neither names the company: neither linked nor lost."""
    records = [
        rec("cur-a", "curated", "100000", "2021-03-01", party=None),
        rec("gh-a", "gdprhub", "100000", "2021-03-05", party=None),
    ] + [rec(f"other-{n}", "curated", str(7000 + 5000 * n), "2015-01-01") for n in range(30)]
    result = link(records)
    c = compare(records[0], records[1])
    freq = AmountFrequency((r.jurisdiction, e) for r in records for e in r.eur)
    assert REVIEW <= score(c, freq.weight("IE", Decimal(100000))) < MATCH
    assert D + "gh-a" not in result.duplicate_of
    pairs = {(result.records[p.a].iri, result.records[p.b].iri) for p in result.review}
    assert (D + "cur-a", D + "gh-a") in pairs


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("- records: [a]\n  decision: same\n  reason: r\n  source: s\n", "exactly two"),
        ("- records: [a, b]\n  decision: maybe\n  reason: r\n  source: s\n", "decision must be"),
        ("- records: [a, b]\n  decision: same\n  source: s\n", "reason is required"),
        ("- records: [a, b]\n  decision: same\n  reason: r\n", "source is required"),
        ("{not: [valid", "not valid YAML"),
    ],
)
def test_a_bad_override_file_names_the_file_and_entry(
    tmp_path: Path, text: str, needle: str
) -> None:
    f = tmp_path / "links.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(SourceDataError) as err:
        Overrides.load(f)
    assert str(f) in str(err.value) and needle in str(err.value)
