"""The ``regkg`` command line: build, validate, query, queries, stats, export, serve, push…"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from graph import __version__
from graph.errors import QueryError, RegKGError
from graph.importers.base import SOURCES
from graph.network.views import VIEWS
from graph.pipeline.build import build, compile_graph
from graph.settings import data_dir, ontology_dir
from graph.sparql import isolation
from graph.sparql.stored import get_query, stored_queries
from graph.stores.factory import open_store
from graph.stores.results import FORMATS, format_result, run, run_stored
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


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad argument in one line (no usage block), exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"regkg: error: {message} (see regkg {self._command()}--help)\n")

    def _command(self) -> str:
        parts = self.prog.split()[1:]
        return " ".join(parts) + " " if parts else ""


def _number(kind: type[int] | type[float], low: float) -> Callable[[str], Any]:
    """An argparse type: a ``kind`` number of at least ``low``, else a one-line error."""

    def convert(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            msg = f"needs a {'whole ' if kind is int else ''}number, not {text!r}"
            raise argparse.ArgumentTypeError(msg) from None
        if not low <= value < float("inf"):  # also refuses NaN
            msg = f"must be at least {low:g}, not {text!r}"
            raise argparse.ArgumentTypeError(msg)
        return value

    return convert


def _text() -> Callable[[str], str]:
    """An argparse type: text that is not empty or blank."""

    def convert(text: str) -> str:
        if not text.strip():
            msg = "must not be empty"
            raise argparse.ArgumentTypeError(msg)
        return text

    return convert


def _port(text: str) -> int:
    value = _number(int, 0)(text)
    if value > 65535:
        msg = f"must be at most 65535, not {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return int(value)


def _url(text: str) -> str:
    """An http(s) URL with no characters that could break out of an IRI in Turtle."""
    if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", text):
        msg = f'needs an http(s) URL without spaces or <>"{{}}|\\^`, not {text!r}'
        raise argparse.ArgumentTypeError(msg)
    return text


def cmd_app(args: argparse.Namespace) -> int:
    from graph.settings import app_dir

    launcher = app_dir() / "app_launch.py"  # the checkout's, else the installed package's copy
    argv = [sys.executable, str(launcher), "--port", str(args.port), "--address", args.address]
    os.execv(sys.executable, argv)  # never returns: the app replaces this process


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="regkg", description="Regulatory precedent knowledge graph.")
    p.add_argument("--version", action="version", version=f"regkg {__version__}")
    p.add_argument(
        "--store",
        metavar="BACKEND",
        help="store to read: disk (default), memory, or a remote SPARQL query URL "
        "(sets REGKG_STORE for this command)",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands: dict[str, tuple[str, Callable[[argparse.Namespace], int]]] = {
        "build": ("build the graph from data/ and ontologies/ into the store", cmd_build),
        "validate": ("check data/ against the SHACL shapes without writing", cmd_validate),
        "query": ("run a stored query, a .rq file or SPARQL text", cmd_query),
        "queries": ("list the stored queries and their parameters", cmd_queries),
        "stats": ("counts per named graph and per class", cmd_stats),
        "views": ("list the networkx views with their top nodes by PageRank", cmd_views),
        "export": ("write a dated snapshot (RDF, GraphML, GEXF, JSON, manifest)", cmd_export),
        "diff": ("compare two snapshot folders: records added, removed, changed", cmd_diff),
        "serve": ("serve the store as a read-only SPARQL 1.1 endpoint at /sparql", cmd_serve),
        "import": (
            "import a tracker file into its own named graph beside the curated data",
            cmd_import,
        ),
        "link": (
            "link the records of one decision across sources (also run by build and import)",
            cmd_link,
        ),
        "push": ("load a snapshot (or the current store) into a remote triple store", cmd_push),
        "app": ("start the explorer (Streamlit app) on the built store", cmd_app),
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
    q.add_argument("--file", type=_text(), help="run the SPARQL in this .rq file")
    q.add_argument("--text", type=_text(), help="run this SPARQL text")
    q.add_argument(
        "--param", action="append", default=[], metavar="KEY=VALUE", help="bind a parameter"
    )
    q.add_argument("--format", choices=list(FORMATS), default="table")
    q.add_argument(
        "--max-rows",
        type=_number(int, 1),
        default=10000,
        help="cut results at this many rows",
    )
    subs["export"].add_argument(
        "--out", help="folder to write (new or empty); default snapshots/<date>-<data hash>/"
    )
    subs["diff"].add_argument("old", help="the older snapshot folder")
    subs["diff"].add_argument("new", help="the newer snapshot folder")
    subs["diff"].add_argument("--format", choices=["text", "json"], default="text")
    subs["views"].add_argument(
        "--top", type=_number(int, 0), default=5, help="top nodes to show per view"
    )
    srv = subs["serve"]
    srv.add_argument("--host", default="127.0.0.1", help="address to listen on")
    srv.add_argument("--port", type=_port, default=8000, help="port (0 picks a free one)")
    srv.add_argument(
        "--timeout",
        type=_number(float, 0.001),
        default=None,
        help="per-query time limit, seconds",
    )
    srv.add_argument(
        "--max-rows",
        type=_number(int, 1),
        default=None,
        help="cut results at this many rows",
    )
    srv.add_argument("--workers", type=_number(int, 1), default=2, help="query worker processes")
    srv.add_argument(
        "--public-url",
        type=_url,
        default=None,
        help="the endpoint's own URL in its service description "
        "(default http://HOST:PORT/sparql from the bind address)",
    )
    push = subs["push"]
    push.add_argument("--to", required=True, metavar="URL", help="the store's SPARQL query URL")
    push.add_argument("--update", metavar="URL", help="its SPARQL Update URL (default: --to)")
    push.add_argument(
        "--gsp", metavar="URL", help="its Graph Store Protocol URL (faster uploads; optional)"
    )
    push.add_argument(
        "--snapshot", metavar="DIR", help="a snapshot folder to push (default: the current store)"
    )
    imp = subs["import"]
    imp.add_argument("source", metavar="SOURCE", help=f"one of: {', '.join(SOURCES)}")
    imp.add_argument("file", metavar="FILE", help="the tracker file (read only, never changed)")
    imp.add_argument("--graph", help="named graph to (re)place: graph/NAME (default: the source)")
    imp.add_argument(
        "--report", help="where to write the JSON report (default REGKG_HOME/reports/)"
    )
    imp.add_argument("--holdings", help="cjeu only: holdings.csv with the coded holdings")
    subs["link"].add_argument(
        "--review", action="store_true", help="print the pairs left for a reviewer"
    )
    subs["link"].add_argument(
        "--limit", type=_number(int, 1), default=50, help="review pairs to print (default 50)"
    )
    subs["app"].add_argument("--port", type=int, default=8501, help="port to listen on")
    subs["app"].add_argument("--address", default="127.0.0.1", help="address to listen on")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. ``argv`` None means this process *is* the ``regkg`` program (its own
    command line): only then does ``regkg query`` move the whole process off the network before
    it runs ad-hoc SPARQL (a caller passing ``argv``, such as a test, keeps its network)."""
    args = parser().parse_args(argv)
    args.whole_process = argv is None
    if args.command == "query" and sum(bool(x) for x in (args.name, args.file, args.text)) != 1:
        parser().error("query needs exactly one of NAME, --file or --text")
    if args.store:
        os.environ["REGKG_STORE"] = args.store
    try:
        code: int = args.func(args)
        sys.stdout.flush()  # inside the try: a reader that went away is handled below
        return code
    except RegKGError as exc:
        print(f"regkg: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return _closed_pipe()
    except OSError as exc:
        print(f"regkg: error: {exc.strerror or exc}: {exc.filename or ''}", file=sys.stderr)
        return 2


def _closed_pipe() -> int:
    """The reader of stdout went away (``regkg stats | head -1``): end quietly, as ``cat`` does.
    Python would report the pipe again when it flushes stdout at exit, so stdout is pointed at
    /dev/null first."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
