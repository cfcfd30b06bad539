"""A seeded random sample of measures over a whole extraction, for judging by hand against MEASURES.md.

    python -m bench.spot_check [paths ...] [--n 30] [--seed 2026]     (default: ../shared/corpus)
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

from transforms import pipeline

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", default=[str(ROOT.parent / "shared" / "corpus")])
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--seed", type=int, default=2026)
    a = ap.parse_args()
    files = [f for f in pipeline.list_inputs(a.paths) if f.suffix.lower() in pipeline.INPUT_SUFFIXES]
    rows = sorted(pipeline.process(pipeline.read_sources(files)).measures.to_pylist(), key=lambda r: r["measure_id"])
    for i, r in enumerate(random.Random(a.seed).sample(rows, min(a.n, len(rows))), 1):
        print(f"{i}. [{r['source_name']}] {r['kind']} | {r['indicator']} | {r['value_raw']} -> {r['value']} {r['unit']} "
              f"{r['comparator']} {r['direction']} | year {r['target_year']} base {r['base_year']} | "
              f"{r['region_code']} {r['region_level']} {r['place_name'] or ''} | {r['sector']}")
        print(f"   {r['evidence'][:240]}")


if __name__ == "__main__":
    main()
