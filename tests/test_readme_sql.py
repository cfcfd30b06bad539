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
    ("targets beside achievements", [("扬中市", "企业屋顶电站装机容量", 2023, 20.0, 22.0, "MW", YZ)]),
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
                 "document_coverage"):
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
