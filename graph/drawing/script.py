"""The browser side of a graph drawing, as JavaScript source text: the same drawing code for the
standalone page (:mod:`graph.drawing.render`) and the app's :mod:`graph.drawing.component`."""

from __future__ import annotations

#: Defines ``window.regkgDraw(container, data)``, which draws the data of
#: :func:`graph.drawing.render.graph_payload` with vis-network (loaded before it). The standalone
#: page of :func:`graph.drawing.render.render_html` inlines it, followed by :data:`PAGE_BOOT`; the
#: app's drawing component (:mod:`graph.drawing.component`) serves it as a file, followed by
#: :data:`COMPONENT_JS`.
#:
#: Labels and tooltips arrive HTML-escaped. ``text()`` turns them back into the plain text they
#: stand for just before they are handed to vis-network, whose sinks for them are text only
#: (labels are painted on a canvas, string tooltips are set with ``innerText``); no data ever
#: reaches ``innerHTML``.
#:
#: With a ``link``, a click on a node opens ``<page>?<param>=<encoded node id>`` in the host app. A
#: Streamlit frame is sandboxed without ``allow-top-navigation`` but same-origin, so the drawing
#: moves the host's history and tells the host (a ``popstate`` event, as the Back button would);
#: Streamlit then runs that page. A page opened on its own (no host) does nothing on click.
#:
#: Test hooks: ``window.regkgNetwork`` (the current ``vis.Network``), ``window.regkgSettled`` (its
#: layout has stopped moving), ``window.regkgDraws`` (how many drawings this frame has made),
#: ``window.regkgPaintedAt`` (``Date.now()`` when the current drawing was first painted settled;
#: the benchmark times interactions with it).
DRAW_JS = """
(function () {
  "use strict";
  function text(s) {
    return typeof s !== "string" ? s : s.replace(/&lt;/g, "<").replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&");
  }
  function plain(item) {
    if (item.label !== undefined) { item.label = text(item.label); }
    if (item.title !== undefined) { item.title = text(item.title); }
    return item;
  }
  var network = null;
  var link = null;
  window.regkgDraws = 0;
  function openRecord(id) {
    var rel = link.page + "?" + link.param + "=" + encodeURIComponent(id);
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
  window.regkgDraw = function (container, data) {
    if (network !== null) { network.destroy(); }
    link = data.link;
    container.style.cursor = "default";
    var nodes = new vis.DataSet(data.nodes.map(plain));
    var edges = new vis.DataSet(data.edges.map(plain));
    var drawn = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
    network = drawn;
    window.regkgPaintedAt = null;
    function painted() {
      drawn.once("afterDrawing", function () {
        if (network === drawn) { window.regkgPaintedAt = Date.now(); }
      });
    }
    window.regkgSettled = !data.options.physics.enabled;
    if (data.options.physics.enabled) {
      drawn.once("stabilizationIterationsDone", function () {
        if (network !== drawn) { return; }
        painted();
        drawn.setOptions({physics: {enabled: false}});
        window.regkgSettled = true;
      });
    } else {
      painted();
    }
    if (data.selected !== null) { drawn.selectNodes([data.selected]); }
    if (link !== null) {
      drawn.on("click", function (params) {
        if (params.nodes.length === 1) { openRecord(params.nodes[0]); }
      });
      drawn.on("hoverNode", function () { container.style.cursor = "pointer"; });
      drawn.on("blurNode", function () { container.style.cursor = "default"; });
    }
    window.regkgNetwork = drawn;
    window.regkgDraws += 1;
  };
})();
"""

#: The standalone page's start: draw the page's JSON block once.
PAGE_BOOT = """
window.regkgDraw(document.getElementById("graph"),
  JSON.parse(document.getElementById("regkg-graph").textContent));
"""

# Streamlit's component protocol (API version 1), as streamlit-component-lib speaks it: every new
# drawing arrives as the arguments of a ``streamlit:render`` message and is drawn again in the
# same frame. Say "ready" once, then draw on every "render" whose drawing differs from the one
# shown, and keep the frame as high as asked. Messages from anything but the host window are
# ignored.
COMPONENT_JS = """
(function () {
  "use strict";
  var container = document.getElementById("graph");
  var shown = null;
  var height = null;
  function post(type, fields) {
    var message = {isStreamlitMessage: true, type: type};
    Object.keys(fields).forEach(function (k) { message[k] = fields[k]; });
    window.parent.postMessage(message, "*");
  }
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.source !== window.parent || !data || data.type !== "streamlit:render") { return; }
    var args = data.args || {};
    if (typeof args.alt === "string") { container.setAttribute("aria-label", args.alt); }
    if (typeof args.height === "number" && args.height !== height) {
      height = args.height;
      container.style.height = height + "px";
      post("streamlit:setFrameHeight", {height: height});
    }
    if (args.graph && args.digest !== shown) {
      shown = args.digest;
      window.regkgDraw(container, args.graph);
    }
  });
  post("streamlit:componentReady", {apiVersion: 1});
})();
"""
