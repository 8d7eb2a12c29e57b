"""The regkg command line: every subcommand, its errors and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph.cli import main
from graph.sparql.stored import stored_queries


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_everywhere() -> None:
    for args in (
        [],
        *(
            [name]
            for name in (
                "build",
                "validate",
                "query",
                "queries",
                "stats",
                "views",
                "export",
                "diff",
            )
        ),
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "graph", *args, "--help"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        assert "usage: regkg" in proc.stdout


def test_build_then_up_to_date(world_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "build")
    assert code == 0 and "up to date" in out
    code, out, _ = cli(capsys, "build", "--force")
    assert code == 0 and "built" in out and "named graphs" in out


def test_validate(world_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "validate")
    assert code == 0 and out.startswith("valid: ")


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_query_formats(world_env: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, _ = cli(
        capsys, "query", "holdings-for-question", "--param", "question=q2", "--format", fmt
    )
    assert code == 0
    assert "ado-fine-2021" in out
    if fmt == "json":
        assert len(json.loads(out)["results"]["bindings"]) == 2


def test_query_file_and_text(
    world_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    q = tmp_path / "q.rq"
    q.write_text("SELECT (COUNT(*) AS ?n) { ?s a <https://w3id.org/regkg/ontology#Fine> }")
    code, out, _ = cli(capsys, "query", "--file", str(q), "--format", "csv")
    assert code == 0 and out.splitlines() == ["n", "3"]
    code, out, _ = cli(
        capsys, "query", "--text", "ASK { ?s a <https://w3id.org/regkg/ontology#Fine> }"
    )
    assert code == 0 and out.strip() == "yes"


def test_query_row_cap_warns(world_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(
        capsys, "query", "--text", "SELECT ?s { ?s a ?c }", "--max-rows", "3", "--format", "csv"
    )
    assert code == 0 and len(out.splitlines()) == 4
    assert "cut at 3 rows" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("query", "no-such-query"), "no stored query named 'no-such-query'"),
        (("query", "--text", "DELETE WHERE { ?s ?p ?o }"), "updates are refused"),
        (("query", "--text", "SELECT ?x WHERE {"), "SPARQL syntax error"),
        (("query", "group-actions", "--param", "group"), "--param needs KEY=VALUE"),
        (("query", "--file", "/nonexistent/q.rq"), "No such file or directory"),
    ],
)
def test_errors_are_clear_and_non_zero(
    world_env: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    code, _, err = cli(capsys, *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_query_needs_one_source(world_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["query"])
    assert exc.value.code == 2
    assert "exactly one of NAME, --file or --text" in capsys.readouterr().err


def test_queries_lists_every_stored_query(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "queries")
    assert code == 0
    for name, q in stored_queries().items():
        assert name in out and q.title in out


def test_stats(world_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "stats")
    assert code == 0
    assert "https://w3id.org/regkg/graph/curated-cases" in out
    assert "Fine" in out and "Holding" in out


def test_export(world_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "export", "--out", str(tmp_path / "snap"))
    assert code == 0 and "snapshot written" in out
    assert (tmp_path / "snap" / "graph.nt").stat().st_size > 1000
    code, _, err = cli(capsys, "export", "--out", str(tmp_path / "snap"))
    assert code == 2 and "not an empty folder" in err


def test_views_lists_registry_with_top_nodes(
    world_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from graph.network.views import VIEWS

    code, out, _ = cli(capsys, "views", "--top", "2")
    assert code == 0
    for name, spec in VIEWS.items():
        assert f"{name}: {spec.title}" in out
    assert "top by PageRank" in out


def test_store_missing_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("REGKG_HOME", str(tmp_path / "empty"))
    code, _, err = cli(capsys, "stats")
    assert code == 2 and "run `regkg build` first" in err


def test_bad_data_exits_non_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.curated.test_corpus import edit, world_copy

    world = world_copy(tmp_path)
    edit(world / "cases.yaml", "authority: aa-supreme-court", "authority: nobody")
    monkeypatch.setenv("REGKG_DATA", str(world))
    monkeypatch.setenv("REGKG_HOME", str(tmp_path / "home"))
    code, _, err = cli(capsys, "build")
    assert code == 2
    assert "cases.yaml, record 'supreme-2021" in err and "field 'authority'" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("query", "--text", "ASK {}", "--max-rows", "-1"), "--max-rows: must be at least 1"),
        (("query", "--text", "ASK {}", "--max-rows", "0"), "--max-rows: must be at least 1"),
        (("query", "--text", "ASK {}", "--max-rows", "abc"), "--max-rows: needs a whole number"),
        (("query", "--text", ""), "--text: must not be empty"),
        (("query", "--text", "  \n"), "--text: must not be empty"),
        (("query", "--text", "ASK {}", "--format", "xml"), "--format: invalid choice"),
        (("serve", "--port", "70000"), "--port: must be at most 65535"),
        (("serve", "--timeout", "nan"), "--timeout: must be at least"),
        (("serve", "--workers", "0"), "--workers: must be at least 1"),
        (("serve", "--public-url", "http://x/> <http://e/p"), "--public-url: needs an http(s)"),
        (("views", "--top", "-3"), "--top: must be at least 0"),
        (("query",), "exactly one of NAME, --file or --text"),
        (("no-such-command",), "invalid choice"),
    ],
)
def test_bad_arguments_get_one_line(args: tuple[str, ...], message: str) -> None:
    """Every bad argument: exit 2 and one line on stderr (no usage block), nothing on stdout."""
    proc = subprocess.run(
        [sys.executable, "-m", "graph", *args], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stderr.startswith("regkg: error: ") and message in proc.stderr


def test_a_closed_pipe_ends_quietly(world_env: Path) -> None:
    """``regkg stats | head -1``: the reader goes away; regkg says nothing and exits 0."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph", "stats"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # closed before regkg writes a byte
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert err == ""
