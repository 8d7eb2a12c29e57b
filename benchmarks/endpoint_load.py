"""Load on a SPARQL endpoint over real HTTP: the stored-query mix, concurrent clients, answers.

Shared by the load test (``tests/endpoint/test_server_load.py``) and the endpoint benchmark
(``benchmarks/endpoint_bench.py``). Every stored query is sent with its default parameters bound
by a ``VALUES`` clause opening its ``WHERE`` group: the values are terms built by
:meth:`graph.sparql.stored.Param.bind` from the query's own header (never pasted user text),
written in
N-Triples syntax by pyoxigraph. The same text goes to every endpoint, ours or a peer.

>>> mix = workload()
>>> [q.name for q in mix][:2]
['children-provisions', 'fines-per-parent']
>>> "VALUES (?question) { (<https://w3id.org/regkg/id/question/q01>) }" in bound_text(
...     stored_queries()["holdings-for-question"])
True
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import re
import statistics
import threading
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from urllib.parse import urlencode, urlsplit

from graph.sparql.stored import StoredQuery, stored_queries

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_XML_NS = "{http://www.w3.org/2005/sparql-results#}"

#: One canonical answer: the sorted rows, each a sorted tuple of (variable, value) pairs.
Answer = tuple[tuple[tuple[str, str], ...], ...]


@dataclass(frozen=True)
class Request:
    """One query of the mix, ready to send."""

    name: str
    text: str


def bound_text(q: StoredQuery) -> str:
    """The stored query's text with its default parameters bound by an inline ``VALUES``."""
    terms = q.bindings({})
    if not terms:
        return q.text
    names = " ".join(f"?{v.value}" for v in terms)
    values = " ".join(str(t) for t in terms.values())
    clause = f" VALUES ({names}) {{ ({values}) }}"
    lines = q.text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.lstrip().startswith("#"):
            continue
        m = re.search(r"\bWHERE\s*\{", line, re.IGNORECASE)
        if m:
            lines[i] = line[: m.end()] + clause + line[m.end() :]
            return "".join(lines)
    msg = f"{q.name}.rq: no 'WHERE {{' line to bind its parameters in"
    raise ValueError(msg)


def workload(skip: frozenset[str] = frozenset()) -> list[Request]:
    """The stored-query mix (every ``graph/queries/*.rq`` but ``skip``), in name order."""
    return [Request(n, bound_text(q)) for n, q in stored_queries().items() if n not in skip]


# ------------------------------------------------------------------------------------ answers
def _cell(value: str) -> str:
    if "; " in value:
        return "; ".join(sorted(value.split("; ")))
    if _NUMBER.fullmatch(value):
        try:
            return f"{Decimal(value).quantize(Decimal('0.01'), ROUND_HALF_EVEN):f}"
        except InvalidOperation:
            return value
    return value


def canonical(body: bytes, media: str) -> Answer:
    """The rows of a SELECT answer in any of the four formats, order-free.

    Values are compared as plain strings (IRI or lexical form), numbers by value to the cent
    (engines write a decimal or double ``SUM`` differently); a ``GROUP_CONCAT`` with the ``"; "``
    separator is compared as a set, since SPARQL leaves its order open.
    """
    rows: list[dict[str, str]] = []
    if media.startswith(JSON):
        data = json.loads(body)
        if "boolean" in data:  # ASK
            return ((("boolean", str(data["boolean"]).lower()),),)
        rows = [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]
    elif media.startswith(XML):
        root = ET.fromstring(body)
        for res in root.iter(f"{_XML_NS}result"):
            rows.append({b.attrib["name"]: "".join(b.itertext()) for b in res})
    elif media.startswith(CSV):
        reader = csv.DictReader(io.StringIO(body.decode("utf-8"), newline=""))
        rows = [{k: v for k, v in r.items() if v} for r in reader]
    elif media.startswith(TSV):
        lines = body.decode("utf-8").splitlines()
        head = [h.lstrip("?") for h in lines[0].split("\t")]
        for line in lines[1:]:
            cells = [_tsv_value(c) for c in line.split("\t")]
            rows.append({k: v for k, v in zip(head, cells, strict=True) if v})
    else:
        msg = f"not a SELECT result format: {media}"
        raise ValueError(msg)
    # CSV cannot tell an unbound variable from an empty string: neither counts, in any format.
    return tuple(sorted(tuple(sorted((k, _cell(v)) for k, v in r.items() if v)) for r in rows))


def _tsv_value(cell: str) -> str:
    if cell.startswith("<") and cell.endswith(">"):
        return cell[1:-1]
    m = re.fullmatch(r'"(.*)"(?:\^\^<[^>]*>|@[\w-]+)?', cell, re.DOTALL)
    if m:
        return m.group(1).replace('\\"', '"').replace("\\t", "\t").replace("\\\\", "\\")
    return cell


# ------------------------------------------------------------------------------------ clients
@dataclass
class Outcome:
    """One request: its query, status (HTTP code, ``"timeout"`` or ``"error"``), seconds."""

    name: str
    status: int | str
    seconds: float
    answer: Answer | None = None
    detail: str = ""


@dataclass
class Run:
    """What one load run did."""

    clients: int
    wall: float = 0.0
    outcomes: list[Outcome] = field(default_factory=list)
    not_started: int = 0

    @property
    def ok(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == 200]

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def errors(self) -> int:
        return sum(1 for o in self.outcomes if o.status not in (200, "timeout"))

    def summary(self) -> dict[str, float | int | None]:
        lat = sorted(o.seconds for o in self.ok)
        q = statistics.quantiles(lat, n=100, method="inclusive") if len(lat) > 1 else lat * 99
        return {
            "clients": self.clients,
            "requests": len(self.outcomes),
            "ok": len(lat),
            "errors": self.errors,
            "timeouts": self.count("timeout"),
            "not_started": self.not_started,
            "wall_s": round(self.wall, 3),
            "qps": round(len(lat) / self.wall, 3) if self.wall and lat else None,
            "p50_s": round(q[49], 4) if lat else None,
            "p95_s": round(q[94], 4) if lat else None,
            "p99_s": round(q[98], 4) if lat else None,
        }


def send(
    conn: http.client.HTTPConnection, path: str, req: Request, accept: str, method: str
) -> tuple[int, bytes, str]:
    """One SPARQL protocol request on a kept-alive connection."""
    form = urlencode({"query": req.text})
    headers = {"Accept": accept}
    if method == "GET":
        conn.request("GET", f"{path}?{form}", headers=headers)
    else:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request("POST", path, body=form.encode("utf-8"), headers=headers)
    resp = conn.getresponse()
    body = resp.read()
    return resp.status, body, resp.getheader("Content-Type") or ""


def run_load(
    url: str,
    mix: list[Request],
    *,
    clients: int,
    per_client: int,
    accepts: tuple[str, ...] = (JSON,),
    methods: tuple[str, ...] = ("POST",),
    budget: float | None = None,
    timeout: float = 120.0,
) -> Run:
    """``clients`` threads, each sending ``per_client`` requests of the mix in turn (client ``i``
    starts at query ``i``), rotating Accept formats and methods. A client stops starting new
    requests once ``budget`` seconds have passed; the requests it skips are counted."""
    parts = urlsplit(url)
    run = Run(clients)
    lock = threading.Lock()
    start = time.perf_counter()

    def client(i: int) -> None:
        conn = http.client.HTTPConnection(
            parts.hostname or "127.0.0.1", parts.port, timeout=timeout
        )
        done: list[Outcome] = []
        skipped = 0
        try:
            for k in range(per_client):
                if budget is not None and time.perf_counter() - start > budget:
                    skipped = per_client - k
                    break
                req = mix[(i + k) % len(mix)]
                accept = accepts[(i + k) % len(accepts)]
                t0 = time.perf_counter()
                try:
                    status, body, media = send(
                        conn, parts.path, req, accept, methods[k % len(methods)]
                    )
                except TimeoutError:
                    done.append(Outcome(req.name, "timeout", time.perf_counter() - t0))
                    conn.close()
                    continue
                except (OSError, http.client.HTTPException) as exc:
                    done.append(
                        Outcome(req.name, "error", time.perf_counter() - t0, None, str(exc))
                    )
                    conn.close()
                    continue
                seconds = time.perf_counter() - t0
                if status != 200:
                    detail = body[:300].decode("utf-8", "replace")
                    done.append(Outcome(req.name, status, seconds, None, detail))
                    continue
                try:
                    answer = canonical(body, media)
                except (ValueError, KeyError, ET.ParseError) as exc:
                    done.append(Outcome(req.name, "bad answer", seconds, None, str(exc)))
                    continue
                done.append(Outcome(req.name, status, seconds, answer))
        finally:
            conn.close()
            with lock:
                run.outcomes.extend(done)
                run.not_started += skipped

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    run.wall = time.perf_counter() - start
    return run
