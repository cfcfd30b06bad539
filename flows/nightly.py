"""The nightly flow: ingest -> clean -> structure -> segment -> extract -> validate -> load -> publish.

Tasks work on batches of documents (hundreds to thousands), never on single documents, and pass
folder paths and counts, not tables. The warehouse is opened read-write only while a batch loads.
"""
from __future__ import annotations

import flows.settings  # noqa: F401  (Prefect's home and settings before prefect is imported)

import logging
import shutil
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run

from flows import tasks
from flows.settings import state_dir
from transforms import measures, pipeline
from warehouse import store


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


@flow(name="tanlu-nightly", log_prints=False)
def nightly(paths: list[str], warehouse: str = store.DEFAULT_PATH, batch_size: int = 500,
            keep_batches: bool = False) -> dict:
    """Load every document under ``paths`` into the warehouse; returns the run summary."""
    log = _logger()
    started = datetime.now(timezone.utc)
    t0 = time.perf_counter()
    run_id = uuid.uuid4().hex
    run_dir = state_dir() / "runs" / run_id
    timings: dict[str, float] = {}
    files = [str(f) for f in pipeline.list_inputs(paths)]
    known = tasks.timed(tasks.prepare_warehouse, warehouse, str(run_dir), timings=timings, stage="prepare")
    totals = {"n_files": len(files), "n_new_documents": 0, "n_skipped_documents": 0, "n_documents": 0,
              "n_articles": 0, "n_sentences": 0, "n_measures": 0, "n_rejects": 0}
    log.info("%d input files under %s", len(files), ", ".join(paths))
    try:
        for i in range(0, len(files), batch_size):
            batch = str(run_dir / f"batch-{i // batch_size:05d}")
            chunk = files[i:i + batch_size]
            got = tasks.timed(tasks.ingest_batch, chunk, batch, known, run_id, timings=timings, stage="ingest")
            tasks.timed(tasks.clean_batch, batch, run_id, timings=timings, stage="clean")
            tasks.timed(tasks.structure_batch, batch, run_id, timings=timings, stage="structure")
            tasks.timed(tasks.segment_batch, batch, run_id, timings=timings, stage="segment")
            tasks.timed(tasks.extract_batch, batch, run_id, timings=timings, stage="extract")
            tasks.timed(tasks.validate_batch, batch, run_id, timings=timings, stage="validate")
            loaded = tasks.timed(tasks.load_batch, batch, warehouse, timings=timings, stage="load")
            totals["n_new_documents"] += got["new"]
            totals["n_skipped_documents"] += got["skipped"]
            totals["n_documents"] += loaded["documents"]
            totals["n_articles"] += loaded["articles"]
            totals["n_sentences"] += loaded["sentences"]
            totals["n_measures"] += loaded["measures"]
            totals["n_rejects"] += loaded["rejects"]
            done = min(i + batch_size, len(files))
            elapsed = time.perf_counter() - t0
            log.info("progress: %d/%d files (%.0f%%), %d documents loaded, %.1f files/s, %.0f s left", done,
                     len(files), 100 * done / max(1, len(files)), totals["n_documents"],
                     done / max(elapsed, 1e-9), elapsed / done * (len(files) - done))
    except Exception:
        failed = _run_row(run_id, started, t0, paths, totals, timings, "failed")
        try:
            tasks.publish.fn(warehouse, failed)
        finally:
            log.error("run %s failed; its batch files are kept in %s", run_id[:8], run_dir)
        raise
    run = _run_row(run_id, started, t0, paths, totals, timings, "completed")
    counts = tasks.timed(tasks.publish, warehouse, run, timings=timings, stage="publish")
    create_markdown_artifact(key="tanlu-run-summary", markdown=summary_markdown(run, counts, timings),
                             description="tanlu nightly run summary")
    if not keep_batches:
        shutil.rmtree(run_dir, ignore_errors=True)
    return {"run": {k: v for k, v in run.items() if k not in ("started_at", "finished_at")},
            "warehouse": counts, "timings": timings}


def deployment(inbox: str, warehouse: str, cron: str = "0 2 * * *", timezone: str = "Asia/Shanghai",
               batch_size: int = 500):
    """The nightly deployment: the flow over ``inbox`` on a cron schedule in an explicit timezone."""
    from prefect.schedules import Cron

    return nightly.to_deployment(
        name="tanlu-nightly", schedules=[Cron(cron, timezone=timezone)], concurrency_limit=1,
        parameters={"paths": [inbox], "warehouse": warehouse, "batch_size": batch_size},
        description="Load new documents from the inbox into the tanlu warehouse.")
