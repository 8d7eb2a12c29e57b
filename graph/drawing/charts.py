"""The app's charts as static SVG, drawn here in Python: no charting script delays a page's first
render, and the frame they are shown in runs no script at all."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from graph.drawing.svg import (
    PALETTE,
    compact,
    day,
    document,
    esc,
    nice_ticks,
    page,
    shorten,
    text,
    tooltip,
)
from graph.drawing.svg import time_ticks as _time_ticks

#: (label, value, count) per group: what :func:`graph.explorer.tables.totals_by` returns.
Group = tuple[str, float, int]

BAR = PALETTE[0]
GRID = 'stroke="currentColor" stroke-opacity="0.15"'
AXIS = 'stroke="currentColor" stroke-opacity="0.5"'


@dataclass(frozen=True)
class Chart:
    """One chart: its SVG, drawn ``width`` x ``height`` pixels (narrower frames shrink it), and
    a title that names it for screen readers.

    Why not a charting library in the browser: its script delays each page's first render (the
    figures are in ``benchmarks/README.md``), while a small SVG page is drawn with the rest. The
    pages show :meth:`Chart.page` in an iframe (``st.iframe``; ``st.html`` drops SVG), whose
    Content-Security-Policy allows no script and no request at all. Every label and value from the
    data is escaped (:func:`graph.drawing.svg.esc`) and shown as text; hovering a bar, point or row
    label shows its details (an SVG ``<title>``). Text is in the system's sans-serif font (no font
    is fetched).
    """

    svg: str
    width: int
    height: int
    title: str

    def page(self) -> str:
        """The chart as a whole HTML page, for an iframe's ``srcdoc``
        (:func:`graph.drawing.svg.page`)."""
        return page(self.svg, self.title)


def _chart(width: int, height: int, title: str, body: list[str]) -> Chart:
    return Chart(document(width, height, title, body), width, height, title)


def bar_chart(
    groups: Sequence[Group],
    *,
    title: str,
    category: str,
    horizontal: bool,
    value: str = "EUR",
    count: str = "Fines",
    width: int = 360,
) -> Chart:
    """Bars of each group's value: horizontal ones (labels on the left) in the given order,
    vertical ones (a few short labels, such as years) in the given order too. Hovering a bar
    shows its label, value and count.

    >>> svg = bar_chart([("2021", 1_000_000.0, 2)], title="Fines per year", category="Year",
    ...     horizontal=False).svg
    >>> svg.count("<rect"), "<title>Year: 2021\\nEUR: 1,000,000\\nFines: 2</title>" in svg
    (1, True)
    """
    if not groups:
        return _chart(width, 40, title, [text(4, 24, "Nothing to chart.")])
    ticks = nice_ticks(max(g[1] for g in groups))
    draw = _horizontal if horizontal else _vertical
    return draw(groups, ticks, _Names(category, value, count), title, width)


@dataclass(frozen=True)
class _Names:
    """What a bar chart's axes and tooltips call a group's label, value and count."""

    category: str
    value: str
    count: str

    def tip(self, g: Group) -> str:
        return tooltip(
            [(self.category, g[0]), (self.value, f"{g[1]:,.0f}"), (self.count, str(g[2]))]
        )


def _horizontal(
    groups: Sequence[Group], ticks: list[float], names: _Names, title: str, width: int
) -> Chart:
    left, right, row, top = 150.0, width - 44.0, 22.0, 6.0
    bottom = top + row * len(groups)
    scale = (right - left) / ticks[-1]
    body = [text(4, top + row * len(groups) + 30, names.category, extra='font-weight="600"')]
    for t in ticks:
        x = left + t * scale
        body.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom:.1f}" {GRID}/>')
        body.append(text(x, bottom + 14, compact(t), anchor="middle"))
    body.append(text(right + 40, bottom + 30, names.value, anchor="end", extra='font-weight="600"'))
    for i, g in enumerate(groups):
        y = top + i * row
        w = max(g[1] * scale, 0.0)
        body += [
            "<g>",
            names.tip(g),
            f'<rect x="{left:.1f}" y="{y + 3:.1f}" width="{w:.1f}" height="{row - 6:.1f}" '
            f'fill="{BAR}"/>',
            text(left - 6, y + row / 2 + 4, shorten(g[0], 20), anchor="end"),
            text(left + w + 4, y + row / 2 + 4, compact(g[1])),
            "</g>",
        ]
    body.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom:.1f}" {AXIS}/>')
    return _chart(width, int(bottom + 38), title, body)


def _vertical(
    groups: Sequence[Group], ticks: list[float], names: _Names, title: str, width: int
) -> Chart:
    left, right, top, bottom = 44.0, width - 6.0, 18.0, 200.0
    scale = (bottom - top) / ticks[-1]
    band = (right - left) / len(groups)
    every = max(1, math.ceil(len(groups) * 34 / (right - left)))  # labels ~34 px apart
    body = [text(4, 11, names.value, extra='font-weight="600"')]
    for t in ticks:
        y = bottom - t * scale
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" {GRID}/>')
        body.append(text(left - 4, y + 4, compact(t), anchor="end"))
    for i, g in enumerate(groups):
        x = left + i * band
        h = max(g[1] * scale, 0.0)
        body += [
            "<g>",
            names.tip(g),
            f'<rect x="{x + band * 0.1:.1f}" y="{bottom - h:.1f}" width="{band * 0.8:.1f}" '
            f'height="{h:.1f}" fill="{BAR}"/>',
        ]
        if i % every == 0:
            body.append(text(x + band / 2, bottom + 14, shorten(g[0], 6), anchor="middle"))
        body.append("</g>")
    body.append(f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" {AXIS}/>')
    body.append(
        text(
            (left + right) / 2,
            bottom + 32,
            names.category,
            anchor="middle",
            extra='font-weight="600"',
        )
    )
    return _chart(width, int(bottom + 40), title, body)


@dataclass(frozen=True)
class Point:
    """One dated record on a timeline: its row, its date (ISO, ``YYYY`` or ``YYYY-MM``), the
    value that picks its colour and the ``(name, value)`` pairs its tooltip shows."""

    row: str
    when: str
    colour: str
    details: tuple[tuple[str, str], ...] = ()


def points(
    rows: Iterable[Mapping[str, object]],
    *,
    row: str,
    colour: str,
    when: str = "Date",
    hide: Sequence[str] = ("IRI",),
) -> list[Point]:
    """Timeline points from table rows (dicts); the tooltip shows every column but ``hide``.

    >>> points([{"Date": "2021", "Kind": "fine", "EUR": 1500.0, "IRI": "x"}],
    ...     row="Kind", colour="Kind")[0].details
    (('Date', '2021'), ('Kind', 'fine'), ('EUR', '1,500.00'))
    """
    out = []
    for r in rows:
        details = tuple(
            (k, f"{v:,.2f}" if isinstance(v, float) else str(v))
            for k, v in r.items()
            if k not in hide and v is not None and v != "" and v == v  # v != v: NaN
        )
        out.append(
            Point(str(r.get(row) or ""), str(r.get(when) or ""), str(r.get(colour) or ""), details)
        )
    return out


def timeline_chart(
    items: Sequence[Point],
    *,
    title: str,
    legend: str,
    colours: Sequence[tuple[str, str]] = (),
    keep_order: bool = False,
    width: int = 900,
    label_chars: int = 28,
) -> Chart:
    """Points on a time axis, one row per :attr:`Point.row` (first-seen order with
    ``keep_order``, else sorted; row labels cut to ``label_chars``, whole in their tooltip),
    coloured by :attr:`Point.colour` (``colours`` fixes ``(value, hex)`` pairs; other values
    take the palette), with a legend titled ``legend``. Points without a readable date are left
    out (the pages' tables list them)."""
    dated = [(p, d) for p in items if (d := day(p.when)) is not None]
    if not dated:
        return _chart(width, 40, title, [text(4, 24, "No dated records to chart.")])
    rows = list(dict.fromkeys(p.row for p, _d in dated))
    rows = rows if keep_order else sorted(rows)
    fixed = dict(colours)
    extra = [c for c in dict.fromkeys(p.colour for p, _d in dated) if c not in fixed]
    palette = {**fixed, **{c: PALETTE[i % len(PALETTE)] for i, c in enumerate(extra)}}
    body, top = legend_block(legend, list(palette.items()), width)
    left, right, row = max(190.0, 7.0 * label_chars - 6.0), width - 16.0, 28.0
    bottom = top + row * len(rows)
    first, last = min(d for _p, d in dated), max(d for _p, d in dated)
    pad = max((last - first) * 0.04, 20)
    lo, hi = first - pad, last + pad
    scale = (right - left) / (hi - lo)
    for d, label in _time_ticks(math.ceil(lo), math.floor(hi)):
        x = left + (d - lo) * scale
        body.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom:.1f}" {GRID}/>')
        body.append(text(x, bottom + 15, label, anchor="middle"))
    for i, name in enumerate(rows):
        y = top + i * row
        body.append(
            f'<line x1="{left}" y1="{y + row:.1f}" x2="{right}" y2="{y + row:.1f}" {GRID}/>'
        )
        label = text(left - 8, y + row / 2 + 4, shorten(name, label_chars), anchor="end")
        body.append(f"<g><title>{esc(name)}</title>{label}</g>")
    seen: dict[tuple[str, int], int] = {}
    line = {name: i for i, name in enumerate(rows)}
    for p, d in dated:
        k = seen[(p.row, d)] = seen.get((p.row, d), -1) + 1
        x = left + (d - lo) * scale
        y = top + line[p.row] * row + row / 2 + dodge(k)
        body += [
            "<g>",
            tooltip(list(p.details) or [("Date", p.when)]),
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{esc(palette[p.colour])}" '
            'fill-opacity="0.85" stroke="#ffffff" stroke-width="1"/>',
            "</g>",
        ]
    body.append(f'<line x1="{left}" y1="{bottom:.1f}" x2="{right}" y2="{bottom:.1f}" {AXIS}/>')
    body.append(
        text((left + right) / 2, bottom + 32, "Date", anchor="middle", extra='font-weight="600"')
    )
    return _chart(width, int(bottom + 40), title, body)


def dodge(k: int) -> float:
    """Vertical offset of the ``k``-th point on the same row and day (0 for the first), so
    points on one date stay apart: 0, -5, 5, -10, 10, then around again.

    >>> [dodge(k) for k in range(6)]
    [0.0, -5.0, 5.0, -10.0, 10.0, 0.0]
    """
    k %= 5
    return float((k + 1) // 2 * 5 * (-1 if k % 2 else 1))


def legend_block(title: str, entries: list[tuple[str, str]], width: int) -> tuple[list[str], float]:
    """The legend's markup (title, then a swatch and label per entry, wrapped to ``width``) and
    the height it takes."""
    body = [text(4, 14, title + ":", extra='font-weight="600"')]
    start = 16.0 + 8.0 * len(title)  # after the bold title
    x, y = start, 14.0
    for value, colour in entries:
        label = shorten(value or "unknown", 30)
        need = 22 + 7 * len(label)
        if x + need > width:
            x, y = start, y + 18
        body.append(f'<circle cx="{x + 6:.1f}" cy="{y - 4:.1f}" r="6" fill="{esc(colour)}"/>')
        body.append(text(x + 16, y, label))
        x += need
    return body, y + 14
