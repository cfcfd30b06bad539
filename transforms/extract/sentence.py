"""One sentence: candidates -> filters -> naming -> time -> kind -> place -> rows, then the value-less
commitments; and what the sentence hands to the next (``Carry``)."""
from __future__ import annotations

import regex

from transforms import indicators, regions, timex, units
from transforms.extract import candidates, cues, filters, kind, naming, place, time
from transforms.extract.context import Carry, Context
from transforms.extract.commitments import commitments
from transforms.extract.rules import declare, note
from transforms import blocks

_NAV = regex.compile(r"^\s*[-•·◆▪►▶]\s*\S")
_BULLETS = "-•·◆▪►▶"  # (a line _NAV matches starts with one of them, or with white space: str.isspace holds all of \s)
_COMPARATOR_AFTER = [(regex.compile(r"^\s*(?:及)?以上"), ">="), (regex.compile(r"^\s*(?:以下|以内|之内)"), "<="),
                     (regex.compile(r"^\s*(?:左右|上下|量级)"), "~")]
_COMPARATOR_BEFORE = [
    (regex.compile(r"(?:不低于|不少于|至少|(?<!不)超(?:过|出)?|(?<!不)多于|大于等于|≥|逾|突破|守住)\s*$"), ">="),
    (regex.compile(r"(?:不超过|不高于|不多于|控制在|小于等于|≤|最高可?(?:奖励|补助|资助|补贴|支持)?|最多|上限为?)\s*(?:达到|为)?\s*$"),
     "<="),
    (regex.compile(r"(?:(?<!不)低于|(?<!不)小于|<|不足|不到)\s*$"), "<"),
    (regex.compile(r"(?:(?<!不)高于|(?<!不)大于|>)\s*$"), ">"),
    (regex.compile(r"(?:约|大约|约为|约合|近|接近|将近|约占|估计|几乎(?:达到|达|为)?)\s*$"), "~"),
    # the bound before a short verb (每年至少开展1次) or a share's base (约占全国的7.2%)
    (regex.compile(r"(?:至少|不少于)[^，,；;。\d]{1,10}$"), ">="),
    (_SHARE_ABOUT := regex.compile(r"约(?:占|为|是|相当于)[^，,；;。\d]{1,16}$"), "~"),
]
SHARE_ABOUT = declare("comparator.share_about", "约占 / 约为 and the base of the share or multiple before the value "
                      "(约占全国GDP比重的10%, 约为平日流量的1.9倍)",
                      "~ (about)", [("产业链上、下游生产总值约占全国GDP比重的10%。", "10%", "~"),
                                     ("我省温室气体排放约占全国的7.2%。", "7.2%", "~"),
                                     ("今天全国路网车流量预计达到6000万辆左右，约为平日流量的1.9倍。", "1.9倍", "~")])
MORE_AFTER = declare("comparator.more_after", "多 just after a multiple or a share (提升了一倍多, 增长3倍多)", ">= (more than)",
                    [("过江通道的输电能力提升了一倍多。", "一倍", ">="), ("全省新能源汽车销量增长3倍多。", "3倍", ">=")])
_MORE_AFTER = regex.compile(r"\s*多(?!能|元|种|样|层|次|方|措|式|功能|个|家|项)")
PER_DAY = declare("unit.per_day", "日产/日均/每天/每日 before a volume or mass in its clause", "a rate per day (m3/d, t/d: "
                  "the daily units of schemas.tables.UNITS)",
                  [("“深海一号”日产天然气已达到1000万立方米。", "1000万立方米", "m3/d"),
                   ("现在平均每天超过5000辆新能源汽车乘船出海。", "5000辆", "count/d")])
_PER_DAY = regex.compile(r"(?:日产|日均|每天|每日|日处理|日供)[^，,；;。\d]{0,8}$")
SUBSTANCE = declare("unit.substance", "tonnes of what, read from the indicator and the words just before the value in its "
                    "clause (节约标准煤, 减少二氧化碳排放, 年处理; units.of_substance); the clause before is not read "
                    "(…减少二氧化碳排放26万吨，节约用水50万吨: the water is no CO2)", "tce, tCO2, t/a or CNY/t",
                    [("这个项目每年可节约标准煤10万吨，减少二氧化碳排放26万吨。", "26万吨", "tCO2"),
                     ("这个项目每年可减少二氧化碳排放26万吨，节约用水50万吨。", "50万吨", "t"),
                     ("去年全市减少碳排放12万吨，回收废钢30万吨。", "30万吨", "t", "2024-05-10")])
PLANT_CAPACITY = declare("unit.plant_capacity", "tonnes naming a plant: the value, then a product and 项目/装置/生产线/工厂 "
                         "with no verb or 的 between (40万吨煤制乙二醇项目)",
                         "t/a: a plant's size is its output per year (MEASURES.md: 万吨/年 capacities)",
                         [("40万吨煤制乙二醇项目在榆林刚刚投产。", "40万吨", "t/a")])
# a name: no 的, no verb, no conjunction between the tonnage and 项目 (减排40万吨的项目 is no name)
_PLANT_NAME = regex.compile(r"级?[^\W\d_的为是了在和与及等减排放节约替代利用消费]{0,10}?(?:项目|装置|生产线|工厂)")
_DAILY_UNITS = frozenset({"m3", "t", "count"})  # MWh/d is no canonical unit (schemas.tables.UNITS)
_MORE = regex.compile(r"[\d十百千]\s*[多余]")  # 20多台, 十多万座
_MORE_MULT = regex.compile(r"[万亿][多余]")
DIRECTION = regex.compile(
    rf"(?P<level>{blocks.alternation(blocks.LEVEL_VERBS)})"
    rf"|(?P<decrease>{blocks.alternation(blocks.DECREASE_VERBS + blocks.DECREASE_MORE)})"
    rf"|(?P<increase>{blocks.alternation(blocks.INCREASE_VERBS + blocks.INCREASE_MORE)})")

NAVIGATION = declare("filter.navigation", "a bullet line (- • ◆) that does not end with 。", "no measures in the line",
                     [("- 新增光伏装机20万千瓦", "line", "drop")])


def comparator(text: str, c) -> str:
    if c.comparator is not None:
        return c.comparator  # 上百个, 十多个: the numeral says it
    after = text[c.end:]
    if _MORE.search(c.raw) or _MORE_MULT.search(c.raw):
        return ">="
    if c.unit in ("ratio", "%") and _MORE_AFTER.match(after):
        note(MORE_AFTER.id, c.raw, ">=")
        return ">="  # 提升了一倍多
    for pat, comp in _COMPARATOR_AFTER:
        if pat.match(after):
            return comp
    before = text[max(0, c.start - 20):c.start]
    for pat, comp in _COMPARATOR_BEFORE:
        if pat.search(before):
            if pat is _SHARE_ABOUT:
                note(SHARE_ABOUT.id, c.raw, comp)
            return comp
    return "="


def direction(text: str, start: int, floor: int) -> str:
    lo = max(indicators.clause_start(text, start), floor)
    last = None
    for m in DIRECTION.finditer(text, lo, start):
        last = m
    if last is None:
        return "level"
    return last.lastgroup


def row(text: str, c, name: str, name_rules: list[str], times, carry: Carry, ctx: Context) -> dict:
    gov, base, time_rule = time.governing_time(times, c.start, c.end, text, carry)
    comp = comparator(text, c)
    k, kind_rule = kind.decide(kind.KindInput(text, c, gov, carry, ctx, comp))
    so_far = k == "achievement" and kind.period_so_far(text, c, gov, carry, ctx)
    year, year_rule = time.year_of(gov, time_rule, k, text, indicators.clause_start(text, c.start), c.start, carry,
                                   ctx, so_far)
    code, level, place_name, place_rule = place.place(text, c.start, ctx)
    note(kind_rule, c.raw, k)
    note(year_rule, c.raw, year)
    note(place_rule, c.raw, code)
    dirn = direction(text, c.start, 0) if c.unit not in ("count", "rank") else "level"
    unit = units.of_substance(c.unit, name, text[max(indicators.clause_start(text, c.start), c.start - 12):c.start])
    if c.unit == "t" or unit != c.unit:
        note(SUBSTANCE.id, c.raw, unit)  # 减少二氧化碳排放26万吨: tCO2 (the clause's words, not the clause before's)
    if unit in _DAILY_UNITS and _PER_DAY.search(text, indicators.clause_start(text, c.start), c.start):
        unit += "/d"  # 日产天然气1000万立方米, 每天超过5000辆: a daily rate
        note(PER_DAY.id, c.raw, unit)
    elif unit == "t" and _PLANT_NAME.match(text, c.end):
        unit = "t/a"  # 40万吨煤制乙二醇项目: the plant's yearly output
        note(PLANT_CAPACITY.id, c.raw, unit)
    return {"kind": k, "indicator": name, "sector": indicators.sector(name, text),
            "value": c.value, "value_upper": c.upper, "value_raw": c.raw, "unit": unit,
            "comparator": comp, "direction": dirn, "base_year": base, "target_year": year,
            "region_code": code, "region_level": level, "place_name": place_name, "start": c.start, "end": c.end,
            "kind_rule": kind_rule, "year_rule": year_rule, "place_rule": place_rule,
            "rules": [c.rule, *name_rules, kind_rule, year_rule, place_rule]}


def sentence_measures(text: str, ctx: Context, carry: Carry, times: list | None = None,
                      quiet: bool = False) -> tuple[list[dict], Carry]:
    """The measures of one sentence (half-width text) with offsets into ``text``; and the carry for
    the next sentence. ``times``: ``timex.find(text, ctx.pub_year, ctx.pub_month)`` when the caller has it already;
    ``quiet``: the caller knows the sentence holds no candidate value (candidates.MAY_HOLD_VALUE)."""
    if times is None:
        times = timex.find(text, ctx.pub_year, ctx.pub_month)
    out: list[dict] = []
    if (text[:1] in _BULLETS or text[:1].isspace()) and _NAV.match(text) and not text.rstrip().endswith("。"):
        note(NAVIGATION.id, "line", "drop")
        return out, Carry()
    if quiet and not times:  # (most sentences) no candidate to name: only what the sentence hands on
        if carry.time is not None:  # with no time of its own, a commitment needs the one handed down
            out = commitments(text, times, [], ctx, carry)
        target = out[-1]["kind"] == "target" if out else carry.target or bool(cues.TARGET_STRONG.search(text))
        return out, Carry(carry.time, target, time_rule=carry.time_rule)
    cands = [] if quiet else [c for c in candidates.find(text) if not filters.skip(c, text)]
    masks = []  # what naming leaves out of an indicator: the times and the places the sentence names
    if cands:
        masks = [(t.start, t.end) for t in times]
        masks += [(m.start, m.end) for m in regions.mentions(text)
                  if regions.usable(m, ctx.places) and not regions.bank_of(text, m)]
    prev_end = 0
    previous_indicator = None
    i = 0
    while i < len(cands):
        group = naming.group_at(text, cands, i)
        names = naming.group_names(text, group, prev_end, masks)
        group_comparator = comparator(text, group[-1]) if len(group) > 1 else None
        for k, cand in enumerate(group):
            name, name_rules = naming.name(text, cand, prev_end, masks, previous_indicator, names, k)
            if ctx.trend_topic is not None:  # 我国新能源汽车产销持续快速增长。…产量达到300万辆: 新能源汽车产量
                name = naming.after_trend(name, name_rules, ctx.trend_topic, previous_indicator is None)
            if not name or len(name) < 2:
                note(naming.RIGHT_FALLBACK.id, cand.raw, "drop: names nothing")
                continue  # "35%。" alone (a line cut from its sentence): a number about nothing
            note(name_rules[-1], cand.raw, name)
            r = row(text, cand, name, name_rules, times, carry, ctx)
            if group_comparator not in (None, "=") and r["comparator"] == "=":
                r["comparator"] = group_comparator
            out.append(r)
            previous_indicator = name
            prev_end = cand.end
        i += len(group)
    out.extend(commitments(text, times, cands, ctx, carry))
    # what this sentence hands to the next
    own = next((t for t in reversed(times) if t.role != "base"), None) if times else None
    last_time = own or carry.time
    if out:
        target = out[-1]["kind"] == "target"
    else:
        target = carry.target or bool(cues.TARGET_STRONG.search(text))
    return out, Carry(last_time, target, time_rule=None if own is not None else carry.time_rule)
