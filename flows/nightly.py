"""The nightly flow: hash -> (per batch: ingest, clean, structure, segment, extract, validate) -> load -> publish.

A batch (tens to hundreds of files) is one task that runs the whole pure chain in memory; batches run
concurrently on a Dask cluster through prefect-dask, and only the flow writes the warehouse. Tasks pass
file paths and counts, not tables. The warehouse is opened read-write only while a batch loads.
"""
from __future__ import annotations

import flows.settings  # noqa: F401  (Prefect's home and settings before prefect is imported)

import logging
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run

from flows import runners, tasks
from flows.settings import state_dir
from transforms import measures, pipeline
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


def _run_row(run_id: str, started: datetime, t0: float, paths: list[str], totals: dict, timings: dict,
             status: str) -> dict:
    return {"run_id": run_id, "started_at": started, "finished_at": datetime.now(timezone.utc),
            "status": status, "inputs": ", ".join(paths), **totals,
            "seconds": time.perf_counter() - t0, "timings": tasks.as_json(timings),
            "pipeline_version": pipeline.version(), "extractor_version": measures.EXTRACTOR_VERSION,
            "flow_run_id": str(flow_run.get_id() or "")}


def batch_plan(files: list[str], batch_size: int | None, n_workers: int) -> list[list[str]]:
    """Files in batches: ``batch_size`` each, or (by default) enough batches to keep every worker busy,
    of 20 to 500 files."""
    if not files:
        return []
    size = batch_size or max(20, min(500, -(-len(files) // (2 * n_workers))))
    return [files[i:i + size] for i in range(0, len(files), size)]


@flow(name="tanlu-batches", log_prints=False)
def run_batches(store_root: str, warehouse: str, run_id: str, keep_batches: bool = False) -> dict:
    """Run the planned batches on this flow's task runner; load each, in plan order, as the single writer.

    Every batch is submitted at once; the loads follow the plan's order whatever order the batches finish
    in, and a document's rows do not depend on which batch it was in, so the warehouse is the same.
    """
    log = _logger()
    plan = batches.read_plan(store_root)
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    totals = {k: 0 for k in ("documents", "articles", "sentences", "measures", "rejects")}
    futures = [tasks.process_batch.submit(chunk, store_root, f"batch-{i:05d}", run_id)
               for i, chunk in enumerate(plan)]
    done_files, n_files = 0, sum(map(len, plan))
    for fut in futures:
        got = fut.result()
        tasks.add_timings(timings, got["timings"])
        loaded = tasks.timed(tasks.load_batch, store_root, got["batch_id"], warehouse, timings=timings, stage="load")
        if not keep_batches:  # a loaded batch's files go at once: disk stays bounded on a long run
            batches.BatchStore(store_root).discard(got["batch_id"])
        for k in totals:
            totals[k] += loaded.get(k, 0)
        done_files += got["files"]
        elapsed = time.perf_counter() - t0
        log.info("progress: %d/%d new files, %d documents loaded, %.1f files/s", done_files,
                 n_files, totals["documents"], done_files / max(elapsed, 1e-9))
    return {"totals": totals, "timings": timings}


@flow(name="tanlu-nightly", log_prints=False)
def nightly(paths: list[str], warehouse: str = store.DEFAULT_PATH, batch_size: int | None = None,
            keep_batches: bool = False, dask_address: str | None = None) -> dict:
    """Load every document under ``paths`` into the warehouse; returns the run summary.

    Files are hashed first: those the warehouse holds already (same bytes, same pipeline version) and
    copies of an earlier file are not processed, so an unchanged re-run writes no batch. The new files
    run as batch tasks on a Dask cluster (``dask_address``, or a local one when there is more than one
    batch), and the flow alone writes the warehouse.
    """
    log = _logger()
    started = datetime.now(timezone.utc)
    t0 = time.perf_counter()
    run_id = uuid.uuid4().hex
    run_dir = state_dir() / "runs" / run_id
    timings: dict[str, float] = {}
    files = [str(f) for f in pipeline.list_inputs(paths)]
    known = tasks.timed(tasks.prepare_warehouse, warehouse, timings=timings, stage="prepare")
    bs = batches.BatchStore(run_dir, set(known))
    states = tasks.timed(bs.classify, files, timings=timings, stage="hash")
    new = [s.path for s in states if s.status in ("new", "unreadable")]
    totals = {"n_files": len(files), "n_new_documents": 0,
              "n_skipped_documents": sum(s.status == "known" for s in states), "n_documents": 0,
              "n_articles": 0, "n_sentences": 0, "n_measures": 0, "n_rejects": 0}
    log.info("%d input files under %s: %d new, %d already loaded, %d copies of another file", len(files),
             ", ".join(paths), len(new), totals["n_skipped_documents"], sum(s.status == "duplicate" for s in states))
    address = runners.dask_address(dask_address)
    plan = batch_plan(new, batch_size, runners.workers())
    try:
        if plan:
            batches.write_plan(run_dir, plan)
            runner = runners.batch_task_runner(len(plan), address)
            with runners.workers_report_here():
                got = run_batches.with_options(task_runner=runner)(str(run_dir), warehouse, run_id, keep_batches)
            tasks.add_timings(timings, got["timings"])
            t = got["totals"]
            totals.update(n_new_documents=t["documents"], n_documents=t["documents"], n_articles=t["articles"],
                          n_sentences=t["sentences"], n_measures=t["measures"], n_rejects=t["rejects"])
    except Exception:
        failed = _run_row(run_id, started, t0, paths, totals, timings, "failed")
        try:
            tasks.publish.fn(warehouse, failed)
        finally:
            log.error("run %s failed; its batch files are kept in %s", run_id[:8], run_dir)
        raise
    states_rows = [{"path": s.path, "doc_id": s.doc_id, "status": s.status} for s in states]
    states_rows += pipeline.sidecar_states(files)  # every metadata sidecar read beside the files has a row too
    tasks.timed(tasks.record_files, warehouse, states_rows, run_id, timings=timings, stage="record_files")
    run = _run_row(run_id, started, t0, paths, totals, timings, "completed")
    counts = tasks.timed(tasks.publish, warehouse, run, timings=timings, stage="publish")
    create_markdown_artifact(key="tanlu-run-summary", markdown=summary_markdown(run, counts, timings),
                             description="tanlu nightly run summary")
    if not keep_batches:
        bs.remove()
    return {"run": {k: v for k, v in run.items() if k not in ("started_at", "finished_at")},
            "warehouse": counts, "timings": timings, "files": [s.__dict__ for s in states]}


def deployment(inbox: str, warehouse: str, cron: str = "0 2 * * *", timezone: str = "Asia/Shanghai",
               batch_size: int | None = None):
    """The nightly deployment: the flow over ``inbox`` on a cron schedule in an explicit timezone."""
    from prefect.schedules import Cron

    return nightly.to_deployment(
        name="tanlu-nightly", schedules=[Cron(cron, timezone=timezone)], concurrency_limit=1,
        parameters={"paths": [inbox], "warehouse": warehouse, "batch_size": batch_size},
        description="Load new documents from the inbox into the tanlu warehouse.")
