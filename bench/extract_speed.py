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

    python -m bench.extract_speed --chain --ref main --docs 300      (default: the synthetic corpus)

With ``--chain`` the whole in-memory chain (``pipeline.process`` in batches of 200 documents, as bench/run.py
runs it) is timed instead, at REV and in this checkout, taking turns in fresh processes: CPU seconds of
each, best of two runs a turn, and each stage's CPU seconds in the best run. On a machine shared with
other work, run it once against this checkout's own commit (``--ref HEAD`` with nothing changed) first:
the speed-up it prints then is the noise (on 2 shared cores it was 0.85-0.91 for no change at all).
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


# run inside a checkout (sys.argv[1]) over the files listed in sys.argv[2]: warm up, then the best of two;
# prints the CPU seconds of the run and of each stage in it (pipeline.process records wall seconds by stage,
# which a shared machine's load inflates: the stages are timed here by CPU)
_CHAIN = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
from datetime import datetime, timezone
from pathlib import Path
from transforms import pipeline
files = [Path(p) for p in Path(sys.argv[2]).read_text().split("\n") if p]
srcs = pipeline.read_sources(files)
now = datetime(2026, 1, 1, tzinfo=timezone.utc)
pipeline.process(srcs[:20], now=now)
time.perf_counter = time.process_time  # the stage timings of pipeline.process, in CPU seconds
best = None
for _ in range(2):
    t0, stages, n = time.process_time(), {}, 0
    for i in range(0, len(srcs), 200):
        out = pipeline.process(srcs[i:i + 200], now=now)
        n += out.measures.num_rows
        for k, v in out.timings.items():
            stages[k] = stages.get(k, 0.0) + v
    t = time.process_time() - t0
    if best is None or t < best[0]:
        best = (t, stages, n)
print(best[0], best[2], *(f"{k}={v}" for k, v in best[1].items()))
"""


def checkout(rev: str, tmp: Path) -> tuple[str, Path]:
    """(commit, folder) of the source tree at ``rev``, from ``git archive`` into ``tmp``."""
    sha = subprocess.check_output(["git", "rev-parse", rev], cwd=ROOT, text=True).strip()
    src, archive = tmp / f"ref-{sha[:8]}", tmp / "src.tar"
    src.mkdir()
    subprocess.check_call(["git", "archive", "-o", str(archive), sha], cwd=ROOT)
    with tarfile.open(archive) as tar:
        tar.extractall(src, filter="data")
    return sha, src


def against_chain(rev: str, rounds: int, files: list[Path]) -> None:
    """The whole chain at ``rev`` and in this checkout, taking turns ``rounds`` times (CPU seconds)."""
    chars = sum(len(f.read_text(encoding="utf-8", errors="replace")) for f in files)
    with tempfile.TemporaryDirectory(prefix="tanlu-chain-") as tmp:
        sha, src = checkout(rev, Path(tmp))
        listing = Path(tmp) / "files.txt"
        listing.write_text("\n".join(str(f.resolve()) for f in files))
        runs: dict[str, list] = {"old": [], "new": []}
        for r in range(rounds):  # the side that goes first changes each turn
            for side, where in (("old", src), ("new", ROOT))[::1 if r % 2 == 0 else -1]:
                out = subprocess.run([sys.executable, "-c", _CHAIN, str(where), str(listing)], cwd=where,
                                     check=True, capture_output=True, text=True).stdout.split()
                runs[side].append((float(out[0]), int(out[1]), dict((k, float(v)) for k, v in
                                                                      (x.split("=") for x in out[2:]))))
    (t_old, n_old, st_old), (t_new, n_new, st_new) = (min(runs[k], key=lambda r: r[0]) for k in ("old", "new"))
    print(f"{len(files)} files, {chars / 1e6:.2f} M characters in the files; best of {rounds} turns of 2 runs "
          "each, CPU seconds")
    print(f"chain at {rev} ({sha[:8]}): {t_old:.2f} s, {chars / t_old / 1e6:.3f} M chars/s, {n_old} measures")
    print(f"chain in this checkout: {t_new:.2f} s, {chars / t_new / 1e6:.3f} M chars/s, {n_new} measures")
    print(f"speed-up of the chain ({rev} time / this checkout's): {t_old / t_new:.2f}")
    for k in st_old:
        if k in st_new:
            print(f"  {k:10s} {st_old[k]:6.2f} s -> {st_new[k]:6.2f} s")


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
    with tempfile.TemporaryDirectory(prefix="tanlu-xspeed-") as tmp:
        sha, src = checkout(rev, Path(tmp))
        data = Path(tmp) / "data"
        data.mkdir()
        for name, t in (("documents", documents), ("articles", articles), ("sentences", sentences)):
            feather.write_feather(t, data / f"{name}.arrow")
        old, new = [], []
        for r in range(rounds):  # the side that goes first changes each turn
            for out, where in ((old, src), (new, ROOT))[::1 if r % 2 == 0 else -1]:
                out.append(run_stage(where, data))
    t_old, t_new = min(t for t, _ in old), min(t for t, _ in new)
    print(f"extract stage at {rev} ({sha[:8]}): {t_old:.2f} s CPU, {old[0][1]} measures; this checkout: "
          f"{t_new:.2f} s CPU, {new[0][1]} measures (best of {rounds} turns of 3 runs each)")
    print(f"speed-up of the extract stage ({rev} time / this checkout's): {t_old / t_new:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", help="input files or folders (default ../shared/corpus; with --chain "
                                              "the synthetic corpus of bench/synth.py)")
    ap.add_argument("--ref", help="also time the extract stage at this git revision, in the same run")
    ap.add_argument("--rounds", type=int, default=3, help="turns of the two checkouts with --ref")
    ap.add_argument("--chain", action="store_true", help="time the whole in-memory chain against --ref")
    ap.add_argument("--docs", type=int, default=300, help="with --chain: the first this many input files")
    a = ap.parse_args()
    if a.chain:
        if not a.ref:
            ap.error("--chain compares against --ref REV")
        from bench import synth
        files = pipeline.list_inputs(a.paths) if a.paths else synth.corpus()
        against_chain(a.ref, a.rounds, [f for f in files if f.suffix.lower() in pipeline.INPUT_SUFFIXES][:a.docs])
        return
    a.paths = a.paths or [str(ROOT.parent / "shared" / "corpus")]
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
