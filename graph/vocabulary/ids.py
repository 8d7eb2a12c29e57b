"""Deterministic IRIs from stable keys: never row numbers, never random ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from graph.vocabulary.namespaces import GRAPH_BASE, ID_BASE

KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_key(value: str) -> bool:
    """Whether ``value`` is a valid stable key (lower-case slug).

    >>> is_key("dpc-ie"), is_key("DPC IE"), is_key("")
    (True, False, False)
    """
    return bool(KEY_RE.match(value))


def slug(text: str) -> str:
    """Lower-case ASCII slug of ``text``: runs of other characters become one hyphen.

    >>> slug("Österreichische Post AG")
    'osterreichische-post-ag'

    >>> slug("Art 5(1)(a)")
    'art-5-1-a'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def digest(*parts: str, length: int = 16) -> str:
    """Short, stable SHA-1 hex digest of the parts (joined by a unit separator).

    >>> digest("https://example.org")
    '434178b2be512144'
    """
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]


def mint(kind: str, key: str) -> URIRef:
    """The IRI of a record of ``kind`` with stable ``key``.

    >>> mint("decision", "lloyd-v-google-2021")
    rdflib.term.URIRef('https://w3id.org/regkg/id/decision/lloyd-v-google-2021')
    """
    return URIRef(f"{ID_BASE}{kind}/{key}")


def graph_iri(source_id: str) -> URIRef:
    """The IRI of the named graph of a source (a curated file or an imported source).

    >>> graph_iri("curated-decisions")
    rdflib.term.URIRef('https://w3id.org/regkg/graph/curated-decisions')
    """
    return URIRef(f"{GRAPH_BASE}{source_id}")
