"""`tanlu sql`: read-only, three output formats, one-line errors with exit code 2."""
from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest

from flows.cli import main

from tests import controlled


@pytest.fixture(scope="module")
def wh(tmp_path_factory):
    return str(controlled.build(tmp_path_factory.mktemp("cli") / "tanlu.duckdb"))


def sql(capsys, wh, query, *extra):
    code = main(["--warehouse", wh, "sql", query, *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_csv_output(capsys, wh):
    code, out, err = sql(capsys, wh, "SELECT region_name, target_year, n_targets, indicators FROM targets_by_region_year "
                                     "WHERE region_code = '321100' ORDER BY target_year, sector", "--format", "csv")
    assert (code, err) == (0, "")
    assert out == ("region_name,target_year,n_targets,indicators\n"
                   "镇江市,2023,1,屋顶光伏安装率\n"  # the canonical names (indicators.name_zh)
                   "镇江市,2023,1,光伏装机\n"
                   "镇江市,2028,1,碳达峰\n"
                   "镇江市,2030,1,光伏装机\n")


def test_json_output_is_one_array_with_dates_as_text(capsys, wh):
    code, out, _ = sql(capsys, wh, "SELECT source_name, published_date, n_measures FROM document_coverage "
                                   "WHERE region_code IN ('321182', '340100') ORDER BY region_code", "--format", "json")
    assert code == 0
    assert json.loads(out) == [
        {"source_name": "扬中市2024年政府工作报告.txt", "published_date": "2024-01-10", "n_measures": 2},
        {"source_name": "合肥市政府工作报告.txt", "published_date": None, "n_measures": 3},
    ]


def test_json_numbers_stay_numbers(capsys, wh):
    code, out, _ = sql(capsys, wh, "SET TimeZone = 'UTC'; SELECT 1.50::DECIMAL(4, 2) AS d, sum(n_targets) AS n, "
                                   "'nan'::DOUBLE AS x FROM targets_by_region_year", "--format", "json")
    assert code == 0
    assert json.loads(out) == [{"d": 1.5, "n": 25, "x": None}]


def test_table_output(capsys, wh):
    code, out, _ = sql(capsys, wh, "SELECT region_name, peak_year, neutrality_year FROM carbon_milestones "
                                   "WHERE region_code = '100000'")
    assert code == 0
    lines = [ln for ln in out.splitlines() if "中华人民共和国" in ln]
    assert len(lines) == 1 and "2030" in lines[0] and "2060" in lines[0]
    assert "peak_year" in out and "neutrality_year" in out


def test_issue2_query_shows_youfang_under_its_city_and_the_national_milestones(capsys, wh):
    code, out, _ = sql(capsys, wh, "SELECT * FROM targets_by_region_year", "--format", "csv")
    assert code == 0
    got = {(r["region_name"], r["region_level"], r["target_year"], r["indicators"])
           for r in csv.DictReader(io.StringIO(out))}
    assert ("镇江市", "city", "2023", "屋顶光伏安装率") in got  # 油坊镇 (扬中) under its city (canonical name)
    assert ("中华人民共和国", "national", "2030", "碳达峰") in got
    assert ("中华人民共和国", "national", "2060", "碳中和") in got


def test_describe_show_and_several_statements_are_allowed(capsys, wh):
    code, out, _ = sql(capsys, wh, "SHOW TABLES", "--format", "csv", "--max-rows", "100")
    assert code == 0 and "indicator_timeline" in out.split()
    code, out, _ = sql(capsys, wh, "SELECT 1; SELECT count(*) AS n FROM measures", "--format", "csv")
    assert (code, out) == (0, "n\n20\n")


@pytest.mark.parametrize("query, kind", [
    ("INSERT INTO regions VALUES ('999999', 'x', 'x', 'county', NULL, NULL, NULL, 'x')", "INSERT"),
    ("DELETE FROM measures", "DELETE"),
    ("CREATE TABLE t AS SELECT 1", "CREATE"),
    ("DROP VIEW measure_facts", "DROP"),
    ("SELECT 1; UPDATE measures SET value = 0", "UPDATE"),
    ("ATTACH 'other.duckdb'", "ATTACH"),
])
def test_writes_are_refused_with_a_clear_message(capsys, wh, query, kind):
    code, out, err = sql(capsys, wh, query)
    assert code == 2 and out == ""
    assert err.startswith(f"tanlu sql: {kind} statements are refused: `tanlu sql` is read-only")
    assert err.count("\n") == 1
    with duckdb.connect(wh, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM measures").fetchall() == [(20,)]
        assert con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 'measure_facts'").fetchall() == [(1,)]


def test_copy_to_a_file_is_refused(capsys, wh, tmp_path):
    target = tmp_path / "out.csv"
    code, _, err = sql(capsys, wh, f"COPY (SELECT * FROM measures) TO '{target}'")
    assert code == 2 and "COPY statements are refused" in err and "tanlu export" in err
    assert not target.exists()


def test_a_syntax_error_is_one_line_with_exit_code_2(capsys, wh):
    code, out, err = sql(capsys, wh, "SELEC * FROM measures")
    assert (code, out) == (2, "")
    assert err == 'tanlu sql: Parser Error: syntax error at or near "SELEC"\n'


def test_an_unknown_table_says_what_it_might_be(capsys, wh):
    code, _, err = sql(capsys, wh, "SELECT * FROM measure_fact")
    assert code == 2 and err.count("\n") == 1
    assert "Table with name measure_fact does not exist" in err and 'Did you mean "measure_facts"' in err


def test_a_missing_warehouse_is_explained(capsys, tmp_path):
    code = main(["--warehouse", str(tmp_path / "nope.duckdb"), "sql", "SELECT 1"])
    _, err = capsys.readouterr()
    assert code == 2 and "no warehouse at" in err and "tanlu run" in err
    assert not (tmp_path / "nope.duckdb").exists()


def test_warehouse_option_after_the_command_and_from_the_environment(capsys, wh, monkeypatch):
    assert main(["sql", "SELECT count(*) AS n FROM documents", "--format", "csv", "--warehouse", wh]) == 0
    assert capsys.readouterr().out == "n\n7\n"
    monkeypatch.setenv("TANLU_WAREHOUSE", wh)
    assert main(["sql", "SELECT count(*) AS n FROM measures", "--format", "csv"]) == 0
    assert capsys.readouterr().out == "n\n20\n"


def test_while_a_run_holds_the_warehouse_the_query_says_so(capsys, tmp_path):
    import subprocess
    import sys

    path = controlled.build(tmp_path / "busy.duckdb")
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); time.sleep(60)", str(path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        code = main(["--warehouse", str(path), "sql", "SELECT 1", "--wait", "0"])
        _, err = capsys.readouterr()
        assert code == 2 and "is being written by another process" in err
    finally:
        holder.kill()
        holder.wait()
