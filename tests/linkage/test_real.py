"""The linkage stage on the four real tracker files, measured against independent references:
the hand-labelled gold set (``tests/fixtures/linkage/``) and the Enforcement Tracker's own sums.

The figures are computed here, from the files; the floors below are the issue's targets, so a
change that makes linkage worse than they allow fails.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from decimal import Decimal
from itertools import combinations
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.explorer.refs import bind
from graph.linkage.records import LinkRecord, read_records
from graph.stores.contract import Store
from tests.real_imports import FILES, Imported

GOLD = Path(__file__).parents[1] / "fixtures" / "linkage" / "gold.csv"
#: A second sample labelled blind after the weights were set (never used to tune them).
HELD_OUT = GOLD.with_name("heldout.csv")
#: A third, labelled after the session's linkage change and measured once (HELDOUT.md).
HELD_OUT_2 = GOLD.with_name("heldout-2.csv")
D = "https://w3id.org/regkg/id/decision/"
PREFIX = "PREFIX reg: <https://w3id.org/regkg/ontology#>\n"
#: The targets of issue 13 on the gold set (pairwise, over the gold records).
PRECISION_FLOOR = 0.99
RECALL_FLOOR = 0.95
#: What the held-out sample measured when it was labelled (session 8): a guard that the links do
#: not get worse, not a target met. Recall there is far below the gold set's (NOTES.md).
HELD_OUT_PRECISION_FLOOR = 0.97
HELD_OUT_RECALL_FLOOR = 0.70
#: The same guard on the third sample (measured 0.9878 / 0.7864 at labelling).
HELD_OUT_2_PRECISION_FLOOR = 0.98
HELD_OUT_2_RECALL_FLOOR = 0.78
#: The Tracker's eight largest countries and the window of the issue.
WINDOW = ("2018-05-25", "2024-02-26")
ISO = {
    "IRELAND": "IE",
    "LUXEMBOURG": "LU",
    "FRANCE": "FR",
    "ITALY": "IT",
    "SPAIN": "ES",
    "UNITED KINGDOM": "GB",
    "GERMANY": "DE",
    "GREECE": "GR",
}


def links(store: Store) -> dict[str, str]:
    q = PREFIX + "SELECT ?a ?b WHERE { ?a reg:duplicateOf|reg:partOf ?b }"
    return {row[0].value: row[1].value for row in store.query(q)}


def decision_of(iri: str, link: dict[str, str]) -> str:
    seen = {iri}
    while iri in link and link[iri] not in seen:
        iri = link[iri]
        seen.add(iri)
    return iri


def gold_records(recs: dict[str, LinkRecord], path: Path = GOLD) -> list[tuple[str, str, str]]:
    """(cluster, relation, IRI) of every gold record, by the identifiers the gold set uses."""
    by_row = {(r.source, r.row): r.iri for r in recs.values() if r.row is not None}
    out = []
    with path.open(encoding="utf-8") as f:
        for g in csv.DictReader(f):
            if g["source"] == "curated":
                iri = D + g["record"]
            elif g["source"] == "enforcementtracker":
                iri = D + "enforcementtracker-" + g["record"].lower()
            else:
                iri = by_row.get((g["source"], int(g["row"])), "")
            assert iri in recs, f"gold record {g['source']} {g['record']} is not in the store"
            cluster = g["cluster"] + ("/review" if g["relation"] == "court-review" else "")
            out.append((cluster, g["relation"], iri))
    return out


@pytest.fixture(scope="module")
def linked(imported: Imported) -> tuple[dict[str, LinkRecord], dict[str, str]]:
    return read_records(imported.store), links(imported.store)


def pairwise(
    gold: list[tuple[str, str, str]], link: dict[str, str]
) -> tuple[float, float, tuple[int, int, int]]:
    """Pairwise precision and recall of the store's links over the gold records."""
    tp = fp = fn = 0
    for (ca, _, a), (cb, _, b) in combinations(gold, 2):
        same_gold = ca == cb
        same_found = decision_of(a, link) == decision_of(b, link)
        tp += same_gold and same_found
        fp += same_found and not same_gold
        fn += same_gold and not same_found
    return tp / (tp + fp), tp / (tp + fn), (tp, fp, fn)


def test_precision_and_recall_on_the_gold_set(
    linked: tuple[dict[str, LinkRecord], dict[str, str]],
) -> None:
    recs, link = linked
    gold = gold_records(recs)
    assert len({c for c, _, _ in gold}) >= 400
    precision, recall, (tp, fp, fn) = pairwise(gold, link)
    print(f"gold pairs: precision {precision:.4f}, recall {recall:.4f} (tp {tp} fp {fp} fn {fn})")
    assert precision >= PRECISION_FLOOR
    assert recall >= RECALL_FLOOR


@pytest.mark.parametrize(
    ("path", "precision_floor", "recall_floor"),
    [
        (HELD_OUT, HELD_OUT_PRECISION_FLOOR, HELD_OUT_RECALL_FLOOR),
        (HELD_OUT_2, HELD_OUT_2_PRECISION_FLOOR, HELD_OUT_2_RECALL_FLOOR),
    ],
    ids=["heldout", "heldout-2"],
)
def test_precision_and_recall_on_the_held_out_samples(
    linked: tuple[dict[str, LinkRecord], dict[str, str]],
    path: Path,
    precision_floor: float,
    recall_floor: float,
) -> None:
    """The blind samples (HELDOUT.md): small fines from the Tracker and GDPRhub with their copies
    elsewhere and hard negatives, disjoint from the tuning set and from each other."""
    recs, link = linked
    held = gold_records(recs, path)
    assert len({c for c, _, _ in held}) >= 70
    others = {
        iri
        for p in (GOLD, HELD_OUT, HELD_OUT_2)
        if p != path
        for _, _, iri in gold_records(recs, p)
    }
    assert not others & {iri for _, _, iri in held}  # disjoint from the other labelled sets
    precision, recall, (tp, fp, fn) = pairwise(held, link)
    print(
        f"{path.name} pairs: precision {precision:.4f}, recall {recall:.4f} (tp {tp} fp {fp} fn {fn})"
    )
    assert precision >= precision_floor
    assert recall >= recall_floor


def test_every_fine_of_ten_million_counts_once_at_its_amount(
    linked: tuple[dict[str, LinkRecord], dict[str, str]],
) -> None:
    """For each gold decision of EUR 10m or more, the records counted for it (those with neither
    link) add up to its amount: a whole and its parts are not both counted, nor two sources."""
    recs, link = linked
    clusters: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for cluster, relation, iri in gold_records(recs):
        if relation != "court-review" and "fine" in recs[iri].kinds:
            clusters[cluster].append((relation, iri))
    wrong, checked = [], 0
    for cluster, members in sorted(clusters.items()):
        whole = [recs[i].eur_amount for rel, i in members if rel == "same" and recs[i].eur_amount]
        if not whole or max(whole) < 10_000_000:
            continue
        checked += 1
        counted = [i for _, i in members if i not in link]
        total = sum((recs[i].eur_amount or Decimal(0)) for i in counted)
        if abs(total - max(whole)) > max(whole) * Decimal("0.011"):
            wrong.append(
                (cluster, max(whole), [(i.removeprefix(D), recs[i].eur_amount) for i in counted])
            )
    assert checked >= 30
    assert wrong == []


def tracker_totals() -> dict[str, Decimal]:
    """The Enforcement Tracker's own EUR sums per country over the window (rows with a numeric
    amount and an exact date)."""
    data = json.loads(FILES["enforcementtracker"].read_text(encoding="utf-8"))["data"]
    out: Counter[str] = Counter()
    for row in data:
        m = re.search(r"alt='([^']+)'", row[2])
        date, amount = row[4], row[5].replace(",", "")
        if (
            not m
            or not re.fullmatch(r"\d{4}-\d\d-\d\d", date)
            or not re.fullmatch(r"\d+(\.\d+)?", amount)
        ):
            continue
        if WINDOW[0] <= date <= WINDOW[1]:
            out[m.group(1).upper()] += Decimal(amount)
    return dict(out)


def counted_totals(store: Store) -> dict[str, Decimal]:
    """regkg's EUR sums per jurisdiction: fines by regulators in the window, each decision once,
    leaving out fines a court set aside (the Tracker lists an overturned fine at EUR 0)."""
    q = (
        PREFIX
        + """SELECT ?code (SUM(?eur) AS ?total) WHERE {
      { SELECT DISTINCT ?f ?code ?eur WHERE {
        ?f a reg:Fine ; reg:decidedBy ?auth ; reg:decisionDate ?date ;
           reg:jurisdiction/reg:jurisdictionCode ?code ; reg:imposedAmount/reg:eurValue ?eur .
        ?auth a reg:Regulator .
        FILTER NOT EXISTS { ?f reg:duplicateOf|reg:partOf|reg:setAsideBy ?x }
        FILTER(STR(?date) >= "@FROM@" && STR(?date) <= "@TO@")
      } }
    } GROUP BY ?code"""
    )
    q = q.replace("@FROM@", WINDOW[0]).replace("@TO@", WINDOW[1])  # the test's own constants
    return {row[0].value: Decimal(row[1].value) for row in store.query(q)}


def test_totals_of_the_eight_largest_countries_match_the_tracker(imported: Imported) -> None:
    tracker = tracker_totals()
    ours = counted_totals(imported.store)
    top = sorted(tracker, key=lambda c: -tracker[c])[:8]
    assert set(top) == set(ISO), f"the Tracker's eight largest countries changed: {top}"
    lines = [f"{'country':<16}{'Tracker EUR m':>14}{'regkg EUR m':>13}{'ratio':>7}"]
    for c in top:
        t, o = tracker[c], ours.get(ISO[c], Decimal(0))
        lines.append(f"{c:<16}{t / 10**6:>14.1f}{o / 10**6:>13.1f}{o / t:>7.2f}")
    t_all = sum(tracker[c] for c in top)
    o_all = sum(ours.get(ISO[c], Decimal(0)) for c in top)
    ratio = o_all / t_all
    lines.append(f"{'all eight':<16}{t_all / 10**6:>14.1f}{o_all / 10**6:>13.1f}{ratio:>7.2f}")
    print("\n".join(lines))
    assert Decimal("0.95") <= ratio <= Decimal("1.20")


def test_the_linkage_graph_is_the_only_place_links_are_stated(imported: Imported) -> None:
    q = (
        PREFIX
        + "SELECT DISTINCT ?g WHERE { GRAPH ?g "
        + "{ ?a reg:duplicateOf|reg:partOf|reg:setAsideBy|reg:reviewOutcome ?b } }"
    )
    graphs = {row[0].value for row in imported.store.query(q)}
    assert graphs == {"https://w3id.org/regkg/graph/linkage"}


def test_the_manifest_counts_records_and_distinct_decisions(
    imported: Imported, linked: tuple[dict[str, LinkRecord], dict[str, str]]
) -> None:
    from graph.publish.export import decision_counts

    recs, link = linked
    counts = decision_counts(imported.store)
    assert counts["records"] == len(recs)
    assert counts["distinct"] == sum(1 for iri in recs if iri not in link)
    fines = [iri for iri, r in recs.items() if "fine" in r.kinds]
    assert counts["fine_records"] == len(fines)
    assert counts["distinct_fines"] == sum(1 for iri in fines if iri not in link)
    assert counts["distinct"] < counts["records"]


#: GDPRhub court records whose summaries say the court annulled or overturned a regulator's
#: fine, with the amount the summary states (read from the raw file by the test itself).
ANNULMENTS = {"9551/2022": "annulled the fine", "LG Berlin (526 OWi LG)": "overturned the decision"}


def test_a_fine_a_court_annulled_is_set_aside_by_that_court(imported: Imported) -> None:
    """Each court record named in ``ANNULMENTS`` says in GDPRhub's file that it annulled a
    regulator's fine of a stated amount; regkg links it to a fine of that amount (within 2 %)
    and marks that fine set aside by it, so the fine leaves the totals."""
    from graph.linkage.features import stated_amounts

    rows = list(csv.DictReader(FILES["gdprhub"].open(encoding="utf-8-sig")))
    q = (
        PREFIX
        + """SELECT ?prefix ?court ?fine ?eur WHERE {
      ?court reg:caseNumber ?case .
      FILTER(STRSTARTS(?case, ?prefix))
      ?court reg:appealFrom ?fine .
      ?fine reg:setAsideBy ?court ; reg:imposedAmount/reg:eurValue ?eur .
    }"""
    )
    for case, words in ANNULMENTS.items():
        row = next(r for r in rows if r["Case number/name"].startswith(case))
        assert words in row["Summary"]
        stated = stated_amounts(row["Summary"])
        found = list(imported.store.query(q, bind(prefix=ox.Literal(case))))
        assert len(found) == 1, case
        eur = Decimal(found[0]["eur"].value)
        assert any(abs(eur - s) <= s * Decimal("0.02") for s in stated), (case, eur, stated)


def test_the_edpb_binding_decision_is_not_a_second_eur_405m_fine(imported: Imported) -> None:
    """GDPRhub's EDPB Binding Decision 2/2022 states the EUR 405m the DPC imposed on Meta
    (Instagram) on 2022-09-02: the largest fines list that fine once, no EU-jurisdiction fine
    is counted, and the DPC's fine implements the binding decision (the link the linkage stage
    draws from the binding decision's own text)."""
    from graph.explorer.tables import fines, largest, totals_by

    rows = fines(imported.store)
    top = largest(rows, 10)
    assert [r.iri for r in top if r.eur == 405_000_000] == [D + "dpc-instagram-children-fine-2022"]
    assert [r.eur for r in top[:5]] == [1.2e9, 746e6, 530e6, 405e6, 390e6]
    assert "EU" not in {j for j, _eur, _n in totals_by(rows, lambda r: r.jurisdiction)}
    q = (
        PREFIX
        + """SELECT ?fine ?bd WHERE { GRAPH <https://w3id.org/regkg/graph/linkage> {
      ?fine reg:implements ?bd } ?bd reg:caseNumber ?case }"""
    )
    found = [(r["fine"].value, r["bd"].value) for r in imported.store.query(q)]
    assert len(found) == 1 and found[0][0] == D + "dpc-instagram-children-fine-2022"
    case = f'ASK {{ <{found[0][1]}> reg:caseNumber "Binding Decision 2/2022" }}'
    assert imported.store.query(PREFIX + case)
    linkage = imported.reports["cjeu"].linkage  # the last import: the whole store linked
    assert (linkage["implements_links"], linkage["implements_unresolved"]) == (1, 0)


def test_one_company_per_normalised_name_and_jurisdiction_unless_curated(
    imported: Imported,
) -> None:
    """Two companies whose names normalise alike, fined in one jurisdiction, are told apart only
    by the curated data (each curated organisation names its source: Google Inc. and Google LLC,
    the TikTok companies); an importer never mints a second company for a name it could resolve."""
    from graph.cleaning.names import core

    q = (
        PREFIX
        + """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT DISTINCT ?c ?l ?code ?g WHERE {
      GRAPH ?g { ?c a reg:Company ; rdfs:label ?l }
      ?d reg:subject ?c ; reg:jurisdiction/reg:jurisdictionCode ?code .
    }"""
    )
    by: defaultdict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for r in imported.store.query(q):
        by[(core(r["l"].value), r["code"].value)].add((r["c"].value, r["g"].value))
    clashes = {k: v for k, v in by.items() if k[0] and len({c for c, _ in v}) > 1}
    assert clashes, "expected the curated look-alikes (Google Inc./LLC, TikTok companies)"
    minted = {
        k: sorted(v)
        for k, v in clashes.items()
        if any(not g.startswith("https://w3id.org/regkg/graph/curated-") for _, g in v)
    }
    assert minted == {}
