"""Per-module mutation score from mutmut's result files (``mutants/**/*.py.meta``).

``make mutate`` runs it after ``mutmut run``; it prints, for every mutated module, how many
mutants were killed, survived, timed out or were not checked, and the share that survived.
Statuses are mutmut's own (``mutmut.stats.status_by_exit_code``); a mutant no test reaches
counts as surviving.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code


def scores(root: Path) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = {}
    for meta in sorted(root.glob("**/*.py.meta")):
        module = meta.relative_to(root).as_posix().removesuffix(".meta")
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        tally: Counter[str] = Counter()
        for code in codes.values():
            tally[status_by_exit_code[code]] += 1
        out[module] = tally
    return out


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path("mutants")
    table = scores(root)
    if not table:
        print(f"no mutmut results under {root}/: run 'make mutate' first", file=sys.stderr)
        return 2
    head = ("module", "mutants", "killed", "survived", "other", "survived %")
    width = max(len(head[0]), *map(len, table))
    print(f"{head[0]:<{width}} {head[1]:>7} {head[2]:>6} {head[3]:>8} {head[4]:>5} {head[5]:>10}")
    for module, t in table.items():
        total = sum(t.values())
        survived = t["survived"] + t["no tests"]
        other = total - t["killed"] - survived
        share = 100 * survived / total if total else 0.0
        counts = f"{total:>7} {t['killed']:>6} {survived:>8} {other:>5} {share:>9.1f}%"
        print(f"{module:<{width}} {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
