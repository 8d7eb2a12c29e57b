"""Small shared pieces of the explorer's read models (references, kinds, dates, bound values)
and :func:`from_row`, which fills a read model's dataclass from a solution row by its field types;
never imports Streamlit."""

from __future__ import annotations

import dataclasses
import re
import types
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

import pyoxigraph as ox

from graph.vocabulary.strings import ID_BASE, KINDS

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


T = TypeVar("T")

#: The metadata key naming a field's column where it is not the field's name in camelCase:
#: ``as_of: tuple[str, ...] = field(metadata={"column": "asOfs"})``.
COLUMN = "column"

#: One field's reading: its name, the columns it reads and the reader (solution row → value).
Step = tuple[str, tuple[str, ...], Callable[[Any], Any]]


def camel(name: str) -> str:
    """A field's name as a query variable.

    >>> camel("as_of"), camel("rate_date"), camel("label")
    ('asOf', 'rateDate', 'label')
    """
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def _lexical(row: Any, column: str) -> str:
    term = row[column]
    return "" if term is None else str(term.value)


def _reader(hint: Any, c: str) -> Callable[[Any], Any] | None:
    """The reader of a field of type ``hint`` from column ``c``, or ``None`` for a type that a
    solution row does not give."""
    args = get_args(hint)
    if get_origin(hint) in (Union, types.UnionType) and len(args) == 2 and type(None) in args:
        base = next(a for a in args if a is not type(None))
        if base is Ref:
            lab = c + "Label"
            return lambda row: None if (t := row[c]) is None else Ref(t.value, _lexical(row, lab))
        convert = _SCALARS.get(base)
        if convert is None:
            return None
        return lambda row: None if (t := row[c]) is None else convert(t.value)
    if hint is str:
        return lambda row: "" if (t := row[c]) is None else t.value
    if hint is int:
        return lambda row: 0 if (t := row[c]) is None else int(t.value or 0)
    if hint is float:
        return lambda row: 0.0 if (t := row[c]) is None else float(t.value)
    if hint is bool:
        return lambda row: (t := row[c]) is not None and t.value == "true"
    if hint is Ref:
        lab = c + "Label"
        return lambda row: Ref(_lexical(row, c), _lexical(row, lab))
    if get_origin(hint) is tuple and args == (str, ...):
        return lambda row: split(None if (t := row[c]) is None else t.value)
    return None


#: How an optional scalar field's lexical form becomes its value.
_SCALARS: dict[Any, Callable[[str], Any]] = {
    str: str,
    int: int,
    float: float,
    bool: lambda v: v == "true",
}


@dataclass(frozen=True)
class _Plan:
    """How to fill a class from a row: each field's reading, in field order, and the readers alone
    when the values can be passed by position (nothing given, no keyword-only field: faster)."""

    steps: tuple[Step, ...]
    positional: tuple[Callable[[Any], Any], ...] | None


#: The plans worked out so far, by class and set of given names.
_PLANS: dict[tuple[type, frozenset[str]], _Plan] = {}


def _plan(cls: type, given: frozenset[str]) -> _Plan:
    """The plan for ``cls`` with ``given`` (worked out once per class and set of given names)."""
    plan = _PLANS.get((cls, given))
    if plan is None:
        plan = _PLANS[cls, given] = _make_plan(cls, given)
    return plan


def _make_plan(cls: type, given: frozenset[str]) -> _Plan:
    if not dataclasses.is_dataclass(cls):
        msg = f"from_row: {cls!r} is not a dataclass"
        raise TypeError(msg)
    hints = get_type_hints(cls)
    fields = [f for f in dataclasses.fields(cls) if f.init]
    if unknown := given - {f.name for f in fields}:
        msg = f"from_row: {cls.__qualname__} has no field {', '.join(sorted(unknown))}"
        raise TypeError(msg)
    steps: list[Step] = []
    for f in (f for f in fields if f.name not in given):
        column = f.metadata.get(COLUMN) or camel(f.name)
        hint = hints[f.name]
        read = _reader(hint, column)
        if read is None:
            msg = (
                f"from_row: {cls.__qualname__}.{f.name} is a {hint!r}, which the mapper does not "
                "read from a solution row (it reads str, int, float, bool and each | None, "
                "tuple[str, ...], Ref and Ref | None); pass it as a given value"
            )
            raise TypeError(msg)
        columns = (column, column + "Label") if Ref in (hint, *get_args(hint)) else (column,)
        steps.append((f.name, columns, read))
    by_position = not given and not any(f.kw_only for f in fields)
    return _Plan(tuple(steps), tuple(r for _, _, r in steps) if by_position else None)


def from_row(cls: type[T], row: Any, /, **given: Any) -> T:
    """A ``cls`` (a dataclass) filled from one solution row, each field read by its declared
    type from the column named like the field in camelCase (``as_of`` → ``?asOf``) or named by its
    ``metadata={"column": …}``; ``given`` values are taken as they are (fields computed in Python).

    ``str`` is the column's IRI or lexical form (``""`` when unbound), ``int`` and ``float`` its
    number (``0``), ``bool`` whether it is ``"true"`` (``False``), each ``| None`` is ``None`` when
    unbound; ``tuple[str, ...]`` is the :func:`split` of a ``GROUP_CONCAT`` column; ``Ref`` is the
    column's IRI with the label in ``?<column>Label`` (``Ref | None``: ``None`` when unbound). Any
    other type is a :class:`TypeError` naming the field, the first time ``cls`` is mapped.

    >>> row = next(iter(ox.Store().query("SELECT * { VALUES (?iri ?label) { (<urn:x> 'X') } }")))
    >>> from_row(Ref, row), from_row(Ref, row, label="given")
    (Ref(iri='urn:x', label='X'), Ref(iri='urn:x', label='given'))
    """
    plan = _plan(cls, frozenset(given))
    if plan.positional is not None:
        return cls(*[read(row) for read in plan.positional])
    return cls(**{name: read(row) for name, _, read in plan.steps}, **given)


def from_rows(cls: type[T], solutions: Iterable[Any], /, **given: Any) -> list[T]:
    """:func:`from_row` of every solution, in order. The columns the fields read are checked
    first against the solutions' variables (when they have them): a misspelt column is a
    :class:`KeyError`, not a column of blanks."""
    plan = _plan(cls, frozenset(given))
    variables = getattr(solutions, "variables", None)
    if variables is not None:
        have = {v.value for v in variables}
        if missing := [
            f"{cls.__qualname__}.{f} (?{c})" for f, cs, _ in plan.steps for c in cs if c not in have
        ]:
            msg = f"from_rows: the solutions have no column for {', '.join(missing)}"
            raise KeyError(msg)
    if (readers := plan.positional) is not None:
        return [cls(*[read(row) for read in readers]) for row in solutions]
    steps = plan.steps
    return [cls(**{name: read(row) for name, _, read in steps}, **given) for row in solutions]
