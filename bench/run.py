"""Benchmarks: throughput of each pure stage, as a ratio to a baseline timed in the same run.

    make bench                      # or: python -m bench.run --docs 400
The baseline is rjieba tokenisation of the same text (the fastest per-character step we depend on),
so the ratios say how many times slower than plain tokenising each stage is, whatever the machine.
Peak memory (max RSS) is reported for the whole run.
"""
from __future__ import annotations

import argparse
import resource
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from bench import synth
from transforms import clean, ingest, measures, pipeline, segment, structure


def _time(fn, *args):
    t0 = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=400)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = synth.generate(Path(tmp), a.docs)
        sources = pipeline.read_sources(files)
    chars = sum(len(s.data.decode("utf-8")) for s in sources)
    now = datetime.now(timezone.utc)
    ing, t_ingest = _time(ingest.ingest, sources, now)
    (cleaned, _), t_clean = _time(clean.clean, ing.decoded)
    (docs, arts, _), t_struct = _time(structure.structure, cleaned, pipeline.version())
    sents, t_seg = _time(segment.segment, arts)
    found, t_ext = _time(measures.extract, docs, arts, sents)
    texts = cleaned.column("clean_text").to_pylist()
    _, t_base = _time(lambda: [segment.tokenize(t) for t in texts])
    print(f"{a.docs} documents, {chars / 1e6:.2f} M chars; {found.num_rows} measures")
    print(f"baseline rjieba tokenise: {chars / t_base / 1e6:.2f} M chars/s")
    for name, t in [("ingest", t_ingest), ("clean", t_clean), ("structure", t_struct), ("segment", t_seg),
                    ("extract", t_ext)]:
        print(f"  {name:10s} {chars / t / 1e6:7.2f} M chars/s   {t / t_base:6.2f} x baseline time")
    total = t_ingest + t_clean + t_struct + t_seg + t_ext
    print(f"  {'all':10s} {chars / total / 1e6:7.2f} M chars/s   {total / t_base:6.2f} x baseline time")
    print(f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
