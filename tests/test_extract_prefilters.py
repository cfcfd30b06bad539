"""The cheap tests that let extraction skip a sentence before its long patterns run must never skip one
those patterns would find something in: a sentence they rule out holds no candidate value and no time."""
from __future__ import annotations

import regex

from tests.conftest import SEEDS
from transforms import blocks, indicator_tables, numbers, timex
from transforms.extract import candidates, document, filters, rules

_PIECES = regex.compile(r"[^。！？；;\n]+[。！？；;]?")


def _missed(texts: list[str]) -> list[str]:
    """The texts where a long pattern finds something that its cheap test rules out."""
    value = candidates.value_re()
    out = []
    for t in map(numbers.halfwidth, texts):
        if value.search(t) and not candidates.MAY_HOLD_VALUE.search(t):
            out.append(t)
        if timex.TIME.search(t) and not timex.MAY_HOLD_TIME.search(t):
            out.append(t)
        if any(p.match(t) for p in blocks.HEADING_RANKS) and not blocks._MAY_HEAD.match(t):
            out.append(t)
        # candidates.find reads a sentence with no character a unit starts with as holding no plain value
        if candidates.plain_value_re().search(t) and not candidates._unit_char().search(t):
            out.append(t)
        # timex.find reads a sentence with none of 年, 月, 五, 同比 as holding no time but a span (季度)
        if not ("年" in t or "月" in t or "五" in t or "同比" in t) and timex.TIME.search(t):
            out.append(t)
        # a quiet sentence skips times, values, headings and table rows at once
        quiet = not document._MAY_SPEAK.search(t)
        if quiet and (value.search(t) or timex.TIME.search(t) or blocks.heading_rank(t) is not None
                      or indicator_tables.looks_like_row(t)):
            out.append(t)
    return out


def test_the_cheap_tests_see_every_kind_of_value_and_time():
    written = ["近百家企业", "上百个充电站", "总投资近千亿元", "超过万亩", "翻了一番", "百分之百", "三分之一", "5000吨", "约10km",
               "二十余家", "近三成", "数百名", "数十个", "PUE值降到1.3", "同比增长", "“十四五”期间", "今年", "年内", "2年内",
               "第一章 总则", "（一）主要目标", "一、发展基础", "12 35 48 60"]
    assert _missed(written) == []
    assert candidates.find(numbers.halfwidth("新材料企业已经有近百家。"))[0].raw == "百家"
    assert timex.find("同比", 2022)[0].role == "base"
    assert [t.text for t in timex.find("1-10月，“十四五”时期，四季度", 2022)] == ["1-10月", "“十四五”时期", "四季度"]
    assert blocks.heading_rank("  （三）重点任务") == 3


def test_the_cheap_tests_miss_nothing_in_the_rule_examples_and_the_seeds():
    texts = [e.text for r in rules.ALL.values() for e in r.examples]
    for f in sorted(SEEDS.glob("*.txt")):
        texts += _PIECES.findall(f.read_text(encoding="utf-8"))
    assert len(texts) > 300
    assert _missed(texts) == []


def test_the_cheap_tests_miss_nothing_in_the_corpus(corpus_tables):
    texts = corpus_tables.sentences.column("text").to_pylist()
    assert _missed(texts) == []


def test_a_year_after_pue_is_not_its_value():
    # 数据中心PUE 2025年…: 2025 is the year, not a PUE (the lookahead against 年/月/日 after the number)
    assert [c.raw for c in candidates.find("数据中心PUE 2025年降到1.3以下。")] == []
    assert [c.raw for c in candidates.find("新建数据中心PUE值降到1.3以下。")] == ["1.3"]


def _candidates(texts: list[str]) -> list[tuple]:
    return [(c, t) for t in map(numbers.halfwidth, texts) for c in candidates.find(t)]


def test_a_filter_says_nothing_of_a_candidate_its_only_rules_out(corpus_tables):
    # filters.skip calls a filter only for the candidates its ``only`` holds for: the filter itself must say
    # nothing of the others (None), or skip would decide otherwise than the filters in order
    texts = [e.text for r in filters.FILTERS for e in r.examples]
    texts += corpus_tables.sentences.column("text").to_pylist()
    asked = 0
    for c, t in _candidates(texts):
        before, after = t[:c.start].rstrip(), t[c.end:]
        for r in filters.FILTERS:
            only = filters._ONLY.get(r.id)
            if only is not None and not only(c):
                asked += 1
                assert r.fn(c, t, before, after) is None, (r.id, c.raw, t)
    assert asked > 10000


def test_skip_decides_as_the_filters_in_order():
    cases = _candidates([e.text for r in filters.FILTERS for e in r.examples])
    assert len(cases) > 100
    for c, t in cases:
        with rules.tracing() as events:
            dropped = filters.skip(c, t)
        decision, rid = rules.first(filters.FILTERS, c, t, t[:c.start].rstrip(), t[c.end:])
        assert dropped == bool(decision)
        assert [e.rule for e in events if e.rule.startswith("filter.")] == ([rid] if rid else [])
