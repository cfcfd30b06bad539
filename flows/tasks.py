"""Prefect tasks. A batch is one task that runs the whole pure chain in memory (transforms.pipeline)
and leaves its tables in the batch store; the flow's single writer loads them. Tables never travel
through Prefect: tasks take file paths and return counts and timings."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pyarrow as pa
from prefect import task

from transforms import ingest, pipeline
from transforms.rejects import Reject, rejects_table
from warehouse import store
from warehouse.batches import BatchStore


def read_files(files: list[str]) -> tuple[list[ingest.SourceFile], list[tuple[str, None, Reject]]]:
    sources, unreadable = [], []
    for f in map(Path, files):
        try:
            sources.append(ingest.SourceFile(f.name, str(f), f.read_bytes()))
        except OSError as err:
            unreadable.append((f.name, None, Reject("ingest", "file could not be read", str(err))))
    return sources, unreadable


@task(name="process-batch", retries=1, retry_delay_seconds=2)
def process_batch(files: list[str], store_root: str, batch_id: str, run_id: str) -> dict:
    """Ingest, clean, structure, segment, extract and validate one batch of files; write its tables."""
    sources, unreadable = read_files(files)
    t = pipeline.process(sources, run_id=run_id, sidecar=pipeline.sidecars(files))
    parts = {name: getattr(t, name) for name in store.DOC_TABLES}
    parts["rejects"] = pa.concat_tables([rejects_table(unreadable, run_id=run_id), t.rejects])
    BatchStore(store_root).write(batch_id, parts)
    return {"batch_id": batch_id, "files": len(files), "documents": t.raw_documents.num_rows,
            "timings": t.timings}


@task(name="load", retries=3, retry_delay_seconds=5)
def load_batch(store_root: str, batch_id: str, warehouse: str) -> dict:
    """One transaction: the batch's documents replace their earlier rows."""
    bs = BatchStore(store_root)
    parts = bs.read(batch_id)
    with store.open_warehouse(warehouse, wait_seconds=60) as con:
        return store.load_batch(con, parts)


@task(name="prepare", retries=2, retry_delay_seconds=5)
def prepare_warehouse(warehouse: str) -> list[str]:
    """Migrate the warehouse; the ids of the documents it already holds for this pipeline version."""
    from transforms import indicator_ids, regions

    with store.open_warehouse(warehouse, wait_seconds=60) as con:
        store.migrate(con, regions.regions_table(), indicator_ids.indicators_table())
        return sorted(store.loaded_doc_ids(con, pipeline.version()))


def file_facts(paths: list[str]) -> dict:
    """path -> (size in bytes, modification time in UTC); (None, None) when it cannot be stat'ed."""
    from datetime import datetime, timezone

    out = {}
    for p in paths:
        try:
            st = Path(p).stat()
            out[p] = (st.st_size, datetime.fromtimestamp(st.st_mtime, timezone.utc))
        except OSError:
            out[p] = (None, None)
    return out


@task(name="record-files", retries=2, retry_delay_seconds=5)
def record_files(warehouse: str, states: list[dict], run_id: str) -> int:
    """Every input file's ``source_files`` row, in one transaction after the run's loads; an unreadable
    metadata sidecar's reject too (it is read by no batch alone)."""
    from datetime import datetime, timezone

    from transforms.source_files import source_files_table

    facts = file_facts([s["path"] for s in states])
    now = datetime.now(timezone.utc)
    with store.open_warehouse(warehouse, wait_seconds=60) as con:
        loaded, previous = store.source_file_context(con, [s["path"] for s in states],
                                                     [s["doc_id"] for s in states if s["doc_id"]])
        rows = source_files_table(states, facts, loaded, previous, now, run_id)
        bad = pipeline.sidecar_rejects(states)
        if bad:
            store.load_batch(con, {"rejects": rejects_table(bad, now, run_id)})
        return store.upsert_source_files(con, rows)


@task(name="publish", retries=2, retry_delay_seconds=5)
def publish(warehouse: str, run_row: dict) -> dict:
    """Record the run and return the warehouse's row counts."""
    from schemas import tables

    with store.open_warehouse(warehouse, wait_seconds=60) as con:
        store.record_run(con, pa.Table.from_pylist([run_row], tables.RUNS.arrow))
        return store.counts(con)


def timed(fn, *args, timings: dict, stage: str, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - t0
    return out


def add_timings(total: dict, part: dict) -> None:
    for k, v in part.items():
        total[k] = total.get(k, 0.0) + v


def as_json(d: dict) -> str:
    return json.dumps({k: round(v, 3) for k, v in d.items()}, sort_keys=True)
