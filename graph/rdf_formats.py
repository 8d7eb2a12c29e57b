"""Deterministic RDF serialisations of the store: N-Triples, Turtle, TriG and JSON-LD.

All four are written from one canonical form (:class:`Canonical`): each named graph's triples as
N-Triples lines from pyoxigraph's serialiser, sorted as bytes (code point order). Turtle and TriG
group those sorted lines by subject and shorten predicates, classes and datatypes to the regkg
prefixes; JSON-LD is written as text from the same lines (:mod:`graph.jsonld_text`), under a
context of the prefixes. Two exports of the same data are byte-identical, whatever order the store
holds them in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from functools import cached_property
from itertools import chain, groupby
from pathlib import Path

import pyoxigraph as ox

from graph import jsonld_text
from graph.namespaces import PREFIXES
from graph.store import GraphStore

RDF_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
#: Namespaces whose IRIs are record IRIs (``…/id/kind/key``): never shortened, never cached.
_RECORD_IRI = b"<" + PREFIXES["regid"].encode()


class Canonical:
    """Each graph's triples as sorted N-Triples lines (bytes, no newline); ``""`` is the
    default graph."""

    def __init__(self, graphs: dict[str, list[bytes]]) -> None:
        self.graphs = graphs

    @classmethod
    def of(cls, store: GraphStore) -> Canonical:
        """Dump each graph (pyoxigraph releases the GIL while it serialises, so two graphs are
        dumped at once) and sort each dump's lines as it arrives."""
        local = _local_store(store)
        names: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.DefaultGraph()]
        names += sorted(local.named_graphs(), key=str)

        def dump(g: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> tuple[str, bytes]:
            data = local.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g)
            assert data is not None  # dump without an output returns bytes
            return ("" if isinstance(g, ox.DefaultGraph) else g.value), data

        graphs: dict[str, list[bytes]] = {}
        with ThreadPoolExecutor(max_workers=2) as pool:
            for done in as_completed([pool.submit(dump, g) for g in names]):
                key, data = done.result()
                if data:
                    lines = data.splitlines()
                    del data
                    lines.sort()
                    graphs[key] = lines
        return cls(dict(sorted(graphs.items())))

    @cached_property
    def union(self) -> list[bytes]:
        """The triples of all graphs, de-duplicated and sorted: the graphs' sorted runs merged
        by one sort (timsort merges runs), duplicates dropped where they meet."""
        every = list(chain.from_iterable(self.graphs.values()))
        every.sort()
        return [line for line, _same in groupby(every)]

    def nquads(self) -> Iterator[bytes]:
        """Every graph's lines as N-Quads, graphs in IRI order."""
        for name in sorted(self.graphs):
            tail = b"<" + name.encode() + b"> .\n" if name else b".\n"
            for line in self.graphs[name]:
                yield line[:-1] + tail


def _local_store(store: GraphStore) -> ox.Store:
    """The embedded pyoxigraph store, or an in-memory copy of another backend's quads."""
    if type(store) is GraphStore:
        return store.store
    mem = ox.Store()
    mem.bulk_extend(store.quads())
    return mem


_MEMO: dict[int, tuple[GraphStore, Canonical]] = {}


@contextmanager
def shared_canonical(store: GraphStore) -> Iterator[Canonical]:
    """Compute the canonical form once and let every writer reuse it inside the block."""
    canon = Canonical.of(store)
    _MEMO[id(store)] = (store, canon)
    try:
        yield canon
    finally:
        _MEMO.pop(id(store), None)


def canonical(store: GraphStore) -> Canonical:
    """The canonical form of ``store`` (shared inside :func:`shared_canonical`)."""
    hit = _MEMO.get(id(store))
    if hit is not None and hit[0] is store:
        return hit[1]
    return Canonical.of(store)


def ntriples_bytes(store: GraphStore) -> bytes:
    """All named graphs' triples, de-duplicated and sorted, as N-Triples."""
    union = canonical(store).union
    return b"\n".join(union) + b"\n" if union else b""


def write_ntriples(store: GraphStore, path: Path) -> None:
    """All named graphs' triples, de-duplicated and sorted."""
    union = canonical(store).union
    with path.open("wb") as fh:
        if union:
            fh.write(b"\n".join(union))
            fh.write(b"\n")


# ------------------------------------------------------------------------- Turtle and TriG
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


def _turtle_body(lines: list[bytes], indent: bytes = b"") -> bytes:
    """Sorted N-Triples lines as Turtle statements, one block per subject."""
    out: list[bytes] = []
    append = out.append
    predicates: dict[bytes, bytes] = {}  # predicate → its short form and a space
    cont = b" ;\n" + indent + b"    "
    previous = None
    for line in lines:
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
            append(cont + pair)
        else:
            if previous is not None:
                append(b" .\n")
            append(indent + subject + b" " + pair)
            previous = subject
    if previous is not None:
        append(b" .\n")
    return b"".join(out)


def _prefix_header() -> bytes:
    return "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in sorted(PREFIXES.items())).encode()


def write_turtle(store: GraphStore, path: Path) -> None:
    """The union of all named graphs as one Turtle document (graphs are not kept)."""
    with path.open("wb") as fh:
        fh.write(_prefix_header() + b"\n")
        fh.write(_turtle_body(canonical(store).union))


def write_trig(store: GraphStore, path: Path) -> None:
    """TriG with every named graph kept."""
    canon = canonical(store)
    parts = [_prefix_header()]
    for name in sorted(canon.graphs):
        body = _turtle_body(canon.graphs[name], b"    ")
        parts.append(
            b"\n" + (b"<" + name.encode() + b"> " if name else b"") + b"{\n" + body + b"}\n"
        )
    path.write_bytes(b"".join(parts))


# ------------------------------------------------------------------------------- JSON-LD
def write_jsonld(store: GraphStore, path: Path) -> None:
    """JSON-LD 1.1: one ``@graph`` object per named graph, node objects with full IRIs, under a
    context of the regkg prefixes."""
    with path.open("wb") as fh:
        jsonld_text.write(canonical(store).graphs, fh)
