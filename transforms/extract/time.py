"""Time: the time expression that governs a value (timex.py finds them, relative ones resolved against
the article's publication year), its base year, and the year the row records. The governing time comes
from the sentence (before the value, else later in its clause) or is handed down by earlier sentences
(``Carry.time``, with the id of the rule that handed it down); the year may then be moved by a section
or a period's starting point."""
from __future__ import annotations

import regex

from transforms import indicators, numbers, timex
from transforms.extract import cues
from transforms.extract.rules import declare, note

TIME_BEFORE = declare("year.time_before", "the last time expression (not a base year) before the value in the sentence",
                      "its year", [("到2025年，单位国内生产总值能耗降低13.5%。", "13.5%", "2025"),
                       ("截至11月底，全国充电桩达到800万个。", "800万个", "2023", "2024-01-28"),  # a month to come: last year's
                       ("1至12月，全国发电量同比增长6.7%。", "6.7%", "2023", "2024-01-28"),
                       ("四季度，全省新能源汽车产量增长30%。", "30%", "2023", "2024-01-28"),  # a quarter still to come
                       ("新的一年，全省将新建5G基站2万个。", "2万个", "2024", "2024-01-28"),  # the year just begun
                       ("今天启动活动，开展5年共4000亩的生态修复。", "4000亩", "2028", "2023-06-05"),  # N年共: from now
                       ("截至去年年底，全国已建成5G基站231万个。", "231万个", "2022", "2023-06-15"),  # 去年年底: last year's end
                       ("明年年底前，全市将建成充电桩1万个。", "1万个", "2024", "2023-06-15")])
FROM_YEAR = declare("year.from_year_skipped", "由2015年的N…提升至M: the time dates the from-value",
                    "the time does not govern the later value",
                    [("光伏电站由2015年的0个提升至7个。", "7个", "skip 2015年"),
                     ("如今，动力电池全球市场份额已经从2021年时的四成多提升到了七成左右。", "七成", "skip 从2021年", "2025-09-18")])
TIME_AFTER = declare("year.time_after", "no time before the value, none handed down: a time later in its clause",
                     "its year")
NO_TIME = declare("year.none", "no time governs the value", "no year",
                  [("全市累计建成充电桩3000个。", "3000个", "None")])
PREVIOUS_PIECE = declare("year.previous_piece", "the sentence before ends with ；，： and had a time",
                         "the time of the previous piece", [("到2025年：\n森林覆盖率达到36%。", "36%", "2025")])
LIST_ITEM = declare("year.list_item", "a list item (1. （一） ①) after a line ending with ：", "the time the list opened",
                    [("到2025年，主要目标是：\n（一）森林覆盖率达到36%。\n（二）草原综合植被盖度达到50%。", "50%", "2025")])
SECTION_GOAL = declare("year.section_goal", "under a goal heading (主要目标) whose deadline an earlier sentence gave",
                       "that deadline",
                       [("二、主要目标\n到2025年，非化石能源消费比重达到20%。\n森林覆盖率达到36%。", "36%", "2025")])
PARAGRAPH_DEADLINE = declare("year.paragraph_deadline", "a deadline opened the paragraph (…提出，到2025年，…。) and this "
                             "sentence has a target cue and no time of its own", "the paragraph's deadline",
                             [("会议提出，到2025年，新增光伏装机20万千瓦。全省森林覆盖率要达到36.5%。", "36.5%", "2025")])
PLAN_START = declare("year.plan_start", "a baseline from-value (由A…到B) in a plan period (“十三五”期间)",
                     "the period's first year (its last year minus 5)",
                     [("“十三五”期间，全市燃煤锅炉由54个减少到29个。", "54个", "2015")])
SECTION_TIME = declare("year.section_time", "no time at all, in a section whose heading names a period (“十三五”主要成就)",
                       "the heading's year (a baseline: the period's start)",
                       [("一、“十三五”主要成就\n全市森林覆盖率达到30%。", "30%", "2020", "2021-06-01")])

STORY_SO_FAR = declare("year.story_period_so_far", "kind.story_period_so_far decided the kind", "the publication year",
                       [("“十四五”期间，山西建成智能化煤矿298座。", "298座", "2025", "2025-03-01")])
STORY_PRESENT = declare("year.story_present", "a story's reported fact with no time (目前已有100台, 如今…超过91%)",
                        "the publication year", [("目前全市已有充电桩100台。", "100台", "2023", "2023-05-01"),
                                                 ("十年前开工建设的这座电站，目前年发电量达到50亿千瓦时。", "50亿千瓦时", "2023",
                                                  "2023-07-15"),  # 目前年: not 前年
                                                 ("如今，我国动力电池全球市场份额已经从2021年时的四成多提升到了七成左右。",
                                                  "七成", "2025", "2025-09-18")])
STORY_PREVIOUS_PAST = declare("year.story_previous_past", "a story's sentence with no time and no word of the present, "
                              "after a sentence of the paragraph that spoke of a past year", "that year",
                              [("2022年，全省光伏发电量增长20%。新增装机300万千瓦。", "300万千瓦", "2022", "2023-05-01")])
STORY_THIS_YEAR = declare("year.story_this_year", "a story's target, or forecast (预计, 有望), with no time, in a paragraph "
                          "an earlier sentence of which spoke of this year or of a day of it (今年，中央将…。全国共安排造林种草"
                          "任务9606万亩; 今天预计…超2.97亿人次。其中，铁路客运量预计1750万人次)", "the publication year",
                          [("今年，中央将加快推进国土绿化。全国共安排造林种草任务9606万亩。", "9606万亩", "2022", "2022-03-12"),
                           ("今天预计全社会跨区域人员流动量超2.97亿人次。其中，铁路客运量预计1750万人次。", "1750万人次", "2024",
                            "2024-04-04")])
_FORECAST = regex.compile(r"预计|预测|有望|可望")
STORY_DATE = declare("year.story_date", "a story's value with no time, after a day or month with no year in its sentence "
                     "(从7月1日开始, 今天, 近日, 五月份) or an occasion of the year (迎峰度夏, 春运, 国庆假期, 汛期)", "the publication year",
                     [("从7月1日开始，深圳新建民用建筑要百分之百实现“绿色化”。", "百分之百", "2022", "2022-07-10"),
                      ("今天预计全社会跨区域人员流动量超2.97亿人次。", "2.97亿人次", "2024", "2024-04-04"),
                      ("迎峰度夏期间，全国最大电力负荷预计达到13.7亿千瓦。", "13.7亿千瓦", "2023", "2023-06-15")])
DAY_OR_MONTH = _DAY_OR_MONTH = regex.compile(r"(?<![\d年])(?:\d{1,2}|[一二三四五六七八九十]{1,2})月(?:\d{1,2}[日号]|份|底|初|中旬|上旬|下旬)?"
                              r"|今天|今日|当天|近日|这几天"
                              r"|迎峰度夏|迎峰度冬|春运|(?:春节|国庆|五一|清明|端午|中秋|元旦)(?:假期|期间|长假)|汛期|供暖季|采暖季")
SINCE = declare("year.since_then", "a past time followed by 以来/至今 (去年以来, 2020年至今): a period that runs up to "
                "the time of writing", "the publication year",
                [("去年以来，全国累计新增光伏装机2亿千瓦。", "2亿千瓦", "2024", "2024-05-01"),
                 ("2021年至今，全省累计建成充电站2000座。", "2000座", "2024", "2024-03-20")])
STORY_LAST_YEAR = declare("year.story_whole_year_early", "a story published in January or February that reports 全年, "
                          "一年来 or 过去一年 with no year", "the year just ended",
                          [("全年，全省新增光伏装机500万千瓦。", "500万千瓦", "2023", "2024-01-28")])
STORY_WHOLE_YEAR = declare("year.story_whole_year", "a story's target or estimate with no time after 全年 (预计全年新增装机"
                           "1.2亿千瓦)", "the publication year",
                           [("预计全年新增装机1.2亿千瓦。", "1.2亿千瓦", "2022", "2022-12-20")])
AVERAGE_SPAN = declare("year.average_rate_span", "a yearly average (年均, 年平均) after one year and before a later one "
                       "in its sentence (2021年销量352.1万辆，随后以年均超50%的增速不断增长，2024年突破1200万辆): a rate "
                       "over the span", "the span's last year",
                       [("2021年销量352.1万辆，随后以年均超50%的增速不断增长，2024年突破1200万辆。", "50%", "2024",
                         "2025-09-18"),
                        ("2016年全市新能源汽车保有量1万辆，此后年均增长40%，2020年达到4万辆。", "40%", "2020", "2021-03-01")])
SINCE_EVENT = declare("year.since_event", "a year, then an event and 以来 in its clause (2021年全国碳市场上线以来, 2017年"
                      "开展试点以来): a period that runs from that event up to the time of writing", "the publication year",
                      [("2021年全国碳排放权交易市场上线以来，累计成交量2.3亿吨。", "2.3亿吨", "2023", "2023-06-15"),
                       ("2019年这项工程开工建设以来，已累计完成投资300亿元。", "300亿元", "2024", "2024-05-01"),
                       ("去年投运以来，这座电站累计发电量超过10亿千瓦时。", "10亿千瓦时", "2024", "2024-05-20")])
_SINCE_EVENT = regex.compile(r"[^，,；;。\d年]{1,20}?(?:以来|至今)")
SPAN_START = declare("year.span_start", "a from-value (由A…到B, 从A…到B) governed by a span of two years (2012年到2022年，"
                     "…由14.5%提升到25.9%)", "the span's first year: where the change started (the to-value keeps the "
                     "span's last year, year.time_before)",
                     [("2012年到2022年，我国清洁能源消费比重由14.5%提升到25.9%。", "14.5%", "2012", "2023-06-15"),
                      ("2012年至2022年，全国森林覆盖率从21.63%提高到24.02%。", "21.63%", "2012", "2023-06-15"),
                      ("从2012年到2023年，我国森林覆盖率从21.63%提高到24.02%。", "21.63%", "2012", "2024-03-12")])
_SPAN_FIRST = regex.compile(r"((?:19|20)\d\d)\s*(?:年\s*)?[-—–~至到]")
_SPAN_OPENED = regex.compile(r"(?:从|自|由)\s*((?:19|20)\d\d)\s*年(?:底|末)?\s*$")  # 从2012年|到2023年: the span read as two times
LAST_MONTH = declare("year.last_month", "上个月 / 上月 before the value in a story with no time of its own", "the "
                     "publication year, or the year before in a story of January (上个月 is December)",
                     [("上个月，全国新能源汽车销量达到119万辆。", "119万辆", "2023", "2024-01-15"),
                      ("上个月，全国新能源汽车销量达到80万辆。", "80万辆", "2024", "2024-06-15")])
_LAST_MONTH = regex.compile(r"上个?月")
MONTH_GONE = declare("year.story_month_gone", "a story's reported fact whose sentence names a month (12月, 十二月) that "
                     "timex leaves without a year, later in the year than the publication month, and no word of the "
                     "present before the value",
                     "the year before the publication year: that month has not come yet this year, so it is last year's",
                     [("12月，全国新能源汽车销量达到150万辆。", "150万辆", "2024", "2025-01-15")])
# a month with no year (12月, 十二月, 1—11月: the last), not 8个月 or a day of it (12月1日 is still that month)
_MONTH_NAMED = regex.compile(r"(?<![\d年个])(1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])\s*月(?!份?\s*以来)")
SAME_PERIOD = declare("year.same_period_base", "去年同期 / 上年同期 (与去年同期相比, 较上年同期): the period a change is "
                      "measured from", "a base year, not the time of the value",
                      [("与去年同期相比，全国发电量增长5%。", "5%", "base", "2023-06-15")])
_SAME_PERIOD = regex.compile(r"\s*同期")
SINCE_START = declare("year.since_start", "从/自 a past year 开始/起, and 累计/已 in the value's clause (从2019年开始，全省累计建成"
                      "充电桩10万个): a period that runs up to the time of writing", "the publication year",
                      [("从2019年开始，全省累计建成充电桩10万个。", "10万个", "2023", "2023-06-15"),
                       ("目前，从2020年起全市已建成口袋公园300个。", "300个", "2023", "2023-06-15")])
_START_AFTER = regex.compile(r"\s*(?:开始|起)")
_SO_FAR_CUE = regex.compile(r"累计|已")
_AVERAGE = regex.compile(r"年均|年平均|平均每年")
_SINCE_AFTER = regex.compile(r"\s*(?:以来|至今|到现在|迄今)")
_WHOLE_YEAR = regex.compile(r"(?<![今明去前上])全年|一年来|过去一年")
PRESENT = regex.compile(r"如今|目前|现在|今天|当前|眼下|截至目前|已经|(?<!而|并|早)已|今年|现有|年来|以来|累计")
_UP_TO = regex.compile(r"截至|截止")
_NOW_AFTER = regex.compile(r"如今|目前|现在|当前|眼下|今年|以来|至今|迄今")
UP_TO_PAST = declare("year.up_to_past_carries", "a story's sentence whose own last time is a past date written 截至/截止 (截至2023年12月底, "
                     "截至去年底) with no word of the present after it (如今, 目前, 今年, 以来): its figures are that date's, even "
                     "with 今天 (今天发布数据) or 累计 in it, so the next sentence with no time of its own is of that year too "
                     "(year.story_previous_past)", "the sentence hands that year (the subject: its time) to the next",
                     [("国家能源局今天发布数据，截至2023年12月底，全国累计发电装机容量约29.2亿千瓦。其中，太阳能发电装机容量约6.1亿千瓦。",
                       "截至2023年12月底", "2023", "2024-01-25")])


NOW_AFTER_PAST = declare("year.now_after_past", "a story's value after a past time of its sentence (2012年, 十年前的…) with a "
                         "word of the present opening a clause between them (如今, 目前, 现在, 当前, 眼下, 截至目前): the sentence "
                         "contrasts then and now, and the value is now's", "the publication year",
                         [("2012年，我国可再生能源装机仅有3亿千瓦，如今已经突破13亿千瓦。", "13亿千瓦", "2023", "2023-06-10"),
                          ("2015年全省光伏装机只有50万千瓦，而目前已达到1200万千瓦。", "1200万千瓦", "2024", "2024-03-01")])
_NOW_OPENS = regex.compile(r"(?:[，,；;：:]|而|但|可)\s*(?:如今|目前|现在|当前|眼下|截至目前|截止目前)")


def now_after_past(time: timex.TimeExpr | None, rule: str, text: str, start: int, ctx) -> bool:
    """True when a story's value governed by a past time of its own sentence comes after a clause opened by a word
    of the present (…2012年，…仅有3亿千瓦，如今已经突破13亿千瓦): the value is of the time of writing."""
    return rule == TIME_BEFORE.id and time is not None and time.year is not None and getattr(ctx, "is_story", False) \
        and ctx.pub_year is not None and time.year < ctx.pub_year and time.end <= start \
        and _NOW_OPENS.search(text, time.end, start) is not None


def speaks_of_now(text: str, own: list[timex.TimeExpr], pub_year: int | None) -> bool:
    """Whether a story's sentence speaks of the time of writing (then the next sentence does not take its past year):
    a word of the present (PRESENT), unless its last time is a past date written 截至… with no such word after it."""
    if not PRESENT.search(text):
        return False
    last = own[-1] if own else None
    if last is not None and pub_year is not None and last.year is not None and last.year < pub_year \
            and (_UP_TO.match(last.text) or _UP_TO.search(text, max(0, last.start - 2), last.start)) \
            and not _NOW_AFTER.search(text, last.end):
        note(UP_TO_PAST.id, last.text, last.year)
        return False  # 今天发布数据，截至2023年12月底，全国累计…: the figures are of the end of 2023
    if last is not None and pub_year is not None and last.year is not None and last.year < pub_year \
            and last.role in ("point", "past") and not PRESENT.search(text, last.end) \
            and not _FROM_MARK.search(text, max(0, last.start - 2), last.start) \
            and not _FROM_MARK.match(last.text) and not last.text.startswith("自") \
            and not _SINCE_AFTER.match(text, last.end):
        note(PAST_YEAR_REPORTED.id, last.text, last.year)
        return False  # 国家能源局今天发布数据，2023年全国可再生能源新增装机…: the figures are of 2023
    return True


PAST_YEAR_REPORTED = declare("year.past_year_reported", "a story's sentence whose own last time is a past year or period "
                             "(2023年, 去年) with no word of the present after it (今天, 目前, 已, 累计…), though one stands "
                             "before it (国家能源局今天发布数据，2023年…): its figures are that year's, so the next sentence "
                             "with no time of its own is of that year too (year.story_previous_past); not a from-year "
                             "(从2021年…) or a start (2012年以来)",
                             "the sentence hands that year (the subject: its time) to the next",
                             [("国家能源局今天发布数据，2023年全国可再生能源新增装机3.05亿千瓦。其中，风电新增7590万千瓦。",
                               "2023年", "2023", "2024-01-25")])


_FROM_MARK = regex.compile(r"(?:从|由)")
_TO_LATER = regex.compile(r"(?:\d|[一二两三四五六七八九十]成)[^，,；;。]*?(?:至|到)")  # 由2015年的0个…至; 从2021年时的四成多提升到
_FROM = regex.compile(r"(?:从|由)[^，,；;。从由]{0,14}$")
_YEAR_BEFORE = ("同比", "比上年", "较上年", "比上一年", "较上一年")


SPAN_TO_COME = declare("year.story_span_to_come", "a story's target or estimate governed by a span with no year (下半年, "
                       "四季度, 12月份) that has not begun at the publication date, told after the year's first quarter or "
                       "with a word of what is to come before the value (将, 要, 计划, 预计): timex dates such a span last year "
                       "(四季度 in a story of January), but here it is still ahead", "the publication year",
                       [("下半年，我国还将开工建设一批重大水利工程，完成投资1.2万亿元。", "1.2万亿元", "2024", "2024-05-10"),
                        ("下半年，预计全国用电量同比增长6%左右。", "6%", "2024", "2024-06-10"),
                        ("四季度，全省计划新增光伏装机500万千瓦。", "500万千瓦", "2024", "2024-09-10"),
                        ("一季度，全省计划新开工项目200个。", "200个", "2024", "2024-01-20")])  # begun, still to come
_QUARTER_FIRST = {"一": 1, "1": 1, "前三": 1, "二": 4, "2": 4, "三": 7, "3": 7, "四": 10, "4": 10}
_TO_COME_CUE = regex.compile(r"将|要|计划|预计|预测|有望|力争|争取|确保")


def span_to_come(time: timex.TimeExpr | None, text: str, start: int, ctx) -> bool:
    """True when ``time`` is a span with no year that timex read as last year's (it ends after the publication month)
    but that has not begun when the story is published (下半年 in May), in a story after March or with a word of
    what is to come before the value; or that has begun and not ended (一季度 in January) with such a word: a span
    of the publication year still ahead."""
    if time is None or time.role != "past" or not getattr(ctx, "is_story", False) or not ctx.pub_month \
            or ctx.pub_year is None or time.year != ctx.pub_year - 1:
        return False
    m = timex.SPAN.fullmatch(time.text)
    if m is None:
        return False
    if m["half"]:
        first_month = 7 if m["half"] == "下半年" else 1
    elif m["q"]:
        first_month = _QUARTER_FIRST[m["q"]]
    elif m["sm"]:
        first_month = int(m["sm"])
    else:
        first_month = 1  # 前N个月: begun with the year
    if first_month <= ctx.pub_month:  # begun, not ended: this year's only when what is said is still to come
        return _TO_COME_CUE.search(text, 0, start) is not None  # 一季度，全省计划新开工项目200个 (January)
    return ctx.pub_month >= 4 or _TO_COME_CUE.search(text, 0, start) is not None


def _from_value(before: str) -> bool:
    """从/由 just before the value with no 到/至 in between: the value is where a change starts."""
    m = _FROM.search(before)
    return m is not None and not regex.search(r"到|至", m.group())


def governing_time(times: list[timex.TimeExpr], start: int, end: int, text: str,
                   carry) -> tuple[timex.TimeExpr | None, int | None, str]:
    """(the time a value at start..end refers to, its base year, the rule that chose the time)."""
    before = [t for t in times if t.end <= start]
    same_period = [t.role == "past" and _SAME_PERIOD.match(text, t.end) is not None for t in before]
    if any(same_period):
        note(SAME_PERIOD.id, regex.sub(r"\s+", "", text[start:end]), "base")  # 与去年同期相比: a base, not the time
        before = [timex.TimeExpr(t.start, t.end, t.year, "base", t.text) if b else t for t, b in zip(before, same_period)]
    base, base_expr = None, None
    cs = indicators.clause_start(text, start)
    prev_cs = indicators.clause_start(text, max(0, cs - 1))
    for t in before:
        if t.role == "base" and (t.start >= cs or (t.start >= prev_cs and not text[t.end:cs - 1].strip())):
            base, base_expr = t.year, t  # 比2020年下降…; 与2017年相比，增加836万吨
    gov = next((t for t in reversed(before) if t.role != "base"), None)
    rule = TIME_BEFORE.id
    if gov is not None and _FROM_MARK.search(text, max(0, gov.start - 3), gov.start + 1) \
            and _TO_LATER.search(text, gov.end, start):
        note(FROM_YEAR.id, regex.sub(r"\s+", "", text[start:end]), f"skip {gov.text}")
        gov = None  # 由2015年的0个提升至7个: 2015 dates the from-value, not this one
    if gov is not None and gov.year is not None and _AVERAGE.search(text, indicators.clause_start(text, start), start):
        later = next((t for t in times if t.start >= end and t.role != "base" and t.year is not None
                      and t.year > gov.year), None)
        if later is not None:
            gov, rule = later, AVERAGE_SPAN.id  # 2021年…，随后以年均超50%的增速…，2024年突破…: the rate up to 2024
    if gov is None:
        gov, rule = carry.time, carry.time_rule or PREVIOUS_PIECE.id
    if gov is None:
        ce = indicators.clause_end(text, end)
        gov = next((t for t in times if t.start >= end and t.end <= ce and t.role != "base"), None)
        rule = TIME_AFTER.id if gov is not None else NO_TIME.id
    if base_expr is not None and base_expr.text in _YEAR_BEFORE:
        base = gov.year - 1 if gov is not None and gov.year is not None else base  # the year before the period
    return gov, base, rule


POTENTIAL_UNTIMED = declare(
    "year.story_potential_untimed", "in a story, a potential whose governing time is gone (一期项目已于去年并网发电，年发电量可达…) "
    "or is followed by 建成后/投产后 before the value (项目将于今年建成，投产后年产值可达…): the time is the project's, "
    "not the capacity's", "no year",
    [("一期项目已于去年并网发电，年发电量可达5亿千瓦时。", "5亿千瓦时", "None", "2024-06-15"),
     ("项目将于今年建成，投产后年产值可达1800亿元。", "1800亿元", "None", "2024-06-15")])
# 建成后, 投产后, 全部投用后: once the project runs (not 建成后的第一年: a time); kind.story_once_built reads it too
ONCE_BUILT = regex.compile(r"(?:建成|投产|投运|投用|达产|并网|运行|运营|完工)(?:发电)?(?:以?后|之后)(?![的第])")


def year_of(time: timex.TimeExpr | None, rule: str, kind: str, text: str, clause_start: int, start: int,
            carry, ctx, so_far: bool) -> tuple[int | None, str]:
    """(the row's year, the rule that decided it) from the governing time, the section and the story."""
    if kind in ("target", "potential") and span_to_come(time, text, start, ctx):
        return ctx.pub_year, SPAN_TO_COME.id  # 下半年，…将…完成投资1.2万亿元 (May): this year's second half, ahead
    if kind == "potential" and time is not None and getattr(ctx, "is_story", False) and ctx.pub_year is not None \
            and (time.role == "past" or (time.year is not None and time.year < ctx.pub_year)
                 or ONCE_BUILT.search(text, time.end, start)):
        return None, POTENTIAL_UNTIMED.id
    if now_after_past(time, rule, text, start, ctx):
        return ctx.pub_year, NOW_AFTER_PAST.id  # 2012年，…仅有3亿千瓦，如今已经突破13亿千瓦: now's
    year = time.year if time is not None else None
    # a time before the publication year that may open a period running up to the time of writing
    earlier = time is not None and year is not None and ctx.pub_year is not None and year < ctx.pub_year
    if earlier and time.role in ("past", "point") and _SINCE_AFTER.match(text, time.end):
        year, rule = ctx.pub_year, SINCE.id  # 去年以来…累计: up to now
    elif earlier and time.role in ("point", "past") and _SINCE_EVENT.match(text, time.end):
        year, rule = ctx.pub_year, SINCE_EVENT.id  # 2021年全国碳市场上线以来，累计…: up to now
    elif earlier and time.role == "point" \
            and (time.text.startswith(("从", "自")) or text[max(0, time.start - 1):time.start] in ("从", "自")) \
            and (time.text.endswith("起") or _START_AFTER.match(text, time.end)) \
            and _SO_FAR_CUE.search(text, clause_start, start + 1):
        year, rule = ctx.pub_year, SINCE_START.id  # 从2019年开始，全省累计建成…: up to now
    if kind == "baseline" and time is not None and time.role == "point" and _from_value(text[clause_start:start]):
        first_year = _SPAN_FIRST.match(time.text)
        if first_year is not None:
            year, rule = int(first_year.group(1)), SPAN_START.id  # 2012年到2022年，…由14.5%…: 14.5% is 2012's
    if kind == "baseline" and time is not None and time.text.startswith(("到", "至")) \
            and _from_value(text[clause_start:start]):
        opened = _SPAN_OPENED.search(text, 0, time.start)
        if opened is not None:
            year, rule = int(opened.group(1)), SPAN_START.id  # 从2012年到2023年，…从21.63%提高到24.02%: 2012's
    if kind == "achievement" and so_far:
        year, rule = ctx.pub_year, STORY_SO_FAR.id  # the period so far, at the time of writing
    if kind == "baseline" and time is not None and time.text.lstrip("“\"").startswith("十") and year is not None \
            and _FROM.search(text[clause_start:start]):
        year, rule = year - 5, PLAN_START.id  # “十三五”期间…由54个减少到29个: 54 is where the period started
    if year is None and time is None and carry.section_time is not None \
            and (kind in ("target", "potential")) == (not carry.past_section):
        year, rule = carry.section_time.year, SECTION_TIME.id  # a review section headed "“十三五”主要成就": 2020's
        if kind == "baseline" and carry.section_time.text.startswith(("十", "“", '"')):
            year = carry.section_time.year - 5  # 由X增加至Y: X is the period's starting point
    if year is None and time is None and carry.section_time is None and not ctx.is_plan \
            and ctx.pub_year is not None and kind in ("achievement", "baseline") \
            and not _from_value(text[clause_start:start]):
        year, rule = ctx.pub_year, STORY_PRESENT.id  # 目前已有100台, 如今…超过91%: the story's own year
        if carry.story_year is not None and not PRESENT.search(text):
            year, rule = carry.story_year, STORY_PREVIOUS_PAST.id  # the past year the last sentence spoke of
        if _LAST_MONTH.search(text, 0, start):
            year, rule = ctx.pub_year - (ctx.pub_month == 1), LAST_MONTH.id  # 上个月 in January: December
        elif ctx.pub_month and not PRESENT.search(text, 0, start):
            month = None
            for m in _MONTH_NAMED.finditer(text, 0, start):
                month = m.group(1)
            if month is not None and (int(month) if month.isdigit() else numbers.parse_chinese(month)) > ctx.pub_month:
                year, rule = ctx.pub_year - 1, MONTH_GONE.id  # 12月，…销量达到150万辆 in January: last December
    if kind in ("achievement", "baseline") and getattr(ctx, "is_story", False) and ctx.pub_year is not None \
            and (ctx.pub_month or 12) <= 2 and (time is None or rule == STORY_PRESENT.id or year == ctx.pub_year) \
            and _WHOLE_YEAR.search(text, 0, start) and not regex.search(r"今年", text[:start]):
        return ctx.pub_year - 1, STORY_LAST_YEAR.id  # 全年… in a story of late January: the year just ended
    if year is None and time is None and kind in ("target", "potential") and getattr(ctx, "is_story", False) \
            and ctx.pub_year is not None and _WHOLE_YEAR.search(text, 0, start):
        year, rule = ctx.pub_year, STORY_WHOLE_YEAR.id  # 预计全年新增装机…: this year's
    if year is None and time is None and getattr(ctx, "is_story", False) and ctx.pub_year is not None \
            and _DAY_OR_MONTH.search(text, 0, start):
        year, rule = ctx.pub_year, STORY_DATE.id  # 从7月1日开始，…要百分之百实现: this year's 1 July
    if year is None and time is None and getattr(ctx, "is_story", False) and getattr(ctx, "paragraph_this_year", False) \
            and (kind == "target" or (kind == "potential" and _FORECAST.search(text, clause_start, start + 8))):
        year, rule = ctx.pub_year, STORY_THIS_YEAR.id  # 今年，…将…。…安排…任务N: this year's plan
    if kind == "achievement" and getattr(ctx, "is_story", False) and year is not None and ctx.pub_year is not None \
            and year > ctx.pub_year:
        year, rule = ctx.pub_year, STORY_NOT_AHEAD.id  # 提前一年完成“十四五”…目标，达到45% (2024): reached by now
    return year, rule


STORY_NOT_AHEAD = declare("year.story_achievement_not_ahead", "in a story, an achievement whose governing time is a year "
                          "after the publication year (提前一年完成“十四五”…目标，达到45% in 2024: the plan's 2025)",
                          "the publication year: what is done is done by the time of writing",
                          [("全省提前一年完成“十四五”森林覆盖率目标，达到45%。", "45%", "2024", "2024-05-20")])
