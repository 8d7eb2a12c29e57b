"""A bounded load on the real ``regkg serve`` over HTTP on 127.0.0.1: 20 concurrent clients × 50
stored queries (default parameters bound by ``VALUES``), rotating the mix, the Accept format
(SPARQL JSON, XML, CSV, TSV) and the method (GET, POST form). Zero errors, and every answer equals
the single-client answer. The data is the synthetic world of 1,000 actions (benchmarks/generate.py),
which holds the records every stored query defaults to, so each query returns rows. No timing is
asserted (the figures are in benchmarks/endpoint_bench.py).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest

from benchmarks.endpoint_load import CSV, JSON, TSV, XML, Run, run_load, workload
from benchmarks.endpoint_peers import build_home
from benchmarks.generate import generate

pytestmark = pytest.mark.slow

CLIENTS = 20
PER_CLIENT = 50


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("load")
    generate(1000, folder / "world.nq")
    build_home(folder / "world.nq", folder / "home")
    env = {**os.environ, "REGKG_HOME": str(folder / "home")}
    # A generous time limit: the machine is shared, and a 503 here would be a false error.
    cmd = [sys.executable, "-m", "graph", "serve", "--port", "0", "--timeout", "60"]
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    line = proc.stderr.readline()
    match = re.search(r"(http://127\.0\.0\.1:\d+/sparql)", line)
    assert match, line
    # The access log (one line per request) must be drained, or the server blocks on stderr.
    drain = subprocess.Popen(["cat"], stdin=proc.stderr, stdout=subprocess.DEVNULL)
    try:
        yield match.group(1)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        drain.wait(timeout=10)


def _failures(run: Run) -> list[str]:
    return [f"{o.name}: {o.status} {o.detail}" for o in run.outcomes if o.status != 200]


def test_twenty_clients_fifty_mixed_stored_queries(endpoint: str) -> None:
    mix = workload()
    assert len(mix) >= 8
    single = run_load(endpoint, mix, clients=1, per_client=len(mix))
    assert not _failures(single)
    reference = {o.name: o.answer for o in single.outcomes}
    empty = [name for name, answer in reference.items() if not answer]
    assert not empty, f"stored queries without rows on the synthetic world: {empty}"

    load = run_load(
        endpoint,
        mix,
        clients=CLIENTS,
        per_client=PER_CLIENT,
        accepts=(JSON, XML, CSV, TSV),
        methods=("GET", "POST"),
    )
    assert not _failures(load)[:5]
    assert len(load.outcomes) == CLIENTS * PER_CLIENT and load.not_started == 0
    wrong = [o.name for o in load.outcomes if o.answer != reference[o.name]]
    assert not wrong, f"{len(wrong)} answers differ from the single-client answer: {wrong[:5]}"
    summary = load.summary()
    assert summary["ok"] == CLIENTS * PER_CLIENT and summary["errors"] == 0
