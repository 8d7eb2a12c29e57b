"""The ``regkg`` commands: one function per subcommand, each taking the parsed arguments."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from graph.errors import QueryError
from graph.network.views import VIEWS
from graph.pipeline.build import build, compile_graph
from graph.settings import data_dir, ontology_dir
from graph.sparql import isolation
from graph.sparql.stored import get_query, stored_queries
from graph.stores.factory import open_store
from graph.stores.results import format_result, run, run_stored
from graph.stores.stats import compute


def cmd_build(args: argparse.Namespace) -> int:
    result = build(force=args.force)
    if not result.rebuilt:
        print(f"graph is up to date ({result.triples} triples); use --force to rebuild")
        return 0
    print(f"built {result.triples} triples in {len(result.graphs)} named graphs")
    if result.report and result.report.warnings:
        print(f"{len(result.report.warnings)} SHACL warning(s):")
        for w in result.report.warnings:
            print(f"  {w.focus}: {w.message}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    built, report = compile_graph(data_dir(), ontology_dir())
    n = sum(1 for _ in built.dataset.quads((None, None, None, None)))
    print(f"valid: {n} quads conform to the shapes; {len(report.warnings)} warning(s)")
    for w in report.warnings:
        print(f"  warning: {built.where(w.focus)}: {w.message}")
    return 0


def _params(pairs: Sequence[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            msg = f"--param needs KEY=VALUE, not {pair!r}"
            raise QueryError(msg)
        out[key] = value
    return out


def cmd_query(args: argparse.Namespace) -> int:
    store = open_store()
    values = _params(args.param)
    if args.name:
        result = run_stored(store, get_query(args.name), values, max_rows=args.max_rows)
    else:
        if values:
            msg = "--param works only with a stored query NAME"
            raise QueryError(msg)
        text = Path(args.file).read_text(encoding="utf-8") if args.file else args.text
        if not text.strip():
            msg = "the query is empty: give SPARQL text with --text or a non-empty --file"
            raise QueryError(msg)
        if args.whole_process and not isolation.remote_store():
            # Defence in depth: this process runs user SPARQL, so it leaves the network first.
            isolation.isolate_or_warn("regkg query")
        result = run(store, text, max_rows=args.max_rows)
    sys.stdout.write(format_result(result, args.format).rstrip("\n") + "\n")
    if result.truncated:
        print(f"warning: result cut at {args.max_rows} rows (--max-rows)", file=sys.stderr)
    return 0


def cmd_queries(args: argparse.Namespace) -> int:
    for name, q in stored_queries().items():
        params = ", ".join(f"{p.name}={p.default}" for p in q.params) or "no parameters"
        print(f"{name}\n  {q.title} ({params})\n  {q.description}\n")
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    from graph.linkage.review import format_review, relink

    result = relink()
    s = result.summary()
    print(
        f"linked {s['records']} decision records into {s['clusters']} decisions: "
        f"{s['duplicate_links']} duplicate links, {s['part_links']} part links, "
        f"{s['review']} pairs for review; {s['appeal_links']} court reviews joined to the "
        f"decision they reviewed ({s['appeals_unresolved']} fitting several), "
        f"{s['set_aside']} decisions set aside; {s['implements_links']} fines joined to the "
        f"binding decision they implement ({s['implements_unresolved']} fitting several)"
    )
    if args.review:
        print()
        print(format_review(result, args.limit))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    store = open_store()
    stats = compute(store)
    print(f"{stats.triples} triples (built {store.meta.get('built_at', 'unknown')})")
    print("\nnamed graph                                           triples")
    for g, n in stats.graphs.items():
        print(f"  {g:<52}{n:>7}")
    print("\nclass                       records")
    for c, n in stats.classes.items():
        print(f"  {c:<26}{n:>7}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from graph.publish.export import export_snapshot

    out = export_snapshot(open_store(), Path(args.out) if args.out else None)
    print(f"snapshot written to {out}")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from graph.publish.diff import diff, to_json, to_text

    report = diff(Path(args.old), Path(args.new))
    print(to_json(report) if args.format == "json" else to_text(report))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from graph.pipeline.imports import import_file

    report = import_file(
        args.source,
        Path(args.file),
        graph=args.graph,
        report_path=Path(args.report) if args.report else None,
        holdings=Path(args.holdings) if args.holdings else None,
    )
    print(report.summary())
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from graph.endpoint.server import serve

    serve(
        args.host,
        args.port,
        timeout=args.timeout,
        max_rows=args.max_rows,
        workers=args.workers,
        public_url=args.public_url,
    )
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from graph.publish.push import push

    report = push(
        args.to,
        snapshot=Path(args.snapshot) if args.snapshot else None,
        update_url=args.update,
        gsp_url=args.gsp,
    )
    print(report.summary())
    return 0


def cmd_views(args: argparse.Namespace) -> int:
    from graph.network.metrics import load_metrics, top_nodes, with_metrics

    store = open_store()
    metrics = load_metrics(store)
    for name, spec in VIEWS.items():
        params = ", ".join(f"{k}: {v}" for k, v in spec.params.items())
        print(f"{name}: {spec.title}{f' ({params})' if params else ''}\n  {spec.description}")
        if name in metrics and args.top:
            g = with_metrics(spec.build(store), metrics[name])
            print(f"  {g.number_of_nodes()} nodes, {g.number_of_edges()} edges; top by PageRank:")
            for node, score in top_nodes(g, "pagerank", args.top):
                print(f"    {score:.4f}  {g.nodes[node]['label']}  <{node}>")
        print()
    return 0


def cmd_app(args: argparse.Namespace) -> int:
    from graph.settings import app_dir

    launcher = app_dir() / "app_launch.py"  # the checkout's, else the installed package's copy
    argv = [sys.executable, str(launcher), "--port", str(args.port), "--address", args.address]
    os.execv(sys.executable, argv)  # never returns: the app replaces this process
