"""Fines table, overview aggregates and question timelines on the fixture world (oracles: the
fixture YAML and the stored SPARQL queries)."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
import yaml

from graph.explorer import precedent, tables
from graph.explorer.refs import padded_date, record_iri
from graph.sparql.stored import get_query
from graph.stores.contract import Store
from graph.stores.results import run_stored
from graph.vocabulary import strings as vocab
from tests.fixtures.world_store import WORLD_DIR

REGULATOR = "https://w3id.org/regkg/id/regulator/"
COMPANY = "https://w3id.org/regkg/id/company/"


@cache
def data() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ("orgs", "law", "cases"):
        out.update(yaml.safe_load((WORLD_DIR / f"{name}.yaml").read_text(encoding="utf-8")))
    return out


def yaml_fines() -> dict[str, dict[str, Any]]:
    return {
        record_iri(f"decision/{r['id']}"): r for r in data()["decisions"] if r["kind"] == "fine"
    }


def ultimate(company: str) -> str:
    """The company's ultimate parent in the YAML, or the company itself."""
    ups = [
        o["parent"]
        for o in data()["ownership"]
        if o["subsidiary"] == company and o["kind"] == "ultimate"
    ]
    return ups[0] if ups else company


def test_one_row_per_fine_with_yaml_values(world: Store) -> None:
    rows = tables.fines(world)
    expected = yaml_fines()
    assert {r.iri for r in rows} == set(expected)
    for r in rows:
        rec = expected[r.iri]
        assert (r.label, r.date, r.year) == (rec["label"], rec["date"], int(rec["date"][:4]))
        assert r.regulator.iri == REGULATOR + rec["authority"]
        assert r.jurisdiction == rec["jurisdiction"]
        assert (r.amount, r.currency) == (float(rec["amount"]["value"]), rec["amount"]["currency"])
        if rec["amount"]["currency"] == "EUR":
            assert r.eur == r.amount
        assert {c.iri for c in r.companies} == {COMPANY + s for s in rec["subjects"]}
        assert {g.iri for g in r.groups} == {COMPANY + ultimate(s) for s in rec["subjects"]}
        assert set(rec["infringed"]) <= {p.label for p in r.provisions}
        assert r.trust == (rec.get("trust", "curated-verified"),)
        assert r.as_of == (rec["source"]["as_of"],)
    assert [padded_date(r.date) for r in rows] == sorted(padded_date(r.date) for r in rows)


def test_totals_per_regulator_agree_with_the_stored_query(world: Store) -> None:
    rows = tables.fines(world)
    mine = {name: (eur, n) for name, eur, n in tables.totals_by(rows, lambda r: r.regulator.label)}
    stored = run_stored(world, get_query("fines-per-regulator"), {}).records()
    theirs = {
        r["name"]: (round(float(r["totalEur"] or 0), 2), int(r["fines"] or 0)) for r in stored
    }
    assert mine == theirs


def test_totals_per_group_agree_with_the_stored_query(world: Store) -> None:
    rows = tables.fines(world)
    mine = {
        name: (eur, n)
        for name, eur, n in tables.totals_by(rows, lambda r: "; ".join(g.label for g in r.groups))
    }
    stored = run_stored(world, get_query("fines-per-parent"), {}).records()
    assert mine == {
        r["name"]: (round(float(r["totalEur"] or 0), 2), int(r["fines"] or 0)) for r in stored
    }


def test_totals(world: Store) -> None:
    rows = tables.fines(world)
    total = tables.totals(rows)
    assert total.fines == len(yaml_fines())
    assert total.without_eur == 1  # the year-only USD fine
    assert total.eur == round(sum(r.eur for r in rows if r.eur is not None), 2)
    assert tables.totals([]) == tables.Totals(0, 0.0, 0)


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (tables.FineFilter(), {"ado-fine-lone-2020", "ado-fine-2021", "bmcb-fine-2022"}),
        (
            tables.FineFilter(regulators=frozenset({REGULATOR + "aa-dpa"})),
            {"ado-fine-lone-2020", "ado-fine-2021"},
        ),
        (tables.FineFilter(parties=frozenset({COMPANY + "acme-group"})), {"ado-fine-2021"}),
        (tables.FineFilter(parties=frozenset({COMPANY + "acme-eu"})), {"ado-fine-2021"}),
        (tables.FineFilter(jurisdictions=frozenset({"BB"})), {"bmcb-fine-2022"}),
        (
            tables.FineFilter(provisions=frozenset({record_iri("provision/upr-art-8")})),
            {"ado-fine-2021"},
        ),
        (
            tables.FineFilter(provisions=frozenset({record_iri("instrument/upr")})),
            {"ado-fine-lone-2020", "ado-fine-2021"},
        ),
        (tables.FineFilter(year_from=2021, year_to=2021), {"ado-fine-2021"}),
        (tables.FineFilter(eur_min=100_000), {"ado-fine-2021", "ado-fine-lone-2020"}),
        (tables.FineFilter(eur_max=100_000, include_unconverted=False), {"bmcb-fine-2022"}),
        (tables.FineFilter(include_unconverted=False), {"ado-fine-2021", "bmcb-fine-2022"}),
    ],
)
def test_filters(world: Store, f: tables.FineFilter, expected: set[str]) -> None:
    got = tables.filter_fines(tables.fines(world), f)
    assert {r.iri for r in got} == {record_iri(f"decision/{k}") for k in expected}


def test_filter_matches_the_yaml_for_every_regulator(world: Store) -> None:
    rows = tables.fines(world)
    for reg in data()["regulators"]:
        got = tables.filter_fines(
            rows, tables.FineFilter(regulators=frozenset({REGULATOR + reg["id"]}))
        )
        assert {r.iri for r in got} == {
            iri for iri, rec in yaml_fines().items() if rec["authority"] == reg["id"]
        }


def test_sorting(world: Store) -> None:
    rows = tables.fines(world)
    by_amount = tables.sort_fines(rows, "amount (EUR)", descending=True)
    assert [r.eur for r in by_amount] == [1_000_000.0, pytest.approx(59722.89), None]
    ascending = tables.sort_fines(rows, "amount (EUR)")
    assert ascending[-1].eur is None and ascending[0].eur == pytest.approx(59722.89)
    latest = tables.sort_fines(rows, "date", descending=True)
    assert [r.date for r in latest] == ["2022-02-14", "2021-05-10", "2020"]
    assert [r.label for r in tables.largest(rows, 1)] == ["ADO fine on Acme EU (children), 2021"]
    for key in tables.SORTS:
        assert len(tables.sort_fines(rows, key)) == len(rows)


def test_kind_counts_follow_the_yaml(world: Store) -> None:
    counts = tables.kind_counts(world)
    d = data()
    assert counts["Company"] == len(d["companies"])
    assert counts["Regulator"] == len(d["regulators"])
    assert counts["Court"] == len(d["courts"])
    assert counts["LegalQuestion"] == len(d["questions"])
    assert counts["Holding"] == len(d["holdings"])
    assert counts["Treatment"] == len(d["treatments"])
    assert counts["Fine"] == len(yaml_fines())
    assert sum(counts.get(k, 0) for k in vocab.DECISION_KINDS) == len(d["decisions"])


def test_latest_decisions_first(world: Store) -> None:
    rows = tables.decisions(world)
    assert len(rows) == len(data()["decisions"])
    assert rows[0].label == "Borduria Tax Agency ruling, 2023"
    assert rows[0].trust == ("machine-coded",)
    assert [padded_date(r.date) for r in rows] == sorted(
        (padded_date(r.date) for r in rows), reverse=True
    )


def test_questions_and_their_holdings(world: Store) -> None:
    qs = precedent.questions(world)
    assert [(q.number, q.label) for q in qs] == [
        (q["number"], q["text"]) for q in data()["questions"]
    ]
    for q in qs:
        key = q.iri.rsplit("/", 1)[-1]
        assert q.holdings == sum(1 for h in data()["holdings"] if h["question"] == key)
    assert qs[0].state_of_law == "Synthetic state of the law."
    assert len(precedent.holdings(world)) == len(data()["holdings"])


def test_timeline_holdings_treatments_and_latest_per_jurisdiction(world: Store) -> None:
    decisions = {r["id"]: r for r in data()["decisions"]}
    directions = {"yes": "yes", "no": "no", "partly": "partly", "open": "left open"}
    for q in data()["questions"]:
        t = precedent.timeline(world, record_iri(f"question/{q['id']}"))
        assert t is not None
        mine = [h for h in data()["holdings"] if h["question"] == q["id"]]
        expected = sorted(
            (
                padded_date(h.get("date") or decisions[h["decision"]]["date"]),
                record_iri(f"decision/{h['decision']}"),
                directions[h["direction"]],
                h["answer"],
            )
            for h in mine
        )
        assert [
            (padded_date(h.date), h.decision.iri, h.direction, h.answer) for h in t.holdings
        ] == expected
        answering = {h["decision"] for h in mine}
        links = {
            (
                record_iri(f"decision/{tr['citing']}"),
                tr["type"],
                record_iri(f"decision/{tr['cited']}"),
            )
            for tr in data()["treatments"]
            if {tr["citing"], tr["cited"]} <= answering
        }
        assert {(tr.citing.iri, tr.type, tr.cited.iri) for tr in t.treatments} == links
        latest: dict[str, str] = {}
        for h in mine:
            code = decisions[h["decision"]]["jurisdiction"]
            date = padded_date(h.get("date") or decisions[h["decision"]]["date"])
            latest[code] = max(latest.get(code, ""), date)
        assert {c: {padded_date(h.date) for h in hs} for c, hs in t.latest.items()} == {
            c: {d} for c, d in latest.items()
        }
    assert precedent.timeline(world, record_iri("question/none")) is None


def test_treatments_cite_their_sources(world: Store) -> None:
    got = {(t.citing.iri, t.type): t for t in precedent.treatments(world)}
    for tr in data()["treatments"]:
        t = got[(record_iri(f"decision/{tr['citing']}"), tr["type"])]
        assert t.sources == (tr["source"]["url"],)
        assert t.note == tr.get("note")


def test_eur_totals_are_the_hand_worked_figures(world: Store) -> None:
    """The fixture's EUR figures, written out (not recomputed by the code under test).

    - ado-fine-2021: EUR 1,000,000 (kept); ado-fine-lone-2020: USD 1,000 with a year-only date,
      no EUR value;
    - bmcb-fine-2022: GBP 50,000 on 2022-02-14, ECB line
      ``2022-02-14,1.1316,130.6,1.9558,N/A,24.527,7.4411,N/A,0.8372,...`` (GBP 0.8372):
      50000 / 0.8372 = 59722.8858 -> EUR 59,722.89;
    - bmcb-settlement-2022 (not a fine): USD 5,000,000, month-only 2022-12 -> 2022-12-15, ECB
      line ``2022-12-15,1.0621,...`` (USD 1.0621): 5000000 / 1.0621 = 4707654.6465 -> EUR
      4,707,654.65.
    """
    regulators = run_stored(world, get_query("fines-per-regulator"), {}).records()
    assert [(r["regulator"], r["fines"], r["totalEur"]) for r in regulators] == [
        (REGULATOR + "aa-dpa", "2", "1000000"),
        (REGULATOR + "bb-media", "1", "59722.89"),
    ]
    parents = run_stored(world, get_query("fines-per-parent"), {}).records()
    assert [(r["parent"], r["fines"], r["totalEur"]) for r in parents] == [
        (COMPANY + "acme-group", "1", "1000000"),
        (COMPANY + "hostile-co", "1", "59722.89"),
        (COMPANY + "lone-co", "1", "0"),
    ]
    assert tables.totals(tables.fines(world)) == tables.Totals(3, 1059722.89, 1)
    reg = "https://w3id.org/regkg/ontology#"
    amounts = {
        str(sol["a"].value).rsplit("/", 1)[-1]: tuple(
            None if sol[v] is None else sol[v].value for v in ("e", "r", "d")
        )
        for sol in world.query(
            f"SELECT ?a ?e ?r ?d WHERE {{ ?a a <{reg}MonetaryAmount> . "
            f"OPTIONAL {{ ?a <{reg}eurValue> ?e }} OPTIONAL {{ ?a <{reg}eurRate> ?r }} "
            f"OPTIONAL {{ ?a <{reg}eurRateDate> ?d }} }}"
        )
    }
    assert amounts == {
        "ado-fine-2021-amount": ("1000000", None, None),
        "ado-fine-2021-reduced-amount": ("800000", None, None),
        "bmcb-fine-2022-amount": ("59722.89", "0.8372", "2022-02-14"),
        "ado-fine-lone-2020-amount": (None, None, None),
        "bmcb-settlement-2022-amount": ("4707654.65", "1.0621", "2022-12-15"),
    }
