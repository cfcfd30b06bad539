"""Extracts: Hive-partitioned Parquet of ``measure_facts`` (province_code / target_year), replaced atomically."""
from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import duckdb


def export_measures(con: duckdb.DuckDBPyConnection, out: str | os.PathLike) -> dict[str, int]:
    """Write measure_facts under ``out`` as Parquet partitioned by province and target year.

    The new folder is written beside ``out`` and swapped in with renames, so a reader never sees a
    half-written extract. Returns the number of rows and files written.
    """
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.tmp-{uuid.uuid4().hex[:8]}"
    target = tmp / "measures"
    target.mkdir(parents=True)
    n = con.execute("SELECT count(*) FROM measure_facts").fetchall()[0][0]
    con.execute(
        f"""COPY (SELECT *, coalesce(province_code, 'unknown') AS province,
                         coalesce(CAST(target_year AS VARCHAR), 'unknown') AS year
                  FROM measure_facts)
            TO '{target.as_posix()}' (FORMAT parquet, PARTITION_BY (province, year), OVERWRITE_OR_IGNORE)""")
    old = None
    if out.exists():
        old = out.parent / f".{out.name}.old-{uuid.uuid4().hex[:8]}"
        out.rename(old)
    tmp.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    files = sum(1 for _ in out.rglob("*.parquet"))
    return {"rows": n, "files": files}
