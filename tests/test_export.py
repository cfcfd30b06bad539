"""`tanlu export`: Hive-partitioned Parquet with a schema version, CSV with a BOM, atomic replacement."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import duckdb
import pytest

from flows.cli import main
from schemas.tables import SCHEMA_VERSION
from transforms import pipeline, regions
from warehouse import extracts, store

from tests import controlled
from tests.conftest import SEEDS, SHARED

SCORED = ["source_name", "value", "unit", "kind", "comparator", "target_year", "region_code", "evidence"]


@pytest.fixture
def wh(tmp_path):
    return str(controlled.build(tmp_path / "tanlu.duckdb"))


def export(wh, out, *extra) -> int:
    return main(["--warehouse", wh, "export", "--out", str(out), *extra])


def read_back(out) -> duckdb.DuckDBPyRelation:
    return duckdb.sql(f"SELECT * FROM read_parquet('{out}/**/*.parquet', hive_partitioning=true, union_by_name=true)")


def test_parquet_is_partitioned_by_province_and_target_year(wh, tmp_path, capsys):
    out = tmp_path / "extract"
    assert export(wh, out) == 0
    assert capsys.readouterr().out.startswith(f"exported 20 measures in 13 Parquet files under {out}")
    parts = sorted(p.parent.relative_to(out / "measures").as_posix() for p in out.rglob("*.parquet"))
    assert parts == [
        "province=000000/year=2025",  # the code missing from the regions table
        "province=100000/year=2025", "province=100000/year=2030", "province=100000/year=2060",
        "province=320000/year=0",  # no year
        "province=320000/year=2023", "province=320000/year=2025", "province=320000/year=2028",
        "province=320000/year=2030",
        "province=330000/year=2025", "province=330000/year=2030",
        "province=340000/year=2025", "province=340000/year=2030",
    ]
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/**/*.parquet')").fetchall() == [(20,)]


def test_columns_and_types_survive_the_round_trip(wh, tmp_path):
    out = tmp_path / "extract"
    export(wh, out)
    rel = read_back(out)
    assert rel.columns == list(extracts.COLUMNS) + ["province", "year"]
    with duckdb.connect(wh, read_only=True) as con:
        want = {r[0]: r[1] for r in con.execute("DESCRIBE measure_facts").fetchall()}
        facts = set(con.execute(f"SELECT {', '.join(SCORED)} FROM measure_facts").fetchall())
    got = dict(zip(rel.columns, (str(t) for t in rel.types)))
    for c in extracts.COLUMNS:
        assert got[c] == want[c], c
    assert got["target_year"] == "INTEGER" and got["province_code"] == "VARCHAR"
    # what the scoring script reads: the same values as the warehouse, partition columns not in the way
    assert set(rel.select(", ".join(SCORED)).fetchall()) == facts
    assert rel.filter("measure_id = 'm013'").select("province, year, province_code, target_year").fetchall() == \
        [("320000", 2023, "320000", 2023)]


def test_every_parquet_file_carries_the_schema_version(wh, tmp_path):
    out = tmp_path / "extract"
    export(wh, out)
    kv = duckdb.sql(f"SELECT file_name, decode(value) FROM parquet_kv_metadata('{out}/**/*.parquet') "
                    f"WHERE decode(key) = 'schema_version'").fetchall()
    assert len(kv) == 13 and {v for _, v in kv} == {SCHEMA_VERSION}
    manifest = json.loads((out / extracts.MANIFEST).read_text(encoding="utf-8"))
    assert (manifest["schema_version"], manifest["rows"], manifest["format"]) == (SCHEMA_VERSION, 20, "parquet")
    assert [c["name"] for c in manifest["columns"]] == list(extracts.COLUMNS)


def test_csv_has_a_bom_for_excel_and_the_same_rows(wh, tmp_path, capsys):
    out = tmp_path / "csv"
    assert export(wh, out, "--format", "csv") == 0
    assert "measures.csv (UTF-8 with BOM)" in capsys.readouterr().out
    raw = (out / "measures.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfmeasure_id,kind,indicator,")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 20 and list(rows[0]) == list(extracts.COLUMNS)
    m013 = next(r for r in rows if r["measure_id"] == "m013")
    assert (m013["indicator"], m013["value"], m013["place_name"], m013["city_name"], m013["published_date"]) == \
        ("居民光伏屋顶安装率", "50.0", "油坊镇", "镇江市", "2022-05-10")
    assert json.loads((out / extracts.MANIFEST).read_text(encoding="utf-8"))["schema_version"] == SCHEMA_VERSION


def test_reexport_replaces_the_folder_and_leaves_nothing_behind(wh, tmp_path):
    out = tmp_path / "extract"
    export(wh, out)
    with store.open_warehouse(wh) as con:  # 合肥 drops out, so province=340000 must disappear
        con.execute("DELETE FROM measures WHERE region_code = '340100'")
    assert export(wh, out) == 0
    assert not (out / "measures" / "province=340000").exists()
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/**/*.parquet')").fetchall() == [(18,)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["extract", "tanlu.duckdb"]
    assert export(wh, out, "--format", "csv") == 0  # an extract may change format
    assert sorted(p.name for p in out.iterdir()) == [extracts.MANIFEST, "measures.csv"]


def test_a_folder_that_is_not_an_extract_is_never_replaced(wh, tmp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"precious")
    assert export(wh, out) == 2
    assert "is not a tanlu extract" in capsys.readouterr().err
    assert (out / "thesis.docx").read_bytes() == b"precious"


def test_a_failed_export_keeps_the_previous_one(wh, tmp_path):
    out = tmp_path / "extract"
    export(wh, out)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    with pytest.raises(duckdb.CatalogException):
        extracts.export_measures(duckdb.connect(), out)  # no measure_facts there
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["extract", "tanlu.duckdb"]


def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "new").touch()
    (b / "old").touch()
    if not extracts._exchange(a, b):
        pytest.skip("renameat2(RENAME_EXCHANGE) is not available here; export falls back to two renames")
    assert [p.name for p in b.iterdir()] == ["new"] and [p.name for p in a.iterdir()] == ["old"]


def test_the_scoring_script_reads_the_seeds_export(tmp_path):
    tool, gold = SHARED / "tools" / "score_measures.py", SHARED / "gold" / "seeds_measures.jsonl"
    if not tool.is_file() or not gold.is_file():
        pytest.skip("../shared/tools or ../shared/gold is absent")
    t = pipeline.process(pipeline.read_sources(pipeline.list_inputs([SEEDS])))
    path = tmp_path / "seeds.duckdb"
    with store.open_warehouse(path) as con:
        store.migrate(con, regions.regions_table())
        store.load_batch(con, {k: getattr(t, k) for k in store.DOC_TABLES})
    assert export(str(path), tmp_path / "extract") == 0
    res = subprocess.run([sys.executable, str(tool), "--gold", str(gold), "--pred", str(tmp_path / "extract")],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    last = res.stdout.strip().splitlines()[-1]
    assert last.startswith("F1 "), res.stdout
    # it read every exported measure: as many predictions as the warehouse has
    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{tmp_path}/extract/**/*.parquet', hive_partitioning=true, "
                   f"union_by_name=true)").fetchall()[0][0]
    assert n == t.measures.num_rows > 0


def test_an_empty_warehouse_exports_an_empty_extract(tmp_path, capsys):
    path = tmp_path / "empty.duckdb"
    with store.open_warehouse(path) as con:
        store.migrate(con, regions.regions_table())
    assert export(str(path), tmp_path / "extract", "--format", "csv") == 0
    text = (tmp_path / "extract" / "measures.csv").read_bytes().decode("utf-8-sig")
    assert text.splitlines() == [",".join(extracts.COLUMNS)]


def test_pandas_polars_pyarrow_and_duckdb_read_the_extract_with_default_settings(wh, tmp_path):
    """Issue 10: pandas.read_parquet('extracts/measures') failed ("Cannot yet unify dictionaries with nulls")."""
    import pandas
    import polars
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    out = tmp_path / "extract"
    export(wh, out)
    folder = str(out / "measures")
    df = pandas.read_parquet(folder)
    assert len(df) == 20
    row = df[df["measure_id"] == "m013"].iloc[0]
    assert (row["region_code"], row["province_code"], row["indicator_id"]) == ("321182", "320000", "rooftop_solar_rate")
    # no year, and no province (the nation's five, the unknown code's one): NULL inside the files
    assert df["target_year"].isna().sum() == 1 and df["province_code"].isna().sum() == 6
    pl = polars.read_parquet(folder)
    assert pl.height == 20 and pl.schema["region_code"] == polars.String and pl.schema["target_year"] == polars.Int32
    assert pq.read_table(folder).num_rows == ds.dataset(folder).to_table().num_rows == 20
    assert duckdb.sql(f"SELECT count(*), count(target_year) FROM '{folder}/**/*.parquet'").fetchall() == [(20, 19)]
