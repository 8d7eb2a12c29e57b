"""Deterministic RDF serialisations of the store: N-Triples, Turtle, TriG and JSON-LD, all from one
canonical form, so two exports of the same data are byte-identical."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from functools import cached_property
from itertools import chain, groupby
from pathlib import Path

import pyoxigraph as ox

from graph.publish import jsonld as jsonld_text
from graph.publish import turtle as turtle_text
from graph.stores.contract import Store
from graph.stores.embedded import GraphStore
from graph.vocabulary.namespaces import PREFIXES


class Canonical:
    """Each graph's triples as sorted N-Triples lines (bytes, no newline); ``""`` is the
    default graph.

    All four are written from one canonical form (:class:`Canonical`): each named graph's triples as
    N-Triples lines from pyoxigraph's serialiser, sorted as bytes (code point order). Turtle and
    TriG group those sorted lines by subject and shorten predicates, classes and datatypes to the
    regkg prefixes; JSON-LD is written as text from the same lines (:mod:`graph.publish.jsonld`),
    under a context of the prefixes. Two exports of the same data are byte-identical, whatever order
    the store holds them in.
    """

    def __init__(self, graphs: dict[str, list[bytes]]) -> None:
        self.graphs = graphs

    @classmethod
    def of(cls, store: Store) -> Canonical:
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

    @cached_property
    def turtle_blocks(self) -> dict[str, turtle_text.Blocks]:
        """Each graph's Turtle statements, one block per subject (shared by TriG and Turtle)."""
        return {name: turtle_text.subject_blocks(lines) for name, lines in self.graphs.items()}


def _local_store(store: Store) -> ox.Store:
    """The embedded pyoxigraph store, or an in-memory copy of another backend's quads."""
    if isinstance(store, GraphStore):
        return store.store
    mem = ox.Store()
    mem.bulk_extend(store.quads())
    return mem


_MEMO: dict[int, tuple[Store, Canonical]] = {}


@contextmanager
def shared_canonical(store: Store) -> Iterator[Canonical]:
    """Compute the canonical form once and let every writer reuse it inside the block."""
    canon = Canonical.of(store)
    _MEMO[id(store)] = (store, canon)
    try:
        yield canon
    finally:
        _MEMO.pop(id(store), None)


def canonical(store: Store) -> Canonical:
    """The canonical form of ``store`` (shared inside :func:`shared_canonical`)."""
    hit = _MEMO.get(id(store))
    if hit is not None and hit[0] is store:
        return hit[1]
    return Canonical.of(store)


def ntriples_bytes(store: Store) -> bytes:
    """All named graphs' triples, de-duplicated and sorted, as N-Triples."""
    union = canonical(store).union
    return b"\n".join(union) + b"\n" if union else b""


def write_ntriples(store: Store, path: Path) -> None:
    """All named graphs' triples, de-duplicated and sorted (:func:`ntriples_bytes`)."""
    path.write_bytes(ntriples_bytes(store))


# ------------------------------------------------------------------------- Turtle and TriG
def _prefix_header() -> bytes:
    return "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in sorted(PREFIXES.items())).encode()


def write_turtle(store: Store, path: Path) -> None:
    """The union of all named graphs as one Turtle document (graphs are not kept)."""
    canon = canonical(store)
    with path.open("wb") as fh:
        fh.write(_prefix_header() + b"\n")
        fh.write(turtle_text.union_body(canon.graphs, canon.turtle_blocks))


def write_trig(store: Store, path: Path) -> None:
    """TriG with every named graph kept."""
    canon = canonical(store)
    with path.open("wb") as fh:
        fh.write(_prefix_header())
        for name, blocks in sorted(canon.turtle_blocks.items()):
            body = turtle_text.indented(b"".join(blocks.blocks), b"    ")
            fh.write(
                b"\n" + (b"<" + name.encode() + b"> " if name else b"") + b"{\n" + body + b"}\n"
            )


# ------------------------------------------------------------------------------- JSON-LD
def write_jsonld(store: Store, path: Path) -> None:
    """JSON-LD 1.1: one ``@graph`` object per named graph, node objects with full IRIs, under a
    context of the regkg prefixes."""
    with path.open("wb") as fh:
        jsonld_text.write(canonical(store).graphs, fh)
