"""The endpoint's HTML page: the stored query gallery and a query form, escaped and inline (no
scripts, no CDN), so it works offline and no stored text can run as code."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from graph.sparql.internal import body, internal_query
from graph.sparql.stored import stored_queries

FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
#: The query the form starts with.
_EXAMPLE = body(internal_query("graph.endpoint", "form-example"))

_STYLE = (
    "body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
    "textarea{width:100%;font-family:monospace}pre{background:#f4f4f4;padding:.5em;overflow:auto}"
    ".notice{background:#fff3cd;padding:.5em}"
)


def gallery_page() -> str:
    """The HTML page served at ``/``.

    >>> "<script" in gallery_page()
    False
    """
    items = []
    for name, q in stored_queries().items():
        body = q.text
        params = ", ".join(f"{p.name} (default {p.default})" for p in q.params) or "none"
        items.append(
            f"<h3>{escape(q.title)} <small>({escape(name)})</small></h3>"
            f"<p>{escape(q.description)}</p><p>Parameters: {escape(params)}</p>"
            f"<details><summary>SPARQL</summary><pre>{escape(body)}</pre></details>"
            f'<p><a href="/sparql?format=json&amp;query={escape(quote(body))}">run (JSON)</a> · '
            f'<a href="/sparql?format=csv&amp;query={escape(quote(body))}">run (CSV)</a></p>'
        )
    options = "".join(f'<option value="{escape(k)}">{escape(k)}</option>' for k in FORMATS)
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; form-action 'self'\">"
        f"<title>regkg SPARQL endpoint</title><style>{_STYLE}</style></head><body>"
        "<h1>regkg SPARQL endpoint</h1>"
        "<p class=notice>Not legal advice. Read-only; queries are time-limited and results "
        "capped. The default graph is the union of every source's named graph.</p>"
        '<form method=post action="/sparql"><textarea name=query rows=10>'
        f"{escape(_EXAMPLE)}</textarea>"
        f"<p>Format: <select name=format>{options}</select> <button>Run</button></p></form>"
        "<h2>Stored queries</h2>" + "".join(items) + "</body></html>"
    )
