"""``regkg serve``: a read-only SPARQL 1.1 Protocol endpoint over the shared store, every query
checked and time-bounded."""

from __future__ import annotations

import contextlib
import re
import signal
import sys
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

from graph import settings
from graph.endpoint.bounded import QueryPool
from graph.endpoint.handler import IDLE_TIMEOUT, MAX_CONNECTIONS, Handler, log_line
from graph.errors import ConfigError


class Endpoint(ThreadingHTTPServer):
    """The HTTP server: carries the query pool, the limits and its public URL.

    The HTTP side is bounded: a POST needs a valid ``Content-Length`` (missing, negative or not a
    number: ``400``; over :data:`MAX_BODY`: ``413``); each connection is closed after
    ``IDLE_TIMEOUT`` seconds without a complete request; at most ``MAX_CONNECTIONS`` connections are
    open at once (more get ``503`` and are closed). CORS is on; every response, errors included, is
    logged as one JSON line on stderr.
    """

    daemon_threads = True
    # socketserver's default backlog is 5: more clients connecting at once get their SYN dropped
    # and retried a second later.
    request_queue_size = 128

    def __init__(
        self,
        addr: tuple[str, int],
        home: Path,
        timeout: float,
        max_rows: int,
        workers: int,
        *,
        public_url: str | None = None,
        idle_timeout: float = IDLE_TIMEOUT,
        max_connections: int = MAX_CONNECTIONS,
    ):
        self.home = home
        self.query_timeout = timeout
        self.max_rows = max_rows
        self.idle_timeout = idle_timeout
        self.slots = threading.BoundedSemaphore(max_connections)
        super().__init__(addr, Handler)
        self.public_url = check_public_url(
            public_url or f"http://{addr[0] or '127.0.0.1'}:{self.server_port}/sparql"
        )
        self.pool = QueryPool(home, size=workers)

    def process_request(self, request: Any, client_address: Any) -> None:
        """Serve the connection in a thread if a slot is free, else answer 503 and close it."""
        if not self.slots.acquire(blocking=False):
            body = b"too many open connections: try again in a moment\n"
            with contextlib.suppress(OSError):
                request.sendall(
                    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; "
                    b"charset=utf-8\r\nConnection: close\r\nRetry-After: 1\r\n"
                    + f"Content-Length: {len(body)}\r\n\r\n".encode()
                    + body
                )
            log_line(client_address[0], "", "", 503, time.perf_counter(), None)
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def server_close(self) -> None:
        super().server_close()
        if hasattr(self, "pool"):
            self.pool.close()


def check_public_url(url: str) -> str:
    """``url`` if it can stand in the service description as an IRI, else :class:`ConfigError`."""
    if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", url):
        msg = f"the endpoint's public URL {url!r} is not an http(s) IRI (check --public-url)"
        raise ConfigError(msg)
    return url


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    home: Path | None = None,
    timeout: float | None = None,
    max_rows: int | None = None,
    workers: int = 2,
    public_url: str | None = None,
) -> None:
    """Serve until interrupted.

    GET ``/sparql?query=``, POST form-encoded and POST ``application/sparql-query``;
    ``default-graph-uri``/``named-graph-uri`` honoured; results by content negotiation (``406`` when
    none fits); a service description at ``/sparql`` without a query (its own URL is
    ``--public-url``, by default ``http://HOST:PORT/sparql`` from the bind address, never a request
    header); a small HTML page with the stored query gallery at ``/``. Every query passes
    :func:`graph.sparql.safety.check_query` in a worker process kept off the network: updates get
    ``403``, ``SERVICE`` and graphs the store does not hold ``403``, malformed queries ``400`` with
    the parser's position, a query over the time limit ``503`` (its worker process is killed, others
    keep serving), a result over the row cap is cut and says so in ``X-RegKG-Truncated``.
    """
    limit = settings.QUERY_TIMEOUT if timeout is None else timeout
    cap = settings.MAX_ROWS if max_rows is None else max_rows
    server = Endpoint(
        (host, port), home or settings.home(), limit, cap, workers, public_url=public_url
    )
    server.pool.warm()
    print(
        f"regkg SPARQL endpoint on http://{host}:{server.server_port}/sparql "
        f"(public URL {server.public_url})",
        file=sys.stderr,
        flush=True,
    )

    def stop(_signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt  # so that the workers are stopped too, not left running

    signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
