"""SPARQL 1.1 Protocol pieces with no HTTP in them: content negotiation, result serialisation,
the service description."""

from __future__ import annotations

import json
from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from graph.stores.results import Result, Term, to_csv, to_json, to_tsv
from graph.vocabulary.namespaces import PREFIXES

SPARQL_RESULTS_XML = "application/sparql-results+xml"


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            return (
                f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
            )
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def to_xml(result: Result) -> str:
    """SPARQL Query Results XML Format."""
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.form == "ask":
        out += [
            "<head/>",
            f"<boolean>{'true' if result.boolean else 'false'}</boolean>",
            "</sparql>",
        ]
        return "\n".join(out) + "\n"
    out.append(
        "<head>" + "".join(f"<variable name={quoteattr(c)}/>" for c in result.columns) + "</head>"
    )
    out.append("<results>")
    for row in result.rows:
        cells = "".join(
            f"<binding name={quoteattr(c)}>{_xml_term(v)}</binding>"
            for c, v in zip(result.columns, row, strict=True)
            if v is not None
        )
        out.append(f"<result>{cells}</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def _ask_csv(result: Result) -> str:
    return "_askResult\r\n" + ("true" if result.boolean else "false") + "\r\n"


def _ask_tsv(result: Result) -> str:
    return "?_askResult\n" + ("true" if result.boolean else "false") + "\n"


#: Media type → serialiser, for SELECT and ASK (first is the default for */*).
TABLE_FORMATS: dict[str, Callable[[Result], str]] = {
    "application/sparql-results+json": to_json,
    SPARQL_RESULTS_XML: to_xml,
    "text/csv": to_csv,
    "text/tab-separated-values": to_tsv,
}
_ASK = {"text/csv": _ask_csv, "text/tab-separated-values": _ask_tsv}

#: Media type → RDF format, for CONSTRUCT and DESCRIBE (first is the default).
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
_ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": SPARQL_RESULTS_XML,
    "text/plain": "application/n-triples",
}


def _accept(header: str) -> list[tuple[float, int, str]]:
    items = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        items.append((q, i, fields[0].lower()))
    return sorted(items, key=lambda t: (-t[0], t[1]))


def negotiate(accept: str | None, form: str) -> str | None:
    """The media type to answer with for a result ``form`` ("select", "ask", "graph"), or None.

    >>> negotiate("application/sparql-results+json;q=0.9, text/csv", "select")
    'text/csv'
    >>> negotiate("text/turtle", "select") is None
    True
    >>> negotiate("*/*", "graph")
    'text/turtle'
    """
    offered = list(GRAPH_FORMATS if form == "graph" else TABLE_FORMATS)
    for q, _i, media in _accept(accept or "*/*"):
        if q <= 0:
            continue
        media = _ALIASES.get(media, media)
        if media in offered:
            return media
        if media == "*/*":
            return offered[0]
        if media.endswith("/*") and (
            hit := next((o for o in offered if o.startswith(media[:-1])), None)
        ):
            return hit
    return None


def serialize(result: Result, media: str) -> bytes:
    """The body for ``result`` in ``media`` (chosen by :func:`negotiate`)."""
    if result.form == "graph":
        data = ox.serialize(list(result.triples), format=GRAPH_FORMATS[media], prefixes=PREFIXES)
        assert data is not None
        return data
    if result.form == "ask" and media in _ASK:
        return _ASK[media](result).encode("utf-8")
    return TABLE_FORMATS[media](result).encode("utf-8")


def service_description(endpoint: str, graphs: dict[str, int], triples: int) -> str:
    """SPARQL 1.1 Service Description with VoID counts, as Turtle."""
    lines = [
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .",
        "@prefix void: <http://rdfs.org/ns/void#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "",
        f"<{endpoint}> a sd:Service ;",
        f"  sd:endpoint <{endpoint}> ;",
        "  sd:supportedLanguage sd:SPARQL11Query ;",
        "  sd:feature sd:UnionDefaultGraph ;",
        *[f"  sd:resultFormat <{fmt}> ;" for fmt in _FORMAT_IRIS],
        "  dcterms:description "
        + json.dumps("regkg: read-only SPARQL endpoint; not legal advice")
        + " ;",
        "  sd:defaultDataset [ a sd:Dataset ;",
        f"    sd:defaultGraph [ a sd:Graph , void:Dataset ; void:triples {triples} ]",
    ]
    for g, n in sorted(graphs.items()):
        lines.append(f"    ; sd:namedGraph [ a sd:NamedGraph ; sd:name <{g}> ;")
        lines.append(f"        sd:graph [ a sd:Graph , void:Dataset ; void:triples {n} ] ]")
    lines.append("  ] .")
    return "\n".join(lines) + "\n"


_FORMAT_IRIS = (
    "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
    "http://www.w3.org/ns/formats/SPARQL_Results_XML",
    "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
    "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
    "http://www.w3.org/ns/formats/Turtle",
    "http://www.w3.org/ns/formats/N-Triples",
    "http://www.w3.org/ns/formats/JSON-LD",
    "http://www.w3.org/ns/formats/RDF_XML",
)
