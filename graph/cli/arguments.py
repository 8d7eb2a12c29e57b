"""The ``regkg`` argument parser: subcommands, their options, and one-line errors for bad values."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from typing import Any, NoReturn

from graph import __version__
from graph.cli import commands as C
from graph.importers.base import SOURCES
from graph.sparql.stored import stored_queries
from graph.stores.results import FORMATS


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
        "build": ("build the graph from data/ and ontologies/ into the store", C.cmd_build),
        "validate": ("check data/ against the SHACL shapes without writing", C.cmd_validate),
        "query": ("run a stored query, a .rq file or SPARQL text", C.cmd_query),
        "queries": ("list the stored queries and their parameters", C.cmd_queries),
        "stats": ("counts per named graph and per class", C.cmd_stats),
        "views": ("list the networkx views with their top nodes by PageRank", C.cmd_views),
        "export": ("write a dated snapshot (RDF, GraphML, GEXF, JSON, manifest)", C.cmd_export),
        "diff": ("compare two snapshot folders: records added, removed, changed", C.cmd_diff),
        "serve": ("serve the store as a read-only SPARQL 1.1 endpoint at /sparql", C.cmd_serve),
        "import": (
            "import a tracker file into its own named graph beside the curated data",
            C.cmd_import,
        ),
        "link": (
            "link the records of one decision across sources (also run by build and import)",
            C.cmd_link,
        ),
        "push": ("load a snapshot (or the current store) into a remote triple store", C.cmd_push),
        "app": ("start the explorer (Streamlit app) on the built store", C.cmd_app),
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
