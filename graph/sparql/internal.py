"""Internal SPARQL: the queries the code runs itself, as ``.rq`` files beside the modules running
them, loaded by name (never shown in the gallery)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from graph.errors import UnknownQuery

#: The folder of internal queries inside a subpackage.
FOLDER = "queries"

_PACKAGE = re.compile(r"graph(?:\.[a-z_]+)+")
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@cache
def internal_query(package: str, name: str) -> str:
    """The text of ``<package>/queries/<name>.rq`` (read once), header line included.

    ``package`` is a dotted subpackage of ``graph`` (``"graph.explorer"``); ``name`` the file's
    name without ``.rq``. An unknown name raises :class:`UnknownQuery` listing the known ones.

    Each subpackage that queries the store keeps its queries in its own ``queries/`` folder
    (``graph/explorer/queries/entity-facts.rq`` is ``internal_query("graph.explorer",
    "entity-facts")``). They are apart from the stored queries of ``graph/queries/`` (the gallery,
    :mod:`graph.sparql.stored`) and never shown there: the package ``graph`` itself is refused, so
    no name reaches the gallery's folder. A file opens with one ``# `` line saying what it returns.

    No query is assembled from Python values: prefixes and IRI bases are literal text in the file,
    and whatever varies at run time is bound (pyoxigraph ``substitutions`` or, for a remote store,
    the ``VALUES`` blocks of :mod:`graph.sparql.bindings`). Where a query's shape varies, each shape
    is a file of its own: the remote store reads a named graph whole (``remote-graph``) or, when
    that is too long, in parts by the MD5 prefix of the subject (``remote-graph-part``, the prefix
    bound). The text search binds six word slots (``?w1`` … ``?w6`` of ``search-text``; unused ones
    bound to the empty string).

    >>> print(internal_query("graph.endpoint", "ping"))
    # True: the trivial query a worker answers once it has loaded the store.
    ASK {}
    <BLANKLINE>
    >>> body(internal_query("graph.endpoint", "form-example"))
    'SELECT * WHERE { ?s ?p ?o } LIMIT 10'
    """
    if not _PACKAGE.fullmatch(package) or not _NAME.fullmatch(name):
        msg = f"not an internal query: {package!r}, {name!r} (a graph subpackage and a file name)"
        raise UnknownQuery(msg)
    folder = resources.files(package) / FOLDER
    path = folder / f"{name}.rq"
    if not path.is_file():
        files = folder.iterdir() if folder.is_dir() else ()
        known = sorted(p.name[:-3] for p in files if p.name.endswith(".rq"))
        msg = f"no internal query {name!r} in {package}; known: {', '.join(known) or 'none'}"
        raise UnknownQuery(msg)
    return path.read_text(encoding="utf-8")


def body(text: str) -> str:
    """A query's text without its leading ``#`` lines and surrounding white space."""
    lines = text.strip().splitlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return "\n".join(lines).strip()
