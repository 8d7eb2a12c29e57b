"""The canonical writers of :mod:`graph.publish.rdf_formats`, in this process (no export workers), on a
store of a few quads written here, against N-Triples, Turtle and TriG text written out by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.publish import rdf_formats
from graph.publish.rdf_formats import (
    Canonical,
    canonical,
    ntriples_bytes,
    shared_canonical,
    write_jsonld,
    write_ntriples,
    write_trig,
    write_turtle,
)
from graph.stores.embedded import GraphStore

ID = "https://w3id.org/regkg/id/"
REG = "https://w3id.org/regkg/ontology#"
G1 = "https://w3id.org/regkg/graph/one"
G2 = "https://w3id.org/regkg/graph/two"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"


def quad(s: str, p: str, o: ox.NamedNode | ox.Literal, g: str | None) -> ox.Quad:
    graph = ox.NamedNode(g) if g else ox.DefaultGraph()
    return ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o, graph)


def store() -> GraphStore:
    """Graph two before graph one, a triple in both graphs, one in the default graph, added out
    of order."""
    return GraphStore.memory(
        [
            quad(
                ID + "b",
                REG + "amount",
                ox.Literal("5", datatype=ox.NamedNode(XSD + "decimal")),
                G2,
            ),
            quad(ID + "a", RDF_TYPE, ox.NamedNode(REG + "Fine"), G2),
            quad(ID + "a", REG + "label", ox.Literal('Café "x"'), G1),
            quad(ID + "a", RDF_TYPE, ox.NamedNode(REG + "Fine"), G1),
            quad(ID + "z", REG + "label", ox.Literal("default"), None),
        ]
    )


A_TYPE = b"<https://w3id.org/regkg/id/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/regkg/ontology#Fine> ."
A_LABEL = (
    b'<https://w3id.org/regkg/id/a> <https://w3id.org/regkg/ontology#label> "Caf\xc3\xa9 \\"x\\"" .'
)
B_AMOUNT = b'<https://w3id.org/regkg/id/b> <https://w3id.org/regkg/ontology#amount> "5"^^<http://www.w3.org/2001/XMLSchema#decimal> .'
Z_LABEL = b'<https://w3id.org/regkg/id/z> <https://w3id.org/regkg/ontology#label> "default" .'


def test_canonical_graphs_are_sorted_lines_per_graph() -> None:
    canon = Canonical.of(store())
    assert canon.graphs == {
        "": [Z_LABEL],
        G1: [A_TYPE, A_LABEL],
        G2: [A_TYPE, B_AMOUNT],
    }
    assert list(canon.graphs) == ["", G1, G2]
    assert canon.union == [A_TYPE, A_LABEL, B_AMOUNT, Z_LABEL]


def test_an_empty_store_has_no_graphs_and_an_empty_file(tmp_path: Path) -> None:
    empty = GraphStore.memory()
    assert Canonical.of(empty).graphs == {}
    assert ntriples_bytes(empty) == b""
    write_ntriples(empty, tmp_path / "g.nt")
    assert (tmp_path / "g.nt").read_bytes() == b""


def test_ntriples_is_the_sorted_union_without_duplicates(tmp_path: Path) -> None:
    expected = b"\n".join([A_TYPE, A_LABEL, B_AMOUNT, Z_LABEL]) + b"\n"
    assert ntriples_bytes(store()) == expected
    write_ntriples(store(), tmp_path / "g.nt")
    assert (tmp_path / "g.nt").read_bytes() == expected


HEADER = (
    "@prefix cito: <http://purl.org/spar/cito/> .\n"
    "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
    "@prefix dpv: <https://w3id.org/dpv#> .\n"
    "@prefix eli: <http://data.europa.eu/eli/ontology#> .\n"
    "@prefix org: <http://www.w3.org/ns/org#> .\n"
    "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
    "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
    "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "@prefix reg: <https://w3id.org/regkg/ontology#> .\n"
    "@prefix regg: <https://w3id.org/regkg/graph/> .\n"
    "@prefix regid: <https://w3id.org/regkg/id/> .\n"
    "@prefix schema: <https://schema.org/> .\n"
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    "@prefix void: <http://rdfs.org/ns/void#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
)


def test_trig_keeps_every_graph(tmp_path: Path) -> None:
    write_trig(store(), tmp_path / "g.trig")
    assert (tmp_path / "g.trig").read_text(encoding="utf-8") == HEADER + (
        "\n"
        "{\n"
        '    <https://w3id.org/regkg/id/z> reg:label "default" .\n'
        "}\n"
        "\n"
        "<https://w3id.org/regkg/graph/one> {\n"
        "    <https://w3id.org/regkg/id/a> a reg:Fine ;\n"
        '        reg:label "Café \\"x\\"" .\n'
        "}\n"
        "\n"
        "<https://w3id.org/regkg/graph/two> {\n"
        "    <https://w3id.org/regkg/id/a> a reg:Fine .\n"
        '    <https://w3id.org/regkg/id/b> reg:amount "5"^^xsd:decimal .\n'
        "}\n"
    )


def test_turtle_is_the_union(tmp_path: Path) -> None:
    write_turtle(store(), tmp_path / "g.ttl")
    assert (tmp_path / "g.ttl").read_text(encoding="utf-8") == HEADER + (
        "\n"
        "<https://w3id.org/regkg/id/a> a reg:Fine ;\n"
        '    reg:label "Café \\"x\\"" .\n'
        '<https://w3id.org/regkg/id/b> reg:amount "5"^^xsd:decimal .\n'
        '<https://w3id.org/regkg/id/z> reg:label "default" .\n'
    )


def test_jsonld_has_a_graph_object_per_named_graph(tmp_path: Path) -> None:
    write_jsonld(store(), tmp_path / "g.jsonld")
    doc = json.loads((tmp_path / "g.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"]["reg"] == REG and doc["@context"]["xsd"] == XSD
    fine = [{"@id": REG + "Fine"}]
    assert doc["@graph"] == [
        {"@id": ID + "z", REG + "label": [{"@value": "default"}]},
        {
            "@id": G1,
            "@graph": [
                {"@id": ID + "a", RDF_TYPE: fine, REG + "label": [{"@value": 'Café "x"'}]},
            ],
        },
        {
            "@id": G2,
            "@graph": [
                {"@id": ID + "a", RDF_TYPE: fine},
                {"@id": ID + "b", REG + "amount": [{"@value": "5", "@type": XSD + "decimal"}]},
            ],
        },
    ]


def test_the_shared_canonical_form_is_reused_inside_its_block_only() -> None:
    s = store()
    with shared_canonical(s) as canon:
        assert canonical(s) is canon
        assert canonical(store()) is not canon  # another store
        assert rdf_formats._MEMO[id(s)] == (s, canon)
    assert id(s) not in rdf_formats._MEMO
    assert canonical(s) is not canon
    assert canonical(s).graphs == canon.graphs


def test_another_backend_is_copied_into_memory() -> None:
    class Other:
        """A store that is not the embedded one (the contract, not a subclass): read through
        ``quads()``."""

        def __init__(self, inner: GraphStore) -> None:
            self.inner = inner

        def __getattr__(self, name: str) -> object:
            return getattr(self.inner, name)

    s = store()
    other: Any = Other(s)
    assert rdf_formats._local_store(s) is s.store
    copy = rdf_formats._local_store(other)
    assert copy is not s.store
    assert len(copy) == 5
    assert Canonical.of(other).graphs == Canonical.of(s).graphs
