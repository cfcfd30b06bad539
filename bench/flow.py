"""The whole `tanlu run` (Prefect flow, local Dask cluster, DuckDB load), timed as a command.

    python -m bench.flow                       # throughput, unchanged re-run, peak RSS at 2k and 20k files
    python -m bench.flow --rss-docs 2000 20000 100000   # peak RSS up to 100k documents (slow)
    python -m bench.flow --chars 10e6          # throughput over a smaller share of the synthetic corpus

1. Throughput: `tanlu run` over the first ``--chars`` characters of the synthetic corpus (bench/synth.py,
   bench/out/synth) into a fresh warehouse, minus a one-document run into another fresh warehouse: the
   marginal characters per second. With more than one batch the run starts a local Dask cluster of one
   worker per core (2 on a 2-core machine). Two baselines are timed in the same run, half before the
   flow and half after: ``jieba.lcut`` alone over a sample of the same files (every k-th of them,
   ``--jieba-chars`` characters); the in-memory chain alone (transforms.pipeline.process, in this one
   process, over all the same files in chunks of 200, after a start-up run over 20 of them); and the
   same chain in as many plain processes as the flow has workers, each over its share of the chunks
   (after the same start-up run): what the machine gives two processes at the time, with no Prefect,
   Dask or DuckDB. flow / chain alone says how much of the machine the flow uses (with 2 workers on
   2 free cores, 2.0 is the whole of it); flow / plain processes says how much the flow loses to its
   own machinery, whatever else runs on the machine. The CPU seconds of each process of the run (the
   flow process, which also runs the Dask scheduler and Prefect's API in threads; the Dask workers;
   any other) are sampled with psutil beside the chain's. Prefect's database in the state folder is
   created by an untimed one-document run first, so the timed one-document run is a warm start.
2. An unchanged re-run over 20,000 short documents (``--rerun-docs``), beside a one-document re-run: both
   find nothing new; the difference is what reading and hashing 20,000 files and recording them costs.
3. Peak RSS of the whole process tree of `tanlu run` (the flow, Prefect's temporary server, the Dask
   scheduler and workers: the sum of their RSS, sampled every 0.1 s with psutil; shared library pages
   count once per process, so the sum is an upper bound; the largest single process is given too) over corpora of 2k, 20k
   (and with ``--rss-docs``, 100k) short documents, each about ``--doc-chars`` characters. The corpora
   are generated into bench/out/flow/ and deleted afterwards (``--keep`` keeps them).

Characters are those of the files' text as read (the same count as bench/run.py's).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

from bench import synth
from bench.run import CHUNK  # documents of the chain alone between two clock reads

OUT = synth.REPO / "bench" / "out" / "flow"
TANLU = Path(sys.executable).parent / "tanlu"
PEAKS: list[float] = []  # the largest single process's peak RSS (MB) of each run, in order
CPU: list[dict[str, tuple[int, float]]] = []  # each run's CPU seconds by kind of process: (processes, seconds)


def process_kind(p: psutil.Process, root: psutil.Process) -> str:
    """What a process of a `tanlu run` tree is: the flow (the root: it runs the Dask scheduler of a local
    cluster and Prefect's API in threads), a Dask worker, a scheduler or Prefect server of its own, other."""
    if p.pid == root.pid:
        return "flow"
    try:
        cmd = " ".join(p.cmdline())
    except psutil.Error:
        return "other"
    if "dask" in cmd and "scheduler" in cmd:
        return "scheduler"
    if "prefect" in cmd and "server" in cmd:
        return "prefect server"
    if "spawn_main" in cmd or "forkserver" in cmd or "dask" in cmd and "worker" in cmd:
        return "worker" if "resource_tracker" not in cmd else "other"
    return "other"


def cpu_by_kind(seen: dict[int, tuple[str, float]]) -> dict[str, tuple[int, float]]:
    out: dict[str, tuple[int, float]] = {}
    for kind, seconds in seen.values():
        n, s = out.get(kind, (0, 0.0))
        out[kind] = (n + 1, s + seconds)
    return out


def cpu_line(cpu: dict[str, tuple[int, float]]) -> str:
    order = ["flow", "worker", "scheduler", "prefect server", "other"]
    parts = [f"{k} {s:.1f} s" if n == 1 else f"{n} {k}s {s:.1f} s together"
             for k in sorted(cpu, key=lambda k: order.index(k) if k in order else 9) for n, s in [cpu[k]]]
    return ", ".join(parts) + f"; all {sum(s for _, s in cpu.values()):.1f} s"


def tree_rss(proc: psutil.Process) -> tuple[int, int]:
    """(sum of the RSS of ``proc`` and its descendants, the largest of them)."""
    sizes = []
    for p in [proc, *proc.children(recursive=True)]:
        try:
            sizes.append(p.memory_info().rss)
        except psutil.Error:
            pass
    return sum(sizes), max(sizes, default=0)


def tanlu_run(paths: list[str | Path], warehouse: Path, state: Path, extra: list[str] | None = None
              ) -> tuple[float, float, str]:
    """(wall seconds, peak RSS of its process tree in MB, its summary line) of one `tanlu run`."""
    env = {**os.environ, "TANLU_STATE": str(state)}
    env.pop("TANLU_DASK_ADDRESS", None)
    args = [str(TANLU), "run", "--warehouse", str(warehouse), *(extra or []), *map(str, paths)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            cwd=synth.REPO)
    ps = psutil.Process(proc.pid)
    peak = [0, 0]
    seen: dict[int, tuple[str, float]] = {}  # pid -> (kind, CPU seconds when last sampled)
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            try:
                total, largest = tree_rss(ps)
                peak[0], peak[1] = max(peak[0], total), max(peak[1], largest)
                for p in [ps, *ps.children(recursive=True)]:
                    try:
                        t = p.cpu_times()
                        kind = seen[p.pid][0] if p.pid in seen else process_kind(p, ps)
                        seen[p.pid] = (kind, t.user + t.system)
                    except psutil.Error:
                        pass
            except psutil.Error:
                pass
            stop.wait(0.1)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, _ = proc.communicate()
    wall = time.perf_counter() - t0
    stop.set()
    th.join()
    if proc.returncode != 0:
        raise SystemExit(f"bench.flow: {' '.join(args)} exited {proc.returncode}:\n{out[-2000:]}")
    line = next((ln for ln in out.splitlines() if ln.startswith("tanlu run ")), "")
    PEAKS.append(peak[1] / 2**20)
    CPU.append(cpu_by_kind(seen))
    return wall, peak[0] / 2**20, line


def link_inputs(files: list[Path], folder: Path) -> Path:
    """A folder of hard links (symlinks where links fail) to ``files``: `tanlu run FOLDER` reads them."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for f in files:
        try:
            os.link(f, folder / f.name)
        except OSError:
            (folder / f.name).symlink_to(f.resolve())
    return folder


def fresh(path: Path) -> Path:
    for p in (path, Path(f"{path}.wal"), Path(f"{path}.lock")):
        p.unlink(missing_ok=True)
    return path


def jieba_seconds(texts: list[str]) -> float:
    import jieba

    t0 = time.perf_counter()
    for t in texts:
        jieba.lcut(t)
    return time.perf_counter() - t0


def run_timings(warehouse: Path) -> dict[str, float]:
    """The stage timings (``runs.timings``) of the last run recorded in ``warehouse``."""
    import json

    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        got = con.execute("SELECT timings FROM runs ORDER BY started_at DESC LIMIT 1").fetchall()
    finally:
        con.close()
    return json.loads(got[0][0]) if got else {}


def chain_chunks(files: list[Path], chunks: range) -> tuple[float, float]:
    """(wall s, CPU s of this process) of the in-memory chain over the given chunks of ``files``."""
    from transforms import pipeline

    wall = cpu = 0.0
    for i in chunks:
        part = files[i * CHUNK:(i + 1) * CHUNK]
        sources = pipeline.read_sources(part)
        sidecar = pipeline.sidecars(part)
        t0, c0 = time.perf_counter(), time.process_time()
        pipeline.process(sources, run_id="bench", sidecar=sidecar)
        wall += time.perf_counter() - t0
        cpu += time.process_time() - c0
    return wall, cpu


def _warm_chain(files: list[Path]) -> None:
    chain_chunks(files, range(1))


def _chain_job(job: tuple[list[Path], list[int]]) -> tuple[float, float]:
    files, chunks = job
    return chain_chunks(files, chunks)


def chain_processes(files: list[Path], chunks: list[int], n: int) -> tuple[float, float]:
    """(wall s, CPU s of them all) of the chain in ``n`` plain processes at once, each over every n-th of
    ``chunks`` of ``files``, after a start-up run over 20 files in each (not timed). The wall is the
    longest process's: they start together, once all are warm."""
    from multiprocessing import get_context

    jobs = [(files, chunks[k::n]) for k in range(n)]
    ctx = get_context("spawn")
    barrier = ctx.Manager().Barrier(n)
    with ctx.Pool(n, initializer=_warm_then_wait, initargs=(files[:20], barrier)) as pool:
        got = pool.map(_chain_job, jobs, chunksize=1)
    return max(w for w, _ in got), sum(c for _, c in got)


def _warm_then_wait(files: list[Path], barrier) -> None:
    _warm_chain(files)
    barrier.wait()


def one_document(work: Path, state: Path, first: Path) -> tuple[float, float, float]:
    """(wall s of a one-document run into a fresh warehouse, of its unchanged re-run, peak RSS MB)."""
    one = link_inputs([first], work / "one")
    tanlu_run([one], fresh(work / "one.duckdb"), state)  # creates Prefect's database in the state folder
    CPU.clear()
    wh = fresh(work / "one.duckdb")
    t_one, rss, _ = tanlu_run([one], wh, state)
    t_again, _, _ = tanlu_run([one], wh, state)
    return t_one, t_again, rss


def throughput(chars_wanted: float, jieba_chars: float, work: Path, state: Path, t_one: float,
               chars_one: int) -> None:
    import jieba

    files = synth.corpus()
    texts, n, chars = [], 0, 0
    for f in files:
        if chars_wanted and chars >= chars_wanted:
            break
        texts.append(f.read_text(encoding="utf-8"))
        chars += len(texts[-1])
        n += 1
    files = files[:n]
    step = max(1, int(chars / jieba_chars)) if jieba_chars else 1
    sample = texts[::step]
    sample_chars = sum(map(len, sample))
    jieba.setLogLevel(60)
    jieba.initialize()
    inputs = link_inputs(files, work / "throughput")
    workers = min(os.cpu_count() or 1, len(os.sched_getaffinity(0)))
    _warm_chain(files[:20])  # the chain's one-off start (dictionaries, automata), not timed
    n_chunks = (n + CHUNK - 1) // CHUNK
    halves = list(range(0, n_chunks, 2)), list(range(1, n_chunks, 2))
    t_chain, cpu_chain = chain_chunks(files, halves[0])
    t_procs, cpu_procs = chain_processes(files, halves[0], workers)
    t_jieba = jieba_seconds(sample) / 2
    wall, rss, line = tanlu_run([inputs], fresh(work / "throughput.duckdb"), state)
    cpu_flow = CPU[-1]
    stages = run_timings(work / "throughput.duckdb")
    t_jieba += jieba_seconds(sample) / 2
    w, c = chain_processes(files, halves[1], workers)
    t_procs, cpu_procs = t_procs + w, cpu_procs + c
    w, c = chain_chunks(files, halves[1])
    t_chain, cpu_chain = t_chain + w, cpu_chain + c
    t_rerun, _, _ = tanlu_run([inputs], work / "throughput.duckdb", state)
    marginal = (chars - chars_one) / (wall - t_one)
    jieba_speed = sample_chars / t_jieba
    chain_speed = chars / t_chain
    procs_speed = chars / t_procs
    print(f"tanlu run over the first {n} files of bench/out/synth, {chars / 1e6:.2f} M characters, "
          f"fresh warehouse, local Dask cluster of {workers} workers:")
    print(f"  {line}")
    print(f"  wall {wall:.1f} s, one-document run {t_one:.1f} s: marginal {marginal / 1e6:.3f} M characters/s")
    print(f"  jieba.lcut alone (one process, every {step}th file, {sample_chars / 1e6:.2f} M characters, half "
          f"before and half after): {jieba_speed / 1e6:.3f} M characters/s; tanlu run speed / jieba.lcut speed = "
          f"{marginal / jieba_speed:.2f}")
    print(f"  the chain alone (transforms.pipeline.process in one process, the same files, half before and half "
          f"after): {chain_speed / 1e6:.3f} M characters/s, CPU {cpu_chain:.1f} s; flow marginal / chain alone = "
          f"{marginal / chain_speed:.2f}")
    print(f"  the chain in {workers} plain processes at once (each over every {workers}th chunk, half before and half "
          f"after): {procs_speed / 1e6:.3f} M characters/s, CPU {cpu_procs:.1f} s together, {procs_speed / chain_speed:.2f}x "
          f"the chain alone; flow marginal / plain processes = {marginal / procs_speed:.2f}")
    print("  its stage timings (runs.timings, s; batch stages summed over the workers): "
          + ", ".join(f"{k} {v:.1f}" for k, v in sorted(stages.items(), key=lambda kv: -kv[1])))
    extra = sum(c for _, c in cpu_flow.values()) - sum(c for _, c in CPU[0].values())
    print(f"  CPU seconds of the run's processes: {cpu_line(cpu_flow)} (one-document run: {cpu_line(CPU[0])}); "
          f"beyond the one-document run's, {extra:.1f} s: {extra / cpu_chain:.2f}x the chain alone's CPU "
          f"({cpu_procs / cpu_chain:.2f}x in the plain processes)")
    print(f"  peak RSS of the process tree: {rss:.0f} MB (largest process {PEAKS[-2]:.0f} MB); unchanged re-run "
          f"{t_rerun:.1f} s")
    shutil.rmtree(inputs, ignore_errors=True)


def short_corpus(n_docs: int, doc_chars: int) -> list[Path]:
    return synth.corpus(OUT / f"docs-{n_docs}", chars=None, n_docs=n_docs, doc_chars=doc_chars)


def run(chars: float = 20e6, jieba_chars: float = 2e6, rerun_docs: int | None = 20000,
        rss_docs: list[int] = (2000, 20000), doc_chars: int = 400, skip_throughput: bool = False,
        keep: bool = False) -> None:
    """Print every figure of this module (see its docstring); bench/run.py calls it too."""
    work = OUT / "work"
    work.mkdir(parents=True, exist_ok=True)
    state = work / "state"
    first = synth.corpus()[0]
    t_one, t_one_again, rss_one = one_document(work, state, first)
    print(f"tanlu run over one document: {t_one:.1f} s into a fresh warehouse, {t_one_again:.1f} s unchanged "
          f"re-run; peak RSS {rss_one:.0f} MB")
    if not skip_throughput:
        throughput(chars, jieba_chars, work, state, t_one, len(first.read_text(encoding="utf-8")))
    sizes = sorted(set(rss_docs) | ({rerun_docs} if rerun_docs else set()))
    for n in sizes:
        t0 = time.perf_counter()
        files = short_corpus(n, doc_chars)
        made = time.perf_counter() - t0
        chars_n = sum(len(f.read_text(encoding="utf-8")) for f in files)
        wh = fresh(work / f"docs-{n}.duckdb")
        wall, rss, line = tanlu_run([files[0].parent], wh, state)
        print(f"tanlu run over {n} short documents ({chars_n / 1e6:.1f} M characters, generated in {made:.0f} s), "
              f"fresh warehouse: {wall:.1f} s, peak RSS of the process tree {rss:.0f} MB (largest process "
              f"{PEAKS[-1]:.0f} MB)")
        print(f"  {line}")
        if n == rerun_docs:
            t_again, rss_again, line = tanlu_run([files[0].parent], wh, state)
            print(f"  unchanged re-run of the {n} files: {t_again:.1f} s, one-document unchanged re-run "
                  f"{t_one_again:.1f} s: {t_again - t_one_again:.1f} s more; peak RSS {rss_again:.0f} MB")
            print(f"  {line}")
        if not keep:
            shutil.rmtree(files[0].parent, ignore_errors=True)
            fresh(wh)
    if not keep:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=float, default=20e6,
                    help="characters of bench/out/synth the throughput run loads (0: all of it; default 20 M)")
    ap.add_argument("--jieba-chars", type=float, default=2e6, help="characters of the jieba.lcut sample")
    ap.add_argument("--rerun-docs", type=int, default=20000, help="files of the unchanged re-run (0: none)")
    ap.add_argument("--rss-docs", type=int, nargs="*", default=[2000, 20000],
                    help="corpus sizes (documents) to measure peak RSS at")
    ap.add_argument("--doc-chars", type=int, default=400, help="characters of each short document")
    ap.add_argument("--no-throughput", action="store_true", help="skip the throughput run")
    ap.add_argument("--keep", action="store_true", help="keep the generated corpora and warehouses")
    a = ap.parse_args()
    run(a.chars, a.jieba_chars, a.rerun_docs, a.rss_docs, a.doc_chars, a.no_throughput, a.keep)


if __name__ == "__main__":
    main()
