"""Start the regkg explorer with its imports already done: ``python -m app_launch --port 8501``.

``make app``, the browser tests (``tests/browser_kit.py``), ``make screenshots`` and
``benchmarks/app_bench.py`` all start the app through :func:`command`, so tests exercise what
users run. ``streamlit run app.py`` still works; it is only slower on a fresh server's first page.

Why: Streamlit runs ``app.py`` and the page scripts inside the server process, so a module
imported before the server starts stays in ``sys.modules`` and the first script run does not pay
for it. Plain ``streamlit run`` imports pandas, pyarrow, networkx, scipy, rdflib, Streamlit's
element modules and the ``graph`` package during the first user's first script run (~2.5 s on a
2-core machine). Here they are imported first, then the server starts listening.

What is *not* warmed: anything that needs the store or a session. The store and the entity graph
are Streamlit caches (``st.cache_resource`` in ``pages/common.py``), opened by the first run.

The launcher also declares the app a ``st.navigation`` app before the first run. Streamlit
otherwise treats the ``pages/`` folder beside ``app.py`` as an old-style multipage app until
``st.navigation`` has run once in the process, so the first request for ``/fines`` would run
``pages/fines.py`` on its own and ``pages/common.py`` would have to rerun it through ``app.py``
(one wasted script run; the guard stays for plain ``streamlit run``).

This module lives beside ``app.py`` (not in :mod:`graph`, which never imports Streamlit).
"""

from __future__ import annotations

import argparse
import ast
import importlib
import logging
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
APP = HERE / "app.py"

#: Modules the first script run imports lazily (inside Streamlit, pandas and pyarrow) beyond what
#: ``app.py`` and ``pages/*.py`` import at their top. Found by diffing ``sys.modules`` around a
#: first run of every page; a name a newer version no longer has is skipped.
LAZY_MODULES: tuple[str, ...] = (
    "pyarrow",
    "pyarrow.pandas_compat",
    "pandas.io.formats.csvs",
    "scipy.sparse",
    "rdflib",
    "pyoxigraph",
    "streamlit.emojis",
    "streamlit.material_icon_names",
    "streamlit.runtime.scriptrunner.magic_funcs",
    "streamlit.components.v2.manifest_scanner",
    "streamlit.elements.arrow",
    "streamlit.dataframe_util",
)

#: Streamlit options ``make app`` has always passed (``--server.port`` is added by
#: :func:`command`).
STREAMLIT_FLAGS: tuple[str, ...] = (
    "--server.headless",
    "true",
    "--browser.gatherUsageStats",
    "false",
)


def page_imports(scripts: Iterable[Path]) -> list[str]:
    """Absolute module names imported at any level of ``scripts`` (``from graph import charts``
    gives both ``graph`` and ``graph.drawing.charts``; which of them is a module is decided on
    import).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d) / "page.py"
    ...     _ = p.write_text("import pandas as pd\\nfrom graph import charts\\nfrom . import x\\n")
    ...     page_imports([p])
    ['graph', 'graph.drawing.charts', 'pandas']
    """
    names: set[str] = set()
    for script in scripts:
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"), str(script))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return sorted(names)


def _import_quietly(name: str) -> bool:
    """Import ``name`` if it is a module; ``False`` when it is not one (a class or function
    imported by ``from x import name``, or a module this version does not have)."""
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as err:
        if err.name is not None and name.startswith(err.name):
            return False  # the name itself (or its package) is not a module
        raise  # a module that exists but imports something missing: a real error
    return True


def warm() -> tuple[int, float]:
    """Import every module the app's scripts import, plus :data:`LAZY_MODULES`; returns (how
    many modules were imported, seconds). Imports nothing that opens the store or needs a
    Streamlit session."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))  # ``pages`` and ``graph`` as the app sees them
    started = time.perf_counter()
    # ``@st.cache_data`` outside a running server logs "No runtime found" on import (harmless:
    # the cache's storage is chosen on first use, inside the runtime).
    importlib.import_module("streamlit.runtime.caching.cache_data_api")
    quiet = logging.getLogger("streamlit.runtime.caching.cache_data_api")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        scripts = [APP, *sorted((HERE / "pages").glob("*.py"))]
        count = sum(_import_quietly(name) for name in [*page_imports(scripts), *LAZY_MODULES])
    finally:
        quiet.setLevel(level)
    return count, time.perf_counter() - started


def warm_store() -> float:
    """Open the store and build the shared entity graph through the pages' own
    ``st.cache_resource`` functions (their caches are process-wide, so the first page a user opens
    finds both ready); returns seconds. Nothing is warmed when no store is built yet: the pages
    then explain how to build one."""
    from graph import settings
    from graph.errors import StoreError
    from graph.stores.embedded import current_source
    from pages import common

    started = time.perf_counter()
    home = settings.home()
    source = current_source(home)
    if source is None:
        return 0.0
    # "missing ScriptRunContext": expected before the server starts, so kept quiet.
    quiet = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        store = common._load_store(str(home), source)
        common._entity_graph(store, common.store_key(store))
    except StoreError as exc:
        print(f"regkg: the store was not warmed ({exc})", flush=True)
    finally:
        quiet.setLevel(level)
    return time.perf_counter() - started


def _navigation_app() -> None:
    """Tell Streamlit, before the first run, that ``app.py`` uses ``st.navigation``."""
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


def command(port: int, *, address: str = "127.0.0.1", watch: bool = True) -> list[str]:
    """The command line that starts the app (run it with the repository as working folder)."""
    cmd = [sys.executable, "-m", "app_launch", "--port", str(port), "--address", address]
    return cmd if watch else [*cmd, "--no-watch"]


def streamlit_args(port: int, address: str, *, watch: bool) -> list[str]:
    """Arguments for ``streamlit`` (the same ``run`` options ``make app`` has always used)."""
    args = ["run", str(APP), "--server.address", address, "--server.port", str(port)]
    args += STREAMLIT_FLAGS
    return args if watch else [*args, "--server.fileWatcherType", "none"]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--address", default="127.0.0.1")
    parser.add_argument(
        "--no-watch", action="store_true", help="do not watch the source files (tests, benches)"
    )
    args = parser.parse_args(argv)
    count, secs = warm()
    opened = warm_store()
    print(
        f"regkg: {count} modules imported in {secs:.1f} s, store and entity graph ready in "
        f"{opened:.1f} s; starting Streamlit",
        flush=True,
    )
    _navigation_app()
    # Streamlit's own command line (it ends in ``streamlit.web.bootstrap.run``): config files,
    # STREAMLIT_* environment variables and flags are read exactly as ``streamlit run`` does.
    from streamlit.web import cli

    cli.main.main(
        args=streamlit_args(args.port, args.address, watch=not args.no_watch),
        prog_name="streamlit",
    )


if __name__ == "__main__":
    main()
