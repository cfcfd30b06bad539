"""Kind: target, achievement, baseline or potential of a value (MEASURES.md), by the first rule of
``KIND`` that decides. A rule reads ``KindInput``: the sentence, the candidate, the time that governs it
(time.py), what earlier sentences and the section hand down (``carry``: target, past_section), the
article (``ctx``: anchor_year, is_plan, pub_year) and the comparator. Cue words are in data/cues.tsv.

To change how a kind is decided: find the rule by its id (``tanlu explain`` prints it), change it or
insert a new rule at the place in the list where it should win, and give it examples.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from transforms import blocks, indicators, timex
from transforms.extract import cues, time
from transforms.extract.rules import Rule, first, rule

KIND: list[Rule] = []

_DONE = regex.compile(r"\G[^。；;]{0,30}?(?:超额完成|提前完成|均已完成|已完成|圆满完成|完成[^，,。；;]{0,12}目标(?:任务)?的)")
_SHARE_OF_TARGET = regex.compile(r"(?:完成|占)[^，,。；;]{0,12}(?:目标|任务|计划)(?:任务)?的[\d.%和、\s]*$")
_COMPARED_VALUE = regex.compile(r"(?:比(?!重|例|率)|较|相比|相较于?)[^，,。；;]{0,14}的\s*$")  # not 占…比重的10%
_FRAMING = regex.compile(r"^\s*(?:据|经|根据|按照)?[^，,。]{0,6}(?:估算|测算|预测|预计|匡算)[，,:：]")
FROM = regex.compile(r"(?:从|由)[^，,；;。从由]{0,14}$")
_TO_AFTER = regex.compile(r"^[^，,；;。]{0,10}?(?:到|至)")
_DIGIT = regex.compile(r"\d")
# a plant or project named by its size (680万千瓦抽水蓄能电站, 175万千瓦风力发电项目), and the words that say it is built
_PROJECT_AFTER = regex.compile(r"\s*(?:级)?[\u4e00-\u9fff]{0,10}?(?:电站|电厂|项目|风电场|光伏场|基地|工程)")
_BUILT = regex.compile(r"建成|建起|投产|投运|并网|已|累计|完成")
_BUILT_AFTER = regex.compile(r"(?<!力争|即将|将|计划|预计|有望|今年\d{1,2}月)(?:刚刚|已经?|正式|全面|顺利)?(?:投产|投运|并网发电|建成)(?!后)")
_PLAN_NAME = regex.compile(blocks.PLAN)


def period_so_far(text: str, c, time, carry, ctx) -> bool:
    """A story written inside a plan period reports what the period has done so far, unless it says what is
    still to come (将, 要, 力争, 计划…): “十四五”期间累计外送绿电规模超2700亿度 in 2025."""
    if ctx.is_plan or ctx.pub_year is None or time is None or time.role != "target" or time.year is None:
        return False
    if not _PLAN_NAME.search(time.text) or not (time.year - 3 <= ctx.pub_year <= time.year):
        return False
    return not carry.target and not cues.TARGET.search(text, 0, c.start)


@dataclass
class KindInput:
    text: str
    c: object  # candidates.Candidate
    time: timex.TimeExpr | None
    carry: object  # context.Carry
    ctx: object  # context.Context
    comparator: str

    def __post_init__(self):
        self.cs = indicators.clause_start(self.text, self.c.start)
        self.ce = indicators.clause_end(self.text, self.c.end)
        self.left = self.text[:self.c.start]


def _r(id, tests, decides, examples=()):
    return rule(KIND, id, tests, decides, examples)


_POTENTIAL_AFTER = regex.compile(r"\s*(?:左右|以上)?(?:有望|可望|预计将?)")


@_r("kind.potential_cue", "a potential cue (可实现, 预计, 潜力, data/cues.tsv) in the value's clause or the one "
    "before it, or 有望/预计 just after the value; an assumption (按…计算, 假设) anywhere in the sentence; a sentence framed as an estimate (经测算，)",
    "potential", [("项目建成后，预计年发电量1554万千瓦时。", "1554万千瓦时", "potential"),
                  ("在近万亩的戈壁滩上，安装了50多万块光伏板，每年可以发6亿度绿电。", "6亿度", "potential", "2023-09-03"),
                  ("经测算，每年减少二氧化碳排放2万吨。", "2万吨", "potential"),
                  ("白鹤滩水电站全部机组投产发电，每年可发电624亿千瓦时。", "624亿千瓦时", "potential", "2022-12-20"),
                  ("到2030年，760万人有望摆脱极端贫困。", "760万人", "potential", "2022-08-21"),
                  ("抽水蓄能电站装机容量120万千瓦，年设计发电量20亿千瓦时。", "20亿千瓦时", "potential", "2023-06-15"),
                  ("这项技术可以将能耗降低30%。", "30%", "potential", "2023-06-15"),
                  ("这座光热电站每年可为电网提供清洁电力12亿千瓦时。", "12亿千瓦时", "potential", "2024-05-10")])
def _potential(k: KindInput):
    if _POTENTIAL_AFTER.match(k.text, k.c.end):
        return "potential"  # 760万人有望摆脱极端贫困
    if cues.POTENTIAL.search(k.text[indicators.clause_start(k.text, max(0, k.cs - 1)):k.c.start]) \
            or cues.ASSUMPTION.search(k.text) or _FRAMING.match(k.text):
        return "potential"  # 可安装30MW，实现居民年增收约1554万元: the cue reaches into the next clause
    return None


_DONE_SINCE = regex.compile(r"已|累计|以来|截至|截止|去年|上年")


@_r("kind.story_once_built", "in a story, a value after 建成后/投产后 (and the like) earlier in its sentence, with no strong "
    "target cue (计划, 力争, 目标) before it, no target time governing the value and no word that it is done (已, 累计) "
    "between: the rest of what the project is to give once it runs (…年发电量约30亿千瓦时，相当于节约标准煤90万吨)",
    "potential",
    [("电站投产后，年发电量约30亿千瓦时，相当于节约标准煤90万吨。", "90万吨", "potential", "2024-06-02"),
     ("项目建成后，年发电量达16亿千瓦时，每年减少二氧化碳排放130万吨。", "130万吨", "potential", "2024-05-10"),
     ("项目全部投用后，将带动当地就业超过2000人。", "2000人", "potential", "2024-05-01")])
def _once_built(k: KindInput):
    if k.ctx.is_plan or not getattr(k.ctx, "is_story", False) or (k.time is not None and k.time.role == "target"):
        return None
    m = time.ONCE_BUILT.search(k.text, 0, k.c.start)  # 建成后, 投产后: once it runs
    if m is None or cues.TARGET_STRONG.search(k.text, 0, m.start()) or _DONE_SINCE.search(k.text, m.end(), k.c.start):
        return None
    return "potential"


@_r("kind.story_project_size", "in a story, a plant or project named by its size (680万千瓦抽水蓄能电站) with no word "
    "that it is built", "potential",
    [("牛首山二期680万千瓦抽水蓄能电站项目完成招标。", "680万千瓦", "potential", "2024-05-01")])
def _project_size(k: KindInput):
    if not k.ctx.is_plan and k.c.unit in ("MW", "MWh", "t/a", "t") and _PROJECT_AFTER.match(k.text, k.c.end) \
            and not _BUILT.search(k.text, k.cs, k.c.start) and not _BUILT_AFTER.search(k.text, k.c.end):
        return "potential"  # 牛首山二期680万千瓦抽水蓄能电站项目完成招标 (not yet built)
    return None


_PROJECT_BEFORE = regex.compile(r"(?:项目|电站|电厂|工程|基地|风电场|光伏场|机组)[^，,；;。]{0,12}$")
_BEING_BUILT = regex.compile(r"正在(?:加紧|紧张|加快)?(?:建设|施工|推进)|在建|建设中|施工中|正加紧|加紧建设|开工|即将(?:建成|投产|投运)|冲刺")
_DONE_NOW = regex.compile(r"(?<!力争|即将|将|计划|预计|有望)(?:建成|投产|投运|并网|已)(?!后)")


_PROJECT_NOUN = regex.compile(r"项目|电站|电厂|工程|基地|风电场|光伏场|机组")
_SIZE_OPENS = regex.compile(r"\s*(?:总|规划|设计|计划)?(?:装机容量|装机规模|装机)(?:达到?|为|约|近|超过?)?\s*$")


@_r("kind.story_project_being_built", "in a story, the size of a project or plant (项目总装机容量200万千瓦; or a clause "
    "that opens with 装机容量 after the clause that names the plant) in a sentence that says it is being built (正在建设, 在建, "
    "开工) or is still to run (计划明年全容量并网, 预计年底投产) and not that it runs; not after a strong target cue in its "
    "clause (力争, 目标)", "potential",
    [("这个正在建设的光伏项目总装机容量200万千瓦。", "200万千瓦", "potential", "2024-05-01"),
     ("今天开工的这座抽水蓄能电站总投资约90亿元，装机容量140万千瓦。", "140万千瓦", "potential", "2024-05-10"),
     ("正在建设的这个光伏基地，规划装机容量达到1000万千瓦。", "1000万千瓦", "potential", "2024-05-10"),
     ("这个海上风电项目总装机容量100万千瓦，计划明年全容量并网。", "100万千瓦", "potential", "2024-05-10"),
     ("这个项目将于今年6月建成投产，装机容量100万千瓦。", "100万千瓦", "potential", "2024-03-20")])
def _being_built(k: KindInput):
    if k.ctx.is_plan or k.c.unit not in ("MW", "MWh", "t/a") or cues.TARGET_STRONG.search(k.text, k.cs, k.c.start):
        return None  # 力争项目建成后年发电量达到60亿千瓦时: a goal
    named = _PROJECT_BEFORE.search(k.text, k.cs, k.c.start) or (
        k.cs > 0 and _SIZE_OPENS.fullmatch(k.text, k.cs, k.c.start)
        and _PROJECT_NOUN.search(k.text, indicators.clause_start(k.text, k.cs - 1), k.cs))
    if not named:
        return None
    ahead = _TO_COME.sub("", k.text)  # 计划明年全容量并网: that 并网 is still to come
    if (_BEING_BUILT.search(k.text) or len(ahead) < len(k.text)) and not _DONE_NOW.search(ahead):
        return "potential"
    return None


_CAPACITY_BEFORE = regex.compile(r"(?:产能|生产能力|年产量|处理能力|年产)[^，,；;。\d]{0,4}$")
_PROJECT_SUBJECT = regex.compile(r"项目|工厂|电站|电厂|基地|工程|装置|生产线")
# what is still to come for the project: 将产出, 即将投产, 预计年底投产, 计划…建成 (not 将 marking an object: 将风电…转化为)
_TO_COME = regex.compile(r"(?:即将|将要|(?<![这那该此])将(?![^，,；;。]{1,14}?(?:转化|转变|转换|变)为)|预计|计划|力争|有望)"
                         r"[^，,；;。]{0,10}?(?:产出|投产|投运|建成|并网|达产|开工|生产)"
                         r"(?:[并和、]?(?:投产|投运|并网|发电|运行|达产|投用))*")  # 将于今年6月建成投产: all of it to come


@_r("kind.story_capacity_to_come", "in a story, the capacity (产能, 生产能力) of a project or plant whose sentence says it is "
    "still to produce (今年6月将产出第一批, 预计年底投产) and not that it runs", "potential",
    [("这个将风电等资源高效转化为绿色甲醇的创新项目，每年总产能达25万吨，今年6月将产出第一批绿色甲醇。", "25万吨", "potential",
      "2025-03-13")])
def _capacity_to_come(k: KindInput):
    if not k.ctx.is_plan and _CAPACITY_BEFORE.search(k.text, k.cs, k.c.start) \
            and _PROJECT_SUBJECT.search(k.text, 0, k.c.start) and _TO_COME.search(k.text) \
            and not _DONE_NOW.search(k.text):
        return "potential"
    return None


_PLANNED_SIZE = regex.compile(r"(?<!《|“)规划(?![》”])[^，,；;。\d》”]{0,14}$")
_DONE_IN = regex.compile(r"已|建成|完成|并网|投产|投运|累计")


@_r("kind.story_planned_size", "in a story, a size (MW, MWh, t, m2, ha …) after 规划 in its clause with no number and no word "
    "that it is done between (规划装机容量1000万千瓦, 规划建设风电、光伏装机200万千瓦): a project's size on paper before it is "
    "built (news gold: potential); not a quoted plan (《规划》提出，…; 规划到2025年…)", "potential",
    [("这个基地规划装机容量1000万千瓦，目前一期300万千瓦已经并网。", "1000万千瓦", "potential", "2023-07-15"),
     ("据介绍，该项目总投资约260亿元，规划建设风电、光伏装机200万千瓦。", "200万千瓦", "potential", "2023-07-15")])
def _planned_size(k: KindInput):
    if k.ctx.is_plan or not getattr(k.ctx, "is_story", False) or k.c.unit not in _SIZE_UNITS \
            or (k.time is not None and k.time.role == "target"):
        return None
    m = _PLANNED_SIZE.search(k.text, k.cs, k.c.start)
    return "potential" if m is not None and not _DONE_IN.search(m.group()) else None


_SIZE_UNITS = ("MW", "MWh", "t/a", "t", "t/d", "m2", "m3", "ha", "km")


@_r("kind.from_value", "从/由 before the value and 到/至 soon after it (由54个减少到29个)", "baseline",
    [("全市燃煤锅炉由54个减少到29个。", "54个", "baseline")])
def _from_value(k: KindInput):
    return "baseline" if FROM.search(k.text[k.cs:k.c.start]) and _TO_AFTER.search(k.text[k.c.end:]) else None


@_r("kind.compared_value", "the value compared against (较“十二五”时期的200.45亿元)", "baseline",
    [("全市财政收入较2015年的200亿元增长30%。", "200亿元", "baseline")])  # not 约占全国GDP比重的10%
def _compared(k: KindInput):
    return "baseline" if _COMPARED_VALUE.search(k.text[k.cs:k.c.start]) else None


@_r("kind.story_period_so_far", "a story written inside a plan period (“十四五”期间) with no cue of what is to come",
    "achievement: what the period has done so far",
    [("“十四五”期间，山西建成智能化煤矿298座。", "298座", "achievement", "2025-03-01")])
def _so_far(k: KindInput):
    return "achievement" if period_so_far(k.text, k.c, k.time, k.carry, k.ctx) else None


_GOAL_DONE = regex.compile(r"(?:提前(?:[一二两三四五\d]+年)?|超额|已经?|圆满|全面|如期)完成[^，,；;。]{0,20}?(?:目标|任务)")


@_r("kind.story_goal_done", "in a story, an earlier clause of the sentence says a goal was met (提前一年完成“十四五”…目标, "
    "超额完成…任务) with no target cue before it, and no target cue in the value's clause: the value is what was reached",
    "achievement",
    [("全省提前一年完成“十四五”森林覆盖率目标，达到45%。", "45%", "achievement", "2024-05-20")])
def _goal_done(k: KindInput):
    if not getattr(k.ctx, "is_story", False) or k.cs == 0:
        return None
    done = _GOAL_DONE.search(k.text, 0, k.cs)
    if done is None or cues.TARGET.search(k.text, 0, done.start()) or cues.TARGET.search(k.text, k.cs, k.c.start):
        return None
    return "achievement"


@_r("kind.deadline", "a deadline governs the value (到2025年, 2030年前, 年底前 and 6月底前 of this year with no 已/累计 in "
    "the clause); one before the article's anchor year is what the last plan reached", "target, or achievement when the deadline is before the anchor year",
    [("到2025年，单位国内生产总值能耗降低13.5%。", "13.5%", "target"),
     ("到2020年，森林覆盖率达到30%。", "30%", "achievement", "2021-06-01"),
     ("年底前，至少完成1次土壤和地下水污染隐患排查。", "1次", "target", "2021-11-01", "湖南省“十四五”生态环境保护规划")])
def _deadline(k: KindInput):
    t, ctx = k.time, k.ctx
    if t is not None and t.role == "current" and t.text.endswith("前") \
            and not cues.ACHIEVED_STRONG.search(k.text, k.cs, k.ce):
        return "target"  # 年底前，至少完成1次…排查: a deadline of this year
    if t is not None and t.role == "target":
        if t.year is not None and ctx.anchor_year is not None and t.year < ctx.anchor_year:
            return "achievement"  # 到2020年… in a plan written in 2021: what the last plan reached
        return "target"
    return None


# a stock word that only says "now" (目前, 当前): what follows it may still say the value was done (目前已建成, 目前累计)
_NOW_WORD = regex.compile(r"目前|当前|现阶段")
_NOW_DONE = regex.compile(r"已经?(?!有|经)|累计|完成了?|建成了?")


@_r("kind.existing_stock", "a stock word (已有, 现有, 目前, 现行, data/cues.tsv) in the clause with no number between "
    "it and the value, and, after a word that only says now (目前, 当前), no word that the value was done (已建成, "
    "累计, 完成: 全省目前累计建成充电桩3万个 is what was built, as is 目前，全省已建成…)",
    "baseline; achievement when the now-word is followed by a done word",
    [("油坊已有规模以上光伏企业近20家。", "20家", "baseline"),
     ("目前已有1500多个项目获得了绿色建筑评价标识。", "1500多个", "baseline", "2022-07-10"),
     ("全省目前累计建成充电桩3万个。", "3万个", "achievement", "2024-05-10"),
     ("当前全省已建成充电桩3万个。", "3万个", "achievement", "2024-05-10")])
def _stock(k: KindInput):
    stock = None
    for stock in cues.STOCK.finditer(k.text, k.cs, k.c.start):
        pass
    if stock is not None and not _DIGIT.search(k.text, stock.end(), k.c.start):
        if _NOW_WORD.fullmatch(stock.group()) and _NOW_DONE.search(k.text, stock.end(), k.c.start):
            return "achievement"  # 目前累计建成…3万个, 计划…，目前已完成200万千瓦: the clause says it was done
        return "baseline"  # 已有…近20家, 现行10%的税率 (but not the 9% it falls to)
    return None


@_r("kind.story_span_to_come", "a story's value governed by a span with no year that has not begun at the publication "
    "date (下半年 in May, 四季度 in September; see year.story_span_to_come)", "target: what the span is to bring",
    [("下半年，我国还将开工建设一批重大水利工程，完成投资1.2万亿元。", "1.2万亿元", "target", "2024-05-10"),
     ("四季度，全省将新增光伏装机500万千瓦。", "500万千瓦", "target", "2024-05-10")])
def _span_to_come(k: KindInput):
    return "target" if time.span_to_come(k.time, k.text, k.c.start, k.ctx) else None


@_r("kind.past_time", "a time already gone governs the value (截至2020年底, 去年, “十三五”期间)", "achievement",
    [("截至2022年底，全省新能源汽车保有量达到50万辆。", "50万辆", "achievement")])
def _past(k: KindInput):
    return "achievement" if k.time is not None and k.time.role == "past" else None


@_r("kind.year_vs_anchor", "the governing year before or after the article's anchor year",
    "achievement before, target after", [("2021年，全市新增光伏装机20万千瓦。", "20万千瓦", "achievement", "2022-03-01"),
                                         ("2024年全市新增光伏装机20万千瓦。", "20万千瓦", "target", "2022-03-01")])
def _year_vs_anchor(k: KindInput):
    t, ctx = k.time, k.ctx
    if t is not None and t.year is not None and ctx.anchor_year is not None:
        if t.year < ctx.anchor_year:
            return "achievement"
        if t.year > ctx.anchor_year:
            return "target"
    return None


_WHOLE_YEAR_TIME = regex.compile(r"(?:今年|本年度?|今年内|年内|全年|(?:19|20)\d\d\s*年)")


@_r("kind.story_year_ahead", "in a story of the year's first half, a value governed by the whole of the publication year "
    "(今年, 2024年, 年内; not 今年一季度, 今年以来, 前8个月) with no word that it is done (已, 累计, 同比, 截至) in its clause, "
    "no 截至 before it and no 同比 after it in the sentence: what the year is to bring, told at its start", "target",
    [("今年，全国新增光伏装机2亿千瓦左右。", "2亿千瓦", "target", "2024-03-09"),
     ("今年，全省新开工重大项目500个，完成投资3000亿元。", "3000亿元", "target", "2024-01-28"),
     ("今年，全省计划新增光伏装机500万千瓦，力争项目建成后年发电量达到60亿千瓦时。", "60亿千瓦时", "target", "2024-03-09")])
def _year_ahead(k: KindInput):
    t, ctx = k.time, k.ctx
    if not getattr(k.ctx, "is_story", False) or ctx.pub_year is None or not ctx.pub_month or ctx.pub_month > 6:
        return None
    if t is None or t.year != ctx.pub_year or t.role not in ("current", "point") or not _WHOLE_YEAR_TIME.fullmatch(t.text):
        return None
    if k.text[t.start:t.end].strip() != t.text:
        return None  # a time handed down from an earlier sentence: its words are not here to read
    if _PART_OF_YEAR.match(k.text, t.end) or _OCCASION.search(k.text, 0, k.ce):
        return None  # 今年一季度, 今年以来, 今年前8个月, 今年清明假期首日: a part of the year, gone
    if cues.ACHIEVED_STRONG.search(k.text, k.cs, k.ce) or _YEAR_ON_YEAR.search(k.text, k.cs, k.ce):
        return None  # 今年…已完成, 同比增长: reported
    if _AS_OF.search(k.text, 0, k.c.start) or _SAME_PERIOD.search(k.text, k.c.end):
        return None  # 截至目前，今年…; 今年…4500万千瓦，同比增长36%: the sentence reports the value
    return "target"


_AS_OF = regex.compile(r"截至|截止|截到")
_SAME_PERIOD = regex.compile(r"同比|(?:比|较)(?:去年|上年)同期")


_YEAR_ON_YEAR = regex.compile(r"同比|比去年|较去年|比上年|较上年")
_OCCASION = regex.compile(r"假期|假日|春节|国庆|清明|五一|端午|中秋|元旦|首日|当天|当日|今天|今日|近日|\d{1,2}\s*月\s*\d{1,2}\s*日")
_PART_OF_YEAR = regex.compile(r"\s*(?:以来|至今|[一二三四1-4]季度|前|上半年|下半年|第|春|夏|秋|冬"
                              r"|(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*(?:[-—~至到]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*)?月)")


@_r("kind.done_after", "超额完成 / 提前完成 after the value, or 完成…目标的N% / 占年度计划的N% before it (how much of a "
    "plan is done so far)", "achievement",
    [("碳排放强度较2015年降低24.72%，超额完成“十三五”目标任务。", "24.72%", "achievement"),
     ("一季度，全省重点项目完成投资800亿元，占年度计划的27%。", "27%", "achievement", "2023-07-15")])
def _done(k: KindInput):
    done = _DONE.search(k.text, k.c.end)
    if done and (done.group().endswith("的") or not _DIGIT.search(k.text, done.end(), indicators.clause_end(k.text, done.end()))):
        return "achievement"  # …降低24.72%，超额完成“十三五”目标任务 (not …500万千瓦，目前已完成200万千瓦: that 已完成 is the 200's)
    return "achievement" if _SHARE_OF_TARGET.search(k.left) else None


@_r("kind.target_cue_strong", "a strong target cue before the value (力争, 确保, 目标, 到2025, data/cues.tsv)", "target",
    [("力争居民光伏屋顶安装率达50%。", "50%", "target"),
     ("今年，全省计划新增光伏装机500万千瓦，目前已完成200万千瓦。", "500万千瓦", "target", "2023-08-11"),
     ("今年的政府工作报告提出，单位国内生产总值能耗降低2.5%左右。", "2.5%", "target", "2024-09-09")])
def _target_strong(k: KindInput):
    return "target" if cues.TARGET_STRONG.search(k.left) else None


@_r("kind.carried_target", "an earlier piece of the sentence group, the paragraph's deadline, a goal section or a "
    "section headed by a year to come made the context a target", "target",
    [("主要目标：\n森林覆盖率达到36%。", "36%", "target")])
def _carried(k: KindInput):
    return "target" if k.carry.target else None


_QUOTA_AFTER = regex.compile(r"[^，,；;。]{0,16}?(?:限额|额度|任务量|配额)")


@_r("kind.quota", "the size of a quota or allocation (限额, 额度) for this year or one to come (规模达1.46万亿元的2022年新增专项"
    "债务限额已提前下达)", "target: what is allotted to be done",
    [("规模达1.46万亿元的2022年新增专项债务限额已提前下达各地。", "1.46万亿元", "target", "2022-01-08")])
def _quota(k: KindInput):
    if k.ctx.pub_year is None or not _QUOTA_AFTER.match(k.text, k.c.end, k.ce):
        return None
    years = [t.year for t in timex.find(k.text[k.cs:k.ce], k.ctx.pub_year) if t.role != "base" and t.year is not None]
    return "target" if years and min(years) >= k.ctx.pub_year else None


@_r("kind.achieved_cue_strong", "a strong achievement cue in the clause (已, 累计, 截至, 以来, data/cues.tsv), not one "
    "followed by 将/要 before the value (到今年年底，全省累计将建成充电桩50万个: a total still to come)",
    "achievement", [("全市累计建成充电桩3000个。", "3000个", "achievement")])
def _achieved_strong(k: KindInput):
    done = cues.ACHIEVED_STRONG.search(k.text, k.cs, k.ce)
    if done is None:
        return None
    if done.end() <= k.c.start and _STILL_TO_COME.match(k.text, done.end()):
        return None  # 累计将建成…50万个
    return "achievement"


_STILL_TO_COME = regex.compile(r"\s*(?:将(?!近)|要|可|预计|有望)")


@_r("kind.review_section", "inside a section that reviews what was done (发展基础, 工作回顾)", "achievement",
    [("一、发展基础\n全市森林覆盖率达到30%。", "30%", "achievement")])
def _review(k: KindInput):
    return "achievement" if k.carry.past_section else None


# 将 and an outcome verb (将达到, 将超过, 将带动, 将减少), the value just after: what something is expected to come to
_OUTLOOK = regex.compile(r"将(?:会|可|能)?(?:达到|达|超过|超|突破|增长到?|增加到?|增至|提升到?|提高到?|减少|降低|下降|"
                         r"带动|拉动|形成|产生|节约|节省)[^，,；;。\d]{0,8}$")


@_r("kind.story_outlook", "in a story, no time governs the value and nothing handed a target down, and the value follows "
    "将 and an outcome verb (市场每年将达到十万亿元量级, 将带动就业5万人): an outlook nobody is committed to",
    "potential",
    [("孕育的投资和消费市场每年将达到十万亿元量级。", "十万亿元", "potential", "2024-02-23"),
     ("这个产业园建成投用，将带动当地就业超过2000人。", "2000人", "potential", "2024-05-01")])
def _outlook(k: KindInput):
    if getattr(k.ctx, "is_story", False) and k.time is None and not k.carry.target \
            and not getattr(k.ctx, "paragraph_this_year", False) and _OUTLOOK.search(k.text, k.cs, k.c.start):
        return "potential"
    return None


@_r("kind.target_cue", "a target cue before the value (要, 将, 争取, 努力, data/cues.tsv)", "target",
    [("全省森林覆盖率要达到36.5%。", "36.5%", "target"),
     ("今年春季植树面积将比去年增加三分之二。", "三分之二", "target", "2022-03-12"),
     ("会议要求今年全国粮食产量保持在1.3万亿斤以上。", "1.3万亿斤", "target", "2022-07-05"),
     ("到今年年底，全省累计将建成充电桩50万个。", "50万个", "target", "2024-11-20")])
def _target(k: KindInput):
    return "target" if cues.TARGET.search(k.left) else None


@_r("kind.achieved_cue", "an achievement cue in the clause up to 4 characters after the value (同比, 完成, 获得)",
    "achievement", [("全市重大项目完成投资470亿元。", "470亿元", "achievement"),
                    ("截至3月底，全省光伏装机达到2000万千瓦，同比增长30%。", "30%", "achievement", "2024-05-01")])
def _achieved(k: KindInput):
    return "achievement" if cues.ACHIEVED.search(k.text, k.cs, min(k.ce, k.c.end + 4)) else None


@lru_cache(maxsize=64)
def _stock_words(text: str) -> tuple:
    """The stock words of a sentence (kind.stock_sentence asks for every value of a plan's sentence)."""
    return tuple(cues.STOCK.finditer(text))


@_r("kind.stock_sentence", "in a plan, no time governs the value, and a stock word opened an earlier clause of its sentence "
    "(现有, 拥有, 共有, 目前: data/cues.tsv) and stated a number in that clause, with no target cue from it to the value (我市现有森林面积30万亩，森林覆盖率25%; "
    "全市拥有公交车2000辆，其中新能源公交车1500辆): the rest of a list of the present stock", "baseline",
    [("我市现有森林面积30万亩，森林覆盖率25%。", "25%", "baseline", "2022-03-01", "某市“十四五”能源发展规划"),
     ("全市拥有公交车2000辆，其中新能源公交车1500辆。", "1500辆", "baseline", "2022-03-01", "某市“十四五”能源发展规划")])
def _stock_sentence(k: KindInput):
    if not k.ctx.is_plan or k.time is not None or k.cs == 0:
        return None
    stock = None
    for m in _stock_words(k.text):
        if m.end() > k.cs:
            break
        stock = m  # the last stock word before the value's clause
    if stock is None or not _DIGIT.search(k.text, stock.end(), indicators.clause_end(k.text, stock.end())):
        return None  # 加速现有数据中心节能改造: 现有 names what is changed, it states no stock
    return "baseline" if not cues.TARGET.search(k.text, stock.start(), k.c.start) else None


@_r("kind.bound_in_plan", "in a plan, a bound (不低于, 以上, 不超过) with no other cue: a requirement", "target",
    [("城镇新增就业1100万人以上。", "1100万人", "target", None, "关于印发就业促进规划的通知")])
def _bound(k: KindInput):
    return "target" if k.comparator in (">=", "<=", "<", ">") and k.ctx.is_plan else None


@_r("kind.plan_document", "nothing else decided, in a plan (通知, 方案, 规划 ... by type, title or opening)", "target",
    [("光伏装机达到50万千瓦。", "50万千瓦", "target", None, "关于印发能源发展规划的通知")])
def _plan(k: KindInput):
    return "target" if k.ctx.is_plan else None


_EVENT = regex.compile(r"(?:冬奥会|冬残奥会|奥运会|残奥会|亚运会|亚残运会|大运会|全运会|世博会|进博会|博览会|运动会|赛事)"
                       r"[^，,；;。]{0,20}$")


@_r("kind.event_to_come", "in a story about an event still being prepared (筹办, 测试活动, 倒计时), a value the event "
    "itself is said to reach (北京冬奥会…首次实现100%清洁能源供电) with no word that it is done", "target: a promise",
    [("北京冬奥会从申办到筹办，始终坚持绿色办奥。\n北京冬奥会在奥运史上首次实现100%清洁能源供电。", "100%", "target",
      "2021-11-12")])
def _event_to_come(k: KindInput):
    if getattr(k.ctx, "event_to_come", False) and _EVENT.search(k.text, k.cs, k.c.start):
        return "target"
    return None


@_r("kind.story_reports", "nothing else decided, in a report or a news story (超过23%, 20多台)", "achievement",
    [("光伏装机达到50万千瓦。", "50万千瓦", "achievement"),
     ("今年，全国新增光伏装机4500万千瓦，同比增长36%。", "4500万千瓦", "achievement", "2024-05-10"),  # not a year ahead
     ("截至目前，今年全省新增光伏装机500万千瓦。", "500万千瓦", "achievement", "2024-05-10")])
def _report(k: KindInput):
    return "achievement"


def decide(k: KindInput) -> tuple[str, str]:
    """(kind, rule id)."""
    return first(KIND, k)
