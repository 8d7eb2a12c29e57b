"""A real Virtuoso (Debian's ``virtuoso-opensource``) on 127.0.0.1, in a temporary folder.

The package installs without starting a server. :func:`running_virtuoso` copies the packaged INI,
points its database files, ``DirsAllowed`` and both ports (SQL and HTTP, loopback only) at a
temporary folder, starts ``virtuoso-t -f -c INI``, waits until ``/sparql`` answers, lets the
anonymous SPARQL user update (so ``regkg push`` can write over HTTP, as it would to a team's
store), and stops the server by its PID afterwards. Used by the backend contract tests and by
``benchmarks/endpoint_bench.py``.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

PACKAGED_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
PROGRAM = "virtuoso-t"
ISQL = "isql-vt"
PACKAGE = "virtuoso-opensource"


@dataclass(frozen=True)
class Virtuoso:
    """A running server: its SPARQL query/update URL, Graph Store URL and SQL port."""

    sparql: str
    gsp: str
    sql_port: int
    folder: Path
    pid: int

    def isql(self, *statements: str, timeout: float = 120) -> str:
        """Run SQL statements through ``isql-vt`` as ``dba``; return its output."""
        script = "\n".join(s.rstrip(";") + ";" for s in statements) + "\nEXIT;\n"
        done = subprocess.run(
            [ISQL, f"127.0.0.1:{self.sql_port}", "dba", "dba"],
            input=script,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0 or "*** Error" in done.stdout:
            msg = f"isql failed ({done.returncode}): {done.stdout[-2000:]} {done.stderr[-2000:]}"
            raise RuntimeError(msg)
        return done.stdout


def available() -> bool:
    """Whether the Debian package's programs and INI are installed."""
    return bool(shutil.which(PROGRAM) and shutil.which(ISQL) and PACKAGED_INI.exists())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def write_ini(folder: Path, sql_port: int, http_port: int, max_rows: int) -> Path:
    """The packaged INI with every path and port pointed at ``folder`` and loopback."""
    db = folder / "db"
    db.mkdir(parents=True, exist_ok=True)
    (folder / "load").mkdir(exist_ok=True)
    wanted: dict[str, dict[str, object]] = {
        "Database": {
            "DatabaseFile": db / "virtuoso.db",
            "ErrorLogFile": db / "virtuoso.log",
            "LockFile": db / "virtuoso.lck",
            "TransactionFile": db / "virtuoso.trx",
            "xa_persistent_file": db / "virtuoso.pxa",
        },
        "TempDatabase": {
            "DatabaseFile": db / "virtuoso-temp.db",
            "TransactionFile": db / "virtuoso-temp.trx",
        },
        "Parameters": {
            "ServerPort": f"127.0.0.1:{sql_port}",
            "DirsAllowed": f"., {folder / 'load'}, /usr/share/virtuoso-opensource-7/vad",
            "NumberOfBuffers": 50000,
            "MaxDirtyBuffers": 30000,
        },
        "HTTPServer": {"ServerPort": f"127.0.0.1:{http_port}"},
        "SPARQL": {"ResultSetMaxRows": max_rows},
    }
    section = ""
    out = []
    for line in PACKAGED_INI.read_text(encoding="utf-8").splitlines():
        head = re.match(r"\s*\[(.+)\]\s*$", line)
        if head:
            section = head.group(1)
        key = re.match(r"\s*([A-Za-z_0-9]+)\s*=", line)
        if key and key.group(1) in wanted.get(section, {}):
            line = f"{key.group(1)} = {wanted[section][key.group(1)]}"
        out.append(line)
    ini = folder / "virtuoso.ini"
    ini.write_text("\n".join(out) + "\n", encoding="utf-8")
    return ini


def start_virtuoso(
    folder: Path, *, max_rows: int = 10000, start_timeout: float = 90
) -> tuple[Virtuoso, subprocess.Popen[bytes]]:
    """Start Virtuoso with its own database in ``folder`` and wait until ``/sparql`` answers."""
    sql_port, http_port = free_port(), free_port()
    ini = write_ini(folder, sql_port, http_port, max_rows)
    with (folder / "virtuoso.out").open("wb") as log:
        proc = subprocess.Popen(
            [PROGRAM, "-f", "-c", str(ini)],
            cwd=folder,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{http_port}"
    server = Virtuoso(f"{base}/sparql", f"{base}/sparql-graph-crud", sql_port, folder, proc.pid)
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            if proc.poll() is not None:
                out = (folder / "virtuoso.out").read_text(errors="replace")[-2000:]
                msg = f"virtuoso-t exited ({proc.returncode}): {out}"
                raise RuntimeError(msg)
            with contextlib.suppress(httpx.HTTPError):
                r = httpx.get(server.sparql, params={"query": "ASK {}"}, timeout=5)
                if r.status_code == 200:
                    break
            if time.monotonic() > deadline:
                msg = f"Virtuoso did not answer on {server.sparql} within {start_timeout:g} s"
                raise RuntimeError(msg)
            time.sleep(0.5)
        server.isql(
            'GRANT SPARQL_UPDATE TO "SPARQL"',
            'GRANT EXECUTE ON DB.DBA.SPARQL_INSERT_DICT_CONTENT TO "SPARQL"',
            'GRANT EXECUTE ON DB.DBA.SPARQL_DELETE_DICT_CONTENT TO "SPARQL"',
            "DB.DBA.RDF_DEFAULT_USER_PERMS_SET('nobody', 7)",
        )
    except BaseException:
        stop(proc)
        raise
    return server, proc


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server started by :func:`start_virtuoso` (its whole process group)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def bulk_load(server: Virtuoso, nquads: Path) -> None:
    """Load an N-Quads file with Virtuoso's bulk loader (graphs as in the file)."""
    target = server.folder / "load" / nquads.name
    shutil.copyfile(nquads, target)
    server.isql(
        f"ld_dir('{target.parent}', '{target.name}', 'urn:regkg:unused')",
        "rdf_loader_run()",
        "checkpoint",
        timeout=1800,
    )


@contextlib.contextmanager
def running_virtuoso(
    folder: Path, *, max_rows: int = 10000, start_timeout: float = 90
) -> Iterator[Virtuoso]:
    """Start Virtuoso with its own database in ``folder``; stop it by PID on exit."""
    server, proc = start_virtuoso(folder, max_rows=max_rows, start_timeout=start_timeout)
    try:
        yield server
    finally:
        stop(proc)
