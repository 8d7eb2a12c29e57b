"""SPARQL: the stored-query gallery, an editor, and read-only runs with a time limit and row cap.

Parameters of a stored query are typed into their own inputs and bound as RDF terms (never
pasted into the query text). Queries run in worker processes
(:class:`graph.endpoint.bounded.QueryPool`)
that are stopped at the time limit. The query text, the stored query and its parameter values
live in the URL, so a copied link reopens the same query.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import streamlit as st

from graph import settings
from graph.drawing import render
from graph.endpoint.bounded import QueryPool
from graph.errors import QueryError, QueryTimeout, UnsafeQuery
from graph.explorer import explore
from graph.explorer import workbench as sparql_view
from graph.sparql.stored import StoredQuery, stored_queries
from graph.stores.contract import Store
from graph.stores.results import Result, to_csv, to_json, to_ntriples
from pages import common

SCOPE = "sparql"
OWN = ""  # gallery entry for the user's own query
DEFAULT_QUERY = "group-actions"
GRAPH_HEIGHT_PX = 560
DRAW_CAP = 300
K_STORED, K_TEXT, K_TIMEOUT, K_ROWS = (
    "sparql_stored",
    "sparql_text",
    "sparql_timeout",
    "sparql_rows",
)
K_PARAM = "sparql_param_"
K_RESULT = "sparql_result"


@st.cache_resource(show_spinner="Starting the query workers…")
def pool(home: str) -> QueryPool:
    """One pool of query workers per store home, shared by every session."""
    return QueryPool(Path(home), size=2)


def default_limits() -> tuple[float, int]:
    """The configured time limit and row cap, kept within the bounds the page allows."""
    return (
        sparql_view.clamp(float(settings.QUERY_TIMEOUT), *sparql_view.TIMEOUT_BOUNDS),
        sparql_view.clamp(int(settings.MAX_ROWS), *sparql_view.ROW_BOUNDS),
    )


def load_stored() -> None:
    """Gallery callback: put the chosen stored query and its default parameters in place."""
    query = stored_queries().get(st.session_state[K_STORED])
    if query is None:
        return
    st.session_state[K_TEXT] = query.text
    for p in query.params:
        st.session_state[K_PARAM + p.name] = p.default or ""
    st.session_state.pop(K_RESULT, None)


def seeds(queries: dict[str, StoredQuery]) -> dict[str, object]:
    """Widget values from the URL (unknown names and values outside the bounds → defaults)."""
    qp = st.query_params
    # A link with its own text and no stored query is the user's own query.
    name = qp.get("stored") or (OWN if "q" in qp else DEFAULT_QUERY)
    if name not in queries:
        name = OWN
    timeout, rows = default_limits()
    out: dict[str, object] = {K_STORED: name}
    text = qp.get("q")
    out[K_TEXT] = text if text is not None else (queries[name].text if name else "")
    if name:
        for p in queries[name].params:
            out[K_PARAM + p.name] = qp.get(f"p.{p.name}", p.default or "")
    try:
        out[K_TIMEOUT] = sparql_view.clamp(
            float(qp.get("timeout", timeout)), *sparql_view.TIMEOUT_BOUNDS
        )
    except ValueError:
        out[K_TIMEOUT] = timeout
    out[K_ROWS] = explore.parse_int(qp.get("rows"), rows, *sparql_view.ROW_BOUNDS)
    return out


def bound_names(query: StoredQuery | None, text: str) -> list[str]:
    """The stored query's parameters whose variable the (possibly edited) text still uses."""
    if query is None:
        return []
    return [p.name for p in query.params if re.search(rf"[?$]{re.escape(p.name)}\b", text)]


def show_error(message: str, text: str) -> None:
    """A query error in plain words; for a syntax error, the line it points at and the full
    message (both as plain text)."""
    st.error(common.md_escape(sparql_view.explain_error(message)))
    where = sparql_view.syntax_position(message)
    if where is None:
        return
    lines = text.splitlines()
    line, col = where
    if 1 <= line <= len(lines):
        st.code(f"{lines[line - 1]}\n{' ' * max(col - 1, 0)}^", language=None)
    else:
        st.caption("The query ends before it is complete (a bracket or a pattern is missing).")
    with st.expander("The parser's full message"):
        st.code(message, language=None)


def run_query(text: str, query: StoredQuery | None, values: dict[str, str]) -> None:
    """Run the editor's text with the bound parameters; keep the result in the session."""
    st.session_state.pop(K_RESULT, None)
    if not text.strip():
        st.warning("The editor is empty: write a query or pick one from the gallery.")
        return
    names = bound_names(query, text)
    try:
        bindings = query.bindings({n: values[n] for n in names}) if query is not None else None
        if bindings is not None:
            bindings = {var: term for var, term in bindings.items() if var.value in names}
        limit = float(st.session_state[K_TIMEOUT])
        cap = int(st.session_state[K_ROWS])
        unchanged = query is not None and text == query.text
        with st.spinner("Running the query…"):
            result = pool(str(settings.home())).run(
                text, bindings or None, timeout=limit, max_rows=cap, check=not unchanged
            )
    except UnsafeQuery as exc:
        st.error(common.md_escape(f"Refused: {exc}."))
        return
    except QueryTimeout as exc:
        st.error(
            common.md_escape(
                f"Stopped: {exc}. Add a LIMIT or more specific patterns, or raise the time limit."
            )
        )
        return
    except QueryError as exc:
        show_error(str(exc), text)
        return
    st.session_state[K_RESULT] = (result, cap)


def show_result(store: Store, key: str, result: Result, cap: int) -> None:
    """A table (SELECT), yes/no (ASK) or a drawing and N-Triples (CONSTRUCT/DESCRIBE)."""
    if result.truncated:
        st.warning(f"The result was cut at the row cap of {cap:,}: the query has more rows.")
    if result.form == "ask":
        st.success("Answer: yes." if result.boolean else "Answer: no.")
        return
    if result.form == "select":
        st.text(f"{len(result.rows):,} row(s).")
        if not result.rows:
            st.info("No rows: nothing in the graph matches this query.")
        st.dataframe(sparql_view.table(result), hide_index=True)
        left, right = st.columns(2)
        left.download_button(
            "Download CSV", to_csv(result), "result.csv", "text/csv", on_click="ignore"
        )
        right.download_button(
            "Download JSON",
            to_json(result),
            "result.json",
            "application/sparql-results+json",
            on_click="ignore",
        )
        return
    st.text(f"{len(result.triples):,} triple(s).")
    g = sparql_view.triples_graph(result.triples, common.entity_graph(store))
    if g.number_of_nodes() > DRAW_CAP:
        st.info(f"Not drawn: {render.cap_message(g.number_of_nodes(), DRAW_CAP)}.")
    elif g.number_of_nodes():
        st.html(render.legend_html(explore.kinds_present(g)))
        common.drawing_frame(
            render.graph_payload(g, max_nodes=DRAW_CAP),
            key="sparql_graph",
            height=GRAPH_HEIGHT_PX,
            alt="Drawing of the query's triples",
        )
    st.download_button(
        "Download N-Triples",
        to_ntriples(result),
        "result.nt",
        "application/n-triples",
        on_click="ignore",
    )


def main() -> None:
    """The whole page."""
    common.notice()
    st.title("SPARQL")
    st.caption(
        "Read-only SPARQL over every named graph (the default graph is their union). Updates, "
        "SERVICE and FROM of other graphs are refused."
    )
    store = common.store()
    if store is None:
        return
    key = common.store_key(store)
    queries = stored_queries()
    common.seed_from_url(SCOPE, seeds(queries))
    st.selectbox(
        "Stored query",
        [OWN, *queries],
        format_func=lambda n: f"{queries[n].title} ({n})" if n else "Your own query",
        key=K_STORED,
        on_change=load_stored,
    )
    name = str(st.session_state[K_STORED])
    query = queries.get(name)
    values: dict[str, str] = {}
    if query is not None:
        st.markdown(common.md_escape(query.description))
        for p in query.params:
            st.session_state.setdefault(K_PARAM + p.name, p.default or "")
            values[p.name] = st.text_input(
                f"{p.name} ({p.type}{':' + p.kind if p.kind else ''})",
                key=K_PARAM + p.name,
                help=p.description,
            )
    text = st.text_area("Query", key=K_TEXT, height=320)
    timeout_col, rows_col, run_col = st.columns([1, 1, 1], vertical_alignment="bottom")
    low_t, high_t = sparql_view.TIMEOUT_BOUNDS
    low_r, high_r = sparql_view.ROW_BOUNDS
    timeout_col.number_input("Time limit (s)", low_t, high_t, step=1.0, key=K_TIMEOUT)
    rows_col.number_input("Row cap", low_r, high_r, step=100, key=K_ROWS)
    clicked = run_col.button("Run", type="primary", key="sparql_run")
    params: dict[str, Any] = {"stored": name or None}
    if query is None or text != query.text:
        params["q"] = text
    params.update({f"p.{n}": v for n, v in values.items()})
    timeout, rows = default_limits()
    if st.session_state[K_TIMEOUT] != timeout:
        params["timeout"] = f"{st.session_state[K_TIMEOUT]:g}"
    if st.session_state[K_ROWS] != rows:
        params["rows"] = str(st.session_state[K_ROWS])
    common.write_url(SCOPE, params)
    if clicked:
        run_query(text, query, values)
    held = st.session_state.get(K_RESULT)
    if held is not None:
        show_result(store, key, *held)


main()
