"""Text cleaning for tracker values: HTML entities and tags, control characters, placeholders."""

from __future__ import annotations

import html
import re
import unicodedata

from graph.cleaning.cuts import note_cut

#: Longest text kept from one field; longer values are cut (and the cut is marked with …).
MAX_TEXT = 5000
#: Longest name kept (authority, party, case number).
MAX_NAME = 300

_TAG = re.compile(r"<[^<>]{0,2000}>")
_SPACE = re.compile(r"\s+")

#: Values the trackers use for "unknown" (compared case-insensitively, after cleaning).
PLACEHOLDERS = frozenset(
    {
        "",
        "'-",
        "-",
        "–",
        "—",
        "?",
        "unknown",
        "n/a",
        "na",
        "n.a.",
        "none",
        "null",
        "nan",
        "undefined",
        "not available",
        "not known",
        "not disclosed",
        "redacted",
    }
)


def _drop_controls(text: str) -> str:
    """Remove control and format characters (keeps ordinary spaces)."""
    return "".join(
        " " if ch in "\t\r\n\v\f" else ch
        for ch in text
        if ch in "\t\r\n\v\f" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co")
    )


def clean_text(value: object, limit: int = MAX_TEXT) -> str:
    """Decode HTML entities, strip tags and control characters, collapse spaces, cut long text.

    A cut is noted (:func:`graph.cleaning.cuts.note_cut`) for the import report.

    >>> clean_text("Vodafone Espa&ntilde;a <strong>S.A.U.</strong>\\r\\n")
    'Vodafone España S.A.U.'
    >>> clean_text("<script>alert(1)</script>Acme")
    'alert(1) Acme'
    >>> clean_text("x" * 20, limit=10)
    'xxxxxxxxx…'
    """
    if value is None:
        return ""
    raw = str(value)
    text, cut = _clean(raw, limit)
    if cut:
        note_cut(raw, len(text))
    return text


def _clean(raw: str, limit: int) -> tuple[str, bool]:
    """The cleaned text, and whether anything of ``raw`` was cut off."""
    text, cut = raw, False
    if len(text) > limit * 4:  # bounded work: far longer values are cut before cleaning
        text, cut = text[: limit * 4], True
    for _ in range(2):  # entities may be encoded twice (&amp;#8217;)
        text = html.unescape(text)
    text = _TAG.sub(" ", text)
    text = text.replace("<", "‹").replace(">", "›")  # a stray bracket never reads as markup
    text = _SPACE.sub(" ", _drop_controls(text)).strip()
    text = re.sub(r"\s+([,.;:)])", r"\1", text)
    if len(text) > limit:
        text, cut = text[: limit - 1].rstrip() + "…", True
    return text, cut


def clean_name(value: object) -> str:
    """A cleaned single-line name (authority, party, case number), at most :data:`MAX_NAME`."""
    return clean_text(value, MAX_NAME).strip(" ,;")


def is_placeholder(value: object) -> bool:
    """Whether a value is one of the trackers' placeholders for "unknown" (or empty).

    >>> is_placeholder("'-"), is_placeholder(" Unknown "), is_placeholder("Acme")
    (True, True, False)
    """
    if value is None:
        return True
    return _clean(str(value), MAX_NAME)[0].casefold() in PLACEHOLDERS


def fold(text: str) -> str:
    """Case-folded text without accents, punctuation as single spaces: the key for names.

    Letters of other scripts are kept (``Δήμος`` folds to ``δημος``).

    >>> fold("Commission nationale de l'informatique et des libertés"), fold("Δήμος Α.Ε.")
    ('commission nationale de l informatique et des libertes', 'δημοσ α ε')
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\W_]+", " ", bare).split())


def strip_parens(text: str) -> tuple[str, list[str]]:
    """Text without its parenthesised parts, and those parts.

    >>> strip_parens("French Data Protection Authority (CNIL)")
    ('French Data Protection Authority', ['CNIL'])
    """
    inner = [m.strip(" '\"‘’") for m in re.findall(r"\(([^()]*)\)", text)]
    outer = re.sub(r"\([^()]*\)", " ", text)
    return " ".join(outer.split()).strip(" ,"), [i for i in inner if i]
