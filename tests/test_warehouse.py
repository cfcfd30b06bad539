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


def _docs(b: dict[str, pa.Table], doc_ids: list[str]) -> dict[str, pa.Table]:
    keep = pa.array(doc_ids, pa.string())
    return {k: t.filter(pa.compute.is_in(t.column("doc_id"), value_set=keep)) for k, t in b.items()}


def test_batches_that_share_a_document_leave_each_key_once(tmp_path, seeds_tables):
    b = _batch(seeds_tables)
    per_doc = b["measures"].group_by("doc_id").aggregate([([], "count_all")]).sort_by(
        [("count_all", "descending"), ("doc_id", "ascending")])
    shared = per_doc.column("doc_id")[0].as_py()  # the document with the most measures
    others = sorted(set(b["documents"].column("doc_id").to_pylist()) - {shared})
    assert len(others) == 4
    fewer = b["measures"].filter(pa.compute.equal(b["measures"].column("doc_id"), shared)).slice(0, 1)
    second = _docs(b, [shared, *others[2:]])
    # the shared document re-extracted in the second batch: one measure of its own instead of all of them
    second["measures"] = pa.concat_tables([
        fewer, second["measures"].filter(pa.compute.not_equal(second["measures"].column("doc_id"), shared))])
    with store.open_warehouse(tmp_path / "w.duckdb") as con:
        store.migrate(con)
        store.load_batch(con, _docs(b, [*others[:2], shared]))
        store.load_batch(con, second)
        got = store.counts(con)
        distinct = {name: con.execute(f"SELECT count(*) FROM (SELECT DISTINCT {', '.join(key)} FROM {name})"
                                      ).fetchall()[0][0] for name, key in store.KEYS.items()}
        shared_measures = con.execute("SELECT count(*) FROM measures WHERE doc_id = ?", [shared]).fetchall()[0][0]
    n_shared = b["measures"].filter(pa.compute.equal(b["measures"].column("doc_id"), shared)).num_rows
    assert n_shared > 1 and shared_measures == 1
    assert {k: got[k] for k in store.KEYS} == distinct == {
        "raw_documents": 5, "documents": 5, "articles": 8, "sentences": 248, "measures": 30 - n_shared + 1}


def test_a_batch_that_repeats_a_sentence_key_loads_nothing(tmp_path, seeds_tables):
    b = _batch(seeds_tables)
    s = b["sentences"]
    broken = dict(b, sentences=pa.concat_tables([s, s.slice(7, 1)]))
    key = s.slice(7, 1).to_pylist()[0]
    with store.open_warehouse(tmp_path / "w.duckdb") as con:
        store.migrate(con)
        with pytest.raises(duckdb.ConstraintException) as err:
            store.load_batch(con, broken)
        assert store.counts(con)["documents"] == 0 and store.counts(con)["sentences"] == 0
    assert (f"doc_id='{key['doc_id']}', article_idx={key['article_idx']}, sentence_idx={key['sentence_idx']}"
            in str(err.value))


def test_a_warehouse_with_primary_keys_keeps_its_rows_and_loads_without_them(tmp_path, seeds_tables):
    """A warehouse made before 006 (a PRIMARY KEY, and its DuckDB index, on each document table) keeps every
    row and column; afterwards the document tables have no index to update, and a re-load changes nothing."""
    path = tmp_path / "w.duckdb"
    before_006 = [(n, sql) for n, sql in store._sql_files("sql") if n < "006"]
    with store.open_warehouse(path) as con:
        con.execute("CREATE TABLE schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMPTZ)")
        for name, sql in before_006:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, now())", [name])
        store.load_batch(con, _batch(seeds_tables))
        old = {n: con.execute(f"SELECT * FROM {n} ORDER BY ALL").fetchall() for n in store.DOC_TABLES}
        keys_before = con.execute("SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = "
                                  "'PRIMARY KEY' AND table_name IN ?", [list(store.DOC_TABLES)]).fetchall()[0][0]
    with store.open_warehouse(path) as con:
        store.migrate(con, regions.regions_table())
        new = {n: con.execute(f"SELECT * FROM {n} ORDER BY ALL").fetchall() for n in store.DOC_TABLES}
        keys_after = con.execute("SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = "
                                 "'PRIMARY KEY' AND table_name IN ?", [list(store.DOC_TABLES)]).fetchall()[0][0]
        store.load_batch(con, _batch(seeds_tables))
        again = {n: con.execute(f"SELECT * FROM {n} ORDER BY ALL").fetchall() for n in store.DOC_TABLES}
        n_facts = con.execute("SELECT count(*) FROM measure_facts").fetchall()[0][0]
    assert (keys_before, keys_after) == (5, 0)
    assert new == old == again
    assert n_facts == seeds_tables.measures.num_rows == 30


def test_no_connection_of_a_run_vacuums_at_its_checkpoints(tmp_path):
    # a checkpoint's vacuum rewrites earlier row groups, so that loads slow as the warehouse grows, and the
    # first connection that vacuums does it for every load before it (store.py, _FILE_CONFIG)
    path = tmp_path / "w.duckdb"
    for kwargs in ({}, {"writer": True}):
        with store.open_warehouse(path, **kwargs) as con:
            assert con.execute("SELECT current_setting('max_vacuum_tasks')").fetchone() == (0,)
