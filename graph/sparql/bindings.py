"""Binding values into a query for a remote store, with a ``VALUES`` block (never by pasting)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox

from graph.errors import QueryError

_TOKEN = re.compile(
    r"""
      (?P<iri><[^<>"{}|^`\\\s]*>)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    | (?P<comment>\#[^\n]*)
    | (?P<var>[?$][A-Za-z0-9_]+)
    | (?P<open>\{)
    | (?P<close>\})
    | (?P<where>\bWHERE\b)
    | (?P<form>\b(?:SELECT|ASK|CONSTRUCT|DESCRIBE)\b)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def where_position(text: str) -> int:
    """The offset just after the ``{`` that opens the query's outer ``WHERE`` group."""
    depth = 0
    form = ""
    seen_where = False
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "form" and not form:
            form = m.group().upper()
        elif kind == "where" and depth == 0:
            seen_where = True
        elif kind == "open":
            # CONSTRUCT's template comes before WHERE; SELECT/ASK/DESCRIBE may omit WHERE.
            if depth == 0 and (seen_where or form in ("SELECT", "ASK", "DESCRIBE")):
                return m.end()
            depth += 1
        elif kind == "close":
            depth -= 1
    msg = "cannot bind values: the query has no WHERE group"
    raise QueryError(msg)


def _term(value: Any) -> str:
    if isinstance(value, ox.NamedNode | ox.Literal):
        return str(value)
    msg = f"only IRIs and literals can be bound for a remote store, not {value!r}"
    raise QueryError(msg)


def bind_values(text: str, substitutions: Mapping[ox.Variable, Any] | None) -> str:
    """``text`` with each substitution as a ``VALUES`` block opening its outer WHERE group.

    A remote SPARQL endpoint cannot take pyoxigraph's ``substitutions``, so a bound value travels as
    SPARQL 1.1's own binding construct: ``VALUES ?var { term }`` placed first in the query's outer
    ``WHERE`` group, where it joins before the rest of the pattern, as a substitution would. The
    term is written by pyoxigraph's N-Triples serialiser (every quote, newline and ``>`` escaped),
    and the variable name must be a plain SPARQL name, so user input can never change the query's
    structure.

    >>> import pyoxigraph as ox
    >>> q = 'SELECT ?d ?t WHERE { ?d <http://ex/title> ?t }'
    >>> print(bind_values(q, {ox.Variable("d"): ox.NamedNode("http://ex/x")}))
    SELECT ?d ?t WHERE { VALUES ?d { <http://ex/x> } ?d <http://ex/title> ?t }
    >>> print(bind_values('ASK { ?s ?p "}" }', {ox.Variable("s"): ox.Literal('a "b" }')}))
    ASK { VALUES ?s { "a \\"b\\" }" } ?s ?p "}" }
    """
    if not substitutions:
        return text
    blocks = []
    for var, value in sorted(substitutions.items(), key=lambda kv: kv[0].value):
        if not _NAME.fullmatch(var.value):
            msg = f"not a SPARQL variable name: {var.value!r}"
            raise QueryError(msg)
        blocks.append(f" VALUES ?{var.value} {{ {_term(value)} }}")
    at = where_position(text)
    return text[:at] + "".join(blocks) + text[at:]
