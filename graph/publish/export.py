"""Dated, citable snapshots: RDF in four formats, every view as GraphML, GEXF and node-link JSON,
and a ``manifest.json`` (counts, sha256 per file, data hash, ontology version, licences)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import networkx as nx

from graph import settings
from graph.errors import ExportError
from graph.network.metrics import METRICS_FILE, Metrics, load_metrics
from graph.network.views import ViewFunction
from graph.publish import jobs as export_jobs
from graph.publish.rdf_formats import (
    canonical,
    ntriples_bytes,
    shared_canonical,
    write_jsonld,
    write_ntriples,
    write_trig,
    write_turtle,
)
from graph.publish.view_data import prefetch, snapshot_views
from graph.publish.view_files import ViewData, write_gexf, write_graphml, write_node_link
from graph.sparql.internal import internal_query
from graph.stores import catalog as catalog_info
from graph.stores.contract import Store

Exporter = Callable[[Store, Path], None]

#: RDF files of a snapshot: file name → writer. The CLI and README enumerate this registry.
EXPORTERS: dict[str, Exporter] = {
    "graph.nt": write_ntriples,
    "graph.ttl": write_turtle,
    "graph.trig": write_trig,
    "graph.jsonld": write_jsonld,
}

#: View formats: suffix → writer of a view (a :class:`ViewData`, or a networkx graph).
VIEW_FORMATS: dict[str, Callable[[nx.MultiDiGraph | ViewData, Path], None]] = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "json": write_node_link,
}
#: Rough relative cost of each RDF file, to start the longest jobs first.
_COST = {"graph.jsonld": 4, "graph.trig": 3, "graph.ttl": 2, "graph.nt": 1}
#: RDF files written from one shared computation, so written by one job: Turtle and TriG share
#: each graph's subject blocks.
_TOGETHER = frozenset({"graph.ttl", "graph.trig"})

#: Decision records against distinct decisions (records with neither linkage link), and the
#: same for fines: what a reader of the snapshot counts, and what the store holds.
_DECISION_COUNTS = internal_query("graph.publish", "decision-counts")


def decision_counts(store: Store) -> dict[str, int]:
    """Decision and fine records, and the distinct decisions and fines they stand for."""
    row = next(iter(store.query(_DECISION_COUNTS)))
    return {
        "records": int(row["records"].value),
        "distinct": int(row["distinct"].value),
        "fine_records": int(row["fineRecords"].value),
        "distinct_fines": int(row["distinctFines"].value),
    }


_ONTOLOGY_VERSION = internal_query("graph.publish", "ontology-version")


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


def stored_metrics(store: Store) -> Metrics | None:
    """The metrics a writer stored with this store generation (``metrics.json``), if any."""
    if store.path is not None and (store.path / METRICS_FILE).exists():
        return load_metrics(store)
    return None


def write_views(
    store: Store,
    folder: Path,
    metrics: Metrics | None = None,
    classes: dict[str, int] | None = None,
    builders: dict[str, ViewFunction] | None = None,
) -> list[str]:
    """Every parameter-free view, with its metrics, in every view format (``classes``, if given,
    gets the records per class: the views' pass over the lines counts them).

    ``metrics`` are the generation's stored ones, as :func:`_export` read them before the
    workers started; ``None`` (a store without them, such as an in-memory one) has them
    computed here, on the views already built, so a snapshot's content never depends on where
    the store lives.
    """
    folder.mkdir()
    written = []
    for name, view in snapshot_views(store, metrics, classes, builders):
        for suffix, write in VIEW_FORMATS.items():
            write(view, folder / f"{name}.{suffix}")
            written.append(f"views/{name}.{suffix}")
    return written


def manifest(
    store: Store, files: dict[str, tuple[str, int]], classes: dict[str, int], created: str
) -> dict[str, Any]:
    """The manifest of a snapshot from its files' ``(sha256, bytes)`` by relative path and its
    records per class (everything but ``created`` is deterministic)."""
    graphs = canonical(store).graphs
    version = next(iter(store.query(_ONTOLOGY_VERSION)), None)
    return {
        "created": created,
        "data_hash": files["graph.nt"][0],
        "ontology_version": version["v"].value if version else None,
        "build": {k: store.meta[k] for k in ("curated_hash",) if k in store.meta},
        "counts": {
            "triples": sum(len(lines) for lines in graphs.values()),
            "graphs": {name: len(lines) for name, lines in sorted(graphs.items()) if name},
            "classes": classes,
            "decisions": decision_counts(store),
        },
        "files": {
            rel: {"sha256": sha, "bytes": size} for rel, (sha, size) in sorted(files.items())
        },
        "sources": [
            {"graph": s.graph, "title": s.title, "licence": s.licence, "attribution": s.attribution}
            for s in catalog_info.sources(store)
        ],
        "notice": "Not legal advice. Summaries are regkg's own words; see each record's source.",
    }


def default_out(store: Store) -> Path:
    """``snapshots/<date>-<short data hash>/`` for this store's data."""
    short = hashlib.sha256(ntriples_bytes(store)).hexdigest()[:12]
    return settings.snapshot_dir() / f"{_today()}-{short}"


def export_snapshot(
    store: Store,
    out: Path | None = None,
    *,
    created: str | None = None,
    metrics: Metrics | None = None,
) -> Path:
    """Write a complete snapshot into ``out`` (created if missing; must be empty if present).

    The RDF files share one canonical (sorted) form of the store; the views share one entity
    graph and take their metrics from ``metrics`` or the generation's ``metrics.json``.

    Everything is written from one canonical form (each graph's N-Triples lines, sorted as bytes:
    :mod:`graph.publish.rdf_formats`), computed once in this process; the files are then written by
    jobs in two forked worker processes (:mod:`graph.publish.jobs`): the views (projected from the
    same lines, :mod:`graph.publish.view_data`), Turtle and TriG, JSON-LD, N-Triples. Each worker
    hashes the files it wrote; the manifest is built from those hashes and the counts the views'
    pass made.

    Writes are atomic: files go into a hidden sibling folder that is renamed into place only when
    complete, so a failed export never leaves a folder that looks complete. Two exports of the same
    data are byte-identical except the manifest's ``created`` timestamp.
    """
    with shared_canonical(store):
        return _export(store, out, created, metrics)


def _export(store: Store, out: Path | None, created: str | None, metrics: Metrics | None) -> Path:
    out = (out or default_out(store)).resolve()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        msg = f"{out} exists and is not an empty folder: choose a new or empty --out folder"
        raise ExportError(msg)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.partial-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        # Everything read from the store is read here, before any worker is forked: workers
        # format what this process read (a forked child never touches the store).
        metrics = metrics if metrics is not None else stored_metrics(store)
        results = export_jobs.run(_jobs(store, tmp, metrics, prefetch(store)))
        files = {
            str(Path(path).relative_to(tmp)): info
            for result in results.values()
            for path, info in result["files"].items()
        }
        stamp = created or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        doc = manifest(store, files, results["views"]["facts"]["classes"], stamp)
        (tmp / "manifest.json").write_text(
            json.dumps(doc, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        if out.exists():
            out.rmdir()
        tmp.rename(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out


def _rdf_job(
    writers: list[tuple[Exporter, Path]], store: Store
) -> tuple[list[Path], dict[str, Any]]:
    for write, path in writers:
        write(store, path)
    return [path for _write, path in writers], {}


def _views_job(
    store: Store, tmp: Path, metrics: Metrics | None, builders: dict[str, ViewFunction]
) -> tuple[list[Path], dict[str, Any]]:
    classes: dict[str, int] = {}
    written = write_views(store, tmp / "views", metrics, classes, builders)
    return [tmp / rel for rel in written], {"classes": classes}


def _jobs(
    store: Store, tmp: Path, metrics: Metrics | None, builders: dict[str, ViewFunction]
) -> list[tuple[str, export_jobs.Job]]:
    """The export's jobs, longest first: views, Turtle and TriG together (they share their
    subject blocks), then one job per other RDF file."""
    rdf = sorted(EXPORTERS, key=lambda name: -_COST.get(name, 0))
    shared = [name for name in rdf if name in _TOGETHER]
    groups = ([shared] if shared else []) + [[name] for name in rdf if name not in _TOGETHER]
    return [
        ("views", partial(_views_job, store, tmp, metrics, builders)),
        *(
            ("+".join(group), partial(_rdf_job, [(EXPORTERS[n], tmp / n) for n in group], store))
            for group in groups
        ),
    ]
