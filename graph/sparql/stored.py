"""Stored and ad-hoc SPARQL: loaded from ``.rq`` files, run with bound values, never formatted."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph import settings
from graph.errors import QueryError, UnknownQuery
from graph.vocabulary.ids import mint

_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Param:
    """A stored query's parameter."""

    name: str
    type: str
    kind: str | None
    default: str | None
    description: str

    def bind(self, value: str) -> ox.NamedNode | ox.Literal:
        """Turn user text into an RDF term of this parameter's type (never into query text)."""
        if self.type == "iri":
            if self.kind and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
                return ox.NamedNode(str(mint(self.kind, value)))
            if not re.match(r"^https?://\S+$", value):
                msg = f"parameter {self.name!r} needs an id or an http(s) IRI, not {value!r}"
                raise QueryError(msg)
            return ox.NamedNode(value)
        if self.type == "integer":
            if not re.fullmatch(r"-?\d+", value):
                msg = f"parameter {self.name!r} needs a whole number, not {value!r}"
                raise QueryError(msg)
            return ox.Literal(value, datatype=ox.NamedNode(_XSD + "integer"))
        if self.type == "date":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                msg = f"parameter {self.name!r} needs a date YYYY-MM-DD, not {value!r}"
                raise QueryError(msg)
            return ox.Literal(value, datatype=ox.NamedNode(_XSD + "date"))
        return ox.Literal(value)


@dataclass(frozen=True)
class StoredQuery:
    """A named ``.rq`` file with its header."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str

    def bindings(self, values: dict[str, str]) -> dict[ox.Variable, Any]:
        """Check user values against the declared parameters and bind them (defaults fill gaps)."""
        known = {p.name for p in self.params}
        unknown = sorted(set(values) - known)
        if unknown:
            has = ", ".join(sorted(known)) or "none"
            msg = f"query {self.name!r} has no parameter {unknown[0]!r} (it has: {has})"
            raise QueryError(msg)
        out: dict[ox.Variable, Any] = {}
        for p in self.params:
            value = values.get(p.name, p.default)
            if value is None:
                msg = f"query {self.name!r} needs a value for parameter {p.name!r}"
                raise QueryError(msg)
            out[ox.Variable(p.name)] = p.bind(value)
        return out


def parse_stored(name: str, text: str) -> StoredQuery:
    """Parse the header of a ``.rq`` file.

    Each stored query opens with a header::

        # title: Holdings for a legal question
        # description: For a given legal question, the decisions that answer it …
        # param: question | iri:question | q01 | The legal question (an id such as q01, or an IRI)

    A parameter line is ``name | type | default | description``; ``type`` is ``iri:<kind>`` (a bare
    id expands to ``https://w3id.org/regkg/id/<kind>/<id>``), ``iri``, ``string``, ``integer`` or
    ``date``. Values are bound with pyoxigraph ``substitutions`` (SEP-0007), so user input never
    becomes query text.
    """
    fields: dict[str, str] = {}
    params = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line[1:].strip().partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "param":
            parts = [p.strip() for p in value.split("|")]
            if len(parts) != 4:
                msg = f"{name}.rq: a param line needs 'name | type | default | description'"
                raise QueryError(msg)
            pname, ptype, default, desc = parts
            base, _, kind = ptype.partition(":")
            params.append(Param(pname, base, kind or None, default or None, desc))
        elif key in ("title", "description"):
            fields[key] = (fields.get(key, "") + " " + value).strip()
    if not fields.get("title") or not fields.get("description"):
        msg = f"{name}.rq: the header needs '# title:' and '# description:' lines"
        raise QueryError(msg)
    return StoredQuery(name, fields["title"], fields["description"], tuple(params), text)


@lru_cache(maxsize=4)
def _load_dir(folder: Path) -> dict[str, StoredQuery]:
    return {
        p.stem: parse_stored(p.stem, p.read_text(encoding="utf-8"))
        for p in sorted(folder.glob("*.rq"))
    }


def stored_queries(folder: Path | None = None) -> dict[str, StoredQuery]:
    """The registry of stored queries by name (read once per folder).

    >>> q = stored_queries()["holdings-for-question"]
    >>> q.params[0].name, q.params[0].kind
    ('question', 'question')
    """
    return _load_dir(folder or settings.QUERIES_DIR)


def get_query(name: str) -> StoredQuery:
    """One stored query, or :class:`UnknownQuery` listing the known names."""
    queries = stored_queries()
    if name not in queries:
        msg = f"no stored query named {name!r}; known: {', '.join(queries)}"
        raise UnknownQuery(msg)
    return queries[name]
