"""Curated matches between a curated legal question and a question made from a CJEU coding
concept (``data/question-matches.yaml``), so the question's page gathers the holdings of both."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from graph.errors import SourceDataError
from graph.importers.concepts import concept_question_key
from graph.settings import data_dir
from graph.vocabulary.strings import ID_BASE

FILE = "question-matches.yaml"
FIELDS = frozenset({"question", "concept", "reason", "source"})


@dataclass(frozen=True)
class QuestionMatch:
    """A curated question (its id in ``precedents.yaml``) that is the same question as the one
    made from ``concept``, why, and the source read (a URL, or dataset and record)."""

    question: str
    concept: str
    reason: str
    source: str

    @property
    def curated_iri(self) -> str:
        return f"{ID_BASE}question/{self.question}"

    @property
    def concept_iri(self) -> str:
        return f"{ID_BASE}question/{concept_question_key(self.concept)}"


def load(path: Path | None = None) -> tuple[QuestionMatch, ...]:
    """The matches in ``path`` (default: the data folder's file; none if it is absent). A
    malformed entry is a :class:`SourceDataError` naming the file, entry and field.

    Why a file read here and not a graph: the concept questions exist only after ``regkg import cjeu
    … --holdings``, while the curated build must not name records it does not hold; the match is
    read when the page asks, and joins whatever the store holds. Each match carries the reason and
    the source a reviewer gave.
    """
    path = path or data_dir() / FILE
    if not path.exists():
        return ()
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise SourceDataError(path.name, None, None, f"not readable YAML: {exc}") from None
    entries = doc.get("matches") if isinstance(doc, dict) else None
    if not isinstance(entries, list):
        raise SourceDataError(path.name, None, "matches", "expected a list")
    return tuple(_match(path.name, i, e) for i, e in enumerate(entries, 1))


def _match(file: str, i: int, e: object) -> QuestionMatch:
    where = f"entry {i}"
    if not isinstance(e, dict):
        raise SourceDataError(file, where, None, "expected a mapping")
    unknown = sorted(set(e) - FIELDS)
    if unknown:
        raise SourceDataError(file, where, unknown[0], "unknown field")
    for name in ("question", "concept", "reason"):
        value = e.get(name)
        if not isinstance(value, str) or not value.strip():
            raise SourceDataError(file, where, name, "must be text")
    src = e.get("source")
    if not isinstance(src, dict) or not (
        src.get("url") or (src.get("dataset") and src.get("record"))
    ):
        raise SourceDataError(file, where, "source", "needs a url, or a dataset and a record")
    source = str(src.get("url") or f"{src['dataset']}, record {src['record']}")
    return QuestionMatch(e["question"].strip(), e["concept"].strip(), e["reason"].strip(), source)


def same_questions(iri: str, matches: tuple[QuestionMatch, ...]) -> tuple[str, ...]:
    """The IRIs of the questions a match makes the same as ``iri`` (either side), sorted.

    >>> from graph.explorer.question_matches import QuestionMatch, same_questions
    >>> m = QuestionMatch("q03", "REPRESENTATIVE_ACTIONS", "same subject", "holdings.csv")
    >>> same_questions("https://w3id.org/regkg/id/question/q03", (m,))
    ('https://w3id.org/regkg/id/question/cjeu-coding-representative-actions',)
    >>> concept = "https://w3id.org/regkg/id/question/cjeu-coding-representative-actions"
    >>> same_questions(concept, (m,))
    ('https://w3id.org/regkg/id/question/q03',)
    """
    out = {m.concept_iri for m in matches if m.curated_iri == iri}
    out |= {m.curated_iri for m in matches if m.concept_iri == iri}
    return tuple(sorted(out))


def matches_of(iri: str, matches: tuple[QuestionMatch, ...]) -> tuple[QuestionMatch, ...]:
    """The matches naming ``iri`` on either side."""
    return tuple(m for m in matches if iri in (m.curated_iri, m.concept_iri))
