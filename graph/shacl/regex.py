"""``sh:pattern`` as XPath (``fn:matches``) reads it, translated to a Python regex by elementpath;
a pattern or flag that is not valid XPath is refused, so a silent mismatch never passes bad data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from elementpath.regex import RegexError, translate_pattern

FLAGS = frozenset("imsx")
# XPath's escapes: single characters, multi-character classes, \p{..}/\P{..}, back-references
_ESCAPES = frozenset("nrt\\|.?*+(){}-[]^$" + "sSiIcCdDwW" + "pP" + "0123456789")
_SPACE = " \t\n\r"
# XPath's "$" with the m flag: before a newline, or at the end if the text does not end in one
_LINE_END = r"(?:(?=\n)|\Z(?<!\n))"


def _tokens(regex: str, extended: bool = False) -> Iterator[tuple[str, bool]]:
    """``regex`` as escapes (a backslash and the character escaped) and single characters, each
    with whether it stands in a character class; ``extended`` drops whitespace outside classes."""
    depth, i, n = 0, 0, len(regex)
    while i < n:
        token = regex[i]
        i += 1
        if extended and not depth and token in _SPACE:
            continue
        if token == "\\":
            while extended and not depth and i < n and regex[i] in _SPACE:
                i += 1
            token += regex[i : i + 1]
            i += 1
        in_class = depth > 0
        depth += (token == "[") - (token == "]" and depth > 0)
        yield token, in_class


def _xpath_side(pattern: str, extended: bool) -> str:
    """``pattern`` with the ``x`` flag's whitespace removed and ``\\s``, ``\\S``, ``\\w``, ``\\W``
    put in a class (elementpath leaves them outside one to Python, whose are wider: no-break
    space, underscore); an escape XPath does not have is refused."""
    out = []
    for token, in_class in _tokens(pattern, extended):
        if token == "\\":
            msg = "a trailing backslash"
            raise ValueError(msg)
        if token[0] == "\\" and token[1] not in _ESCAPES:
            msg = f"the escape {token} (not an XPath escape)"
            raise ValueError(msg)
        out.append(f"[{token}]" if token[1:] in ("s", "S", "w", "W") and not in_class else token)
    return "".join(out)


@lru_cache(maxsize=256)
def xpath_regex(pattern: str, flags: str) -> re.Pattern[str]:
    """The Python regex that matches as ``fn:matches(text, pattern, flags)`` (use ``search``).
    Raises :class:`ValueError` for an unknown flag or a pattern that is not valid XPath.

    elementpath translates the whole XPath regex language (``\\p{..}`` categories and blocks,
    ``\\i``/``\\c``, class subtraction, back-references, reluctant quantifiers, ``^``/``$`` at the
    string's ends, ``.`` excluding ``\\n`` and ``\\r``); around it, where its translation is
    wider than XPath: ``\\s``/``\\w`` and their negations go into a class, the ``x`` flag strips
    whitespace here (Python's verbose mode would also read ``#`` as a comment), and with ``m`` a
    ``$`` does not match after a final newline. Flags: lowercase ``i``, ``m``, ``s``, ``x``
    (SPARQL 1.1 ``REGEX``; XPath 3's ``q`` is refused).
    """
    unknown = sorted(set(flags) - FLAGS)
    if unknown:
        msg = f"sh:flags {flags!r}: only the XPath flags i, m, s, x (lowercase) are supported"
        raise ValueError(msg)
    bits = (re.IGNORECASE if "i" in flags else 0) | (re.DOTALL if "s" in flags else 0)
    bits |= re.MULTILINE if "m" in flags else 0
    try:
        translated = translate_pattern(_xpath_side(pattern, "x" in flags), bits)
        if "m" in flags:
            translated = "".join(
                _LINE_END if t == "$" and not in_class else t for t, in_class in _tokens(translated)
            )
        return re.compile(translated, bits)
    except (ValueError, RegexError, re.error, OverflowError) as err:
        msg = f"sh:pattern {pattern!r} is not a valid XPath regular expression: {err}"
        raise ValueError(msg) from err
