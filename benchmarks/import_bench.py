"""Time ``regkg import`` of the four real tracker files into a fresh store (curated build first).

Run: ``.venv/bin/python -m benchmarks.import_bench [--raw ../shared/data/raw] [--validation
curated]``. Prints one table: rows read, triples written, wall seconds per phase (read, resolve,
SHACL, write incl. metrics), the wall total and the CPU seconds of this process (the honest
figure on a loaded machine). No assertions: numbers for people, not a test.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from graph.importers.gate import MODES
from graph.pipeline.build import build
from graph.pipeline.imports import import_file
from graph.settings import REPO_DIR, data_dir, ontology_dir

DEFAULT_RAW = REPO_DIR.parent / "shared" / "data" / "raw"
FILES = {
    "enforcementtracker": ("enforcementtracker/enforcementtracker_full_download.json", None),
    "gdprhub": ("gdprhub/gdprhub-eu_full_download.csv", None),
    "privacyaffairs": ("privacyaffairs-2021/scraped_fines.json", None),
    "cjeu": ("cjeu-gdpr/cases_metadata.json", "cjeu-gdpr/holdings.csv"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="folder of the raw files")
    parser.add_argument(
        "--validation", choices=MODES, default="referenced", help="SHACL gate mode (see gate.py)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="regkg-import-bench-") as tmp:
        home = Path(tmp)
        t0 = time.perf_counter()
        build(data_dir(), ontology_dir(), home)
        print(f"curated build: {time.perf_counter() - t0:.1f} s\n")
        head = (
            f"{'source':<20}{'rows':>6}{'triples':>9}{'read':>7}{'resolve':>9}"
            f"{'SHACL':>7}{'write':>7}{'total':>8}{'CPU':>7}"
        )
        print(head)
        print("-" * len(head))
        total = cpu_total = 0.0
        for source, (name, holdings) in FILES.items():
            start, cpu = time.perf_counter(), time.process_time()
            rep = import_file(
                source,
                args.raw / name,
                home=home,
                holdings=args.raw / holdings if holdings else None,
                progress=False,
                validation=args.validation,
            )
            took, cpu = time.perf_counter() - start, time.process_time() - cpu
            total += took
            cpu_total += cpu
            t = rep.timings
            print(
                f"{source:<20}{rep.read:>6}{rep.triples:>9}{t['read']:>7.1f}{t['resolve']:>9.1f}"
                f"{t['validate']:>7.1f}{t['write']:>7.1f}{took:>8.1f}{cpu:>7.1f}"
            )
        print("-" * len(head))
        blank = f"{'':>6}{'':>9}{'':>7}{'':>9}{'':>7}{'':>7}"
        print(f"{'all four':<20}{blank}{total:>8.1f}{cpu_total:>7.1f}")


if __name__ == "__main__":
    main()
