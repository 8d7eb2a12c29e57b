"""Each part written by hand where a well-kept library does the same job, timed against that
library in the same run, on the curated data and on a synthetic world (benchmarks/generate.py).

``python -m benchmarks.handwritten [--size 10000] [--no-pyshacl-synthetic]`` prints one Markdown
table: the two times (CPU seconds of this process, best of ``--repeat``) and the ratio ours /
library (below 1: ours is faster). Each pair does the same work from the same input:

- SHACL Core (:func:`graph.shacl.validate.validate`) vs pySHACL
(:func:`graph.shacl.validate.validate_pyshacl`);
- Turtle, TriG, JSON-LD (:mod:`graph.publish.rdf_formats`, from the canonical form it computes) vs
  ``pyoxigraph.serialize`` with the regkg prefixes (store order, not sorted);
- SPARQL CSV/TSV/JSON results (:mod:`graph.stores.results`: query, row cap, text) vs pyoxigraph's
  ``QuerySolutions.serialize`` (``QueryResultsFormat``);
- GraphML and GEXF of each parameter-free view (:mod:`graph.publish.view_files`) vs networkx's
writers.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib import Dataset, Graph

from benchmarks.generate import generate
from graph import settings
from graph.network.views import VIEWS
from graph.pipeline.build import compile_graph, to_quads
from graph.publish import rdf_formats
from graph.publish.view_files import flat_attrs, write_gexf, write_graphml
from graph.shacl.validate import validate, validate_pyshacl
from graph.stores import results
from graph.stores.contract import Store
from graph.stores.embedded import GraphStore
from graph.vocabulary.namespaces import PREFIXES
from graph.vocabulary.ontology import load_ontology, load_shapes

ALL_TRIPLES = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def best(fn: Callable[[], Any], repeat: int) -> float:
    """The least CPU time of ``repeat`` calls (CPU, not wall: the machine is shared)."""
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


class World:
    """One dataset in the two shapes the pairs need: an rdflib Dataset and a GraphStore."""

    def __init__(self, name: str, dataset: Dataset, store: Store) -> None:
        self.name, self.dataset, self.store = name, dataset, store

    @classmethod
    def curated(cls) -> World:
        built, _ = compile_graph(settings.data_dir(), settings.ontology_dir())
        return cls("curated", built.dataset, GraphStore.memory(to_quads(built.dataset)))

    @classmethod
    def synthetic(cls, size: int, folder: Path) -> World:
        path = folder / "world.nq"
        generate(size, path)
        ds = Dataset()
        ds.parse(path, format="nquads")
        store = GraphStore.memory(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
        return cls(f"synthetic {size // 1000}k", ds, store)


def _quads(store: Store) -> list[ox.Quad]:
    return list(store.store.quads_for_pattern(None, None, None, None))


def writers(world: World, out: Path, repeat: int) -> list[tuple[str, float, float]]:
    rows = []
    quads = _quads(world.store)
    for label, ours, fmt in (
        ("Turtle", rdf_formats.write_turtle, ox.RdfFormat.TURTLE),
        ("TriG", rdf_formats.write_trig, ox.RdfFormat.TRIG),
        ("JSON-LD", rdf_formats.write_jsonld, ox.RdfFormat.JSON_LD),
    ):
        theirs_in: list[Any] = [q.triple for q in quads] if fmt is ox.RdfFormat.TURTLE else quads
        a = best(lambda ours=ours: ours(world.store, out / "ours"), repeat)
        b = best(
            lambda fmt=fmt, data=theirs_in: ox.serialize(
                data, str(out / "theirs"), fmt, prefixes=dict(PREFIXES)
            ),
            repeat,
        )
        rows.append((f"{label} writer vs pyoxigraph.serialize(prefixes=)", a, b))
    return rows


def result_writers(world: World, repeat: int) -> list[tuple[str, float, float]]:
    rows = []
    n = len(world.store)
    for fmt, lib in (
        ("csv", ox.QueryResultsFormat.CSV),
        ("tsv", ox.QueryResultsFormat.TSV),
        ("json", ox.QueryResultsFormat.JSON),
    ):

        def ours(fmt: str = fmt) -> str:
            return results.format_result(results.run(world.store, ALL_TRIPLES, max_rows=n), fmt)

        def theirs(lib: ox.QueryResultsFormat = lib) -> Any:
            return world.store.store.query(ALL_TRIPLES).serialize(format=lib)

        rows.append(
            (f"SPARQL {fmt.upper()} results vs QueryResultsFormat", *_pair(ours, theirs, repeat))
        )
    return rows


def _pair(ours: Callable[[], Any], theirs: Callable[[], Any], repeat: int) -> tuple[float, float]:
    return best(ours, repeat), best(theirs, repeat)


def view_writers(world: World, out: Path, repeat: int) -> list[tuple[str, float, float]]:
    rows = []
    graphs = []
    for spec in VIEWS.values():
        if spec.params:
            continue
        g = spec.build(world.store)
        flat = nx.MultiDiGraph()
        flat.add_nodes_from((n, flat_attrs(d)) for n, d in g.nodes(data=True))
        flat.add_edges_from(
            (u, v, k, flat_attrs(d)) for u, v, k, d in g.edges(keys=True, data=True)
        )
        graphs.append(flat)
    for label, ours, theirs in (
        ("GraphML", write_graphml, nx.write_graphml),
        ("GEXF", write_gexf, nx.write_gexf),
    ):
        a = best(lambda ours=ours: [ours(g, out / "ours") for g in graphs], repeat)
        b = best(lambda theirs=theirs: [theirs(g, out / "theirs") for g in graphs], repeat)
        rows.append((f"{label} of {len(graphs)} views vs networkx", a, b))
    return rows


def shacl(world: World, shapes: Graph, ontology: Graph, repeat: int, lib: bool) -> list[Any]:
    a = best(lambda: validate(world.dataset, shapes, ontology), repeat)
    b = best(lambda: validate_pyshacl(world.dataset, shapes, ontology), 1) if lib else None
    return [("SHACL Core validation vs pySHACL", a, b)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000, help="synthetic actions (0: none)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (best is kept)")
    parser.add_argument(
        "--no-pyshacl-synthetic", action="store_true", help="skip pySHACL on the synthetic world"
    )
    args = parser.parse_args(argv)
    shapes = load_shapes(settings.ontology_dir())
    ontology = load_ontology(settings.ontology_dir())
    print("| data | what (ours vs library) | ours s | library s | ours / library |")
    print("|---|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        worlds = [World.curated]
        if args.size:
            worlds.append(lambda: World.synthetic(args.size, out))
        for make in worlds:
            world = make()
            lib_shacl = world.name == "curated" or not args.no_pyshacl_synthetic
            rows = [
                *shacl(world, shapes, ontology, args.repeat, lib_shacl),
                *writers(world, out, args.repeat),
                *result_writers(world, args.repeat),
                *view_writers(world, out, args.repeat),
            ]
            for label, ours, theirs in rows:
                ratio = f"{ours / theirs:.2f}" if theirs else "-"
                lib = f"{theirs:.3f}" if theirs is not None else "not run"
                print(f"| {world.name} | {label} | {ours:.3f} | {lib} | {ratio} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
