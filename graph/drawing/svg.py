"""Small building blocks for the static SVG charts of :mod:`graph.drawing.charts`: escaping, axis
ticks, number and date labels, the ``<svg>`` element and the page around it."""

from __future__ import annotations

import datetime as dt
import math
import re
from html import escape

#: Characters XML 1.0 cannot hold (control characters other than tab, line feed, return).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Vega's default ten-colour palette ("tableau10"), for series without fixed colours.
PALETTE = (
    "#4c78a8",
    "#f58518",
    "#e45756",
    "#72b7b2",
    "#54a24b",
    "#eeca3b",
    "#b279a2",
    "#ff9da6",
    "#9d755d",
    "#bab0ac",
)


def esc(text: object) -> str:
    """``text`` as XML character data or an attribute value (quotes escaped too).

    >>> esc("a & b\\x00")
    'a &amp; b'

    Every piece of text that reaches the SVG goes through :func:`esc` (XML-escaped, characters XML
    cannot hold removed), so a label is always text, never markup.

    >>> esc('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return escape(_NOT_XML.sub("", str(text)), quote=True)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (the full text goes in a tooltip).

    >>> shorten("Data Protection Commission", 12), shorten("ICO", 12)
    ('Data Protec…', 'ICO')
    """
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """Ticks from 0 to at least ``top`` in steps of 1, 2 or 5 times a power of ten, about
    ``count`` of them.

    >>> nice_ticks(0)
    [0.0, 1.0]
    >>> nice_ticks(7)
    [0.0, 2.0, 4.0, 6.0, 8.0]

    >>> nice_ticks(1_234_567)
    [0.0, 500000.0, 1000000.0, 1500000.0]
    """
    if not top > 0 or not math.isfinite(top):
        return [0.0, 1.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    n = math.ceil(top / step - 1e-9)
    return [float(i * step) for i in range(n + 1)]


def compact(value: float) -> str:
    """A short number for an axis: ``12k``, ``1.5M``, ``2bn``.

    >>> compact(12_000), compact(999), compact(2_000_000_000)
    ('12k', '999', '2bn')

    >>> compact(1_500_000), compact(250_000_000_000), compact(0)
    ('1.5M', '250bn', '0')
    """
    for size, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.1f}".rstrip("0").rstrip(".") + suffix
    return f"{value:.0f}"


def day(value: str) -> int | None:
    """The day number of an ISO date (``2021``, ``2021-05`` and ``2021-05-10`` all work; a year
    or month counts from its first day); ``None`` for anything else.

    >>> day("2021") == day("2021-01-01"), day("soon")
    (True, None)
    """
    text = value.strip()
    if re.fullmatch(r"\d{4}", text):
        text += "-01-01"
    elif re.fullmatch(r"\d{4}-\d{2}", text):
        text += "-01"
    try:
        return dt.date.fromisoformat(text[:10]).toordinal()
    except ValueError:
        return None


def time_ticks(first: int, last: int, most: int = 8) -> list[tuple[int, str]]:
    """(day number, label) ticks between two day numbers: years (``2021``) over long spans,
    otherwise months (``Jan 2021``), at most ``most`` of them.

    >>> [label for _d, label in time_ticks(day("2018-03-01"), day("2023-06-30"))]
    ['2019', '2020', '2021', '2022', '2023']
    >>> [label for _d, label in time_ticks(day("2021-01-10"), day("2021-06-30"))]
    ['Feb 2021', 'Mar 2021', 'Apr 2021', 'May 2021', 'Jun 2021']
    >>> [label for _d, label in time_ticks(day("2020-01-01"), day("2022-07-01"))]
    ['Jan 2020', 'Jul 2020', 'Jan 2021', 'Jul 2021', 'Jan 2022', 'Jul 2022']
    """
    a, b = dt.date.fromordinal(first), dt.date.fromordinal(last)
    if (b - a).days > 3 * 365:
        step = max(1, math.ceil((b.year - a.year + 1) / most))
        years = range(a.year + (a > dt.date(a.year, 1, 1)), b.year + 1)
        return [(dt.date(y, 1, 1).toordinal(), str(y)) for y in years if y % step == 0]
    months = (b.year - a.year) * 12 + b.month - a.month + 1
    step = next(s for s in (1, 2, 3, 6, 12) if s >= months / most or s == 12)
    out = []
    for i in range(months + 1):
        index = a.year * 12 + a.month - 1 + i
        first_day = dt.date(index // 12, index % 12 + 1, 1)
        if a <= first_day <= b and (index % step == 0):
            out.append((first_day.toordinal(), f"{MONTHS[first_day.month - 1]} {first_day.year}"))
    return out


#: The chart pages may hold inline styles and nothing else: no script, no request of any kind.
CSP = "default-src 'none'; style-src 'unsafe-inline'"
_PAGE_STYLE = (
    "html,body{margin:0;padding:0;background:transparent;color:#31333f;"
    "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}svg{display:block}"
    "svg g:hover rect,svg g:hover circle{opacity:.75}"
    # Streamlit follows the system's light or dark setting unless the user picks one.
    "@media (prefers-color-scheme:dark){html,body{color:#fafafa}}"
)


def page(svg: str, title: str) -> str:
    """A whole HTML page holding one chart, for an iframe's ``srcdoc``: a Content-Security-Policy
    that allows inline styles only, the system's sans-serif font (no font is fetched).

    >>> p = page("<svg></svg>", "A & B")
    >>> "default-src 'none'" in p, "<title>A &amp; B</title>" in p, "<script" in p
    (True, True, False)
    """
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f"<title>{esc(title)}</title><style>{_PAGE_STYLE}</style></head>"
        f"<body>{svg}</body></html>\n"
    )


def document(width: int, height: int, label: str, body: list[str]) -> str:
    """The ``<svg>`` element around ``body`` (already-escaped SVG markup): drawn at its own size,
    shrunk to fit narrower frames; text in the page's font and colour.

    >>> document(10, 5, "A <chart>", []).startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    True
    """
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="regkg-chart" role="img" '
            f'aria-label="{esc(label)}" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" '
            'style="max-width:100%;height:auto;font-family:inherit;font-size:12px">',
            *body,
            "</svg>",
        ]
    )


def text(x: float, y: float, value: str, *, anchor: str = "start", extra: str = "") -> str:
    """A ``<text>`` element in the page's text colour (``value`` escaped here).

    >>> text(1, 2, "<b>")
    '<text x="1.0" y="2.0" text-anchor="start" fill="currentColor">&lt;b&gt;</text>'
    """
    attrs = f" {extra}" if extra else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="currentColor"{attrs}>'
        f"{esc(value)}</text>"
    )


def tooltip(lines: list[tuple[str, str]]) -> str:
    """A ``<title>`` (the browser's tooltip) with one ``name: value`` per line, escaped.

    >>> tooltip([("Fined", "<x>"), ("EUR", "1")])
    '<title>Fined: &lt;x&gt;\\nEUR: 1</title>'
    """
    return "<title>" + "\n".join(f"{esc(k)}: {esc(v)}" for k, v in lines) + "</title>"
