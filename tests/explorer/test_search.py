"""Search on the fixture world: expectations come from the fixture YAML, not from the code."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
import yaml

from graph.explorer.refs import record_iri
from graph.explorer.search import WORD_SLOTS, entities, rank, search, words
from graph.stores.contract import Store
from tests.fixtures.world_store import WORLD_DIR

ORG_KINDS = {
    "companies": ("company", "Company"),
    "public_bodies": ("public-body", "PublicBody"),
    "regulators": ("regulator", "Regulator"),
    "courts": ("court", "Court"),
    "law_firms": ("law-firm", "LawFirm"),
    "persons": ("person", "Person"),
}
IDENTIFIERS = {
    "ecli": "ECLI",
    "celex": "CELEX",
    "neutral_citation": "neutral citation",
    "case_number": "case number",
}


@cache
def data() -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in ("orgs", "law", "cases"):
        data.update(yaml.safe_load((WORLD_DIR / f"{name}.yaml").read_text(encoding="utf-8")))
    return data


def decision_iri(key: str) -> str:
    return record_iri(f"decision/{key}")


def orgs() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (f"{kind}/{rec['id']}", cls, rec)
        for section, (kind, cls) in ORG_KINDS.items()
        for rec in data()[section]
    ]


@pytest.mark.parametrize(("key", "kind", "rec"), orgs(), ids=lambda v: str(v)[:30])
def test_every_organisation_is_found_first_by_its_exact_name(
    world: Store, key: str, kind: str, rec: dict[str, Any]
) -> None:
    hits = search(world, rec["name"])
    assert hits[0].iri == record_iri(key)
    assert (hits[0].label, hits[0].kind, hits[0].field, hits[0].rank) == (
        rec["name"],
        kind,
        "name",
        0,
    )


def test_alternative_names_and_abbreviations_are_names(world: Store) -> None:
    for section in ("companies", "regulators"):
        for rec in data()[section]:
            for alt in [*rec.get("alt_names", []), *filter(None, [rec.get("abbreviation")])]:
                top = search(world, alt)[0]
                assert top.label == rec["name"]
                assert (top.field, top.rank) == ("other name", 0)


def test_every_decision_identifier_finds_its_decision_first(world: Store) -> None:
    checked = 0
    for rec in data()["decisions"]:
        for key, field in IDENTIFIERS.items():
            value = rec.get("identifiers", {}).get(key)
            if value:
                for typed in (value, value.lower(), f"  {value.upper()} "):
                    top = search(world, typed)[0]
                    assert (top.iri, top.field, top.rank) == (decision_iri(rec["id"]), field, 0)
                checked += 1
    assert checked == 7  # three case numbers, two neutral citations, one ECLI, one CELEX


def test_source_record_identifiers_find_their_records(world: Store) -> None:
    expected: dict[str, set[str]] = {}
    for rec in data()["decisions"]:
        for src in [rec["source"], *rec.get("more_sources", [])]:
            if "record" in src:
                expected.setdefault(src["record"], set()).add(decision_iri(rec["id"]))
    for rec in data()["companies"]:
        if "record" in rec["source"]:
            expected.setdefault(rec["source"]["record"], set()).add(
                record_iri(f"company/{rec['id']}")
            )
    assert set(expected) >= {"FT-1", "FT-2", "FT-3", "FH-1"}
    for identifier, iris in expected.items():
        hits = [h for h in search(world, identifier) if h.rank == 0]
        assert {h.iri for h in hits} == iris, identifier
        assert {h.field for h in hits} == {"source record identifier"}


def test_words_in_summaries_outcomes_and_holdings(world: Store) -> None:
    for rec in data()["decisions"]:
        summary_words = rec["summary"].rstrip(".").split()[-3:]
        hits = search(world, " ".join(reversed(summary_words)))  # any order
        assert decision_iri(rec["id"]) in {h.iri for h in hits}, rec["id"]
    outcome = next(r for r in data()["decisions"] if r.get("outcome"))
    hit = next(h for h in search(world, "compliance order") if h.iri == decision_iri(outcome["id"]))
    assert (hit.field, hit.rank) == ("outcome", 4)
    for holding in data()["holdings"]:
        found = {(h.iri, h.field) for h in search(world, holding["answer"])}
        assert (decision_iri(holding["decision"]), "holding") in found
        assert (record_iri(f"question/{holding['question']}"), "holding") in found


def test_exact_names_rank_before_partial_names_and_text(world: Store) -> None:
    hits = search(world, "Acme Video Ltd")
    assert hits[0].label == "Acme Video Ltd"
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)
    assert any(h.label == "CX v Acme Video" for h in search(world, "acme video"))


def test_hostile_text_is_only_a_literal(world: Store) -> None:
    hostile = next(c["name"] for c in data()["companies"] if c["id"] == "hostile-co")
    top = search(world, hostile)[0]
    assert (top.label, top.rank) == (hostile, 0)
    for attack in ['" } UNION { ?s ?p ?o', "') } #", "\\", "?w1", "<urn:x>", "}}}}"]:
        assert search(world, attack) == []


def test_more_words_than_slots_are_all_required(world: Store) -> None:
    text = "Synthetic representative claim by a child, later discontinued"
    assert len(words(text)) > WORD_SLOTS
    assert [h.label for h in search(world, text)] == ["CX v Acme Video"]
    assert search(world, text + " absent") == []


def test_blank_query_finds_nothing(world: Store) -> None:
    assert search(world, "") == search(world, " \n\t ") == []


def test_limit_and_rank_helpers(world: Store) -> None:
    assert len(search(world, "a", limit=3)) == 3
    assert rank("name", "Acme Video Ltd", "acme") == 1
    assert rank("name", "CX v Acme Video", "acme") == 2
    assert rank("case number", "ADO-2021-7", "2021") == 3


def test_entities_list_every_named_entity(world: Store) -> None:
    got = {e.iri: (e.label, e.kind) for e in entities(world)}
    for key, kind, rec in orgs():
        assert got[record_iri(key)] == (rec["name"], kind)
    for rec in data()["decisions"]:
        assert got[decision_iri(rec["id"])][0] == rec["label"]
    for q in data()["questions"]:
        assert got[record_iri(f"question/{q['id']}")] == (q["text"], "LegalQuestion")
    assert not any("/participation/" in iri or "/source/" in iri for iri in got)
    labels = [e.label.casefold() for e in entities(world)]
    assert labels == sorted(labels)


def test_search_with_known_entities_is_the_same(world: Store) -> None:
    """A caller that keeps the entity list between searches gets the same hits."""
    known = {e.iri: e for e in entities(world)}
    for query in ("acme", "children's data", "ETid-"):
        assert search(world, query, known=known) == search(world, query)


ACCENTED_NOTE = (
    "Nota: Sanción de la Agencia ESPAÑOLA de Protección de Datos, según el Tribunal Supremo"
)


@pytest.fixture
def accented(world: Store) -> Store:
    """The world with one accented, mixed-case note on the decision ``cx-v-acme``."""
    import pyoxigraph as ox

    world.store.add(
        ox.Quad(
            ox.NamedNode(decision_iri("cx-v-acme")),
            ox.NamedNode("https://w3id.org/regkg/ontology#note"),
            ox.Literal(ACCENTED_NOTE),
            ox.NamedNode("https://w3id.org/regkg/graph/curated-cases"),
        )
    )
    return world


@pytest.mark.parametrize(
    "query",
    [
        # all six SPARQL slots plus a seventh and an eighth word checked after the query
        "nota sancion de la agencia protección datos espanola",
        "NOTA SANCIÓN DE LA AGENCIA PROTECCION DATOS Española",
        "nota sanción de la agencia proteccion datos ESPAÑOLA",
        "Nota Sancion De La Agencia Proteccion Datos espaÑola tribunal supremo según",
    ],
)
def test_every_word_folds_case_and_accents(accented: Store, query: str) -> None:
    assert len(words(query)) >= 8 > WORD_SLOTS
    assert [h.label for h in search(accented, query)] == ["CX v Acme Video"]
    hit = search(accented, query)[0]
    assert (hit.field, hit.text) == ("note", ACCENTED_NOTE)


@pytest.mark.parametrize(
    ("late", "found"),
    [("espanola", True), ("ESPAÑOLA", True), ("Espanol", True), ("portuguesa", False)],
)
def test_only_the_eighth_word_decides(accented: Store, late: str, found: bool) -> None:
    query = f"nota sancion de la agencia proteccion datos {late}"
    assert words(query)[7] == words(late)[0]
    assert bool(search(accented, query)) is found


def test_a_late_word_is_matched_case_blind(world: Store) -> None:
    """Word eight, ``synthetic``, is written ``Synthetic`` in the summary."""
    query = "representative claim by a child, later discontinued synthetic"
    assert words(query)[7] == "synthetic"
    assert [h.label for h in search(world, query)] == ["CX v Acme Video"]
    assert search(world, query.replace("synthetic", "synthetics")) == []


@pytest.mark.parametrize("word", ["a.c", "a+", "(x", "[é]", "a|b", "^acme", "video$", "\\d"])
def test_regex_characters_in_words_match_only_themselves(world: Store, word: str) -> None:
    assert search(world, word) == []
