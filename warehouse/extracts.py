"""Extracts of ``measure_facts`` for analysts' own tools, replaced atomically.

- Parquet: ``OUT/measures/province=<province code>/year=<target year>/data_0.parquet`` (Hive partitions;
  the nation's own measures are ``province=100000``; no year is ``year=0`` and a code missing from the
  regions table ``province=000000``: a Hive NULL partition, ``__HIVE_DEFAULT_PARTITION__``, is one that
  pyarrow, and so pandas, cannot read with default settings, "Cannot yet unify dictionaries with nulls";
  the ``target_year`` and ``province_code`` columns inside the files stay NULL). The partition keys
  have names of their own, so every column of ``measure_facts`` (``province_code``, ``target_year``…) stays
  inside the files with its own type, and ``read_parquet(…, hive_partitioning=true)`` only adds
  ``province`` and ``year``. Each file carries ``schema_version`` (``schemas.tables.SCHEMA_VERSION``) in its
  key-value metadata.
- CSV: one ``OUT/measures.csv``, UTF-8 with a byte-order mark so that Excel reads the Chinese correctly.

Both write ``OUT/_tanlu_export.json`` (schema version, columns and types, row count). The new folder is
written beside OUT and swapped in with one ``renameat2(RENAME_EXCHANGE)`` where the system has it (two
renames otherwise), so a reader sees the old extract or the new one, never half of one. A folder that is not
a tanlu export is never replaced.
"""
from __future__ import annotations

import ctypes
import json
import os
import shutil
import sys
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from schemas.tables import SCHEMA_VERSION

MANIFEST = "_tanlu_export.json"
FORMATS = ("parquet", "csv")
PARTITION_COLUMNS = ("province", "year")  # Hive keys: province_code and target_year, under names of their own
# The extract's columns, in order. They are the contract: add columns at the end, never rename or drop.
COLUMNS = (
    "measure_id", "kind", "indicator", "sector", "value", "value_upper", "value_raw", "unit", "comparator",
    "direction", "base_year", "target_year", "region_code", "region_name", "region_level", "place_name",
    "city_code", "city_name", "province_code", "province_name", "evidence", "span_start", "span_end",
    "doc_id", "source_name", "article_idx", "sentence_idx", "doc_title", "doc_type", "issuer", "doc_number",
    "published_date", "published_month_day", "published_year", "article_title", "article_author",
    "extractor_version", "indicator_id", "indicator_name",
)
BOM = "\ufeff".encode()
NO_PROVINCE, NO_YEAR = "000000", 0  # the partition of a code missing from the regions table, of no year


class ExportError(RuntimeError):
    """The extract cannot be written where it was asked to go."""


def _is_export(path: Path) -> bool:
    return (path / MANIFEST).is_file()


def _check_target(out: Path) -> None:
    if not out.exists():
        return
    if not out.is_dir():
        raise ExportError(f"{out} is a file, not an extract folder")
    if any(out.iterdir()) and not _is_export(out):
        raise ExportError(f"{out} is not empty and holds no {MANIFEST}: it is not a tanlu extract, "
                          f"so it is not replaced; choose another --out")


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    at_fdcwd, rename_exchange = -100, 2
    return fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def _swap_in(tmp: Path, out: Path) -> None:
    """Put ``tmp`` at ``out``; the previous ``out`` (if any) is removed afterwards."""
    if not out.exists():
        tmp.rename(out)
        return
    if _exchange(tmp, out):  # tmp now holds the old extract
        shutil.rmtree(tmp, ignore_errors=True)
        return
    old = out.parent / f".{out.name}.old-{uuid.uuid4().hex[:8]}"
    out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def _sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def export_measures(con: duckdb.DuckDBPyConnection, out: str | os.PathLike, fmt: str = "parquet") -> dict:
    """Write ``measure_facts`` under ``out`` as Hive-partitioned Parquet or as one CSV with a BOM.

    Returns rows, files, format, seconds and the path.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    t0 = time.perf_counter()
    out = Path(out).resolve()
    _check_target(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.tmp-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        cols = ", ".join(COLUMNS)
        select = f"SELECT {cols} FROM measure_facts"
        types = con.execute(f"DESCRIBE {select}").fetchall()
        n = con.execute("SELECT count(*) FROM measure_facts").fetchall()[0][0]
        exported_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        if fmt == "parquet":
            target = tmp / "measures"
            meta = {"schema_version": SCHEMA_VERSION, "tanlu_table": "measure_facts", "exported_at": exported_at}
            kv = ", ".join(f"{k}: {_sql_str(v)}" for k, v in meta.items())
            # the nation's own measures get province=100000; codes missing from the regions table 000000 and
            # measures with no year year=0 (never a NULL partition: pandas/pyarrow cannot read one by default)
            con.execute(f"""COPY (SELECT {cols},
                                         coalesce(province_code, CASE WHEN region_code = '100000' THEN region_code END,
                                                  '{NO_PROVINCE}') AS province,
                                         coalesce(target_year, {NO_YEAR}) AS year
                                  FROM measure_facts ORDER BY province_code, target_year, source_name, measure_id)
                            TO {_sql_str(target.as_posix())}
                            (FORMAT parquet, PARTITION_BY (province, year), COMPRESSION zstd,
                             KV_METADATA {{{kv}}})""")
            files = sorted(p.relative_to(tmp).as_posix() for p in tmp.rglob("*.parquet"))
        else:
            body = tmp / ".measures.body.csv"
            con.execute(f"""COPY ({select} ORDER BY source_name, measure_id) TO {_sql_str(body.as_posix())}
                            (FORMAT csv, HEADER true)""")
            with open(tmp / "measures.csv", "wb") as dst, open(body, "rb") as src:
                dst.write(BOM)
                shutil.copyfileobj(src, dst, 1 << 20)
            body.unlink()
            files = ["measures.csv"]
        manifest = {
            "table": "measure_facts", "schema_version": SCHEMA_VERSION, "format": fmt, "rows": n,
            "exported_at": exported_at, "columns": [{"name": r[0], "type": r[1]} for r in types],
            "partitioning": list(PARTITION_COLUMNS) if fmt == "parquet" else [], "files": files,
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        _swap_in(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return {"rows": n, "files": len(files), "format": fmt, "path": str(out),
            "seconds": time.perf_counter() - t0}
