"""The ``regkg`` command line: parse, run one command, report errors in one line."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from graph.cli.arguments import parser
from graph.errors import RegKGError

__all__ = ["main", "parser"]


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
