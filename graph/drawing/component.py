"""The files of the app's graph-drawing component (a Streamlit v1 custom component, served from a
folder the app writes at start-up: ``pages/frames.py``)."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from graph.drawing.html_page import vis_dir
from graph.drawing.script import COMPONENT_JS, DRAW_JS
from graph.files import write_atomic

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src data:; font-src data:"
)

_STYLE = """html, body { margin: 0; padding: 0; background: #ffffff; }
div.vis-tooltip { font-family: sans-serif; font-size: 13px; max-width: 420px;
  white-space: pre-wrap; }
#graph { width: 100%; height: 100vh; border: 1px solid #dddddd; box-sizing: border-box; }
"""


def _named(stem: str, suffix: str, content: bytes) -> tuple[str, bytes]:
    return f"{stem}-{hashlib.sha256(content).hexdigest()[:12]}{suffix}", content


@lru_cache(maxsize=1)
def component_files() -> dict[str, bytes]:
    """File name → content of the component's folder (``index.html`` and what it loads).

    The frame loads once: ``index.html``, vis-network's script and stylesheet (copied from the
    ``pyvis`` package; nothing is fetched from the network), and our drawing code
    (:mod:`graph.drawing.script`). Each drawing then arrives as the component's arguments, JSON data
    from :func:`graph.drawing.render.graph_payload`, and is drawn in the same frame. Streamlit
    serves every file but ``.html`` with ``Cache-Control: public``, so other files are named by a
    hash of their content: a changed file is a new URL, never a stale cached copy.

    The page's Content-Security-Policy allows scripts only as files from the app's own origin (no
    inline script at all, nothing from another host), and images and fonts only as ``data:`` URLs;
    the only scripts the app serves are Streamlit's and these files.

    >>> files = component_files()
    >>> "default-src 'none'; script-src 'self';" in files["index.html"].decode()
    True
    >>> all(name in files["index.html"].decode() for name in files if name != "index.html")
    True
    """
    vis = vis_dir()
    vis_js = _named("vis-network", ".min.js", vis.joinpath("vis-network.min.js").read_bytes())
    vis_css = _named("vis-network", ".css", vis.joinpath("vis-network.css").read_bytes())
    style = _named("regkg", ".css", _STYLE.encode("utf-8"))
    draw = _named("draw", ".js", DRAW_JS.encode("utf-8"))
    boot = _named("component", ".js", COMPONENT_JS.encode("utf-8"))
    index = "".join(
        [
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n',
            "<title>regkg graph</title>\n",
            f'<link rel="stylesheet" href="{vis_css[0]}">\n',
            f'<link rel="stylesheet" href="{style[0]}">\n',
            f'<script src="{vis_js[0]}"></script>\n</head>\n<body>\n',
            '<div id="graph" role="img" aria-label="Graph"></div>\n',
            f'<script src="{draw[0]}"></script>\n',
            f'<script src="{boot[0]}"></script>\n</body>\n</html>\n',
        ]
    )
    return dict([vis_js, vis_css, style, draw, boot, ("index.html", index.encode("utf-8"))])


def write_component(folder: Path) -> Path:
    """Write the component's files into ``folder`` (made if missing); returns ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in component_files().items():
        write_atomic(folder / name, content)
    return folder
