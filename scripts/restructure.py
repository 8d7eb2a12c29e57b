"""Replay the move of ``graph/``'s flat modules (and ``tests/``'s flat test files) into
subpackages (issue 14), on any checkout.

Run from the repository root: ``python scripts/restructure.py``. It moves each module of
:data:`MOVES` with ``git mv`` (when it still exists at its old place) and then rewrites every
reference in the tracked text files: dotted module names (``graph.store``), file paths
(``graph/store.py``) and ``from graph import store`` lines. It is idempotent: a second run, or a
run after merging a branch written against the old layout, only fixes what still uses old names.
Kept so that branches started before the move can be replayed onto the new tree.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

#: old dotted module (under ``graph.``) -> new dotted module (under ``graph.``)
MOVES: dict[str, str] = {
    # vocabulary: the ontology's terms and the IRIs made from them
    "namespaces": "vocabulary.namespaces",
    "vocab": "vocabulary.strings",
    "ids": "vocabulary.ids",
    "terms": "vocabulary.terms",
    "ontology": "vocabulary.ontology",
    # cleaning: raw values made comparable (amounts, provisions, names, text)
    "money": "cleaning.money",
    "law": "cleaning.law",
    "importers.text": "cleaning.text",
    "importers.names": "cleaning.names",
    "importers.cuts": "cleaning.cuts",
    # curated: data/ -> typed records -> RDF
    "records": "curated.records",
    "sources": "curated.corpus",
    "build": "curated.dataset",
    "build_decision": "curated.decisions",
    "build_precedent": "curated.precedents",
    "provenance": "curated.provenance",
    # shacl: the gate
    "validate": "shacl.validate",
    "shacl_core": "shacl.core",
    "shacl_paths": "shacl.paths",
    "shacl_regex": "shacl.regex",
    "shacl_shapes": "shacl.shapes",
    "shacl_values": "shacl.values",
    # sparql: the language (stored queries, the safety check, bound values)
    "query": "sparql.stored",
    "safety": "sparql.safety",
    "isolation": "sparql.isolation",
    "sparql_text": "sparql.bindings",
    # stores: the store contract, its backends, and query results over them
    "store": "stores.embedded",
    "remote": "stores.remote",
    "stats": "stores.stats",
    "results": "stores.results",
    "catalog_info": "stores.catalog",
    # network: networkx views and metrics
    "views": "network.views",
    "projection": "network.projection",
    "entity_scan": "network.entity_scan",
    "metrics": "network.metrics",
    "citations": "network.citations",
    "graph_file": "network.graph_file",
    # publish: snapshots, their formats, diff and push
    "export": "publish.export",
    "export_jobs": "publish.jobs",
    "export_views": "publish.view_data",
    "view_files": "publish.view_files",
    "rdf_formats": "publish.rdf_formats",
    "jsonld_text": "publish.jsonld",
    "turtle_text": "publish.turtle",
    "diff": "publish.diff",
    "push": "publish.push",
    # explorer: the app's read models
    "entity": "explorer.entity",
    "decision": "explorer.decision",
    "decision_sources": "explorer.decision_sources",
    "explore": "explorer.explore",
    "fine_rows": "explorer.fine_rows",
    "tables": "explorer.tables",
    "search": "explorer.search",
    "refs": "explorer.refs",
    "precedent": "explorer.precedent",
    "case_law": "explorer.case_law",
    "question_matches": "explorer.question_matches",
    "sparql_view": "explorer.workbench",
    "snapshot_view": "explorer.snapshots",
    "netview": "explorer.networks",
    # drawing: HTML network drawings and SVG charts
    "render": "drawing.render",
    "render_component": "drawing.component",
    "render_js": "drawing.script",
    "render_page": "drawing.html_page",
    "render_style": "drawing.style",
    "charts": "drawing.charts",
    "svg": "drawing.svg",
    "case_law_chart": "drawing.case_law_chart",
    "layout": "drawing.layout",
    # endpoint: regkg serve
    "server": "endpoint.server",
    "page": "endpoint.html",
    "protocol": "endpoint.protocol",
    "bounded": "endpoint.bounded",
    # pipeline: the stages run in order (build, import, derived files)
    "pipeline": "pipeline.build",
    "generation_files": "pipeline.derived",
    "sample": "pipeline.sample",
    "importers.run": "pipeline.imports",
}

PACKAGE_DOCS: dict[str, str] = {
    "vocabulary": "The regkg vocabulary: ontology terms, plain-string names, deterministic IRIs.",
    "cleaning": "Raw values made comparable: amounts in EUR, provision references, names, text.",
    "curated": "The curated data: ``data/`` files -> typed records -> one RDF graph per file.",
    "shacl": "The SHACL gate: our SHACL Core validator and the shapes it compiles.",
    "sparql": "SPARQL as text: stored queries, the safety check on the parsed query, bound values.",
    "stores": "The store contract, its embedded and remote backends, and results read from them.",
    "network": "networkx views of the store: the entity graph, registered views, metrics.",
    "publish": "Dated snapshots (RDF, GraphML, GEXF, JSON), their diff, push to a remote store.",
    "explorer": "The app's read models: what each page shows, read from the store.",
    "drawing": "Drawings: network views as self-contained HTML, charts as static SVG.",
    "endpoint": "``regkg serve``: the read-only SPARQL 1.1 Protocol endpoint.",
    "pipeline": "The stages in order: build or import, link, gate, store, derived files.",
}

#: test file (under tests/) -> its place beside the area it tests (tests/<area>/...)
TEST_MOVES: dict[str, str] = {
    "test_namespaces": "vocabulary/test_namespaces",
    "test_ontology": "vocabulary/test_ontology",
    "test_diagram": "vocabulary/test_diagram",
    "test_money": "cleaning/test_money",
    "test_data": "curated/test_data",
    "test_data_corrections": "curated/test_data_corrections",
    "test_sources": "curated/test_corpus",
    "test_amounts": "curated/test_amounts",
    "test_validate": "shacl/test_validate",
    "test_shacl_oracle": "shacl/test_shacl_oracle",
    "test_query": "sparql/test_stored",
    "test_safety": "sparql/test_safety",
    "test_safety_paths": "sparql/test_safety_paths",
    "test_store": "stores/test_embedded",
    "test_backends": "stores/test_backends",
    "test_results": "stores/test_results",
    "test_importers_hostile": "importers/test_hostile",
    "test_importers_real": "importers/test_real",
    "test_importers_replace": "importers/test_replace",
    "test_importers_rows": "importers/test_rows",
    "test_importers_units": "importers/test_units",
    "test_linkage": "linkage/test_linkage",
    "test_linkage_appeals": "linkage/test_appeals",
    "test_linkage_real": "linkage/test_real",
    "test_linkage_implements": "linkage/test_implements",
    "test_linkage_levels": "linkage/test_levels",
    "test_linkage_clusters": "linkage/test_clusters",
    "test_views": "network/test_views",
    "test_metrics": "network/test_metrics",
    "test_citations": "network/test_citations",
    "test_citations_real": "network/test_citations_real",
    "test_export": "publish/test_export",
    "test_diff": "publish/test_diff",
    "test_diff_units": "publish/test_diff_units",
    "test_rdf_formats": "publish/test_rdf_formats",
    "test_entity": "explorer/test_entity",
    "test_decision_sources": "explorer/test_decision_sources",
    "test_tables": "explorer/test_tables",
    "test_source_filters": "explorer/test_source_filters",
    "test_search": "explorer/test_search",
    "test_explore": "explorer/test_explore",
    "test_case_law": "explorer/test_case_law",
    "test_render": "drawing/test_render",
    "test_render_component": "drawing/test_component",
    "test_charts": "drawing/test_charts",
    "test_layout": "drawing/test_layout",
    "test_server": "endpoint/test_server",
    "test_server_hardening": "endpoint/test_server_hardening",
    "test_server_load": "endpoint/test_server_load",
    "test_bounded": "endpoint/test_bounded",
    "test_pipeline": "pipeline/test_build",
    "test_generation_files": "pipeline/test_derived",
    "test_app": "app/test_reading_pages_apptest",
    "test_app_pages_b": "app/test_graph_pages_apptest",
    "test_app_browser_a": "app/test_reading_pages_browser",
    "test_app_browser_b": "app/test_graph_pages_browser",
    "test_app_browser_imported": "app/test_imported_rows_browser",
    "test_app_hostile_params": "app/test_hostile_params",
}

#: names re-exported by a package whose home moved: (package, name) -> new module
NAME_MOVES: dict[tuple[str, str], str] = {("importers", "import_file"): "pipeline.imports"}

TEXT_SUFFIXES = {".py", ".md", ".toml", ".cfg", ".txt", ".rq", ".yaml", ".yml", ".ini", ""}
SKIP = {"scripts/restructure.py"}


def _dotted_pattern() -> re.Pattern[str]:
    olds = sorted(MOVES, key=len, reverse=True)
    alternatives = []
    for old in olds:
        # an old module whose name is now a package (graph.pipeline) is rewritten only where it
        # is used as the module (``from graph.pipeline import build``, ``graph.pipeline.build_x``),
        # never as the package or its new submodules, so that the rewrite is idempotent
        children = sorted(
            {
                new.split(".", 1)[1]
                for new in MOVES.values()
                if "." in new and new.split(".", 1)[0] == old
            }
        )
        guard = f"(?=\\.(?!(?:{'|'.join(children)})\\b)\\w| import | as )" if children else ""
        alternatives.append(re.escape(old) + r"\b" + guard)
    return re.compile(r"\bgraph\.(" + "|".join(alternatives) + ")")


def _path_pattern() -> re.Pattern[str]:
    olds = sorted(MOVES, key=len, reverse=True)
    return re.compile(
        r"\bgraph/(" + "|".join(re.escape(o.replace(".", "/")) for o in olds) + r")\.py\b"
    )


DOTTED = _dotted_pattern()
_TESTS = sorted(TEST_MOVES, key=len, reverse=True)
TEST_DOTTED = re.compile(r"\btests\.(" + "|".join(_TESTS) + r")\b")
TEST_PATHS = re.compile(r"\btests/(" + "|".join(_TESTS) + r")\.py\b")
PATHS = _path_pattern()
FROM_GRAPH = re.compile(
    r"^(?P<indent>[ \t]*)from graph import (?P<names>[^()#\n]+?)[ \t]*(?P<tail>#[^\n]*)?$", re.M
)
FROM_PKG = re.compile(
    r"^(?P<indent>[ \t]*)from graph\.(?P<pkg>importers) import (?P<names>[^()#\n]+?)[ \t]*"
    r"(?P<tail>#[^\n]*)?$",
    re.M,
)


def _split_names(names: str) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for part in names.split(","):
        bits = part.split()
        if not bits:
            continue
        out.append((bits[0], bits[2] if len(bits) == 3 and bits[1] == "as" else None))
    return out


def _fmt(indent: str, module: str, items: list[tuple[str, str | None]]) -> str:
    names = ", ".join(n if a is None or a == n else f"{n} as {a}" for n, a in sorted(items))
    return f"{indent}from {module} import {names}"


def rewrite_from_graph(text: str) -> str:
    """``from graph import a, b as c`` -> one line per new package; a renamed module keeps its old
    local name as an alias (``from graph.publish import jobs as export_jobs``)."""

    def repl(m: re.Match[str]) -> str:
        groups: dict[str, list[tuple[str, str | None]]] = {}
        for name, alias in _split_names(m["names"]):
            new = MOVES.get(name)
            if new is None:
                groups.setdefault("graph", []).append((name, alias))
                continue
            pkg, _, leaf = new.rpartition(".")
            if alias is None and leaf != name:
                alias = name  # keep the local name: a blind rename could meet a local variable
            groups.setdefault(f"graph.{pkg}", []).append((leaf, alias))
        tail = f"  {m['tail']}" if m["tail"] else ""
        return "\n".join(
            _fmt(m["indent"], mod, items) + tail for mod, items in sorted(groups.items())
        )

    return FROM_GRAPH.sub(repl, text)


def rewrite_from_pkg(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        groups: dict[str, list[tuple[str, str | None]]] = {}
        for name, alias in _split_names(m["names"]):
            mod = NAME_MOVES.get((m["pkg"], name), m["pkg"])
            groups.setdefault(f"graph.{mod}", []).append((name, alias))
        tail = f"  {m['tail']}" if m["tail"] else ""
        return "\n".join(
            _fmt(m["indent"], mod, items) + tail for mod, items in sorted(groups.items())
        )

    return FROM_PKG.sub(repl, text)


def rewrite(text: str) -> str:
    text = rewrite_from_pkg(text)
    text = rewrite_from_graph(text)
    text = DOTTED.sub(lambda m: "graph." + MOVES[m[1]], text)
    text = TEST_DOTTED.sub(lambda m: "tests." + TEST_MOVES[m[1]].replace("/", "."), text)
    text = TEST_PATHS.sub(lambda m: "tests/" + TEST_MOVES[m[1]] + ".py", text)
    text = PATHS.sub(
        lambda m: "graph/" + MOVES[m[1].replace("/", ".")].replace(".", "/") + ".py", text
    )
    return text


def tracked_files(root: Path) -> list[Path]:
    out = subprocess.run(["git", "ls-files"], cwd=root, check=True, capture_output=True, text=True)
    files = []
    for line in out.stdout.splitlines():
        path = root / line
        if line in SKIP or not path.is_file():
            continue
        if path.suffix in TEXT_SUFFIXES or path.name in {"Makefile", "run"}:
            files.append(path)
    return files


def move_files(root: Path) -> None:
    for pkg, doc in PACKAGE_DOCS.items():
        init = root / "graph" / pkg / "__init__.py"
        if not init.exists():
            init.parent.mkdir(parents=True, exist_ok=True)
            init.write_text(f'"""{doc}"""\n', encoding="utf-8")
            subprocess.run(["git", "add", str(init)], cwd=root, check=True)
    for old, new in MOVES.items():
        src = root / "graph" / (old.replace(".", "/") + ".py")
        dst = root / "graph" / (new.replace(".", "/") + ".py")
        if src.exists() and not dst.exists():
            subprocess.run(["git", "mv", str(src), str(dst)], cwd=root, check=True)


def move_tests(root: Path) -> None:
    """Move each test file one folder down; paths it builds from ``__file__`` follow it."""
    for old, new in TEST_MOVES.items():
        src = root / "tests" / f"{old}.py"
        dst = root / "tests" / f"{new}.py"
        if not src.exists() or dst.exists():
            continue
        init = dst.parent / "__init__.py"
        if not init.exists():
            dst.parent.mkdir(parents=True, exist_ok=True)
            init.write_text("", encoding="utf-8")
            subprocess.run(["git", "add", str(init)], cwd=root, check=True)
        subprocess.run(["git", "mv", str(src), str(dst)], cwd=root, check=True)
        text = dst.read_text(encoding="utf-8")
        text = text.replace(
            "Path(__file__).resolve().parents[1]", "Path(__file__).resolve().parents[2]"
        )
        text = text.replace("Path(__file__).parent /", "Path(__file__).parents[1] /")
        dst.write_text(text, encoding="utf-8")


def main() -> int:
    root = Path.cwd()
    if not (root / "graph" / "__init__.py").exists():
        print("run from the repository root", file=sys.stderr)
        return 2
    move_files(root)
    move_tests(root)
    changed = 0
    for path in tracked_files(root):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        new = rewrite(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    print(f"moved {len(MOVES)} modules; rewrote {changed} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
