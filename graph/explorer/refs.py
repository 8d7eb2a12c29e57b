"""Small shared pieces of the explorer's read models (references, kinds, dates, bound values);
used by :mod:`graph.explorer.search`, ``entity`` and ``tables``; never imports Streamlit."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from graph.vocabulary.strings import ID_BASE, KINDS

#: The ontology namespace (``reg:``).

#: Record classes that are not entities of their own but are still records (shown generically).
RECORD_KINDS = (
    "Holding",
    "Treatment",
    "Ownership",
    "Participation",
    "MonetaryAmount",
    "SourceReference",
)


@dataclass(frozen=True)
class Ref:
    """A link to a record: its IRI and its label."""

    iri: str
    label: str


def kind_of(types: Iterable[str]) -> str:
    """The most specific kind among ontology class local names (``Record`` if none is known).

    >>> kind_of({"Record", "Decision", "Fine"})
    'Fine'
    """
    names = set(types)
    return next((k for k in (*KINDS, *RECORD_KINDS) if k in names), "Record")


def kind_label(kind: str) -> str:
    """A kind's local name in plain words (``LegalQuestion`` → ``legal question``).

    >>> kind_label("CourtCase")
    'court case'
    """
    return re.sub(r"(?<!^)(?=[A-Z])", " ", kind).lower()


def short_id(iri: str) -> str:
    """A record IRI without the ``…/id/`` base (``company/acme-video``); others unchanged.

    >>> short_id("https://w3id.org/regkg/id/company/acme-video")
    'company/acme-video'
    """
    return iri[len(ID_BASE) :] if iri.startswith(ID_BASE) else iri


def record_iri(value: str) -> str:
    """A full record IRI from a full IRI or a short id such as ``company/acme-video``.

    >>> record_iri("company/acme-video")
    'https://w3id.org/regkg/id/company/acme-video'
    >>> record_iri("https://w3id.org/regkg/id/company/acme-video")
    'https://w3id.org/regkg/id/company/acme-video'
    """
    return value if value.startswith(("http://", "https://")) else ID_BASE + value


def padded_date(value: str) -> str:
    """An ISO date, gYearMonth or gYear as a full date at the start of its period (for sorting
    and charts; show the original value to people).

    >>> padded_date("2021-03"), padded_date("2020"), padded_date("2021-05-10")
    ('2021-03-01', '2020-01-01', '2021-05-10')
    """
    if re.fullmatch(r"\d{4}", value):
        return value + "-01-01"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return value + "-01"
    return value[:10]


def text(row: Any, name: str) -> str | None:
    """The IRI or lexical form bound to ``name`` in a solution, or ``None`` when unbound."""
    term = row[name]
    if term is None:
        return None
    value: str = term.value
    return value


def number(row: Any, name: str) -> float | None:
    """A numeric literal bound to ``name`` as a float, or ``None``."""
    value = text(row, name)
    return None if value is None else float(value)


def split(value: str | None, sep: str = "\x1f") -> tuple[str, ...]:
    """The distinct parts of a ``GROUP_CONCAT`` value, sorted (empty for ``None``)."""
    return tuple(sorted({p for p in (value or "").split(sep) if p}))


def iri_term(iri: str) -> ox.NamedNode:
    """An IRI as a term to bind (user text becomes a term, never query text)."""
    return ox.NamedNode(iri)


def bind(**values: ox.NamedNode | ox.Literal) -> dict[ox.Variable, Any]:
    """Substitutions for a query: ``bind(entity=iri_term(x))``."""
    return {ox.Variable(k): v for k, v in values.items()}
