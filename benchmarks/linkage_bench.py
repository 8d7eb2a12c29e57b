"""How the cross-source linker's time grows with the number of records (synthetic, seeded).

``python -m benchmarks.linkage_bench [--sizes 6500,25000,50000,100000] [--seed 13]`` prints two
Markdown tables. The first, one row per size: records, candidate pairs, wall seconds of
:func:`graph.linkage.blocking.candidate_pairs` alone and of the whole
:func:`graph.linkage.link.link` (pairs, comparisons, scores, clusters, parts), of
:func:`graph.linkage.cluster.parts` alone on link's clusters, link's seconds per 1,000 records,
the ratio of that to the smallest size's (the baseline, measured in the same run: 1.00 means
linear growth), and the pairwise precision and recall against the synthetic truth (a sanity
column: a size at which blocking drops true pairs shows it here). The second, per size and
blocking key kind: blocks, the largest block, blocks skipped for being over
:data:`graph.linkage.blocking.MAX_BLOCK` and their members. The records come from
:mod:`benchmarks.linkage_synth`. Nothing is asserted about time: numbers for people.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from benchmarks.linkage_synth import synthetic_records
from graph.linkage.blocking import MAX_BLOCK, candidate_pairs, keys
from graph.linkage.cluster import parts
from graph.linkage.link import Linkage, link
from graph.linkage.records import LinkRecord

DEFAULT_SIZES = (6500, 25000, 50000, 100000)
QUICK_SIZES = (600, 1200)
T = TypeVar("T")


@dataclass
class Row:
    """One size's measurements."""

    records: int
    pairs: int
    pairs_s: float
    link_s: float
    parts_s: float
    precision: float
    recall: float
    blocks: dict[str, tuple[int, int, int, int]]  # kind → (blocks, largest, skipped, in skipped)

    @property
    def per_1k(self) -> float:
        return self.link_s / self.records * 1000


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    """``fn()`` and its wall seconds (after a collection, so garbage of the last step is not
    charged to this one)."""
    gc.collect()
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def pairwise(linkage: Linkage, truth: dict[str, str]) -> tuple[float, float]:
    """Precision and recall of "same cluster" against "same synthetic decision", over pairs."""
    recs = linkage.records
    tp = fp = 0
    for members in linkage.clusters:
        decisions = Counter(truth[recs[i].iri] for i in members)
        same = sum(n * (n - 1) // 2 for n in decisions.values())
        tp += same
        fp += len(members) * (len(members) - 1) // 2 - same
    sizes = Counter(truth.values())
    true_pairs = sum(n * (n - 1) // 2 for n in sizes.values())
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / true_pairs if true_pairs else 1.0
    return precision, recall


def block_stats(records: list[LinkRecord]) -> dict[str, tuple[int, int, int, int]]:
    """Per key kind (amount, month, group, id): blocks of two or more, the largest, how many
    exceed ``MAX_BLOCK`` (and are skipped by blocking) and their members (a record in two
    skipped blocks counts twice)."""
    blocks: dict[tuple[str, ...], int] = defaultdict(int)
    for rec in records:
        for k in set(keys(rec)):
            blocks[k] += 1
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for k, n in blocks.items():
        if n < 2:
            continue
        s = out[k[0]]
        s[0] += 1
        s[1] = max(s[1], n)
        if n > MAX_BLOCK:
            s[2] += 1
            s[3] += n
    return {kind: (s[0], s[1], s[2], s[3]) for kind, s in sorted(out.items())}


def measure(size: int, seed: int) -> Row:
    """Generate ``size`` records and time the linker on them."""
    records, truth = synthetic_records(size, seed)
    recs = sorted(records, key=lambda r: r.iri)  # as link() orders them
    pairs, pairs_s = timed(lambda: candidate_pairs(recs))
    linkage, link_s = timed(lambda: link(records))
    _, parts_s = timed(lambda: parts(linkage.records, linkage.clusters))
    precision, recall = pairwise(linkage, truth)
    return Row(size, len(pairs), pairs_s, link_s, parts_s, precision, recall, block_stats(records))


def format_tables(rows: list[Row]) -> str:
    """The two Markdown tables; ratios against the first (smallest) row."""
    base = rows[0].per_1k if rows else 0.0
    lines = [
        "| records | candidate pairs | pairs s | link s | parts s | link s / 1k records "
        "| ratio (per 1k) | precision | recall |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        ratio = f"{r.per_1k / base:.2f}" if base else "-"
        lines.append(
            f"| {r.records:,} | {r.pairs:,} | {r.pairs_s:.2f} | {r.link_s:.2f} | {r.parts_s:.2f} "
            f"| {r.per_1k:.3f} | {ratio} | {r.precision:.4f} | {r.recall:.4f} |"
        )
    lines += [
        "",
        f"| records | key | blocks | largest | over MAX_BLOCK ({MAX_BLOCK}) | their members |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for r in rows:
        for kind, (n, largest, skipped, held) in r.blocks.items():
            lines.append(f"| {r.records:,} | {kind} | {n:,} | {largest:,} | {skipped} | {held:,} |")
    return "\n".join(lines)


def run(sizes: tuple[int, ...], seed: int, progress: bool = False) -> list[Row]:
    """Every size, smallest first (the smallest is the baseline)."""
    rows = []
    for n in sorted(sizes):
        rows.append(measure(n, seed))
        if progress:
            r = rows[-1]
            print(f"{n:,} records: {r.pairs:,} pairs, link {r.link_s:.1f} s", file=sys.stderr)
    return rows


def _sizes(text: str) -> tuple[int, ...]:
    try:
        out = tuple(int(s.replace("_", "")) for s in text.split(",") if s.strip())
    except ValueError:
        msg = f"--sizes: not a list of integers: {text!r}"
        raise argparse.ArgumentTypeError(msg) from None
    if not out or min(out) < 2:
        msg = f"--sizes: each size must be at least 2: {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=DEFAULT_SIZES,
        help="comma-separated record counts (default: 6500,25000,50000,100000)",
    )
    parser.add_argument("--quick", action="store_true", help="sizes 600,1200 (seconds)")
    parser.add_argument("--seed", type=int, default=13, help="generator seed")
    args = parser.parse_args(argv)
    sizes = QUICK_SIZES if args.quick else args.sizes
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    rows = run(sizes, args.seed, progress=True)
    print(format_tables(rows))
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
