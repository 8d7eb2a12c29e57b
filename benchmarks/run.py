"""``make bench``: time our store against plain rdflib on synthetic worlds of growing size.

For each size (number of actions) the runner generates the synthetic world
(:mod:`benchmarks.generate`) as N-Quads, then times:

- load: ``Store.bulk_load`` of the N-Quads into an in-memory store, and ``GraphStore.memory`` of
  the parsed quads, against ``rdflib.Dataset(default_union=True).parse`` of the same file;
- every stored query (``graph/queries/*.rq``, default parameters, all rows materialised) with
  :func:`graph.stores.results.run_stored` against ``Dataset.query(text, initBindings=…)`` with the
  same
  bindings; rewritten prototypes in ``benchmarks/rewrites/`` are timed beside them and checked to
  return the same rows;
- every parameter-free view of ``graph.network.views.VIEWS`` and the ego network of the TikTok
company
  at depth 2 (ours only: rdflib has no counterpart);
- an export: ``export_snapshot`` (with a time per file it writes) against rdflib serialising
  N-Triples, and our N-Triples file alone against the same;
- once per run, the curated build with SHACL: ``compile_graph(data/, ontologies/)``.

rdflib runs in a worker process with a time limit per measurement (a timed-out step reads
``timeout`` and is not retried at larger sizes); our export runs in a forked process with a time
limit too. Fast steps are repeated (median of three). The table is printed and written as JSON to
``benchmarks/results/latest.json``. Nothing here asserts a timing: targets are reported, not
enforced.
"""

from __future__ import annotations

import argparse
import collections
import json
import multiprocessing as mp
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cached_property, partial
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from benchmarks.generate import ANCHORS, GENERATOR_VERSION, SEED, generate
from benchmarks.page_queries import page_queries
from benchmarks.rdflib_side import Binding, RdflibSide
from graph import settings
from graph.network.metrics import Metrics, node_metrics
from graph.network.views import VIEWS, ego_network, parameter_free_views
from graph.sparql.stored import StoredQuery, parse_stored, stored_queries
from graph.stores.contract import Store
from graph.stores.embedded import GraphStore
from graph.stores.results import Result, run_stored

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "results" / "latest.json"
REWRITES_DIR = BENCH_DIR / "rewrites"
DEFAULT_SIZES = (1_000, 10_000, 100_000)
TARGET_SIZE = 100_000
ALL_ROWS = 10**9

#: The targets of the issue, at ``TARGET_SIZE`` actions.
QUERY_TARGET_S = 0.5
LOAD_RATIO_TARGET = 8.0
EXPORT_TARGET_S = 5.0
BUILD_TARGET_S = 5.0


@dataclass
class Config:
    sizes: tuple[int, ...] = DEFAULT_SIZES
    seed: int = SEED
    rdflib: bool = True
    curated: bool = True
    export: bool = True
    queries: bool = True
    views: bool = True
    metrics: bool = True
    load_timeout: float = 120.0
    query_timeout: float = 60.0
    rdflib_export_timeout: float = 120.0
    export_timeout: float = 120.0
    repeats: int = 3
    repeat_under: float = 2.0
    workdir: Path | None = None


@dataclass
class Row:
    """One line of the table. A status other than ``ok`` replaces the number."""

    size: int | str
    step: str
    ours: float | None = None
    ours_status: str = "ok"
    rdflib: float | None = None
    rdflib_status: str = "-"
    rows: str = ""
    target: str = ""
    met: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.ours and self.rdflib is not None and self.rdflib_status == "ok":
            return self.rdflib / self.ours
        return None


@dataclass
class State:
    """What carries over from one size to the next: rdflib steps that already timed out."""

    rdflib_gave_up: dict[str, int] = field(default_factory=dict)


# ------------------------------------------------------------------------------------ helpers
def measure(fn: Callable[[], Any], cfg: Config) -> tuple[float, Any]:
    """Median seconds of up to ``cfg.repeats`` runs (one if the first is slow) and the result."""
    times = []
    result = None
    for i in range(cfg.repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
        if i == 0 and times[0] > cfg.repeat_under:
            break
    return statistics.median(times), result


def plain_bindings(q: StoredQuery) -> dict[str, Binding]:
    """A stored query's default bindings as plain data for the rdflib worker."""
    out: dict[str, Binding] = {}
    for var, term in q.bindings({}).items():
        if isinstance(term, ox.NamedNode):
            out[var.value] = ("iri", term.value)
        else:
            out[var.value] = ("literal", term.value, term.datatype.value)
    return out


def _cell(term: Any) -> str:
    if isinstance(term, ox.Literal) and "; " in term.value:
        # GROUP_CONCAT joins in evaluation order, which a rewrite may change
        return "; ".join(sorted(term.value.split("; ")))
    return "" if term is None else str(term)


def row_key(result: Result) -> collections.Counter[tuple[str, ...]]:
    """A result's rows as a multiset (order-free; GROUP_CONCAT parts sorted)."""
    return collections.Counter(tuple(_cell(v) for v in row) for row in result.rows)


def rewrites() -> dict[str, StoredQuery]:
    """Prototype rewrites of stored queries (same name, same parameters), if any."""
    if not REWRITES_DIR.is_dir():
        return {}
    return {
        p.stem: parse_stored(p.stem, p.read_text(encoding="utf-8"))
        for p in sorted(REWRITES_DIR.glob("*.rq"))
    }


def _rdflib_skip(state: State, step: str, n: int) -> str | None:
    """Why an rdflib step is not run at size ``n`` (it timed out before), or ``None``."""
    for key, what in ((step, "timeout"), ("load", "load timeout")):
        if key in state.rdflib_gave_up:
            at = state.rdflib_gave_up[key]
            return f"skipped ({what})" if at == n else f"skipped ({what} at {at})"
    return None


# ----------------------------------------------------------------------------- our export
def _export_child(store: Store, out: Path, metrics: Metrics | None, conn: Connection) -> None:
    """Forked: run ``export_snapshot`` and report the time of each file or step it writes."""
    import graph.publish.export as ex
    import graph.publish.rdf_formats as rf

    def wrap(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def inner(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            result = fn(*args, **kwargs)
            conn.send(("part", label, time.perf_counter() - t0))
            return result

        return inner

    for name in list(ex.EXPORTERS):
        ex.EXPORTERS[name] = wrap(name, ex.EXPORTERS[name])
    import graph.publish.view_data as ev

    rf.Canonical.of = wrap("canonical sorted form (shared by the RDF files)", rf.Canonical.of)  # type: ignore[method-assign]
    union = rf.Canonical.union.func  # type: ignore[attr-defined]
    rf.Canonical.union = cached_property(wrap("union of the graphs (graph.nt)", union))  # type: ignore[method-assign,assignment]
    rf.Canonical.union.__set_name__(rf.Canonical, "union")
    ev.project = wrap("views: projection (one entity graph, in a worker)", ev.project)  # type: ignore[assignment]
    for attr, label in (
        ("write_views", "views/ files (projection + GraphML, GEXF, JSON; a worker)"),
        ("manifest", "manifest.json"),
    ):
        setattr(ex, attr, wrap(label, getattr(ex, attr)))
    jobs = ex.export_jobs
    jobs.run = wrap("all files, in 2 worker processes (wall)", jobs.run)  # type: ignore[assignment]
    t0 = time.perf_counter()
    try:
        ex.export_snapshot(store, out, created="benchmark", metrics=metrics)
        conn.send(("done", "export_snapshot", time.perf_counter() - t0))
    except Exception as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}", 0.0))
    finally:
        conn.close()


def export_ours(
    store: Store, out: Path, timeout: float, metrics: Metrics | None = None
) -> tuple[str, float | None, dict[str, float]]:
    """``(status, total seconds, seconds per part)`` of ``export_snapshot``, time-boxed."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with idle library threads
        proc = ctx.Process(target=_export_child, args=(store, out, metrics, child), daemon=True)
        proc.start()
    child.close()
    parts: dict[str, float] = {}
    deadline = time.perf_counter() + timeout
    status, total = "timeout", None
    try:
        while (remaining := deadline - time.perf_counter()) > 0 and parent.poll(remaining):
            kind, label, seconds = parent.recv()
            if kind == "part":
                parts[label] = seconds
            elif kind == "done":
                status, total = "ok", seconds
                break
            else:
                status = f"error: {label}"
                break
    except EOFError:
        status = "error: the export process died"
    if proc.is_alive():
        proc.kill()
    proc.join()
    parent.close()
    return status, total, parts


# ------------------------------------------------------------------------------ one size
def bench_size(n: int, cfg: Config, state: State, workdir: Path) -> list[Row]:
    rows: list[Row] = []
    path = workdir / f"synthetic-{n}.nq"

    def say(row: Row) -> None:
        rows.append(row)
        print(format_row(row), flush=True)

    t0 = time.perf_counter()
    stats = generate(n, path, cfg.seed)
    mb = path.stat().st_size / 1e6
    say(
        Row(
            n,
            "generate synthetic world (info)",
            time.perf_counter() - t0,
            rows=f"{stats.quads} quads",
            note=f"{mb:.0f} MB N-Quads; {stats.records.get('decision', 0)} decisions",
        )
    )

    # -- load -----------------------------------------------------------------------------
    t0 = time.perf_counter()
    raw = ox.Store()
    raw.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    bulk_s = time.perf_counter() - t0
    store = GraphStore(raw)
    t0 = time.perf_counter()
    mem = GraphStore.memory(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    mem_s = time.perf_counter() - t0
    assert len(mem) == len(store)
    del mem

    rd: RdflibSide | None = None
    rd_load: tuple[str, dict[str, Any]] = ("-", {})
    if cfg.rdflib:
        skip = _rdflib_skip(state, "load", n)
        if skip:
            rd_load = (skip, {})
        else:
            rd = RdflibSide(path, repeat_under=cfg.repeat_under, repeats=cfg.repeats)
            rd_load = rd.load(cfg.load_timeout)
            if rd_load[0] == "timeout":
                state.rdflib_gave_up["load"] = n
            if rd_load[0] != "ok":
                rd.close()
                rd = None
    for label, ours_s in (
        ("load: Store.bulk_load (N-Quads)", bulk_s),
        ("load: GraphStore.memory(ox.parse)", mem_s),
    ):
        row = Row(
            n, label, ours_s, rows=f"{len(store)} quads", target=f">= {LOAD_RATIO_TARGET:g}x rdflib"
        )
        row.rdflib_status = rd_load[0]
        if rd_load[0] == "ok":
            row.rdflib = rd_load[1]["seconds"]
            row.note = f"rdflib: {rd_load[1]['triples']} triples in the union"
            row.met = (row.ratio or 0) >= LOAD_RATIO_TARGET
        elif rd_load[0] == "timeout":
            row.rdflib_status = f"timeout (>{cfg.load_timeout:g} s)"
            bound = cfg.load_timeout / ours_s
            row.note = f"ratio > {bound:.1f}x (rdflib stopped at {cfg.load_timeout:g} s)"
            if bound >= LOAD_RATIO_TARGET:
                row.met = True
        elif rd_load[0] == "error":
            row.note = rd_load[1].get("error", "")
        say(row)

    # -- stored queries ---------------------------------------------------------------------
    results: dict[str, Result] = {}
    if cfg.queries:
        for name, q in stored_queries().items():
            step = f"query: {name}"
            seconds, result = measure(partial(run_stored, store, q, {}, max_rows=ALL_ROWS), cfg)
            results[name] = result
            row = Row(
                n, step, seconds, rows=str(len(result.rows)), target=f"<= {QUERY_TARGET_S:g} s"
            )
            row.met = seconds <= QUERY_TARGET_S
            _rdflib_query(row, rd, q.text, plain_bindings(q), cfg, state)
            say(row)
        for name, text in page_queries().items():
            seconds, answer = measure(partial(_count_rows, store, text), cfg)
            row = Row(n, f"page query: {name}", seconds, rows=str(answer))
            row.target = f"<= {QUERY_TARGET_S:g} s"
            row.met = seconds <= QUERY_TARGET_S
            _rdflib_query(row, rd, text, {}, cfg, state)
            say(row)
        for name, q in rewrites().items():
            if name not in results:
                continue
            seconds, result = measure(partial(run_stored, store, q, {}, max_rows=ALL_ROWS), cfg)
            same = row_key(result) == row_key(results[name])
            row = Row(n, f"rewrite (prototype): {name}", seconds, rows=str(len(result.rows)))
            row.target = f"<= {QUERY_TARGET_S:g} s"
            row.met = seconds <= QUERY_TARGET_S
            row.note = (
                "same rows as the stored query" if same else "ROWS DIFFER from the stored query"
            )
            row.note += "; uses LATERAL (Oxigraph only)" if "LATERAL" in q.text else ""
            say(row)

    # -- views --------------------------------------------------------------------------------
    if cfg.views:
        builds: list[tuple[str, Callable[[], Any]]] = [
            (f"view: {name}", partial(spec.build, store))
            for name, spec in VIEWS.items()
            if not spec.params
        ]
        center = ANCHORS["ego_center"]
        builds.append(
            ("view: ego-network (company/tiktok, depth 2)", lambda: ego_network(store, center, 2))
        )
        for step, build in builds:
            seconds, g = measure(build, cfg)
            say(
                Row(
                    n,
                    step,
                    seconds,
                    rows=f"{g.number_of_nodes()} nodes / {g.number_of_edges()} edges",
                )
            )
    metrics: Metrics | None = None
    if cfg.views or cfg.export:
        t0 = time.perf_counter()
        views = parameter_free_views(store)
        say(Row(n, "views: all parameter-free (one entity graph)", time.perf_counter() - t0))
        t0 = time.perf_counter()
        if cfg.metrics:
            metrics = {name: node_metrics(g) for name, g in views.items()}
            note = "computed once per build (metrics.json), passed to the export"
        else:
            metrics, note = {}, "skipped (--no-metrics): views exported without metrics"
        say(
            Row(
                n,
                "metrics: degree, PageRank, betweenness (info)",
                time.perf_counter() - t0,
                note=note,
            )
        )
        del views

    # -- export -------------------------------------------------------------------------------
    if cfg.export:
        snapshot = workdir / f"snapshot-{n}"
        status, total, parts = export_ours(store, snapshot, cfg.export_timeout, metrics)
        nt_lines = None
        if status == "ok":
            with (snapshot / "graph.nt").open("rb") as fh:
                nt_lines = sum(1 for _ in fh)
        for leftover in workdir.glob(f"*snapshot-{n}*"):  # the snapshot, or a killed one's
            shutil.rmtree(leftover, ignore_errors=True)
        rd_export: tuple[str, dict[str, Any]] = ("-", {})
        if cfg.rdflib:
            skip = _rdflib_skip(state, "export", n)
            if skip:
                rd_export = (skip, {})
            elif rd is not None and rd.ensure_loaded(cfg.load_timeout):
                rd_export = rd.export(workdir / "rdflib.nt", cfg.rdflib_export_timeout)
                if rd_export[0] == "timeout":
                    state.rdflib_gave_up["export"] = n
                    rd_export = (f"timeout (>{cfg.rdflib_export_timeout:g} s)", {})
            else:
                rd_export = ("skipped (no rdflib data)", {})
        exports: list[tuple[str, float | None, str, str]] = [
            ("export: snapshot (export_snapshot)", total, status, f"<= {EXPORT_TARGET_S:g} s"),
            ("export: N-Triples only (graph.nt)", parts.get("graph.nt"), "ok", ""),
        ]
        for step, export_s, export_status, target in exports:
            if export_s is None and export_status == "ok":
                export_status = "timeout" if status == "timeout" else "not reached"
            if export_status == "timeout":
                export_status = f"timeout (>{cfg.export_timeout:g} s)"
            row = Row(n, step, export_s, export_status, target=target)
            row.rdflib_status = rd_export[0]
            lines = [] if nt_lines is None else [f"{nt_lines} lines"]
            if rd_export[0] == "ok":
                row.rdflib = rd_export[1]["seconds"]
                lines.append(f"rdflib {rd_export[1]['rows']}")
            row.rows = ", ".join(lines)
            if target:
                row.met = export_s is not None and export_s <= EXPORT_TARGET_S
                row.note = "rdflib writes N-Triples only; metrics read, not computed"
            else:
                row.note = "ours sorted and de-duplicated; rdflib neither"
            say(row)
        for label, seconds in parts.items():
            say(Row(n, f"  export part: {label}", seconds, note="inside export_snapshot"))
    if rd is not None:
        rd.close()
    path.unlink()
    return rows


def _count_rows(store: Store, text: str) -> int:
    """Run ``text`` and read every solution (as a page does)."""
    return sum(1 for _ in store.query(text))


def _rdflib_query(
    row: Row,
    rd: RdflibSide | None,
    text: str,
    bindings: dict[str, Binding],
    cfg: Config,
    state: State,
) -> None:
    """Fill the rdflib side of a query row (time-boxed; gives up on this step on timeout)."""
    key = row.step
    skip = _rdflib_skip(state, key, int(row.size))
    if skip:
        row.rdflib_status = skip
        return
    if rd is None:
        row.rdflib_status = "skipped (no rdflib data)" if cfg.rdflib else "-"
        return
    if not rd.ensure_loaded(cfg.load_timeout):
        row.rdflib_status = "skipped (reload timed out)"
        return
    status, answer = rd.query(text, bindings, cfg.query_timeout)
    row.rdflib_status = status if status != "timeout" else f"timeout (>{cfg.query_timeout:g} s)"
    if status == "ok":
        row.rdflib = answer["seconds"]
        if str(answer["rows"]) != row.rows:
            row.note = f"rdflib returns {answer['rows']} rows"
    elif status == "timeout":
        state.rdflib_gave_up[key] = int(row.size)
    else:
        error = " ".join(str(answer.get("error", "")).split())
        row.note = error if len(error) <= 90 else error[:87] + "..."


def bench_curated(cfg: Config) -> list[Row]:
    """The curated build with SHACL, once per run, with the time of each stage inside it."""
    import graph.pipeline.build as pipeline

    stages = {
        "load_ontology": "ontology",
        "load_shapes": "shapes",
        "load_corpus": "read data/ (YAML → records)",
        "build_dataset": "records → RDF (rdflib)",
        "validate": "SHACL gate (graph.shacl.validate)",
    }
    seconds: dict[str, float] = {}
    originals = {name: getattr(pipeline, name) for name in stages}

    def wrap(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def inner(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - t0

        return inner

    try:
        for name, fn in originals.items():
            setattr(pipeline, name, wrap(name, fn))
        t0 = time.perf_counter()
        built, report = pipeline.compile_graph(settings.data_dir(), settings.ontology_dir())
        total = time.perf_counter() - t0
    finally:
        for name, fn in originals.items():
            setattr(pipeline, name, fn)
    row = Row("curated", "build: compile_graph(data/, ontologies/) + SHACL", total)
    row.rows = f"{len(built.dataset)} quads"
    row.target = f"<= {BUILD_TARGET_S:g} s"
    row.met = total <= BUILD_TARGET_S
    row.note = f"conforms={report.conforms}, {len(report.warnings)} warnings"
    rows = [row]
    for name, label in stages.items():
        if name in seconds:
            rows.append(Row("curated", f"  build part: {label}", seconds[name], note="inside"))
    rows.append(_cli_build())
    return rows


def _cli_build() -> Row:
    """``regkg build --force`` as a user runs it: a fresh process (imports included) writing a
    new store into an empty home, with its finalizers (metrics)."""
    with tempfile.TemporaryDirectory(prefix="regkg-bench-build-") as home:
        env = {**os.environ, "REGKG_HOME": home}
        t0 = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "graph", "build", "--force"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        total = time.perf_counter() - t0
    row = Row("curated", "build: regkg build --force (new process, store written)", total)
    row.target = f"<= {BUILD_TARGET_S:g} s"
    if done.returncode != 0:
        row.ours_status = "error"
        row.note = (done.stderr.strip().splitlines() or ["failed"])[-1][:120]
        return row
    row.met = total <= BUILD_TARGET_S
    row.note = "end to end, from an empty REGKG_HOME"
    return row


# ------------------------------------------------------------------------------ output
COLUMNS = ("size", "step", "ours (s)", "rdflib (s)", "ratio", "rows", "target", "met", "note")
WIDTHS = (8, 52, 10, 26, 8, 30, 16, 4, 0)


def _num(value: float | None, status: str) -> str:
    if status not in ("ok",):
        return status
    return "-" if value is None else f"{value:.3f}"


def _ratio(ratio: float | None) -> str:
    if ratio is None:
        return "-"
    return f"{ratio:.0f}x" if ratio >= 10 else f"{ratio:.1f}x" if ratio >= 1 else f"{ratio:.2f}x"


def cells(row: Row) -> tuple[str, ...]:
    ratio = row.ratio
    return (
        str(row.size),
        row.step,
        _num(row.ours, row.ours_status),
        _num(row.rdflib, row.rdflib_status),
        _ratio(ratio),
        row.rows,
        row.target,
        ("?" if row.target else "") if row.met is None else ("yes" if row.met else "NO"),
        row.note,
    )


def format_row(row: Row) -> str:
    return "  ".join(c.ljust(w) for c, w in zip(cells(row), WIDTHS, strict=True)).rstrip()


def format_table(rows: Iterable[Row]) -> str:
    """The whole table as aligned text."""
    head = "  ".join(c.ljust(w) for c, w in zip(COLUMNS, WIDTHS, strict=True)).rstrip()
    rule = "  ".join("-" * max(w, 4) for w in WIDTHS[:-1]) + "  ----"
    return "\n".join([head, rule, *(format_row(r) for r in rows)])


def misses(rows: Iterable[Row]) -> list[Row]:
    """Rows with a target not met at the target size (and the curated build)."""
    return [r for r in rows if r.met is False and (r.size == TARGET_SIZE or r.size == "curated")]


def _fmt_load(values: tuple[float, float, float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


def to_json(
    rows: list[Row],
    cfg: Config,
    started: str,
    seconds: float,
    loads: dict[str, tuple[float, float, float]] | None = None,
) -> dict[str, Any]:
    import networkx
    import rdflib

    return {
        "started": started,
        "seconds": round(seconds, 1),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "pyoxigraph": ox.__version__,
            "rdflib": rdflib.__version__,
            "networkx": networkx.__version__,
            "load_average": loads or {},
        },
        "config": {
            **{k: v for k, v in asdict(cfg).items() if k != "workdir"},
            "generator_version": GENERATOR_VERSION,
            "target_size": TARGET_SIZE,
        },
        "columns": list(COLUMNS),
        "rows": [{**asdict(r), "ratio": r.ratio} for r in rows],
        "table": [list(cells(r)) for r in rows],
        "misses_at_target_size": [r.step for r in misses(rows)],
    }


def run(cfg: Config, out: Path | None = RESULTS) -> list[Row]:
    """Run the whole benchmark; print the table; write JSON to ``out`` (unless ``None``)."""
    started = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    t_start = time.perf_counter()
    loads = {"start": os.getloadavg()}
    rows: list[Row] = []
    state = State()
    print(format_table([]), flush=True)
    if cfg.curated:
        for row in bench_curated(cfg):
            rows.append(row)
            print(format_row(row), flush=True)
    with tempfile.TemporaryDirectory(prefix="regkg-bench-", dir=cfg.workdir) as tmp:
        for n in cfg.sizes:
            rows += bench_size(n, cfg, state, Path(tmp))
    elapsed = time.perf_counter() - t_start
    loads["end"] = os.getloadavg()
    print()
    print(format_table(rows))
    missed = misses(rows)
    if TARGET_SIZE in cfg.sizes:
        print(f"\ntargets missed at {TARGET_SIZE} actions: {len(missed)}")
        for r in missed:
            value = f"{r.ours:.3f} s" if r.ours_status == "ok" and r.ours else r.ours_status
            print(f"  {r.step}: {value} (target {r.target})")
        unknown = [r.step for r in rows if r.size == TARGET_SIZE and r.target and r.met is None]
        if unknown:
            print(f"targets not decided at {TARGET_SIZE} actions: {', '.join(unknown)}")
    print(
        f"\nfinished in {elapsed:.0f} s; load average (1, 5, 15 min): "
        f"{_fmt_load(loads['start'])} at start, {_fmt_load(loads['end'])} at end"
    )
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(
            json.dumps(to_json(rows, cfg, started, elapsed, loads), indent=1) + "\n",
            encoding="utf-8",
        )
        print(f"wrote {out}")
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--no-rdflib", action="store_true", help="time our store only")
    p.add_argument("--no-curated", action="store_true", help="skip the curated build")
    p.add_argument("--no-export", action="store_true", help="skip the export step")
    p.add_argument("--no-queries", action="store_true", help="skip the stored queries")
    p.add_argument("--no-views", action="store_true", help="skip the single-view timings")
    p.add_argument(
        "--no-metrics", action="store_true", help="export views without computing metrics first"
    )
    p.add_argument("--load-timeout", type=float, default=120.0, help="rdflib load limit (s)")
    p.add_argument("--query-timeout", type=float, default=60.0, help="rdflib query limit (s)")
    p.add_argument("--export-timeout", type=float, default=120.0, help="our export limit (s)")
    p.add_argument("--rdflib-export-timeout", type=float, default=120.0)
    p.add_argument("--out", type=Path, default=RESULTS, help="JSON results file")
    p.add_argument("--workdir", type=Path, default=None, help="where the N-Quads are written")
    args = p.parse_args(argv)
    if any(n < 20 for n in args.sizes):
        p.error("sizes must be at least 20 actions")
    cfg = Config(
        sizes=tuple(args.sizes),
        seed=args.seed,
        rdflib=not args.no_rdflib,
        curated=not args.no_curated,
        export=not args.no_export,
        queries=not args.no_queries,
        views=not args.no_views,
        metrics=not args.no_metrics,
        load_timeout=args.load_timeout,
        query_timeout=args.query_timeout,
        export_timeout=args.export_timeout,
        rdflib_export_timeout=args.rdflib_export_timeout,
        workdir=args.workdir,
    )
    run(cfg, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
