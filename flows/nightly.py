"""The nightly flow: hash -> (per batch: ingest, clean, structure, segment, extract, validate) -> load -> publish.

A batch (tens to hundreds of files) is one task that runs the whole pure chain in memory; batches run
concurrently on a Dask cluster through prefect-dask, and only the flow writes the warehouse. Tasks pass
file paths and counts, not tables. The warehouse is opened read-write only while a batch loads.
"""
from __future__ import annotations

import flows.settings  # noqa: F401  (Prefect's home and settings before prefect is imported)

import logging
import time

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run

from flows import cluster, runners, steps, tasks
from flows.settings import state_dir
from warehouse import batches, store


def _logger():
    try:
        return get_run_logger()
    except Exception:  # outside a flow run (unit tests of helpers)
        return logging.getLogger("tanlu")


def summary_markdown(run: dict, counts: dict[str, int], timings: dict[str, float]) -> str:
    lines = [f"# tanlu run {run['run_id'][:8]}", "",
             f"Inputs: `{run['inputs']}`  ", f"Status: **{run['status']}** in {run['seconds']:.1f} s", "",
             "| this run | count |", "|---|---|"]
    for k in ("n_files", "n_new_documents", "n_skipped_documents", "n_articles", "n_sentences", "n_measures",
              "n_rejects"):
        lines.append(f"| {k[2:].replace('_', ' ')} | {run[k]} |")
    lines += ["", "| warehouse table | rows |", "|---|---|"] + [f"| {k} | {v} |" for k, v in counts.items()]
    lines += ["", "| stage | seconds |", "|---|---|"] + [f"| {k} | {v:.2f} |" for k, v in timings.items()]
    return "\n".join(lines)


def _flow_run_id() -> str:
    return str(flow_run.get_id() or "")


@flow(name="tanlu-batches", log_prints=False)
def run_batches(store_root: str, warehouse: str, run_id: str, keep_batches: bool = False) -> dict:
    """Run the planned batches on this flow's task runner; load each, in plan order, as the single writer.

    Batches are submitted in plan order, a few per worker ahead of the loads (so the batch files waiting
    on disk and the cluster's queue stay bounded however long the plan); the loads follow the plan's order
    whatever order the batches finish in, and a document's rows do not depend on which batch it was in,
    so the warehouse is the same. The warehouse is opened once for all the loads (one transaction each).
    """
    log = _logger()
    plan = batches.read_plan(store_root)
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    totals = {k: 0 for k in ("documents", "articles", "sentences", "measures", "rejects")}
    ahead = max(4, 3 * runners.workers())
    futures: dict[int, object] = {}

    def submit(i: int) -> None:
        if i < len(plan):
            futures[i] = tasks.process_batch.submit(plan[i], store_root, f"batch-{i:05d}", run_id)

    for i in range(ahead):
        submit(i)
    done_files, n_files = 0, sum(map(len, plan))
    with steps.timed(tasks.open_writer, warehouse, timings=timings, stage="load") as con:
        for i in range(len(plan)):
            got = futures.pop(i).result()
            submit(i + ahead)
            steps.add_timings(timings, got["timings"])
            loaded = steps.timed(tasks.load_batch, store_root, got["batch_id"], con, timings=timings, stage="load")
            if not keep_batches:  # a loaded batch's files go at once: disk stays bounded on a long run
                batches.BatchStore(store_root).discard(got["batch_id"])
            for k in totals:
                totals[k] += loaded.get(k, 0)
            done_files += got["files"]
            elapsed = time.perf_counter() - t0
            log.info("progress: %d/%d new files, %d documents loaded, %.1f files/s", done_files,
                     n_files, totals["documents"], done_files / max(elapsed, 1e-9))
        t1 = time.perf_counter()
    timings["load"] += time.perf_counter() - t1  # the final checkpoint, as the writer closes
    return {"totals": totals, "timings": timings}


@flow(name="tanlu-nightly", log_prints=False)
def nightly(paths: list[str], warehouse: str = store.DEFAULT_PATH, batch_size: int | None = None,
            keep_batches: bool = False, dask_address: str | None = None) -> dict:
    """Load every document under ``paths`` into the warehouse; returns the run summary.

    Files are hashed first: those the warehouse holds already (same bytes, same pipeline version) and
    copies of an earlier file are not processed, so an unchanged re-run writes no batch. The new files
    run as batch tasks on a Dask cluster (``dask_address``; else the local one `tanlu run` started early,
    flows/cluster.py; else a local one when there is more than one batch), and the flow alone writes the
    warehouse.
    """
    log = _logger()
    run = steps.Run(paths, warehouse, tasks)
    run_dir = state_dir() / "runs" / run.run_id
    new = run.scan()
    n = run.counted()
    log.info("%d input files under %s: %d new, %d already loaded, %d rejected before, %d copies of another file",
             len(run.files), ", ".join(paths), len(new), n.get("known", 0), n.get("rejected_before", 0),
             n.get("duplicate", 0))
    plan = steps.batch_plan([s.path for s in new], batch_size, runners.workers(), [s.n_bytes for s in new])
    del new
    try:
        if plan:
            batches.write_plan(run_dir, plan)
            # an existing cluster, else the one `tanlu run` started (warm) while Prefect started, else none
            address = runners.dask_address(dask_address)
            if address is None and (address := cluster.address()):
                log.info("%d batches on the local Dask cluster started with the run (%d workers, warmed up "
                         "while Prefect started)", len(plan), cluster.n_workers())
            runner = runners.batch_task_runner(len(plan), address)
            try:
                with runners.workers_report_here():
                    got = run_batches.with_options(task_runner=runner)(str(run_dir), warehouse, run.run_id,
                                                                       keep_batches)
            finally:
                cluster.batches_done()  # it shuts down while the run records itself
            steps.add_timings(run.timings, got["timings"])
            t = got["totals"]
            run.totals.update(n_new_documents=t["documents"], n_documents=t["documents"],
                              n_articles=t["articles"], n_sentences=t["sentences"], n_measures=t["measures"],
                              n_rejects=t["rejects"])
    except Exception:
        try:
            tasks.publish.fn(warehouse, run.row("failed", _flow_run_id()))
        finally:
            log.error("run %s failed; its batch files are kept in %s", run.run_id[:8], run_dir)
        raise
    row, counts, files = run.finish(_flow_run_id())
    create_markdown_artifact(key="tanlu-run-summary", markdown=summary_markdown(row, counts, run.timings),
                             description="tanlu nightly run summary")
    if not keep_batches:
        batches.BatchStore(run_dir).remove()
    return steps.result(row, counts, run.timings, files)


def deployment(inbox: str, warehouse: str, cron: str = "0 2 * * *", timezone: str = "Asia/Shanghai",
               batch_size: int | None = None):
    """The nightly deployment: the flow over ``inbox`` on a cron schedule in an explicit timezone."""
    from prefect.schedules import Cron

    return nightly.to_deployment(
        name="tanlu-nightly", schedules=[Cron(cron, timezone=timezone)], concurrency_limit=1,
        parameters={"paths": [inbox], "warehouse": warehouse, "batch_size": batch_size},
        description="Load new documents from the inbox into the tanlu warehouse.")
