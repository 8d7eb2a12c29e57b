"""Snapshots: every RDF file re-imports isomorphic to the store, views open as GraphML/GEXF,
the manifest is complete and exports are byte-stable and atomic."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from graph.errors import ExportError
from graph.network.metrics import load_metrics, node_metrics, with_metrics
from graph.network.views import VIEWS, entity_graph, parameter_free_views
from graph.publish import export as export_mod
from graph.publish import jobs as export_jobs
from graph.publish import jsonld as jsonld_text
from graph.publish import turtle as turtle_text
from graph.publish.export import EXPORTERS, VIEW_FORMATS, export_snapshot
from graph.publish.rdf_formats import Canonical, shared_canonical
from graph.publish.view_data import prefetch, snapshot_views
from graph.publish.view_files import view_data, write_gexf, write_graphml, write_node_link
from graph.stores.contract import Store
from graph.stores.embedded import GraphStore
from graph.stores.factory import open_store
from graph.stores.stats import compute
from graph.vocabulary.namespaces import REG

FROZEN = "2026-01-01T00:00:00Z"


def store_graphs(store: Store) -> dict[str, Graph]:
    out: dict[str, Graph] = {}
    for name in store.named_graphs():
        g = Graph()
        g.parse(
            data="".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in store.quads(name)),
            format="nt",
        )
        out[name] = g
    return out


def union(store: Store) -> Graph:
    g = Graph()
    for part in store_graphs(store).values():
        g += part
    return g


@pytest.fixture(scope="module")
def snapshot(world_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export_snapshot(
        open_store(world_home), tmp_path_factory.mktemp("s") / "snap", created=FROZEN
    )


def test_snapshot_has_every_file(snapshot: Path) -> None:
    views = [n for n, s in VIEWS.items() if not s.params]
    expected = {*EXPORTERS, "manifest.json", "views"}
    assert {p.name for p in snapshot.iterdir()} == expected
    assert {p.name for p in (snapshot / "views").iterdir()} == {
        f"{v}.{f}" for v in views for f in VIEW_FORMATS
    }


@pytest.mark.parametrize(("file", "fmt"), [("graph.nt", "nt"), ("graph.ttl", "turtle")])
def test_union_files_reimport_isomorphic(
    world_home: Path, snapshot: Path, file: str, fmt: str
) -> None:
    g = Graph().parse(snapshot / file, format=fmt)
    assert isomorphic(g, union(open_store(world_home)))


def test_nt_is_sorted_and_unique(snapshot: Path) -> None:
    lines = (snapshot / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == len(set(lines))


@pytest.mark.parametrize(("file", "fmt"), [("graph.trig", "trig"), ("graph.jsonld", "json-ld")])
def test_graph_files_keep_named_graphs(
    world_home: Path, snapshot: Path, file: str, fmt: str
) -> None:
    ds = Dataset()
    ds.parse(snapshot / file, format=fmt)
    expected = store_graphs(open_store(world_home))
    assert {str(g.identifier) for g in ds.graphs() if len(g)} == set(expected)
    for name, g in expected.items():
        assert isomorphic(ds.graph(URIRef(name)), g), name


def test_jsonld_has_a_context(snapshot: Path) -> None:
    doc = json.loads((snapshot / "graph.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"]["reg"] == "https://w3id.org/regkg/ontology#"


@pytest.mark.parametrize("reader", [nx.read_graphml, nx.read_gexf])
def test_views_open_in_gephi_formats(world_home: Path, snapshot: Path, reader: object) -> None:
    suffix = "graphml" if reader is nx.read_graphml else "gexf"
    g = reader(snapshot / "views" / f"entity-graph.{suffix}")  # type: ignore[operator]
    full = entity_graph(open_store(world_home))
    assert g.number_of_nodes() == full.number_of_nodes()
    assert g.number_of_edges() == full.number_of_edges()
    node = g.nodes["https://w3id.org/regkg/id/company/hostile-co"]
    assert node["label"] == "<img src=x onerror=alert(1)>"
    assert 0 < float(node["pagerank"]) < 1


def test_node_link_json(world_home: Path, snapshot: Path) -> None:
    data = json.loads((snapshot / "views" / "precedent-graph.json").read_text(encoding="utf-8"))
    g = nx.node_link_graph(data, edges="edges")
    assert (
        g.number_of_edges()
        == VIEWS["precedent-graph"].build(open_store(world_home)).number_of_edges()
    )


def test_manifest(world_home: Path, snapshot: Path) -> None:
    import hashlib

    doc = json.loads((snapshot / "manifest.json").read_text(encoding="utf-8"))
    assert doc["created"] == FROZEN
    assert doc["ontology_version"] == "0.1.0"
    for rel, info in doc["files"].items():
        assert hashlib.sha256((snapshot / rel).read_bytes()).hexdigest() == info["sha256"], rel
    assert doc["data_hash"] == doc["files"]["graph.nt"]["sha256"]
    assert doc["counts"]["classes"]["Fine"] == 3
    assert doc["counts"]["graphs"]["https://w3id.org/regkg/graph/curated-cases"] > 100
    licences = {s["graph"]: (s["licence"], s["attribution"]) for s in doc["sources"]}
    assert licences["https://w3id.org/regkg/graph/curated-law"] == (
        "CC0-1.0",
        "regkg test fixtures (synthetic)",
    )


def test_exports_are_byte_identical_across_processes(world_home: Path, tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from graph.publish.export import export_snapshot; "
        "from graph.stores.factory import open_store; "
        "export_snapshot(open_store(Path(sys.argv[2])), Path(sys.argv[1]))"
    )
    for name in ("a", "b"):
        subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / name), str(world_home)], check=True
        )
    files = sorted(
        p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file()
    )
    for rel in files:
        a, b = (tmp_path / "a" / rel).read_bytes(), (tmp_path / "b" / rel).read_bytes()
        if rel.name == "manifest.json":
            ja, jb = json.loads(a), json.loads(b)
            ja.pop("created"), jb.pop("created")
            assert ja == jb
        else:
            assert a == b, rel


def test_default_folder_is_dated_and_hashed(
    world_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REGKG_SNAPSHOTS", str(tmp_path / "snaps"))
    out = export_snapshot(open_store(world_home))
    date, short = out.name.split("-", 3)[:3], out.name.rsplit("-", 1)[1]
    assert len(short) == 12 and out.parent == tmp_path / "snaps" and len(date) == 3


def test_export_refuses_non_empty_folder(world_home: Path, tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    with pytest.raises(ExportError, match="not an empty folder"):
        export_snapshot(open_store(world_home), tmp_path / "full")
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["keep.txt"]
    (tmp_path / "empty").mkdir()
    export_snapshot(open_store(world_home), tmp_path / "empty")
    assert (tmp_path / "empty" / "manifest.json").exists()


def test_failed_export_leaves_nothing(
    world_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(store: Store, path: Path) -> None:
        path.write_text("half")
        raise OSError("disk full")

    monkeypatch.setitem(export_mod.EXPORTERS, "zz-broken.txt", broken)
    with pytest.raises(OSError, match="disk full"):
        export_snapshot(open_store(world_home), tmp_path / "snap")
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ the export's own code paths
def test_views_match_the_sparql_projection(world_home: Path) -> None:
    """The views a snapshot writes (projected from the canonical lines) are the registered
    views (SPARQL and networkx), sorted and flattened, with the stored metrics."""
    store = open_store(world_home)
    metrics = load_metrics(store)
    theirs = parameter_free_views(store)
    for builders in (None, prefetch(store)):  # reading the store in the view, or before
        with shared_canonical(store):
            ours = dict(snapshot_views(store, metrics, builders=builders))
        assert set(ours) == set(theirs)
        for name, g in theirs.items():
            assert ours[name] == view_data(with_metrics(g, metrics[name])), name
        assert ours["entity-graph"].edges  # the fixture world has links
    assert set(prefetch(store)) == {"company-regulator", "citation-network"}


def test_forked_workers_never_read_the_store(
    world_home: Path, snapshot: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Everything an export reads from the store is read before it forks: a forked child that
    touched the store's native code could wait forever on a lock copied mid-use."""
    parent = os.getpid()

    def guard(method: str) -> None:
        real = getattr(GraphStore, method)

        def checked(self: GraphStore, *args: object, **kwargs: object) -> object:
            if os.getpid() != parent:
                msg = f"a forked export worker called GraphStore.{method}"
                raise AssertionError(msg)
            return real(self, *args, **kwargs)

        monkeypatch.setattr(GraphStore, method, checked)

    for method in ("query", "quads", "named_graphs"):
        guard(method)
    monkeypatch.setattr(export_jobs, "default_workers", lambda: 2)
    out = export_snapshot(open_store(world_home), tmp_path / "snap", created=FROZEN)
    for path in sorted(p for p in snapshot.rglob("*") if p.is_file()):
        rel = path.relative_to(snapshot)
        assert (out / rel).read_bytes() == path.read_bytes(), rel


def test_views_without_metrics_compute_them(world_home: Path) -> None:
    store = open_store(world_home)
    with shared_canonical(store):
        ours = dict(snapshot_views(store, None))
    g = parameter_free_views(store)["precedent-graph"]
    assert ours["precedent-graph"] == view_data(with_metrics(g, node_metrics(g)))


def test_view_files_are_networkx_documents(world_home: Path, tmp_path: Path) -> None:
    """GraphML and GEXF streamed from a ViewData are byte for byte networkx's (pretty-printed,
    GEXF without its date); node-link JSON reads back as networkx's node-link data."""
    flat = view_data(entity_graph(open_store(world_home)))  # sorted, scalar attributes
    g = nx.MultiDiGraph()  # the same view as networkx sees it, for networkx's own writers
    g.add_nodes_from(flat.nodes)
    g.add_edges_from(flat.edges)
    write_graphml(view_data(g), tmp_path / "v.graphml")
    nx.write_graphml(g, tmp_path / "nx.graphml", prettyprint=True)
    assert (tmp_path / "v.graphml").read_bytes() == (tmp_path / "nx.graphml").read_bytes()
    write_gexf(view_data(g), tmp_path / "v.gexf")
    theirs = [re.sub(r' lastmodifieddate="[^"]*"', "", line) for line in nx.generate_gexf(g)]
    ours = (tmp_path / "v.gexf").read_text(encoding="utf-8")
    assert ours == "\n".join(theirs) + "\n"
    write_node_link(view_data(g), tmp_path / "v.json")
    data = json.loads((tmp_path / "v.json").read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(nx.node_link_data(g, edges="edges")))


def test_manifest_counts_match_stats(world_home: Path, snapshot: Path) -> None:
    stats = compute(open_store(world_home))
    doc = json.loads((snapshot / "manifest.json").read_text(encoding="utf-8"))
    store = open_store(world_home)
    linked = {
        q.subject
        for p in (REG.duplicateOf, REG.partOf)
        for q in store.store.quads_for_pattern(None, ox.NamedNode(str(p)), None, None)
    }
    fines = {
        q.subject
        for q in store.store.quads_for_pattern(
            None, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(REG.Fine)), None
        )
    }
    assert doc["counts"] == {
        "triples": stats.triples,
        "graphs": stats.graphs,
        "classes": stats.classes,
        "decisions": {
            "records": stats.classes["Decision"],
            "distinct": stats.classes["Decision"] - len(linked),
            "fine_records": stats.classes["Fine"],
            "distinct_fines": stats.classes["Fine"] - len(linked & fines),
        },
    }


HOSTILE = [
    'quote " backslash \\ newline \n return \r tab \t bell \x07 del \x7f',
    "unicode é 漢字 \u2028 \U0001f600 <b>&amp;</b>",
    "",
]


def test_jsonld_text_round_trips_hostile_literals() -> None:
    """Literals with every escape, language tags and datatypes, blank nodes and the default
    graph come back from the JSON-LD text exactly (parsed by pyoxigraph and by rdflib)."""
    s, p = ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p")
    g = ox.NamedNode("http://x/g")
    quads = {ox.Quad(s, p, ox.Literal(v), g) for v in HOSTILE}
    quads |= {ox.Quad(s, p, ox.Literal(v, language="en-GB"), g) for v in HOSTILE}
    xsd_int = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    quads |= {
        ox.Quad(s, p, ox.Literal("42", datatype=xsd_int), g),
        ox.Quad(s, ox.NamedNode("http://x/q"), ox.NamedNode("http://x/o"), g),
        ox.Quad(ox.BlankNode("b0"), p, ox.BlankNode("b1"), g),
        ox.Quad(s, p, ox.Literal("in the default graph")),
    }
    store = GraphStore(ox.Store())
    store.store.extend(quads)
    buf = io.BytesIO()
    jsonld_text.write(Canonical.of(store).graphs, buf)
    back = set(ox.parse(buf.getvalue(), format=ox.RdfFormat.JSON_LD))
    assert len(back) == len(quads)
    plain = {q for q in quads if not isinstance(q.subject, ox.BlankNode)}
    assert plain <= back
    ds = Dataset()
    ds.parse(data=buf.getvalue().decode("utf-8"), format="json-ld")
    assert len(ds.graph(URIRef("http://x/g"))) == len(quads) - 1


def test_one_worker_writes_the_same_snapshot(
    world_home: Path, snapshot: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Jobs run in this process (one CPU) or in forked workers: the same bytes."""
    monkeypatch.setattr(export_jobs, "default_workers", lambda: 1)
    out = export_snapshot(open_store(world_home), tmp_path / "one", created=FROZEN)
    for path in sorted(p for p in snapshot.rglob("*") if p.is_file()):
        rel = path.relative_to(snapshot)
        assert (out / rel).read_bytes() == path.read_bytes(), rel


def test_a_worker_that_dies_fails_the_export(
    world_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dies(store: Store, path: Path) -> None:
        os._exit(3)

    monkeypatch.setattr(export_jobs, "default_workers", lambda: 2)  # forked, whatever runs
    monkeypatch.setitem(export_mod.EXPORTERS, "zz-dies.txt", dies)
    with pytest.raises(ExportError, match="died"):
        export_snapshot(open_store(world_home), tmp_path / "snap")
    assert list(tmp_path.iterdir()) == []


def test_no_fork_while_other_threads_run() -> None:
    """A process running other threads (the app, the endpoint) exports in the calling thread."""
    import threading

    if threading.active_count() > 1:
        assert export_jobs.default_workers() == 1
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert export_jobs.default_workers() == 1
    finally:
        stop.set()
        other.join()


def test_union_is_the_sorted_set_of_every_graphs_lines(world_home: Path) -> None:
    """The merge of the graphs' sorted runs equals the old form, ``sorted(set(all lines))``,
    also where graphs share triples."""
    canon = Canonical.of(open_store(world_home))
    for name, lines in canon.graphs.items():
        assert lines == sorted(lines), name
    every = [line for lines in canon.graphs.values() for line in lines]
    shared = Canonical(canon.graphs | {"urn:x:copy": sorted(every[::3])})
    assert shared.union == sorted(set(every)) == canon.union


def reference_turtle_body(lines: list[bytes], indent: bytes = b"") -> bytes:
    """The Turtle body as session 2 wrote it (the oracle): one pass over the sorted lines."""
    out: list[bytes] = []
    previous = None
    for line in lines:
        subject, predicate, rest = line.split(b" ", 2)
        pair = turtle_text._short(predicate) + b" " + turtle_text._object(rest[:-2])
        if subject == previous:
            out.append(b" ;\n" + indent + b"    " + pair)
        else:
            if previous is not None:
                out.append(b" .\n")
            out.append(indent + subject + b" " + pair)
            previous = subject
    if previous is not None:
        out.append(b" .\n")
    return b"".join(out)


def test_turtle_from_blocks_is_the_body_of_the_union(world_home: Path) -> None:
    """Turtle merged from the graphs' subject blocks is the old text (the old body of the
    union's lines), also for subjects stated in two graphs; TriG's indented blocks are the old
    indented body of each graph."""
    canon = Canonical.of(open_store(world_home))
    every = [line for lines in canon.graphs.values() for line in lines]
    shared = Canonical(canon.graphs | {"urn:x:copy": sorted(every[::3])})
    for c in (canon, shared):
        union = turtle_text.union_body(c.graphs, c.turtle_blocks)
        assert union == reference_turtle_body(c.union)
        for name, lines in c.graphs.items():
            ours = turtle_text.indented(b"".join(c.turtle_blocks[name].blocks), b"    ")
            assert ours == reference_turtle_body(lines, b"    "), name
