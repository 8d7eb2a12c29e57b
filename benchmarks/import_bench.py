"""Time ``regkg import`` of the four real tracker files into a fresh store (curated build first).

Run: ``.venv/bin/python -m benchmarks.import_bench [--raw ../shared/data/raw]``. Prints one table:
rows read, triples written and seconds per phase (read, resolve, SHACL, write incl. metrics).
No assertions: numbers for people, not a test.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from graph.importers import import_file
from graph.pipeline import build
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="regkg-import-bench-") as tmp:
        home = Path(tmp)
        t0 = time.perf_counter()
        build(data_dir(), ontology_dir(), home)
        print(f"curated build: {time.perf_counter() - t0:.1f} s\n")
        head = (
            f"{'source':<20}{'rows':>6}{'triples':>9}{'read':>7}{'resolve':>9}"
            f"{'SHACL':>7}{'write':>7}{'total':>8}"
        )
        print(head)
        print("-" * len(head))
        total = 0.0
        for source, (name, holdings) in FILES.items():
            start = time.perf_counter()
            rep = import_file(
                source,
                args.raw / name,
                home=home,
                holdings=args.raw / holdings if holdings else None,
                progress=False,
            )
            took = time.perf_counter() - start
            total += took
            t = rep.timings
            print(
                f"{source:<20}{rep.read:>6}{rep.triples:>9}{t['read']:>7.1f}{t['resolve']:>9.1f}"
                f"{t['validate']:>7.1f}{t['write']:>7.1f}{took:>8.1f}"
            )
        print("-" * len(head))
        print(f"{'all four':<20}{'':>6}{'':>9}{'':>7}{'':>9}{'':>7}{'':>7}{total:>8.1f}")


if __name__ == "__main__":
    main()
