"""The embedded store: a read side (:class:`GraphStore`, one implementation of
:class:`graph.stores.contract.Store`) and the one write path (:func:`writer`)."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph import settings
from graph.errors import StoreError
from graph.sparql.internal import internal_query
from graph.stores.contract import RDF_TYPE

KEEP_GENERATIONS = 3
#: The embedded backends ``REGKG_STORE`` can name (besides a remote store's URL).
BACKENDS = ("disk", "memory")
META_FILE = "regkg.json"


class GraphStore:
    """Read side of the store: SPARQL over the union of named graphs.

    Queries see the union of all named graphs as the default graph; ``GRAPH`` reaches each source.
    The union is a bag: a triple stated in two graphs (a source reference cited from two files, say)
    matches twice, so stored queries use ``DISTINCT`` or ``COUNT(DISTINCT …)`` where that matters.
    """

    def __init__(
        self, store: ox.Store, path: Path | None = None, meta: dict[str, Any] | None = None
    ):
        self.store = store
        self.path = path
        self.meta = meta or {}

    @classmethod
    def open_local(cls, home: Path | None = None, *, in_memory: bool = False) -> GraphStore:
        """The embedded store's current generation, whatever ``REGKG_STORE`` says (writers and
        ``regkg push`` read the local store they write)."""
        home = home or settings.home()
        target = current_path(home)
        if target is None:
            msg = f"no graph has been built in {home}: run `regkg build` first"
            raise StoreError(msg)
        try:
            disk = ox.Store.read_only(str(target))
        except OSError as exc:
            msg = f"cannot open the store at {target}: {exc}"
            raise StoreError(msg) from None
        meta = read_meta(target)
        if not in_memory:
            return cls(disk, target, meta)
        mem = ox.Store()
        mem.bulk_extend(disk.quads_for_pattern(None, None, None, None))
        return cls(mem, target, meta)

    @classmethod
    def memory(cls, quads: Iterable[ox.Quad] = ()) -> GraphStore:
        """An in-memory store (tests, ad-hoc use)."""
        store = ox.Store()
        store.extend(quads)
        return cls(store)

    def refresh(self, home: Path | None = None) -> GraphStore:
        """This store, or a new reader if a newer generation was swapped in since it was opened."""
        target = current_path(home or settings.home())
        if self.path is None or target == self.path:
            return self
        return GraphStore.open_local(home)

    # ------------------------------------------------------------------ reading
    def query(
        self,
        text: str,
        substitutions: dict[ox.Variable, Any] | None = None,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> Any:
        """Run a SPARQL query. The default graph is the union of the named graphs, unless
        ``default_graphs`` names the graphs to merge instead (FROM, or the SPARQL protocol's
        ``default-graph-uri``; an empty list is an empty default graph); ``named_graphs``, when
        given, limits what ``GRAPH`` can reach (FROM NAMED, ``named-graph-uri``)."""
        kwargs: dict[str, Any] = {"substitutions": substitutions}
        if default_graphs is not None:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        else:
            kwargs["use_default_graph_as_union"] = True
        if named_graphs is not None:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        return self.store.query(text, **kwargs)

    def named_graphs(self) -> list[str]:
        """IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """All quads, or the quads of one named graph."""
        g = ox.NamedNode(graph) if graph else None
        return iter(self.store.quads_for_pattern(None, None, None, g))

    def typed(self, nodes: list[str]) -> Iterator[ox.Quad]:
        """The ``rdf:type`` quads of the given IRIs, from every named graph."""
        for node in nodes:
            yield from self.store.quads_for_pattern(ox.NamedNode(node), RDF_TYPE, None, None)

    def __len__(self) -> int:
        return len(self.store)


def current_path(home: Path) -> Path | None:
    """The live generation directory, or ``None`` if nothing was built yet."""
    link = home / "current"
    if not link.is_symlink() and not link.exists():
        return None
    return link.resolve()


def current_source(home: Path) -> str | None:
    """What readers would open now: the remote store's URL, or the live generation's path
    (``None`` if nothing was built yet). A cache key that changes with every rebuild."""
    backend = settings.store_backend()
    if backend.startswith(("http://", "https://")):
        return backend
    live = current_path(home)
    return str(live) if live is not None else None


def read_meta(path: Path) -> dict[str, Any]:
    """The ``regkg.json`` of a generation (empty if absent)."""
    meta_path = path / META_FILE
    if not meta_path.exists():
        return {}
    data: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
    return data


@dataclass
class Writer:
    """A pending generation: graphs to replace and the quads replacing them."""

    home: Path
    replace: set[str] = field(default_factory=set)
    quads: list[ox.Quad] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    drop_prefix: str | None = None
    #: Called with the finished new generation (read side, folder) before it goes live: the
    #: place to precompute derived files such as metrics.
    finalizers: list[Callable[[GraphStore, Path], None]] = field(default_factory=list)
    #: Called first, with the new generation (writable) and its meta: stages that derive
    #: graphs from the others, such as the cross-source linkage.
    stages: list[Callable[[GraphStore, dict[str, Any]], None]] = field(default_factory=list)

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        """Replace one named graph with ``quads`` (which must all be in that graph)."""
        self.replace.add(graph)
        self.quads.extend(quads)

    def drop_graphs_with_prefix(self, prefix: str) -> None:
        """Also drop kept graphs whose IRI starts with ``prefix`` (e.g. removed curated files)."""
        self.drop_prefix = prefix


@contextlib.contextmanager
def writer(home: Path | None = None) -> Iterator[Writer]:
    """Single-writer transaction: on normal exit the new generation becomes current.

    If the body raises, nothing is swapped and the previous store stays untouched.

    Layout of the store home (``.regkg/`` or ``REGKG_HOME``)::

        .regkg/
          current -> stores/<stamp>   symlink to the live Oxigraph store (swapped atomically)
          stores/<stamp>/             one complete Oxigraph (RocksDB) store per generation
          stores/<stamp>/regkg.json   what built it: content hash, time, triple counts
          write.lock                  single-writer lock (fcntl)

    Writers never touch a live store: a write starts a new directory from the graphs it keeps of the
    current generation (a RocksDB checkpoint minus the replaced graphs, or a copy of the kept graphs
    when those are the smaller part), adds the new graphs, closes it, then swaps ``current`` with an
    atomic ``rename``. Readers open a generation read-only, so a running reader is never corrupted;
    :meth:`GraphStore.refresh` moves a reader to the newest generation. The two generations before
    the current one are kept, older ones are removed.
    """
    home = home or settings.home()
    (home / "stores").mkdir(parents=True, exist_ok=True)
    with open(home / "write.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            msg = f"another regkg process is writing to {home}; try again when it finishes"
            raise StoreError(msg) from None
        w = Writer(home)
        yield w
        _commit(w)


#: Quads per named graph (also read by :mod:`graph.stores.stats` through any backend).
GRAPH_COUNTS_QUERY = internal_query("graph.stores", "graph-counts")


def graph_counts(store: ox.Store) -> dict[str, int]:
    """Quads per named graph (counted by Oxigraph, not in Python)."""
    out: dict[str, int] = {}
    rows = store.query(GRAPH_COUNTS_QUERY)
    assert isinstance(rows, ox.QuerySolutions)
    for row in rows:
        g, n = row["g"], row["n"]
        if isinstance(g, ox.NamedNode) and isinstance(n, ox.Literal):
            out[g.value] = int(n.value)
    return out


def _dropped(w: Writer, graphs: Iterable[str]) -> list[str]:
    """The graphs of the current generation this write removes or replaces."""
    return sorted(
        g
        for g in graphs
        if g in w.replace or (w.drop_prefix is not None and g.startswith(w.drop_prefix))
    )


def _start(w: Writer, tmp: Path) -> ox.Store:
    """The new generation holding the kept graphs.

    When the graphs being replaced are smaller than the ones kept (an import beside the curated
    data and other imports; a curated rebuild beside imports), the current generation is
    checkpointed (RocksDB hard links: no copy) and the replaced graphs are removed; otherwise
    the kept quads are copied into an empty store.
    """
    current = current_path(w.home)
    if current is not None:
        old = ox.Store.read_only(str(current))
        counts = graph_counts(old)
        dropped = _dropped(w, counts)
        removed = sum(counts[g] for g in dropped)
        if removed <= len(old) - removed:
            old.backup(str(tmp))
            del old
            store = ox.Store(str(tmp))
            for gone in dropped:
                store.remove_graph(ox.NamedNode(gone))
            return store
        store = ox.Store(str(tmp))
        store.bulk_extend(old.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        for name in old.named_graphs():
            if isinstance(name, ox.NamedNode) and name.value not in dropped:
                store.bulk_extend(old.quads_for_pattern(None, None, None, name))
        return store
    return ox.Store(str(tmp))


def _commit(w: Writer) -> None:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f") + f"-{os.getpid()}"
    target = w.home / "stores" / stamp
    tmp = w.home / "stores" / f".{stamp}.partial"
    try:
        store = _start(w, tmp)
        store.bulk_extend(w.quads)
        store.flush()
        for stage in w.stages:
            stage(GraphStore(store, tmp, w.meta), w.meta)
        w.meta["triples"] = len(store)
        w.meta["graphs"] = graph_counts(store)
        for finalize in w.finalizers:
            finalize(GraphStore(store, tmp, w.meta), tmp)
        del store
        (tmp / META_FILE).write_text(json.dumps(w.meta, indent=2, sort_keys=True), encoding="utf-8")
        tmp.rename(target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    link_tmp = w.home / f".current.{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        link_tmp.unlink()
    link_tmp.symlink_to(Path("stores") / stamp)
    os.replace(link_tmp, w.home / "current")
    _collect_old(w.home, target)


def _collect_old(home: Path, live: Path) -> None:
    gens = sorted(p for p in (home / "stores").iterdir() if p.is_dir())
    for old in gens[:-KEEP_GENERATIONS]:
        if old != live:
            shutil.rmtree(old, ignore_errors=True)
