"""Citations from the real files (../shared/data/raw/, read in place): the cjeu import with its
coded holdings, then GDPRhub, onto the curated build. Counts are computed from the files here,
never written down: the links are the holdings' distinct citing → cited pairs, and the
most-cited ruling in the store is the one the holdings file cites most."""

from __future__ import annotations

import csv
import re
import shutil
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graph.explorer import question_matches
from graph.importers import Report
from graph.importers.concepts import concept_title
from graph.pipeline.imports import import_file
from graph.sparql.stored import get_query
from graph.stores.contract import Store
from graph.stores.factory import open_store
from graph.stores.results import run_stored
from tests.conftest import SHARED

RAW = SHARED / "raw"
CJEU = RAW / "cjeu-gdpr" / "cases_metadata.json"
HOLDINGS = RAW / "cjeu-gdpr" / "holdings.csv"
GDPRHUB = RAW / "gdprhub" / "gdprhub-eu_full_download.csv"
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def imported(
    tmp_path_factory: pytest.TempPathFactory, default_home: Path
) -> tuple[Store, dict[str, Report]]:
    missing = [str(p) for p in (CJEU, HOLDINGS, GDPRHUB) if not p.exists()]
    if missing:
        pytest.skip(f"../shared is absent ({missing[0]} not found): no real files to import")
    home = tmp_path_factory.mktemp("citations-home") / "home"
    shutil.copytree(default_home, home, symlinks=True)
    reports = {
        "cjeu": import_file("cjeu", CJEU, home=home, now=NOW, progress=False, holdings=HOLDINGS),
        "gdprhub": import_file("gdprhub", GDPRHUB, home=home, now=NOW, progress=False),
    }
    return open_store(home, in_memory=True), reports


def _cited_cells() -> list[tuple[str, str]]:
    with HOLDINGS.open(encoding="utf-8-sig", newline="") as fh:
        return [
            (row["case_id"], cell.strip())
            for row in csv.DictReader(fh)
            for cell in row["cited_cases"].split(";")
            if cell.strip()
        ]


def test_every_cited_case_resolved_or_listed(
    imported: tuple[Store, dict[str, Report]],
) -> None:
    store, reports = imported
    c = reports["cjeu"].citations
    assert c is not None
    listed = {u["cited"] for u in c["unresolved"]}
    cells = {cell for _case, cell in _cited_cells()}
    linked = {
        sol["n"].value
        for sol in store.query(
            """PREFIX reg: <https://w3id.org/regkg/ontology#>
            SELECT DISTINCT ?n WHERE { GRAPH <https://w3id.org/regkg/graph/cjeu> {
              ?t reg:citedDecision ?d } ?d reg:caseNumber ?n }"""
        )
    }
    for cell in cells - listed:
        first = re.sub(r"\s+(?:P|PPU)$", "", cell.split(" to ")[0])
        assert any(first in n for n in linked), cell
    # one link per citing/cited pair: never more than the file's distinct pairs
    assert 0 < c["links"] <= len(set(_cited_cells()))
    assert c["links_by_how_found"]["cited_cases"] == c["links"]


def test_most_cited_top_matches_the_holdings_file(
    imported: tuple[Store, dict[str, Report]],
) -> None:
    store, _reports = imported
    pairs = {(case, re.sub(r"\s+(?:P|PPU)$", "", cell)) for case, cell in _cited_cells()}
    counts = Counter(cell for _case, cell in pairs)
    top, n = counts.most_common(1)[0]
    assert counts.most_common(2)[1][1] < n, "the file's top is a tie: pick another check"
    rows = run_stored(store, get_query("most-cited"), {}).records()
    first = rows[0]
    numbers = {
        sol["n"].value
        for sol in store.query(
            "PREFIX reg: <https://w3id.org/regkg/ontology#> "
            f"SELECT ?n WHERE {{ <{first['ruling']}> reg:caseNumber ?n }}"
        )
    }
    assert any(top in number for number in numbers), (top, first)
    assert int(first["citedBy"] or 0) >= n


def test_gdprhub_texts_cite_cjeu(imported: tuple[Store, dict[str, Report]]) -> None:
    _store, reports = imported
    c = reports["gdprhub"].citations
    assert c is not None
    assert c["links"] > 0
    assert set(c["links_by_how_found"]) <= {"case", "name", "ECLI"}
    assert c["links_by_how_found"].get("name", 0) > 0


def _holdings_by_concept() -> dict[str, list[dict[str, str]]]:
    if not HOLDINGS.exists():
        pytest.skip(f"../shared is absent ({HOLDINGS} not found)")
    out: dict[str, list[dict[str, str]]] = {}
    with HOLDINGS.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["primary_concept"], []).append(row)
    return out


def test_concept_titles_name_only_articles_the_coded_holdings_cite() -> None:
    by_concept = _holdings_by_concept()
    for concept, rows in by_concept.items():
        title = concept_title(concept)
        cited = {a for r in rows for a in r["article_numbers"].split(";") if a}
        for part in re.findall(r"\(Art\. ([^)]*(?:\([^)]*\)[^)]*)*)\)", title):
            named = {m.group(1) for m in re.finditer(r"(?<![(\d])(\d+)", part)}
            assert named <= cited, (concept, title, sorted(cited))


def test_question_matches_name_concepts_of_the_holdings_file() -> None:
    by_concept = _holdings_by_concept()
    for m in question_matches.load():
        assert m.concept in by_concept, m
        for case in {r["case_id"] for r in by_concept[m.concept]}:
            assert case in m.source, (m.concept, case)  # the source names every coded judgment
