"""The self-contained HTML page around a graph drawing: vis-network inlined from the ``pyvis``
package, the graph data as an escaped JSON block, and a Content-Security-Policy that allows only
the page's own inline scripts (by hash) and no network access.

>>> page = html_page(json_for_html({"nodes": [], "edges": [], "options": {"physics":
...     {"enabled": False}}, "selected": None, "link": None}), 100)
>>> graph_data(page)["nodes"]
[]
>>> "<script src" in page, "default-src 'none'" in page
(False, True)
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

_VIS_DIR = ("templates", "lib", "vis-9.1.2")
_DATA_ID = "regkg-graph"
_DATA_RE = re.compile(r'<script type="application/json" id="regkg-graph">(.*?)</script>', re.S)

# Reads the JSON block, turns escaped strings back into text for vis-network's text-only sinks
# (canvas labels, innerText tooltips), draws, and freezes the layout once it has stabilised.
# With a link, a click on a node opens ``<page>?<param>=<encoded node id>`` in the host app. A
# Streamlit iframe is sandboxed without ``allow-top-navigation`` but same-origin, so the page
# moves the host's history and tells the host (a ``popstate`` event, as the Back button would);
# Streamlit then runs that page. A page opened on its own (no host) does nothing on click.
_DRAW_JS = """
(function () {
  var data = JSON.parse(document.getElementById("regkg-graph").textContent);
  function text(s) {
    return typeof s !== "string" ? s : s.replace(/&lt;/g, "<").replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&");
  }
  function plain(item) {
    if (item.label !== undefined) { item.label = text(item.label); }
    if (item.title !== undefined) { item.title = text(item.title); }
    return item;
  }
  var nodes = new vis.DataSet(data.nodes.map(plain));
  var edges = new vis.DataSet(data.edges.map(plain));
  var container = document.getElementById("graph");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  window.regkgSettled = !data.options.physics.enabled;
  if (data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      window.regkgSettled = true;
    });
  }
  if (data.selected !== null) { network.selectNodes([data.selected]); }
  function openRecord(id) {
    var rel = data.link.page + "?" + data.link.param + "=" + encodeURIComponent(id);
    var host = window.parent;
    if (host === window) { return; }
    try {
      var url = new URL(rel, host.location.href);
      host.history.pushState(null, "", url.href);
      host.dispatchEvent(new PopStateEvent("popstate", {state: null}));
    } catch (err) {
      window.open(new URL(rel, document.baseURI).href, "_top");
    }
  }
  if (data.link !== null) {
    network.on("click", function (params) {
      if (params.nodes.length === 1) { openRecord(params.nodes[0]); }
    });
    network.on("hoverNode", function () { container.style.cursor = "pointer"; });
    network.on("blurNode", function () { container.style.cursor = "default"; });
  }
  window.regkgNetwork = network;
})();
"""


def graph_data(page: str) -> dict[str, Any]:
    """The JSON graph block of a page made by :func:`render_html` (for tests and tools)."""
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


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's minified script and stylesheet from the installed pyvis package."""
    # Found without importing pyvis (which imports jinja2, IPython glue and more: ~0.5 s).
    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        msg = "pyvis is not installed: it ships the vis-network files the drawings inline"
        raise RuntimeError(msg)
    base = Path(next(iter(spec.submodule_search_locations))).joinpath(*_VIS_DIR)
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
    """The whole page: ``data_json`` (from :func:`json_for_html`) drawn ``height_px`` high."""
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
