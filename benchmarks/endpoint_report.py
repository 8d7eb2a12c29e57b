"""The endpoint benchmark's tables (from the JSON report of :mod:`benchmarks.endpoint_bench`)."""

from __future__ import annotations

from typing import Any

THROUGHPUT_TARGET = 5.0  # the goal at 100k actions: ours ≥ 5× rdflib-endpoint's


def _num(v: Any, fmt: str = "{:.3f}") -> str:
    return "-" if v is None else fmt.format(v)


def _cell(c: dict[str, Any] | None) -> str:
    if c is None:
        return f"{'not run':<44}"
    lat = "/".join(_num(c[k], "{:.3f}") for k in ("p50_s", "p95_s", "p99_s"))
    bad = f"{c['errors']}e {c['timeouts']}t {c['not_started']}ns {c['wrong_answers']}w"
    return f"{_num(c['qps'], '{:8.1f}'):>8} {lat:<20} {bad:<14}"


def _by_clients(cells: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    return {c["clients"]: c for c in cells}


def print_size(result: dict[str, Any], baseline: str) -> None:
    """Per size: startup, the single-client latency of each stored query, skips, agreement."""
    peers = result["peers"]
    names = list(peers)
    print(f"\nsize {result['size']} ({result['quads']} quads): single client, one request each")
    print(f"  {'query':<24}" + "".join(f"{n:>22}" for n in names))
    queries = sorted({q for r in peers.values() for q in r["reference"]})
    for q in queries:
        cells = []
        for n in names:
            ref = peers[n]["reference"].get(q)
            if ref is None:
                cells.append(f"{'-':>22}")
            elif ref["status"] == 200:
                cells.append(f"{ref['seconds']:>12.3f} s {ref['rows']:>5} r")
            else:
                cells.append(f"{str(ref['status'])[:20]:>22}")
        print(f"  {q:<24}" + "".join(cells))
    for n, r in peers.items():
        print(f"  {n}: {r['status']}, startup {_num(r['startup_s'], '{:.1f}')} s")
        for q, why in r["skipped"].items():
            print(f"    left out of its mix: {q} ({why[:100]})")
    for p, verdicts in result["answers_vs_baseline"].items():
        differ = {q: v for q, v in verdicts.items() if v != "same rows"}
        print(f"  answers {p} vs {baseline}: " + (str(differ) if differ else "all the same rows"))


def summary_table(report: dict[str, Any], baseline: str) -> str:
    """One line per size × peer × client count: ours vs the peer on the peer's mix, ratios.

    Cells read ``qps p50/p95/p99 (s) errors timeouts not-started wrong-answers``.
    """
    head = (
        f"{'size':>7} {'peer':<16} {'cl':>3} | {'ours: q/s':>8} {'p50/p95/p99 s':<20} "
        f"{'e/t/ns/w':<14}| {'peer: q/s':>8} {'p50/p95/p99 s':<20} {'e/t/ns/w':<14}| "
        f"{'q/s ratio':>9} {'p50 ratio':>9}"
    )
    lines = ["", "Endpoint throughput and latency, ours / peer (under load: shared 2-core machine)"]
    lines += [head, "-" * len(head)]
    for size in report["sizes"]:
        peers = size["peers"]
        base = peers.get(baseline)
        if base is None:
            continue
        own = _by_clients(base["load"].get("all", []))
        for c, cell in own.items():
            lines.append(f"{size['size']:>7} {'(full mix)':<16} {c:>3} | {_cell(cell)}|")
        for name, r in peers.items():
            if name == baseline:
                continue
            label = f"as {name}" if f"as {name}" in base["load"] else "all"
            mine = _by_clients(base["load"].get(label, []))
            theirs = _by_clients(r["load"].get("all", []))
            if r["status"] != "ok":
                lines.append(f"{size['size']:>7} {name:<16}     {r['status'][:100]}")
                continue
            for c in sorted(set(mine) | set(theirs)):
                a, b = mine.get(c), theirs.get(c)
                q_ratio = p_ratio = "-"
                if a and b and a["qps"] and b["qps"]:
                    q_ratio = f"{a['qps'] / b['qps']:.1f}x"
                if a and b and a["p50_s"] and b["p50_s"]:
                    p_ratio = f"{b['p50_s'] / a['p50_s']:.1f}x"
                lines.append(
                    f"{size['size']:>7} {name:<16} {c:>3} | {_cell(a)}| {_cell(b)}| "
                    f"{q_ratio:>9} {p_ratio:>9}"
                )
    lines.append(
        "q/s ratio = ours / peer (higher is better for ours); p50 ratio = peer p50 / ours p50. "
        f"Goal at 100k actions: q/s ratio >= {THROUGHPUT_TARGET:g}x rdflib-endpoint; "
        "e/t/ns/w = errors, timeouts, requests not started in the time budget, wrong answers."
    )
    return "\n".join(lines)
