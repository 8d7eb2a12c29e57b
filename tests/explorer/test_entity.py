"""Entity and decision read models on the fixture world, checked against the fixture YAML."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
import yaml

from graph.explorer.decision import decision, procedure_chain
from graph.explorer.entity import decisions_of, describe, facts, incoming, sources
from graph.explorer.refs import padded_date, record_iri
from graph.stores.contract import Store
from tests.fixtures.world_store import WORLD_DIR

KIND_CLASS = {
    "fine": "Fine",
    "order": "Order",
    "settlement": "Settlement",
    "investigation": "Investigation",
    "draft-decision": "DraftDecision",
    "binding-decision": "BindingDecision",
    "court-case": "CourtCase",
    "judgment": "Judgment",
}
ROLE_LABEL = {"litigation-friend": "litigation friend"}
PARTY_KIND = {
    "companies": "company",
    "public_bodies": "public-body",
    "regulators": "regulator",
    "courts": "court",
    "law_firms": "law-firm",
    "persons": "person",
    "anonymous_parties": "party",
}


@cache
def data() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ("orgs", "law", "cases"):
        out.update(yaml.safe_load((WORLD_DIR / f"{name}.yaml").read_text(encoding="utf-8")))
    return out


def party_iri(key: str) -> str:
    for section, kind in PARTY_KIND.items():
        if any(r["id"] == key for r in data()[section]):
            return record_iri(f"{kind}/{key}")
    raise KeyError(key)


def decision_iri(key: str) -> str:
    return record_iri(f"decision/{key}")


DECISIONS = [r["id"] for r in data()["decisions"]]


def rec_of(key: str) -> dict[str, Any]:
    return next(r for r in data()["decisions"] if r["id"] == key)


@pytest.mark.parametrize("key", DECISIONS)
def test_each_decision_is_described_with_its_provenance(world: Store, key: str) -> None:
    rec = rec_of(key)
    e = describe(world, decision_iri(key))
    assert e is not None
    assert (e.label, e.kind) == (rec["label"], KIND_CLASS[rec["kind"]])
    assert e.as_of == (rec["source"]["as_of"],)
    assert e.trust == (rec.get("trust", "curated-verified"),)
    cited = {s.get("url") or s["record"] for s in [rec["source"], *rec.get("more_sources", [])]}
    assert {p.url or p.identifier for p in e.sources} == cited
    assert all(p.graph.endswith("/graph/curated-cases") for p in e.sources)
    by_property = {(f.property, f.value) for f in e.facts}
    assert ("summary", rec["summary"]) in by_property
    assert ("decision date", rec["date"]) in by_property


@pytest.mark.parametrize("key", DECISIONS)
def test_each_decision_in_full(world: Store, key: str) -> None:
    rec = rec_of(key)
    d = decision(world, decision_iri(key))
    assert d is not None
    assert (d.label, d.date, d.status) == (rec["label"], rec["date"], rec["status"])
    assert d.authority.iri == party_iri(rec["authority"])
    assert d.jurisdiction_code == rec["jurisdiction"]
    assert d.childrens_data is bool(rec.get("children", False))
    assert d.announced == rec.get("announced")
    assert d.outcome == rec.get("outcome")
    expected_parties = {(party_iri(s), "subject") for s in rec.get("subjects", [])} | {
        (party_iri(p["party"]), ROLE_LABEL.get(p["role"], p["role"]))
        for p in rec.get("parties", [])
    }
    assert {(p.party.iri, p.role) for p in d.parties} == expected_parties
    provisions = {
        (p.provision.label, p.how) for p in d.provisions if p.how != "instrument concerned"
    }
    assert provisions == {(ref, "found infringed") for ref in rec.get("infringed", [])} | {
        (ref, "considered") for ref in rec.get("provisions", []) if " " in ref.replace("A ", "", 1)
    }
    names = {"ecli": "ECLI", "celex": "CELEX", "neutral_citation": "Neutral citation"}
    names["case_number"] = "Case number"
    assert set(d.identifiers) == {(names[k], v) for k, v in rec.get("identifiers", {}).items()}
    amounts = {(a.which, a.value, a.currency) for a in d.amounts}
    expected = {
        (which, float(rec[field]["value"]), rec[field]["currency"])
        for which, field in (("imposed", "amount"), ("reduced", "reduced_amount"))
        if field in rec
    }
    assert amounts == expected


def test_money_keeps_the_original_currency_and_explains_the_eur_value(world: Store) -> None:
    euro = decision(world, decision_iri("ado-fine-2021"))
    assert euro is not None
    assert [(a.which, a.eur) for a in euro.amounts] == [("imposed", 1e6), ("reduced", 8e5)]
    pounds = decision(world, decision_iri("bmcb-fine-2022"))
    assert pounds is not None
    (gbp,) = pounds.amounts
    assert gbp.currency == "GBP" and gbp.rate_date == "2022-02-14"
    assert gbp.rate is not None and gbp.eur == pytest.approx(50000 / gbp.rate, abs=0.01)
    assert gbp.note == "Synthetic note on the amount."
    year_only = decision(world, decision_iri("ado-fine-lone-2020"))
    assert year_only is not None
    (usd,) = year_only.amounts
    assert usd.eur is None and usd.conversion_note and "year-only" in usd.conversion_note


def chain_oracle(key: str) -> list[str]:
    """The procedure chain from the YAML: the decisions linked to ``key`` by procedure links
    followed either way, in date order."""
    links: dict[str, set[str]] = {}
    for rec in data()["decisions"]:
        for step in rec.get("procedure", []):
            links.setdefault(rec["id"], set()).add(step["decision"])
            links.setdefault(step["decision"], set()).add(rec["id"])
    seen, todo = {key}, [key]
    while todo:
        for other in links.get(todo.pop(), set()) - seen:
            seen.add(other)
            todo.append(other)
    return [k for k in sorted(seen, key=lambda k: (padded_date(rec_of(k)["date"]), k))]


@pytest.mark.parametrize("key", DECISIONS)
def test_procedure_chain_matches_the_procedure_links(world: Store, key: str) -> None:
    steps = procedure_chain(world, decision_iri(key))
    assert sorted(s.iri for s in steps) == sorted(decision_iri(k) for k in chain_oracle(key))
    assert [padded_date(s.date) for s in steps] == sorted(padded_date(s.date) for s in steps)


def test_fine_chain_names_its_typed_links(world: Store) -> None:
    steps = {s.label: s.follows for s in procedure_chain(world, decision_iri("ado-fine-2021"))}
    assert set(steps["ADO fine on Acme EU (children), 2021"].split("; ")) == {
        "results from ADO inquiry into Acme EU, 2020",
        "implements UPB binding decision 1/2021",
    }


@pytest.mark.parametrize(("section", "kind"), list(PARTY_KIND.items()))
def test_decisions_of_a_party_follow_subjects_parties_and_authority(
    world: Store, section: str, kind: str
) -> None:
    for rec in data()[section]:
        key = rec["id"]
        expected: dict[str, set[str]] = {}
        for d in data()["decisions"]:
            roles = {"subject"} if key in d.get("subjects", []) else set()
            roles |= {
                ROLE_LABEL.get(p["role"], p["role"])
                for p in d.get("parties", [])
                if p["party"] == key
            }
            if d["authority"] == key:
                roles.add("decided by")
            if roles:
                expected[decision_iri(d["id"])] = roles
        got = decisions_of(world, record_iri(f"{kind}/{key}"))
        assert {r.iri: set(r.relations) for r in got} == expected, key
        assert [padded_date(r.date) for r in got] == sorted(padded_date(r.date) for r in got)


def test_decisions_of_a_question_are_its_holdings(world: Store) -> None:
    for q in data()["questions"]:
        got = decisions_of(world, record_iri(f"question/{q['id']}"))
        expected = {
            decision_iri(h["decision"]) for h in data()["holdings"] if h["question"] == q["id"]
        }
        assert {r.iri for r in got} == expected
        assert {r.relations for r in got} == {("answers this question",)}


def test_decision_rows_carry_amounts_trust_and_as_of(world: Store) -> None:
    rows = {r.iri: r for r in decisions_of(world, party_iri("aa-dpa"))}
    lone = rows[decision_iri("ado-fine-lone-2020")]
    assert (lone.amount, lone.currency, lone.eur, lone.trust) == (
        1000.0,
        "USD",
        None,
        ("imported",),
    )
    assert lone.as_of == ("2026-01-01",)


def test_company_facts_links_and_hostile_label(world: Store) -> None:
    hostile = describe(world, party_iri("hostile-co"))
    assert hostile is not None
    assert hostile.label == "<img src=x onerror=alert(1)>"
    assert ("note", "A synthetic hostile name for escaping tests.") in {
        (f.property, f.value) for f in hostile.facts
    }
    group = party_iri("acme-group")
    linked = {(f.property, f.iri) for f in incoming(world, group)}
    for o in data()["ownership"]:
        if o["parent"] == "acme-group" and o["kind"] == "ultimate":
            assert ("ultimate parent", party_iri(o["subsidiary"])) in linked
    video = {(f.property, f.iri) for f in facts(world, party_iri("acme-video"))}
    assert ("ultimate parent", group) in video
    assert ("jurisdiction", record_iri("jurisdiction/aa")) in video


def test_sources_name_dataset_and_record_when_there_is_no_url(world: Store) -> None:
    (src,) = sources(world, party_iri("lone-co"))
    assert (src.dataset, src.identifier, src.publisher) == (
        "Fixture Tracker",
        "FT-1",
        "Fixture Publisher",
    )
    assert src.where == "Fixture Tracker, record FT-1"
    assert src.trust == "curated-verified"


def test_unknown_records(world: Store) -> None:
    assert describe(world, record_iri("company/nobody")) is None
    assert decision(world, party_iri("acme-video")) is None
    assert decisions_of(world, record_iri("company/nobody")) == []
