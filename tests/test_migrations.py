"""Migrations keep data: a warehouse made by the schema of main's commit c838944 (before the indicator
dimension and every later migration) is migrated, and every row it held is still there, unchanged."""
from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime, timezone

import pytest

from tests.conftest import REPO
from warehouse import store

OLD_REVISION = "c838944"
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
DOC = "a" * 64

ROWS = {
    "raw_documents": [(DOC, "通知.txt", "/inbox/通知.txt", "txt", "utf-8", 12, b"\xe9\x80\x9a\xe7\x9f\xa5", NOW)],
    "documents": [(DOC, "通知.txt", "镇江市碳达峰实施方案", date(2022, 5, 1), "05-01", "day", "镇江市人民政府",
                   "镇政发〔2022〕1号", "方案", "simplified", "321100", "镇江市", "city", 1,
                   "到2025年，光伏装机容量达到100万千瓦。", "0.1.0+x0.3.0")],
    "articles": [(DOC, 0, "镇江市碳达峰实施方案", None, "321100", date(2022, 5, 1), "05-01", 0,
                  "到2025年，光伏装机容量达到100万千瓦。")],
    "sentences": [(DOC, 0, 0, "到2025年，光伏装机容量达到100万千瓦。", ["到", "2025年"], 0)],
    "measures": [("m1", DOC, "通知.txt", 0, 0, "target", "光伏装机容量", "energy", 1000.0, None, "100万千瓦", "MW",
                  ">=", "increase", None, 2025, "321100", "city", "镇江市", "到2025年，光伏装机容量达到100万千瓦。",
                  13, 19, "0.3.0")],
    "regions": [("321100", "镇江市", "镇江", "city", "320000", "320000", "321100", "2023-01-01")],
    "rejects": [("blob.txt", "b" * 64, "ingest", "empty file", None, NOW, "r1")],
    "runs": [("r1", NOW, NOW, "completed", "inbox/", 2, 1, 0, 1, 1, 1, 1, 1, 1.5, "{}", "0.1.0+x0.3.0", "0.3.0",
              None)],
}


def _old_schema() -> str:
    if shutil.which("git") is None:
        pytest.skip("git is not installed: the old schema comes from the repository's history")
    got = subprocess.run(["git", "show", f"{OLD_REVISION}:warehouse/sql/001_tables.sql"], cwd=REPO,
                         capture_output=True, text=True)
    if got.returncode != 0:
        pytest.skip(f"revision {OLD_REVISION} is not in this clone's history ({got.stderr.strip()})")
    return got.stdout


def test_a_warehouse_of_the_old_schema_keeps_every_row(tmp_path):
    path = tmp_path / "old.duckdb"
    with store.open_warehouse(path) as con:
        con.execute(_old_schema())
        # what the old migrate recorded
        con.execute("CREATE TABLE schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMPTZ)")
        con.execute("INSERT INTO schema_migrations VALUES ('001_tables.sql', now())")
        for name, rows in ROWS.items():
            marks = ", ".join("?" * len(rows[0]))
            con.executemany(f"INSERT INTO {name} VALUES ({marks})", rows)
        old_columns = {name: [r[0] for r in con.execute(f"DESCRIBE {name}").fetchall()] for name in ROWS}
        before = {name: con.execute(f"SELECT * FROM {name}").fetchall() for name in ROWS}
    assert all(len(v) == 1 for v in before.values())

    with store.open_warehouse(path) as con:
        store.migrate(con)  # every migration after 001, and the views
        applied = [r[0] for r in con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]
        after = {name: con.execute("SELECT " + ", ".join(f'"{c}"' for c in cols) + f" FROM {name}").fetchall()
                 for name, cols in old_columns.items()}
        n_views = con.execute("SELECT count(*) FROM duckdb_views() WHERE NOT internal").fetchall()[0][0]
        facts = con.execute("SELECT measure_id, region_name FROM measure_facts").fetchall()
    assert applied == sorted(p.name for p in (REPO / "warehouse" / "sql").glob("*.sql"))
    assert after == before
    assert n_views >= 5 and facts == [("m1", "镇江市")]
