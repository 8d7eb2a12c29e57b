"""Vega-Lite specifications of the app's charts, as plain dictionaries.

The pages hand these to ``st.vega_lite_chart`` with their data. Writing the specification
directly, instead of building it with Altair (which ``st.bar_chart`` and ``st.altair_chart`` do),
saves importing Altair (~0.7 s) and building its chart objects on a page's first render. Titles
and field names come from the code, never from the data; the data's values reach the chart only
as data (drawn as text on a canvas or SVG by the bundled Vega).

>>> bar_spec("Year", horizontal=False)["encoding"]["x"]
{'field': 'Year', 'type': 'nominal', 'title': 'Year', 'sort': None}
>>> timeline_spec("Question", "Direction", ["Date"])["mark"]["type"]
'circle'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Spec = dict[str, Any]


def bar_spec(category: str, *, horizontal: bool, value: str = "EUR", count: str = "Fines") -> Spec:
    """Bars of ``value`` per ``category``; horizontal bars are sorted by value, largest first,
    vertical ones keep the data's order (for years)."""
    cat: dict[str, Any] = {"field": category, "type": "nominal", "title": category}
    val: dict[str, Any] = {"field": value, "type": "quantitative", "title": value}
    if horizontal:
        cat["sort"] = "-x"
        cat["axis"] = {"labelLimit": 220}
    else:
        cat["sort"] = None
    tooltip = [
        {"field": category, "type": "nominal"},
        {"field": value, "type": "quantitative", "format": ",.0f"},
        {"field": count, "type": "quantitative"},
    ]
    return {
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": val if horizontal else cat,
            "y": cat if horizontal else val,
            "tooltip": tooltip,
        },
    }


def timeline_spec(
    y: str,
    colour: str,
    tooltip: Sequence[str],
    *,
    when: str = "When",
    size: int = 90,
    opacity: float = 0.85,
    keep_order: bool = False,
    colours: Sequence[tuple[str, str]] | None = None,
    colour_title: str | None = None,
) -> Spec:
    """Points on a time axis (``when``: ISO dates), one row per ``y`` value, coloured by
    ``colour`` (with ``colours``: fixed ``(value, hex colour)`` pairs)."""
    colour_enc: dict[str, Any] = {"field": colour, "type": "nominal"}
    if colours is not None:
        colour_enc["scale"] = {
            "domain": [v for v, _c in colours],
            "range": [c for _v, c in colours],
        }
    if colour_title is not None:
        colour_enc["title"] = colour_title
    y_enc: dict[str, Any] = {
        "field": y,
        "type": "nominal",
        "title": None,
        "axis": {"labelLimit": 260},
    }
    if keep_order:
        y_enc["sort"] = None
    return {
        "mark": {"type": "circle", "size": size, "opacity": opacity},
        "encoding": {
            "x": {"field": when, "type": "temporal", "title": "Date", "axis": {"format": "%b %Y"}},
            "y": y_enc,
            "color": colour_enc,
            "tooltip": [{"field": f, "type": "nominal"} for f in tooltip],
        },
    }
