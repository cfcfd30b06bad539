"""Indicators: the measured noun phrase around a value, and its sector.

``phrase(text, start, end, ...)`` reads the noun phrase a value is about from its clause: the words
before the value with time expressions, places, cue verbs and comparators taken away, or for a count
the noun after its classifier (284个市重大项目). ``distribute`` shares a modifier over a conjunction
("单位国内生产总值能耗和二氧化碳排放" -> 单位国内生产总值能耗, 单位国内生产总值二氧化碳排放).
``sector`` classifies an indicator with the keyword table ``data/sectors.tsv``.
"""
from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from importlib import resources

import ahocorasick_rs
import regex

_re = lru_cache(maxsize=None)(regex.compile)  # patterns written inline, compiled once

CLAUSE_BREAK = "，,；;：:。！？!?"
_LEAD = regex.compile(
    r"^(?:\[[^\]]{1,6}\]|【[^】]{1,12}】|[\s“”\"‘’、（）()·\-—]|\d{1,2}\s*[.．、](?!\d)|[一二三四五六七八九十]{1,3}\s*、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}\s*[)）]|力争|确保|争取|努力|力求|其中|同时|此外|另外|全省|全市|全区|全县|全镇|我国|我省|我市|"
    r"我区|我县|我镇|本市|本省|本区|本县|本镇|各地|累计|共计|共|预计|计划|拟安排|安排|拟|将|要|已经|已|目标是|主要目标|目标|是|为|以上|以下|左右|"
    r"的|在|和|与|及|并|到|至|于|年|底|前|内|以来|期间|末|实现|达到|推动|推进|使|让|把|对|全年|年均|平均|新增|基本)+")
_TRAIL = regex.compile(
    r"(?:[\s“”\"‘’、（）()·\-—]|(?<![A-Za-z])[.．]|分别|(?<!占)比|较|同比|年均|平均|累计|共计|共|约为|约|大约|近|接近|将近|达到|达|为|是|在|"
    r"控制在|保持在|稳定在|维持在|下降到|下降至|下降|降低到|降低至|降低|降至|降到|减少到|减少至|减少|减至|削减|压减|压降|"
    r"提高到|提高至|提高|提升到|提升至|提升|增长到|增长至|增长|增加到|增加至|增加|增至|上升到|上升至|上升|超过|"
    r"不低于|不少于|不超过|不高于|不多于|至少|超|高于|低于|以上|以下|到|至|了|的|总计|合计|由|从|可|分别为|"
    r"力争|确保|争取|都|均|全部|已|已经|将|要|再|新增|新建|建设|完成|实现|达成|突破|以内|左右|每年|年初|年中|年底|"
    r"年末|月底|月末|年|基本|维持在|维持|最高可|最高|最多|最低|超额|上限为|上限|拟安排|安排|拟按|拟|按|大于|小于|不足|不到|多于|少于|仅为|仅|只有|也|预期|预计|"
    r"(?:位居|位列|排名|排|居|列)(?:全国|全省|全市|全区|全球|世界)?(?:第|前))+$")
_OWNER = regex.compile(r"^.*?(?:已有|现有|共有|拥有|具有)")
_RIGHT_STOP = regex.compile(
    r"[，,。；;：:、（(）)“”\"《》\s\d]|完成|获得|实现|达到|作|已|全部|通过|共计|共有|等|被|由|在|将|(?<![重主需必纲])要|得到|进行|开展|参加|纳入|"
    r"投资|建成|开工|投产|列入|入选|获评|荣获|评为|累计|的基础上")
_CONJ = regex.compile(r"[和与及、]")
_COUNTED = regex.compile(r"[一二三四五六七八九十两\d]+(?:项|种|类|大)(?:主要)?(?:大气)?(?:污染物|指标)")
_CODE = regex.compile(r"[A-Za-z][A-Za-z0-9.₀-₉]*")  # a pollutant's or a gas's code: SO2, PM2.5, NOx
_PER_UNIT = regex.compile(r"^(单位(?:国内生产总值|地区生产总值|GDP|工业增加值|建筑面积))")
_HEADS = ("排放总量", "排放量", "减排量", "削减量", "消费量", "装机容量", "装机规模", "装机", "排放强度", "浓度", "比重", "比例", "总量", "强度", "产量",
          "覆盖率", "利用率", "占比")
MAX_LEN = 30


# the lead of a share phrase after a value (占全省…, 约占我国…的, 已占…): what the share is of follows
SHARE_LEAD = regex.compile(r"^(?:约|大约|约为|已|均|仅|则)?占")


def share_of(previous: str, phrase: str) -> str:
    """The share ``phrase`` (约占我国发电总装机) of what ``previous`` measured: 全国可再生能源装机占我国发电总装机."""
    return previous + SHARE_LEAD.sub("占", phrase, count=1)


_BREAK_BEFORE = regex.compile(rf"[{CLAUSE_BREAK}][^{CLAUSE_BREAK}]*$")
_BREAK_AFTER = regex.compile(rf"[{CLAUSE_BREAK}]")


# the offsets of the breaks of the last text asked about: a sentence's values ask for their clause ten times
# or more (filters, naming, kind, place), and a bisection of its breaks answers each (one tuple, replaced whole)
_breaks_of: tuple[str | None, list[int]] = (None, [])


def _breaks(text: str) -> list[int]:
    global _breaks_of
    last, offsets = _breaks_of
    if last is not text:
        offsets = [m.start() for m in _BREAK_AFTER.finditer(text)]
        _breaks_of = (text, offsets)
    return offsets


def clause_start(text: str, pos: int, breaks: regex.Pattern | None = None) -> int:
    """Offset of the clause that holds ``pos``: just after the last break (，；：。！？) before it."""
    if breaks is not None:
        m = breaks.search(text, 0, pos)  # the last such break before pos, by one scan backwards from pos
        return m.start() + 1 if m else 0
    offsets = _breaks(text)
    if pos < 0:
        pos = max(0, pos + len(text))  # (as a pattern's endpos reads it)
    i = bisect_left(offsets, pos)  # the breaks before pos (what _BREAK_BEFORE finds)
    return offsets[i - 1] + 1 if i else 0


def clause_end(text: str, pos: int, breaks: regex.Pattern | None = None) -> int:
    """Offset of the first break at or after ``pos`` (the end of the text if none)."""
    if breaks is not None:
        m = breaks.search(text, pos)
        return m.start() if m else len(text)
    offsets = _breaks(text)
    if pos < 0:
        pos = max(0, pos + len(text))  # (as a pattern's pos reads it)
    i = bisect_left(offsets, pos)
    return offsets[i] if i < len(offsets) else len(text)


@lru_cache(maxsize=1 << 16)
def _clean(s: str) -> str:
    prev = None
    while prev != s:
        prev = s
        s = _LEAD.sub("", s)
        s = _TRAIL.sub("", s)
    return s


def left_phrase(text: str, start: int, floor: int = 0, masks: list[tuple[int, int]] = (),
                cut_de: bool = True, max_len: int = MAX_LEN) -> str:
    """The indicator words before ``start``: from the clause start (or ``floor``) with ``masks``
    (time expressions, places) removed; with ``cut_de``, only what follows the last 的 when that is
    a phrase of its own."""
    i = max(floor, clause_start(text, start))
    keep, pos = [], i
    for a, b in sorted(masks):
        a, b = max(a, i), min(b, start)
        if a < b:
            keep.append(text[pos:a] if a > pos else "")
            pos = max(pos, b)
    keep.append(text[pos:start] if pos < start else "")
    s = "".join(keep)
    if cut_de and "的" in s:
        tail = s.rsplit("的", 1)[1]
        if len(_clean(tail)) >= 4:
            s = tail
    s = _OWNER.sub("", s)
    vs = _COMPARED_WITH.search(s)
    if vs and len(_clean(s[:vs.start()])) >= 2:
        s = s[:vs.start()]  # 固碳能力较原地主栽品种|提高10%: what it is compared with is not the indicator
    return _close(_clean(_clean(s)[-max_len:]))


_COMPARED_WITH = regex.compile(r"(?:较(?![大高强好快多少低小弱差为])|相比于?|相较于?|(?<![对占无类])比(?![重例率值较]))"
                               r"[^，,；;。\d较比]{2,14}$")


def _close(s: str) -> str:
    """A bracket or quote the cleaning left open gets its other half back: 国家园林城市(县城 -> 国家园林城市(县城),
    新建建筑“绿色化 -> 新建建筑“绿色化”, 山水工程”累计投资 -> “山水工程”累计投资."""
    for o, c in (("(", ")"), ("（", "）"), ("“", "”")):
        if s.count(o) > s.count(c) and s.rfind(o) > s.rfind(c):
            s += c
        elif s.count(c) > s.count(o) and s.find(c) < (s.find(o) if o in s else len(s)):
            s = o + s
    return s


def right_text(text: str, end: int) -> str:
    """The words after a count classifier up to the next verb or punctuation, as written."""
    lead = _re(r"\s*(?:以上|以下|左右|以内)?").match(text[end:])
    end += lead.end()
    m = _RIGHT_STOP.search(text, end)
    stop = m.start() if m else len(text)
    if m and m.group() == "、":
        ce = clause_end(text, end)
        de = text.rfind("的", stop, ce)
        if de > 0 and not _re(r"\d").search(text, stop, de):
            return right_text(text, de + 1)  # 建成10个以上规模效益显著、特色鲜明的|特色环保产业基地
        if stop - end <= 2 or (stop - end <= 4 and text[stop - 1] in "级型类"):  # 完成2705件中央、省级环保督察信访转办件: the pieces share what follows the last
            n = _re(r"(?:[^、，,；;。\d]{1,4}、)*").match(text, end)
            m2 = _RIGHT_STOP.search(text, n.end())
            if not (m2 and m2.group().isdigit()):  # not 西电东送4回通道、南电北送4回通道: a new value
                stop2 = m2.start() if m2 else len(text)
                return text[end:min(stop2, end + 24)]
    if m and m.group().isdigit() and stop > end and text[stop - 1] in "和及与":
        stop -= 1  # 新增2家新型研发机构及|2家…: the conjunction joins the next value, not the noun
    if stop > end + 16:  # cut at the length limit: a list keeps its first item whole
        # (引进10名以上…领军人才|和青年人才), when the conjunction comes soon enough
        conj = _re(r"(?<!中)[和及与](?!其)").search(text, end + 16, min(stop, end + 24)) \
            or _re(r"(?<!中)[和及与](?!其)[^和及与]*$").search(text, end + 4, end + 16)
        stop = conj.start() if conj else end + 16
    return text[end:stop]


def right_noun(text: str, end: int) -> str:
    """The noun after a count classifier: 284个|市重大项目|完成投资 -> 市重大项目."""
    return _close(_clean(right_text(text, end)))


_SHARE_OF = regex.compile(r"\s*(?:以上|以下|左右|以内|上下)?的")
_NOT_A_SUBJECT = regex.compile(r"^(?:目标|要求|水平|任务|标准|速度|幅度|增长|增速|增幅|降幅|比例|比重|占比|范围|基础|前提|情况|条件|"
                               r"份额|贡献|底线|红线|原则|部分|年均|速率|效果|成效)")


def share_noun(text: str, end: int) -> str:
    """What a share counts when the noun follows it: 90%的|典型生态系统|得到保护, 占最大负荷5%左右的|需求侧响应能力;
    "" when nothing (or only 目标, 水平 ...) follows."""
    m = _SHARE_OF.match(text, end)
    if m is None:
        return ""
    noun = right_noun(text, m.end())
    if len(noun) < 2 or _NOT_A_SUBJECT.match(noun):
        return ""
    return noun


_SELF_TAIL = regex.compile(r"(?:全省|全市|全区|全县|全镇|我省|我市|我区|各地|全国|每年|累计)+$")
_VERB_END = regex.compile(r"(保护|完成|新增|建设|治理|实施|改造|营造|修复|淘汰|关停|退出|培育|创建|建成|新建|打造|推广|发展|"
                          r"安装|整治|开展|落实|投入|安排|争取|压减|化解|清理|搬迁|引进|建立|认定|命名|获批|创成)$")


def strip_verb(name: str) -> str:
    """建成示范基地 -> 示范基地: the noun without the verb verb_object put before it."""
    m = _re(r"^" + _VERB_END.pattern.rstrip("$")).match(name)
    return name[m.end():] if m and len(name) - m.end() >= 2 else name


def verb_object(left: str, right: str) -> str | None:
    """"全面保护全省|5600万亩|永久性公益林" reads as 保护永久性公益林: the verb before the value and the
    noun after it; None when the left words do not end with such a verb or nothing follows."""
    m = _VERB_END.search(_SELF_TAIL.sub("", left))
    if m is None or len(right) < 2:
        return None
    return (m.group(1) + right)[-MAX_LEN:]


def distribute(subject: str, n: int) -> list[str] | None:
    """Split 'A和B' into n indicators, sharing a per-unit modifier or a head noun; None if it does not
    split into n parts."""
    parts = [p for p in _CONJ.split(subject) if p]
    if len(parts) != n:
        return None
    out = _distribute(parts)
    return [p[-MAX_LEN:] for p in out] if out else out


def _distribute(parts: list[str]) -> list[str] | None:
    m = _PER_UNIT.match(parts[0])
    if m:
        parts = [p if p.startswith("单位") else m.group(1) + p for p in parts]
    per = parts[-1].find("单位")
    if per > 0 and len(parts[-1]) - per >= 4 and not any("单位" in p for p in parts[:-1]):
        # 营运车辆和船舶单位运输周转量二氧化碳排放 -> 营运车辆单位运输周转量二氧化碳排放, 船舶单位…
        return [p + parts[-1][per:] for p in parts[:-1]] + [parts[-1]]
    etc = parts[-1].find("等")
    if etc >= 2 and len(parts[-1]) - etc > 2 and not any("等" in p for p in parts[:-1]):
        # 营运货车、营运货船、社会车辆等能耗强度 -> 营运货车能耗强度, …, 社会车辆能耗强度
        tail = parts[-1][etc + 1:]
        return [p + tail for p in parts[:-1]] + [parts[-1][:etc] + tail]
    share = parts[-1].find("占")
    if share >= 2 and len(parts[-1]) - share >= 4 and not any("占" in p for p in parts[:-1]):
        # 战略性新兴产业、高新技术产业产值占规上工业比重 -> 战略性新兴产业占规上工业比重, 高新技术产业产值占…
        return [p + parts[-1][share:] for p in parts[:-1]] + [parts[-1]]
    lead = _CODE.match(parts[-1])
    if lead and all(_CODE.fullmatch(p) for p in parts[:-1]):
        # SO2、PM10和PM2.5污染物的年均值浓度 -> SO2年均值浓度, PM10年均值浓度, PM2.5年均值浓度
        tail = _re(r"^(?:污染物|物质)?的?").sub("", parts[-1][lead.end():])
        if len(tail) >= 2:
            return [p + tail for p in parts[:-1]] + [lead.group() + tail]
    parts[-1] = _COUNTED.sub("", parts[-1]) or parts[-1]  # 氮氧化物四项主要污染物排放量 -> 氮氧化物排放量
    last = parts[-1]
    if "的" in last and all("的" not in p and len(p) <= 8 for p in parts[:-1]):
        term, tail = last.split("的", 1)  # 化学需氧量、氨氮、氮氧化物的排放量
        if len(term) >= 2 and len(tail) >= 2:
            return [p + tail for p in parts[:-1]] + [term + tail]
    if any(last.endswith(h) for h in _HEADS):
        head = next(h for h in _HEADS if last.endswith(h))
        return [p if any(p.endswith(h) for h in _HEADS) else p + head for p in parts]
    for k, p in enumerate(parts[:-1]):  # 国家和省级龙头企业 -> 国家龙头企业; 大、中、小型绿色矿山 -> 大型绿色矿山
        if len(p) <= 3 and len(last) > len(p) + 1 and not any(p.endswith(h) for h in _HEADS):
            parts[k] = p + last[min(len(p), 2):] if len(p) >= 2 else p + last[1:]
    head = next((h for h in _HEADS if parts[-1].endswith(h)), None)
    if head:
        parts = [p if any(p.endswith(h) for h in _HEADS) else p + head for p in parts]
    return parts


@lru_cache(maxsize=1)
def _sector_words() -> tuple[list[str], ahocorasick_rs.AhoCorasick | None, list[int], int | None]:
    """The sectors of data/sectors.tsv in file order; one automaton of all their keywords, and for each
    keyword the first sector (index) it is a keyword of; the first sector with an empty keyword (which
    every text holds), or None."""
    text = (resources.files("transforms") / "data" / "sectors.tsv").read_text(encoding="utf-8")
    names: list[str] = []
    first: dict[str, int] = {}
    empty = None
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, words = line.split("\t")
            for w in words.split("|"):
                if not w:
                    empty = len(names) if empty is None else empty
                else:
                    first.setdefault(w, len(names))
            names.append(name)
    words = list(first)
    automaton = ahocorasick_rs.AhoCorasick(words) if words else None
    return names, automaton, [first[w] for w in words], empty


def sector(indicator: str, context: str = "") -> str:
    """The sector of an indicator (first matching row of data/sectors.tsv); the context sentence breaks
    no ties, it is only read when the indicator itself names nothing."""
    return _sector_of(indicator) or _sector_of(context) or "other"


@lru_cache(maxsize=1 << 14)
def _sector_of(text: str) -> str | None:
    # one scan for every sector's keywords (overlapping: a keyword inside another's match counts too),
    # then the first sector in file order that has one, as trying the sectors' patterns in turn would
    names, automaton, sector_of_word, best = _sector_words()
    if automaton is not None:
        for k, _, _ in automaton.find_matches_as_indexes(text, overlapping=True):
            if best is None or sector_of_word[k] < best:
                best = sector_of_word[k]
    return None if best is None else names[best]
