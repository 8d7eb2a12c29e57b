"""CJEU case references: case numbers as the coded holdings write them, and citations found in
free text (case numbers, ECLIs, the curated names of ``data/case-names.yaml``). No RDF here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from graph.curated import records as R
from graph.importers.base import ImportFailed

#: Hyphens the sources write in case numbers (ASCII, non-breaking, Unicode hyphen, en dash).
_DASH = "-\u2011\u2010\u2013"
_NUMBER = rf"(?:(?P<court>C)[{_DASH}]\s?)?(?P<n>\d{{1,4}})/(?P<y>\d{{2}})"
_SUFFIX = r"(?:\s+(?P<suffix>PPU|P))?"
_ONE = re.compile(rf"^{_NUMBER}{_SUFFIX}$")
_RANGE = re.compile(r"^(?P<a>.+?)\s+to\s+(?P<b>.+)$")
_OPINION = re.compile(r"^Opinion\s+(?P<n>\d{1,2})/(?P<y>\d{2})$", re.I)
#: In free text only the hyphenated ``C-`` form counts: ``10 C 206/23`` is a German court's
#: register number and ``12/20`` could be anything.
_TEXT_NUMBER = re.compile(
    rf"(?<![\w/])C[{_DASH}]\s?(\d{{1,4}})/(\d{{2}})(?:\s+(PPU|P)\b)?(?![\w/])"
)
_ECLI = re.compile(r"\bECLI:EU:C:\d{4}:\d{1,5}\b")
#: Joined cases given as a range are at most this many numbers (a wider range is a typo).
MAX_RANGE = 20


@dataclass(frozen=True)
class CaseRef:
    """One cited judgment: its case numbers (joined cases: all of them), the form to show and a
    key for its IRI (from the first number, without the appeal suffix)."""

    numbers: tuple[str, ...]
    label: str

    @property
    def key(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.numbers[0].casefold()).strip("-")

    @property
    def is_opinion(self) -> bool:
        return self.numbers[0].startswith("Opinion")


class CaseRefError(ValueError):
    """A cited-case entry that is not a case number in a known form."""


def _one(text: str) -> tuple[str, str]:
    """``C-615/19 P`` → (``C-615/19``, ``C-615/19 P``): the number and the form shown."""
    m = _ONE.match(text.strip())
    if m is None:
        msg = f"{text!r} is not a CJEU case number"
        raise CaseRefError(msg)
    base = f"{'C-' if m['court'] else ''}{int(m['n'])}/{m['y']}"
    return base, f"{base} {m['suffix']}" if m["suffix"] else base


def parse_cited(text: str) -> CaseRef:
    """One entry of the ``cited_cases`` column (raises :class:`CaseRefError`).

    Case numbers as the coded holdings write them: ``C-311/18``, ``C-615/19 P``, ``100/80 to
    103/80``, ``Opinion 1/15``.

    >>> parse_cited("100/80 to 103/80").numbers
    ('100/80', '101/80', '102/80', '103/80')
    >>> parse_cited("C-615/19 P").label, parse_cited("C-615/19 P").key
    ('C-615/19 P', 'c-615-19')
    """
    text = re.sub(r"\s+", " ", text).strip()
    op = _OPINION.match(text)
    if op:
        number = f"Opinion {int(op['n'])}/{op['y']}"
        return CaseRef((number,), number)
    rng = _RANGE.match(text)
    if rng is None:
        base, shown = _one(text)
        return CaseRef((base,), shown)
    (first, _), (last, _) = _one(rng["a"]), _one(rng["b"])
    prefix, a, year = _split(first)
    prefix_b, b, year_b = _split(last)
    if (prefix, year) != (prefix_b, year_b) or not 0 < b - a < MAX_RANGE:
        msg = f"{text!r} is not a range of joined cases of one year"
        raise CaseRefError(msg)
    numbers = tuple(f"{prefix}{n}/{year}" for n in range(a, b + 1))
    return CaseRef(numbers, f"{first} to {last}")


def _split(number: str) -> tuple[str, int, str]:
    prefix = "C-" if number.startswith("C-") else ""
    n, year = number.removeprefix("C-").split("/")
    return prefix, int(n), year


def numbers_in(text: str) -> frozenset[str]:
    """The ``C-`` case numbers in an identifier such as ``Joined cases C 203/15 and C 698/15``
    (spaces allowed: only for identifiers already known to be CJEU cases)."""
    return frozenset(
        f"C-{int(n)}/{y}" for n, y in re.findall(rf"\bC[{_DASH}\s]\s?(\d{{1,4}})/(\d{{2}})\b", text)
    )


@dataclass(frozen=True)
class CaseName:
    """A curated name of a judgment (``Schrems II`` → ``C-311/18``) with its source."""

    name: str
    numbers: tuple[str, ...]
    source: R.Source


class NameTable:
    """The curated names, matched whole-word and case-insensitively."""

    def __init__(self, names: tuple[CaseName, ...]) -> None:
        self.names = names
        self._patterns = [
            (re.compile(rf"(?<!\w){re.escape(n.name)}(?!\w)", re.I), n) for n in names
        ]

    @classmethod
    def load(cls, path: Path) -> NameTable:
        """Read ``case-names.yaml``; a malformed entry is an error naming the file and entry."""
        if not path.exists():
            return cls(())
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            msg = f"{path.name}: not readable YAML: {exc}"
            raise ImportFailed(msg) from None
        entries = doc.get("names") if isinstance(doc, dict) else None
        if not isinstance(entries, list):
            msg = f"{path.name}: expected a list under 'names'"
            raise ImportFailed(msg)
        return cls(tuple(_name(path.name, i, e) for i, e in enumerate(entries, 1)))

    def find(self, text: str) -> list[tuple[CaseName, int]]:
        """Each name in ``text`` with the position of its first occurrence."""
        out = []
        for pattern, entry in self._patterns:
            m = pattern.search(text)
            if m:
                out.append((entry, m.start()))
        return out


def _name(file: str, i: int, e: object) -> CaseName:
    where = f"{file}: entry {i}"
    if not isinstance(e, dict):
        msg = f"{where}: expected a mapping"
        raise ImportFailed(msg)
    unknown = set(e) - {"name", "case_numbers", "source", "note"}
    if unknown:
        msg = f"{where}: unknown field {sorted(unknown)[0]!r}"
        raise ImportFailed(msg)
    name, numbers, src = e.get("name"), e.get("case_numbers"), e.get("source")
    if not isinstance(name, str) or not name.strip():
        msg = f"{where}: 'name' must be text"
        raise ImportFailed(msg)
    if not isinstance(numbers, list) or not numbers:
        msg = f"{where} ({name}): 'case_numbers' must be a non-empty list"
        raise ImportFailed(msg)
    try:
        parsed = tuple(_one(str(n))[0] for n in numbers)
    except CaseRefError as exc:
        msg = f"{where} ({name}): {exc}"
        raise ImportFailed(msg) from None
    if not isinstance(src, dict) or not (
        src.get("url") or (src.get("dataset") and src.get("record"))
    ):
        msg = f"{where} ({name}): a source needs a url, or a dataset and a record"
        raise ImportFailed(msg)
    if not src.get("as_of"):
        msg = f"{where} ({name}): the source needs an as_of date"
        raise ImportFailed(msg)
    source = R.Source(
        str(src["as_of"]),
        url=src.get("url"),
        dataset=src.get("dataset"),
        record=src.get("record"),
        publisher=src.get("publisher"),
    )
    return CaseName(name.strip(), parsed, source)


@dataclass(frozen=True)
class Mention:
    """A citation found in text: the case, how it was found, and the words that named it."""

    ref: CaseRef
    via: str  # "case number", "name" or "ECLI"
    text: str
    name_source: R.Source | None = None  # the curated name's source, for "name"


def find_mentions(text: str, names: NameTable, exclude: str = "") -> list[Mention]:
    """Citations in ``text`` in order of appearance; a name that occurs in ``exclude`` (the
    decision's parties) is not a citation. An ECLI comes back as a reference whose only
    "number" is the ECLI itself, resolved later against the identifiers in the store.

    >>> [m.ref.numbers for m in find_mentions("as in C‑201/14 and Case C-40/17", NameTable(()))]
    [('C-201/14',), ('C-40/17',)]
    """
    found: list[tuple[int, Mention]] = []
    for m in _TEXT_NUMBER.finditer(text):
        base = f"C-{int(m[1])}/{m[2]}"
        shown = f"{base} {m[3]}" if m[3] else base
        found.append((m.start(), Mention(CaseRef((base,), shown), "case number", m[0])))
    for m in _ECLI.finditer(text):
        found.append((m.start(), Mention(CaseRef((m[0],), m[0]), "ECLI", m[0])))
    skip = exclude.casefold()
    for entry, pos in names.find(text):
        if entry.name.casefold() in skip:
            continue
        ref = CaseRef(entry.numbers, entry.numbers[0])
        found.append((pos, Mention(ref, "name", entry.name, entry.source)))
    found.sort(key=lambda p: p[0])
    return [m for _pos, m in found]
