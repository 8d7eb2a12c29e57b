"""Turtle statements from sorted N-Triples lines: one block per subject, predicates, classes and
datatypes shortened with the regkg prefixes (record IRIs stay whole: their local part has a /)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby

from graph.vocabulary.namespaces import PREFIXES

RDF_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
#: Namespaces whose IRIs are record IRIs (``…/id/kind/key``): never shortened, never cached.
_RECORD_IRI = b"<" + PREFIXES["regid"].encode()


_SHORT: dict[bytes, bytes] = {RDF_TYPE: b"a"}


def _short(term: bytes) -> bytes:
    """A prefixed name for an IRI term where a regkg prefix applies (record IRIs stay whole)."""
    if term[:1] != b"<" or term.startswith(_RECORD_IRI):
        return term
    hit = _SHORT.get(term)
    if hit is None:
        hit = term
        iri = term[1:-1].decode("utf-8")
        for prefix, base in _BY_LENGTH:
            if iri.startswith(base) and _LOCAL.fullmatch(iri[len(base) :]):
                hit = f"{prefix}:{iri[len(base) :]}".encode()
                break
        _SHORT[term] = hit
    return hit


def _object(term: bytes) -> bytes:
    if term[:1] == b"<":
        return _short(term)
    if term.endswith(b">"):
        value, sep, datatype = term.rpartition(b"^^")
        if sep:
            return value + b"^^" + _short(datatype)
    return term


@dataclass(frozen=True)
class Blocks:
    """A graph's Turtle statements: its subjects (in order), each subject's block (ending
    ``" .\\n"``) and the index of each block's first line."""

    subjects: list[bytes]
    blocks: list[bytes]
    starts: list[int]


def subject_blocks(lines: list[bytes]) -> Blocks:
    """The blocks of sorted N-Triples lines, one per subject (no indent)."""
    subjects: list[bytes] = []
    blocks: list[bytes] = []
    starts: list[int] = []
    predicates: dict[bytes, bytes] = {}  # predicate → its short form and a space
    current: list[bytes] = []
    previous = None
    for i, line in enumerate(lines):
        subject, predicate, rest = line.split(b" ", 2)
        pair = predicates.get(predicate)
        if pair is None:
            pair = predicates[predicate] = _short(predicate) + b" "
        if rest[0] == 60 and not rest.startswith(_RECORD_IRI):  # "<": an IRI, maybe short
            obj = rest[:-2]
            pair += _SHORT.get(obj) or _short(obj)
        elif rest[-3] == 62:  # ">": a typed literal
            pair += _object(rest[:-2])
        else:
            pair += rest[:-2]
        if subject == previous:
            current.append(pair)
            continue
        if current:
            blocks.append(b" ;\n    ".join(current) + b" .\n")
        subjects.append(subject)
        starts.append(i)
        current = [subject + b" " + pair]
        previous = subject
    if current:
        blocks.append(b" ;\n    ".join(current) + b" .\n")
    starts.append(len(lines))
    return Blocks(subjects, blocks, starts)


def body(lines: list[bytes], indent: bytes = b"") -> bytes:
    """Sorted N-Triples lines as Turtle statements, one block per subject.

    >>> lines = [b'<http://x/s> <https://w3id.org/regkg/ontology#p> "v" .']
    >>> body(lines, b"  ")
    b'  <http://x/s> reg:p "v" .\\n'
    """
    return indented(b"".join(subject_blocks(lines).blocks), indent)


def indented(text: bytes, indent: bytes) -> bytes:
    """Every line of ``text`` (which ends with a newline) indented. Terms never hold a raw
    newline (N-Triples escapes it), so every newline ends a line of the document."""
    if not text:
        return text
    return indent + text[:-1].replace(b"\n", b"\n" + indent) + b"\n"


def union_body(graphs: dict[str, list[bytes]], blocks: dict[str, Blocks]) -> bytes:
    """:func:`body` of the de-duplicated union of the graphs' lines, from their blocks.

    TriG writes each graph's blocks; the union's Turtle reuses them, merged by subject, and rebuilds
    only the blocks of subjects stated in more than one graph. It is the same
    text as :func:`body` of the union's lines (``tests/publish/test_export.py`` compares them).
    """
    names = sorted(graphs)
    keyed = [
        (subject + b" ", g, i)
        for g, name in enumerate(names)
        for i, subject in enumerate(blocks[name].subjects)
    ]
    keyed.sort()
    out: list[bytes] = []
    for _key, group in groupby(keyed, key=lambda k: k[0]):
        found = list(group)
        if len(found) == 1:
            _k, g, i = found[0]
            out.append(blocks[names[g]].blocks[i])
            continue
        lines: set[bytes] = set()
        for _k, g, i in found:
            part = blocks[names[g]]
            lines.update(graphs[names[g]][part.starts[i] : part.starts[i + 1]])
        out.append(body(sorted(lines)))
    return b"".join(out)
