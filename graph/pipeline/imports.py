"""``regkg import``: read a tracker file, resolve, link, validate and replace its named graph."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph as RDFGraph
from rdflib import Literal, URIRef

from graph import settings
from graph.cleaning.law import ShortNames
from graph.curated import records as R
from graph.curated.corpus import load_corpus
from graph.files import sha256_file
from graph.importers.articles import Instruments
from graph.importers.base import SOURCES, ImportFailed, ReadContext
from graph.importers.case_refs import NameTable
from graph.importers.cases import read_gdprhub
from graph.importers.citations import Citations
from graph.importers.cjeu import case_numbers, read_cjeu, read_holdings
from graph.importers.emit import Emitter, Resolved
from graph.importers.entities import Authorities, AuthorityText, Jurisdictions, Registry
from graph.importers.gate import validate_import
from graph.importers.items import HoldingItem, Quarantined, Row
from graph.importers.linking import Linker
from graph.importers.parties import Parties
from graph.importers.report import Progress, Report
from graph.importers.resolve import Resolver
from graph.importers.rows import resolve_rows
from graph.importers.snapshot import read_snapshot
from graph.importers.trackers import read_privacyaffairs, read_tracker
from graph.linkage.stage import linkage_stage
from graph.pipeline.derived import write_generation_files
from graph.stores.embedded import GraphStore, current_path, read_meta, writer
from graph.vocabulary.ids import graph_iri, is_key

READERS: dict[str, Callable[[Path, ReadContext], list[Row]]] = {
    "enforcementtracker": read_tracker,
    "gdprhub": read_gdprhub,
    "privacyaffairs": read_privacyaffairs,
    "cjeu": read_cjeu,
}
_KEEP_META = ("curated_hash", "built_at", "imports")
#: The curated names of CJEU judgments (``data/case-names.yaml``), for citations by name.
NAMES_FILE = "case-names.yaml"
CJEU = AuthorityText("Court of Justice of the European Union", "court", name="CJEU")


def _check_file(path: Path, what: str) -> Path:
    if not path.exists():
        msg = f"{what} not found: {path}"
        raise ImportFailed(msg)
    if not path.is_file():
        msg = f"{what} is not a file: {path}"
        raise ImportFailed(msg)
    return path


def _graph_name(source: str, graph: str | None) -> str:
    name = graph or source
    if not is_key(name) or name.startswith("curated-") or name == "ontology":
        msg = f"--graph {name!r}: use a lower-case slug that does not start with 'curated-'"
        raise ImportFailed(msg)
    return name


def import_file(
    source: str,
    file: Path,
    *,
    graph: str | None = None,
    report_path: Path | None = None,
    holdings: Path | None = None,
    home: Path | None = None,
    data_dir: Path | None = None,
    now: datetime | None = None,
    progress: bool = True,
    validation: str = "referenced",
) -> Report:
    """Import ``file`` of ``source`` into its named graph; return the report (also written).

    The import graph is validated with the SHACL shapes before anything is written; a failure leaves
    the store untouched. Only this graph is replaced; curated and other imported graphs are kept,
    and ``regkg build`` never drops imported graphs.
    """
    info = SOURCES.get(source)
    if info is None:
        msg = f"unknown source {source!r} (known: {', '.join(SOURCES)})"
        raise ImportFailed(msg)
    _check_file(file, "input file")
    if holdings is not None and source != "cjeu":
        msg = "--holdings works only with the cjeu source"
        raise ImportFailed(msg)
    if holdings is not None:
        _check_file(holdings, "holdings file")
    home = home or settings.home()
    now = now or datetime.now(UTC)
    gname = _graph_name(source, graph)
    giri = graph_iri(gname)
    files = [(file.name, sha256_file(file))] + (
        [(holdings.name, sha256_file(holdings))] if holdings else []
    )
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    rep = Report(source, file.name, files[0][1], str(giri), now.isoformat(timespec="seconds"))
    if report_path is not None and report_path.resolve().parent == file.resolve().parent:
        msg = f"--report {report_path}: reports are never written beside the input file"
        raise ImportFailed(msg)
    current = current_path(home)
    if current is None:
        msg = f"no graph has been built in {home}: run `regkg build` first"
        raise ImportFailed(msg)
    t0 = time.perf_counter()
    store = GraphStore.open_local(home)
    snap = read_snapshot(store, str(giri))
    if snap.own_sha256 == {sha for _n, sha in files}:
        rep.noop = True
        return rep
    corpus = load_corpus(data_dir or settings.data_dir())
    instruments = [r for r in corpus.of_type(R.Instrument) if isinstance(r, R.Instrument)]
    today = now.date()
    known = info.snapshots.get(files[0][1])
    ctx = ReadContext(
        today,
        Instruments((i.short, i.title) for i in instruments),
        known[0] if known else None,
        known[1] if known else "",
    )
    rows = READERS[source](file, ctx)
    rep.timings["read"] = round(time.perf_counter() - t0, 3)

    registry = Registry(snap.entities)
    base_src = R.Source(ctx.as_of, url="https://www.iso.org/iso-3166-country-codes.html")
    jurisdictions = Jurisdictions(corpus, registry, base_src)
    authorities = Authorities(corpus, registry, jurisdictions)
    resolver = Resolver(
        source,
        corpus,
        registry,
        jurisdictions,
        authorities,
        Parties(corpus, registry, authorities, snap.parents),
        Linker(snap, info.rank),
        rep,
    )
    emitter = Emitter(info, ctx.as_of, ShortNames({i.short: i.id for i in instruments}), registry)
    inst_sources = {
        i.short: R.Source(
            ctx.as_of,
            url=i.url or (i.source.url if i.source else None),
            dataset=None if (i.url or (i.source and i.source.url)) else "regkg law",
            record=None if (i.url or (i.source and i.source.url)) else i.id,
        )
        for i in instruments
    }
    bar = Progress(f"importing {source}", len(rows), enabled=progress)

    def emit(r: Resolved) -> None:
        rep.unresolved_references.update(emitter.decision(r, _label(r, resolver), inst_sources))

    resolved = resolve_rows(rows, resolver, rep, bar, emit)
    rep.read = len(rows)
    linked = sum(1 for r in resolved if r.duplicate_of)
    rep.merged = linked + len(rep.repeated_rows)
    rep.imported = len(resolved) - linked
    cited_by_holdings = (
        _holdings(read_holdings(holdings), holdings.name, resolved, emitter, rep)
        if holdings is not None
        else []
    )
    court, _kind = authorities.resolve(CJEU, "EU", base_src)
    citations = Citations(emitter, store, str(giri), snap, court, jurisdictions.iri("EU"), resolved)
    citations.from_holdings(cited_by_holdings)
    citations.from_text(resolved, NameTable.load((data_dir or settings.data_dir()) / NAMES_FILE))
    rep.citations = citations.emit()
    for ent in registry.entities.values():
        emitter.entity(ent)
    emitter.describe(giri, files, now)
    _new_entities(registry, rep)
    rep.check()
    rep.timings["resolve"] = round(time.perf_counter() - t0 - rep.timings["read"], 3)

    t1 = time.perf_counter()
    validate_import(emitter.g, home, str(giri), rep, mode=validation)
    rep.timings["validate"] = round(time.perf_counter() - t1, 3)

    t2 = time.perf_counter()
    quads = _quads(emitter.g, giri)
    rep.triples = len(quads)
    with writer(home) as w:
        live = current_path(home)
        meta = read_meta(live) if live else {}
        w.meta.update({k: meta[k] for k in _KEEP_META if k in meta})
        imports = dict(w.meta.get("imports", {}))
        imports[str(giri)] = {
            "source": source,
            "files": dict(files),
            "imported_at": rep.imported_at,
        }
        w.meta["imports"] = imports
        w.replace_graph(str(giri), quads)
        w.stages.append(linkage_stage(data_dir))
        w.finalizers.append(write_generation_files)
    rep.linkage = dict(w.meta.get("linkage", {}))
    rep.timings["write"] = round(time.perf_counter() - t2, 3)
    rep.write(report_path or home / "reports" / f"{source}-{stamp}.json")
    return rep


def _label(r: Resolved, resolver: Resolver) -> str:
    item = r.item
    when = item.date.value or "date unknown"
    if item.kind != "fine" or item.strict_parties:
        return f"{item.label} ({when})"
    who = r.parties[0].label if r.parties else (r.descriptions[0] if r.descriptions else "")
    who = "a natural person" if who.startswith("a natural person") else who
    who = "an unnamed controller" if who.startswith("controller") else who
    more = f" and {len(r.parties) - 1} more" if len(r.parties) > 1 else ""
    authority = item.authority.text or resolver.label(r.authority)
    return f"{authority}: fine on {who}{more}, {when} ({item.label})"


def _holdings(
    rows: list[HoldingItem | Quarantined],
    holdings_file: str,
    resolved: list[Resolved],
    emitter: Emitter,
    rep: Report,
) -> list[tuple[HoldingItem, Resolved | None, R.Source]]:
    """Write the coded holdings; return each one's judgment (or ``None``) and source, for the
    citations they list."""
    cited: list[tuple[HoldingItem, Resolved | None, R.Source]] = []
    by_cases = {case_numbers(r.item): r for r in resolved if case_numbers(r.item)}
    quarantined = []
    imported = 0
    for h in rows:
        rep.cuts(h.row, h.line, h.cuts, file=holdings_file)
        if isinstance(h, Quarantined):
            quarantined.append({"row": h.row, "line": h.line, "reason": h.reason})
            continue
        r = by_cases.get(h.cases) or next((v for k, v in by_cases.items() if k & h.cases), None)
        if r is None:
            reason = f"no judgment {', '.join(sorted(h.cases))} in the case metadata"
            quarantined.append({"row": h.row, "line": None, "reason": reason})
            cited.append((h, None, R.Source(emitter.as_of, dataset=emitter.info.dataset)))
            continue
        case = r.item.case_number or r.item.celex or ""
        cited.append((h, r, emitter.holding_source(h, case, r.item.source.url or "")))
        if not r.item.date.value:
            quarantined.append({"row": h.row, "line": None, "reason": "judgment date unknown"})
            continue
        emitter.holding(h, r.iri, case, r.item.date.value, r.item.source.url or "")
        imported += 1
    rep.holdings = {"read": len(rows), "imported": imported, "quarantined": quarantined}
    return cited


def _new_entities(registry: Registry, rep: Report) -> None:
    plural = {
        "regulator": "regulators",
        "court": "courts",
        "company": "companies",
        "public-body": "public bodies",
        "jurisdiction": "jurisdictions",
        "provision": "provisions",
    }
    out: dict[str, list[dict[str, str]]] = {v: [] for v in plural.values()}
    for ent in registry.entities.values():
        if ent.new:
            out[plural[ent.kind]].append({"iri": str(ent.iri), "label": ent.label})
        else:
            rep.restated_entities += 1
    rep.new_entities = {k: sorted(v, key=lambda e: e["iri"]) for k, v in out.items()}


def _term(node: object) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    msg = f"unexpected RDF term {node!r}"
    raise TypeError(msg)


def _quads(g: RDFGraph, graph: URIRef) -> list[ox.Quad]:
    name = ox.NamedNode(str(graph))
    out = []
    for s, p, o in g:
        subj = _term(s)
        assert isinstance(subj, ox.NamedNode)
        out.append(ox.Quad(subj, ox.NamedNode(str(p)), _term(o), name))
    return out
