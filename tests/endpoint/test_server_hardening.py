"""The endpoint's HTTP side under hostile clients, over real sockets on 127.0.0.1: Content-Length
validated, idle connections closed, open connections capped, the service description's URL
from configuration (never the Host header), and a JSON log line for every response."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph

from graph.endpoint import server as srv
from graph.errors import ConfigError


@pytest.fixture(scope="module")
def endpoint(world_home: Path) -> Iterator[srv.Endpoint]:
    server = srv.Endpoint(
        ("127.0.0.1", 0),
        world_home,
        10.0,
        100,
        1,
        public_url="https://sparql.example.org/regkg/sparql",
        idle_timeout=1.0,
        max_connections=4,
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _exchange(server: srv.Endpoint, raw: bytes) -> bytes:
    """Send raw bytes, read until the server closes or stops answering."""
    with socket.create_connection(("127.0.0.1", server.server_port), timeout=30) as sock:
        sock.sendall(raw)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


def _status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def _log(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    return [json.loads(line) for line in capsys.readouterr().err.splitlines() if line]


@pytest.mark.parametrize(
    ("length", "status"),
    [
        ("-1", 400),
        ("abc", 400),
        (None, 400),
        ("+5", 400),
        ("1e3", 400),
        ("２", 400),
        ("99999999", 413),
    ],
)
def test_content_length_is_validated(
    endpoint: srv.Endpoint, capsys: pytest.CaptureFixture[str], length: str | None, status: int
) -> None:
    head = "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
    if length is not None:
        head += f"Content-Length: {length}\r\n"
    answer = _exchange(endpoint, (head + "\r\n").encode() + b"ASK {}" * 10)
    assert _status(answer) == status
    (entry,) = _log(capsys)
    assert entry["status"] == status and entry["method"] == "POST"


def test_a_valid_body_is_answered(endpoint: srv.Endpoint) -> None:
    body = b"ASK { ?s ?p ?o }"
    head = (
        "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        f"Accept: application/sparql-results+json\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    )
    answer = _exchange(endpoint, head.encode() + body)
    assert _status(answer) == 200
    assert b'"boolean": true' in answer


def test_stdlib_errors_are_logged(
    endpoint: srv.Endpoint, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = _exchange(endpoint, b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n")
    assert _status(answer) == 414
    answer = _exchange(endpoint, b"BREW /sparql HTTP/1.1\r\nHost: x\r\n\r\n")
    assert _status(answer) == 501
    assert [e["status"] for e in _log(capsys)] == [414, 501]


def test_the_service_description_ignores_the_host_header(endpoint: srv.Endpoint) -> None:
    evil = "x/sparql> <http://evil.example/p> <http://evil.example/o> . <http://x"
    raw = (
        f"GET /sparql HTTP/1.1\r\nHost: {evil}\r\nAccept: text/turtle\r\nConnection: close\r\n\r\n"
    )
    answer = _exchange(endpoint, raw.encode())
    assert _status(answer) == 200
    turtle = answer.split(b"\r\n\r\n", 1)[1].decode()
    assert "evil" not in turtle
    g = Graph().parse(data=turtle, format="turtle")
    subjects = {str(s) for s in g.subjects() if not str(s).startswith("N")}
    assert "https://sparql.example.org/regkg/sparql" in subjects


@pytest.mark.parametrize(
    "url", ["http://x/sparql> <http://e/p> <http://e/o", "ftp://x/", "http://a b/"]
)
def test_a_public_url_that_would_break_the_turtle_is_refused(url: str) -> None:
    with pytest.raises(ConfigError, match="public URL"):
        srv.check_public_url(url)


def test_idle_connections_are_closed(endpoint: srv.Endpoint) -> None:
    with socket.create_connection(("127.0.0.1", endpoint.server_port), timeout=60) as sock:
        sock.sendall(b"GET /sparql HTTP/1.1\r\n")  # never finishes the request
        assert sock.recv(1024) == b""  # closed by the server (the idle timeout), not by us


def test_open_connections_are_capped(
    endpoint: srv.Endpoint, capsys: pytest.CaptureFixture[str]
) -> None:
    idle = [socket.create_connection(("127.0.0.1", endpoint.server_port)) for _ in range(4)]
    try:
        for sock in idle:
            sock.sendall(b"GET / HTTP/1.1\r\n")  # each holds a slot until the idle timeout
        answer = _exchange(endpoint, b"GET /sparql HTTP/1.1\r\nHost: x\r\n\r\n")
        assert _status(answer) == 503
        assert any(e["status"] == 503 for e in _log(capsys))
    finally:
        for sock in idle:
            sock.close()
