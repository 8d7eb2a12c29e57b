"""Plain-string constants of the regkg vocabulary, importable without rdflib or networkx, so the
explorer's read models (:mod:`graph.explorer.refs`) load neither library."""

from __future__ import annotations

# Copies: :mod:`graph.explorer.refs` (and through it the explorer's read models) needs only a few
# IRIs and the node kinds; importing them from :mod:`graph.vocabulary.namespaces` (rdflib) and
# :mod:`graph.network.views` (networkx) would load both libraries into a page that needs neither.
# The originals stay where they are; the doctest in ``__test__`` keeps the copies equal to them.

#: Base of record IRIs (``…/id/company/acme-video``).
ID_BASE = "https://w3id.org/regkg/id/"

#: The namespaces the explorer's queries use, by prefix.
NAMESPACE_IRIS: dict[str, str] = {
    "reg": "https://w3id.org/regkg/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
}
#: The ontology's namespace IRI as a string (the namespace itself is ``namespaces.REG``).
REG_IRI = NAMESPACE_IRIS["reg"]

#: Node kinds, most specific first: a node's kind is the first of these among its types
#: (:data:`graph.network.views.KINDS` is this tuple).
KINDS: tuple[str, ...] = (
    "Fine",
    "Order",
    "Settlement",
    "Investigation",
    "DraftDecision",
    "BindingDecision",
    "CourtCase",
    "Judgment",
    "Company",
    "PublicBody",
    "LawFirm",
    "Court",
    "Regulator",
    "Person",
    "AnonymousParty",
    "LegalInstrument",
    "Provision",
    "LegalQuestion",
    "Statistic",
    "Jurisdiction",
)

#: The kinds that are decisions (fines, orders, judgments, …): the first eight of :data:`KINDS`.
DECISION_KINDS: tuple[str, ...] = KINDS[:8]

__test__ = {
    "copies": """
>>> from graph.vocabulary import namespaces
>>> from graph.network import views
>>> views.KINDS is KINDS
True
>>> ID_BASE == namespaces.ID_BASE
True
>>> all(NAMESPACE_IRIS[p] == namespaces.PREFIXES[p] for p in NAMESPACE_IRIS)
True
""",
}
