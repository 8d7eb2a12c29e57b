"""Value checks for :mod:`graph.shacl.core`: XSD lexical forms (``sh:datatype``), the order of
literals (``sh:minInclusive``…), node kinds and RDF 1.1 term equality (``sh:in``…)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import datetime, time
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from rdflib import RDF, BNode, Literal, URIRef
from rdflib.namespace import SH, XSD
from rdflib.term import Node

from graph.shacl.regex import xpath_regex

#: sh:nodeKind values and the node types they admit.
KINDS: dict[Node, tuple[type, ...]] = {
    SH.IRI: (URIRef,),
    SH.BlankNode: (BNode,),
    SH.Literal: (Literal,),
    SH.BlankNodeOrIRI: (BNode, URIRef),
    SH.BlankNodeOrLiteral: (BNode, Literal),
    SH.IRIOrLiteral: (URIRef, Literal),
}

_TZ = r"(?P<tz>Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
_YEAR = r"(?P<y>-?(?:[1-9][0-9]{3,}|0[0-9]{3}))"
_MONTH = r"(?P<m>0[1-9]|1[0-2])"
_DAY = r"(?P<d>0[1-9]|[12][0-9]|3[01])"
_TIME = r"(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?|24:00:00(?:\.0+)?)"
_DATE = f"{_YEAR}-{_MONTH}-{_DAY}"
_DECIMAL = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
_B64 = r"[A-Za-z0-9+/] ?"
_DAYTIME = r"(?:[0-9]+D)?(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\.[0-9]+)?S)?)?"

_GRAMMAR: dict[Node, str] = {
    XSD.string: r"[^\x00-\x08\x0b\x0c\x0e-\x1f]*",
    XSD.normalizedString: r"[^\x00-\x1f]*",
    XSD.token: r"(?:[^\x00-\x20](?: ?[^\x00-\x20])*)?",
    XSD.language: r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*",
    XSD.anyURI: r"[^\x00-\x1f]*",  # XSD: any string is mapped to a URI reference by escaping
    XSD.boolean: r"true|false|1|0",
    XSD.decimal: _DECIMAL,
    XSD.float: rf"{_DECIMAL}(?:[Ee][+-]?[0-9]+)?|[+-]?INF|NaN",
    XSD.double: rf"{_DECIMAL}(?:[Ee][+-]?[0-9]+)?|[+-]?INF|NaN",
    XSD.date: _DATE + _TZ,
    XSD.dateTime: f"{_DATE}T{_TIME}{_TZ}",
    XSD.dateTimeStamp: f"{_DATE}T{_TIME}{_TZ.removesuffix('?')}",
    XSD.time: _TIME + _TZ,
    XSD.gYear: _YEAR + _TZ,
    XSD.gYearMonth: f"{_YEAR}-{_MONTH}{_TZ}",
    XSD.gMonth: f"--{_MONTH}{_TZ}",
    XSD.gDay: f"---{_DAY}{_TZ}",
    XSD.gMonthDay: f"--{_MONTH}-{_DAY}{_TZ}",
    XSD.duration: rf"-?P(?=.)(?:[0-9]+Y)?(?:[0-9]+M)?{_DAYTIME}",
    XSD.dayTimeDuration: rf"-?P(?=.){_DAYTIME}",
    XSD.yearMonthDuration: r"-?P(?=.)(?:[0-9]+Y)?(?:[0-9]+M)?",
    XSD.hexBinary: r"(?:[0-9a-fA-F]{2})*",
    XSD.base64Binary: (
        rf"(?:(?:{_B64}){{4}})*(?:(?:{_B64}){{3}}[A-Za-z0-9+/]|(?:{_B64}){{2}}[AEIMQUYcgkosw048] ?="
        rf"|{_B64}[AQgw] ?= ?=)?"
    ),
}
_INTEGER_RANGES: dict[Node, tuple[int | None, int | None]] = {
    XSD.integer: (None, None),
    XSD.nonNegativeInteger: (0, None),
    XSD.positiveInteger: (1, None),
    XSD.nonPositiveInteger: (None, 0),
    XSD.negativeInteger: (None, -1),
    XSD.long: (-(2**63), 2**63 - 1),
    XSD.int: (-(2**31), 2**31 - 1),
    XSD.short: (-(2**15), 2**15 - 1),
    XSD.byte: (-128, 127),
    XSD.unsignedLong: (0, 2**64 - 1),
    XSD.unsignedInt: (0, 2**32 - 1),
    XSD.unsignedShort: (0, 2**16 - 1),
    XSD.unsignedByte: (0, 255),
}
_COMPILED = {dt: re.compile(g, re.ASCII) for dt, g in _GRAMMAR.items()}
_COMPILED |= {dt: re.compile(r"[+-]?[0-9]+") for dt in _INTEGER_RANGES}
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_NUMERIC = {XSD.decimal, XSD.float, XSD.double, *_INTEGER_RANGES}

#: The datatypes whose lexical form :func:`lexical_ok` checks (an XSD datatype outside this set
#: is refused in a shape).
LEXICAL = frozenset(_COMPILED)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def lexical_ok(text: str, dt: Node) -> bool:
    """Whether ``text`` is in the lexical space of ``dt`` (True for a datatype not checked).

    rdflib flags only some ill-formed literals (``"2021-13"^^xsd:gYearMonth``,
    ``"1e5"^^xsd:decimal`` or ``"1_000"^^xsd:integer`` pass it), so each XSD datatype the validator
    accepts in a shape has its lexical form checked here by the XSD 1.1 grammar (no whitespace
    around the value), with the day checked against its month and year. An XSD datatype without a
    check here is refused when the shapes are compiled (:data:`LEXICAL`), never passed unchecked.
    """
    grammar = _COMPILED.get(dt)
    if grammar is None:
        return True
    m = grammar.fullmatch(text)
    if m is None:
        return False
    if dt in _INTEGER_RANGES:
        low, high = _INTEGER_RANGES[dt]
        n = int(text)
        return (low is None or n >= low) and (high is None or n <= high)
    groups = m.groupdict()
    if groups.get("d") and groups.get("m"):
        month, day = int(groups["m"]), int(groups["d"])
        if day > _DAYS[month - 1]:
            return False
        if month == 2 and day == 29 and groups.get("y"):
            return _leap(int(groups["y"]))
    return True


def datatype_of(v: Literal) -> Node:
    """A literal's datatype IRI (``xsd:string`` or ``rdf:langString`` for plain literals)."""
    if v.datatype is not None:
        return v.datatype
    return RDF.langString if v.language else XSD.string


def well_formed(v: Literal) -> bool:
    """rdflib accepts the literal's lexical form, and so does :func:`lexical_ok`."""
    return getattr(v, "ill_typed", None) is not True and lexical_ok(str(v), datatype_of(v))


def same_term(v: Node) -> Node:
    """``v`` as its RDF 1.1 term: ``"red"^^xsd:string`` is the plain literal ``"red"``."""
    if isinstance(v, Literal) and v.datatype == XSD.string:
        return Literal(str(v))
    return v


def _timezone(tz: str | None) -> str | None:
    return "Z" if tz in ("Z", "+00:00", "-00:00") else tz


def order_key(v: Node) -> tuple[object, ...] | None:
    """What ``v`` is ordered by, with the class of values it compares with; None when it is
    not an orderable, well-formed value."""
    if not isinstance(v, Literal) or v.datatype is None or not well_formed(v):
        return None
    dt, value = v.datatype, v.value
    if dt in _NUMERIC:
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
            return None
        if isinstance(value, float) and math.isnan(value):
            return None
        return ("number", value)
    if dt in (XSD.dateTime, XSD.dateTimeStamp):
        return ("dateTime", value) if isinstance(value, datetime) else None
    if dt == XSD.time:
        return ("time", value) if isinstance(value, time) else None
    if dt in (XSD.date, XSD.gYearMonth, XSD.gYear):
        m = _COMPILED[dt].fullmatch(str(v))
        assert m is not None  # well_formed
        parts = m.groupdict()
        fields = tuple(int(parts[k]) for k in ("y", "m", "d") if parts.get(k))
        return (str(dt), _timezone(parts["tz"]), fields)
    return None


#: Whether a comparison result (-1, 0, 1) satisfies each range parameter.
RANGES: dict[str, Callable[[int], bool]] = {
    "minInclusive": lambda c: c >= 0,
    "maxInclusive": lambda c: c <= 0,
    "minExclusive": lambda c: c > 0,
    "maxExclusive": lambda c: c < 0,
}


@lru_cache(maxsize=1024)
def _bound_key(bound: Node) -> tuple[object, ...] | None:
    """:func:`order_key` of a constraint's bound: one of few literals, compared against every
    value, so its key is made once (terms are equal only when their lexical forms are)."""
    return order_key(bound)


def compare(v: Node, bound: Node) -> int | None:
    """``v`` against ``bound``: -1, 0 or 1, or None when they do not compare.

    Ordering follows SHACL: a value that cannot be compared with the bound is a violation. Numbers
    (not booleans) compare with numbers; ``xsd:dateTime``/``xsd:dateTimeStamp`` with each other,
    ``xsd:time`` with ``xsd:time``, and ``xsd:date``, ``xsd:gYearMonth``, ``xsd:gYear`` each only
    with its own datatype and the same time zone (or none on both). Ill-formed values and NaN never
    compare.
    """
    mine, theirs = order_key(v), _bound_key(bound)
    if mine is None or theirs is None or mine[:-1] != theirs[:-1]:
        return None
    a, b = mine[-1], theirs[-1]
    try:
        return 0 if a == b else 1 if a > b else -1  # type: ignore[operator]
    except (TypeError, InvalidOperation):
        return None


def check_arg(p: URIRef, o: Node, flags: Node | None) -> str | None:
    """What is wrong with ``o`` as the value of constraint parameter ``p``, or None."""
    name = "sh:" + str(p)[len(str(SH)) :]
    if p in (SH.minCount, SH.maxCount):
        count = o.value if isinstance(o, Literal) and well_formed(o) else None
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            return f"{name} must be a non-negative integer, not {o.n3()}"
    elif p in (SH["class"], SH.datatype, SH.nodeKind) and not isinstance(o, URIRef):
        return f"{name} must be an IRI, not {o.n3()}"
    elif p == SH.nodeKind and o not in KINDS:
        return f"sh:nodeKind {o.n3()} is not a SHACL node kind"
    elif p == SH.datatype and o not in LEXICAL and str(o).startswith((str(XSD), str(RDF))):
        if o != RDF.langString:
            return (
                f"sh:datatype {o.n3()}: no lexical-form check (not supported by graph.shacl.core)"
            )
    elif p in (SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive):
        if order_key(o) is None:
            return f"{name} must be a well-formed number, date or time literal, not {o.n3()}"
    elif p == SH.pattern:
        for what, term in (("sh:pattern", o), ("sh:flags", flags)):
            if term is not None and not (
                isinstance(term, Literal) and datatype_of(term) == XSD.string
            ):
                return f"{what} must be a string, not {term.n3()}"
        try:
            xpath_regex(str(o), str(flags or ""))
        except ValueError as err:
            return f"{err} (graph.shacl.core)"
    return None
