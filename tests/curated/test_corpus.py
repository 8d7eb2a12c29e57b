"""Reading curated files: every malformed input gives an error naming file, record and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.curated import records as R
from graph.curated.corpus import check_date, load_corpus
from graph.errors import SourceDataError
from tests.fixtures.world_store import WORLD_DIR


def world_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "world"
    shutil.copytree(WORLD_DIR, dest, ignore=shutil.ignore_patterns("*.md"))
    return dest


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_world_loads_every_list() -> None:
    corpus = load_corpus(WORLD_DIR)
    kinds = {type(r) for r in corpus.all()}
    assert kinds == {cls for cls, _kind, _fixed in R.RECORD_TYPES.values()}
    fine = next(r for r in corpus.all() if r.id == "ado-fine-2021")
    assert isinstance(fine, R.Decision)
    assert fine.amount == R.Amount("1000000", "EUR")
    assert fine.reduced_amount == R.Amount("800000", "EUR", "2022-06-01")
    assert fine.procedure[1] == R.ProcedureRef("implements", "upb-binding-2021")
    assert (fine.file, fine.line) == ("cases.yaml", 38)


def test_dates_stay_strings() -> None:
    corpus = load_corpus(WORLD_DIR)
    dates = {r.id: r.date for r in corpus.of_type(R.Decision) if isinstance(r, R.Decision)}
    assert dates["ado-inquiry-2020"] == "2020-03"
    assert dates["ado-fine-lone-2020"] == "2020"


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "cases.yaml",
            'date: "2021-05-10"',
            'date: "2021-02-30"',
            "'ado-fine-2021 (line 38)', field 'date': not a real date",
        ),
        ("cases.yaml", 'date: "2021-05-10"', 'date: "10.05.2021"', "field 'date': not a date"),
        (
            "cases.yaml",
            "kind: fine\n    label: ADO fine on Acme EU (children)",
            "kind: penalty\n    label: ADO fine on Acme EU (children)",
            "field 'kind': 'penalty' is not one of",
        ),
        (
            "cases.yaml",
            "    outcome: Fine",
            "    outcom: Fine",
            "field 'outcom': unknown field for decisions",
        ),
        ("cases.yaml", "  - id: ado-fine-2021\n", "  - id: ADO Fine\n", "field 'id': required"),
        (
            "cases.yaml",
            'source: {url: "https://example.org/ado-fine", as_of: "2026-01-01"}',
            "source: {url: /home/me/file.csv, as_of: '2026-01-01'}",
            "public http(s) URL",
        ),
        (
            "cases.yaml",
            'source: {url: "https://example.org/ado-fine", as_of: "2026-01-01"}',
            "trust: curated-verified",
            "field 'source': required",
        ),
        (
            "cases.yaml",
            "amount: {value: 1000000, currency: EUR}",
            "amount: {value: -5, currency: EUR}",
            "non-negative number",
        ),
        (
            "cases.yaml",
            "children: true\n    identifiers",
            "children: maybe\n    identifiers",
            "field 'children': must be true or false",
        ),
        ("orgs.yaml", "regulators:", "regulatorz:", "field 'regulatorz': unknown list"),
        (
            "orgs.yaml",
            "    name: Acme Group plc\n",
            "    name: [Acme]\n",
            "field 'name': must be text",
        ),
        (
            "orgs.yaml",
            "jurisdictions:\n  - {id: aa,",
            "jurisdictions:\n  - {id: aa, : x,",
            "not valid YAML",
        ),
    ],
)
def test_bad_records_name_file_record_field(
    tmp_path: Path, file: str, old: str, new: str, expected: str
) -> None:
    world = world_copy(tmp_path)
    edit(world / file, old, new)
    with pytest.raises(SourceDataError) as err:
        load_corpus(world)
    assert err.value.file == file
    assert expected in str(err.value)


def test_missing_data_file_is_named(tmp_path: Path) -> None:
    world = world_copy(tmp_path)
    (world / "law.yaml").unlink()
    with pytest.raises(
        SourceDataError, match="law.yaml: data file listed in catalog.toml is missing"
    ):
        load_corpus(world)


def test_catalog_needs_licence(tmp_path: Path) -> None:
    world = world_copy(tmp_path)
    edit(world / "catalog.toml", 'licence = "CC0-1.0"\n', "")
    with pytest.raises(SourceDataError, match="'licence': required field is missing"):
        load_corpus(world)


@pytest.mark.parametrize("value", ["2024-13", "2024-1-01", "20240", "2023-02-29", ""])
def test_check_date_rejects(value: str) -> None:
    with pytest.raises(ValueError, match="date"):
        check_date(value)
