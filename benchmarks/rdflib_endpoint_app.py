"""The rdflib-endpoint peer: ``python -m benchmarks.rdflib_endpoint_app DATA.nq``.

Loads the N-Quads into ``rdflib.Dataset(default_union=True)`` (the default graph is the union of
the named graphs, as in our store), serves it with ``rdflib_endpoint.SparqlEndpoint`` under
uvicorn on a free port of 127.0.0.1, and prints ``rdflib-endpoint on URL (loaded in S s)`` on
stderr once it listens. Started and stopped (by PID) by :mod:`benchmarks.endpoint_peers`.
"""

from __future__ import annotations

import logging
import socket
import sys
import time


def main(path: str) -> None:
    import uvicorn
    from rdflib import Dataset
    from rdflib_endpoint import SparqlEndpoint

    t0 = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(path, format="nquads")
    app = SparqlEndpoint(graph=ds, path="/sparql", cors_enabled=True)
    loaded = time.perf_counter() - t0
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.listen(128)  # connections wait in the backlog until uvicorn accepts them
    config = uvicorn.Config(app, log_level="warning", access_log=False)
    logging.getLogger().setLevel(logging.CRITICAL)  # its per-query error log would flood stderr
    url = f"http://127.0.0.1:{port}/sparql"
    print(f"rdflib-endpoint on {url} (loaded in {loaded:.1f} s)", file=sys.stderr, flush=True)
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main(sys.argv[1])
