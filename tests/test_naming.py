"""Naming over the corpus: the free-text indicator names the measured quantity, never a bare verb or a
fragment (issue 10): 改造, 明确, 比例, 约束性, 预期性, a dangling 占."""
from __future__ import annotations

import pytest

from transforms.extract import naming

ISSUE_FRAGMENTS = {"改造", "保持", "明确", "比例", "比重", "占比", "约束性", "预期性", "指标", "指标名称", "单位", "目标值"}


def _by_sentence(corpus_tables, fragment: str) -> dict[str, tuple[str, str | None]]:
    rows = corpus_tables.measures.select(["evidence", "value_raw", "indicator", "indicator_id"]).to_pylist()
    return {r["value_raw"]: (r["indicator"], r["indicator_id"]) for r in rows if fragment in (r["evidence"] or "")}


def test_no_corpus_indicator_is_a_fragment_the_issue_names(corpus_tables):
    names = [n.replace(" ", "") for n in corpus_tables.measures.column("indicator").to_pylist()]
    assert sorted(n for n in names if n in ISSUE_FRAGMENTS or n.endswith("占")) == []


def test_fragments_are_under_one_percent_of_corpus_measures(corpus_tables):
    names = corpus_tables.measures.column("indicator").to_pylist()
    bad = [n for n in names if naming.is_fragment(n)]
    assert len(bad) / len(names) < 0.01, sorted(bad)


@pytest.mark.parametrize("sentence, value, name, indicator_id", [
    ("扩大油茶产业基地200万亩、改造200万亩", "200万亩", None, None),  # both values: see below
    ("全省森林面积（3.74亿亩）、覆盖率（65.04%）", "65.04%", "森林覆盖率", "forest_coverage"),
    ("全省森林面积（3.74亿亩）、覆盖率（65.04%）", "20.67亿立方米", "森林蓄积量", "forest_stock"),
    ("二氧化碳是最主要的温室气体，占比超过87%", "87%", "二氧化碳占比", None),
    ("其次分别为含氟气体、甲烷和氧化亚氮", "4.3%", "甲烷占比", None),
    ("为全省可再生能源电量占 比提升到19%左右提供支撑", "19%", "可再生能源电量占比", "renewable_generation_share"),
    ("建设光伏扶贫电站5301个，装机88.6万千瓦", "88.6万千瓦", "光伏扶贫电站装机", "solar_capacity"),
    ("比全国平均水平低1.37个百分点", "1.37个百分点", "自治区研究与试验发展经费占GDP比重比全国平均水平低", None),
])
def test_corpus_fragments_get_the_quantity_they_stand_for(corpus_tables, sentence, value, name, indicator_id):
    got = _by_sentence(corpus_tables, sentence)
    if name is None:  # 扩大…基地200万亩、改造200万亩: the same value twice, two indicators
        rows = [r["indicator"] for r in corpus_tables.measures.select(["evidence", "indicator"]).to_pylist()
                if sentence in (r["evidence"] or "")]
        assert "改造油茶产业基地" in rows and "改造" not in rows
        return
    assert got[value] == (name, indicator_id)


@pytest.mark.parametrize("text, value, name", [
    ("[视频]我国新建建筑“绿色化”已超90%", "90%", "新建建筑“绿色化”"),  # a headline's tag is no part of the name
    ("截至2023年，“山水工程”累计投资2812亿元。", "2812亿元", "“山水工程”累计投资"),  # the quote the cleaning cut
    ("森林覆盖率达到24%。", "24%", "森林覆盖率"),
])
def test_the_left_words_keep_no_tag_and_no_half_quote(text, value, name):
    from transforms import indicators

    assert indicators.left_phrase(text, text.find(value)) == name
