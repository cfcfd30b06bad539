"""A seeded random sample of measures over a whole extraction, for judging by hand against MEASURES.md.

    python -m bench.spot_check [paths ...] [--n 30] [--seed 2026]     (default: ../shared/corpus)

The documents of the held-out gold folders (bench.score_gold.HELD_OUT) are left out, so that judging a sample
never shows a held-out row; --include-held-out keeps them.
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

from bench.score_gold import held_out_docs
from transforms import pipeline

ROOT = Path(__file__).resolve().parents[1]


def sample_inputs(paths: list[str], include_held_out: bool = False) -> list[Path]:
    """The input files under `paths`, without the held-out gold's documents unless asked for."""
    skip = set() if include_held_out else held_out_docs()
    return [f for f in pipeline.list_inputs(paths) if f.suffix.lower() in pipeline.INPUT_SUFFIXES and f.name not in skip]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", default=[str(ROOT.parent / "shared" / "corpus")])
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--include-held-out", action="store_true", help="keep the documents of the held-out gold")
    a = ap.parse_args()
    files = sample_inputs(a.paths, include_held_out=a.include_held_out)
    rows = sorted(pipeline.process(pipeline.read_sources(files)).measures.to_pylist(), key=lambda r: r["measure_id"])
    for i, r in enumerate(random.Random(a.seed).sample(rows, min(a.n, len(rows))), 1):
        print(f"{i}. [{r['source_name']}] {r['kind']} | {r['indicator']} | {r['value_raw']} -> {r['value']} {r['unit']} "
              f"{r['comparator']} {r['direction']} | year {r['target_year']} base {r['base_year']} | "
              f"{r['region_code']} {r['region_level']} {r['place_name'] or ''} | {r['sector']}")
        print(f"   {r['evidence'][:240]}")


if __name__ == "__main__":
    main()
