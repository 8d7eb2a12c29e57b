"""The endpoint's request handler: SPARQL 1.1 Protocol GET/POST, content negotiation, limits."""

from __future__ import annotations

import json
import sys
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from graph.endpoint.html import FORMATS, gallery_page
from graph.endpoint.protocol import negotiate, serialize, service_description
from graph.errors import QueryError, QueryTimeout, StoreError, UnsafeQuery
from graph.stores.factory import open_store
from graph.stores.stats import compute

MAX_BODY = 1 << 20
#: Seconds a connection may stay open without sending a complete request.
IDLE_TIMEOUT = 30.0
#: Open connections served at once (each holds a thread); more are answered 503 and closed.
MAX_CONNECTIONS = 64
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Accept",
    "Access-Control-Expose-Headers": "X-RegKG-Truncated, X-RegKG-Rows",
}


if TYPE_CHECKING:
    from graph.endpoint.server import Endpoint


def log_line(
    client: str, method: str, path: str, status: int, started: float, rows: int | None
) -> None:
    """One JSON access-log line on stderr."""
    entry = {
        "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()),
        "client": client,
        "method": method,
        "path": path,
        "status": status,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        "rows": rows,
    }
    print(json.dumps(entry), file=sys.stderr, flush=True)


class Handler(BaseHTTPRequestHandler):
    server: Endpoint
    server_version = "regkg"
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: with Nagle's algorithm on, the body waits for the
    # client's delayed ACK of the headers (~40 ms per kept-alive request).
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # stdlib signature
        """Silenced: :meth:`access_log` writes one structured line per request instead."""

    def setup(self) -> None:
        self.started = time.perf_counter()
        super().setup()
        self.connection.settimeout(self.server.idle_timeout)  # read/idle limit per connection

    def handle_one_request(self) -> None:
        self.started = time.perf_counter()  # for the log line of errors the stdlib sends
        super().handle_one_request()

    def access_log(self, status: int, started: float, rows: int | None) -> None:
        path = urlsplit(getattr(self, "path", "") or "").path
        log_line(self.client_address[0], self.command or "", path, status, started, rows)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The standard library's own errors (414, 431, bad request lines, unknown methods):
        a plain-text answer, logged like every other response."""
        status = HTTPStatus(code)
        self.close_connection = True
        text = message or status.phrase
        body = (text + "\n").encode("utf-8", "replace")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD" and code >= 200 and code not in (204, 304):
            self.wfile.write(body)
        self.access_log(code, self.started, None)

    # ------------------------------------------------------------------ responses
    def reply(self, status: int, body: bytes, media: str, started: float, **extra: Any) -> None:
        headers = {**CORS, **{k: str(v) for k, v in extra.pop("headers", {}).items()}}
        self.send_response(status)
        self.send_header("Content-Type", media if "charset" in media else f"{media}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.access_log(status, started, extra.get("rows"))

    def fail(self, status: HTTPStatus, message: str, started: float) -> None:
        self.reply(status, (message + "\n").encode("utf-8"), "text/plain", started)

    # ------------------------------------------------------------------ methods
    def do_OPTIONS(self) -> None:
        self.reply(HTTPStatus.NO_CONTENT, b"", "text/plain", time.perf_counter())

    def do_GET(self) -> None:
        started = time.perf_counter()
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path in ("/", "/index.html"):
            self.reply(HTTPStatus.OK, gallery_page().encode("utf-8"), "text/html", started)
        elif url.path != "/sparql":
            self.fail(HTTPStatus.NOT_FOUND, "not found: the endpoint is /sparql", started)
        elif "update" in params:
            self.fail(
                HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only", started
            )
        elif "query" not in params:
            self.describe(started)
        else:
            self.answer(params, started)

    def do_POST(self) -> None:
        started = time.perf_counter()
        if urlsplit(self.path).path != "/sparql":
            self.fail(HTTPStatus.NOT_FOUND, "not found: the endpoint is /sparql", started)
            return
        length = self.body_length(started)
        if length is None:
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        if media == "application/sparql-query":
            params["query"] = [body]
        elif media == "application/x-www-form-urlencoded":
            params.update(parse_qs(body, keep_blank_values=True))
        elif media == "application/sparql-update":
            self.fail(
                HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only", started
            )
            return
        else:
            msg = (
                "POST needs Content-Type application/sparql-query or "
                "application/x-www-form-urlencoded"
            )
            self.fail(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, msg, started)
            return
        if "update" in params:
            self.fail(
                HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only", started
            )
        elif "query" not in params:
            self.fail(HTTPStatus.BAD_REQUEST, "missing the 'query' parameter", started)
        else:
            self.answer(params, started)

    do_HEAD = do_GET

    def body_length(self, started: float) -> int | None:
        """The request's Content-Length, or None after answering 400/413 (and closing, since the
        body is left unread)."""
        raw = self.headers.get("Content-Length")
        if raw is None or not raw.strip().isdigit() or not raw.strip().isascii():
            self.close_connection = True
            why = "missing" if raw is None else f"not a number of bytes ({raw[:40]!r})"
            self.fail(HTTPStatus.BAD_REQUEST, f"POST needs a valid Content-Length: {why}", started)
            return None
        length = int(raw)
        if length > MAX_BODY:
            self.close_connection = True
            msg = f"request body too long: {length} bytes, the limit is {MAX_BODY}"
            self.fail(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, msg, started)
            return None
        return length

    # ------------------------------------------------------------------ SPARQL
    def describe(self, started: float) -> None:
        accept = self.headers.get("Accept") or ""
        if "text/html" in accept:
            self.reply(HTTPStatus.OK, gallery_page().encode("utf-8"), "text/html", started)
            return
        try:
            store = open_store(self.server.home)
        except StoreError as exc:
            self.fail(HTTPStatus.SERVICE_UNAVAILABLE, str(exc), started)
            return
        stats = compute(store)
        body = service_description(self.server.public_url, stats.graphs, stats.triples)
        self.reply(HTTPStatus.OK, body.encode("utf-8"), "text/turtle", started)

    def answer(self, params: dict[str, list[str]], started: float) -> None:
        if len(params["query"]) != 1:
            self.fail(HTTPStatus.BAD_REQUEST, "give exactly one 'query' parameter", started)
            return
        try:
            result = self.server.pool.run(
                params["query"][0],
                timeout=self.server.query_timeout,
                max_rows=self.server.max_rows,
                default_graphs=params.get("default-graph-uri") or None,
                named_graphs=params.get("named-graph-uri") or None,
            )
        except UnsafeQuery as exc:
            self.fail(HTTPStatus.FORBIDDEN, str(exc), started)
            return
        except (QueryTimeout, StoreError) as exc:
            self.fail(HTTPStatus.SERVICE_UNAVAILABLE, str(exc), started)
            return
        except QueryError as exc:
            self.fail(HTTPStatus.BAD_REQUEST, str(exc), started)
            return
        accept = self.headers.get("Accept")
        if "format" in params:
            accept = FORMATS.get(params["format"][0], params["format"][0])
        media = negotiate(accept, result.form)
        if media is None:
            msg = f"cannot produce any of: {accept} (for a {result.form} result)"
            self.fail(HTTPStatus.NOT_ACCEPTABLE, msg, started)
            return
        rows = len(result.rows) if result.form == "select" else len(result.triples)
        headers: dict[str, Any] = {"X-RegKG-Rows": rows, "Vary": "Accept"}
        if result.truncated:
            headers["X-RegKG-Truncated"] = f"cut at {self.server.max_rows} rows (--max-rows)"
        self.reply(
            HTTPStatus.OK, serialize(result, media), media, started, headers=headers, rows=rows
        )
