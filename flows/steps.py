"""The flow's steps as plain functions, without Prefect: flows/tasks.py makes Prefect tasks of them, and
an unchanged re-run (``unchanged_run``) calls them directly, so that it starts no Prefect flow, no
temporary Prefect server and no Dask cluster."""
from __future__ import annotations

import json
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa

from transforms import ingest, pipeline
from transforms.rejects import Reject, rejects_table
from warehouse.batches import BATCH_TABLES, BatchStore, FileState, states_table

# warehouse.store (DuckDB) is imported by the steps that open the warehouse, in the flow's process only:
# a Dask worker that runs batches never loads DuckDB.


# A batch holds about this many bytes of input (or fewer, to give every worker two batches at least), and
# at most MAX_BATCH_FILES files: a worker's memory grows with the text of its batch, not with the corpus.
# A run of less than MIN_BATCH_BYTES is one batch: no cluster to start for a handful of files.
BATCH_BYTES = 2_000_000
MIN_BATCH_BYTES = 250_000
MAX_BATCH_FILES = 500


def batch_plan(files: list[str], batch_size: int | None, n_workers: int,
               sizes: list[int | None] | None = None) -> list[list[str]]:
    """Files in batches: ``batch_size`` each, or (by default) by their ``sizes``: batches of about
    BATCH_BYTES, smaller when that would leave a worker without two batches (but not below MIN_BATCH_BYTES),
    of at most MAX_BATCH_FILES."""
    if not files:
        return []
    if batch_size:
        return [files[i:i + batch_size] for i in range(0, len(files), batch_size)]
    sizes = [s or 0 for s in sizes] if sizes is not None else [1] * len(files)
    target = max(MIN_BATCH_BYTES, min(BATCH_BYTES, sum(sizes) // (2 * n_workers)))
    plan: list[list[str]] = [[]]
    acc = 0
    for f, n in zip(files, sizes):
        if plan[-1] and (acc >= target or len(plan[-1]) >= MAX_BATCH_FILES):
            plan.append([])
            acc = 0
        plan[-1].append(f)
        acc += n
    return plan


def read_files(files: list[str]) -> tuple[list[ingest.SourceFile], list[tuple[str, None, Reject]]]:
    sources, unreadable = [], []
    for f in map(Path, files):
        try:
            sources.append(ingest.SourceFile(f.name, str(f), f.read_bytes()))
        except OSError as err:
            unreadable.append((f.name, None, Reject("ingest", "file could not be read", str(err))))
    return sources, unreadable


def process_batch(files: list[str], store_root: str, batch_id: str, run_id: str) -> dict:
    """Ingest, clean, structure, segment, extract and validate one batch of files; write its tables."""
    sources, unreadable = read_files(files)
    t = pipeline.process(sources, run_id=run_id, sidecar=pipeline.sidecars(files))
    parts = {name: getattr(t, name) for name in BATCH_TABLES if name != "rejects"}
    parts["rejects"] = pa.concat_tables([rejects_table(unreadable, run_id=run_id), t.rejects])
    BatchStore(store_root).write(batch_id, parts)
    return {"batch_id": batch_id, "files": len(files), "documents": t.raw_documents.num_rows,
            "timings": t.timings}


def open_writer(warehouse: str):
    """The warehouse, open for writing for all the batch loads of a run (it is closed, and checkpointed,
    once at the end, not after each batch)."""
    from warehouse import store

    return store.open_warehouse(warehouse, wait_seconds=60, writer=True)


def load_batch(store_root: str, batch_id: str, con) -> dict:
    """One transaction: the batch's rows, replacing those of its documents loaded before."""
    from warehouse import store

    return store.load_batch(con, BatchStore(store_root).read(batch_id))


def prepare_warehouse(warehouse: str) -> tuple[set[str], set[str]]:
    """Migrate the warehouse; the ids of the documents (and files) it already holds for this pipeline version,
    and of those a run of this version rejected."""
    from transforms import indicator_ids, regions
    from warehouse import store

    with store.open_warehouse(warehouse, wait_seconds=60) as con:
        store.migrate(con, regions.regions_table(), indicator_ids.indicators_table())
        version = pipeline.version()
        known = store.loaded_doc_ids(con, version) | store.loaded_file_ids(con, version)
        return known, store.rejected_doc_ids(con, version)


def file_facts(states: list[dict]) -> dict:
    """path -> (size in bytes, modification time in UTC), as hashing saw them (``n_bytes``, ``mtime``) or
    else from stat; (None, None) when it cannot be stat'ed."""
    out = {}
    for s in states:
        p, size, mtime = s["path"], s.get("n_bytes"), s.get("mtime")
        if size is None or mtime is None:
            try:
                st = Path(p).stat()
                size, mtime = st.st_size, st.st_mtime
            except OSError:
                out[p] = (None, None)
                continue
        out[p] = (size, datetime.fromtimestamp(mtime, timezone.utc))
    return out


def record_files(warehouse: str, files: pa.Table, run_id: str, sidecars: list[dict] | None = None) -> int:
    """Every input file's ``source_files`` row, in one transaction after the run's loads; an unreadable
    metadata sidecar's reject too (it is read by no batch alone). ``files``: the run's file states
    (warehouse.batches.states_table); ``sidecars``: the metadata sidecars' (pipeline.sidecar_states)."""
    from transforms.source_files import source_files_table
    from warehouse import store

    # a file rejected before is, to source_files, one not loaded: its outcome stays ``rejected``
    states = [{**s, "status": "new" if s["status"] == "rejected_before" else s["status"]}
              for s in files.to_pylist()] + list(sidecars or ())
    facts = file_facts(states)
    now = datetime.now(timezone.utc)
    with store.open_warehouse(warehouse, wait_seconds=60) as con:
        loaded, previous = store.source_file_context(con, [s["path"] for s in states],
                                                     [s["doc_id"] for s in states if s["doc_id"]])
        # a .jsonl file's id (the hash of its bytes) is no document's: it is loaded when one of its lines is
        new = {s["path"]: s["doc_id"] for s in states if s["status"] == "new" and s["doc_id"]}
        loaded |= {new[p] for p in store.files_with_loaded_lines(con, list(new))}
        rows = source_files_table(states, facts, loaded, previous, now, run_id)
        bad = pipeline.sidecar_rejects(states)
        if bad:
            store.load_batch(con, {"rejects": rejects_table(bad, now, run_id)})
        return store.upsert_source_files(con, rows)


def publish(warehouse: str, run_row: dict) -> dict:
    """Record the run and return the warehouse's row counts."""
    from schemas import tables
    from warehouse import store

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


# ---------------------------------------------------------------- a run's beginning and end

class Run:
    """One run's bookkeeping: its id, clock, stage timings and counts, from the hashing of its inputs to
    its ``runs`` row."""

    def __init__(self, paths: list[str], warehouse: str, steps=None):
        """``steps``: where prepare_warehouse, record_files and publish come from (flows.tasks in a flow,
        so that they run as Prefect tasks); this module by default."""
        import sys

        self.steps = steps or sys.modules[__name__]
        self.paths, self.warehouse = list(paths), warehouse
        self.started = datetime.now(timezone.utc)
        self.t0 = time.perf_counter()
        self.run_id = uuid.uuid4().hex
        self.timings: dict[str, float] = {}
        self.files: list[str] = []
        self.states: list[FileState] = []
        self.known: set[str] = set()
        self.rejected: set[str] = set()
        self.totals = {"n_files": 0, "n_new_documents": 0, "n_skipped_documents": 0, "n_documents": 0,
                       "n_articles": 0, "n_sentences": 0, "n_measures": 0, "n_rejects": 0}

    def scan(self, stop_at_new: bool = False) -> list[FileState]:
        """Migrate the warehouse, list and hash the inputs; the states of the files to process (new or
        unreadable ones). ``stop_at_new``: stop hashing at the first of them (the states are then partial)."""
        self.files = [str(f) for f in pipeline.list_inputs(self.paths)]
        self.known, self.rejected = timed(self.steps.prepare_warehouse, self.warehouse, timings=self.timings,
                                          stage="prepare")
        t0 = time.perf_counter()
        todo = []
        for s in BatchStore("", self.known, self.rejected).states(self.files):
            self.states.append(s)
            if s.status in ("new", "unreadable"):
                todo.append(s)
                if stop_at_new:
                    break
        self.timings["hash"] = time.perf_counter() - t0
        self.totals.update(n_files=len(self.files),
                           n_skipped_documents=sum(s.status == "known" for s in self.states))
        return todo

    def counted(self) -> dict[str, int]:
        """How many files of each hash status (for the log line)."""
        out: dict[str, int] = {}
        for s in self.states:
            out[s.status] = out.get(s.status, 0) + 1
        return out

    def row(self, status: str, flow_run_id: str | None = None) -> dict:
        return {"run_id": self.run_id, "started_at": self.started, "finished_at": datetime.now(timezone.utc),
                "status": status, "inputs": ", ".join(self.paths), **self.totals,
                "seconds": time.perf_counter() - self.t0, "timings": as_json(self.timings),
                "pipeline_version": pipeline.version(),
                "extractor_version": pipeline.measures.EXTRACTOR_VERSION, "flow_run_id": flow_run_id or ""}

    def finish(self, flow_run_id: str | None = None) -> tuple[dict, dict, pa.Table]:
        """Record every input file and the completed run: (the runs row, the warehouse's row counts, the
        file states)."""
        files_table = states_table(self.states)
        self.states = []
        sidecars = pipeline.sidecar_states(self.files)  # every metadata sidecar read beside the files has a row
        timed(self.steps.record_files, self.warehouse, files_table, self.run_id, sidecars, timings=self.timings,
              stage="record_files")
        run = self.row("completed", flow_run_id)
        counts = timed(self.steps.publish, self.warehouse, run, timings=self.timings, stage="publish")
        return run, counts, files_table


def result(run: dict, counts: dict, timings: dict, files: pa.Table) -> dict:
    """What a run returns (``tanlu run`` prints it)."""
    return {"run": {k: v for k, v in run.items() if k not in ("started_at", "finished_at")},
            "warehouse": counts, "timings": timings, "files": files}


def unchanged_run(paths: list[str], warehouse: str) -> dict | None:
    """A run that finds nothing to process: every input file is loaded already (by this pipeline version),
    was rejected by it before, or is a copy of another. It records the files and the run as the flow does
    and returns the flow's result, without starting Prefect or a Dask cluster. None when there is
    something to process: the flow has to run."""
    run = Run(paths, warehouse)
    if run.scan(stop_at_new=True):
        return None
    try:
        row, counts, files = run.finish()
    except Exception:
        try:
            publish(warehouse, run.row("failed"))
        finally:
            raise
    return result(row, counts, run.timings, files)
