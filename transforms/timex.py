"""Time expressions in a sentence: years, deadlines, periods, five-year plans and relative times.

``find(text, pub_year)`` returns every time expression with the year it points to and its role:

- ``target``: a deadline in the future (到2025年, 2030年前, 2025年底前, "十四五"期间/末, 2年内, 明年)
- ``past``: a time already gone (截至2020年底, 2021年以来, 去年, "十三五"期间)
- ``current``: the year of writing (今年, 新的一年, 年内, 年底, 10月底 with no year)
- ``point``: a plain year or period (2021年, 2021年1-10月, 2021—2023年)
- ``base``: the year a change is measured from (比2020年, 较2005年, 与2020年相比)

Relative times resolve against ``pub_year`` (the article's publication year) and stay ``None`` when it
is unknown: nothing here reads the clock. Text must be ``numbers.halfwidth``-ed first.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from transforms import numbers

_Y = r"(?:19[4-9]\d|20\d\d)"
_CN_SMALL = r"[一二两三四五六七八九十]{1,2}"
PLANS = _PLANS = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}

# The alternatives of TIME, in order: (group, whether it only matches where 年 is written, pattern)
_ALTERNATIVES = (
    ("base", False, rf"""(?P<base>(?:比|较|相比|相较于?|对比)\s*(?P<by>{_Y})\s*年(?:底|末)?(?:的?水平)?
    |(?:与|同|和|跟)\s*(?P<by2>{_Y})\s*年(?:底|末)?(?:的?水平)?(?:相比|比较)
    |(?:比|较|相比|相较于?|对比)\s*[“"]?(?P<bplan>十[一二三四五六]五)[”"]?\s*(?:末|期末|时期|期间)
    |(?P<brel>(?:比|较)(?:去年|上年|上一年)|同比))"""),
    ("period", False, rf"""(?P<period>[“"]?(?P<plan>十[一二三四五六]五)[”"]?\s*(?:规划)?(?P<psuf>期间|时期|末期?|中后期|以来|期末|内|初期|前期))"""),
    ("bare", False, rf"""(?P<bare>[“"](?P<bplan2>十[一二三四五六]五)[”"](?!\s*(?:规划|纲要|专项|时期规划|发展规划|能源规划|[\u4e00-\u9fff]{{0,12}}规划)))"""),
    ("range", True, rf"""(?P<range>(?<!\d)(?P<y1>{_Y})\s*(?:年\s*)?[-—–~至到]+\s*(?P<y2>{_Y})\s*年(?!\d))"""),
    ("abs", True, rf"""(?P<abs>(?P<pre>到|至|截至|截止到?|截止至|于|在|自|从)?\s*(?<!\d)(?P<y>{_Y})\s*年\s*
    (?P<md>(?:\d{{1,2}}\s*[-—~至]\s*)?\d{{1,2}}\s*月份?)?\s*
    (?P<edge>年底|年末|底|末|上半年|下半年|前三季度|一季度)?\s*
    (?P<post>前|以前|之前|以来|起|以后|后|期间)?)"""),
    ("newyear", True, rf"""(?P<newyear>新的一年|新一年|开年以来|年初以来|开年)"""),
    ("rel", True, rf"""(?P<rel>今年|明年|去年|上年|上一年|(?<![目之提以当眼空])前年|本年度|过去一年)
    (?:\s*(?P<rmd>\d{{1,2}}\s*月)\s*(?P<redge>底|末)?\s*(?P<rpost>前)?|\s*年(?:底|末)(?:前)?)?"""),
    ("within", True, rf"""(?P<within>(?:(?P<wn>\d{{1,2}}|{_CN_SMALL})\s*年(?:内|之内|时间内))|(?:未来|今后)(?P<fn>\d{{1,2}}|{_CN_SMALL})\s*年
    |(?P<sn>\d{{1,2}})\s*年共(?=\s*\d))"""),
    ("yearend", True, rf"""(?P<yearend>年底前|年内|年底|年末)"""),
    ("month", False, rf"""(?P<month>(?<![\d年])(?P<mon>\d{{1,2}})\s*月(?P<medge>底|末)\s*(?P<mpost>前)?)"""),
    ("months", False, rf"""(?P<months>(?<![\d年\-—~.])\d{{1,2}}\s*[-—~至]\s*\d{{1,2}}\s*月(?:份)?)"""),
)
TIME = regex.compile("|".join(a for _, _, a in _ALTERNATIVES), regex.VERBOSE)
# most sentences that hold a time expression write no 年 (50万辆, 1—10月, 同比): in them the alternatives that need
# 年 cannot match and are not tried (``find`` reads the groups of the others first)
_TIME_NO_NIAN = regex.compile("|".join(a for _, nian, a in _ALTERNATIVES if not nian), regex.VERBOSE)
# a reported span with no year (前11个月, 四季度, 上半年, 12月份): searched apart, only in the sentences that hold one
SPAN = regex.compile(rf"(?<![\d年每逐各季.\-—~至])(?:前(?P<pn>\d{{1,2}}|{_CN_SMALL})个月|(?P<q>前三|[一二三四1-4])季度"
                     rf"|(?P<half>上半年|下半年)|(?P<sm>\d{{1,2}})\s*月份)")
_MAY_SPAN = regex.compile(r"个月|季度|半年|月份")


# Every alternative of TIME needs a digit, 年 (years, 今年, 年内), 五 (十四五) or 同比: a sentence with none
# of them holds no time expression, which one cheap search tells before the long pattern runs
# (tests/test_measures.py checks it over the corpus).
MAY_HOLD_TIME = regex.compile(r"[\d年五]|同比|季度|个月")
_SINCE = regex.compile(r"[\u4e00-\u9fff]{1,4}以来")  # 从2019年7月份|投运以来: since a start, up to now


@dataclass(frozen=True)
class TimeExpr:
    start: int
    end: int
    year: int | None
    role: str  # target, past, current, point, base
    text: str


def _small(s: str) -> int:
    return int(s) if s.isdigit() else int(numbers.parse_chinese(s))


def _add(year: int | None, n: int) -> int | None:
    return None if year is None else year + n


_NOT_FROM_NOW = regex.compile(r"(?:过去|近|前|这|那|[\d年”\"五])$")
_UP_TO = regex.compile(r"(?:截至|截止到?|截止至)\s*$")


def _before_publication(year: int | None, month: int, pub_month: int | None) -> tuple[int | None, str]:
    """(year, role) of a reported month with no year: one later than the publication month is last year's
    (截至11月底 in a story of January), else this year's."""
    if year is not None and pub_month is not None and month > pub_month:
        return year - 1, "past"
    return year, "current"


def find(text: str, pub_year: int | None, pub_month: int | None = None) -> list[TimeExpr]:
    """Every time expression of ``text`` (already half-width), in order. ``pub_month``: the publication month,
    which dates a reported month with no year (截至年底, 截至11月底, 1—12月) that is still to come this year in
    the year before."""
    out: list[TimeExpr] = []
    if not MAY_HOLD_TIME.search(text):
        return out
    if "年" in text:
        pattern = TIME
    elif "月" in text or "五" in text or "同比" in text:
        pattern = _TIME_NO_NIAN
    else:  # every alternative of _TIME_NO_NIAN needs 月 (10月底, 1-10月), 五 (十四五) or 同比 (its others need 年)
        pattern = None
    for m in pattern.finditer(text) if pattern is not None else ():
        g = m  # m[name] reads one group; groupdict() would build all 32 for every match
        year: int | None
        if g["base"]:
            if g["brel"]:
                year = _add(pub_year, -1)
            else:
                year = int(g["by"] or g["by2"]) if not g["bplan"] else _PLANS[g["bplan"]]
            role = "base"
        elif g["period"]:
            year = _PLANS[g["plan"]]
            if g["psuf"] == "以来":
                year, role = pub_year, "past"  # since the period began: up to the time of writing
            elif pub_year is not None:
                role = "past" if year < pub_year else "target"
            else:
                role = "past" if year <= 2020 else "target"
        elif g["bare"]:  # “十五五”碳排放强度下降目标: the period's last year
            year = _PLANS[g["bplan2"]]
            role = ("past" if year < pub_year else "target") if pub_year is not None else \
                ("past" if year <= 2020 else "target")
        elif g["month"]:  # (month and months before the groups _TIME_NO_NIAN does not have)
            year, role = pub_year, "current"
            if not g["mpost"] and _UP_TO.search(text, 0, m.start()):
                year, role = _before_publication(pub_year, int(g["mon"]), pub_month)  # 截至11月底
        elif g["months"]:  # 1—10月: a reported period, ended before the story
            year, role = _before_publication(pub_year, int(regex.findall(r"\d{1,2}", g["months"])[-1]), pub_month)
        elif g["range"]:
            year, role = int(g["y2"]), "point"
        elif g["abs"]:
            year = int(g["y"])
            pre, post = g["pre"] or "", g["post"] or ""
            if pre in ("截至", "截止", "截止到", "截止至"):
                role = "past"
            elif post == "以来" or (pre in ("从", "自") and _SINCE.match(text, m.end())):
                year, role = pub_year, "past"  # 2021年以来, 从2019年7月份投运以来: up to the time of writing
            elif pre in ("到", "至") or post in ("前", "以前", "之前"):
                role = "target"
            else:
                role = "point"
        elif g["newyear"]:
            year, role = pub_year, "current"  # 新的一年，全省将…; 开年以来: this year, told in its first months
            if g["newyear"].endswith("以来"):
                role = "past"
            elif pub_month is not None and pub_month > 9 and pub_year is not None:
                year, role = pub_year + 1, "target"  # 新的一年 in a story of December: the year to come
        elif g["rel"]:
            rel = g["rel"]
            shift = {"今年": 0, "当年": 0, "本年度": 0, "明年": 1, "去年": -1, "上年": -1, "上一年": -1,
                     "过去一年": -1, "前年": -2}[rel]
            year = _add(pub_year, shift)
            role = "target" if shift > 0 else ("past" if shift < 0 else "current")
        elif g["within"]:
            if g["sn"] and (out or _NOT_FROM_NOW.search(text, 0, m.start())):
                continue  # “十三五”期间，5年共完成…, 过去5年共: the span of a period already named
            year, role = _add(pub_year, _small(g["wn"] or g["fn"] or g["sn"])), "target"  # 开展5年共4000亩: from now
        else:  # yearend
            year, role = pub_year, "current"
            if g["yearend"] in ("年底", "年末") and _UP_TO.search(text, 0, m.start()):
                year, role = _before_publication(pub_year, 12, pub_month)  # 截至年底, in January: last year's
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        out.append(TimeExpr(start, m.end(), year, role, m.group().strip()))
    if _MAY_SPAN.search(text):
        _spans(text, pub_year, pub_month, out)
    return out


_QUARTER_END = {"前三": 9, "一": 3, "1": 3, "二": 6, "2": 6, "三": 9, "3": 9, "四": 12, "4": 12}


def _spans(text: str, pub_year: int | None, pub_month: int | None, out: list[TimeExpr]) -> None:
    """Add to ``out`` (in order) each reported span with no year that no other time expression covers: this
    year's, or last year's when it is still to come in the publication year (四季度 in a story of January)."""
    taken = [(t.start, t.end) for t in out]
    added = False
    for m in SPAN.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue  # 2021年1-10月, 1—10月份: read already
        if m["pn"]:
            last = _small(m["pn"])
        elif m["q"]:
            last = _QUARTER_END[m["q"]]
        elif m["half"]:
            last = 6 if m["half"] == "上半年" else 12
        else:
            last = int(m["sm"])
        if not 1 <= last <= 12:
            continue
        year, role = _before_publication(pub_year, last, pub_month)
        out.append(TimeExpr(m.start(), m.end(), year, role, m.group()))
        added = True
    if added:
        out.sort(key=lambda t: t.start)
