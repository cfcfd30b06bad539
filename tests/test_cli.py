"""The command line: `tanlu sql` (read-only, sandboxed, three output formats), one-line errors with documented
exit codes for every command, and --help that says what each option does and its default."""
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
    code, out, _ = sql(capsys, wh, "SELECT 1.50::DECIMAL(4, 2) AS d, sum(n_targets) AS n, "
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
        assert code == 4 and "is being written by another process" in err
    finally:
        holder.kill()
        holder.wait()


# ------------------------------------------------------------------ the sandbox of `tanlu sql`

FILES_REFUSED = ("tanlu sql: refused: `tanlu sql` reads the warehouse's tables and views only, no files, folders "
                 "or extensions; use `tanlu export` for files. DuckDB said: Permission Error: Cannot access file "
                 "\"{}\" - file system operations are disabled by configuration\n")


@pytest.mark.parametrize("query, path", [
    ("SELECT * FROM read_csv('/etc/passwd')", "/etc/passwd"),
    ("SELECT * FROM glob('/etc/*')", "/etc/*"),
    ("SELECT count(*) FROM read_parquet('extracts/**/*.parquet')", "extracts/**/*.parquet"),
    ("SELECT * FROM sniff_csv('/etc/passwd')", "/etc/passwd"),
])
def test_files_on_the_machine_are_not_read(capsys, wh, query, path):
    code, out, err = sql(capsys, wh, query)
    assert (code, out, err) == (2, "", FILES_REFUSED.format(path))


def test_a_file_name_in_from_is_no_table(capsys, wh):
    code, out, err = sql(capsys, wh, "SELECT * FROM '/etc/hostname'")
    assert (code, out) == (2, "")
    assert err.startswith("tanlu sql: Catalog Error: Table with name /etc/hostname does not exist!")


@pytest.mark.parametrize("query, kind", [("SET threads = 1", "SET"), ("RESET TimeZone", "SET"),
                                         ("PRAGMA threads = 1", "SET"), ("PRAGMA table_info('measures')", "PRAGMA"),
                                         ("SELECT 1; SET enable_external_access = true", "SET")])
def test_set_and_pragma_are_refused(capsys, wh, query, kind):
    code, out, err = sql(capsys, wh, query)
    assert (code, out) == (2, "")
    assert err == (f"tanlu sql: {kind} statements are refused: the settings of a `tanlu sql` session are locked; "
                   "use SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE or EXPLAIN (DESCRIBE and SHOW instead of "
                   "PRAGMA table_info/show_tables)\n")


@pytest.mark.parametrize("query, kind", [("INSTALL fts", "LOAD"), ("LOAD fts", "LOAD"),
                                         ("CALL pragma_version()", "CALL")])
def test_extensions_and_calls_are_refused(capsys, wh, query, kind):
    code, _, err = sql(capsys, wh, query)
    assert code == 2 and err.startswith(f"tanlu sql: {kind} statements are refused")


def test_current_settings_show_the_sandbox(capsys, wh):
    code, out, _ = sql(capsys, wh, "SELECT current_setting('enable_external_access') AS ext, "
                                   "current_setting('lock_configuration') AS locked", "--format", "csv")
    assert (code, out) == (0, "ext,locked\nFalse,True\n")


# ------------------------------------------------------------------ --help

def _help(capsys, *argv) -> str:
    with pytest.raises(SystemExit) as exit_:
        main([*argv, "--help"])
    assert exit_.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", ["run", "sql", "export", "report", "serve"])
def test_every_option_says_what_it_does_and_its_default(capsys, command):
    from flows.cli import build_parser

    text = " ".join(_help(capsys, command).split())
    sub = next(a for a in build_parser()._actions if a.dest == "command").choices[command]
    for action in sub._actions:
        if action.dest == "help":
            continue
        assert action.help, f"{command} {action.option_strings or action.dest} has no help"
        assert "default" in action.help or "required" in action.help or not action.option_strings, \
            f"{command} {action.option_strings} does not say its default"
        assert " ".join(action.help.split()) in text or action.help == "==SUPPRESS=="


def test_sql_help_says_what_is_allowed(capsys):
    text = " ".join(_help(capsys, "sql").split())
    assert "Allowed: SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE or EXPLAIN over the warehouse's tables" in text
    assert "SET, RESET and PRAGMA (the session's settings are locked)" in text
    assert "(read_csv, read_parquet, glob, 'file.csv', INSTALL, LOAD)" in text


def test_top_level_help_lists_the_exit_codes(capsys):
    text = " ".join(_help(capsys).split())
    assert "exit codes: 0 done" in text and "5 a run that could not complete" in text


# ------------------------------------------------------------------ errors a person can act on

def test_run_on_a_missing_path_fails_and_names_it(capsys, tmp_path):
    wh = tmp_path / "w.duckdb"
    code = main(["--warehouse", str(wh), "run", str(tmp_path / "nowhere")])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err == f"tanlu run: no such file or folder: {tmp_path / 'nowhere'}; give files or folders that exist\n"
    assert not wh.exists()


def test_run_on_a_typo_suggests_the_folder(capsys, tmp_path):
    (tmp_path / "inbox").mkdir()
    code = main(["--warehouse", str(tmp_path / "w.duckdb"), "run", str(tmp_path / "inbx")])
    err = capsys.readouterr().err
    assert code == 2
    assert err == (f"tanlu run: no such file or folder: {tmp_path / 'inbx'} (did you mean {tmp_path / 'inbox'}/?); "
                   f"give files or folders that exist\n")


def test_run_into_a_read_only_warehouse_folder(capsys, tmp_path):
    from tests.helpers_cli import read_only

    folder = tmp_path / "data"
    folder.mkdir()
    with read_only(folder):
        code = main(["--warehouse", str(folder / "w.duckdb"), "run", "seeds/"])
    out, err = capsys.readouterr()
    assert (code, out) == (3, "")
    assert err.startswith(f"tanlu run: cannot write the warehouse {folder / 'w.duckdb'}: folder {folder} is not "
                          f"writable (")
    assert err.endswith("); make it writable or choose another --warehouse (or $TANLU_WAREHOUSE)\n")
    assert list(folder.iterdir()) == []


def test_run_into_a_warehouse_that_is_a_folder(capsys, tmp_path):
    code = main(["--warehouse", str(tmp_path), "run", "seeds/"])
    assert code == 3
    assert capsys.readouterr().err == (f"tanlu run: the warehouse {tmp_path} is a folder; name a DuckDB file, "
                                       f"e.g. {tmp_path / 'tanlu.duckdb'}\n")


def test_report_out_a_folder_is_refused_and_leaves_nothing(capsys, wh, tmp_path):
    code = main(["--warehouse", wh, "report", "--out", str(tmp_path)])
    out, err = capsys.readouterr()
    assert (code, out) == (3, "")
    assert err == (f"tanlu report: --out {tmp_path} is a folder; name the HTML file to write, e.g. "
                   f"{tmp_path / 'tanlu.html'}\n")
    assert list(tmp_path.iterdir()) == []


def test_report_into_a_read_only_folder(capsys, wh, tmp_path):
    from tests.helpers_cli import read_only

    folder = tmp_path / "reports"
    folder.mkdir()
    with read_only(folder):
        code = main(["--warehouse", wh, "report", "--out", str(folder / "r.html")])
    err = capsys.readouterr().err
    assert code == 3 and err.startswith(f"tanlu report: cannot write the report {folder / 'r.html'}: folder "
                                        f"{folder} is not writable (")
    assert list(folder.iterdir()) == []


def test_a_report_that_fails_to_be_written_leaves_no_temporary_file(wh, tmp_path):
    from warehouse import report, store

    target = tmp_path / "r.html"
    target.mkdir()  # os.replace cannot put a file over a folder
    with store.open_warehouse(wh, read_only=True) as con, pytest.raises(IsADirectoryError):
        report.write_report(con, target)
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


def test_export_into_a_read_only_folder(capsys, wh, tmp_path):
    from tests.helpers_cli import read_only

    folder = tmp_path / "shared"
    folder.mkdir()
    with read_only(folder):
        code = main(["--warehouse", wh, "export", "--out", str(folder / "extracts")])
    out, err = capsys.readouterr()
    assert (code, out) == (3, "")
    assert err.startswith(f"tanlu export: cannot write the extract {folder / 'extracts'}: folder {folder} is not "
                          f"writable (")
    assert list(folder.iterdir()) == []


def test_an_unexpected_error_is_one_line_with_the_log(capsys, wh, monkeypatch, tmp_path):
    import flows.cli

    def boom(args):
        raise KeyError("no such thing")

    monkeypatch.setenv("TANLU_STATE", str(tmp_path / "state"))
    monkeypatch.setattr(flows.cli, "cmd_sql", boom)
    code = main(["--warehouse", wh, "sql", "SELECT 1"])
    err = capsys.readouterr().err
    log = tmp_path / "state" / "tanlu-errors.log"
    assert code == 1
    assert err == (f"tanlu sql: unexpected error: KeyError: 'no such thing' (traceback in {log}; --debug shows "
                   f"it)\n")
    assert "Traceback (most recent call last)" in log.read_text() and "boom" in log.read_text()
    with pytest.raises(KeyError):
        main(["--warehouse", wh, "sql", "SELECT 1", "--debug"])
