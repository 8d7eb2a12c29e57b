"""The line-of-case-law chart: each ruling a point at its date, an arrow from each citing ruling
to the one it treats; static SVG like every chart of :mod:`graph.drawing.charts`."""

from __future__ import annotations

import math

from graph.drawing.charts import AXIS, GRID, Chart, legend_block
from graph.drawing.svg import day, document, esc, shorten, text, time_ticks, tooltip
from graph.explorer.case_law import Arrow, CaseLawLine, Ruling

#: Colours of a ruling's answer (the Legal questions page's), and of a ruling with several.
DIRECTION_COLOURS = (
    ("yes", "#2e7d32"),
    ("no", "#c62828"),
    ("partly", "#ef6c00"),
    ("left open", "#757575"),
    ("several answers", "#6a1b9a"),
)
CURATED = "curated-verified"
ROW = 26.0
LABEL_CHARS = 40


def _colour(r: Ruling) -> str:
    key = r.directions[0] if len(r.directions) == 1 else "several answers"
    return dict(DIRECTION_COLOURS).get(key, "#4c78a8")


def _arrow_path(x1: float, y1: float, x2: float, y2: float) -> str:
    """A gently curved path from the citing point to just short of the cited one."""
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    sx, sy = x1 + ux * 7, y1 + uy * 7  # leave the circles (r 6) free
    ex, ey = x2 - ux * 9, y2 - uy * 9
    bend = min(30.0, length / 4)
    cx, cy = (sx + ex) / 2 - uy * bend, (sy + ey) / 2 + ux * bend
    return f"M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}"


def _arrow_tip(a: Arrow) -> str:
    return tooltip(
        [
            ("Later ruling", a.citing.label),
            ("Treatment", a.type),
            ("Earlier ruling", a.cited.label),
            ("Trust tier", ", ".join(a.trust)),
        ]
    )


def case_law_chart(line: CaseLawLine, *, width: int = 900) -> Chart:
    """The line of case law as a chart (titled by the question's short title).

    The line-of-case-law chart: one row per ruling in date order, each ruling a point at its date
    (coloured by its answer), and an arrow from each citing ruling to the ruling it cites or
    otherwise treats (solid: a curated link stated by a source; dashed: machine-coded or imported).

    Static SVG like every chart of :mod:`graph.drawing.charts` (shown in a frame where no script
    runs); every label goes through :func:`graph.drawing.svg.esc`, and hovering a point or an arrow
    shows its details.

    >>> from graph.pipeline.sample import world_store
    >>> from graph.explorer.case_law import line_of_case_law
    >>> svg = case_law_chart(line_of_case_law(world_store(),
    ...     "https://w3id.org/regkg/id/question/q1")).svg
    >>> svg.count("<circle"), svg.count('marker-end="url(#regkg-arrow)"')  # 5 in the legend
    (7, 1)
    """
    title = f"Line of case law: {line.question.title}"
    dated = [(r, d) for r in line.rulings if (d := day(r.date)) is not None]
    if not dated:
        return Chart(
            document(width, 40, title, [text(4, 24, "No dated rulings to chart.")]),
            width,
            40,
            title,
        )
    body = [
        "<defs>"
        '<marker id="regkg-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="currentColor" fill-opacity="0.7"/></marker>'
        "</defs>"
    ]
    entries = list(DIRECTION_COLOURS)
    legend, top = legend_block("Answer", entries, width)
    body += legend
    body.append(
        text(
            4,
            top + 4,
            "Arrows: later ruling → earlier ruling it treats; solid: curated, "
            "dashed: machine-coded or imported",
        )
    )
    top += 16
    left, right = 8.0 + 7.0 * LABEL_CHARS, width - 16.0
    bottom = top + ROW * len(dated)
    first, last = min(d for _r, d in dated), max(d for _r, d in dated)
    pad = max((last - first) * 0.04, 20)
    lo, hi = first - pad, last + pad
    scale = (right - left) / (hi - lo)
    for d, label in time_ticks(math.ceil(lo), math.floor(hi)):
        x = left + (d - lo) * scale
        body.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom:.1f}" {GRID}/>')
        body.append(text(x, bottom + 15, label, anchor="middle"))
    where: dict[str, tuple[float, float]] = {}
    for i, (r, d) in enumerate(dated):
        y = top + i * ROW + ROW / 2
        where[r.decision.iri] = (left + (d - lo) * scale, y)
        body.append(
            f'<line x1="{left}" y1="{y + ROW / 2:.1f}" x2="{right}" y2="{y + ROW / 2:.1f}" {GRID}/>'
        )
        label = text(left - 8, y + 4, shorten(r.decision.label, LABEL_CHARS), anchor="end")
        body.append(f"<g><title>{esc(r.decision.label)}</title>{label}</g>")
    for a in line.arrows:
        if a.citing.iri not in where or a.cited.iri not in where:
            continue
        (x1, y1), (x2, y2) = where[a.citing.iri], where[a.cited.iri]
        dash = "" if a.trust == (CURATED,) else ' stroke-dasharray="5 3"'
        body += [
            "<g>",
            _arrow_tip(a),
            f'<path d="{_arrow_path(x1, y1, x2, y2)}" fill="none" stroke="currentColor" '
            f'stroke-opacity="0.6" stroke-width="1.4"{dash} marker-end="url(#regkg-arrow)"/>',
            "</g>",
        ]
    for r, _d in dated:
        x, y = where[r.decision.iri]
        body += [
            "<g>",
            tooltip(
                [
                    ("Ruling", r.decision.label),
                    ("Date", r.date),
                    ("By", r.authority.label),
                    ("Jurisdiction", r.jurisdiction or "unknown"),
                    ("Answer", ", ".join(r.directions)),
                    ("Cites on this line", str(line.cites(r.decision.iri))),
                    ("Cited on this line by", str(line.cited_by(r.decision.iri))),
                ]
            ),
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{esc(_colour(r))}" '
            'stroke="#ffffff" stroke-width="1"/>',
            "</g>",
        ]
    body.append(f'<line x1="{left}" y1="{bottom:.1f}" x2="{right}" y2="{bottom:.1f}" {AXIS}/>')
    body.append(
        text((left + right) / 2, bottom + 32, "Date", anchor="middle", extra='font-weight="600"')
    )
    height = int(bottom + 40)
    return Chart(document(width, height, title, body), width, height, title)
