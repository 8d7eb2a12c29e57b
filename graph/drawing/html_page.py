"""The self-contained HTML page around a graph drawing: vis-network inlined, the data as escaped
JSON, and a Content-Security-Policy that allows no network access."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from graph.drawing.script import DRAW_JS, PAGE_BOOT

_VIS_DIR = ("templates", "lib", "vis-9.1.2")
_DATA_ID = "regkg-graph"
_DATA_RE = re.compile(r'<script type="application/json" id="regkg-graph">(.*?)</script>', re.S)

# Draws the page's JSON block once (graph.drawing.script: the drawing code shared with the app's
# drawing component).
_DRAW_JS = DRAW_JS + PAGE_BOOT


def graph_data(page: str) -> dict[str, Any]:
    """The JSON graph block of a page made by :func:`graph.drawing.render.render_html` (for
    tests and tools)."""
    match = _DATA_RE.search(page)
    if match is None:
        msg = "not a regkg graph page: no graph data block"
        raise ValueError(msg)
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def json_for_html(value: object) -> str:
    """JSON that cannot end a ``<script>`` element or start markup (``<``, ``>``, ``&`` escaped)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def vis_dir() -> Path:
    """The folder of vis-network's minified script and stylesheet inside the pyvis package."""
    # Found without importing pyvis (which imports jinja2, IPython glue and more: ~0.5 s).
    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        msg = "pyvis is not installed: it ships the vis-network files the drawings use"
        raise RuntimeError(msg)
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*_VIS_DIR)


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's minified script and stylesheet from the installed pyvis package."""
    base = vis_dir()
    js = base.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = base.joinpath("vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():
        msg = "the vendored vis-network files cannot be inlined safely"
        raise RuntimeError(msg)
    return js, css


def csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@lru_cache(maxsize=1)
def _csp() -> str:
    js, _css = _vis_assets()
    return (
        "default-src 'none'; "
        f"script-src {csp_hash(js)} {csp_hash(_DRAW_JS)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:"
    )


def html_page(data_json: str, height_px: int) -> str:
    """The whole page: ``data_json`` (from :func:`json_for_html`) drawn ``height_px`` high.

    The self-contained HTML page around a graph drawing: vis-network inlined from the ``pyvis``
    package, the graph data as an escaped JSON block, and a Content-Security-Policy that allows only
    the page's own inline scripts (by hash) and no network access.

    >>> page = html_page(json_for_html({"nodes": [], "edges": [], "options": {"physics":
    ...     {"enabled": False}}, "selected": None, "link": None}), 100)
    >>> graph_data(page)["nodes"]
    []
    >>> "<script src" in page, "default-src 'none'" in page
    (False, True)
    """
    js, css = _vis_assets()
    csp = _csp()
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n',
            "<title>regkg graph</title>\n",
            f"<style>{css}</style>\n",
            "<style>html, body { margin: 0; padding: 0; background: #ffffff; }\n",
            "div.vis-tooltip { font-family: sans-serif; font-size: 13px; max-width: 420px; "
            "white-space: pre-wrap; }\n",
            f"#graph {{ width: 100%; height: {height_px}px; border: 1px solid #dddddd; "
            "box-sizing: border-box; }</style>\n",
            f"<script>{js}</script>\n</head>\n<body>\n",
            '<div id="graph" role="img" aria-label="Graph of the selected entities"></div>\n',
            f'<script type="application/json" id="{_DATA_ID}">{data_json}</script>\n',
            f"<script>{_DRAW_JS}</script>\n</body>\n</html>\n",
        ]
    )
