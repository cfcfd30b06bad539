"""Loading into DuckDB: replace-by-document, idempotent, and the views on the seeds."""
from __future__ import annotations

import duckdb
import pyarrow as pa
import pytest

from schemas import tables
from transforms import pipeline, regions
from warehouse import store

from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def seeds_tables():
    return pipeline.process(pipeline.read_sources(pipeline.list_inputs([SEEDS])))


def _batch(t: pipeline.Tables) -> dict[str, pa.Table]:
    return {k: getattr(t, k) for k in ("raw_documents", "documents", "articles", "sentences", "measures", "rejects")}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, seeds_tables):
    path = tmp_path_factory.mktemp("w") / "tanlu.duckdb"
    with store.open_warehouse(path) as con:
        store.migrate(con, regions.regions_table())
        store.load_batch(con, _batch(seeds_tables))
    return path


def test_loading_the_same_batch_twice_keeps_the_counts(tmp_path, seeds_tables):
    with store.open_warehouse(tmp_path / "w.duckdb") as con:
        store.migrate(con, regions.regions_table())
        store.load_batch(con, _batch(seeds_tables))
        once = store.counts(con)
        store.load_batch(con, _batch(seeds_tables))
        store.migrate(con, regions.regions_table())
        assert store.counts(con) == once


def test_a_reextraction_replaces_a_documents_measures(tmp_path, seeds_tables):
    b = _batch(seeds_tables)
    doc = b["measures"].column("doc_id")[0].as_py()
    with store.open_warehouse(tmp_path / "w.duckdb") as con:
        store.migrate(con)
        store.load_batch(con, b)
        fewer = b["measures"].filter(pa.compute.equal(b["measures"].column("doc_id"), doc)).slice(0, 1)
        store.load_batch(con, {"documents": b["documents"].filter(pa.compute.equal(b["documents"].column("doc_id"), doc)),
                               "measures": fewer})
        n = con.execute("SELECT count(*) FROM measures WHERE doc_id = ?", [doc]).fetchall()[0][0]
        others = con.execute("SELECT count(*) FROM measures WHERE doc_id <> ?", [doc]).fetchall()[0][0]
    assert n == 1
    assert others == b["measures"].num_rows - b["measures"].filter(
        pa.compute.equal(b["measures"].column("doc_id"), doc)).num_rows


def test_a_failed_load_leaves_the_warehouse_as_it_was(tmp_path, seeds_tables):
    b = _batch(seeds_tables)
    with store.open_warehouse(tmp_path / "w.duckdb") as con:
        store.migrate(con)
        store.load_batch(con, b)
        before = store.counts(con)
        broken = dict(b, measures=b["measures"].set_column(0, "measure_id",
                                                             pa.array(["same"] * b["measures"].num_rows)))
        with pytest.raises(duckdb.ConstraintException):
            store.load_batch(con, broken)
        assert store.counts(con) == before


def test_readers_get_a_clear_error_while_a_run_writes(tmp_path):
    path = tmp_path / "w.duckdb"
    import subprocess
    import sys
    import textwrap

    with store.open_warehouse(path) as con:
        store.migrate(con)
    code = textwrap.dedent(f"""
        from warehouse import store
        try:
            store.connect({str(path)!r}, read_only=True, wait_seconds=0.5)
        except store.WarehouseBusy as e:
            print("BUSY", e)
    """)
    with store.open_warehouse(path):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(SEEDS.parent))
    assert out.stdout.startswith("BUSY") and "being written" in out.stdout


def test_rooftop_solar_targets_show_under_their_city(warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    rows = con.execute("SELECT region_code, region_level, n_targets, indicators FROM targets_by_region_year "
                       "WHERE indicators LIKE '%光伏%安装率%'").fetchall()
    con.close()
    cities = {r[0] for r in rows if r[1] == "city"}
    assert cities & {"321100", "321000"}, rows  # 扬中 (镇江) by the code table, 扬州 by the text


def test_national_carbon_milestones(warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    rows = con.execute("SELECT peak_year, neutrality_year, peak_source FROM carbon_milestones "
                       "WHERE region_code = '100000'").fetchall()
    con.close()
    assert rows == [(2030, 2060, "004_d5cbc6d95d43ea27.txt")]


def test_measure_facts_has_one_row_per_measure(warehouse, seeds_tables):
    con = duckdb.connect(str(warehouse), read_only=True)
    n, distinct = con.execute("SELECT count(*), count(DISTINCT measure_id) FROM measure_facts").fetchall()[0]
    names = con.execute("SELECT count(*) FROM measure_facts WHERE doc_title IS NULL").fetchall()[0][0]
    con.close()
    assert n == distinct == seeds_tables.measures.num_rows
    assert names == 0


def test_every_table_has_its_schema_columns(warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    for name, spec in tables.ALL.items():
        assert [r[0] for r in con.execute(f"DESCRIBE {name}").fetchall()] == spec.columns
    con.close()
