"""Candidates: every value with a known unit in a sentence (numbers.py reads the numeral, units.py the
unit and its scale). Which alternative of ``value_re`` matched is the candidate's rule."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from transforms import numbers, units
from transforms.extract.rules import declare, note

_NUM = rf"(?:{numbers.ARABIC}|{numbers.CHINESE})"
_MULT = numbers.MULTIPLIER
_SPACE = regex.compile(r"\s+")


@lru_cache(maxsize=1)
def _alternatives() -> tuple[tuple[str, str], ...]:
    """(group, pattern) of each alternative of value_re, in order.
    An alternative that opens with a lookbehind first looks ahead for the character it starts with: the
    lookbehind is then tried only where that character is; and a number is followed by a space, a multiplier,
    a unit, a range sign or 多/余, or it is no value (一 in 进一步): both read the same values, in fewer steps."""
    unit = units.pattern()
    after_number = rf"(?=[\s万千百亿{units.first_chars()}\-—–~多余])"
    return (
        ("pct", rf"""(?P<pct>百分之(?P<pn>{_NUM}|百))"""),
        ("frac", rf"""(?P<frac>(?=[\d零〇一二两三四五六七八九十])(?<![\d.])(?P<fd>{_NUM})分之(?P<fn>{_NUM}))"""),
        ("fan", rf"""(?P<fan>翻了?(?P<ft>一|两|二|三)?番)"""),
        ("round", rf"""(?P<round>(?=[十百千万])(?:(?<=近|将近|接近|上|超|超过|逾|约)(?P<rn>百|千|万)|(?<=数)(?P<rs>十|百|千|万)
        |(?P<rb>[百千万])(?=[余多](?!\s*年)))
        (?P<rm>{_MULT})?(?P<rmore>多|余)?\s*(?P<ru>{unit}))"""),
        ("cheng", rf"""(?P<cheng>(?=[一二两三四五六七八九])(?:(?<=近|将近|接近|超|超过|超过了|约|逾|达|达到|达到了|占|不到|不足|有|由|从|到|至|为)(?P<cn>[一二两三四五六七八九])成
        (?![为功立本果长绩员效交型品熟都就套批片规年了色不])|(?P<cn2>[一二两三四五六七八九])成(?=以上|左右|多)))"""),
        ("half", rf"""(?P<half>(?=一半)(?:(?<=近|将近|接近|超|超过|超过了|约|逾|达|达到|占|不到|不足)一半|一半(?=以上|左右|多)))"""),
        ("pue", rf"""(?P<pue>(?:PUE|能效比|电能利用效率)\s*[（(]?\s*(?:PUE)?\s*[）)]?\s*值?\s*
        (?:达到|降到|降至|低于|不高于|不超过|控制在|为|≤|<)?\s*(?P<pv>\d+(?:\.\d+)?)(?![\d.%])(?!\s*[\u4e00-\u9fff]{{0,2}}(?:年|月|日)))"""),
        ("val", rf"""(?P<val>(?=[\d零〇一二两三四五六七八九十])(?<![\d.A-Za-z_/\-零〇一二两三四五六七八九十百千万亿])(?P<n1>{_NUM}){after_number}
        (?:\s*(?P<m1>{_MULT})?\s*(?P<u1>{unit})?\s*[-—–~]\s*(?P<n2>{_NUM}))?
        \s*(?P<more0>多|余)?\s*(?P<m>{_MULT})?\s*(?P<more>多|余)?\s*(?P<u>{unit}))"""),
    )


@lru_cache(maxsize=1)
def value_re() -> regex.Pattern:
    """Every value with a unit: 百分之二十, 三分之一, 翻一番, PUE 1.3, 470亿元, 3—5个, 10%-15%, 30多万公里."""
    return regex.compile("|".join(a for _, a in _alternatives()), regex.VERBOSE)


# Six alternatives of value_re only match where their word is written (百分之, 分之, 翻, 成, 一半, PUE, 能效比,
# 电能利用效率); most sentences write none of them, and there the round numerals and the numbers (plain_value_re)
# read the same values in fewer steps.
RARE_WORDS = ("分之", "翻", "成", "一半", "PUE", "能效比", "电能利用效率")
_RARE = regex.compile("|".join(map(regex.escape, RARE_WORDS)))  # (one search, not a word at a time)


@lru_cache(maxsize=1)
def _unit_char() -> regex.Pattern:
    """A character a written unit starts with (units.first_chars)."""
    return regex.compile(f"[{units.first_chars()}]")


@lru_cache(maxsize=1)
def plain_value_re() -> regex.Pattern:
    return regex.compile("|".join(a for n, a in _alternatives() if n in ("round", "val")), regex.VERBOSE)


# Every alternative of value_re needs a numeral (an Arabic digit or a Chinese digit word), 番 (翻一番),
# 百分之 (百分之百) or a round 百/千/万 after 近, 上, 超(过), 逾, 约: a sentence with none of them holds no
# candidate, which this one cheap search tells before value_re runs. A new alternative of value_re must
# keep that true (tests/test_measures.py checks it over the corpus).
MAY_HOLD_VALUE = regex.compile(r"[\d零〇一二两三四五六七八九十番]|百分之|[近上超过逾约数][百千万]|[百千万][余多]")


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
    rule: str = "candidate.value"
    comparator: str | None = None  # what the numeral itself says (上百个, 十多个: at least); None: read the context


PERCENT_WORDS = declare("candidate.percent_words", "百分之N written out", "a share in %",
                        [("城市空气质量优良天数比例达到百分之八十。", "百分之八十", "80%")])
FRACTION = declare("candidate.fraction", "N分之M", "a ratio M/N",
                   [("可再生能源消费增量占三分之一。", "三分之一", "0.333333ratio")])
FAN = declare("candidate.fan", "翻一番 / 翻两番 / 翻了一番", "a ratio (2 or 4)",
              [("到2030年，全市经济总量翻一番。", "翻一番", "2ratio"),
               ("比2015年底翻了一番。", "翻了一番", "2ratio")])
ROUND = declare("candidate.round_numeral", "a bare 百/千/万 after 近, 上, 超, 逾, 约 or before 余/多, or 十/百/千/万 after "
                "数 (近百家, 上百个, 近千亿元, 近万亩, 数十个, 千余个)",
                "a value of 10, 100, 1000 or 10000 times its multiplier (上百, 数十: at least; 近: about)",
                [("新材料上下游企业已经有近百家。", "百家", "100count"),
                 ("总投资近千亿元。", "千亿元", "1e+11CNY"),
                 ("全省建成上百个充电站。", "上百个", "100count"),
                 ("目前已建成数十个零碳园区。", "数十个", "10count"),
                 ("全市已建成充电桩千余个。", "千余个", "1000count"),
                 ("全省培训新型职业农民万余人。", "万余人", "10000people")])
CHENG = declare("candidate.cheng", "N成 after 近, 超, 约, 占, 达, 达到了, 由/从, 到/至, 为, or before 以上/左右/多 (近三成, 超九成, "
                "两成以上, 由两成提高到四成): tenths", "a share in % (N × 10)",
                [("新能源汽车渗透率近三成。", "三成", "30%"), ("特别是10月超过了九成。", "九成", "90%"),
                 ("全市绿电消费占比达到了四成。", "四成", "40%"),
                 ("清洁能源发电量占比由两成提高到四成。", "两成", "20%"),
                 ("清洁能源发电量占比由两成提高到四成。", "四成", "40%"),
                 ("两成以上的企业开展了清洁生产审核。", "两成", "20%")])
CHINESE_MORE = declare("candidate.chinese_count_more", "a Chinese numeral with 多/余 and a count unit (十多个, 二十余家)",
                       "a count, at least that many (an approximate amount, not a word like 两个维护)",
                       [("全市建成十多个示范区。", "十多个", "10count")])
HALF = declare("candidate.half", "一半 after 近, 超过, 约, 占, 达, or before 以上/左右/多 (占全球的一半以上, 超过一半)",
               "a share of 50 %", [("截至2023年底，全国新能源汽车保有量超2000万辆，占全球的一半以上。", "一半", "50%"),
                                    ("清洁能源发电量超过一半。", "一半", "50%")])
PUE = declare("candidate.pue", "a PUE or energy-efficiency ratio value (PUE 1.3, PUE值降到1.25)", "a ratio",
              [("新建大型数据中心PUE值降到1.3以下。", "1.3", "1.3ratio")])
VALUE = declare("candidate.value", "a number (Arabic or Chinese, a range, 多/余) with a multiplier and a known unit",
                "a value in the canonical unit",
                [("2021年1-10月，284个市重大项目完成投资470亿元。", "470亿元", "4.7e+10CNY"),
                 ("在戈壁滩上，安装了50多万块光伏板。", "50多万块", "500000count"),
                 ("近两万面镜子将在这里精准追踪太阳光线。", "两万面", "20000count"),
                 ("如今，能效标识覆盖45类产品。", "45类", "45count")])
WORD_COUNT = declare("candidate.chinese_count_word", "a Chinese numeral with a count, people or rank unit and no 万/亿",
                     "no candidate (两个维护, 四个阶段: words)",
                     [("坚定“四个自信”、做到“两个维护”。", "两个", "drop")])
REVERSED = declare("candidate.reversed_range", "a range whose lower end is above its upper", "no candidate")
RANK_NO_CUE = declare("candidate.rank_without_cue", "a rank unit (第N名, 位) with no 排名/位列/居… just before",
                      "no candidate; 名 alone is people",
                      [("我市共有3名代表参加。", "3名", "people")])
DEGREE = declare("candidate.degree_without_multiplier", "度 with no 万/亿 (30度)", "no candidate: a temperature or an angle",
                 [("室内温度不低于18度。", "18度", "drop")])
FRACTIONAL_COUNT = declare("candidate.fractional_count", "a count that is no whole number", "no candidate")


def _show(value: float, unit: str) -> str:
    return f"{value:.6g}{unit}" if unit == "ratio" and not float(value).is_integer() else f"{value:g}{unit}"


def parse(m: regex.Match, text: str) -> Candidate | None:
    c = _parse(m, text)
    if c is not None:
        note(c.rule, c.raw, _show(c.value, c.unit))
    return c


def _parse(m: regex.Match, text: str) -> Candidate | None:
    g = m  # m[name] reads one group; groupdict() would build all of them for every match
    alt = m.lastgroup  # the alternative that matched (its group closes last)
    if alt == "pct":
        pn = g["pn"]
        return Candidate(m.start(), m.end(), 100.0 if pn == "百" else numbers.parse_number(pn), None, "%",
                         m.group(), False, "", PERCENT_WORDS.id)
    if alt == "frac":
        return Candidate(m.start(), m.end(), numbers.fraction(g["fd"], g["fn"]), None, "ratio", m.group(), False, "",
                         FRACTION.id)
    if alt == "fan":
        more = text.startswith("多", m.end())  # 翻了一番多: more than double
        return Candidate(m.start(), m.end(), numbers.fan(g["ft"] or "一"), None, "ratio", m.group(), False, "",
                         FAN.id, ">=" if more else None)
    if alt == "round":
        if g["rb"] and m.start() and _NUMERAL_BEFORE.match(text, m.start() - 1):
            return None  # 一千余 is read whole by candidate.value
        base = {"十": 10.0, "百": 100.0, "千": 1000.0, "万": 10000.0}[g["rn"] or g["rs"] or g["rb"]]
        unit_text = _SPACE.sub("", g["ru"])
        canonical, _ = units.canonical(unit_text)
        if unit_text == "度" and not g["rm"]:
            return None
        try:
            value, unit = units.convert(base, g["rm"], unit_text)
        except (ValueError, KeyError):
            return None
        if unit == "rank":  # 近千名: people, unless a rank cue says 名 is a place in a ranking
            if _RANK_CUE.search(text[max(0, m.start() - 12):m.start()]) or unit_text != "名":
                return None
            unit = "people"
        up = text[max(0, m.start() - 1):m.start()] in ("上", "数")  # 上百, 数十: at least that many
        s = m.start() - 1 if up else m.start()
        return Candidate(s, m.end(), value, None, unit, _SPACE.sub("", text[s:m.end()]), canonical == "count",
                         unit_text if canonical == "count" else "", ROUND.id,
                         ">=" if up or g["rmore"] else None)
    if alt == "cheng":
        over = text[max(0, m.start() - 3):m.start()] == "超过了" or text.startswith("多", m.end())  # 四成多
        return Candidate(m.start(), m.end(), numbers.parse_number(g["cn"] or g["cn2"]) * 10.0, None, "%", m.group(),
                         False, "", CHENG.id, ">=" if over else None)
    if alt == "half":
        over = text.startswith("多", m.end())  # 一半多: more than half
        return Candidate(m.start(), m.end(), 50.0, None, "%", m.group(), False, "", HALF.id, ">=" if over else None)
    if alt == "pue":
        s = m.start("pv")
        return Candidate(s, m.end(), float(g["pv"]), None, "ratio", g["pv"], False, "", PUE.id)
    n1, n2, unit_text = g["n1"], g["n2"], g["u"]
    unit_text = _SPACE.sub("", unit_text)
    chinese = not n1[0].isdigit() or (n2 is not None and not n2[0].isdigit())
    canonical, _ = units.canonical(unit_text)
    if unit_text == "度" and not g["m"]:
        note(DEGREE.id, _SPACE.sub("", m.group()), "drop")
        return None  # 30度 is a temperature or an angle; 1.6亿度, 2700亿度 are electricity
    count = canonical == "count"
    more = bool(g["more0"] or g["more"])
    if chinese and not g["m"] and canonical in ("count", "people", "rank") and not (more and n2 is None):
        note(WORD_COUNT.id, _SPACE.sub("", m.group()), "drop")
        return None  # 两个维护, 四个阶段, 三人: words, not measures
    try:
        if n2 is not None:
            lo_mult, lo_unit = (g["m1"] or g["m"]), (g["u1"] or unit_text)
            lo, _ = units.convert(numbers.parse_number(n1), lo_mult, _SPACE.sub("", lo_unit))
            hi, unit = units.convert(numbers.parse_number(n2), g["m"], unit_text)
            if lo > hi:
                note(REVERSED.id, _SPACE.sub("", m.group()), "drop")
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
                note(RANK_NO_CUE.id, _SPACE.sub("", m.group()), "people")
            else:
                note(RANK_NO_CUE.id, _SPACE.sub("", m.group()), "drop")
                return None
    if count and not float(value).is_integer():
        note(FRACTIONAL_COUNT.id, _SPACE.sub("", m.group()), "drop")
        return None
    if chinese and not g["m"] and canonical in ("count", "people", "rank"):
        return Candidate(m.start(), m.end(), value, upper, unit, _SPACE.sub("", m.group()), count,
                         unit_text if count else "", CHINESE_MORE.id, ">=")
    return Candidate(m.start(), m.end(), value, upper, unit, _SPACE.sub("", m.group()), count,
                     unit_text if count else "", VALUE.id)


SHARED_UNIT = declare("candidate.shared_unit", "N个 and then, after 和/与/、/至, M个百分点 (分别下降了20个和38个百分点)",
                      "N is in percentage points too",
                      [("细颗粒物平均浓度和重污染天数比例分别下降了20个和38个百分点。", "20个", "20pp")])
_SHARED_PP = regex.compile(r"\s*(?:和|与|及|、|或|至|到|-|—|~)\s*")
_NUMERAL_BEFORE = regex.compile(r"[\d.零〇一二两三四五六七八九十百千万亿第]")
_RANK_CUE = regex.compile(r"排名|排位|位列|名次|位次|居|列第|第|前|(?:上升|下降|提升|跃升)(?:至|到)")




def find(text: str) -> list[Candidate]:
    """Every candidate value of ``text`` (half-width), before the filters."""
    out: list[Candidate] = []
    if not MAY_HOLD_VALUE.search(text):
        return out
    if _RARE.search(text):
        pattern = value_re()
    elif _unit_char().search(text):
        pattern = plain_value_re()
    else:
        return out  # its two alternatives (round numerals and numbers) end with a unit, which starts with one of these
    for m in pattern.finditer(text):
        c = parse(m, text)
        if c is not None:
            if out and c.unit == "pp" and _SHARED_PP.fullmatch(text, out[-1].end, c.start) \
                    and out[-1].raw.endswith("个") and out[-1].unit == "count":
                p = out[-1]  # 20个和38个百分点: the list shares its unit
                out[-1] = Candidate(p.start, p.end, p.value, p.upper, "pp", p.raw, False, "", SHARED_UNIT.id,
                                    p.comparator)
                note(SHARED_UNIT.id, p.raw, _show(p.value, "pp"))
            out.append(c)
    return out
