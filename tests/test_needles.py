"""The words every match of a pattern holds (transforms/needles.py), read from real rules."""
import re

import regex

from transforms import indicator_ids
from transforms.needles import needles


def test_words_of_web_page_furniture_rules():
    assert needles(r"[关關]闭(?:窗口)?|(?:上|下)一篇.*|.*扫一扫.*") == ["上一篇", "下一篇", "关闭", "扫一扫", "關闭"]
    # the best run of a sequence: 推[荐薦][阅閱][读讀] spelled out, not the lone 推
    assert needles(r"推[荐薦]新闻") == ["推荐新闻", "推薦新闻"]
    assert needles(r"本作品(?:是中华人民共和国的|在全世界)") == ["在全世界", "是中华人民共和国的"]


def test_no_words_when_a_match_may_hold_none():
    assert needles(r"\d+|[^a]") is None  # a digit or any character but a
    assert needles(r"(?:风电)?装机") == ["装机"] and needles(r"(?:风电)?\d+") is None
    assert needles(r"(?i)copyright") is None and needles("copyright", re.IGNORECASE) is None
    assert needles(r"光伏\p{Han}{0,4}?电站") is None  # the regex module's own syntax: tried everywhere


def test_every_phrase_an_indicator_rule_matches_holds_one_of_its_words():
    phrases = ["森林覆盖率", "单位国内生产总值二氧化碳排放", "非化石能源消费比重", "新能源汽车保有量", "光伏发电装机容量",
               "可再生能源发电装机", "城镇新建建筑中绿色建筑面积占比", "碳中和", "风电装机"]
    checked = 0
    for rule in indicator_ids.RULES:
        words = needles(rule.match.pattern, rule.match.flags)
        for p in phrases:
            if rule.match.search(p):
                checked += 1
                assert words is None or any(w in p for w in words), (rule.id, p)
    assert checked >= 9
    assert needles("碳中和|净零排放|净零碳", regex.compile("x").flags) == ["净零排放", "净零碳", "碳中和"]
