"""Building blocks of policy text that several stages read, defined once: Chinese numerals, numbering
marks and heading ranks, plan periods (十四五 -> 2021–2025) and the verbs that give a value's direction.

Plain data and regex fragments only (no project imports), so that timex, indicators, indicator_tables
and the extractor (transforms/extract/) can all build their patterns from the same pieces.
"""
from __future__ import annotations

import regex

# --- Chinese numerals ------------------------------------------------------------------------------
CN_DIGITS = "一二三四五六七八九十"  # the numerals that number headings and list items
CN_NUM = rf"[{CN_DIGITS}]{{1,3}}"  # 一, 十二, 二十三: a heading or list number

# --- five-year plans -------------------------------------------------------------------------------
# name -> (first year, last year); 十四五 runs 2021–2025
PLAN_PERIODS = {"十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020), "十四五": (2021, 2025),
                "十五五": (2026, 2030), "十六五": (2031, 2035)}
PLAN_END = {name: last for name, (_, last) in PLAN_PERIODS.items()}  # a plan's deadline: its last year
PLAN = r"十[一二三四五六]五"  # a plan named by its number


def plan_or_years(name: str) -> str:
    """A pattern for a plan period named either way: 十四五 or 2021-2025 (2021—2025, 2021至2025)."""
    first, last = PLAN_PERIODS[name]
    return rf"{name}|{first}\s*[-—–至]\s*{last}"


# --- numbering marks and heading ranks --------------------------------------------------------------
MARK_ARABIC = r"\d{1,2}\s*[.．、]"  # 1. 2、
MARK_CN = rf"{CN_NUM}\s*、"  # 一、
MARK_PAREN = rf"[（(]\s*[{CN_DIGITS}\d]{{1,3}}\s*[）)]"  # （一） (2)
MARK_PAREN_CN = rf"[（(]\s*{CN_NUM}\s*[）)]"  # （一）
MARK_PAREN_ARABIC = r"[（(]\s*\d{1,2}\s*[）)]"  # （2）
MARK_CIRCLED = "[①②③④⑤⑥⑦⑧⑨⑩]"

# a list item: 1. / （一） / 一、 / 一是 / ① / a dash or bullet
LIST_MARK = regex.compile(rf"^\s*(?:{MARK_ARABIC}|{MARK_PAREN}|{CN_NUM}\s*[、是]|{MARK_CIRCLED}|——|—|-|·|•)")

# headings by rank: 第一章 > 第一节 > 一、 > （一）; a heading replaces the sections of its rank and below
HEADING_RANKS = [
    regex.compile(rf"^\s*(?:第[{CN_DIGITS}]+[章部篇]|第[{CN_DIGITS}]+部分)[^。；;]{{0,36}}。?$"),
    regex.compile(rf"^\s*第[{CN_DIGITS}]+节[^。；;]{{0,36}}。?$"),
    regex.compile(rf"^\s*{MARK_CN}[^。；;]{{1,36}}。?$"),
    regex.compile(rf"^\s*{MARK_PAREN_CN}[^。；;，,]{{1,36}}。?$"),
]


# every heading starts (after white space) with 第, a numeral or an opening bracket: one match rules out
# most lines before the four patterns run
_MAY_HEAD = regex.compile(rf"\s*[第{CN_DIGITS}（(]")


def heading_rank(line: str) -> int | None:
    """0 for 第一章, 1 for 第一节, 2 for 一、, 3 for （一）; None when ``line`` is no heading."""
    if not _MAY_HEAD.match(line):
        return None
    for k, pat in enumerate(HEADING_RANKS):
        if pat.match(line):
            return k
    return None


# --- direction verbs --------------------------------------------------------------------------------
# The verbs proper come first (indicator tables read a label's direction from them); measures also read
# the nouns and one-character forms after them (降幅, 减, 增).
DECREASE_VERBS = ("下降", "降低", "减少", "削减", "压减")
DECREASE_MORE = ("压降", "减排", "降幅", "下调", "缩减", "缩短", "压缩", "减", "降")
INCREASE_VERBS = ("增长", "提高", "提升", "增加")
INCREASE_MORE = ("上升", "增幅", "增速", "扩大", "涨幅", "新增", "增", "涨")
# a value the quantity reaches or stays at
LEVEL_VERBS = ("达到", "达", "为", "是", "控制在", "保持在", "稳定在", "维持在", "降至", "降到", "下降到", "下降至",
               "降低到", "降低至", "减少到", "减少至", "减至", "压减至", "压减到", "提高到", "提高至", "提升到", "提升至",
               "增长到", "增长至", "增加到", "增加至", "增至", "上升至", "上升到", "占", "不低于", "不超过", "不少于",
               "不高于")


def alternation(words) -> str:
    """``words`` as a regex alternation, in the order given (the first alternative wins a tie)."""
    return "|".join(regex.escape(w) for w in words)
