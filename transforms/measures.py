"""Extract: numbers with units, times, places and cue words -> measures (see ../shared/MEASURES.md).

One pass a sentence. A regex finds every value with a known unit (numbers.py reads the numeral,
units.py the unit and scale); filters drop what is not a measure (document numbers, ordinals, dates,
programme names in quotes, slogans, rhetoric, navigation bullets, thresholds that only pick a subject,
product specifications). For each value left, the words around it give:

- the indicator (indicators.py: the noun phrase; "分别" lists share modifiers) and its sector,
- the time it refers to and the base year (timex.py), resolved against the article's publication date,
- the place (regions.place_of_value), the comparator, the direction and the kind (cue words below).

Value-less dated commitments (2030年前实现碳达峰, 2022年建成…二期) have their own pattern, and
indicator tables (专栏 主要指标) are read cell by cell (indicator_tables.py).

Sentences of one article are read in order: a deadline or a "目标" set in one clause ("到2025年：",
"今年发展主要预期目标是：") governs the ；-separated pieces and list items that follow, and a heading
sets what its section is (a review of the last plan, the main targets, next year's tasks).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pyarrow as pa
import regex

from schemas import tables
from transforms import indicator_tables, indicators, numbers, regions, timex, units

_re = lru_cache(maxsize=None)(regex.compile)  # patterns written inline, compiled once

EXTRACTOR_VERSION = "0.5.6"

_NUM = rf"(?:{numbers.ARABIC}|{numbers.CHINESE})"
_MULT = numbers.MULTIPLIER


@lru_cache(maxsize=1)
def value_re() -> regex.Pattern:
    """Every value with a unit: 百分之二十, 三分之一, 翻一番, PUE 1.3, 470亿元, 3—5个, 10%-15%, 30多万公里."""
    unit = units.pattern()
    return regex.compile(rf"""
     (?P<pct>百分之(?P<pn>{_NUM}|百))
    |(?P<frac>(?<![\d.])(?P<fd>{_NUM})分之(?P<fn>{_NUM}))
    |(?P<fan>翻(?P<ft>一|两|二|三)?番)
    |(?P<pue>(?:PUE|能效比|电能利用效率)\s*[（(]?\s*(?:PUE)?\s*[）)]?\s*值?\s*
        (?:达到|降到|降至|低于|不高于|不超过|控制在|为|≤|<)?\s*(?P<pv>\d+(?:\.\d+)?)(?![\d.%])(?!\s*[\u4e00-\u9fff]{0,2}(?:年|月|日)))
    |(?P<val>(?<![\d.A-Za-z_/\-零〇一二两三四五六七八九十百千万亿])(?P<n1>{_NUM})
        (?:\s*(?P<m1>{_MULT})?\s*(?P<u1>{unit})?\s*[-—–~]\s*(?P<n2>{_NUM}))?
        \s*(?P<more0>多|余)?\s*(?P<m>{_MULT})?\s*(?P<more>多|余)?\s*(?P<u>{unit}))
    """, regex.VERBOSE)


# --- cue words -------------------------------------------------------------------------------------
_POTENTIAL = regex.compile(r"可安装|可带动|可实现|可达到?|预计|预测|潜力|有望|估算|约可|可开发|可利用|可望|理论上|测算|假设|"
                        r"按[^，,；;。]{0,30}计算|"
                        # what a project is expected to yield: 每年可减排, 就可减少, 投产后每年能提供, 设计年产能
                        r"可(?:减少|减排|节约|节省|替代|提供|产生|满足|供应|消纳|处理)|(?:每年|年均?)能|"
                        r"(?:建成|投产|投运|达产|并网)后|设计(?:年产能|产能|能力)")
_TARGET_STRONG = regex.compile(r"力争|确保|目标|计划|预期|力求|规划到|(?<!无)须|应当|到\s*(?:19|20)\d\d|(?:19|20)\d\d\s*年(?:底|末)?(?:前|以前|之前)")
_TARGET = regex.compile(_TARGET_STRONG.pattern + r"|争取(?!到|了)|(?<![主重需只必纲摘概提简扼])要(?!求|素|点|闻|害|是)|"
                        r"努力|(?<!模)拟|将(?!其|近|军)|下一步|今后|未来|谋划|必须|务必")
_ACHIEVED_STRONG = regex.compile(r"已经|(?<!而|并|早)已(?!有|饱和|超|达到上限)|累计|完成了|实现了|建成了|截至|截止|去年|上年|过去|"
                                 r"比上年|超额|提前完成|达到了|增长了|下降了|降低了|提高了|新增了|获批|入选|以来")
_ACHIEVED = regex.compile(_ACHIEVED_STRONG.pattern + r"|获得|同比|共有|取得|位列|排名|荣获|"
                          r"(?<!确保|力争|争取|要|将|必须|全面|按时|如期|计划|需|应|能够|以|努力|保质保量)完成")
_ASSUMPTION = regex.compile(r"按[^，,；;。]{0,40}(?:计算|测算|估算)|假设")
_DONE = regex.compile(r"^[^。；;]{0,30}?(?:超额完成|提前完成|均已完成|已完成|圆满完成|完成[^，,。；;]{0,12}目标(?:任务)?的)")
_SHARE_OF_TARGET = regex.compile(r"完成[^，,。；;]{0,12}(?:目标|任务)(?:任务)?的[\d.%和、\s]*$")
_COMPARED_VALUE = regex.compile(r"(?:比|较|相比|相较于?)[^，,。；;]{0,14}的\s*$")
_FRAMING = regex.compile(r"^\s*(?:据|经|根据|按照)?[^，,。]{0,6}(?:估算|测算|预测|预计|匡算)[，,:：]")
# a plant or project named by its size (680万千瓦抽水蓄能电站, 175万千瓦风力发电项目), and the words that say it is built
_PROJECT_AFTER = regex.compile(r"\s*(?:级)?[\u4e00-\u9fff]{0,10}?(?:电站|电厂|项目|风电场|光伏场|基地|工程)")
_BUILT = regex.compile(r"建成|建起|投产|投运|并网|已|累计|完成")
_BUILT_AFTER = regex.compile(r"(?<!力争|即将|将|计划|预计|有望|今年\d{1,2}月)(?:刚刚|已经?|正式|全面|顺利)?(?:投产|投运|并网发电|建成)(?!后)")
_PRESENT = regex.compile(r"如今|目前|现在|今天|当前|眼下|截至目前|已经|(?<!而|并|早)已|今年|现有|年来|以来|累计")
_BASE_STOCK = regex.compile(r"现有|已有|目前|现存|现状|现阶段|当前|共有|拥有|现行")
_FROM = regex.compile(r"(?:从|由)[^，,；;。从由]{0,14}$")
_TO_AFTER = regex.compile(r"^[^，,；;。]{0,10}?(?:到|至)")
_LIST_MARK = regex.compile(r"^\s*(?:\d{1,2}\s*[.．、]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|[一二三四五六七八九十]{1,3}\s*[、是]|"
                           r"[①②③④⑤⑥⑦⑧⑨⑩]|——|—|-|·|•)")
_NAV = regex.compile(r"^\s*[-•·◆▪►▶]\s*\S")
_RHETORIC = regex.compile(r"(?:付出|拿出|投入|以|用|尽|倾注)\s*$")
_PENALTY = regex.compile(r"罚款|罚金|处罚|没收")
_DAY_CUE = regex.compile(r"达到|达|不少于|不低于|保持|储备|天数|提前|缩短|压缩|压减|控制在|以上|提高到|增加到|延长")
_HOUR_CUE = regex.compile(r"达到|不少于|不低于|缩短|压缩|压减|控制在|以内|提高到|延长|时长")
_RANK_CUE = regex.compile(r"排名|排位|位列|名次|位次|居|列第|第|前|(?:上升|下降|提升|跃升)(?:至|到)")
_AFTER_SKIP = regex.compile(r"^\s*(?:及以上|及以下|及其以上|级|至\s*\d|(?:以内|以外)?范围|月|个月|工作日|季度|星期|周年|周|年度|批次|小时|分钟|"
                            r"倍以上的|种|类|方面)")
_PART_OF = regex.compile(r"([^，,；;。]{2,})(?:达到|(?<![下到传送表抵直转通发])达(?!标))([^，,；;。]{2,})")
_NAMES_A_RATE = regex.compile(r"(?:率|比重|占比|比例|强度|份额|系数|指数|程度|度|量|值|幅|速)$")
_LEVEL_ONLY = regex.compile(r"^(?:国家级|国家|省级|市级|县级|区级|乡镇级|村级|部级|地市级|县区级)")
_GENERIC_NAME = regex.compile(r"增幅|降幅|增速|幅度|比重|占比|比例|总量|规模|增量")
_QUOTA = regex.compile(r"(?:限报|限额推荐|最多推荐|推荐|限推)(?:不超过|不多于)?\s*$|(?:拟|计划)?(?:支持|资助|立项)(?:不超过|不多于)\s*$")
_LOGISTICS = regex.compile(r"报名|参会|出席|与会|参加会议|参训|观看|听众|组成")
_AFTER_QUALIFIER = regex.compile(r"^\s*(?:以上|以下)的")
_AFTER_SUBJECT = regex.compile(r"^\s*(?:及?以上|及?以下)?(?:的[\u4e00-\u9fff]{0,6}?)?(?:工业)?(?:企业|单位|用户|用能单位|项目|园区|城市|"
                            r"地区|行业|锅炉|机组|车辆|区域|乡镇|村庄)")
_LEVEL_VERB_NEAR = regex.compile(r"(?:达到|达|提高到|提升至|提升到|不低于|保持在|稳定在|控制在|增加到|增至|降至|降到)\s*$")
_COUNT_STOP = regex.compile(r"^(?:单位|办公室|部门|阶段|方面|环节|工作日|课题|人次以上|批次|领导|成员|同志|代表|专家|学员|记者|"
                            r"委员|方向|领域|板块|层次|维度|环境|部分|类别|类|种|层|数量级)|"
                            r"(?:工作组|小组|专班|办公室|推进部|指挥部|保障组|处室|科室|专项组)$")
_COMPARATOR_AFTER = [(regex.compile(r"^\s*(?:及)?以上"), ">="), (regex.compile(r"^\s*(?:以下|以内|之内)"), "<="),
                     (regex.compile(r"^\s*(?:左右|上下)"), "~")]
_COMPARATOR_BEFORE = [
    (regex.compile(r"(?:不低于|不少于|至少|(?<!不)超过?|(?<!不)多于|大于等于|≥|逾|突破|守住)\s*$"), ">="),
    (regex.compile(r"(?:不超过|不高于|不多于|控制在|小于等于|≤|最高可?(?:奖励|补助|资助|补贴|支持)?|最多|上限为?)\s*(?:达到|为)?\s*$"),
     "<="),
    (regex.compile(r"(?:(?<!不)低于|(?<!不)小于|<|不足|不到)\s*$"), "<"),
    (regex.compile(r"(?:(?<!不)高于|(?<!不)大于|>)\s*$"), ">"),
    (regex.compile(r"(?:约|大约|约为|近|接近|将近|约占|估计)\s*$"), "~"),
    # the bound before a short verb (每年至少开展1次) or a share's base (约占全国的7.2%)
    (regex.compile(r"(?:至少|不少于)[^，,；;。\d]{1,10}$"), ">="),
    (regex.compile(r"约占[^，,；;。\d]{1,6}$"), "~"),
]
_DIRECTION = regex.compile(
    r"(?P<level>达到|达|为|是|控制在|保持在|稳定在|维持在|降至|降到|下降到|下降至|降低到|降低至|减少到|减少至|减至|压减至|压减到|"
    r"提高到|提高至|提升到|提升至|增长到|增长至|增加到|增加至|增至|上升至|上升到|占|不低于|不超过|不少于|不高于)"
    r"|(?P<decrease>下降|降低|减少|削减|压减|压降|减排|降幅|下调|缩减|缩短|压缩|减|降)"
    r"|(?P<increase>增长|提高|提升|增加|上升|增幅|增速|扩大|涨幅|新增|增|涨)")
_MILESTONE = regex.compile(r"^[^，,；;。]{0,12}?(?P<w>碳排放达峰|碳达峰|达峰|达到峰值|碳中和|净零排放)"
                           r"(?!路径|行动|方案|研究|设计|技术|工作|试点|示范)")  # 2060年前碳中和路径设计: a study
# a milestone stated as the completion of the period's commitment, in a later clause of the sentence the
# period opens (2030年前，…，推动全省碳达峰目标如期完成 / 到2030年，…；二氧化碳排放量达到峰值并…);
# not a purpose (为实现碳中和奠定基础)
_MILESTONE_DONE = regex.compile(
    r"(?<![为以])(?P<w>碳达峰|碳中和|达峰)目标(?:如期|顺利|全面)?(?:完成|实现|达成)"
    r"|(?<![为以])(?:如期|顺利|确保|率先)?(?:实现|完成)(?P<w>碳达峰|碳中和)(?:目标)?(?![^，,；;。]{0,6}(?:奠定|打下|创造|提供|基础))"
    r"|(?:二氧化碳|碳)排放(?:量|总量)?(?P<w>达到峰值|达峰)(?=并|[，,；;。、]|$)")  # not 达峰后…, 达峰行动
# a peak that only part of the place commits to (有条件的地方和重点行业率先实现碳排放达峰)
_PARTIAL_SUBJECT = regex.compile(r"有条件的|部分|重点行业|重点企业|重点领域|园区|行业|企业")
_SUPPORTS = regex.compile(r"(?:支撑|支持|助力|服务于?|保障|助推)[^，,；;。]{0,6}$")
_COMMIT = regex.compile(r"^\s*(?:力争|全面|基本|率先|全部|要|将)?\s*(?P<v>建成|完成|投运|投产|建设完成|实现)"
                        r"(?P<o>[^，,；;。]{2,24})")
# headings by rank: 第一章 > 第一节 > 一、 > （一）; a heading replaces the sections of its rank and below
_HEADINGS = [
    regex.compile(r"^\s*(?:第[一二三四五六七八九十]+[章部篇]|第[一二三四五六七八九十]+部分)[^。；;]{0,36}。?$"),
    regex.compile(r"^\s*第[一二三四五六七八九十]+节[^。；;]{0,36}。?$"),
    regex.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*、[^。；;]{1,36}。?$"),
    regex.compile(r"^\s*[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)][^。；;，,]{1,36}。?$"),
]
_PLAN_NAME = regex.compile(r"十[一二三四五六]五")
_PAST_SECTION = regex.compile(r"回顾|成就|成效|成绩|取得了?(?:历史性|显著|重大|积极|明显|长足)?(?:突破|进展)|(?:发展|工作|现实|规划|已有)基础|基础和|进展|现状|取得的|过去|总结|完成情况|"
                           r"发展历程|存在的(?:主要)?问题")
_GOAL_SECTION = regex.compile(r"目标")
_ISSUES_PLAN = regex.compile(r"印发[^。]{0,60}(?:方案|规划|意见|措施|计划|纲要|要点|清单)|(?:方案|规划|意见|措施|计划)》?的?通知|"
                             r"〔(?:19|20)\d\d〕\s*\d+\s*号|人民政府[，,]|各有关单位[：:]")
_PLAN_TYPES = ("通知", "方案", "规划", "意见", "办法", "条例", "指南", "措施", "计划", "纲要", "要点", "清单")
# a plan period in the title: the plan was written in its first year (when no date says otherwise)
_TITLE_PERIOD = [(regex.compile(r"十四五|2021\s*[-—–至]\s*2025"), 2021),
                 (regex.compile(r"十五五|2026\s*[-—–至]\s*2030"), 2026),
                 (regex.compile(r"十三五|2016\s*[-—–至]\s*2020"), 2016)]
_TITLE_YEAR = regex.compile(r"((?:19|20)\d\d)\s*年度")


@dataclass
class Context:
    """What one article tells about all its sentences."""
    doc_id: str
    source_name: str
    article_idx: int
    region_code: str  # 6 or 9 digits
    pub_year: int | None
    anchor_year: int | None  # the year of writing, or the first year of the plan period the title names
    is_plan: bool
    places: regions.PlaceContext
    review_year: int | None = None  # the latest year a review section ("2018年工作回顾") looked back on


@dataclass
class Carry:
    time: timex.TimeExpr | None = None
    target: bool = False
    past_section: bool = False  # inside a section that reviews what was done
    section_time: timex.TimeExpr | None = None  # the period a review section's heading names
    story_year: int | None = None  # a story: the past year the previous sentence of the paragraph spoke of


@dataclass
class Section:
    """What a heading tells about the sentences under it."""
    past: bool = False  # a review: 发展基础, “十三五”主要成就, 2021年工作回顾
    future: bool = False  # headed by a year still to come: 2022年政府工作任务
    goal: bool = False  # 主要目标: its deadline (到2025年) governs every sentence under it
    time: timex.TimeExpr | None = None  # the year or period the heading names
    goal_time: timex.TimeExpr | None = None


def _section(heading: str, ctx: Context, parent: Section | None) -> Section:
    times = [t for t in timex.find(heading, ctx.pub_year) if t.role != "base"]
    plan = _PLAN_NAME.search(heading)
    if not times and plan:
        times = [timex.TimeExpr(plan.start(), plan.end(), timex.PLANS[plan.group()], "past", plan.group())]
    time = times[0] if times else None
    past = bool(_PAST_SECTION.search(heading))
    future = False
    if time is not None and time.year is not None and ctx.anchor_year is not None:
        past = past or time.year < ctx.anchor_year
        future = not past and time.year >= ctx.anchor_year
    elif time is not None and time.year is not None and ctx.review_year is not None:
        future = not past and time.year > ctx.review_year  # "2018年工作回顾" then "2019年…总体要求"
    if past and time is not None and time.year is not None and ctx.anchor_year is not None \
            and time.year >= ctx.anchor_year:
        time = None  # "“十四五”规划基础": the heading names the coming plan, not the period reviewed
    if past and time is not None and time.year is not None:
        ctx.review_year = max(ctx.review_year or time.year, time.year)
    goal = bool(_GOAL_SECTION.search(heading))
    if parent is not None:  # a sub-heading inherits what it does not say
        past = past or (parent.past and not future and not goal)
        future = future or (parent.future and not past)
        goal = goal or parent.goal
        if time is None and (parent.past, parent.future) == (past, future):
            time = parent.time
    return Section(past, future, goal, time if (past or future) else None,
                   parent.goal_time if parent is not None and goal else None)


@dataclass
class Candidate:
    start: int
    end: int
    value: float
    upper: float | None
    unit: str
    raw: str
    count: bool
    classifier: str


def _parse(m: regex.Match, text: str) -> Candidate | None:
    g = m.groupdict()
    if g["pct"]:
        pn = g["pn"]
        return Candidate(m.start(), m.end(), 100.0 if pn == "百" else numbers.parse_number(pn), None, "%",
                         m.group(), False, "")
    if g["frac"]:
        return Candidate(m.start(), m.end(), numbers.fraction(g["fd"], g["fn"]), None, "ratio", m.group(), False, "")
    if g["fan"]:
        return Candidate(m.start(), m.end(), numbers.fan(g["ft"] or "一"), None, "ratio", m.group(), False, "")
    if g["pue"]:
        s = m.start("pv")
        return Candidate(s, m.end(), float(g["pv"]), None, "ratio", g["pv"], False, "")
    n1, n2, unit_text = g["n1"], g["n2"], g["u"]
    unit_text = _re(r"\s+").sub("", unit_text)
    chinese = not n1[0].isdigit() or (n2 is not None and not n2[0].isdigit())
    canonical, _ = units.canonical(unit_text)
    if unit_text == "度" and not g["m"]:
        return None  # 30度 is a temperature or an angle; 1.6亿度, 2700亿度 are electricity
    count = canonical == "count"
    if chinese and not g["m"] and canonical in ("count", "people", "rank"):
        return None  # 两个维护, 四个阶段, 三人: words, not measures
    try:
        if n2 is not None:
            lo_mult, lo_unit = (g["m1"] or g["m"]), (g["u1"] or unit_text)
            lo, _ = units.convert(numbers.parse_number(n1), lo_mult, _re(r"\s+").sub("", lo_unit))
            hi, unit = units.convert(numbers.parse_number(n2), g["m"], unit_text)
            if lo > hi:
                return None
            value, upper = lo, hi
        else:
            value, unit = units.convert(numbers.parse_number(n1), g["m"], unit_text)
            upper = None
    except (ValueError, KeyError):
        return None
    if unit == "rank":
        left = text[max(0, m.start() - 12):m.start()]
        if not _RANK_CUE.search(left):
            if unit_text == "名":
                unit = "people"
            else:
                return None
    if count and not float(value).is_integer():
        return None
    return Candidate(m.start(), m.end(), value, upper, unit, _re(r"\s+").sub("", m.group()), count,
                     unit_text if count else "")


def _in_quotes(text: str, start: int, end: int) -> bool:
    """Inside a short quoted name (“双60”, “六个百分之百”) or a title in 《》."""
    for o, c, limit in (("“", "”", 12), ('"', '"', 12), ("《", "》", 80)):
        i = text.rfind(o, 0, start)
        if i < 0:
            continue
        j = text.find(c, end)
        if j < 0:
            continue
        if text.find(c, i + 1, start) >= 0:
            continue
        if j - i <= limit:
            return True
    return False


def _skip(c: Candidate, text: str) -> bool:
    before = text[:c.start].rstrip()
    after = text[c.end:]
    if before.endswith("第") and c.unit != "rank":
        return True
    if _re(r"0\d").match(c.raw):
        return True  # 01人才队伍建设项目: a code with a leading zero, not a number
    if _in_quotes(text, c.start, c.end):
        return True
    if _re(r"\s*(?:及)?(?:以上|以下)\s*[）)]").match(after) and _re(r"[（(][^）)]*$").search(before):
        return True  # 大中型危险废物产生企业（5000吨/年以上）: a threshold in brackets
    if _re(r"[（(][^（()）]{0,20}(?:大于|小于|高于|低于|超过|不低于|不高于|不超过|不少于)\s*$").search(before) \
            and _re(r"\s*(?:及?以上|及?以下)?\s*[）)]").match(after):
        return True  # 高浓度瓦斯（甲烷含量大于30%）: a threshold that defines a term, not a measure
    if _re(r"\d\s*[个家座处项条]\s*$").search(before):
        return True  # 实施5个1万亩以上…工程: the size of each of five, not a measure of its own
    if c.raw.endswith("个") and after.startswith("人"):
        return True  # 5个人移动执法设备: 个人 is a word
    if c.unit == "%" and before.endswith("个"):
        return True  # 六个百分之百: a slogan
    if c.unit == "%" and after.lstrip().startswith("的") and _RHETORIC.search(before[-4:]):
        return True  # 付出100%的搏击
    if _AFTER_SKIP.match(after) and not (c.unit == "%" and after.lstrip().startswith("以上")):
        return True
    if _re(r"[A-Za-z]*\s*[/·]").match(after) or (_re(r"[A-Za-z]$").search(c.raw) and _re(r"[A-Za-z]").match(after)):
        return True  # 0.7元/W, 9吨/月·平方公里, 0.18KWh/W: a compound unit the table does not know
    if _re(r"[≥≤＞＜><]\s*$").search(before):
        return True  # 转换效率≥28%: a product or test specification, not a policy measure
    if _re(r"^[^，,。；;]{0,6}的(?:前提|情况|条件)下").match(after) or _re(r"^\s*(?:以上|以下)?的\s*[，,]").match(after):
        return True  # 在确保100%回灌的前提下, 自我声明率达到85%以上的，…: a condition, not a measure
    if _re(r"[”\"]\s*[（(][^）)]*$").search(before):
        return True  # “1+7+N”（1个市级应急中心、7个区域分中心…）: what a programme's name counts
    if c.count and _re(r"^(?:个)?(?:县|市|区|乡镇|村)").match(indicators.right_text(text, c.end)) \
            and before.count("、") >= 2 and _re(r"共\s*$|等\s*$").search(before):
        return True  # 包括…、…、…，共9个县(市、区): the size of a list just given
    if _re(r"(?:未|没有|尚未)(?:达到|达)\s*$").search(before):
        return True  # 未达到100%但…的市、县: a condition, not a measure
    if c.unit in ("m2", "m3", "km2") and after[:1].isdigit():
        return True  # 22600m28: table cells run together, not a value
    if c.unit == "km" and _re(r"^[^，,；;。\d]{0,6}?(?:范围内|以内|之内)").match(after):
        return True  # 电厂15公里供热半径范围内: a distance that bounds something else
    unbracketed = _re(r"^\s*[（(][^（()）]{0,30}[）)]").sub("", after, count=1)
    if unbracketed != after and (_re(r"^\s*(?:及)?(?:以上|以下)的").match(unbracketed)
                                 or (not c.count and _AFTER_SUBJECT.match(unbracketed))):
        return True  # 排放量达2.6万吨二氧化碳当量（综合能源消费量约1万吨标准煤）及以上的企业: who is covered
    if _re(r"^\s*[）)]\s*(?:及)?(?:以上|以下)的").match(after) and _re(r"[（(][^（()）]*$").search(before):
        return True  # （综合能源消费量约1万吨标准煤）及以上的: the bracket restates the threshold
    if c.unit == "%" and _re(r"^[A-Za-z]{2,}").match(after):
        return True  # 93%DOD, 70%EOL: a test condition of a product, not a measure
    if c.unit == "%":
        return False  # 80%以上的县级党政机关: a share of the subjects is a measure, not a threshold
    if not c.count and _AFTER_SUBJECT.match(after):
        return True  # 年综合能耗1万吨标准煤以上企业: a threshold that picks the subject
    if _AFTER_QUALIFIER.match(after) and not _LEVEL_VERB_NEAR.search(before[-8:]):
        return True  # 年运输量150万吨以上的企业: a threshold qualifying a noun
    if c.unit == "CNY" and _PENALTY.search(text):
        return True
    if c.unit == "CNY" and _re(r"(?:单项|每项|单个|每个|每家|每户|每个项目|单个项目)[^，,；;。\d]{0,10}(?:最高|最多|不超过|上限)[^，,；;。\d]{0,4}$").search(before):
        return True  # 单项最高不超过500万元: a subsidy cap per item, not a policy measure
    if _re(r"每[\u4e00-\u9fff]{0,2}\s*$").search(before) and _re(r"^[^，,；;。]{0,8}?(?:中|里)?[，,]?\s*(?:就|便)有").match(after):
        return True  # 每发3度电，就有1度是绿电; 每10辆汽车中，就有一辆: a ratio told as an example, not a measure
    if _re(r"每[^，,；;。]{0,10}(?:就|便)有\s*$").search(before):
        return True  # 平均每1分钟就有1台…下线: the other half of the example
    if c.unit == "km" and _re(r"^\s*(?:以外|之外|外)").match(after):
        return True  # 送到1500公里外的河南: where a place lies, not a measure
    if c.unit == "km" and _re(r"^\s*(?:以内|之内|内|范围)").match(after):
        return True  # 1公里以内步行, 岸线1公里范围内: a distance that bounds something else
    if c.unit == "day":
        if not _DAY_CUE.search(before[-8:] + after[:3]) or _re(r"\s*(?:左右)?(?:时间|内|之内|后|前|以后)").match(after):
            return True
    if c.unit == "hour" and not _HOUR_CUE.search(before[-8:] + after[:3]):
        return True
    if c.count and (_QUOTA.search(before[-8:]) or (_re(r"推荐|申报|限报").search(before[_clause_start(text, c.start):])
                                                    and _re(r"不超过\s*$|不多于\s*$").search(before))):
        return True  # 每个单位限报2项: an application rule, not a policy measure
    if c.unit == "people" and after.startswith("口的"):
        return True  # 近14亿人口的发展中大国: a description, not a measure
    if c.unit == "people" and (_LOGISTICS.search(text) or before.endswith("由")):
        return True  # 报名人数控制在50人以内, 核查组至少由2人组成: meeting logistics and team rules
    if c.count or c.unit == "people":
        noun = indicators.right_text(text, c.end).strip()
        if noun and _COUNT_STOP.search(noun):
            return True
    return False


def _comparator(text: str, c: Candidate) -> str:
    after = text[c.end:]
    if _re(r"\d\s*[多余]").search(c.raw) or _re(r"[万亿][多余]").search(c.raw):
        return ">="
    for pat, comp in _COMPARATOR_AFTER:
        if pat.match(after):
            return comp
    before = text[max(0, c.start - 14):c.start]
    for pat, comp in _COMPARATOR_BEFORE:
        if pat.search(before):
            return comp
    return "="


_FENBIE_COLON = regex.compile(r"分别(?:为|是|达到|达)?\s*[：:]\s*$")  # 风电、光伏和水电装机分别为：669万千瓦、…
_PIECE_BEFORE = regex.compile(r"[；;：:。！？!?][^；;：:。！？!?]*$")  # a piece: up to ；or ： (commas inside)


def _clause_start(text: str, pos: int) -> int:
    return indicators.clause_start(text, pos)


def _clause_end(text: str, pos: int) -> int:
    return indicators.clause_end(text, pos)


def _direction(text: str, start: int, floor: int) -> str:
    lo = max(_clause_start(text, start), floor)
    last = None
    for m in _DIRECTION.finditer(text, lo, start):
        last = m
    if last is None:
        return "level"
    return last.lastgroup


def _period_so_far(text: str, c: Candidate, time: timex.TimeExpr | None, carry: Carry, ctx: Context) -> bool:
    """A story written inside a plan period reports what the period has done so far, unless it says what is
    still to come (将, 要, 力争, 计划…): “十四五”期间累计外送绿电规模超2700亿度 in 2025."""
    if ctx.is_plan or ctx.pub_year is None or time is None or time.role != "target" or time.year is None:
        return False
    if not _PLAN_NAME.search(time.text) or not (time.year - 3 <= ctx.pub_year <= time.year):
        return False
    return not carry.target and not _TARGET.search(text, 0, c.start)


def _kind(text: str, c: Candidate, time: timex.TimeExpr | None, carry: Carry, ctx: Context, comparator: str) -> str:
    left = text[:c.start]
    cs, ce = _clause_start(text, c.start), _clause_end(text, c.end)
    clause = text[cs:ce]
    if _POTENTIAL.search(text[_clause_start(text, max(0, _clause_start(text, c.start) - 1)):c.start]) \
            or _ASSUMPTION.search(text) or _FRAMING.match(text):
        return "potential"  # 可安装30MW，实现居民年增收约1554万元: the cue reaches into the next clause
    if not ctx.is_plan and c.unit in ("MW", "MWh", "t/a", "t") and _PROJECT_AFTER.match(text, c.end) \
            and not _BUILT.search(text, cs, c.start) and not _BUILT_AFTER.search(text, c.end):
        return "potential"  # rule kind.story_project_size: 牛首山二期680万千瓦抽水蓄能电站项目完成招标 (not yet built)
    if _FROM.search(text[cs:c.start]) and _TO_AFTER.search(text[c.end:]):
        return "baseline"
    if _COMPARED_VALUE.search(text[cs:c.start]):
        return "baseline"  # 较“十二五”时期的200.45亿元: the value compared against
    if _period_so_far(text, c, time, carry, ctx):
        return "achievement"  # rule kind.story_period_so_far: “十四五”期间，山西建成智能化煤矿298座 (2025)
    if time is not None and time.role == "target":
        if time.year is not None and ctx.anchor_year is not None and time.year < ctx.anchor_year:
            return "achievement"  # 到2020年… in a plan written in 2021: what the last plan reached
        return "target"
    stock = None
    for stock in _BASE_STOCK.finditer(text, cs, c.start):
        pass
    if stock is not None and not _re(r"\d").search(text, stock.end(), c.start):
        return "baseline"  # 已有…近20家, 现行10%的税率 (but not the 9% it falls to)
    if time is not None and time.role == "past":
        return "achievement"
    if time is not None and time.year is not None and ctx.anchor_year is not None:
        if time.year < ctx.anchor_year:
            return "achievement"
        if time.year > ctx.anchor_year:
            return "target"
    if _DONE.search(text[c.end:]) or _SHARE_OF_TARGET.search(left):
        return "achievement"  # 碳排放强度较2015年降低24.72%，超额完成“十三五”目标任务
    if _TARGET_STRONG.search(left) or carry.target:
        return "target"
    if _ACHIEVED_STRONG.search(clause):
        return "achievement"
    if carry.past_section:
        return "achievement"  # a review section ("2021年工作回顾", "发展基础"): what was done
    if _TARGET.search(left):
        return "target"
    if _ACHIEVED.search(text, cs, min(ce, c.end + 4)):
        return "achievement"
    if comparator in (">=", "<=", "<", ">") and ctx.is_plan:
        return "target"  # rule kind.bound_in_plan: 不低于20% in a plan is a bound to reach
    return "target" if ctx.is_plan else "achievement"  # kind.story_reports: a story reports (超过23%, 20多台)


def _place(text: str, start: int, ctx: Context, whole_sentence: bool = False) -> tuple[str, str, str | None]:
    """A value's place; a milestone reads the whole sentence before it (对我国2030年前实现碳达峰，2060年前…)."""
    cs = 0 if whole_sentence else _clause_start(text, start)
    return regions.place_of_value(text, start, cs, _clause_end(text, start), ctx.places)


def _year(time: timex.TimeExpr | None) -> int | None:
    return time.year if time is not None else None


def _governing_time(times: list[timex.TimeExpr], start: int, end: int, text: str,
                    carry: Carry) -> tuple[timex.TimeExpr | None, int | None]:
    """(the time a value at start..end refers to, its base year)."""
    before = [t for t in times if t.end <= start]
    base, base_expr = None, None
    cs = _clause_start(text, start)
    prev_cs = _clause_start(text, max(0, cs - 1))
    for t in before:
        if t.role == "base" and (t.start >= cs or (t.start >= prev_cs and not text[t.end:cs - 1].strip())):
            base, base_expr = t.year, t  # 比2020年下降…; 与2017年相比，增加836万吨
    gov = next((t for t in reversed(before) if t.role != "base"), None)
    if gov is not None and _re(r"(?:从|由)").search(text, max(0, gov.start - 3), gov.start + 1) \
            and _re(r"\d[^，,；;。]*?(?:至|到)").search(text, gov.end, start):
        gov = None  # 由2015年的0个提升至7个: 2015 dates the from-value, not this one
    if gov is None:
        gov = carry.time
    if gov is None:
        ce = _clause_end(text, end)
        gov = next((t for t in times if t.start >= end and t.end <= ce and t.role != "base"), None)
    if base_expr is not None and base_expr.text in ("同比", "比上年", "较上年", "比上一年", "较上一年"):
        base = gov.year - 1 if gov is not None and gov.year is not None else base  # the year before the period
    return gov, base


def _measure_id(doc_id: str, article_idx: int, start: int, end: int, indicator: str) -> str:
    return hashlib.sha256(f"{doc_id}|{article_idx}|{start}|{end}|{indicator}".encode()).hexdigest()[:32]


def sentence_measures(text: str, ctx: Context, carry: Carry) -> tuple[list[dict], Carry]:
    """The measures of one sentence (half-width text) with offsets into ``text``; and the carry for
    the next sentence."""
    times = timex.find(text, ctx.pub_year)
    out: list[dict] = []
    if _NAV.match(text) and not text.rstrip().endswith("。"):
        return out, Carry()
    cands = []
    for m in value_re().finditer(text):
        c = _parse(m, text)
        if c is not None and not _skip(c, text):
            cands.append(c)
    time_masks = [(t.start, t.end) for t in times]
    place_masks = [(m.start, m.end) for m in regions.mentions(text) if regions.usable(m, ctx.places)] if cands else []
    masks = time_masks + place_masks
    prev_end = 0
    previous_indicator = None
    i = 0
    while i < len(cands):
        c = cands[i]
        # 分别: "A和B分别降低13.5%、18%" -> one indicator each
        group = [c]
        between = text[indicators.clause_start(text, c.start, _PIECE_BEFORE):c.start]
        colon = _FENBIE_COLON.search(text, 0, c.start)
        if colon:
            between = text[indicators.clause_start(text, colon.start(), _PIECE_BEFORE):c.start]
        if "分别" in between[-8:]:
            j = i + 1
            while j < len(cands) and _re(r"[\s、，,和及与]*(?:[^，,；;。\d]{0,4})?").fullmatch(text[group[-1].end:cands[j].start]) \
                    and cands[j].unit == c.unit:
                group.append(cands[j])
                j += 1
        names = None
        group_comparator = _comparator(text, group[-1]) if len(group) > 1 else None
        if len(group) > 1:
            at = text.rfind("分别", 0, c.start)
            names = indicators.distribute(indicators.left_phrase(text, at, prev_end, masks, cut_de=False,
                                                                 max_len=3 * indicators.MAX_LEN), len(group)) \
                or indicators.distribute(indicators.left_phrase(text, at, prev_end, masks), len(group))
        for k, cand in enumerate(group):
            if names:
                name = names[k]
            else:
                name = indicators.left_phrase(text, cand.start, prev_end, masks)
                if "、" in name and prev_end > _clause_start(text, cand.start):
                    # 创建3个绿色生态城区、|绿色建筑集中连片示范区16项: the first piece belonged to the last value
                    tail = name.rsplit("、", 1)[1]
                    name = tail if len(tail) >= 2 else name
                right = indicators.right_noun(text, cand.end)
                if cand.count:
                    if len(right) >= 2:
                        name = right
                else:
                    name = indicators.verb_object(name, right) or name
                    part = _PART_OF.fullmatch(name) if cand.unit == "%" and text[:cand.start].endswith("的") else None
                    if part:  # 节水灌溉面积达到有效灌溉面积的70%: a part of a whole
                        name = part.group(1) if _NAMES_A_RATE.search(part.group(1)) \
                            else f"{part.group(1)}占{part.group(2)}比例"[:indicators.MAX_LEN]
                    share = indicators.share_noun(text, cand.end) if cand.unit == "%" else ""
                    if share and not _NAMES_A_RATE.search(name):
                        name = share  # 选取不低于10%的|重点监管单位, 90%的|典型生态系统: the share counts what follows
                if len(name) < 2 and not cand.count:
                    right = indicators.right_noun(text, cand.end)
                    name = right if len(right) >= 2 else name
                if len(_re(r"(?:^|、)[^、](?=、|$)").findall(name)) >= 2:
                    name = right if len(right) >= 2 else ""  # 以、南、南、等: what masking a list of places left
                if len(name) < 2:
                    name = previous_indicator or name
                elif previous_indicator and _GENERIC_NAME.fullmatch(name):
                    name = previous_indicator + name  # …蓄积量增加到6.09亿立方米，增幅达29.57%
                elif previous_indicator and name.startswith("占") and "占" not in previous_indicator \
                        and prev_end > _clause_start(text, max(0, _clause_start(text, cand.start) - 1)):
                    # 装机规模达到2855万千瓦，占全省电源总装机57.3%: the share of what the last clause measured
                    name = (previous_indicator + name)[:indicators.MAX_LEN]
                elif previous_indicator and _LEVEL_ONLY.fullmatch(name) and not previous_indicator.startswith(name):
                    # 建成示范基地43个，其中国家级8个，省级35个: the level of the thing just counted
                    name = (name + _LEVEL_ONLY.sub("", indicators.strip_verb(previous_indicator), count=1))[:indicators.MAX_LEN]
            if not name or len(name) < 2:
                name = indicators.right_noun(text, cand.end)
            if not name or len(name) < 2:
                continue  # "35%。" alone (a line cut from its sentence): a number about nothing
            row = _row(text, cand, name, times, carry, ctx)
            if group_comparator not in (None, "=") and row["comparator"] == "=":
                row["comparator"] = group_comparator
            out.append(row)
            previous_indicator = name
            prev_end = cand.end
        i += len(group)
    out.extend(_commitments(text, times, cands, ctx, carry))
    # what this sentence hands to the next
    last_time = next((t for t in reversed(times) if t.role != "base"), None) or carry.time
    if out:
        target = out[-1]["kind"] == "target"
    else:
        target = bool(_TARGET_STRONG.search(text)) or carry.target
    return out, Carry(last_time, target)


def _row(text: str, c: Candidate, name: str, times, carry: Carry, ctx: Context) -> dict:
    time, base = _governing_time(times, c.start, c.end, text, carry)
    comparator = _comparator(text, c)
    kind = _kind(text, c, time, carry, ctx, comparator)
    year = _year(time)
    if kind == "achievement" and _period_so_far(text, c, time, carry, ctx):
        year = ctx.pub_year  # year.story_period_so_far: the period so far, at the time of writing
    if kind == "baseline" and time is not None and time.text.lstrip("“\"").startswith("十") and year is not None \
            and _FROM.search(text[_clause_start(text, c.start):c.start]):
        year -= 5  # “十三五”期间…由54个减少到29个: 54 is where the period started
    if year is None and time is None and carry.section_time is not None \
            and (kind in ("target", "potential")) == (not carry.past_section):
        year = carry.section_time.year  # a review section headed "“十三五”主要成就": its values are 2020's
        if kind == "baseline" and carry.section_time.text.startswith(("十", "“", '"')):
            year = carry.section_time.year - 5  # 由X增加至Y: X is the period's starting point
    if year is None and time is None and carry.section_time is None and not ctx.is_plan \
            and ctx.pub_year is not None and kind in ("achievement", "baseline") \
            and not _FROM.search(text[_clause_start(text, c.start):c.start]):
        year = ctx.pub_year  # rule year.story_present: 目前已有100台, 如今…超过91%: the story's own year
        if carry.story_year is not None and not _PRESENT.search(text):
            year = carry.story_year  # rule year.story_previous_past: the past year the last sentence spoke of
    code, level, place = _place(text, c.start, ctx)
    direction = _direction(text, c.start, 0) if c.unit not in ("count", "rank") else "level"
    raw = c.raw
    unit = units.of_substance(c.unit, name, text[max(0, c.start - 12):c.start])
    return {"kind": kind, "indicator": name, "sector": indicators.sector(name, text),
            "value": c.value, "value_upper": c.upper, "value_raw": raw, "unit": unit,
            "comparator": comparator, "direction": direction, "base_year": base, "target_year": year,
            "region_code": code, "region_level": level, "place_name": place, "start": c.start, "end": c.end}


def _table_rows(text: str, row: indicator_tables.Row, ctx: Context) -> list[dict]:
    out = []
    for cell in row.cells:
        code, level, place = _place(text, cell.start, ctx)
        out.append({"kind": cell.column.kind, "indicator": row.label, "sector": indicators.sector(row.label),
                    "value": cell.value, "value_upper": None, "value_raw": cell.raw, "unit": cell.unit,
                    "comparator": cell.comparator, "direction": row.direction, "base_year": None,
                    "target_year": cell.column.year, "region_code": code, "region_level": level,
                    "place_name": place, "start": cell.start, "end": cell.end, "evidence": row.text})
    return out


def _commitments(text: str, times, cands: list[Candidate], ctx: Context, carry: Carry) -> list[dict]:
    """Value-less dated commitments: 2030年前实现碳达峰, 2022年建成…项目二期."""
    out = []
    for t in times:
        if t.role in ("base", "past") or t.year is None:
            continue
        ce = _clause_end(text, t.end)
        nxt = next((u.start for u in times if u.start >= t.end), len(text))
        rest = text[t.end:min(ce, nxt)]
        if any(t.end <= c.start < ce for c in cands):
            continue
        m = _MILESTONE.search(rest)
        if m is None and t.role == "target":
            governed = next((u.start for u in times if u.start >= t.end and u.role not in ("base", "past")),
                            len(text))
            m = _MILESTONE_DONE.search(text, t.end, governed)
            if m and (_SUPPORTS.search(text, max(t.end, m.start() - 8), m.start())
                      or _PARTIAL_SUBJECT.search(text, max(t.end, _clause_start(text, m.start())), m.start())):
                m = None  # 到2025年，…支撑我市如期实现碳达峰: the year is the support's, not the peak's
        if m and not t.text.endswith(("前", "以前", "之前")) and not t.text.startswith(("到", "至")) \
                and not _re(r"实现|达到|率先|力争|完成").search(rest[:m.start("w")]) \
                and not _re(r"力争|确保|争取|努力|实现|将于|计划").search(text[max(0, t.start - 6):t.start]):
            m = None  # 开展2022年珠海市建筑领域碳达峰…讲座, “十四五”是碳达峰的关键期: no commitment
        if m and t.role in ("target", "point", "current"):
            done = (t.role == "point" and ctx.anchor_year is not None and t.year < ctx.anchor_year) \
                or "已" in rest[:m.start("w")]
            out.append(_milestone(m.group("w"), t.year, done, text, t.start, t.end, ctx))
            continue
        m = _COMMIT.match(rest)
        if m and t.role in ("target", "point"):
            obj = _re(r"[“”\"]").split(m.group("o"))
            obj = "".join(obj).strip()
            if len(obj) < 3 or _re(r"^(?:了|的|情况|目标任务)").match(obj):
                continue
            if t.role == "point" and ctx.anchor_year is not None and t.year < ctx.anchor_year:
                continue
            name = (m.group("v") + obj)[:indicators.MAX_LEN]
            code, level, place = _place(text, t.start, ctx, whole_sentence=True)
            out.append({"kind": "target", "indicator": name, "sector": indicators.sector(name, text), "value": None,
                        "value_upper": None, "value_raw": None, "unit": None, "comparator": "=",
                        "direction": None, "base_year": None, "target_year": t.year, "region_code": code,
                        "region_level": level, "place_name": place, "start": t.start, "end": t.end})
    # a piece of a list the deadline opened (到2030年，…；…，二氧化碳排放量达到峰值并实现稳中有降)
    if carry.time is not None and carry.time.role == "target" and carry.time.year is not None \
            and not out and not any(t.role not in ("base", "past") for t in times):
        m = _MILESTONE_DONE.search(text)
        if m and not _SUPPORTS.search(text, max(0, m.start() - 8), m.start()) \
                and not _PARTIAL_SUBJECT.search(text, _clause_start(text, m.start()), m.start()):
            out.append(_milestone(m.group("w"), carry.time.year, False, text, m.start(), m.end(), ctx))
    return out


def _milestone(word: str, year: int, done: bool, text: str, start: int, end: int, ctx: Context) -> dict:
    """A value-less carbon-peak or carbon-neutrality commitment."""
    name = "碳中和" if ("中和" in word or "净零" in word) else "碳达峰"
    code, level, place = _place(text, start, ctx, whole_sentence=True)
    return {"kind": "achievement" if done else "target", "indicator": name, "sector": "carbon", "value": None,
            "value_upper": None, "value_raw": None, "unit": None, "comparator": "=", "direction": None,
            "base_year": None, "target_year": year, "region_code": code, "region_level": level,
            "place_name": place, "start": start, "end": end}


def _context(doc: dict, art: dict) -> Context:
    code = art.get("region_code") or doc.get("region_code") or regions.NATIONAL
    pub = art.get("published_date") or doc.get("published_date")
    pub_year = pub.year if isinstance(pub, date) else None
    title = " ".join(x for x in (art.get("title"), doc.get("title")) if x and len(x) <= 60)
    title_h = numbers.halfwidth(title)
    anchor = pub_year
    for pat, first in _TITLE_PERIOD:
        if pat.search(title_h):
            anchor = anchor or first
            break
    if anchor is None:
        m = _TITLE_YEAR.search(title_h)
        if m:
            anchor = int(m.group(1))
    doc_type = doc.get("doc_type") or ""
    head = (art.get("text") or "")[:300]
    is_plan = (doc_type in _PLAN_TYPES or any(t in title for t in _PLAN_TYPES)
               or bool(_ISSUES_PLAN.search(head)))
    return Context(doc["doc_id"], doc["source_name"], art["article_idx"], code, pub_year, anchor, is_plan,
                   regions.PlaceContext.of(code))


def extract(documents: pa.Table, articles: pa.Table, sentences: pa.Table) -> pa.Table:
    docs = {d["doc_id"]: d for d in documents.to_pylist() if True} if documents.num_rows else {}
    arts = {(a["doc_id"], a["article_idx"]): a for a in articles.to_pylist()}
    by_article: dict[tuple[str, int], list[dict]] = {}
    for s in sentences.select(["doc_id", "article_idx", "sentence_idx", "text", "span_start"]).to_pylist():
        by_article.setdefault((s["doc_id"], s["article_idx"]), []).append(s)
    rows: list[dict] = []
    seen: set[str] = set()
    for key, sents in by_article.items():
        doc = docs.get(key[0], {"doc_id": key[0], "source_name": "?"})
        art = arts.get(key, {"article_idx": key[1]})
        ctx = _context(doc, art)
        sents.sort(key=lambda s: s["sentence_idx"])
        carry, list_carry, prev_text, section = Carry(), None, "", Section()
        tables_reader = indicator_tables.TableReader(ctx.anchor_year)
        sections: dict[int, Section] = {}
        art_text, prev_end, paragraph_deadline, story_year = art.get("text") or "", 0, None, None
        for s in sents:
            text = numbers.halfwidth(s["text"])
            if "\n" in art_text[prev_end:s["span_start"]]:
                paragraph_deadline = None  # a new paragraph
                story_year = None
            prev_end = s["span_start"] + len(s["text"])
            ends = prev_text.rstrip()[-1:] if prev_text else ""
            if ends in ("；", ";", "：", ":", "，", ","):
                incoming = Carry(carry.time, carry.target)
                if ends in ("：", ":"):
                    list_carry = carry
            elif list_carry is not None and _LIST_MARK.match(text):
                incoming = Carry(list_carry.time, list_carry.target)
            else:
                incoming, list_carry = Carry(), None
            rank = next((k for k, pat in enumerate(_HEADINGS) if pat.match(text)), None)
            if rank is not None:
                parent = next((sections[k] for k in range(rank - 1, -1, -1) if k in sections), None)
                sections = {k: v for k, v in sections.items() if k < rank}
                section = sections[rank] = _section(text, ctx, parent)
            if section.goal and incoming.time is None:
                incoming.time = section.goal_time
            times_here = timex.find(text, ctx.pub_year)
            if incoming.time is None and paragraph_deadline is not None \
                    and not any(t.role not in ("base",) for t in times_here) \
                    and _TARGET.search(text) and not _ACHIEVED_STRONG.search(text):
                incoming.time = paragraph_deadline  # 到2025年，…。全省森林覆盖率要达到36.5%…。: the paragraph's goals
                incoming.target = True
            opening = next((t for t in reversed(times_here) if t.role == "target"
                            and (not text[:t.start].strip() or text[:t.start].rstrip()[-1] in "，,：:")), None)
            if opening is not None:
                paragraph_deadline = opening
            elif any(t.role not in ("base",) for t in times_here):
                paragraph_deadline = None  # another time takes over the paragraph
            incoming.target = incoming.target or section.goal or section.future
            incoming.past_section = section.past
            incoming.section_time = section.time
            incoming.story_year = story_year
            found = None
            consumed, row = tables_reader.feed(text)
            if row is not None:
                found = _table_rows(text, row, ctx)
            elif consumed:
                found = []
            if found is None and indicator_tables.looks_like_row(text):
                found = []
            if found is None:
                found, carry = sentence_measures(text, ctx, incoming)
            if section.goal:
                section.goal_time = next((t for t in timex.find(text, ctx.pub_year) if t.role == "target"),
                                         section.goal_time)
            for town in regions.towns_named(text, ctx.places):
                ctx.places.last_town = town
            for f in found:
                start, end = s["span_start"] + f.pop("start"), s["span_start"] + f.pop("end")
                mid = _measure_id(key[0], key[1], start, end, f["indicator"])
                if mid in seen:
                    continue
                seen.add(mid)
                rows.append({"measure_id": mid, "doc_id": key[0], "source_name": doc["source_name"],
                             "article_idx": key[1], "sentence_idx": s["sentence_idx"], **f,
                             "evidence": f.get("evidence") or s["text"], "span_start": start, "span_end": end,
                             "extractor_version": EXTRACTOR_VERSION})
            prev_text = text
            if not ctx.is_plan and ctx.pub_year is not None:  # year.story_previous_past: 去年，…。新增装机3.6亿千瓦
                own = [t for t in times_here if t.role != "base" and t.year is not None]
                if _PRESENT.search(text):
                    story_year = None  # 从2019年7月份投运以来，…已累计…: up to now
                elif own:
                    past = own[-1].year < ctx.pub_year and not own[-1].text.startswith(("从", "自"))
                    story_year = own[-1].year if past else None
    return pa.Table.from_pylist(rows, tables.MEASURES.arrow)
