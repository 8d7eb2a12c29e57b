"""Source references: one node per cited source, the same IRI wherever it is cited."""

from __future__ import annotations

from rdflib import RDF, Literal, URIRef
from rdflib import Graph as RDFGraph
from rdflib.namespace import XSD

from graph.curated.records import Source
from graph.vocabulary.ids import digest, mint
from graph.vocabulary.namespaces import REG


def source_iri(src: Source) -> URIRef:
    """The IRI of a source reference: a digest of its URL, dataset and record identifier."""
    return mint("source", digest(src.url or "", src.dataset or "", src.record or ""))


def source_node(g: RDFGraph, src: Source) -> URIRef:
    """Add the source reference node to ``g`` and return its IRI.

    >>> from rdflib import Graph
    >>> from graph.curated.records import Source
    >>> g = Graph()
    >>> str(source_node(g, Source(as_of="2026-11-29", url="https://example.org/a")))
    'https://w3id.org/regkg/id/source/2a930cc952bcb7f0'
    """
    s_iri = source_iri(src)
    g.add((s_iri, RDF.type, REG.SourceReference))
    if src.url:
        g.add((s_iri, REG.sourceUrl, Literal(src.url, datatype=XSD.anyURI)))
    if src.dataset:
        g.add((s_iri, REG.datasetName, Literal(src.dataset)))
    if src.record:
        g.add((s_iri, REG.recordIdentifier, Literal(src.record)))
    if src.publisher:
        g.add((s_iri, REG.publisherName, Literal(src.publisher)))
    return s_iri
