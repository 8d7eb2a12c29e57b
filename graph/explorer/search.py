"""Search the graph by name, identifier or words, ranked: exact identifier and name matches first.
The user's text is bound as literals, never made query text."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox

from graph.explorer.refs import bind, kind_of, text
from graph.sparql.internal import internal_query
from graph.stores.contract import Store
from graph.vocabulary.strings import REG_IRI

#: At most this many words are matched in SPARQL (the slots ?w1 … ?w6 of ``search-text.rq``);
#: further words are checked in Python.
WORD_SLOTS = 6
MAX_QUERY_CHARS = 200
DEFAULT_LIMIT = 50
SNIPPET_CHARS = 160

IDENTIFIER_FIELDS = frozenset(
    {"ECLI", "CELEX", "neutral citation", "case number", "source record identifier"}
)
NAME_FIELDS = frozenset({"name", "other name", "short name"})

#: Text fields matching every word; which of them are searchable entities (and their labels and
#: kinds) comes from :data:`ENTITIES_QUERY`, joined in Python. One query doing both took ~10x
#: longer on a read-only disk store (Oxigraph joined the classes before filtering the text).
SEARCH_QUERY = internal_query("graph.explorer", "search-text")

ENTITIES_QUERY = internal_query("graph.explorer", "search-entities")


@dataclass(frozen=True)
class SearchHit:
    """One entity found: its best-matching field, a snippet of that field and its rank
    (0 exact identifier or name, 1 name starts with the text, 2 all words in a name,
    3 identifier contains the text, 4 words in a summary, outcome, holding or note)."""

    iri: str
    label: str
    kind: str
    field: str
    text: str
    rank: int


@dataclass(frozen=True)
class EntityChoice:
    """An entity for a picker: IRI, label and kind."""

    iri: str
    label: str
    kind: str


def fold(value: str) -> str:
    """Lower case without accents (compatibility decomposition, combining marks dropped).

    >>> fold("Agencia ESPAÑOLA de Protección"), fold("Øresund Straße")
    ('agencia espanola de proteccion', 'øresund strasse')
    """
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise(value: str) -> str:
    """Folded (:func:`fold`) with runs of white space collapsed (how text is compared).

    >>> normalise("  Acme   VIDÉO ")
    'acme video'
    """
    return " ".join(fold(value).split())


#: Characters with a meaning in SPARQL's (XPath) regular expressions, escaped in a pattern.
_REGEX_META = frozenset("\\|.-^?*+{}()[]$")


@lru_cache(maxsize=1)
def _accented() -> dict[str, str]:
    """Each base letter and the lower-case Latin letters that fold to it (``e`` → ``èéêë…``)."""
    table: dict[str, set[str]] = {}
    for cp in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]:
        ch = chr(cp).lower()
        base = fold(ch)
        if len(base) == 1 and base != ch and len(ch) == 1:
            table.setdefault(base, set()).add(ch)
    return {base: "".join(sorted(chars)) for base, chars in table.items()}


def pattern(word: str) -> str:
    """A regular expression matching the folded ``word`` in text written with or without
    accents (used with the case-insensitive flag); other characters match only themselves.

    >>> import re
    >>> texts = ("Española", "ESPANOLA", "espanol")
    >>> [bool(re.fullmatch(pattern("espanola"), t, re.I)) for t in texts]
    [True, True, False]
    >>> pattern("ç")
    '[cçćĉċčḉ]'
    """
    out = []
    for ch in fold(word):
        if ch in _accented():
            out.append(f"[{ch}{_accented()[ch]}]")
        else:
            out.append("\\" + ch if ch in _REGEX_META else ch)
    return "".join(out)


def words(query: str) -> list[str]:
    """The distinct words of a query, lower case, in order (capped in length).

    >>> words("Acme  acme Video")
    ['acme', 'video']
    """
    out: list[str] = []
    for w in normalise(query[:MAX_QUERY_CHARS]).split(" "):
        if w and w not in out:
            out.append(w)
    return out


def rank(field: str, value: str, query: str) -> int:
    """The rank of a match of ``query`` in ``field`` (lower is better).

    >>> rank("ECLI", "ECLI:AA:ASC:2021:1", "ecli:aa:asc:2021:1"), rank("summary", "x acme", "acme")
    (0, 4)
    """
    v, q = normalise(value), normalise(query)
    if field in IDENTIFIER_FIELDS | NAME_FIELDS and v == q:
        return 0
    if field in NAME_FIELDS:
        return 1 if v.startswith(q) else 2
    if field in IDENTIFIER_FIELDS:
        return 3
    return 4


def snippet(value: str, first_word: str, width: int = SNIPPET_CHARS) -> str:
    """Up to ``width`` characters of ``value`` around the first occurrence of ``first_word``.

    >>> snippet("a" * 200 + " needle " + "b" * 200, "needle", 20)
    '…aaaaaa needle bbbbbb…'
    """
    flat = " ".join(value.split())
    if len(flat) <= width:
        return flat
    at = max(flat.lower().find(first_word), 0)
    start = max(0, min(at - (width - len(first_word)) // 2, len(flat) - width))
    piece = flat[start : start + width].strip()
    return ("…" if start > 0 else "") + piece + ("…" if start + width < len(flat) else "")


def search(
    store: Store,
    query: str,
    limit: int = DEFAULT_LIMIT,
    known: Mapping[str, EntityChoice] | None = None,
) -> list[SearchHit]:
    """Entities matching every word of ``query`` in one field, best first, at most ``limit``.

    ``known`` is :func:`entities` by IRI, when the caller keeps it between searches (reading it
    is a large part of a search: figures in ``benchmarks/README.md``).

    The user's text never becomes query text: it is split into words, lower-cased, stripped of
    accents and bound as literals (``?w1`` … ``?w6``, projected because substitutions bind projected
    variables) with pyoxigraph substitutions: each word as a regular expression whose letters match
    their accented forms (:func:`pattern`, every other character escaped), applied
    case-insensitively, so ``espanola`` finds ``Española`` and ``ESPAÑOLA`` finds ``espanola``; an
    unused word slot is bound to the empty pattern, which every text matches. Searched fields: names
    (``rdfs:label``, ``skos:altLabel``, ``reg:shortName``), identifiers (ECLI, CELEX, neutral
    citation, case number, and the source record identifier such as an Enforcement Tracker ETid) and
    words in summaries, outcomes, findings, notes, states of the law and the answers of holdings (a
    holding's answer finds its decision and its question).

    >>> from graph.pipeline.sample import world_store
    >>> hits = search(world_store(), "acme video")
    >>> hits[0].label, hits[0].field, hits[0].rank
    ('Acme Video Ltd', 'other name', 0)
    >>> [h.label for h in search(world_store(), "ecli:aa:asc:2021:1")]
    ['Rex v Acme Group [2021] ASC 1']
    >>> search(world_store(), "FT-3")[0].iri
    'https://w3id.org/regkg/id/decision/bmcb-fine-2022'
    >>> search(world_store(), "   ")
    []
    """
    ws = words(query)
    if not ws:
        return []
    slots = (ws + [""] * WORD_SLOTS)[:WORD_SLOTS]
    values = {f"w{i}": ox.Literal(pattern(w)) for i, w in enumerate(slots, start=1)}
    if known is None:
        known = {e.iri: e for e in entities(store)}
    best: dict[str, SearchHit] = {}
    for row in store.query(SEARCH_QUERY, bind(**values)):
        iri = text(row, "entity") or ""
        entity = known.get(iri)
        if entity is None:
            continue
        value = text(row, "text") or ""
        if not all(w in fold(value) for w in ws[WORD_SLOTS:]):
            continue
        field = text(row, "field") or ""
        hit = SearchHit(
            iri=iri,
            label=entity.label,
            kind=entity.kind,
            field=field,
            text=snippet(value, ws[0]),
            rank=rank(field, value, query),
        )
        old = best.get(iri)
        if old is None or (hit.rank, hit.field, hit.text) < (old.rank, old.field, old.text):
            best[iri] = hit
    ordered = sorted(best.values(), key=lambda h: (h.rank, h.label.casefold(), h.iri))
    return ordered[:limit]


def entities(store: Store) -> list[EntityChoice]:
    """Every searchable entity, sorted by label (for pickers).

    >>> from graph.pipeline.sample import world_store
    >>> [e.kind for e in entities(world_store()) if e.label == "Acme Group plc"]
    ['Company']
    """
    out = []
    for row in store.query(ENTITIES_QUERY):
        types = [t[len(REG_IRI) :] for t in (text(row, "types") or "").split()]
        iri = text(row, "entity") or ""
        out.append(EntityChoice(iri, text(row, "label") or iri, kind_of(types)))
    return sorted(out, key=lambda e: (e.label.casefold(), e.iri))
