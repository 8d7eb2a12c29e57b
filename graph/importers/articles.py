"""Article references as the trackers write them → provision references of the curated scheme, so
an imported provision gets the same IRI as a curated one; what cannot be resolved stays text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.cleaning.text import clean_text, fold, is_placeholder, strip_parens

GDPR = "GDPR"
#: Misspellings of "GDPR" seen in the trackers.
_GDPR_TYPOS = {"gdpr", "gpdr", "gdrp", "dsgvo", "rgpd", "general data protection regulation"}
_GROUP_SPLIT = re.compile(r"(?:[,;.]\s*|\s+)(?=Art\b|Art[.,]|Article\b|§)", re.IGNORECASE)
_GROUP_HEAD = re.compile(r"^(?:Art(?:icle)?s?\s*[.,]?|§)\s*", re.IGNORECASE)
_TOKEN = re.compile(
    r"\s*(?:(?P<art>\d{1,3}[a-z]?)(?![\w/])|\((?P<par>\s*\d{1,3}[a-z]?\s*)\)"
    r"|(?P<let>[a-z])\)|\((?P<plet>[a-z])\)|(?P<comma>,)|(?P<skip>lit\.|sentence \d+|no\.))",
    re.IGNORECASE,
)


@dataclass
class Refs:
    """Provision references, whole-instrument references (short names) and unresolved text."""

    provisions: list[str] = field(default_factory=list)
    instruments: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)

    def extend(self, other: Refs) -> None:
        for mine, theirs in (
            (self.provisions, other.provisions),
            (self.instruments, other.instruments),
            (self.unresolved, other.unresolved),
        ):
            mine.extend(x for x in theirs if x not in mine)


class Instruments:
    """Finds a curated instrument's short name from the way a tracker names it."""

    def __init__(self, shorts_and_titles: Iterable[tuple[str, str]]) -> None:
        self.by_name: dict[str, str | None] = {}
        pairs = list(shorts_and_titles)
        for short, _title in pairs:
            self.by_name[fold(short)] = short
        for short, title in pairs:
            outer, inner = strip_parens(title)
            for variant in {fold(v) for v in (title, outer, *inner)} - {fold(s) for s, _ in pairs}:
                # a title shared by two instruments ("Data Protection Act 2018") is ambiguous
                seen = self.by_name.get(variant, short)
                self.by_name[variant] = short if seen == short else None
        for typo in _GDPR_TYPOS:
            self.by_name.setdefault(typo, GDPR)

    def find(self, text: str) -> str | None:
        """The short name of the instrument ``text`` names, if it is a curated one."""
        key = fold(text)
        key = re.sub(r"^(?:of )?(?:the )?", "", key)
        words = key.split()
        if words and len(set(words)) == 1:  # "GDPR GDPR"
            key = words[0]
        return self.by_name.get(key)


def _path(article: str, paras: list[str], letter: str | None) -> str:
    return f"Art {article}" + "".join(f"({p})" for p in paras) + (f"({letter})" if letter else "")


def _parse_group(group: str, instruments: Instruments) -> Refs:
    """One ``Art. <refs> <instrument>`` group: items share the instrument named at the end."""
    out = Refs()
    body = _GROUP_HEAD.sub("", group, count=1)
    items: list[tuple[str, list[str], str | None]] = []
    article: str | None = None
    paras: list[str] = []
    letter: str | None = None
    pos = 0
    started = False
    while pos < len(body):
        m = _TOKEN.match(body, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        if m["art"]:
            if started:
                items.append((article or "", paras, letter))
            article, paras, letter, started = m["art"].lower(), [], None, True
        elif m["par"]:
            paras = [*paras, m["par"].strip()] if letter is None else [m["par"].strip()]
            letter, started = None, True
        elif m["let"] or m["plet"]:
            letter, started = (m["let"] or m["plet"]).lower(), True
        elif m["comma"] and started:
            items.append((article or "", paras, letter))
            # the next item inherits what it leaves out: "5 (1) c), f)" or "25 (1), (2)"
            paras = paras[:-1] if paras and _next_is(body, pos, "par") else paras
            letter, started = None, False
    if started:
        items.append((article or "", paras, letter))
    rest = body[pos:].strip(" ,;.")
    short = instruments.find(rest) if rest else GDPR
    if not items or any(not a for a, _p, _l in items) or short is None:
        if not items and (found := instruments.find(strip_parens(group)[0])):
            out.instruments.append(found)
        else:
            out.unresolved.append(group)
        return out
    for art, ps, let in items:
        ref = f"{short} {_path(art, ps, let)}"
        if ref not in out.provisions:
            out.provisions.append(ref)
    return out


def _next_is(body: str, pos: int, kind: str) -> bool:
    m = _TOKEN.match(body, pos)
    return bool(m and m[kind])


def tracker_refs(text: object, instruments: Instruments) -> Refs:
    """``Art. 5 (1) a), c) GDPR, Art. 6 GDPR, Art. 82 loi …`` (Enforcement Tracker, PrivacyAffairs).

    A group without an instrument is read as GDPR, the trackers' subject.

    References come out as ``"<instrument short name> <path>"`` (``"GDPR Art 5(1)(c)"``), the form
    :class:`graph.cleaning.law.ShortNames` parses, so an imported provision gets the same IRI as a
    curated one (``id/provision/gdpr-art-5-1-c``). What cannot be resolved to a curated instrument
    (national law, free text) is kept as text.

    >>> gdpr = "Regulation (EU) 2016/679 (General Data Protection Regulation)"
    >>> inst = Instruments([("GDPR", gdpr)])
    >>> tracker_refs("Art. 5 (1) c), 5 (1) f) GDPR, Art. 12 (1) GDPR", inst).provisions
    ['GDPR Art 5(1)(c)', 'GDPR Art 5(1)(f)', 'GDPR Art 12(1)']
    >>> refs = tracker_refs("Art. 25 (1), (2) GDPR, Art. 82 loi Informatique et Libertés", inst)
    >>> refs.provisions, refs.unresolved
    (['GDPR Art 25(1)', 'GDPR Art 25(2)'], ['Art. 82 loi Informatique et Libertés'])
    """
    out = Refs()
    cleaned = clean_text(text, 2000)
    if is_placeholder(cleaned) or fold(cleaned) in ("several", "various"):
        return out
    for group in _GROUP_SPLIT.split(cleaned):
        group = group.strip(" ,;")
        if group and _GROUP_HEAD.sub("", group, count=1).strip(" .,"):
            out.extend(_parse_group(group, instruments))
    return out


_GDPRHUB_ITEM = re.compile(
    r"^(?:Art(?:icle)?\.?\s*)?(\d{1,3})((?:\s*\(\s*[0-9a-z]{1,4}\s*\))*)\s*(?:GDPR)?$", re.I
)


def gdprhub_refs(text: object) -> Refs:
    """GDPRhub's ``Relevant GDPR articles``: ``5(1)(f), 32, 83(2)``, all GDPR articles.

    >>> gdprhub_refs("5(1)(f), 32, 83(2)").provisions
    ['GDPR Art 5(1)(f)', 'GDPR Art 32', 'GDPR Art 83(2)']
    """
    out = Refs()
    for item in clean_text(text, 2000).split(","):
        item = item.strip()
        if is_placeholder(item):
            continue
        m = _GDPRHUB_ITEM.match(item)
        if not m:
            out.unresolved.append(f"{item} (GDPR)")
            continue
        parts = [p.strip() for p in re.findall(r"\(\s*([0-9a-z]+)\s*\)", m[2], re.I)]
        ref = f"{GDPR} Art {m[1]}" + "".join(f"({p.lower()})" for p in parts)
        if ref not in out.provisions:
            out.provisions.append(ref)
    return out


_CJEU_CODE = re.compile(r"^A(\d{1,3})((?:PT\d+|P\d+|L[A-Z]|L\d+|SNT\d+)*)$")
_CJEU_PART = re.compile(r"PT(\d+)|P(\d+)|L([A-Z])|L(\d+)|SNT(\d+)")


def cjeu_refs(text: object) -> Refs:
    """EUR-Lex location codes of GDPR provisions: ``A82P1`` = Art 82(1), ``A04PT11`` = Art 4(11),
    ``A06P1L1LB`` = Art 6(1) first subparagraph (b); subparagraph and sentence numbers are
    dropped.

    >>> refs = cjeu_refs("A04PT11, A06P1L1LB, A82P1, CH8")
    >>> refs.provisions, refs.unresolved
    (['GDPR Art 4(11)', 'GDPR Art 6(1)(b)', 'GDPR Art 82(1)'], ['CH8 (GDPR location code)'])
    """
    out = Refs()
    for code in clean_text(text, 2000).split(","):
        code = code.strip().upper()
        if not code:
            continue
        m = _CJEU_CODE.match(code)
        if not m:
            out.unresolved.append(f"{code} (GDPR location code)")
            continue
        path = f"Art {int(m[1])}"
        for pt, par, let, _sub, _snt in _CJEU_PART.findall(m[2]):
            if pt or par:
                number = int(pt or par)
                path += f"({number})" if number else ""
            elif let:
                path += f"({let.lower()})"
        ref = f"{GDPR} {path}"
        if ref not in out.provisions:
            out.provisions.append(ref)
    return out
