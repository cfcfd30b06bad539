"""Prefect tasks: one per stage and batch. Each reads the batch folder's Parquet, calls the pure stage,
writes Parquet back, and returns only small counts: tables never travel through Prefect."""
from __future__ import annotations

import json
import time
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from prefect import task

from schemas import tables
from transforms import ingest, pipeline
from transforms.rejects import Reject, rejects_table
from warehouse import store


def _read(batch: Path, name: str) -> pa.Table:
    return pq.read_table(batch / f"{name}.parquet")


def _write(batch: Path, name: str, table: pa.Table) -> None:
    pq.write_table(table, batch / f"{name}.parquet")


def _write_rejects(batch: Path, stage: str, rows: list[tuple[str, str | None, Reject]], run_id: str) -> int:
    _write(batch, f"rejects_{stage}", rejects_table(rows, run_id=run_id))
    return len(rows)


def _names(batch: Path) -> dict[str, str]:
    raw = pq.read_table(batch / "raw_documents.parquet", columns=["doc_id", "source_name"])
    return dict(zip(raw.column("doc_id").to_pylist(), raw.column("source_name").to_pylist()))


def _unknown(table: pa.Table, known: set[str]) -> pa.Table:
    """The rows of documents the warehouse does not hold yet."""
    return table.filter(pa.array([d not in known for d in table.column("doc_id").to_pylist()], pa.bool_()))


@task(name="ingest", retries=2, retry_delay_seconds=2)
def ingest_batch(files: list[str], batch: str, known_ids: str, run_id: str) -> dict:
    """Read the files, decode them, drop documents already loaded by this pipeline version."""
    b = Path(batch)
    b.mkdir(parents=True, exist_ok=True)
    sources, unreadable = [], []
    for f in map(Path, files):
        try:
            sources.append(ingest.SourceFile(f.name, str(f), f.read_bytes()))
        except OSError as err:
            unreadable.append((f.name, None, Reject("ingest", "file could not be read", str(err))))
    res = ingest.ingest(sources, datetime.now(timezone.utc))
    known = set(pq.read_table(known_ids).column("doc_id").to_pylist())
    raw, decoded = _unknown(res.raw_documents, known), _unknown(res.decoded, known)
    _write(b, "raw_documents", raw)
    _write(b, "decoded", decoded)
    n_rej = _write_rejects(b, "ingest", unreadable + res.rejects, run_id)
    return {"files": len(files), "documents": res.raw_documents.num_rows, "new": raw.num_rows,
            "skipped": res.raw_documents.num_rows - raw.num_rows, "rejects": n_rej}


def _stage(batch: str, run_id: str, stage: str, fn, inputs: list[str], outputs: list[str]) -> dict:
    """Run a pure stage over the batch's tables; a document that makes it fail becomes a reject."""
    b = Path(batch)
    rejected: list = []
    outs = pipeline.guarded(stage, fn, [_read(b, n) for n in inputs], _names(b), rejected)
    for name, table in zip(outputs, outs):
        _write(b, name, table)
    return {**{name: t.num_rows for name, t in zip(outputs, outs)},
            "rejects": _write_rejects(b, stage, rejected, run_id)}


@task(name="clean")
def clean_batch(batch: str, run_id: str) -> dict:
    return _stage(batch, run_id, "clean", pipeline.run_clean, ["decoded"], ["cleaned"])


@task(name="structure")
def structure_batch(batch: str, run_id: str) -> dict:
    return _stage(batch, run_id, "structure", pipeline.run_structure, ["cleaned"], ["documents", "articles"])


@task(name="segment")
def segment_batch(batch: str, run_id: str) -> dict:
    return _stage(batch, run_id, "segment", pipeline.run_segment, ["articles"], ["sentences"])


@task(name="extract")
def extract_batch(batch: str, run_id: str) -> dict:
    return _stage(batch, run_id, "extract", pipeline.run_extract, ["documents", "articles", "sentences"],
                  ["measures"])


@task(name="validate")
def validate_batch(batch: str, run_id: str) -> dict:
    """Each table through its pandera schema; failing rows go to rejects with the reason."""
    b = Path(batch)
    names = _names(b)
    rejected: list = []
    out = {}
    for name in store.DOC_TABLES:
        good = pipeline.validated(name, _read(b, name), "doc_id", rejected, names)
        _write(b, f"valid_{name}", good)
        out[name] = good.num_rows
    out["rejects"] = _write_rejects(b, "validate", rejected, run_id)
    return out


@task(name="load", retries=3, retry_delay_seconds=5)
def load_batch(batch: str, warehouse: str) -> dict:
    """One transaction: the batch's documents replace their earlier rows."""
    b = Path(batch)
    parts = {name: _read(b, f"valid_{name}") for name in store.DOC_TABLES}
    rej = [pq.read_table(p) for p in sorted(b.glob("rejects_*.parquet"))]
    parts["rejects"] = pa.concat_tables(rej) if rej else tables.REJECTS.empty()
    with store.open_warehouse(warehouse, wait_seconds=60) as con:
        return store.load_batch(con, parts)


@task(name="prepare", retries=2, retry_delay_seconds=5)
def prepare_warehouse(warehouse: str, run_dir: str) -> str:
    """Migrate the warehouse and list the documents it already holds (path to a Parquet of doc_ids)."""
    from transforms import indicator_ids, regions

    Path(run_dir).mkdir(parents=True, exist_ok=True)
    with store.open_warehouse(warehouse, wait_seconds=60) as con:
        store.migrate(con, regions.regions_table(), indicator_ids.indicators_table())
        known = store.loaded_doc_ids(con, pipeline.version())
    path = Path(run_dir) / "known_doc_ids.parquet"
    pq.write_table(pa.table({"doc_id": pa.array(sorted(known), pa.string())}), path)
    return str(path)


@task(name="publish", retries=2, retry_delay_seconds=5)
def publish(warehouse: str, run_row: dict) -> dict:
    """Record the run and return the warehouse's row counts."""
    with store.open_warehouse(warehouse, wait_seconds=60) as con:
        store.record_run(con, pa.Table.from_pylist([run_row], tables.RUNS.arrow))
        return store.counts(con)


def timed(fn, *args, timings: dict, stage: str, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - t0
    return out


def as_json(d: dict) -> str:
    return json.dumps({k: round(v, 3) for k, v in d.items()}, sort_keys=True)
