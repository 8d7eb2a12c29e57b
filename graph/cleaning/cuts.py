"""Values cut by the importers' length limits, recorded per row and field so the import report
lists every cut."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True)
class Cut:
    """One value cut to a length limit while a row was read."""

    field: str
    original: int  # characters of the value as the source gives it
    kept: int  # characters kept, the closing "…" included
    #: sha256 of the source's whole value: rows whose values are cut alike are one record only
    #: if the values were equal in full.
    digest: str


@dataclass
class CutLog:
    """The cuts made while one row is read, and the field being read."""

    current: str = "(unnamed field)"
    cuts: list[Cut] = field(default_factory=list)

    def found(self) -> tuple[Cut, ...]:
        """Each distinct cut once (a field cleaned twice the same way is cut once)."""
        return tuple(dict.fromkeys(self.cuts))


_ACTIVE: ContextVar[CutLog | None] = ContextVar("regkg_import_cuts", default=None)


def note_cut(value: str, kept: int) -> None:
    """Record that ``value`` was cut to ``kept`` characters (if a row is being watched)."""
    log = _ACTIVE.get()
    if log is not None:
        digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()
        log.cuts.append(Cut(log.current, len(value), kept, digest))


@contextmanager
def watching() -> Iterator[CutLog]:
    """Record the cuts made in this block (one row).

    :func:`graph.cleaning.text.clean_text` cuts a value longer than its limit. So that no cut goes
    unreported, the readers read each row inside :func:`watching` and name the field being read with
    :func:`in_field`; every cut made meanwhile is noted with that field, the value's length in the
    source and the length kept, and the import report lists it. Outside :func:`watching` (entity
    resolution, tests of the text helpers) nothing is recorded.

    >>> from graph.cleaning.text import clean_text
    >>> with watching() as log:
    ...     kept = in_field("summary", clean_text, "x" * 20, limit=10)
    >>> [(c.field, c.original, c.kept) for c in log.found()]
    [('summary', 20, 10)]
    """
    log = CutLog()
    token = _ACTIVE.set(log)
    try:
        yield log
    finally:
        _ACTIVE.reset(token)


def in_field(name: str, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """``fn(*args, **kwargs)``, with cuts made inside it recorded under the field ``name``."""
    log = _ACTIVE.get()
    if log is None:
        return fn(*args, **kwargs)
    before, log.current = log.current, name
    try:
        return fn(*args, **kwargs)
    finally:
        log.current = before
