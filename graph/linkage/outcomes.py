"""What a court did with a regulator's decision, read from a record's own words (trackers state a
review's result only in prose), so a fine's status follows from its procedure chain."""

from __future__ import annotations

import re

UPHELD, VARIED, SET_ASIDE = "upheld", "varied", "set-aside"

_ANNUL = r"(?:annul\w*|overturn\w*|overrul\w*|set\s+aside|quash\w*|revers\w*|revok\w*)"
#: The reviewed thing is a regulator's act: its decision, fine or penalty, or the regulator named.
_REGULATOR = re.compile(
    r"\b(?:DPA|DPAs|SA|data protection (?:authority|office|board|commissioner|inspectorate)|"
    r"supervisory authority|information commissioner|commissioner|regulator|CNIL|Garante|AEPD|"
    r"ICO|DPC|UODO|APD|GBA|AP|BfDI|BlnBDI|HmbBfDI|Datatilsynet|Datainspektionen|IMY|ANSPDCP|"
    r"CNPD|NAIH|HDPA|AKI|fine|fines|fined|penalty|sanction\w*)\b",
    re.IGNORECASE,
)
#: A lower court's judgment as the reviewed act: not a regulator's decision.
_LOWER_COURT = re.compile(r"\b(?:lower|first[- ]instance|district|regional) court'?s?\b", re.I)
_REDUCED = re.compile(
    r"\b(?:reduc\w*|lower\w*|cut|decreas\w*)\b[^.;]{0,80}\b(?:fine|penalty|amount|sanction)\b|"
    r"\b(?:fine|penalty|amount|sanction)\b[^.;]{0,80}\b(?:reduc\w*|lower\w*|decreas\w*)\b|"
    r"\bpartly\s+" + _ANNUL + r"|\bpartially\s+" + _ANNUL + r"|\bin part\b",
    re.IGNORECASE,
)
_UPHELD = re.compile(
    r"\b(?:upheld|confirmed|affirmed|endorsed|maintained)\s+(?:the\s+|a\s+)?(?:\w+\s+){0,3}"
    r"(?:DPA|authority|commissioner|regulator|decision|fine|penalty|sanction)|"
    r"\b(?:reject\w*|dismiss\w*|refus\w*)\b[^.;]{0,60}\b(?:appeal|action|challenge|request|claim|"
    r"complaint|application)\b|"
    r"\b(?:decision|fine|penalty)\b[^.;]{0,60}\b(?:was|were|is)\s+(?:confirmed|upheld)\b",
    re.IGNORECASE,
)
#: A confirmed annulment is an annulment: "confirmed the lower court's annulment of …".
_CONFIRMED_ANNULMENT = re.compile(r"\b(?:confirmed|upheld)\b[^.;]{0,40}\bannulment\b", re.I)
_SET_ASIDE = re.compile(r"\b" + _ANNUL + r"\b", re.IGNORECASE)
#: On a regulator's own row: a court overturned this fine or decision.
_ROW_SET_ASIDE = re.compile(
    r"\b(?:court|tribunal|judge)\b[^.;]{0,120}\b" + _ANNUL + r"\s+(?:the|a|this|its)\s+"
    r"(?:\w+\s+){0,2}(?:fine|decision|penalty|sanction)\b|"
    r"\b(?:fine|decision|penalty|sanction)\b[^.;]{0,80}\b(?:has been|had been|was|were)\s+"
    + _ANNUL
    + r"\b[^.;]{0,40}\b(?:court|tribunal|judge)\b",
    re.IGNORECASE,
)


def review_outcome(text: str) -> str | None:
    """What the court whose record says ``text`` did with a regulator's decision: ``upheld``,
    ``varied`` (reduced, or set aside in part) or ``set-aside``; ``None`` when the text does not
    say, or speaks of another court's judgment rather than a regulator's act.

    Trackers state a review's result only in prose: GDPRhub's court pages ("The Court of Appeal
    annulled a Belgian DPA's decision that had fined a controller €7,500"), the Enforcement
    Tracker's updates on a fine's own row ("Update: The Court of Rome overturned the fine of EUR
    26.5 million"). The linkage stage reads them here to derive a fine's status from its procedure
    chain; a text that does not say clearly what happened to a regulator's decision gives ``None``.

    >>> review_outcome("The Regional Court Berlin overturned the decision of the DPA to fine "
    ...                "X €14.5m")
    'set-aside'
    >>> review_outcome("The court rejected Google's appeal to annul the CNIL's fine of "
    ...                "€ 100 million.")
    'upheld'
    >>> review_outcome("The court rejected Google's request to overturn the DPA's decision. "
    ...                "However, it reduced the fine imposed by the DPA from €7 million to "
    ...                "€5,091,000.")
    'varied'
    >>> review_outcome("The CNPD's decision, including the EUR 746 million fine, was confirmed "
    ...                "in full")
    'upheld'
    >>> review_outcome("The Higher Regional Court overturned the decision of a lower court.")
    """
    if not _REGULATOR.search(text):
        return None
    if _LOWER_COURT.search(text) and not re.search(r"\b(?:DPA|authority|fine)\b", text, re.I):
        return None
    if _REDUCED.search(text):
        return VARIED
    if _CONFIRMED_ANNULMENT.search(text):
        return SET_ASIDE
    if _UPHELD.search(text) and not re.search(r"\bupheld the (?:appeal|action)\b", text, re.I):
        return UPHELD
    if _SET_ASIDE.search(text):
        return SET_ASIDE
    return None


def row_set_aside(text: str) -> bool:
    """Whether a regulator's own record (a tracker row) says a court set the decision aside.

    >>> row_set_aside("… Update: The Court of Rome overturned the fine of EUR 26.5 million.")
    True
    >>> row_set_aside("The debt had been annulled, which was also confirmed in a court ruling.")
    False
    """
    return bool(_ROW_SET_ASIDE.search(text))
