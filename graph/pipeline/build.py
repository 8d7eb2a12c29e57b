"""The build pipeline: ``data/`` → records → RDF → SHACL gate → store."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from graph import __version__, settings
from graph.curated.corpus import load_corpus
from graph.curated.dataset import Built, build_dataset
from graph.errors import ValidationFailed
from graph.shacl.validate import ValidationReport, validate
from graph.stores.embedded import current_path, read_meta, writer
from graph.vocabulary.ids import graph_iri
from graph.vocabulary.namespaces import GRAPH_BASE
from graph.vocabulary.ontology import content_hash, load_ontology, load_shapes

CURATED_PREFIX = GRAPH_BASE + "curated-"


@dataclass(frozen=True)
class BuildResult:
    """What a build did."""

    rebuilt: bool
    content_hash: str
    triples: int
    graphs: dict[str, int]
    report: ValidationReport | None


def source_hash(data_dir: Path, ontology_dir: Path) -> str:
    """The rebuild key: data, ontology and the package version."""
    return f"{__version__}:{content_hash(data_dir, ontology_dir)}"


def compile_graph(data_dir: Path, ontology_dir: Path) -> tuple[Built, ValidationReport]:
    """Read, build and validate; raise :class:`ValidationFailed` on any ``sh:Violation``."""
    ontology = load_ontology(ontology_dir)
    shapes = load_shapes(ontology_dir)
    corpus = load_corpus(data_dir)
    built = build_dataset(corpus, data_dir, ontology)
    report = validate(built.dataset, shapes, ontology)
    if not report.conforms:
        lines = [f"SHACL validation failed: {len(report.violations)} violation(s)"]
        for v in report.violations:
            field = v.path.rsplit("#", 1)[-1] if v.path else "-"
            lines.append(f"  {built.where(v.focus)}: field {field}: {v.message}")
        raise ValidationFailed(report, "\n".join(lines))
    return built, report


def to_quads(ds: Dataset) -> list[ox.Quad]:
    """rdflib ``Dataset`` → pyoxigraph quads (through N-Quads)."""
    data = ds.serialize(format="nquads")
    return list(ox.parse(data, format=ox.RdfFormat.N_QUADS))


def build(
    data_dir: Path | None = None,
    ontology_dir: Path | None = None,
    home: Path | None = None,
    *,
    force: bool = False,
) -> BuildResult:
    """(Re)write the curated named graphs and the ontology graph; leave other graphs alone.

    Skips the work when data and ontology are unchanged since the current build (``force``
    rebuilds anyway).

    A failure at any step raises a :class:`~graph.errors.RegKGError` with a readable message, and
    the previous store stays untouched (the store swaps generations only after a complete write).
    """
    data_dir = data_dir or settings.data_dir()
    ontology_dir = ontology_dir or settings.ontology_dir()
    home = home or settings.home()
    key = source_hash(data_dir, ontology_dir)
    current = current_path(home)
    if current is not None and not force:
        meta = read_meta(current)
        if meta.get("curated_hash") == key:
            return BuildResult(False, key, meta.get("triples", 0), meta.get("graphs", {}), None)
    built, report = compile_graph(data_dir, ontology_dir)
    quads = to_quads(built.dataset)
    with writer(home) as w:
        graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
        for g in sorted(graphs):
            w.replace.add(g)
        w.replace.add(str(graph_iri("ontology")))
        w.quads.extend(quads)
        w.drop_graphs_with_prefix(CURATED_PREFIX)
        # networkx + scipy: imported only when a build writes
        from graph.linkage.stage import linkage_stage
        from graph.pipeline.derived import write_generation_files

        w.stages.append(linkage_stage(data_dir))
        w.finalizers.append(write_generation_files)
        w.meta.update(curated_hash=key, built_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    meta = read_meta(current_path(home) or home)
    return BuildResult(True, key, meta.get("triples", 0), meta.get("graphs", {}), report)
