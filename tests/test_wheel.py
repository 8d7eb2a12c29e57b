"""The wheel works anywhere: built, installed into a fresh virtual environment (dependencies from
PyPI or the local pip cache, pinned by ``constraints.txt``), then ``regkg build``,
``query``, ``export``, ``import``, ``serve`` and ``app`` run from a folder with no checkout."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser_kit import free_port

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow

#: What the wheel is built from (pyproject.toml maps data/, ontologies/ and the app in).
SOURCES = ("pyproject.toml", "README.md", "graph", "data", "ontologies", "pages", "app.py",
           "app_launch.py")  # fmt: skip


def _run(cmd: list[str], *, cwd: Path, env: dict[str, str], timeout: float = 900) -> str:
    proc = subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert proc.returncode == 0, f"{cmd}: {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """(the venv's bin folder, an environment without PYTHONPATH or REGKG_* settings)."""
    tmp = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith("REGKG_")}
    env["XDG_DATA_HOME"] = str(tmp / "xdg")  # the per-user data folder, kept inside tmp
    # Built from a copy of what the wheel is made of: setuptools writes build/ into the source.
    src = tmp / "src"
    src.mkdir()
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(REPO / name, src / name)
    _run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-q", "-w", str(tmp)],
         cwd=tmp, env=env)  # fmt: skip
    (wheel,) = tmp.glob("regkg-*.whl")
    _run([sys.executable, "-m", "venv", str(tmp / "venv")], cwd=tmp, env=env)
    pip = [str(tmp / "venv" / "bin" / "python"), "-m", "pip", "install", "-q"]
    _run([*pip, "-c", str(REPO / "constraints.txt"), str(wheel)], cwd=tmp, env=env)
    yield tmp / "venv" / "bin", env


def test_the_installed_package_reads_its_own_copy(installed: tuple[Path, dict[str, str]]) -> None:
    bin_dir, env = installed
    work = bin_dir.parent.parent / "elsewhere"
    work.mkdir(exist_ok=True)
    code = (
        "import json, graph.settings as s; print(json.dumps([s.in_checkout(), str(s.data_dir()),"
        " str(s.ontology_dir()), str(s.home()), str(s.app_dir())]))"
    )
    out = _run([str(bin_dir / "python"), "-c", code], cwd=work, env=env)
    checkout, data, onto, home, app = json.loads(out)
    assert checkout is False
    assert "site-packages" in data and data.endswith("graph/bundled/data")
    assert onto.endswith("graph/bundled/ontologies")
    assert home == str(Path(env["XDG_DATA_HOME"]) / "regkg")
    assert (Path(app) / "app.py").is_file() and (Path(app) / "pages" / "overview.py").is_file()
    for name in sorted(p.name for p in (REPO / "data").iterdir()):
        assert (Path(data) / name).is_file(), name
    for name in sorted(p.name for p in (REPO / "ontologies").glob("*.ttl")):
        assert (Path(onto) / name).is_file(), name
    doctest = (
        "import graph.network.views, doctest; print(doctest.testmod(graph.network.views).failed)"
    )
    assert _run([str(bin_dir / "python"), "-c", doctest], cwd=work, env=env).strip() == "0"


def test_build_query_export_from_another_folder(installed: tuple[Path, dict[str, str]]) -> None:
    bin_dir, env = installed
    work = bin_dir.parent.parent / "work"
    work.mkdir(exist_ok=True)
    regkg = str(bin_dir / "regkg")
    out = _run([regkg, "build", "--force"], cwd=work, env=env)
    assert out.startswith("built ") and "named graphs" in out
    assert (Path(env["XDG_DATA_HOME"]) / "regkg" / "stores").is_dir()
    names = _run([regkg, "queries"], cwd=work, env=env)
    assert "fines-per-regulator" in names
    rows = _run([regkg, "query", "fines-per-regulator", "--format", "json"], cwd=work, env=env)
    assert json.loads(rows)["results"]["bindings"], rows
    out = _run([regkg, "export", "--out", str(work / "snap")], cwd=work, env=env)
    assert "snapshot written" in out
    assert (work / "snap" / "manifest.json").is_file()
    assert not (work / ".regkg").exists()


#: One Enforcement Tracker row (13 columns, SOURCES.md), written by the test, not shipped.
ET_ROW = ["", "ETid-9", "<img src='./flags/flag_spain.png'><br />SPAIN",
          "Spanish Data Protection Authority (aepd)", "2021-05-10", "10,000", "Acme Telecom S.L.",
          "Industry and Commerce", "Art. 6 GDPR", "Insufficient legal basis", "Summary.",
          "<a href='https://example.org'>link</a>",
          "<a href='https://www.enforcementtracker.com/ETid-9'>ETid-9</a>"]  # fmt: skip
COUNT_IMPORTED = (
    "SELECT (COUNT(?d) AS ?n) WHERE { GRAPH <https://w3id.org/regkg/graph/enforcementtracker> "
    "{ ?d a <https://w3id.org/regkg/ontology#Fine> } }"
)


def test_import_and_serve_from_another_folder(installed: tuple[Path, dict[str, str]]) -> None:
    """``regkg import`` then ``regkg serve`` from a folder with no checkout: the imported fine is
    answered over HTTP by the installed endpoint."""
    bin_dir, env = installed
    work = bin_dir.parent.parent / "served"
    work.mkdir(exist_ok=True)
    regkg = str(bin_dir / "regkg")
    _run([regkg, "build"], cwd=work, env=env)
    tracker = work / "tracker.json"
    tracker.write_text(json.dumps({"data": [ET_ROW]}), encoding="utf-8")
    out = _run([regkg, "import", "enforcementtracker", str(tracker)], cwd=work, env=env)
    assert "read 1, imported 1, merged 0, quarantined 0" in out, out
    port = free_port()
    query = urllib.parse.urlencode({"query": COUNT_IMPORTED})
    url = f"http://127.0.0.1:{port}/sparql?{query}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with _running([regkg, "serve", "--port", str(port), "--workers", "1"], cwd=work, env=env) as (
        proc,
        _,
    ):
        body = _answer(request, proc, 120)
        assert body is not None, f"endpoint did not answer (exit {proc.poll()})"
    answer = json.loads(body)
    assert answer["results"]["bindings"][0]["n"]["value"] == "1", answer


@contextlib.contextmanager
def _running(
    cmd: list[str], *, cwd: Path, env: dict[str, str]
) -> Iterator[tuple[subprocess.Popen[str], list[str]]]:
    """``cmd`` started; always stopped on leaving, its output then in the yielded list."""
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    output: list[str] = []
    try:
        yield proc, output
    finally:
        proc.terminate()
        try:
            out, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
        output.append(out)


def _answer(
    request: urllib.request.Request | str, proc: subprocess.Popen[str], seconds: float
) -> bytes | None:
    """The body of the first answer to ``request`` while ``proc`` runs, or ``None``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(request, timeout=10) as resp:
                body: bytes = resp.read()
                return body
        except OSError:
            time.sleep(0.5)
    return None


def test_regkg_app_starts_from_the_installed_package(
    installed: tuple[Path, dict[str, str]],
) -> None:
    bin_dir, env = installed
    port = free_port()
    cmd = [str(bin_dir / "regkg"), "app", "--port", str(port)]
    with _running(cmd, cwd=bin_dir.parent.parent, env=env) as (proc, output):
        body = _answer(f"http://127.0.0.1:{port}/_stcore/health", proc, 180)
        assert body == b"ok", f"app did not start (exit {proc.poll()})"
    assert "starting Streamlit" in output[0], output
