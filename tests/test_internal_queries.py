"""Internal SPARQL lives in ``.rq`` files (:mod:`graph.sparql.internal`), not in Python: every file
parses, is loaded by name from the code (no orphans, no missing names), is kept out of the stored
gallery and ships in the wheel; no module under ``graph/`` holds query text any more."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from graph import settings
from graph.errors import UnknownQuery
from graph.explorer import search
from graph.sparql.internal import FOLDER, body, internal_query
from graph.sparql.stored import stored_queries
from graph.stores.embedded import GraphStore
from graph.stores.remote import RemoteStore
from graph.vocabulary.namespaces import GRAPH_BASE, ID_BASE
from graph.vocabulary.strings import NAMESPACE_IRIS

ROOT = Path(__file__).resolve().parents[1]
GRAPH = ROOT / "graph"
#: The one module allowed query text outside docstrings: the VALUES binder's own examples.
ALLOWED = {GRAPH / "sparql" / "bindings.py"}


def _internal_files() -> dict[tuple[str, str], Path]:
    """Every internal query file as (package, name) → path (the gallery's folder excluded)."""
    out = {}
    for path in sorted(GRAPH.rglob(f"{FOLDER}/*.rq")):
        folder = path.parent.parent
        if folder == GRAPH:
            continue  # graph/queries/: the stored gallery
        package = ".".join(folder.relative_to(ROOT).parts)
        out[package, path.stem] = path
    return out


FILES = _internal_files()


def _modules() -> list[Path]:
    return sorted(GRAPH.rglob("*.py"))


def _loads(tree: ast.AST, where: str) -> set[tuple[str, str]]:
    """Every ``internal_query(package, name)`` call; each must name its file in literal text."""
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if called != "internal_query":
            continue
        args = [a.value for a in node.args if isinstance(a, ast.Constant)]
        assert len(args) == len(node.args) == 2 and not node.keywords, (
            f"{where}:{node.lineno}: internal_query needs two literal strings"
        )
        found.add((str(args[0]), str(args[1])))
    return found


def _code_loads() -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for path in _modules():
        if path.name == "internal.py" and path.parent.name == "sparql":
            continue  # the loader's own doctests
        for key in _loads(ast.parse(path.read_text(encoding="utf-8")), str(path)):
            out.setdefault(key, []).append(str(path.relative_to(ROOT)))
    return out


# -- a query in a Python string ----------------------------------------------------------------

#: A query form with what only a query has after it (any case): a projection and then a WHERE or
#: a group, a template or pattern group, a dataset clause, a described resource.
_QUERY = re.compile(
    r"""\b(?: SELECT \s+ (?:DISTINCT\s+|REDUCED\s+)? (?:\*|[?$]\w|\() .*? (?:\bWHERE\b|\{)
            | CONSTRUCT \s* (?:WHERE\s*)? \{
            | ASK \s* (?:WHERE\s*)? \{
            | ASK \s+ FROM \s+ (?:NAMED\s+)? <
            | DESCRIBE \s+ (?:\*|[?$]\w|<) )""",
    re.VERBOSE | re.IGNORECASE | re.DOTALL,
)
#: Stands for an interpolated or unknown part of a string (no letter, no brace).
_HOLE = " \x00 "


def _docstrings(tree: ast.AST) -> set[int]:
    owners = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, owners)
        and n.body
        and isinstance(n.body[0], ast.Expr)
        and isinstance(n.body[0].value, ast.Constant)
        and isinstance(n.body[0].value.value, str)
    }


def _text(node: ast.AST) -> str | None:
    """The string a node evaluates to, with holes for what is not literal (f-string fields,
    names); ``None`` when it is no string expression."""
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else None
    if isinstance(node, ast.JoinedStr):
        return "".join(
            v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else _HOLE
            for v in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        left, right = _text(node.left), _text(node.right)
        if left is None and right is None:
            return None
        if isinstance(node.op, ast.Mod):
            return left
        return (left if left is not None else _HOLE) + (right if right is not None else _HOLE)
    return None


def query_strings(source: str) -> list[tuple[int, str]]:
    """The string expressions of a module (docstrings aside) that hold a SPARQL query: each
    largest string expression is judged whole, so a query split over ``+`` or an f-string is
    still found, and comments never are (they are not in the AST)."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    inner: set[int] = set()
    found = []
    for node in ast.walk(tree):  # breadth first: an outer expression before its parts
        if id(node) in skip or id(node) in inner:
            continue
        text = _text(node)
        if text is None:
            continue
        inner.update(id(n) for n in ast.walk(node) if n is not node)
        if _QUERY.search(text):
            found.append((getattr(node, "lineno", 0), text))
    return found


def test_the_scan_finds_queries_in_every_disguise() -> None:
    found = query_strings(
        '"""Docstring: SELECT ?x WHERE { ?x ?p ?o }"""\n'
        "# SELECT ?x WHERE { ?x ?p ?o }\n"
        'A = "select ?x where { ?x ?p ?o }"\n'
        'B = f"""{P}\nSELECT DISTINCT ?x {{ ?x ?p {X} }}"""\n'
        'C = P + "CONSTRUCT { ?s ?p ?o } " + W\n'
        'D = ("ASK " "{ ?s ?p ?o }")\n'
        'E = "SELECT ?x" + " WHERE { ?x ?p ?o }"\n'
        'F = "Ask where the data comes from {name}"\n'
        'G = "Select the rows to show"\n'
        "def f():\n"
        '    """DESCRIBE <x> WHERE {}"""\n'
        '    return store.query("DESCRIBE ?x WHERE { ?x ?p ?o }")\n'
    )
    assert sorted(line for line, _ in found) == [3, 4, 6, 7, 8, 13]


def test_no_module_holds_query_text() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {text.strip()[:60]!r}"
        for path in _modules()
        if path not in ALLOWED
        for line, text in query_strings(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, "SPARQL in Python; move it to a queries/*.rq file:\n" + "\n".join(
        offenders
    )


# -- the files -----------------------------------------------------------------------------------


def test_there_are_internal_queries_in_each_querying_package() -> None:
    packages = {p for p, _ in FILES}
    assert packages >= {
        "graph.endpoint",
        "graph.explorer",
        "graph.importers",
        "graph.linkage",
        "graph.network",
        "graph.publish",
        "graph.stores",
    }


@pytest.mark.parametrize("key", sorted(FILES), ids=lambda k: f"{k[0]}:{k[1]}")
def test_each_file_parses_and_says_what_it_returns(key: tuple[str, str]) -> None:
    text = FILES[key].read_text(encoding="utf-8")
    first, second = (text.splitlines() + ["", ""])[:2]
    assert re.fullmatch(r"# \S.*\S", first), "the file opens with one '# ' line"
    assert not re.match(r"#\s*(title|description|param)\s*:", first), "not a gallery header"
    assert not second.startswith("#"), "one header line only"
    assert text == internal_query(*key)
    # parsed and run by Oxigraph on an empty store (every bound variable left unbound)
    ox.Store().query(text)


def test_literal_prefixes_and_bases_are_the_vocabulary_s() -> None:
    """Interpolated constants became literal text: they must still agree with the vocabulary."""
    for key, path in FILES.items():
        text = body(path.read_text(encoding="utf-8"))
        for prefix, iri in re.findall(r"PREFIX\s+(\w+):\s*<([^>]*)>", text):
            assert NAMESPACE_IRIS.get(prefix) == iri, (key, prefix, iri)
        for base in re.findall(r'"(https://w3id\.org/regkg/[^"]*)"', text):
            assert base in (ID_BASE, GRAPH_BASE), (key, base)
        for iri in re.findall(r"<(https://w3id\.org/regkg/graph/[^>]*)>", text):
            assert iri.startswith(GRAPH_BASE), (key, iri)


def test_every_file_is_loaded_and_every_load_has_its_file() -> None:
    loads = _code_loads()
    missing = sorted(set(loads) - set(FILES))
    assert not missing, f"loaded but no file: {[(k, loads[k]) for k in missing]}"
    orphans = sorted(set(FILES) - set(loads))
    assert not orphans, f"internal query files no module loads: {orphans}"


def test_internal_queries_are_never_in_the_gallery() -> None:
    gallery = stored_queries()
    assert set(gallery) == {p.stem for p in settings.QUERIES_DIR.glob("*.rq")}
    assert not {name for _, name in FILES} & set(gallery)
    texts = {q.text for q in gallery.values()}
    assert not [k for k, p in FILES.items() if p.read_text(encoding="utf-8") in texts]
    assert all(p.parent.resolve() != settings.QUERIES_DIR.resolve() for p in FILES.values())
    # the loader refuses the top package, whose queries/ folder is the gallery
    with pytest.raises(UnknownQuery):
        internal_query("graph", next(iter(gallery)))


def test_the_loader_names_what_it_knows() -> None:
    with pytest.raises(UnknownQuery, match="known: .*entity-facts"):
        internal_query("graph.explorer", "no-such-query")
    for package, name in [("graph.explorer", "../queries/x"), ("os", "path")]:
        with pytest.raises(UnknownQuery):
            internal_query(package, name)
    assert internal_query("graph.explorer", "entity-facts") is internal_query(
        "graph.explorer", "entity-facts"
    )


def test_the_search_query_has_a_slot_per_word() -> None:
    slots = set(re.findall(r"\?w(\d+)\b", search.SEARCH_QUERY))
    assert slots == {str(i) for i in range(1, search.WORD_SLOTS + 1)}


def test_the_wheel_carries_every_queries_folder() -> None:
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    packages = set(tool["setuptools"]["packages"])
    data = tool["setuptools"]["package-data"]
    for package in {p for p, _ in FILES}:
        assert package in packages
        assert f"{FOLDER}/*.rq" in data.get(package, []), package


# -- the remote store reads a long graph in parts (the prefix bound, not pasted) ---------------


class _FakeRemote(RemoteStore):
    """A remote store answering from a local one, cutting any graph answer at ``max_rows``."""

    def __init__(self, local: GraphStore, max_rows: int) -> None:
        super().__init__("http://remote.invalid/sparql", max_rows=max_rows)
        self.local = local
        self.sent: list[str] = []

    def request(self, text: str, accept: str, extra: Any = ()) -> tuple[bytes, dict[str, str]]:
        self.sent.append(text)
        answer = self.local.query(text)
        if isinstance(answer, ox.QuerySolutions | ox.QueryBoolean):
            fmt = ox.QueryResultsFormat.JSON
            return answer.serialize(format=fmt), {"Content-Type": "application/json"}
        data = ox.serialize(list(answer), format=ox.RdfFormat.N_TRIPLES)
        return data, {"Content-Type": "application/n-triples"}


def test_a_long_graph_is_read_in_parts() -> None:
    graph = ox.NamedNode(GRAPH_BASE + "test")
    quads = [
        ox.Quad(
            ox.NamedNode(f"{ID_BASE}thing/{i}"), ox.NamedNode(f"{ID_BASE}p"), ox.Literal(i), graph
        )
        for i in range(200)
    ]
    remote = _FakeRemote(GraphStore.memory(quads), max_rows=60)
    assert sorted(map(str, remote.quads(graph.value))) == sorted(map(str, quads))
    parts = [t for t in remote.sent if "MD5" in t]
    assert parts and all("VALUES ?prefix" in t for t in parts)
    assert len(remote) == len(quads)
    assert remote.named_graphs() == [graph.value]
