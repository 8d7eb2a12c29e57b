"""A real HTTP listener on 127.0.0.1 that records every request reaching it: the target of the
SERVICE (and FROM) queries in the adversarial tests, which assert that nothing ever arrives."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

#: An empty SPARQL JSON answer, so that a query that did reach the trap would succeed.
EMPTY = b'{"head": {"vars": ["x", "p", "o"]}, "results": {"bindings": []}}'


@dataclass
class Trap:
    """The listener's URL and the requests it received (method and path)."""

    url: str
    hits: list[tuple[str, str]] = field(default_factory=list)


@contextmanager
def trap() -> Iterator[Trap]:
    """Listen on 127.0.0.1 (a free port) for as long as the block runs."""
    found = Trap("")

    class Handler(BaseHTTPRequestHandler):
        def _record(self) -> None:
            found.hits.append((self.command, self.path))
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(EMPTY)))
            self.end_headers()
            self.wfile.write(EMPTY)

        do_GET = do_POST = _record

        def log_message(self, format: str, *args: Any) -> None:
            """Silent."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    found.url = f"http://127.0.0.1:{server.server_port}/sparql"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield found
    finally:
        server.shutdown()
        server.server_close()
