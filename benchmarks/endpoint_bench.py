"""``make bench-endpoint``: our SPARQL endpoint against peer endpoints serving the same data.

For each size (synthetic actions, :mod:`benchmarks.generate`) the N-Quads are loaded into a regkg
store home and every endpoint of :data:`benchmarks.endpoint_peers.PEERS` is started on
127.0.0.1 in turn (one at a time, so they never share the cores), each with a load time limit:

1. a reference pass: every stored query once, one client (its latency, its rows). A query the
   endpoint answers with an error (rdflib cannot parse Oxigraph's ``LATERAL``) or not within
   ``--request-timeout`` is left out of that endpoint's mix and reported (a timed-out query
   would keep a single-threaded peer busy through every later measurement);
2. load at 1, 5 and 20 concurrent clients: each client sends ``--per-client`` queries of the mix
   in turn (SPARQL JSON, XML, CSV in turn), until ``--budget`` seconds have passed; throughput
   (answered queries per second of wall time), latency p50/p95/p99, errors, timeouts
   (``--request-timeout``), requests not started in the budget, and answers that differ from the
   endpoint's own reference answer.

A query whose client timed out may still be running in the endpoint (none here cancels it), so
before the next measurement the benchmark waits up to ``--restart-limit`` seconds for the
endpoint to answer ``ASK {}`` (``waits``), else restarts it (``restarts``), unless a restart
takes longer than that too: then its remaining runs are left out and its status says so.

Ours runs the full mix and, for each peer, that peer's mix, so every ratio (ours / peer)
compares the same queries. Reference answers are also compared across endpoints. The table is
printed and written to ``benchmarks/results/endpoint-latest.json``; nothing asserts a timing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks.endpoint_load import CSV, JSON, XML, Request, Run, run_load, workload
from benchmarks.endpoint_peers import PEERS, Endpoint, StartupFailed, World, build_home
from benchmarks.endpoint_report import print_size, summary_table
from benchmarks.generate import generate

RESULTS = Path(__file__).resolve().parent / "results" / "endpoint-latest.json"
BASELINE = "regkg"
IDLE = Request("idle check", "ASK {}")
ACCEPTS = (JSON, XML, CSV)  # what every peer produces (rdflib-endpoint has no TSV)


@dataclass
class Config:
    sizes: tuple[int, ...] = (1_000, 10_000, 100_000)
    clients: tuple[int, ...] = (1, 5, 20)
    per_client: int = 16
    budget: float = 20.0
    request_timeout: float = 30.0
    load_limit: float = 900.0
    restart_limit: float = 120.0
    peers: tuple[str, ...] = tuple(PEERS)
    workdir: Path | None = None


@dataclass
class PeerRun:
    """What one endpoint did at one size."""

    name: str
    status: str = "ok"
    startup_s: float | None = None
    reference: dict[str, dict[str, Any]] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    #: mix label ("all" or "as <peer>") → one summary per client count
    load: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    restarts: int = 0
    waits: int = 0
    answers: dict[str, Any] = field(default_factory=dict, repr=False)


def make_world(n: int, workdir: Path) -> World:
    path = workdir / f"synthetic-{n}.nq"
    stats = generate(n, path)
    home = workdir / f"home-{n}"
    shutil.rmtree(home, ignore_errors=True)
    quads = build_home(path, home)
    assert quads == stats.quads or quads > 0
    return World(n, path, home, quads)


def reference_pass(ep: Endpoint, q: Request, cfg: Config, out: PeerRun) -> bool:
    """One query once, one client: latency and rows; false if it timed out."""
    run = run_load(ep.url, [q], clients=1, per_client=1, timeout=cfg.request_timeout)
    o = run.outcomes[0]
    rows = len(o.answer) if o.answer is not None else None
    out.reference[o.name] = {"status": o.status, "seconds": round(o.seconds, 4), "rows": rows}
    out.answers[o.name] = o.answer
    if o.status == "timeout":
        out.skipped[o.name] = f"timeout (>{cfg.request_timeout:g} s) in the reference pass"
    elif o.status != 200:
        out.skipped[o.name] = f"{o.status}: {' '.join(o.detail.split())[:160]}"
    return o.status != "timeout"


def load_cell(
    ep: Endpoint, mix: list[Request], c: int, cfg: Config, out: PeerRun
) -> dict[str, Any]:
    """The mix at ``c`` concurrent clients within the time budget."""
    run: Run = run_load(
        ep.url,
        mix,
        clients=c,
        per_client=cfg.per_client,
        accepts=ACCEPTS,
        budget=cfg.budget,
        timeout=cfg.request_timeout,
    )
    cell: dict[str, Any] = dict(run.summary())
    cell["wrong_answers"] = sum(1 for o in run.ok if o.answer != out.answers.get(o.name, o.answer))
    cell["failures"] = sorted(
        {f"{o.name}: {o.status} {o.detail[:80]}".strip() for o in run.outcomes if o.status != 200}
    )
    cell["wrong"] = sorted(
        {o.name for o in run.ok if o.answer != out.answers.get(o.name, o.answer)}
    )
    print(f"    {out.name:<16} {c:>2} clients: {json.dumps(cell)}", flush=True)
    return cell


def bench_peer(name: str, world: World, mixes: dict[str, list[Request]], cfg: Config) -> PeerRun:
    """Start one endpoint, run the reference pass and the load on each mix, stop it."""
    out = PeerRun(name)
    try:
        ep = PEERS[name](world, cfg.load_limit)
    except StartupFailed as exc:
        out.status = f"startup failed: {exc}"
        print(f"  {out.status}", flush=True)
        return out
    out.startup_s = round(ep.startup_s, 2)
    print(f"  {name}: listening after {ep.startup_s:.1f} s at {ep.url}", flush=True)
    try:
        for q in mixes["all"]:
            if not reference_pass(ep, q, cfg, out):
                ep = restart(ep, name, world, cfg, out)
        todo = [(label, c) for label in mixes for c in cfg.clients]
        for i, (label, c) in enumerate(todo):
            usable = [r for r in mixes[label] if r.name not in out.skipped]
            if not usable:
                continue
            cell = load_cell(ep, usable, c, cfg, out)
            out.load.setdefault(label, []).append(cell)
            if cell["timeouts"] and i + 1 < len(todo):
                ep = restart(ep, name, world, cfg, out)
    except (StartupFailed, GaveUp) as exc:
        out.status = str(exc)
        print(f"  {name}: {exc}", flush=True)
    finally:
        ep.close()
    return out


class GaveUp(RuntimeError):
    """An endpoint too slow to restart after a timeout: the rest of its runs are left out."""


def restart(ep: Endpoint, name: str, world: World, cfg: Config, out: PeerRun) -> Endpoint:
    """The endpoint made idle after a client timeout: the query may still be running in it (no
    endpoint here cancels a query whose client left), and would slow every later request. First
    wait (up to ``--restart-limit``) for it to answer a trivial query; else restart it."""
    idle = run_load(ep.url, [IDLE], clients=1, per_client=1, timeout=cfg.restart_limit)
    if idle.outcomes[0].status == 200:
        out.waits += 1
        return ep
    ep.close()
    if ep.startup_s > cfg.restart_limit:
        msg = (
            f"stopped after a timeout: a restart takes {ep.startup_s:.0f} s "
            f"(> --restart-limit {cfg.restart_limit:g} s); the runs not shown were not made"
        )
        raise GaveUp(msg)
    out.restarts += 1
    try:
        return PEERS[name](world, cfg.load_limit)
    except StartupFailed as exc:
        msg = f"restart failed: {exc}"
        raise StartupFailed(msg) from None


def bench_size(n: int, cfg: Config, workdir: Path) -> dict[str, Any]:
    t0 = time.perf_counter()
    world = make_world(n, workdir)
    print(f"size {n}: {world.quads} quads ready in {time.perf_counter() - t0:.1f} s", flush=True)
    full = workload()
    peers = [p for p in cfg.peers if p != BASELINE]
    runs = {p: bench_peer(p, world, {"all": full}, cfg) for p in peers}
    mixes = {"all": full}
    for p, r in runs.items():
        if r.skipped and r.status == "ok":
            mixes[f"as {p}"] = [q for q in full if q.name not in r.skipped]
    if BASELINE in cfg.peers:
        runs = {BASELINE: bench_peer(BASELINE, world, mixes, cfg), **runs}
    base = runs.get(BASELINE)
    agree: dict[str, dict[str, str]] = {}
    for p, r in runs.items():
        if p == BASELINE or base is None:
            continue
        for q in full:
            mine, theirs = base.answers.get(q.name), r.answers.get(q.name)
            if mine is None or theirs is None:
                verdict = "n/a"
            elif mine == theirs:
                verdict = "same rows"
            else:
                verdict = f"differs ({len(mine)} vs {len(theirs)} rows)"
            agree.setdefault(p, {})[q.name] = verdict
    result = {
        "size": n,
        "quads": world.quads,
        "peers": {
            p: {k: v for k, v in asdict(r).items() if k != "answers"} for p, r in runs.items()
        },
        "answers_vs_baseline": agree,
    }
    os.unlink(world.nquads)
    shutil.rmtree(world.home, ignore_errors=True)
    print_size(result, BASELINE)
    return result


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for dist in ("pyoxigraph", "rdflib", "rdflib-endpoint", "fastapi", "uvicorn"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "not installed"
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.endpoint_bench", description=__doc__)
    d = Config()
    p.add_argument("--sizes", type=int, nargs="+", default=list(d.sizes))
    p.add_argument("--clients", type=int, nargs="+", default=list(d.clients))
    p.add_argument("--per-client", type=int, default=d.per_client, help="queries per client")
    p.add_argument("--budget", type=float, default=d.budget, help="s per load run (then stop)")
    p.add_argument("--request-timeout", type=float, default=d.request_timeout)
    p.add_argument("--load-limit", type=float, default=d.load_limit, help="s to start a peer")
    p.add_argument("--restart-limit", type=float, default=d.restart_limit, help="s; see below")
    p.add_argument("--peers", nargs="+", choices=list(PEERS), default=list(d.peers))
    p.add_argument("--out", type=Path, default=RESULTS)
    a = p.parse_args(argv)
    cfg = Config(
        tuple(a.sizes),
        tuple(a.clients),
        a.per_client,
        a.budget,
        a.request_timeout,
        a.load_limit,
        a.restart_limit,
        tuple(a.peers),
    )
    report: dict[str, Any] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "loadavg_start": os.getloadavg(), **versions()},
        "config": {k: v for k, v in asdict(cfg).items() if k != "workdir"},
        "sizes": [],
    }
    with tempfile.TemporaryDirectory(prefix="regkg-endpoint-bench-") as tmp:
        for n in cfg.sizes:
            report["sizes"].append(bench_size(n, cfg, Path(tmp)))
            report["machine"]["loadavg_end"] = os.getloadavg()
            a.out.parent.mkdir(parents=True, exist_ok=True)
            a.out.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    print(summary_table(report, BASELINE))
    print(f"written: {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
