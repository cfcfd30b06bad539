"""Naming: the indicator a value measures. indicators.py reads noun phrases (the words before a value with
times, places and cue verbs taken away, the noun after a count's classifier); the rules here choose
among them: one indicator each for a 分别 list, a count's noun, a verb's object, a part of a whole, a
share's noun, and what the previous value of the sentence measured when this one names nothing.

``name`` returns the indicator and the ids of the naming rules that shaped it, in order."""
from __future__ import annotations

import regex

from transforms import indicators
from transforms.extract.candidates import Candidate
from transforms.extract.rules import declare, note

_FENBIE_COLON = regex.compile(r"分别(?:为|是|达到|达)?\s*[：:]\s*$")  # 风电、光伏和水电装机分别为：669万千瓦、…
_PIECE_BEFORE = regex.compile(r"[；;：:。！？!?][^；;：:。！？!?]*$")  # a piece: up to ；or ： (commas inside)
_FENBIE_GAP = regex.compile(r"[\s、，,和及与]*(?:[^，,；;。\d]{0,4})?")
_PART_OF = regex.compile(r"([^，,；;。]{2,})(?:达到|(?<![下到传送表抵直转通发])达(?!标))([^，,；;。]{2,})")
_NAMES_A_RATE = regex.compile(r"(?:率|比重|占比|比例|强度|份额|系数|指数|程度|度|量|值|幅|速)$")
_LEVEL_ONLY = regex.compile(r"^(?:国家级|国家|省级|市级|县级|区级|乡镇级|村级|部级|地市级|县区级)")
_GENERIC_NAME = regex.compile(r"增幅|降幅|增速|幅度|比重|占比|比例|总量|规模|增量")
_SINGLE_PIECES = regex.compile(r"(?:^|、)[^、](?=、|$)")

FENBIE = declare("name.fenbie", "分别 before a run of values of one unit (A和B分别降低13.5%、18%)",
                 "one indicator each, the modifiers shared",
                 [("单位国内生产总值能耗和二氧化碳排放分别降低13.5%、18%。", "18%", "单位国内生产总值二氧化碳排放")])
LEFT = declare("name.left_phrase", "the words of the value's clause before it, times, places and cues taken away",
               "the indicator", [("全市森林覆盖率达到36%。", "36%", "森林覆盖率")])
LIST_TAIL = declare("name.list_tail", "the left words hold 、 and an earlier value of the clause",
                    "the piece after the last 、",
                    [("创建3个绿色生态城区、绿色建筑集中连片示范区16项。", "16项", "绿色建筑集中连片示范区")])
COUNT_NOUN = declare("name.count_noun", "a count: the noun after its classifier", "that noun",
                     [("284个市重大项目完成投资470亿元。", "284个", "市重大项目")])
VERB_OBJECT = declare("name.verb_object", "the left words end with a verb (保护, 建成 ...) and a noun follows the value",
                      "verb + noun", [("全面保护全省5600万亩永久性公益林。", "5600万亩", "保护永久性公益林")])
PART_OF = declare("name.part_of", "A达到B的N%: a part of a whole", "A, or A占B比例 when A names no rate",
                  [("节水灌溉面积达到有效灌溉面积的70%。", "70%", "节水灌溉面积占有效灌溉面积比例")])
SHARE_NOUN = declare("name.share_noun", "N%的 + noun: the share counts what follows", "that noun",
                     [("全市90%的典型生态系统得到保护。", "90%", "典型生态系统")])
RIGHT_SHORT = declare("name.right_noun", "no name of two characters before the value", "the noun after it")
PLACE_LIST = declare("name.masked_place_list", "what masking a list of places left (以、南、南、等)", "the noun after, or nothing")
PREVIOUS = declare("name.previous", "no name at all", "what the previous value of the sentence measured",
                   [("居民光伏屋顶安装率达50%，12月底达60%。", "60%", "居民光伏屋顶安装率")])
GENERIC = declare("name.generic_after_previous", "a generic name (增幅, 比重, 规模) after a value", "previous indicator + it",
                  [("森林蓄积量增加到6.09亿立方米，增幅达29.57%。", "29.57%", "森林蓄积量增幅")])
SHARE_OF_PREVIOUS = declare("name.share_of_previous", "占… right after the last clause's value", "previous indicator + 占…",
                            [("装机规模达到2855万千瓦，占全省电源总装机57.3%。", "57.3%", "装机规模占全省电源总装机"),
                             ("全国可再生能源装机达到18.9亿千瓦，约占我国发电总装机的56%。", "56%",
                              "全国可再生能源装机占我国发电总装机")])
LEVEL_OF_PREVIOUS = declare("name.level_of_previous", "only a level (国家级, 省级) after a count", "the level + the thing counted",
                            [("建成示范基地43个，其中国家级8个，省级35个。", "8个", "国家级示范基地")])

# --- a fragment is no name: a bare verb, a bare head, a dangling 占, a comparison (issue 10) -----------
_VERBS_TAKING = ("改造|保护|完成|新增|建设|治理|实施|营造|修复|淘汰|关停|退出|培育|创建|建成|新建|打造|推广|发展|安装|整治|"
                 "开展|落实|投入|安排|争取|压减|化解|清理|搬迁|引进|建立|认定|命名|获批|创成|扩大|组建|设立|配备|形成|"
                 "选聘|授牌|投产|参与|提供|推进|支持|奖励|保持|明确|实现|提高|提升|降低|减少|增加")
_ADVERBS = ("大幅|稳定|持续|进一步|累计|共|约|其中|分别|均|全部|基本|合计|总计|力争|确保|率先|随后|按照|按|以|达到|达|为|是|在|"
            "将|要|已|再|由|从|对|并|下降|增长|超过|突破|随后|此后|之后|目前|如今|现在|当前|同期|同比")
_BARE_VERB = regex.compile(rf"^(?:(?:{_VERBS_TAKING}|{_ADVERBS})(?:了|着)?)+$")
_TAKES_OBJECT = regex.compile(rf"(?:{_VERBS_TAKING})(?:了|着)?$")
_BARE_HEAD = regex.compile(r"^(?:比例|比重|占比|覆盖率|利用率|增速|增幅|降幅|规模|总量|面积|容量|装机|装机容量|装机规模|数量|个数|"
                           r"强度|浓度|率|占有率|份额|比率|蓄积量)$")
_HEAD_OF = regex.compile(r"(?:面积|覆盖率|蓄积量|储量|总量|产量|产值|装机容量|装机规模|装机|规模|数量|比重|占比|比例|率)$")
_COMPARISON = regex.compile(r"^(?:但|而|并|且|均|都|也|还)?(?:比(?![重例率值])|较(?![大高强好快多少低小弱差为])|相比|与)")
_RATE_STEM = regex.compile(r"(?:率|比重|占比|比例|份额|系数)$")
_VERB_LEAD = regex.compile(rf"^(?:{_VERBS_TAKING}|加快|加强|推动|系统|研究|通过|围绕|聚焦|按照|按|以|对|在|将|把|为|经|据)")
_LEADING_ZHAN = regex.compile(r"^占")
_TOPIC_CUT = regex.compile(r"是|为|在|达到|达|已|将|由|从|超过|\d|[（(]|大幅|明显|显著|持续|不断|稳步|逐步|进一步|首次|首度|再次|"
                           r"下降|提高|增长|降低|提升|增加|减少|上升|居|位居")
_QUOTED = regex.compile(r"\s*[“\"‘]([^”\"’]{2,16})[”\"’]((?:活动|行动|工程|项目|计划|品牌|称号)?)")
_BOUND_TAIL = regex.compile(r"(上限|下限|标准|幅度)(?:为|是|达到|达)?\s*$")
_SPACE = regex.compile(r"\s+")
_DANGLING_END = regex.compile(r"(?<![中惠涉普以])[和及与、]$|(?<=..)等$")  # …基金和|100亿元…, 安化等|13个…; not 碳中和
_NOUN_TO_BREAK = regex.compile(r"\s*(?!等|的)([\p{Han}A-Za-z]{2,16}?)(?=[和及与、，,；;。（(]|等|的|来|用于|担任|作为|$)")


def is_fragment(nm: str) -> bool:
    """A name that names no measured quantity: a bare verb or adverb (改造, 保持, 大幅), a bare head (比例,
    覆盖率, 装机), a dangling 占 at either end, a comparison (比全国平均水平高), a single character."""
    s = _SPACE.sub("", nm or "")
    return len(s) < 2 or bool(_BARE_VERB.fullmatch(s) or _BARE_HEAD.fullmatch(s) or s.endswith("占")
                              or _LEADING_ZHAN.match(s) or _COMPARISON.match(s) or _DANGLING_END.search(s))


def topic(text: str, start: int, masks, count: bool = False) -> str:
    """The noun phrase the sentence is about, read from the clause before the value's clause (二氧化碳是最主要的
    温室气体，|占比超过87%): its words up to the first verb, 是 or number; "" when there is none."""
    cs = indicators.clause_start(text, start)
    if cs <= 1:
        return ""
    ps = indicators.clause_start(text, cs - 1)
    seg = text[ps:cs - 1]
    if _COMPARISON.match(seg.strip()):
        return ""  # 与全国平均水平相比处于领先位置: a comparison names no subject
    cut = _TOPIC_CUT.search(seg, 2)
    end = ps + (cut.start() if cut else len(seg))
    nm = indicators.left_phrase(text, end, ps, masks)
    if is_fragment(nm) or _VERB_LEAD.match(nm) or "等" in nm or (count and "、" in nm):
        return ""  # 加快推进华电、湘投等…电站建设: a task, not what the value measures
    return nm


def _noun_after(text: str, end: int) -> str:
    """The noun after a value when right_noun stops too soon: a quoted name (命名36个|“美丽县城”), or the
    words after a size qualifier (实施5个|1万亩以上|南方典型草原生态保护工程)."""
    q = _QUOTED.match(text, end)
    if q:
        return _SPACE.sub("", q.group(1)) + (q.group(2) or indicators.right_noun(text, q.end()))
    size = regex.match(r"\s*\d+(?:\.\d+)?\s*[万亿]?[^\d\s，,；;。、]{1,3}?(?:以上|以下|及以上)", text[end:end + 16])
    if size:
        nm = indicators.right_noun(text, end + size.end())
        if len(nm) >= 2:
            return nm
    return ""


def _strip_lead_verb(nm: str) -> str:
    m = regex.match(rf"^(?:{_VERBS_TAKING})", nm)
    return nm[m.end():] if m and len(nm) - m.end() >= 2 else nm


def _joined(previous: str, head: str) -> str:
    """海上风电装机 + 装机规模 -> 海上风电装机规模: the words the two share are written once."""
    for k in range(min(len(previous), len(head)), 1, -1):
        if previous.endswith(head[:k]):
            return previous + head[k:]
    return previous + head


def _modifier_of(previous: str, head: str) -> str:
    """森林面积 + 覆盖率 -> 森林覆盖率: the head of the last list item swapped for this one's."""
    m = _HEAD_OF.search(previous)
    return previous[:m.start()] + head if m and m.start() >= 2 else previous + head


DANGLING_ZHAN = declare("name.dangling_zhan", "the name ends with 占 (…排放占12%, …占 比提升到19%)",
                        "the share: the name + 占比, or the name alone when it names a rate already",
                        [("排放来源方面，能源活动排放占比超过80%，工业生产过程排放占12%左右。", "12%", "工业生产过程排放占比")])
VERB_NOUN = declare("name.verb_noun_after", "a bare verb before the value and a noun after it (设立100亿元|产业发展投资引导基金, "
                    "命名36个|“美丽县城”, 保持6%一档的|税率)", "the noun (a count, a share) or verb + noun",
                    [("新疆设立100亿元产业发展投资引导基金和100亿元人才发展基金。", "100亿元", "设立产业发展投资引导基金"),
                     ("命名36个“美丽县城”，授牌27个“特色小镇”。", "27个", "特色小镇"),
                     ("实施5个1万亩以上南方典型草原生态保护工程。", "5个", "南方典型草原生态保护工程"),
                     ("保持6%一档的税率不变。", "6%", "税率")])
VERB_BOUND = declare("name.verb_bound", "a bare verb and a bound word (上限, 标准) the cleaning took away (奖励上限为5%)",
                     "verb + the bound word", [("奖励上限为10%。", "10%", "奖励上限")])
VERB_OF_PREVIOUS = declare("name.verb_of_previous", "a bare verb or adverb, and an earlier value in the sentence "
                           "(扩大竹产业基地30万亩、改造270万亩)",
                           "the verb + what the earlier value counted (an adverb: what it measured)",
                           [("到2025年，扩大竹产业基地30万亩、改造270万亩。", "270万亩", "改造竹产业基地"),
                            ("绿色建筑占比由2015年的21.2%大幅提高到98.82%。", "98.82%", "绿色建筑占比"),
                            ("全省上半年新能源汽车销量达到30万辆，比去年同期增长60%。", "60%", "新能源汽车销量", "2023-07-05")])
HEAD_OF_PREVIOUS = declare("name.head_of_previous", "a bare head (覆盖率, 装机, 面积) after an earlier value in the sentence",
                           "the earlier item's modifier + this head in a 、 list (森林面积、覆盖率 -> 森林覆盖率), "
                           "else the earlier indicator + it",
                           [("全省森林面积（3.74亿亩）、覆盖率（65.04%）、蓄积量（20.67亿立方米）均居全国前列。", "65.04%",
                             "森林覆盖率"),
                            ("建设光伏扶贫电站5301个，装机88.6万千瓦。", "88.6万千瓦", "光伏扶贫电站装机"),
                            ("新增海上风电装机120万千瓦，累计装机规模达到1183万千瓦。", "1183万千瓦", "海上风电装机规模")])
COMPARISON_OF_PREVIOUS = declare("name.comparison_of_previous", "a name that is only a comparison (比全国平均水平低) or "
                                 "a share of something (占全国…的比重) after an earlier value",
                                 "the earlier indicator (+ the 占 phrase)",
                                 [("研发经费占GDP比重为0.86%，比全国平均水平低1.37个百分点。", "1.37个百分点",
                                   "研发经费占GDP比重比全国平均水平低")])
TOPIC = declare("name.topic", "still a fragment (or, for a value whose clause is only 达到/超过/为, no name at all) and "
                "no earlier value: the clause before names what the sentence is about (二氧化碳是最主要的温室气体，占比超过87%; …装机首次超过火电装机，达到14.5亿千瓦)",
                "that noun phrase (+ the head or 占 phrase)",
                [("二氧化碳是最主要的温室气体，占比超过87%。", "87%", "二氧化碳占比"),
                 ("我国可再生能源装机首次超过火电装机，达到14.5亿千瓦。", "14.5亿千瓦", "可再生能源装机", "2024-05-20"),
                 ("组件价格大幅下降，降幅达50-70%。", "50-70%", "组件价格降幅"),
                 ("全市细颗粒物浓度超过国家二级标准，较全区平均水平高8微克/立方米。", "8微克/立方米",
                  "细颗粒物浓度较全区平均水平高")])
FENBIE_PREVIOUS = declare("name.fenbie_previous_clause", "分别 opens its clause (甲烷和氧化亚氮，分别占4.3%和3.0%)",
                          "the list of the clause before, one each (+ 占比 after 分别占)",
                          [("其次分别为含氟气体、甲烷和氧化亚氮，分别占5.4%、4.3%和3.0%。", "4.3%", "甲烷占比")])


TREND_TOPIC = declare("name.trend_topic", "in a story, a value named only by a bare head (产量, 销量, 新增装机, 发电量) that "
                      "opens its sentence's values, in a paragraph whose trend sentence said what grows (我国新能源汽车产销"
                      "持续快速增长。…产量达到300万辆)", "that topic + the head (新能源汽车产量)",
                      [("我国新能源汽车产销持续快速增长。今年前4个月，产量达到300万辆。", "300万辆", "新能源汽车产量",
                        "2024-05-10"),
                       ("今年以来，我国光伏产业保持快速增长态势。一季度新增装机4500万千瓦。", "4500万千瓦", "光伏装机",
                        "2024-05-10"),
                       ("绿色电力交易规模不断扩大。去年全年交易电量达到1000亿千瓦时。", "1000亿千瓦时", "绿色电力交易电量",
                        "2024-05-10")])
_TREND_HEAD = regex.compile(r"^(?:新增)?(?:产量|销量|产销量|装机|装机容量|装机规模|发电量|出口额|出口量|交易量|交易电量|成交量|"
                            r"成交额|产值|营业收入|营收)$")
# a sentence that says something grows and names no number: 我国新能源汽车产销持续快速增长, 光伏产业保持快速增长态势
_TREND = regex.compile(r"(?:^|[，,：:])(?:(?:今年|去年|近年|近几年|近些年|[^，,。]{0,6}?以来)[，,]?)?"
                       r"(?:我国|全国|中国|全省|全市|我省|我市)?(?P<topic>[\u4e00-\u9fff“”]{2,14}?)(?:的)?"
                       r"(?:发展)?(?:持续|不断|继续|保持|稳步|快速|加快|高速|迅猛|大幅|稳定)[^，,。\d]{0,8}?"
                       r"(?:增长|发展|提升|扩大|上升|攀升|壮大|向好|回升|走高)")
_TREND_TAIL = regex.compile(r"(?:产业|行业|市场|产销量|产销|生产|消费|规模)+$")


def trend_topic(text: str) -> str | None:
    """What a story's trend sentence says grows (新能源汽车, 光伏), or None: a sentence with no digit."""
    if _DIGIT_ANY.search(text) or not _TREND_WORD.search(text):
        return None
    m = None
    for m in _TREND.finditer(text):
        pass
    if m is None:
        return None
    t = _TREND_TAIL.sub("", m.group("topic").strip("“”"))
    return t if len(t) >= 2 and not is_fragment(t) and not _VERB_LEAD.match(t) else None


_DIGIT_ANY = regex.compile(r"\d")
_TREND_WORD = regex.compile(r"持续|不断|继续|保持|稳步|快速|加快|高速|迅猛|大幅|稳定")


def after_trend(nm: str, fired: list[str], topic: str | None, first: bool) -> str:
    """``nm``, or the trend's topic + it when ``nm`` is a bare head (name.trend_topic)."""
    if not topic or not first or not _TREND_HEAD.fullmatch(nm) or nm.startswith(topic):
        return nm
    fired.append(TREND_TOPIC.id)
    shared = next((n for n in range(min(len(topic), len(nm)), 0, -1) if topic.endswith(nm[:n])), 0)
    return (topic + nm[shared:])[:indicators.MAX_LEN]  # 绿色电力交易 + 交易电量: 绿色电力交易电量


def repair(text: str, cand: Candidate, nm: str, fired: list[str], previous_indicator: str | None,
           prev_end: int, masks) -> str:
    """A fragment (is_fragment) replaced by the quantity it stands for; the name unchanged when it is none."""
    s = _SPACE.sub("", nm)
    end = _DANGLING_END.search(s)
    if end:
        # 设立100亿元产业发展投资引导基金和|100亿元人才发展基金, 完成老旧汽油车辆及|80%老旧柴油车辆淘汰: the words
        # before the conjunction named the last value (or are a list's examples); this value's noun follows it
        right = indicators.right_noun(text, cand.end)
        if len(right) < 2 or is_fragment(right):
            right = _noun_after(text, cand.end)
        if len(right) >= 2 and not is_fragment(right):
            verb = regex.match(rf"^(?:{_VERBS_TAKING})", s) or (
                regex.match(rf"^(?:{_VERBS_TAKING})", previous_indicator or "") if not cand.count else None)
            fired.append(CONJUNCTION.id)
            return ((verb.group() if verb and not right.startswith(verb.group()) else "") + right)[:indicators.MAX_LEN]
    if s.endswith("占") and len(s) > 1 and not _COMPARISON.match(s):
        stem = s[:-1]
        nm = stem if _RATE_STEM.search(stem) else (stem + "占比")[:indicators.MAX_LEN]
        fired.append(DANGLING_ZHAN.id)
        if not is_fragment(nm):
            return nm
        s = nm
    if _BARE_VERB.fullmatch(s):
        if cand.unit == "%" or cand.unit == "ratio":
            bound = _BOUND_TAIL.search(text, indicators.clause_start(text, cand.start), cand.start)
            if bound and text[bound.start() - len(s):bound.start()] == s:
                fired.append(VERB_BOUND.id)
                return s + bound.group(1)
        end = cand.end
        after = regex.match(r"\s*" + regex.escape(s), text[end:])
        if after:  # 超1亿人次|参与|“…”活动: the verb came from after the value, its object follows it
            end += after.end()
        if cand.unit == "%" and _TAKES_OBJECT.search(s):  # 保持6%|一档的|税率|不变: a share's noun after 的
            de = regex.match(r"[^，,；;。\d的]{0,4}的", text[end:end + 6])
            noun = regex.sub(r"(?:不变|稳定|为主)$", "", indicators.right_noun(text, end + de.end())) if de else ""
            if len(noun) >= 2 and not is_fragment(noun) and not _VERB_LEAD.match(noun):
                fired.append(VERB_NOUN.id)
                return noun
        right = indicators.right_noun(text, end)
        if len(right) < 2 or is_fragment(right):
            right = _noun_after(text, end)
        whole = _NOUN_TO_BREAK.match(text, end)
        if whole and whole.group(1).startswith(right) and (len(right) < 2 or not cand.count):
            right = whole.group(1)  # 设立100亿元|产业发展投资引导基金|和…: right_noun stops at 投资
        if len(right) >= 2 and not is_fragment(right) and cand.unit != "%" and _TAKES_OBJECT.search(s):
            fired.append(VERB_NOUN.id)
            return right if cand.count or not _TAKES_OBJECT.search(s) \
                else (regex.sub(r"[了着]$", "", s) + right)[:indicators.MAX_LEN]
        if previous_indicator and not is_fragment(previous_indicator):
            fired.append(VERB_OF_PREVIOUS.id)
            verb = regex.sub(r"[了着]$", "", s)
            if _TAKES_OBJECT.search(s) and cand.unit not in ("%", "ratio") and not previous_indicator.startswith(verb):
                return (verb + _strip_lead_verb(previous_indicator))[:indicators.MAX_LEN]
            return previous_indicator
    elif _BARE_HEAD.fullmatch(s) and previous_indicator and not is_fragment(previous_indicator):
        fired.append(HEAD_OF_PREVIOUS.id)
        listed = regex.search(r"、[^、，,；;。]*$", text[:cand.start])
        prev = _strip_lead_verb(previous_indicator)
        return (_modifier_of(prev, s) if listed else _joined(prev, s))[:indicators.MAX_LEN]
    elif _LEADING_ZHAN.match(s) and previous_indicator and not is_fragment(previous_indicator) \
            and "占" not in previous_indicator:
        fired.append(COMPARISON_OF_PREVIOUS.id)  # …装机容量突破10亿千瓦，…，占全国发电总装机容量的比重达到43.5%
        return (previous_indicator + s)[:indicators.MAX_LEN]
    elif _COMPARISON.match(s) and previous_indicator and not is_fragment(previous_indicator) \
            and prev_end >= indicators.clause_start(text, max(0, indicators.clause_start(text, cand.start) - 1)):
        # …比重仅为0.86%，比全国平均水平低1.37个百分点: the gap of what the last clause measured, compared
        fired.append(COMPARISON_OF_PREVIOUS.id)
        return _compared(previous_indicator, s)
    if is_fragment(s):
        t = topic(text, cand.start, masks, cand.count)
        if t:
            fired.append(TOPIC.id)
            if _BARE_HEAD.fullmatch(s) or _LEADING_ZHAN.match(s):
                return (t + s)[:indicators.MAX_LEN]
            return _compared(t, s) if _COMPARISON.match(s) else t
    return nm


# a clause that is only a verb of reaching before the value (，达到14.5亿千瓦): it says nothing of what reaches it
_BARE_REACH = regex.compile(r"\s*(?:已经?|首次|共|累计|总计|合计)?(?:达到|达|为|超过|超|突破|增至|增加到|升至|提高到|提升到)\s*")


def _compared(subject: str, comparison: str) -> str:
    """风阻系数 + 比国内外主流产品低: the subject (its last words when long) and what it is compared with."""
    comparison = regex.sub(r"^(?:但|而|并|且|均|都|也|还)|(?:分别)?[\d.、]*$", "", comparison)
    subject = regex.sub(r"\s*[（(][^（()）]*[）)]\s*", "", subject) or subject  # 煤炭消费(含市外购入焦炭)占…
    return subject[-max(indicators.MAX_LEN + 10 - len(comparison), 8):] + comparison


LINE_TAIL = declare("name.previous_line_tail", "a fragment in a line's first clause, the line before cut mid-sentence "
                    "(…，非化石能源消费|占比提升至23%。)", "the line before's last words (+ the head or 占 phrase)",
                    [("到2025年，天然气消费量提高至100亿立方米，非化石能源消费\n占比提升至23%。", "23%", "非化石能源消费占比")])
_LINE_END = regex.compile(r"[。！？!?；;]\s*$")
_UNIT_PAREN = regex.compile(r"\s*[（(][^（()）]{0,8}[）)]\s*$")


def continue_line(prev_text: str, text: str, rows: list[dict]) -> None:
    """The rows of ``text`` whose indicator is a fragment, in its first clause, named from the line before
    when that line stops mid-sentence (a PDF line break: 非化石能源消费|占比提升至23%; 森林覆盖率（%）|保 持59.0%以)."""
    if not prev_text.strip() or _LINE_END.search(prev_text):
        return
    first = indicators.clause_end(text, 0)
    tail = None
    for r in rows:
        if r["start"] > first or not is_fragment(r["indicator"]) or len(_SPACE.sub("", r["indicator"])) < 2:
            continue
        if tail is None:
            last = _UNIT_PAREN.sub("", prev_text.rstrip())
            last = regex.split(r"\s+", last)[-1] if last else ""
            tail = indicators.left_phrase(last, len(last))
            if is_fragment(tail) or regex.search(r"\d", tail) or _VERB_LEAD.match(tail):
                tail = ""
        if not tail:
            return
        s = _SPACE.sub("", r["indicator"])
        r["indicator"] = (tail + s)[:indicators.MAX_LEN] if _BARE_HEAD.fullmatch(s) or _LEADING_ZHAN.match(s) else tail
        r["sector"] = indicators.sector(r["indicator"], text)
        r["rules"] = [*r["rules"][:-3], LINE_TAIL.id, *r["rules"][-3:]]
        note(LINE_TAIL.id, r["value_raw"], r["indicator"])


CONJUNCTION = declare("name.dangling_conjunction", "the name ends with 和/及/与/、 or a list's 等 (…基金和|100亿元人才发展基金, "
                      "安化等|13个“十四五”重点实施项目)", "the noun after the value (with the verb of the name or the last value)",
                      [("新疆设立100亿元产业发展投资引导基金和100亿元人才发展基金。", "100亿元", "设立人才发展基金"),
                       ("推进安化等13个“十四五”重点实施项目全部开工。", "13个", "十四五重点实施项目")])
RIGHT_FALLBACK = declare("name.right_fallback", "still no name of two characters", "the noun after the value")
SHARE_OF_WHOLE = declare("name.share_of_whole", "a share that names nothing in its clause, after a clause naming the whole "
                         "it is part of (在交易的绿证中，约70%被制造业企业买走)", "the whole + 中 + what the clause says of the part",
                         [("去年全年，我国核发约1.76亿个绿证。在交易的绿证中，约70%被制造业企业买走。", "70%",
                           "交易的绿证中被制造业企业买走", "2024-02-23")])
_WHOLE_BEFORE = regex.compile(r"(?:^|[，,；;。：:])\s*(?:在|其)?([^，,；;。：:\d]{2,16}?)(?:之中|当中|中)[，,]\s*(?:约|近|超过|有|共)?\s*$")
_PART_SAYS = regex.compile(r"\s*(?:左右|以上)?(?:的)?([^，,；;。\d]{2,14})")


def share_of_whole(text: str, cand: Candidate) -> str:
    """在交易的绿证中，约|70%|被制造业企业买走 -> 交易的绿证中被制造业企业买走 ("" when the clause before names no whole)."""
    if cand.unit != "%":
        return ""
    whole = _WHOLE_BEFORE.search(text, 0, cand.start)
    says = _PART_SAYS.match(text, cand.end)
    if not whole or not says or is_fragment(whole.group(1)):
        return ""
    return (whole.group(1) + "中" + says.group(1))[:indicators.MAX_LEN]


def group_at(text: str, cands: list[Candidate], i: int) -> list[Candidate]:
    """The candidates from ``i`` that one 分别 shares out (a group of one when there is none)."""
    c = cands[i]
    group = [c]
    between = text[indicators.clause_start(text, c.start, _PIECE_BEFORE):c.start]
    colon = _FENBIE_COLON.search(text, 0, c.start)
    if colon:
        between = text[indicators.clause_start(text, colon.start(), _PIECE_BEFORE):c.start]
    if "分别" in between[-8:]:
        j = i + 1
        while j < len(cands) and _FENBIE_GAP.fullmatch(text[group[-1].end:cands[j].start]) \
                and cands[j].unit == c.unit:
            group.append(cands[j])
            j += 1
    return group


class _Names(list):
    """The names of a 分别 group, with the rule that read them."""
    def __init__(self, names, rule):
        super().__init__(names)
        self.rule = rule


def group_names(text: str, group: list[Candidate], prev_end: int, masks) -> list[str] | None:
    if len(group) <= 1:
        return None
    at = text.rfind("分别", 0, group[0].start)
    cs = indicators.clause_start(text, at)
    if cs > 0 and not text[cs:at].strip() and prev_end < cs:
        # 其次分别为含氟气体、甲烷和氧化亚氮，|分别占5.4%、4.3%和3.0%: the list is the clause before's
        ps = indicators.clause_start(text, cs - 1)
        seg = text[ps:cs - 1]
        verb = list(regex.finditer(r"(?:分别)?(?:为|是|有|包括)", seg))
        phrase = indicators.left_phrase(text, cs - 1, ps + (verb[-1].end() if verb else 0), masks, cut_de=False,
                                        max_len=3 * indicators.MAX_LEN)
        listed = [p for p in regex.split(r"[、和及与]", phrase) if p]  # things named one by one: no shared head
        if len(listed) == len(group) and not any(is_fragment(n) for n in listed):
            share = "占比" if text.startswith("分别占", at) else ""
            return _Names([(n + share)[:indicators.MAX_LEN] for n in listed], FENBIE_PREVIOUS.id)
    return indicators.distribute(indicators.left_phrase(text, at, prev_end, masks, cut_de=False,
                                                        max_len=3 * indicators.MAX_LEN), len(group)) \
        or indicators.distribute(indicators.left_phrase(text, at, prev_end, masks), len(group))


SPAN_SUBJECT = declare("name.span_subject_after", "a value in a clause that is only a span from one value to another "
                       "(从2012年的1.8亿千瓦到2022年的7.6亿千瓦，…), naming nothing before 从/由: the sentence names the "
                       "quantity after the span", "the subject of the next clause (up to its verb, the nation or place "
                       "words taken away)",
                       [("从2012年的1.8亿千瓦到2022年的7.6亿千瓦，我国风电光伏装机增长了3倍多。", "1.8亿千瓦", "风电光伏装机"),
                        ("从2012年的1.8亿千瓦到2022年的7.6亿千瓦，我国风电光伏装机增长了3倍多。", "7.6亿千瓦", "风电光伏装机")])
_SPAN_CLAUSE = regex.compile(r"\s*[“\"]?(?:从|由)\s*(?:(?:19|20)\d\d\s*年[底末]?\s*的?)?[^，,；;。从由到至]*?(?:增长|增加|提高|提升|"
                             r"上升|下降|减少|降低|扩大|跃升)?(?:到|至)\s*(?:(?:19|20)\d\d\s*年[底末]?\s*的?)?[^，,；;。]*?[，,]")
_SUBJECT_LEAD = regex.compile(r"^(?:我国|全国|中国|全省|全市|全区|我省|我市|我区|我们|的)+")


def span_subject(text: str, cand: Candidate) -> str:
    """The subject after a clause that is only a span (从A到B，我国风电光伏装机增长了3倍多), or ''."""
    m = _SPAN_CLAUSE.match(text, indicators.clause_start(text, cand.start))
    if m is None or m.end() <= cand.end:
        return ""
    cut = _TOPIC_CUT.search(text, m.end())
    ce = indicators.clause_end(text, m.end())
    subject = _SUBJECT_LEAD.sub("", text[m.end():min(cut.start() if cut else ce, ce)].strip())
    return subject[:indicators.MAX_LEN] if len(subject) >= 2 and not is_fragment(subject) else ""


def name(text: str, cand: Candidate, prev_end: int, masks, previous_indicator: str | None,
         names: list[str] | None, k: int) -> tuple[str, list[str]]:
    """(indicator, naming rule ids) of ``cand``, the k-th value of its group."""
    if names:
        nm, fired = names[k], [getattr(names, "rule", FENBIE.id)]
    else:
        nm, fired = indicators.left_phrase(text, cand.start, prev_end, masks), [LEFT.id]
        if "、" in nm and prev_end > indicators.clause_start(text, cand.start):
            # 创建3个绿色生态城区、|绿色建筑集中连片示范区16项: the first piece belonged to the last value
            tail = nm.rsplit("、", 1)[1]
            if len(tail) >= 2:
                nm = tail
                fired.append(LIST_TAIL.id)
        right = indicators.right_noun(text, cand.end)
        if cand.count:
            if len(right) >= 2:
                nm = right
                fired.append(COUNT_NOUN.id)
        else:
            vo = indicators.verb_object(nm, right)
            if vo:
                nm = vo
                fired.append(VERB_OBJECT.id)
            part = _PART_OF.fullmatch(nm) if cand.unit == "%" and text[:cand.start].endswith("的") else None
            if part:  # 节水灌溉面积达到有效灌溉面积的70%: a part of a whole
                nm = part.group(1) if _NAMES_A_RATE.search(part.group(1)) \
                    else f"{part.group(1)}占{part.group(2)}比例"[:indicators.MAX_LEN]
                fired.append(PART_OF.id)
            share = indicators.share_noun(text, cand.end) if cand.unit == "%" else ""
            if share and not _NAMES_A_RATE.search(nm):
                nm = share  # 选取不低于10%的|重点监管单位, 90%的|典型生态系统: the share counts what follows
                fired.append(SHARE_NOUN.id)
        if len(nm) < 2 and not cand.count:
            right = indicators.right_noun(text, cand.end)
            if len(right) >= 2:
                nm = right
                fired.append(RIGHT_SHORT.id)
        if len(_SINGLE_PIECES.findall(nm)) >= 2:
            nm = right if len(right) >= 2 else ""  # 以、南、南、等: what masking a list of places left
            fired.append(PLACE_LIST.id)
        if len(nm) < 2:
            if previous_indicator:
                nm = previous_indicator
                fired.append(PREVIOUS.id)
        elif previous_indicator and _GENERIC_NAME.fullmatch(nm):
            nm = previous_indicator + nm  # …蓄积量增加到6.09亿立方米，增幅达29.57%
            fired.append(GENERIC.id)
        elif previous_indicator and indicators.SHARE_LEAD.match(nm) and "占" not in previous_indicator \
                and prev_end > indicators.clause_start(text, max(0, indicators.clause_start(text, cand.start) - 1)):
            # 装机规模达到2855万千瓦，占全省电源总装机57.3%, …，约占我国发电总装机的56%: the share of what the
            # last clause measured
            nm = indicators.share_of(previous_indicator, nm)[:indicators.MAX_LEN]
            fired.append(SHARE_OF_PREVIOUS.id)
        elif previous_indicator and _LEVEL_ONLY.fullmatch(nm) and not previous_indicator.startswith(nm):
            # 建成示范基地43个，其中国家级8个，省级35个: the level of the thing just counted
            nm = (nm + _LEVEL_ONLY.sub("", indicators.strip_verb(previous_indicator), count=1))[:indicators.MAX_LEN]
            fired.append(LEVEL_OF_PREVIOUS.id)
    subject = span_subject(text, cand) if not cand.count else ""
    if subject:
        nm = subject  # 从2012年的1.8亿千瓦到2022年的7.6亿千瓦，我国风电光伏装机…: what the span measures
        fired.append(SPAN_SUBJECT.id)
    if len(nm) >= 2 and is_fragment(nm):
        nm = repair(text, cand, nm, fired, previous_indicator, prev_end, masks)
    if not nm or len(nm) < 2:
        nm = indicators.right_noun(text, cand.end)
        fired.append(RIGHT_FALLBACK.id)
        if len(nm) < 2:
            nm = share_of_whole(text, cand)
            if nm:
                fired.append(SHARE_OF_WHOLE.id)
        if len(nm) < 2 and previous_indicator is None and not cand.count \
                and _BARE_REACH.fullmatch(text, indicators.clause_start(text, cand.start), cand.start):
            t = topic(text, cand.start, masks, cand.count)
            if t:  # 我国可再生能源装机首次超过火电装机，|达到14.5亿千瓦: what the sentence is about
                nm = t
                fired.append(TOPIC.id)
    return nm, fired
