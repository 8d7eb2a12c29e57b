"""``sh:pattern`` as XPath (``fn:matches``) reads it, translated to a Python regex; anything not
translated exactly is refused, so a silent mismatch never passes bad data."""

from __future__ import annotations

import re
from functools import lru_cache

FLAGS = frozenset("imsx")
_LITERAL_ESCAPES = set("nrt\\|.?*+(){}-[]^$")
_QUANTIFIER = re.compile(r"\{[0-9]+(?:,[0-9]*)?\}")
_SPACE = " \t\n\r"


def _escape(e: str, in_class: bool) -> str:
    if e in _LITERAL_ESCAPES or e in "dD":
        return "\\" + e
    if e == "s":
        return r" \t\n\r" if in_class else r"[ \t\n\r]"
    if e == "S" and not in_class:
        return r"[^ \t\n\r]"
    msg = f"the escape \\{e}" + (" in a character class" if in_class else "")
    raise ValueError(msg)


def _translate(pattern: str, flags: str) -> str:
    multiline, dotall, extended = "m" in flags, "s" in flags, "x" in flags
    out: list[str] = []
    i, n, in_class, quantified = 0, len(pattern), False, False
    while i < n:
        c = pattern[i]
        after_quantifier, quantified = quantified, False
        if extended and c in _SPACE and not in_class:
            i += 1
            continue
        if c == "\\":
            if i + 1 >= n:
                msg = "a trailing backslash"
                raise ValueError(msg)
            out.append(_escape(pattern[i + 1], in_class))
            i += 2
            continue
        if in_class:
            if c == "[":
                msg = "a nested character class or class subtraction"
                raise ValueError(msg)
            in_class = c != "]"
            out.append("\\" + c if c in "&~|" else c)
            i += 1
            continue
        if c == "[":
            start = i + 2 if pattern.startswith("[^", i) else i + 1
            if pattern.startswith("]", start):
                msg = "an empty character class"
                raise ValueError(msg)
            out.append(pattern[i:start])
            in_class, i = True, start
            continue
        if c == "{":
            m = _QUANTIFIER.match(pattern, i)
            if m is None:
                msg = "a '{' that does not start a quantifier {n}, {n,} or {n,m}"
                raise ValueError(msg)
            out.append(m.group(0))
            i, quantified = m.end(), True
            continue
        if c in "}]":
            msg = f"an unescaped {c!r}"
            raise ValueError(msg)
        if c == "(" and pattern.startswith("(?", i):
            if not pattern.startswith("(?:", i):
                msg = "a '(?' group other than '(?:'"
                raise ValueError(msg)
            out.append("(?:")
            i += 3
            continue
        if c == "+" and after_quantifier:
            msg = "a possessive quantifier"
            raise ValueError(msg)
        quantified = c in "*+?" and not after_quantifier
        if c == ".":
            out.append("." if dotall else r"[^\n\r]")
        elif c == "^":
            out.append(r"(?:\A|(?<=\n)(?!\Z))" if multiline else r"\A")
        elif c == "$":
            out.append(r"(?:(?=\n)|\Z(?<!\n))" if multiline else r"\Z")
        else:
            out.append(c)
        i += 1
    if in_class:
        msg = "an unclosed character class"
        raise ValueError(msg)
    return "".join(out)


@lru_cache(maxsize=256)
def xpath_regex(pattern: str, flags: str) -> re.Pattern[str]:
    """The Python regex that matches as ``fn:matches(text, pattern, flags)`` (use ``search``).
    Raises :class:`ValueError` for a pattern or flag it cannot translate exactly.

    The two dialects differ where a silent mismatch would pass bad data: Python's ``$`` also matches
    before a final newline (``"EUR\\n"`` would pass ``^[A-Z]{3}$``), ``.`` matches a carriage
    return, ``\\s`` matches more than XPath's four whitespace characters, and a malformed ``{`` is a
    literal in Python. So the pattern is rewritten token by token: ``^``/``$`` anchor at the
    string's ends (or XPath's line ends with the ``m`` flag), ``.`` excludes ``\\n`` and ``\\r``
    (unless ``s``), ``x`` strips whitespace outside character classes, ``i`` is case-insensitive.
    Anything not translated exactly is refused with :class:`ValueError`: flags other than lowercase
    ``i``, ``m``, ``s``, ``x``; ``\\w``/``\\W``, ``\\i``/``\\c``/``\\p`` escapes, back-references,
    class subtraction, ``(?`` groups other than ``(?:``, possessive quantifiers.
    """
    unknown = sorted(set(flags) - FLAGS)
    if unknown:
        msg = f"sh:flags {flags!r}: only the XPath flags i, m, s, x (lowercase) are supported"
        raise ValueError(msg)
    try:
        translated = _translate(pattern, flags)
    except ValueError as err:
        msg = f"sh:pattern {pattern!r}: {err} is not supported"
        raise ValueError(msg) from err
    bits = (re.IGNORECASE if "i" in flags else 0) | (re.DOTALL if "s" in flags else 0)
    try:
        return re.compile(translated, bits)
    except re.error as err:
        msg = f"sh:pattern {pattern!r} is not a valid regular expression: {err}"
        raise ValueError(msg) from err
