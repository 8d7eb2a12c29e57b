"""Keep the README honest: its commands, CLI table, stored queries and data files match the code."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from graph.cli import parser
from graph.sparql.stored import stored_queries

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_two_commands_come_first_and_exist_in_the_makefile() -> None:
    block = re.search(r"## Two commands\n\n```sh\n(.*?)```", README, re.S)
    assert block, "README needs a 'Two commands' block"
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert commands == ["make app", "make test"]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for target in ("app", "test"):
        assert re.search(rf"^{target}:", makefile, re.M)
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_cli_table_lists_every_subcommand() -> None:
    sub = next(a for a in parser()._actions if a.dest == "command")
    for name in sub.choices:  # type: ignore[union-attr]
        assert f"`regkg {name}" in README, name


def test_every_stored_query_is_documented() -> None:
    for name in stored_queries():
        assert f"| `{name}` |" in README, name


def test_every_data_file_is_documented() -> None:
    catalog = tomllib.loads((REPO / "data" / "catalog.toml").read_text(encoding="utf-8"))
    for key, entry in catalog["graphs"].items():
        assert f"`{entry['file']}`" in README and f"curated-{key}`" in README, key
        assert entry["licence"] in README
