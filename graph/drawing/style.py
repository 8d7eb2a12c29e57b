"""Colours, shapes and the legend of the drawn graphs (one style per node kind)."""

from __future__ import annotations

import html
from collections.abc import Iterable

from graph.network.views import KINDS

#: Colour (hex) and vis-network shape per node kind; every kind of
# :data:`graph.network.views.KINDS`.
KIND_STYLE: dict[str, tuple[str, str]] = {
    "Fine": ("#d62728", "diamond"),
    "Order": ("#ff7f0e", "diamond"),
    "Settlement": ("#bcbd22", "diamond"),
    "Investigation": ("#8c564b", "triangleDown"),
    "DraftDecision": ("#e377c2", "diamond"),
    "BindingDecision": ("#9467bd", "diamond"),
    "CourtCase": ("#7f7f7f", "star"),
    "Judgment": ("#17becf", "star"),
    "Company": ("#1f77b4", "dot"),
    "PublicBody": ("#aec7e8", "dot"),
    "LawFirm": ("#c49c94", "dot"),
    "Court": ("#2ca02c", "hexagon"),
    "Regulator": ("#98df8a", "hexagon"),
    "Person": ("#ff9896", "triangle"),
    "AnonymousParty": ("#c7c7c7", "triangle"),
    "LegalInstrument": ("#dbdb8d", "square"),
    "Provision": ("#ffbb78", "square"),
    "LegalQuestion": ("#f7b6d2", "square"),
    "Statistic": ("#9edae5", "triangleDown"),
    "Jurisdiction": ("#c5b0d5", "hexagon"),
}
#: Style of a node whose kind is missing or unknown.
DEFAULT_STYLE = ("#999999", "dot")
#: Glyph standing for each vis-network shape in a text legend.
SHAPE_GLYPHS: dict[str, str] = {
    "dot": "\u25cf",
    "diamond": "\u25c6",
    "square": "\u25a0",
    "triangle": "\u25b2",
    "triangleDown": "\u25bc",
    "star": "\u2605",
    "hexagon": "\u2b22",
}


def legend_items() -> list[tuple[str, str, str]]:
    """``(kind, colour, shape)`` for every node kind, in :data:`graph.network.views.KINDS` order.

    >>> legend_items()[0]
    ('Fine', '#d62728', 'diamond')
    """
    return [(kind, *KIND_STYLE.get(kind, DEFAULT_STYLE)) for kind in KINDS]


def legend_html(kinds: Iterable[str] | None = None) -> str:
    """A one-line HTML legend (colour and shape glyph per kind) for ``kinds`` (default: all).

    Built only from the style constants, escaped all the same; unknown kinds get the default
    style. For ``st.html`` beside a drawing.

    >>> legend_html(["Fine", "Court"]).count('style="color:')
    2
    >>> "#d62728" in legend_html(["Fine"]) and "Court" not in legend_html(["Fine"])
    True
    """
    wanted = list(KINDS) if kinds is None else list(dict.fromkeys(kinds))
    items = []
    for kind in wanted:
        colour, shape = KIND_STYLE.get(kind, DEFAULT_STYLE)
        glyph = SHAPE_GLYPHS.get(shape, SHAPE_GLYPHS["dot"])
        items.append(
            '<span style="margin-right:1em;white-space:nowrap">'
            f'<span style="color:{html.escape(colour)}">{glyph}</span> {html.escape(kind)}</span>'
        )
    style = "display:flex;flex-wrap:wrap;row-gap:0.2em"
    return f'<div class="regkg-legend" style="{style}">{" ".join(items)}</div>'
