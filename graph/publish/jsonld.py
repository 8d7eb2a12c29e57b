"""JSON-LD 1.1 of the canonical N-Triples lines, written as text (no parser, no serialiser)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import BinaryIO

from graph.vocabulary.namespaces import PREFIXES


def _object(o: bytes) -> bytes:
    """A blank node or a literal other than a plain string (IRIs and plain strings are handled
    inline by :func:`node_objects`)."""
    if o[:1] == b"_":
        return b'{"@id": "' + o + b'"}'
    end = o.rfind(b'"') + 1
    tail = o[end:]
    if not tail:
        return b'{"@value": ' + o + b"}"
    if tail[:1] == b"@":
        return b'{"@value": ' + o[:end] + b', "@language": "' + tail[1:] + b'"}'
    return b'{"@value": ' + o[:end] + b', "@type": "' + tail[3:-1] + b'"}'


def _id(term: bytes) -> bytes:
    return term[1:-1] if term[:1] == b"<" else term


def node_objects(lines: Iterable[bytes], indent: bytes = b" ") -> Iterator[bytes]:
    """Sorted N-Triples lines as node objects separated by commas, one per subject."""
    subject = predicate = None
    inner = indent + b" "
    keys: dict[bytes, bytes] = {}  # predicate → '"iri": ['
    out: list[bytes] = []
    append = out.append
    for line in lines:
        s, p, rest = line.split(b" ", 2)
        first = rest[0]
        if first == 60:  # "<": an IRI
            o = b'{"@id": "' + rest[1:-3] + b'"}'
        elif first == 34 and rest[-3] == 34:  # '"': a plain string
            o = b'{"@value": ' + rest[:-2] + b"}"
        else:
            o = _object(rest[:-2])
        if s == subject:
            if p == predicate:
                append(b", " + o)
                continue
            key = keys.get(p) or keys.setdefault(p, b'"' + p[1:-1] + b'": [')
            append(b"],\n" + inner + key + o)
            predicate = p
            continue
        if subject is not None:
            append(b"]},\n")
            if len(out) > 4096:
                yield b"".join(out)
                out.clear()
        key = keys.get(p) or keys.setdefault(p, b'"' + p[1:-1] + b'": [')
        append(indent + b'{"@id": "' + _id(s) + b'",\n' + inner + key + o)
        subject, predicate = s, p
    if subject is not None:
        append(b"]}")
    yield b"".join(out)


def graph_objects(name: str, lines: list[bytes]) -> Iterator[bytes]:
    """One named graph as a JSON-LD graph object.

    Expanded node objects (full IRIs), one per subject and graph in the lines' (sorted) order, one
    ``@graph`` object per named graph, under a ``@context`` of the regkg prefixes. Literals are
    copied as they are: oxigraph's N-Triples string escapes (``\\"``, ``\\\\``, ``\\n``, ``\\r``,
    ``\\t``, ``\\b``, ``\\f``, ``\\uXXXX`` for other control characters) are JSON string escapes,
    and IRIs never hold characters JSON must escape.

    >>> s = b'<http://x/s> <http://x/p> '
    >>> lines = [s + b'"a\\\\"b"@en .', s + b'<http://x/o> .']
    >>> print(b"".join(graph_objects("http://x/g", lines)).decode())
    {"@id": "http://x/g", "@graph": [
     {"@id": "http://x/s",
      "http://x/p": [{"@value": "a\\"b", "@language": "en"}, {"@id": "http://x/o"}]}
    ]}
    """
    yield b'{"@id": "' + name.encode() + b'", "@graph": [\n'
    yield from node_objects(lines)
    yield b"\n]}"


def write(graphs: Mapping[str, list[bytes]], fh: BinaryIO) -> None:
    """Every graph of ``graphs`` (``""`` is the default graph) as one JSON-LD document."""
    context = json.dumps(dict(sorted(PREFIXES.items())), indent=1).encode()
    fh.write(b'{"@context": ' + context + b',\n"@graph": [\n')
    first = True
    for name in sorted(graphs):
        if not first:
            fh.write(b",\n")
        first = False
        if name:
            fh.writelines(graph_objects(name, graphs[name]))
        else:
            fh.writelines(node_objects(graphs[name], b""))
    fh.write(b"\n]}\n")
