"""The DuckDB warehouse: schema migrations, batch loading, views. Storage only, no text logic.

Loading inserts a batch's Arrow tables in one transaction per batch. A document already in the warehouse
(a re-extraction by a new pipeline version) has its rows replaced (delete by doc_id, then insert), so a
re-run changes nothing and a re-extraction may yield a different number of measures; a batch of new
documents, the usual case, is pure inserts. The document tables have no PRIMARY KEY (no DuckDB index to
update on insert and rewrite at each checkpoint): their keys (``KEYS``) are checked per batch, in bulk.
The file is held read-write while a run prepares it, loads its batches and records it; readers open it
read-only before and after.
"""
from __future__ import annotations

import os
import time
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute  # noqa: F401  (pa.compute)

from schemas import tables

DEFAULT_PATH = "data/tanlu.duckdb"
DOC_TABLES = ("raw_documents", "documents", "articles", "sentences", "measures")


# A new warehouse file is written in the storage format of DuckDB 1.5, so that the 1.5 clients analysts use
# (the duckdb CLI on PyPI, DBeaver's driver) open it: they refuse the 2.0 format ("version number 69").
STORAGE_VERSION = "v1.5.0"
# No vacuum tasks at a checkpoint: by default each checkpoint merges the row groups the last transactions
# appended into the earlier, partly filled ones, rewriting them, so that a checkpoint costs more the larger
# the warehouse and a long run's loads grow as the square of its documents. Without them, replaying the
# loads of 50,000 short documents cost 15.4 s of CPU instead of 25.8 s, the same for each round of loads,
# and the file was 280 MB instead of 304 MB; a whole run over 100,000 short documents took 170 s instead
# of 223 s, its loads 69 s instead of 139 s (`python -m bench.flow --no-throughput --rerun-docs 0
# --rss-docs 100000`, one run each). Every read-write connection has it: the first one opened with the
# default does all the vacuuming the loads skipped (a one-row write to that warehouse of 100,000 documents
# took 10.1 s and 1,366 MB of RSS with the default, 0.0 s and 69 MB with this). A client that opens the
# file read-write with the default (the duckdb CLI) pays that once; read-only ones never do.
# Deleted documents (a re-extraction) still free their row groups: deleting and re-inserting 1 M of
# 2 M rows three times gave the same file size and row groups either way.
_FILE_CONFIG = {"storage_compatibility_version": STORAGE_VERSION, "max_vacuum_tasks": 0}


class WarehouseBusy(RuntimeError):
    """Another process holds the warehouse file for writing."""


def default_path() -> str:
    return os.environ.get("TANLU_WAREHOUSE") or DEFAULT_PATH


def _sql_files(folder: str) -> list[tuple[str, str]]:
    base = resources.files("warehouse") / folder
    return sorted((p.name, p.read_text(encoding="utf-8")) for p in base.iterdir() if p.name.endswith(".sql"))


def connect(path: str | os.PathLike, read_only: bool = False, wait_seconds: float = 0.0) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; while another process writes, retry for ``wait_seconds`` then raise WarehouseBusy."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}: run `tanlu run` first")
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=_FILE_CONFIG)
        except duckdb.IOException as err:
            if "lock" not in str(err).lower():
                raise
            if time.monotonic() >= deadline:
                raise WarehouseBusy(f"{path} is being written by another process (a pipeline run); "
                                    f"try again when it has finished") from err
            time.sleep(0.5)


# The run's writer: a bounded buffer pool (its memory stays flat as the warehouse grows; DuckDB spills to
# disk beyond it) and a write-ahead log of up to 64 MB between checkpoints (one a batch would cost more the
# larger the warehouse). Committed rows wait in memory until a checkpoint writes them, so the threshold bounds
# the loading process's memory too: loading the batches of 10 M characters of the synthetic corpus four
# times over (60 batches) into a fresh warehouse peaked at 579 MB in the loading process with 256 MB / 256 MB,
# 437 MB with 128 MB / 64 MB, for about a tenth more CPU in the loads (8.9 -> 10.0 s; 32 MB: 13.0 s) and a
# final checkpoint of 0.4 s instead of 1.4 s (that one runs after the last batch, while nothing else does).
# (Before 006, with the primary-key indexes: 256 MB / 256 MB peaked at 486 MB over 100,000 short documents;
# a threshold of 4 GB, one checkpoint at the end, saved a sixth of the CPU but no wall time.)
# Since then: a buffer pool of 64 MB and one thread (the writer inserts one batch at a time): over 100,000
# short documents the process tree of a run peaked at 1,409 MB instead of 1,470 MB (the flow process 672 MB
# instead of 688 MB), `python -m bench.flow --no-throughput --rerun-docs 0 --rss-docs 100000`.
WRITER_SETTINGS = {"memory_limit": "64MB", "checkpoint_threshold": "64MB", "threads": "1"}


@contextmanager
def open_warehouse(path: str | os.PathLike, read_only: bool = False, wait_seconds: float = 0.0,
                   writer: bool = False):
    con = connect(path, read_only=read_only, wait_seconds=wait_seconds)
    if writer:
        for k, v in WRITER_SETTINGS.items():
            con.execute(f"SET {k} = '{v}'")
    try:
        yield con
    finally:
        con.close()


def migrate(con: duckdb.DuckDBPyConnection, regions: pa.Table | None = None,
            indicators: pa.Table | None = None) -> None:
    """Create or upgrade the tables, (re)load the regions and indicators dimensions when given, create the views."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMPTZ)")
    done = {r[0] for r in con.execute("SELECT name FROM schema_migrations").fetchall()}
    for name, sql in _sql_files("sql"):
        if name not in done:
            con.execute("BEGIN")
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, now())", [name])
            con.execute("COMMIT")
    if regions is not None:
        current = con.execute("SELECT count(*), max(valid_as_of) FROM regions").fetchall()[0]
        as_of = regions.column("valid_as_of")[0].as_py() if regions.num_rows else None
        if current != (regions.num_rows, as_of):
            con.execute("BEGIN")
            con.execute("DELETE FROM regions")
            con.register("_regions", regions)
            con.execute("INSERT INTO regions BY NAME SELECT * FROM _regions")
            con.unregister("_regions")
            con.execute("COMMIT")
    if indicators is not None:
        _replace_dimension(con, "indicators", indicators)
    for _, sql in _sql_files("views"):
        con.execute(sql)


def _replace_dimension(con: duckdb.DuckDBPyConnection, name: str, rows: pa.Table) -> None:
    """Make a small dimension table hold exactly ``rows`` (rewritten only when they differ)."""
    con.register("_dim", rows.select(tables.by_name(name).columns))
    cols = ", ".join(tables.by_name(name).columns)
    differs = con.execute(f"SELECT count(*) FROM ((SELECT {cols} FROM {name} EXCEPT ALL SELECT {cols} FROM _dim) "
                          f"UNION ALL (SELECT {cols} FROM _dim EXCEPT ALL SELECT {cols} FROM {name}))").fetchall()[0][0]
    if differs:
        con.execute("BEGIN")
        con.execute(f"DELETE FROM {name}")
        con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _dim")
        con.execute("COMMIT")
    con.unregister("_dim")


def loaded_doc_ids(con: duckdb.DuckDBPyConnection, pipeline_version: str) -> set[str]:
    """Documents already loaded by this pipeline version: a re-run skips them."""
    return {r[0] for r in con.execute("SELECT doc_id FROM documents WHERE pipeline_version = ?",
                                      [pipeline_version]).fetchall()}


def loaded_file_ids(con: duckdb.DuckDBPyConnection, pipeline_version: str) -> set[str]:
    """Files (by the sha256 of their bytes) on record in ``source_files`` as loaded by a run of this pipeline
    version. For most files that is a document id as well; a .jsonl file's is not (each of its lines is a
    document of its own), so this is how a re-run knows such a file is loaded."""
    return {r[0] for r in con.execute(
        "SELECT DISTINCT f.doc_id FROM source_files f JOIN runs u USING (run_id) WHERE u.pipeline_version = ? "
        "AND f.doc_id IS NOT NULL AND f.outcome IN ('loaded', 'unchanged', 'already_loaded')",
        [pipeline_version]).fetchall()}


def files_with_loaded_lines(con: duckdb.DuckDBPyConnection, paths: list[str]) -> set[str]:
    """Of ``paths``, those with a line in ``documents``: a .jsonl file holds one document a line, whose
    ``raw_documents.source_uri`` is PATH#L<line number>."""
    if not paths:
        return set()
    con.register("_paths", pa.table({"path": pa.array(sorted(set(paths)), pa.string())}))
    try:
        return {r[0] for r in con.execute(
            "SELECT DISTINCT p.path FROM raw_documents r "
            "JOIN _paths p ON regexp_replace(r.source_uri, '#L[0-9]+$', '') = p.path "
            "WHERE r.source_uri LIKE '%#L%' AND r.doc_id IN (SELECT doc_id FROM documents)").fetchall()}
    finally:
        con.unregister("_paths")


def rejected_doc_ids(con: duckdb.DuckDBPyConnection, pipeline_version: str) -> set[str]:
    """Documents (file or jsonl-line ids) rejected by a run of this pipeline version and not loaded since: the
    same bytes would be rejected again, so a re-run skips them too."""
    return {r[0] for r in con.execute(
        "SELECT DISTINCT r.doc_id FROM rejects r JOIN runs u USING (run_id) "
        "WHERE u.pipeline_version = ? AND r.doc_id IS NOT NULL AND r.stage <> 'validate'",
        [pipeline_version]).fetchall()}


# The key of each document table: unique, though not a DuckDB PRIMARY KEY (sql/006_no_document_keys.sql):
# load_batch checks a batch's keys in bulk, and replaces the rows of the documents the warehouse holds.
KEYS = {"raw_documents": ("doc_id",), "documents": ("doc_id",), "articles": ("doc_id", "article_idx"),
        "sentences": ("doc_id", "article_idx", "sentence_idx"), "measures": ("measure_id",)}


def _duplicate_key(name: str, t: pa.Table) -> str | None:
    """A key value that two rows of ``t`` (rows for table ``name``) share, or None."""
    key = list(KEYS[name])
    if t.num_rows < 2:
        return None
    if len(key) == 1 and pa.compute.count_distinct(t.column(key[0]), mode="all").as_py() == t.num_rows:
        return None
    counts = t.select(key).group_by(key).aggregate([([], "count_all")])
    if counts.num_rows == t.num_rows:
        return None
    dup = counts.filter(pa.compute.greater(counts.column("count_all"), 1)).slice(0, 1).to_pylist()[0]
    return ", ".join(f"{k}={dup[k]!r}" for k in key)


def load_batch(con: duckdb.DuckDBPyConnection, batch: dict[str, pa.Table]) -> dict[str, int]:
    """Insert the batch's rows in every table, in one transaction, replacing the rows of those of its
    documents the warehouse holds already; returns rows inserted.

    One Arrow insert per table. The documents of a batch are usually new: one anti-join of the batch's
    ids against ``raw_documents`` and ``documents`` says so, and then nothing is deleted. A batch whose keys
    (``KEYS``) repeat raises duckdb.ConstraintException and loads nothing."""
    rows = {}
    for name in (*DOC_TABLES, "rejects"):
        t = batch.get(name)
        if t is not None and t.num_rows:
            rows[name] = t.select(tables.by_name(name).columns)
    for name in DOC_TABLES:
        if name in rows and (dup := _duplicate_key(name, rows[name])) is not None:
            raise duckdb.ConstraintException(f"Constraint Error: duplicate key \"{dup}\" in the batch's {name}: "
                                             f"the key of {name} ({', '.join(KEYS[name])}) must be unique")
    ids = pa.concat_arrays([rows[name].column("doc_id").combine_chunks().cast(pa.string())
                            for name in DOC_TABLES if name in rows] or [pa.array([], pa.string())])
    ids = pa.table({"doc_id": pa.compute.unique(ids)})
    rejects = rows.get("rejects")
    con.execute("BEGIN")
    try:
        con.register("_batch_ids", ids)
        # which of them are in the warehouse already (raw_documents and documents: every loaded document
        # has a row in one of them); new documents need no delete, which would scan every table
        present = con.execute("SELECT count(*) FROM (SELECT doc_id FROM raw_documents UNION ALL "
                              "SELECT doc_id FROM documents) WHERE doc_id IN (SELECT doc_id FROM _batch_ids)"
                              ).fetchall()[0][0]
        if present:
            for name in DOC_TABLES:
                con.execute(f"DELETE FROM {name} WHERE doc_id IN (SELECT doc_id FROM _batch_ids)")
        if rejects is not None:
            keys = rejects.select(["source_name", "doc_id"])
            con.register("_reject_keys", keys)
            # a reject is replaced by the same file's (and document's) new rejects: re-runs add nothing
            con.execute("DELETE FROM rejects WHERE (source_name, coalesce(doc_id, '')) IN "
                        "(SELECT source_name, coalesce(doc_id, '') FROM _reject_keys)")
            con.unregister("_reject_keys")
        # a document that now loads has no rejects left from earlier runs
        if ids.num_rows:
            con.execute("DELETE FROM rejects WHERE doc_id IN (SELECT doc_id FROM _batch_ids) AND stage <> 'validate'")
        con.unregister("_batch_ids")
        for name, t in rows.items():
            con.register("_rows", t)
            con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _rows")
            con.unregister("_rows")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return {name: rows[name].num_rows if name in rows else 0 for name in (*DOC_TABLES, "rejects")}


def record_run(con: duckdb.DuckDBPyConnection, run: pa.Table) -> None:
    """Insert or update a ``runs`` row."""
    con.register("_run", run.select(tables.RUNS.columns))
    con.execute("DELETE FROM runs WHERE run_id IN (SELECT run_id FROM _run)")
    con.execute("INSERT INTO runs BY NAME SELECT * FROM _run")
    con.unregister("_run")


def source_file_context(con: duckdb.DuckDBPyConnection, paths: list[str], doc_ids: list[str]
                        ) -> tuple[set[str], dict[str, tuple[str | None, object]]]:
    """Of ``doc_ids``, those in ``documents``; of ``paths``, their ``source_files`` rows (doc_id, first_seen)."""
    con.register("_ids", pa.table({"doc_id": pa.array(sorted(set(doc_ids)), pa.string())}))
    con.register("_paths", pa.table({"path": pa.array(sorted(set(paths)), pa.string())}))
    try:
        loaded = {r[0] for r in con.execute("SELECT DISTINCT doc_id FROM documents "
                                            "WHERE doc_id IN (SELECT doc_id FROM _ids)").fetchall()}
        previous = {r[0]: (r[1], r[2]) for r in con.execute(
            "SELECT path, doc_id, first_seen FROM source_files WHERE path IN (SELECT path FROM _paths)").fetchall()}
    finally:
        con.unregister("_ids")
        con.unregister("_paths")
    return loaded, previous


def upsert_source_files(con: duckdb.DuckDBPyConnection, rows: pa.Table) -> int:
    """Insert or replace (by path) ``source_files`` rows, in one transaction; returns rows written."""
    if not rows.num_rows:
        return 0
    con.register("_files", rows.select(tables.SOURCE_FILES.columns))
    con.execute("BEGIN")
    try:
        con.execute("DELETE FROM source_files WHERE path IN (SELECT path FROM _files)")
        con.execute("INSERT INTO source_files BY NAME SELECT * FROM _files")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        con.unregister("_files")
    return rows.num_rows


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {name: con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0] for name in tables.ALL}
