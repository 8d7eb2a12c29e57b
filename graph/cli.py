"""The ``regkg`` command line: build, validate, query, queries, stats, export."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from graph import __version__
from graph.errors import QueryError, RegKGError
from graph.export import export_snapshot
from graph.pipeline import build, compile_graph
from graph.query import get_query, stored_queries
from graph.results import FORMATS, format_result, run, run_stored
from graph.settings import data_dir, ontology_dir
from graph.stats import compute
from graph.store import GraphStore


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
    store = GraphStore.open()
    values = _params(args.param)
    if args.name:
        result = run_stored(store, get_query(args.name), values, max_rows=args.max_rows)
    else:
        if values:
            msg = "--param works only with a stored query NAME"
            raise QueryError(msg)
        text = Path(args.file).read_text(encoding="utf-8") if args.file else args.text
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


def cmd_stats(args: argparse.Namespace) -> int:
    store = GraphStore.open()
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
    out = export_snapshot(GraphStore.open(), Path(args.out))
    print(f"snapshot written to {out}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="regkg", description="Regulatory precedent knowledge graph.")
    p.add_argument("--version", action="version", version=f"regkg {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands: dict[str, tuple[str, Callable[[argparse.Namespace], int]]] = {
        "build": ("build the graph from data/ and ontologies/ into the store", cmd_build),
        "validate": ("check data/ against the SHACL shapes without writing", cmd_validate),
        "query": ("run a stored query, a .rq file or SPARQL text", cmd_query),
        "queries": ("list the stored queries and their parameters", cmd_queries),
        "stats": ("counts per named graph and per class", cmd_stats),
        "export": ("write a snapshot (graph.nt, graph.trig) into a folder", cmd_export),
    }
    subs = {}
    for name, (help_text, func) in commands.items():
        sp = sub.add_parser(name, help=help_text, description=help_text)
        sp.set_defaults(func=func)
        subs[name] = sp
    subs["build"].add_argument(
        "--force", action="store_true", help="rebuild even if nothing changed"
    )
    q = subs["query"]
    q.add_argument("name", nargs="?", help=f"stored query: {', '.join(stored_queries())}")
    q.add_argument("--file", help="run the SPARQL in this .rq file")
    q.add_argument("--text", help="run this SPARQL text")
    q.add_argument(
        "--param", action="append", default=[], metavar="KEY=VALUE", help="bind a parameter"
    )
    q.add_argument("--format", choices=list(FORMATS), default="table")
    q.add_argument("--max-rows", type=int, default=10000, help="cut results at this many rows")
    subs["export"].add_argument("--out", required=True, help="folder to write (new or empty)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "query" and sum(bool(x) for x in (args.name, args.file, args.text)) != 1:
        parser().error("query needs exactly one of NAME, --file or --text")
    try:
        code: int = args.func(args)
        return code
    except RegKGError as exc:
        print(f"regkg: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"regkg: error: {exc.strerror or exc}: {exc.filename or ''}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
