"""Every ```sql block of the README answers its question on the hand-made warehouse, through `tanlu sql` too."""
from __future__ import annotations

import json
import re
from datetime import date

import duckdb
import pytest

from flows import cli

from tests import controlled
from tests.conftest import REPO

NAT, JS, ZJ = "国务院碳达峰碳中和意见.txt", "江苏省碳达峰实施方案.txt", "浙江省碳达峰实施方案.txt"
ZHENJIANG, YZ, HF = "镇江市绿色低碳发展规划.txt", "扬中市2024年政府工作报告.txt", "合肥市政府工作报告.txt"

# every target in the hand-made warehouse that has no achievement beside it: (region, indicator, deadline, raw, file)
OPEN_TARGETS = [
    ("扬中市", "居民光伏屋顶安装率", 2023, "50%", ZHENJIANG),
    ("中华人民共和国", "非化石能源消费比重", 2025, "20%", NAT),
    ("合肥市", "非化石能源消费比重", 2025, "15%", HF),
    ("江苏省", "单位地区生产总值能耗", 2025, "14%", JS),
    ("江苏省", "非化石能源消费比重", 2025, "18%", JS),
    ("浙江省", "非化石能源消费比重", 2025, "24%", ZJ),
    (controlled.UNKNOWN_CODE, "绿色工厂数量", 2025, "10家", HF),
    ("镇江市", "碳达峰", 2028, None, ZHENJIANG),
    ("中华人民共和国", "二氧化碳排放达峰", 2030, None, NAT),
    ("中华人民共和国", "非化石能源消费比重", 2030, "25%", NAT),
    ("合肥市", "新能源汽车产量", 2030, "100万辆", HF),
    ("江苏省", "二氧化碳排放达峰", 2030, None, JS),
    ("浙江省", "光伏装机容量", 2030, "4000万千瓦", ZJ),
    ("镇江市", "光伏装机容量", 2030, "300万千瓦", ZHENJIANG),
    ("中华人民共和国", "碳中和", 2060, None, NAT),
    ("中华人民共和国", "非化石能源消费比重", 2060, "80%", NAT),
]

# (words of the block's first comment line, the rows it must return), in README order
EXPECTED = [
    ("non-fossil share target for 2025", [("浙江省", 24.0, "=", ZJ), ("江苏省", 18.0, "=", JS)]),
    ("2030 target of the Yangtze delta cities", [
        ("江苏省", "镇江市", "镇江市", "光伏装机容量", "300万千瓦", "MW", ZHENJIANG),
        ("安徽省", "合肥市", "合肥市", "新能源汽车产量", "100万辆", "count", HF)]),
    ("deadline has passed with no achievement", [r for r in sorted(OPEN_TARGETS, key=lambda r: (r[2], r[0], r[1]))
                                                 if r[2] < date.today().year]),
    ("peak carbon before the national year", [
        ("镇江市", "city", 2028, ZHENJIANG, "力争2028年前率先实现碳达峰。")]),
    ("targets per province and year", [
        ("320000", "江苏省", 2023, 2, 0), ("320000", "江苏省", 2025, 2, 2), ("320000", "江苏省", 2028, 1, 0),
        ("320000", "江苏省", 2030, 2, 1), ("330000", "浙江省", 2025, 1, 1), ("330000", "浙江省", 2030, 1, 1),
        ("340000", "安徽省", 2025, 1, 0), ("340000", "安徽省", 2030, 1, 0)]),
    ("targets beside the latest reported value", [("扬中市", "光伏装机", 2023, 20.0, 2023, 22.0, "MW", YZ)]),
    ("every target of Jiangsu and its cities, each once", [
        ("江苏省", "单位地区生产总值能耗", 2025, "14%", 1, [JS]), ("江苏省", "非化石能源消费比重", 2025, "18%", 1, [JS]),
        ("江苏省", "碳达峰", 2030, None, 1, [JS]), ("镇江市", "碳达峰", 2028, None, 1, [ZHENJIANG]),
        ("镇江市", "光伏装机", 2030, "300万千瓦", 1, [ZHENJIANG]), ("扬中市", "光伏装机", 2023, "20兆瓦", 1, [ZHENJIANG]),
        ("扬中市", "屋顶光伏安装率", 2023, "50%", 1, [ZHENJIANG])]),
    ("documents that gave no measure", [
        ("淮安市", 2022, "淮安市成立碳达峰工作领导小组的通知.txt", "关于成立碳达峰工作领导小组的通知")]),
]


def readme_blocks() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^```sql\n(.*?)^```", text, re.S | re.M)


BLOCKS = readme_blocks()


def test_the_readme_answers_at_least_five_questions_each_with_an_expectation():
    assert len(BLOCKS) >= 5
    assert len(BLOCKS) == len(EXPECTED), "a README sql block was added or removed: add its expected rows here"
    for block, (words, _) in zip(BLOCKS, EXPECTED):
        assert block.startswith("-- ") and words in block.splitlines()[0], (words, block.splitlines()[0])


def test_every_view_has_an_example_in_the_readme():
    text = "\n".join(BLOCKS)
    for view in ("targets_by_region_year", "carbon_milestones", "measure_facts", "indicator_timeline",
                 "document_coverage", "indicator_comparison", "commitments"):
        assert re.search(rf"\bFROM {view}\b", text), view


@pytest.fixture(scope="module")
def wh(tmp_path_factory):
    return str(controlled.build(tmp_path_factory.mktemp("readme") / "tanlu.duckdb"))


@pytest.mark.parametrize("i", range(len(EXPECTED)), ids=[w for w, _ in EXPECTED])
def test_readme_query_returns_the_expected_rows(wh, i):
    with duckdb.connect(wh, read_only=True) as con:
        got = con.execute(BLOCKS[i]).fetchall()
    assert got == EXPECTED[i][1]


@pytest.mark.parametrize("i", range(len(EXPECTED)), ids=[w for w, _ in EXPECTED])
def test_readme_query_runs_through_tanlu_sql(wh, i, capsys):
    assert cli.main(["--warehouse", wh, "sql", BLOCKS[i], "--format", "json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert [tuple(r.values()) for r in got] == [tuple(r) for r in EXPECTED[i][1]]


# --- the DuckDB CLI 1.5 (PyPI duckdb-cli, like DBeaver's 1.x driver) ------------------------------------------

def _duckdb_cli():
    import shutil
    import sys
    from pathlib import Path

    cli_path = Path(sys.executable).with_name("duckdb")
    found = str(cli_path) if cli_path.is_file() else shutil.which("duckdb")
    if not found:
        pytest.skip("the duckdb CLI (duckdb-cli, installed by `make install`) is missing")
    return found


def test_the_duckdb_cli_15_opens_the_warehouse_and_its_views(wh):
    import subprocess

    cli15 = _duckdb_cli()
    version = subprocess.run([cli15, "--version"], capture_output=True, text=True).stdout
    assert version.startswith("v1.5."), version
    for i, (_, expected) in enumerate(EXPECTED):
        res = subprocess.run([cli15, "-readonly", wh, "-json", "-c", BLOCKS[i]], capture_output=True, text=True)
        assert res.returncode == 0, res.stderr
        got = json.loads(res.stdout) if res.stdout.strip() else []
        assert len(got) == len(expected), BLOCKS[i].splitlines()[0]
    res = subprocess.run([cli15, "-readonly", wh, "-csv", "-noheader", "-c",
                          "SELECT count(*) FROM indicators; SELECT typeof(statements) FROM commitments LIMIT 1"],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == [
        "95", '"STRUCT(source_name VARCHAR, published_date DATE, evidence VARCHAR, measure_id VARCHAR)[]"']


def test_the_readme_duckdb_examples_run(wh, tmp_path):
    import subprocess

    cli15 = _duckdb_cli()
    text = (REPO / "README.md").read_text(encoding="utf-8")
    lines = re.findall(r'^\.venv/bin/duckdb (.*)$', text, re.M)
    assert len(lines) >= 2
    assert cli.main(["--warehouse", wh, "export", "--out", str(tmp_path / "extracts")]) == 0
    for line in lines:
        args = re.fullmatch(r'-c "(.*)"', line).group(1)
        res = subprocess.run([cli15, "-csv", "-c", args], capture_output=True, text=True, cwd=tmp_path)
        assert res.returncode == 0 and res.stdout.strip(), (line, res.stderr)
    res = subprocess.run([cli15, "-csv", "-noheader", "-c", "SELECT count(*) FROM read_parquet('extracts/**/*.parquet')"],
                         capture_output=True, text=True, cwd=tmp_path)
    assert res.stdout.strip() == "20"
