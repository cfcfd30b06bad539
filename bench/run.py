"""Benchmarks of the pure chain, each figure a ratio to a baseline timed in the same run.

    make bench                                  # installs the bench extra (jieba), then runs this
    python -m bench.run --chars 4e6             # a smaller or larger share of the synthetic corpus

1. The synthetic corpus (bench/synth.py: >= 40 M characters, generated once into bench/out/synth/).
2. The in-memory chain (transforms.pipeline.process: ingest, clean, structure, segment, extract,
   validate) over the first ``--chars`` characters of it (default 8 M, which keeps `make bench` near
   five minutes on a 2-core machine; ``--chars 0`` takes the whole corpus). A run over the first 20
   documents comes first: it pays the one-off start (dictionaries, code tables, automata), so the
   timed run gives the marginal characters per second.
3. Baselines over the same documents in the same process: ``jieba.lcut`` (pure Python) and
   ``rjieba.cut`` (Rust), each alone, dictionaries loaded before the clock starts. The chain and the
   baselines take turns over chunks of 200 documents, so a change of the machine's load during the run
   touches all three alike.
4. Each stage's share of the chain's time, and peak RSS (resource.getrusage, max RSS of this process).
5. PDFs: ingest of ../shared/corpus/policies/*.pdf against plain pypdfium2 text extraction of the same
   files, in pages per second.
6. The whole `tanlu run` (bench/flow.py): marginal characters per second against jieba.lcut, the
   unchanged re-run of 20,000 files, peak RSS of its process tree at 2k and 20k documents
   (``--flow-rss-docs 2000 20000 100000`` adds 100k; ``--no-flow`` skips it all).
"""
from __future__ import annotations

import argparse
import resource
import shlex
import subprocess
import time
from datetime import datetime, timezone
from pathlib import Path

from bench import synth
from transforms import ingest, pipeline

POLICIES = synth.REPO.parent / "shared" / "corpus" / "policies"
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
CHUNK = 200  # documents


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_command(cmd: str | list[str], cwd: Path | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB of the command's process tree) of one run of ``cmd``: for timing
    whole commands such as ``tanlu run`` over the corpus, outside the in-memory chain."""
    args = shlex.split(cmd) if isinstance(cmd, str) else cmd
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run(args, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    return wall, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


def chain(sources: list[ingest.SourceFile]) -> tuple[float, dict[str, float], dict[str, int]]:
    """(wall seconds, seconds by stage as ``pipeline.process`` records them, row counts)."""
    t0 = time.perf_counter()
    out = pipeline.process(sources, now=NOW)
    return time.perf_counter() - t0, dict(out.timings), out.counts


def pdf_pages_per_second() -> tuple[int, int, float, float] | None:
    """(files, pages, ingest s, pypdfium2 s) over the policy PDFs."""
    import pypdfium2 as pdfium

    files = sorted(POLICIES.glob("*.pdf")) if POLICIES.is_dir() else []
    if not files:
        return None
    sources = pipeline.read_sources(files)
    t0 = time.perf_counter()
    pages = 0
    for s in sources:
        try:
            doc = pdfium.PdfDocument(s.data)
        except Exception:  # noqa: BLE001 - a broken file costs the baseline nothing
            continue
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            tp.get_text_range()
            tp.close()
            page.close()
        pages += len(doc)
        doc.close()
    t_base = time.perf_counter() - t0
    t0 = time.perf_counter()
    ingest.ingest(sources, NOW)
    t_ingest = time.perf_counter() - t0
    return len(files), pages, t_ingest, t_base


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=float, default=8e6,
                    help="characters of the synthetic corpus the chain runs over (0: all of it)")
    ap.add_argument("--no-pdf", action="store_true", help="skip the PDF figures")
    ap.add_argument("--no-flow", action="store_true", help="skip the figures of the whole `tanlu run`")
    ap.add_argument("--flow-chars", type=float, default=20e6,
                    help="characters of the synthetic corpus the timed `tanlu run` loads (default 20 M)")
    ap.add_argument("--flow-rss-docs", type=int, nargs="*", default=[2000, 20000],
                    help="corpus sizes (short documents) at which peak RSS of `tanlu run` is measured")
    a = ap.parse_args()

    t0 = time.perf_counter()
    files = synth.corpus()
    texts = [p.read_text(encoding="utf-8") for p in files]
    total = sum(map(len, texts))
    print(f"corpus: {len(files)} documents, {total / 1e6:.1f} M characters in bench/out/synth "
          f"(python -m bench.synth, {time.perf_counter() - t0:.0f} s)")
    n, chars = 0, 0
    while n < len(texts) and (not a.chars or chars < a.chars):
        chars += len(texts[n])
        n += 1
    files, texts = files[:n], texts[:n]
    sources = pipeline.read_sources(files)

    import jieba
    import rjieba

    jieba.setLogLevel(60)
    jieba.initialize()
    rjieba.cut("预热")
    warm, _, _ = chain(sources[:20])
    # the chain and both baselines take turns over chunks of the documents, so that a machine whose
    # load changes during the run slows all three alike and the ratios stay fair
    wall, t_jieba, t_rjieba = 0.0, 0.0, 0.0
    stages: dict[str, float] = {}
    counts = {"measures": 0, "rejects": 0}
    for i in range(0, n, CHUNK):
        w, st, c = chain(sources[i:i + CHUNK])
        wall += w
        for k, v in st.items():
            stages[k] = stages.get(k, 0.0) + v
        for k in counts:
            counts[k] += c[k]
        t0 = time.perf_counter()
        for t in texts[i:i + CHUNK]:
            jieba.lcut(t)
        t_jieba += time.perf_counter() - t0
        t0 = time.perf_counter()
        for t in texts[i:i + CHUNK]:
            rjieba.cut(t)
        t_rjieba += time.perf_counter() - t0
    print(f"chain (transforms.pipeline.process) over the first {n} documents, {chars / 1e6:.2f} M characters, "
          f"in chunks of {CHUNK}; {counts['measures']} measures, {counts['rejects']} rejects")
    print(f"  start-up run over 20 documents: {warm:.1f} s")
    print(f"  marginal: {chars / wall / 1e6:.3f} M characters/s ({wall:.1f} s)")
    print(f"  jieba.lcut alone:  {chars / t_jieba / 1e6:.3f} M characters/s; chain speed / jieba.lcut speed = "
          f"{t_jieba / wall:.2f}")
    print(f"  rjieba.cut alone:  {chars / t_rjieba / 1e6:.3f} M characters/s; chain speed / rjieba speed = "
          f"{t_rjieba / wall:.3f}")
    print("  share of the chain's time by stage:")
    for name, s in stages.items():
        print(f"    {name:10s} {100 * s / wall:5.1f} %  ({s:.1f} s)")
    rest = wall - sum(stages.values())
    print(f"    {'other':10s} {100 * rest / wall:5.1f} %  ({rest:.1f} s)")
    print(f"  peak RSS of this process so far: {peak_rss_mb():.0f} MB")

    if not a.no_pdf:
        pdf = pdf_pages_per_second()
        if pdf is None:
            print("PDFs: ../shared/corpus/policies is absent, skipped")
        else:
            n_files, pages, t_ingest, t_base = pdf
            print(f"PDFs: {n_files} files, {pages} pages of ../shared/corpus/policies")
            print(f"  ingest:                 {pages / t_ingest:7.1f} pages/s")
            print(f"  pypdfium2 text alone:   {pages / t_base:7.1f} pages/s; ingest speed / pypdfium2 speed = "
                  f"{t_base / t_ingest:.2f}")
    print(f"peak RSS (max RSS of this process): {peak_rss_mb():.0f} MB")
    if not a.no_flow:
        from bench import flow

        print("the whole `tanlu run` (python -m bench.flow):")
        flow.run(chars=a.flow_chars, rss_docs=a.flow_rss_docs)


if __name__ == "__main__":
    main()
