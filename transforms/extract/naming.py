"""Naming: the indicator a value measures. indicators.py reads noun phrases (the words before a value with
times, places and cue verbs taken away, the noun after a count's classifier); the rules here choose
among them: one indicator each for a 分别 list, a count's noun, a verb's object, a part of a whole, a
share's noun, and what the previous value of the sentence measured when this one names nothing.

``name`` returns the indicator and the ids of the naming rules that shaped it, in order."""
from __future__ import annotations

import regex

from transforms import indicators
from transforms.extract.candidates import Candidate
from transforms.extract.rules import declare

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
                            [("装机规模达到2855万千瓦，占全省电源总装机57.3%。", "57.3%", "装机规模占全省电源总装机")])
LEVEL_OF_PREVIOUS = declare("name.level_of_previous", "only a level (国家级, 省级) after a count", "the level + the thing counted",
                            [("建成示范基地43个，其中国家级8个，省级35个。", "8个", "国家级示范基地")])
RIGHT_FALLBACK = declare("name.right_fallback", "still no name of two characters", "the noun after the value")


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


def group_names(text: str, group: list[Candidate], prev_end: int, masks) -> list[str] | None:
    if len(group) <= 1:
        return None
    at = text.rfind("分别", 0, group[0].start)
    return indicators.distribute(indicators.left_phrase(text, at, prev_end, masks, cut_de=False,
                                                        max_len=3 * indicators.MAX_LEN), len(group)) \
        or indicators.distribute(indicators.left_phrase(text, at, prev_end, masks), len(group))


def name(text: str, cand: Candidate, prev_end: int, masks, previous_indicator: str | None,
         names: list[str] | None, k: int) -> tuple[str, list[str]]:
    """(indicator, naming rule ids) of ``cand``, the k-th value of its group."""
    if names:
        nm, fired = names[k], [FENBIE.id]
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
        elif previous_indicator and nm.startswith("占") and "占" not in previous_indicator \
                and prev_end > indicators.clause_start(text, max(0, indicators.clause_start(text, cand.start) - 1)):
            # 装机规模达到2855万千瓦，占全省电源总装机57.3%: the share of what the last clause measured
            nm = (previous_indicator + nm)[:indicators.MAX_LEN]
            fired.append(SHARE_OF_PREVIOUS.id)
        elif previous_indicator and _LEVEL_ONLY.fullmatch(nm) and not previous_indicator.startswith(nm):
            # 建成示范基地43个，其中国家级8个，省级35个: the level of the thing just counted
            nm = (nm + _LEVEL_ONLY.sub("", indicators.strip_verb(previous_indicator), count=1))[:indicators.MAX_LEN]
            fired.append(LEVEL_OF_PREVIOUS.id)
    if not nm or len(nm) < 2:
        nm = indicators.right_noun(text, cand.end)
        fired.append(RIGHT_FALLBACK.id)
    return nm, fired
