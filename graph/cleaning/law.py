"""Provision references: ``"GDPR Art 5(1)(a)"`` → instrument ``gdpr`` + path ``Art 5(1)(a)``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.vocabulary.ids import slug

_ARTICLE_RE = re.compile(
    r"^(?:Art(?:icle)?\.?|s\.?|section|§|Rule|Para)?\s*([0-9]+[A-Za-z]?)", re.I
)


@dataclass(frozen=True)
class ProvisionRef:
    """A parsed reference: its instrument id, and (unless it names the whole instrument) a path."""

    instrument: str
    path: str | None
    key: str | None
    article: str | None


class ShortNames:
    """Resolves references by instrument short name (longest match first).

    The longest instrument short name that prefixes the reference wins, so ``UK GDPR Art 8``
    resolves to the UK GDPR, not the GDPR.

    >>> index = ShortNames({"GDPR": "gdpr", "UK GDPR": "uk-gdpr", "COPPA Rule": "coppa-rule"})
    >>> index.parse("UK GDPR Art 8")
    ProvisionRef(instrument='uk-gdpr', path='Art 8', key='uk-gdpr-art-8', article='8')
    >>> index.parse("COPPA Rule")
    ProvisionRef(instrument='coppa-rule', path=None, key=None, article=None)
    >>> index.parse("GDPR Art 5(1)(a)").article
    '5'
    """

    def __init__(self, short_to_id: dict[str, str]) -> None:
        self._names = sorted(short_to_id.items(), key=lambda kv: -len(kv[0]))

    def parse(self, ref: str) -> ProvisionRef:
        """Parse one reference, or raise ``ValueError`` naming what is wrong."""
        text = " ".join(ref.split())
        for short, instrument in self._names:
            if text == short:
                return ProvisionRef(instrument, None, None, None)
            if text.startswith(short + " "):
                path = text[len(short) + 1 :]
                m = _ARTICLE_RE.match(path)
                article = m.group(1) if m else None
                return ProvisionRef(instrument, path, f"{instrument}-{slug(path)}", article)
        msg = f"provision reference {ref!r} does not start with a known instrument short name"
        raise ValueError(msg)
