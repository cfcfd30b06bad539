"""Speed of measure extraction, as a ratio against rjieba tokenization of the same text in the same run.

    python -m bench.extract_speed [paths ...]        (default: ../shared/corpus)

Stages up to ``sentences`` run once, untimed; then ``measures.extract`` and ``rjieba.cut`` each read
every sentence, best of three. Prints chars/s of both and the ratio (extract / tokenize).
"""
from __future__ import annotations

import argparse
import time
from datetime import datetime, timezone
from pathlib import Path

import rjieba

from transforms import PIPELINE_VERSION, clean, ingest, measures, pipeline, segment, structure

ROOT = Path(__file__).resolve().parents[1]


def best_of(n: int, fn) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", default=[str(ROOT.parent / "shared" / "corpus")])
    a = ap.parse_args()
    files = [f for f in pipeline.list_inputs(a.paths) if f.suffix.lower() in pipeline.INPUT_SUFFIXES]
    ing = ingest.ingest(pipeline.read_sources(files), datetime.now(timezone.utc))
    cleaned, _ = clean.clean(ing.decoded)
    documents, articles, _ = structure.structure(cleaned, PIPELINE_VERSION)
    sentences = segment.segment(articles)
    texts = sentences.column("text").to_pylist()
    chars = sum(map(len, texts))
    measures.extract(documents, articles, sentences.slice(0, 50))  # warm caches (place index, regexes)
    jb = rjieba.Jieba()
    jb.cut("预热")
    t_extract = best_of(3, lambda: measures.extract(documents, articles, sentences))
    t_tokens = best_of(3, lambda: [jb.cut(t, hmm=True) for t in texts])
    n = measures.extract(documents, articles, sentences).num_rows
    print(f"{len(files)} files, {sentences.num_rows} sentences, {chars} chars, {n} measures")
    print(f"extract : {chars / t_extract / 1e6:.3f} M chars/s ({t_extract:.2f} s)")
    print(f"rjieba  : {chars / t_tokens / 1e6:.3f} M chars/s ({t_tokens:.2f} s)")
    print(f"ratio extract/rjieba: {t_tokens / t_extract:.3f}")


if __name__ == "__main__":
    main()
