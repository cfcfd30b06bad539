"""Run the pure pipeline over input files and write its measures and documents as Parquet for the scorer.

    python -m bench.score seeds/ --out bench/out/seeds
    python ../shared/tools/score_measures.py --gold ../shared/gold/seeds_measures.jsonl \
        --pred bench/out/seeds/measures.parquet --docs bench/out/seeds/documents.parquet \
        --docs-gold ../shared/gold/seeds_documents.jsonl --show-misses
"""
from __future__ import annotations

import argparse
from pathlib import Path

import pyarrow.parquet as pq

from transforms import pipeline


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--out", default="bench/out/score")
    a = ap.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    t = pipeline.process(pipeline.read_sources(pipeline.list_inputs(a.paths)))
    for name in ("documents", "measures", "rejects"):
        pq.write_table(getattr(t, name).drop_columns(["clean_text"]) if name == "documents" else getattr(t, name),
                       out / f"{name}.parquet")
    print(t.counts)


if __name__ == "__main__":
    main()
