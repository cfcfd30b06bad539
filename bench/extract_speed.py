"""Speed of the extract stage (``measures.extract`` then ``indicator_ids.assign``, as pipeline.run_extract runs
them), as a ratio against rjieba tokenization of the same text in the same run, and against the same
stage at another git revision.

    python -m bench.extract_speed [paths ...]                 (default: ../shared/corpus)
    python -m bench.extract_speed --ref main --rounds 3 bench/out/synth

Stages up to ``sentences`` run once, untimed; then the extract stage and ``rjieba.cut`` each read every
sentence, best of three (CPU seconds of this process: a shared machine's load touches them less than
wall time). Prints chars/s of both and the ratio (extract / tokenize).

With ``--ref REV`` the same sentences are written to Arrow files, and the stage at REV (a ``git archive``
in a temporary folder) and the stage of this checkout take turns in fresh processes, ``--rounds`` times
each; the best of each gives the speed-up (REV's time / this checkout's). The rows both produce are
counted, not compared: bench/diff_tables.py compares them.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.feather as feather
import rjieba

from transforms import PIPELINE_VERSION, clean, indicator_ids, ingest, measures, pipeline, segment, structure

ROOT = Path(__file__).resolve().parents[1]

# run inside a checkout (sys.argv[1]) over the tables in sys.argv[2]: warm up, then the best of three
_STAGE = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
import pyarrow.feather as feather
from transforms import indicator_ids, measures
d, a, s = (feather.read_table(f"{sys.argv[2]}/{n}.arrow") for n in ("documents", "articles", "sentences"))
indicator_ids.assign(measures.extract(d, a, s.slice(0, 50)))
best = None
for _ in range(3):
    t0 = time.process_time()
    n = indicator_ids.assign(measures.extract(d, a, s)).num_rows
    t = time.process_time() - t0
    best = t if best is None else min(best, t)
print(best, n)
"""


def best_of(n: int, fn) -> float:
    times = []
    for _ in range(n):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def stage(documents: pa.Table, articles: pa.Table, sentences: pa.Table) -> pa.Table:
    return indicator_ids.assign(measures.extract(documents, articles, sentences))


def run_stage(src: Path, data: Path) -> tuple[float, int]:
    out = subprocess.run([sys.executable, "-c", _STAGE, str(src), str(data)], cwd=src, check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0]), int(out[1])


def against(rev: str, rounds: int, documents: pa.Table, articles: pa.Table, sentences: pa.Table) -> None:
    sha = subprocess.check_output(["git", "rev-parse", rev], cwd=ROOT, text=True).strip()
    with tempfile.TemporaryDirectory(prefix="tanlu-xspeed-") as tmp:
        data, src = Path(tmp) / "data", Path(tmp) / f"ref-{sha[:8]}"
        data.mkdir()
        src.mkdir()
        for name, t in (("documents", documents), ("articles", articles), ("sentences", sentences)):
            feather.write_feather(t, data / f"{name}.arrow")
        archive = Path(tmp) / "src.tar"
        subprocess.check_call(["git", "archive", "-o", str(archive), sha], cwd=ROOT)
        with tarfile.open(archive) as tar:
            tar.extractall(src, filter="data")
        old, new = [], []
        for _ in range(rounds):
            old.append(run_stage(src, data))
            new.append(run_stage(ROOT, data))
    t_old, t_new = min(t for t, _ in old), min(t for t, _ in new)
    print(f"extract stage at {rev} ({sha[:8]}): {t_old:.2f} s CPU, {old[0][1]} measures; this checkout: "
          f"{t_new:.2f} s CPU, {new[0][1]} measures (best of {rounds} turns of 3 runs each)")
    print(f"speed-up of the extract stage ({rev} time / this checkout's): {t_old / t_new:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", default=[str(ROOT.parent / "shared" / "corpus")])
    ap.add_argument("--ref", help="also time the extract stage at this git revision, in the same run")
    ap.add_argument("--rounds", type=int, default=3, help="turns of the two checkouts with --ref")
    a = ap.parse_args()
    files = [f for f in pipeline.list_inputs(a.paths) if f.suffix.lower() in pipeline.INPUT_SUFFIXES]
    ing = ingest.ingest(pipeline.read_sources(files), datetime.now(timezone.utc))
    cleaned, _ = clean.clean(ing.decoded)
    documents, articles, _ = structure.structure(cleaned, PIPELINE_VERSION)
    sentences = segment.segment(articles)
    texts = sentences.column("text").to_pylist()
    chars = sum(map(len, texts))
    stage(documents, articles, sentences.slice(0, 50))  # warm caches (place index, regexes)
    jb = rjieba.Jieba()
    jb.cut("预热")
    t_extract = best_of(3, lambda: stage(documents, articles, sentences))
    t_tokens = best_of(3, lambda: [jb.cut(t, hmm=True) for t in texts])
    n = stage(documents, articles, sentences).num_rows
    print(f"{len(files)} files, {sentences.num_rows} sentences, {chars} chars, {n} measures")
    print(f"extract : {chars / t_extract / 1e6:.3f} M chars/s ({t_extract:.2f} s CPU)")
    print(f"rjieba  : {chars / t_tokens / 1e6:.3f} M chars/s ({t_tokens:.2f} s CPU)")
    print(f"ratio extract/rjieba: {t_tokens / t_extract:.3f}")
    if a.ref:
        against(a.ref, a.rounds, documents, articles, sentences)


if __name__ == "__main__":
    main()
