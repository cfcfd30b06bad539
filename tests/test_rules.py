"""Every rule of the extractor on the sentences it was written for: one test per example, named by the
rule's id, so that a rule that stops deciding what it was written to decide fails by name."""
from __future__ import annotations

from datetime import date

import pytest

import transforms.extract  # noqa: F401  (registers every rule)
from transforms.extract import commitments, document, explain, filters, kind, naming, place, rules, time  # noqa: F401

CASES = [pytest.param(r, e, id=f"{r.id}[{i}]") for r in rules.ALL.values() for i, e in enumerate(r.examples)]


@pytest.mark.parametrize("rule, example", CASES)
def test_rule_decides_its_example(rule, example):
    published = date.fromisoformat(example.date) if example.date else None
    _, events = explain.run(example.text, published, example.title, region="320000")
    got = [e.decision for e in events if e.rule == rule.id and e.subject == example.subject]
    assert example.decision in got, f"{rule.id} on {example.subject!r}: {got}; fired: {events}"


def test_every_pass_rule_has_an_example():
    for passes in (filters.FILTERS, kind.KIND):
        missing = [r.id for r in passes if not r.examples]
        assert not missing


def test_explain_prints_candidates_rules_and_rows():
    text = explain.explain("到2025年，单位国内生产总值能耗和二氧化碳排放分别降低13.5%、18%。", date(2021, 3, 1))
    assert text.splitlines() == [
        "text: 到2025年，单位国内生产总值能耗和二氧化碳排放分别降低13.5%、18%。",
        "published: 2021-03-01",
        "rules fired:",
        "  candidate.value                  13.5% -> 13.5%",
        "  candidate.value                  18% -> 18%",
        "  filter.share_kept                13.5% -> keep",
        "  filter.share_kept                18% -> keep",
        "  name.fenbie                      13.5% -> 单位国内生产总值能耗",
        "  kind.deadline                    13.5% -> target",
        "  year.time_before                 13.5% -> 2025",
        "  place.article                    13.5% -> 100000",
        "  name.fenbie                      18% -> 单位国内生产总值二氧化碳排放",
        "  kind.deadline                    18% -> target",
        "  year.time_before                 18% -> 2025",
        "  place.article                    18% -> 100000",
        "rows: 2",
        "  target      单位国内生产总值能耗 = 13.5 % year=2025 base=None region=100000 "
        "[candidate.value, name.fenbie, kind.deadline, year.time_before, place.article]",
        "  target      单位国内生产总值二氧化碳排放 = 18 % year=2025 base=None region=100000 "
        "[candidate.value, name.fenbie, kind.deadline, year.time_before, place.article]",
    ]


@pytest.mark.parametrize("text, value_raw", [
    ("美国的人均碳排放量是中国的2倍。", "2倍"),  # China named: a comparison China is part of
    ("新能源发电技术处在世界第一梯队，为全球贡献了70%以上的光伏组件。", "70%"),  # 为全球: China's contribution
    ("阿根廷北部，120万块太阳能光伏板规则排列，为近10万户居民提供电力。", "120万块"),  # a place abroad locating a project
])
def test_foreign_figure_keeps_what_china_does_abroad_or_compares(text, value_raw):
    rows, _ = explain.run(text, date(2023, 6, 10))
    assert value_raw in [r["value_raw"] for r in rows]
