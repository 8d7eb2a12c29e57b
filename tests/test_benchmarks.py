"""The benchmark's synthetic world is shaped like the real data, and the runner produces its table.

Functional only: nothing here asserts a timing.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Dataset, URIRef

from benchmarks import linkage_bench
from benchmarks.generate import ANCHORS, generate
from benchmarks.linkage_synth import synthetic_records
from benchmarks.page_queries import page_queries
from benchmarks.run import Config, format_table, rewrites, run
from graph.curated.corpus import load_corpus
from graph.curated.dataset import build_dataset
from graph.network.views import VIEWS
from graph.settings import data_dir
from graph.shacl.validate import validate
from graph.sparql.stored import stored_queries
from graph.stores.contract import Store
from graph.stores.embedded import GraphStore
from graph.stores.results import run_stored
from graph.vocabulary.namespaces import ID_BASE
from graph.vocabulary.ontology import load_ontology, load_shapes
from tests.fixtures.world_store import ONTOLOGY_DIR

ACTIONS = 200
REG = "https://w3id.org/regkg/ontology#"


@pytest.fixture(scope="module")
def nquads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "world.nq"
    stats = generate(ACTIONS, path)
    assert stats.records["decision"] == ACTIONS
    return path


@pytest.fixture(scope="module")
def store(nquads: Path) -> Iterator[Store]:
    raw = ox.Store()
    raw.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    yield GraphStore(raw)


def test_same_seed_same_file(nquads: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.nq"
    generate(ACTIONS, again)
    assert again.read_bytes() == nquads.read_bytes()


@pytest.mark.parametrize("name", sorted(stored_queries()))
def test_every_stored_query_returns_rows_with_its_defaults(store: Store, name: str) -> None:
    result = run_stored(store, stored_queries()[name], {})
    assert result.rows, f"{name} returns no row on the synthetic world"


def test_the_anchors_exist_and_the_views_are_not_empty(store: Store) -> None:
    subjects = {q.subject.value for q in store.quads()}  # type: ignore[union-attr]
    assert set(ANCHORS.values()) <= subjects
    for name, spec in VIEWS.items():
        if not spec.params:
            assert spec.build(store).number_of_edges() > 0, name


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
def test_generated_world_passes_shacl(nquads: Path) -> None:
    ds = Dataset()
    ds.parse(nquads, format="nquads")
    report = validate(ds, load_shapes(ONTOLOGY_DIR), load_ontology(ONTOLOGY_DIR))
    assert report.conforms, "\n".join(
        f"{v.focus} {v.path}: {v.message}" for v in report.violations[:20]
    )


#: General classes every record states (types go up to reg:Record): the kinds compared.
FAMILIES = {
    REG + c
    for c in (
        "Decision", "Organisation", "Person", "AnonymousParty", "Jurisdiction", "LegalInstrument",
        "Provision", "MonetaryAmount", "Participation", "Holding", "Treatment", "Ownership",
        "LegalQuestion", "Statistic", "SourceReference",
    )
}  # fmt: skip


def _shape(quads: Iterable[tuple[object, object, object]]) -> set[tuple[str, str]]:
    """(kind, predicate) pairs of the records: what a record of each kind states."""
    types: dict[str, set[str]] = {}
    preds: dict[str, set[str]] = {}
    for s, p, o in quads:
        if not str(s).startswith(ID_BASE):
            continue
        if p == RDF.type:
            types.setdefault(str(s), set()).add(str(o))
        preds.setdefault(str(s), set()).add(str(p))
    return {
        (t.removeprefix(REG), p)
        for s, ps in preds.items()
        for t in types.get(s, ())
        if t in FAMILIES
        for p in ps
    }


def test_generator_states_what_the_curated_build_states(nquads: Path) -> None:
    """Every (kind, predicate) pair of the curated data also occurs in the synthetic world, and
    the synthetic world uses only the ontology's terms."""
    corpus = load_corpus(data_dir())
    curated = build_dataset(corpus, data_dir())
    real = _shape((s, p, o) for s, p, o, _g in curated.dataset.quads((None, None, None, None)))
    synthetic = _shape(
        (URIRef(q.subject.value), URIRef(q.predicate.value), getattr(q.object, "value", ""))
        for q in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    )
    # importer-only fields (rows read from trackers) are not part of the curated shape
    missing = sorted(real - synthetic)
    assert not missing, f"the generator never states: {missing}"
    ontology_terms = {str(s) for s in load_ontology(ONTOLOGY_DIR).subjects()}
    unknown = sorted({p for _c, p in synthetic if p.startswith(REG) and p not in ontology_terms})
    assert not unknown, f"predicates not in the ontology: {unknown}"


def test_runner_table_has_a_row_per_step(tmp_path: Path) -> None:
    out = tmp_path / "latest.json"
    cfg = Config(sizes=(ACTIONS,), curated=False, query_timeout=60, load_timeout=60)
    rows = run(cfg, out)
    steps = [r.step for r in rows]
    expected = [
        "generate synthetic world (info)",
        "load: Store.bulk_load (N-Quads)",
        "load: GraphStore.memory(ox.parse)",
        *(f"query: {name}" for name in stored_queries()),
        *(f"page query: {name}" for name in page_queries()),
        *(f"rewrite (prototype): {name}" for name in rewrites()),
        *(f"view: {name}" for name, spec in VIEWS.items() if not spec.params),
        "view: ego-network (company/tiktok, depth 2)",
        "views: all parameter-free (one entity graph)",
        "metrics: degree, PageRank, betweenness (info)",
        "export: snapshot (export_snapshot)",
        "export: N-Triples only (graph.nt)",
    ]
    assert [s for s in steps if not s.startswith("  ")] == expected
    assert any(s.startswith("  export part: graph.nt") for s in steps)
    assert all(r.size == ACTIONS for r in rows)
    by_step = {r.step: r for r in rows}
    load = by_step["load: Store.bulk_load (N-Quads)"]
    assert load.ours is not None and load.rdflib_status == "ok" and load.ratio is not None
    for name in stored_queries():
        row = by_step[f"query: {name}"]
        assert row.ours is not None and int(row.rows) > 0
        assert row.rdflib_status in ("ok", "error") or row.rdflib_status.startswith("timeout")
    for name in page_queries():  # rdflib answers the same number of rows (an oracle)
        row = by_step[f"page query: {name}"]
        assert row.ours is not None and int(row.rows) > 0, name
        assert row.rdflib_status == "ok" and "rdflib returns" not in row.note, (name, row.note)
    assert by_step["export: snapshot (export_snapshot)"].ours_status == "ok"
    table = format_table(rows)
    assert len(table.splitlines()) == len(rows) + 2
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [r["step"] for r in doc["rows"]] == steps
    assert len(doc["table"]) == len(rows) and doc["columns"][:5] == [
        "size",
        "step",
        "ours (s)",
        "rdflib (s)",
        "ratio",
    ]


def test_linkage_bench_has_a_row_per_size_and_recovers_the_synthetic_truth() -> None:
    rows = linkage_bench.run(linkage_bench.QUICK_SIZES, seed=13)
    assert [r.records for r in rows] == sorted(linkage_bench.QUICK_SIZES)
    for r in rows:
        assert r.pairs > 0 and r.link_s > 0
        assert r.precision >= 0.95 and r.recall >= 0.75, (r.records, r.precision, r.recall)
        assert {"amount", "month", "group"} <= set(r.blocks)
    table = linkage_bench.format_tables(rows).splitlines()
    first = table[: table.index("")]
    assert len(first) == 2 + len(rows)
    assert [line.split("|")[1].strip() for line in first[2:]] == [
        f"{n:,}" for n in sorted(linkage_bench.QUICK_SIZES)
    ]
    assert first[2].split("|")[7].strip() == "1.00"  # the smallest size is the baseline


def test_linkage_synthetic_records_are_seeded_and_shaped_like_the_trackers() -> None:
    records, truth = synthetic_records(3000, seed=5)
    again, _ = synthetic_records(3000, seed=5)
    assert [(r.iri, r.dates, r.amounts, r.parties) for r in records] == [
        (r.iri, r.dates, r.amounts, r.parties) for r in again
    ]
    assert len(records) == len(truth) == 3000
    per_decision = Counter(truth.values())
    assert set(per_decision.values()) == {1, 2, 3, 4}
    # one record per source per decision, as the linker's clusters assume
    assert max(Counter((truth[r.iri], r.source) for r in records).values()) == 1
    by_country = Counter(r.jurisdiction for r in records)
    assert by_country.most_common(1)[0][0] == "ES" and len(by_country) >= 30
    assert any(r.unnamed for r in records) and any(r.ids for r in records)
    eur = Counter(e for r in records for e in r.eur)
    assert eur.most_common(1)[0][1] > 50  # common small fines repeat
