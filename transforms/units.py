"""Units: the written unit after a number -> the canonical unit of MEASURES.md and its scale.

``convert(value, multiplier_text, unit_text)`` gives (value in canonical unit, canonical unit). The
table is data: ``data/units.tsv`` (written form, canonical unit, factor to the canonical unit).
Count classifiers (个, 家, 户 ...) all map to ``count``; the classifier stays in ``value_raw``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from transforms import numbers

_CARBON_MASS = re.compile(r"二氧化碳|碳排放|碳减排|减碳|降碳|温室气体|CO2|碳汇|固碳")
_COAL_EQUIVALENT = re.compile(r"标准煤|标煤")
_SPACE = re.compile(r"\s+")
# a capacity per year (年处理10万吨); 全年产煤12亿吨 is a year's output (t)
_PER_YEAR = re.compile(r"(?:(?<![全今去上当本同前])年产(?!生)|年产能|年处理|年处置|年回收|年加工|年利用|年吞吐|年消纳|年设计产能)"
                       r"[^，,；;。\d]{0,8}$")
COUNT_CLASSIFIERS = frozenset("个家户项座辆台所处套件条支艘架宗株棵口眼栋幢批场次例回张块面类列种")  # 张: certificates (绿证); 块, 面: panels, mirrors; 类: kinds of product; 列: trains; 种: kinds (filter.few_kinds)


@lru_cache(maxsize=1)
def table() -> dict[str, tuple[str, float]]:
    """written unit -> (canonical unit, factor)."""
    out: dict[str, tuple[str, float]] = {}
    text = (resources.files("transforms") / "data" / "units.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        written, canonical, factor = line.split("\t")
        num, _, den = factor.partition("/")  # factors like 1/15
        out[written] = (canonical, float(num) / float(den or 1))
    for c in COUNT_CLASSIFIERS:
        out.setdefault(c, ("count", 1.0))
    return out


@lru_cache(maxsize=1)
def first_chars() -> str:
    """The characters a written unit can start with, escaped for a regex character class."""
    return "".join(sorted({re.escape(u[0]) for u in table()}))


def pattern() -> str:
    """Regex alternation of every written unit, longest first. A lookahead on the characters a unit can
    start with comes first: where the next character starts none, the alternatives are not tried one by one."""
    return f"(?=[{first_chars()}])(?:" + "|".join(re.escape(u) for u in sorted(table(), key=len, reverse=True)) + ")"


@lru_cache(maxsize=4096)
def canonical(unit_text: str) -> tuple[str, float]:
    """(canonical unit, factor) of a written unit; white space inside is ignored."""
    return table()[_SPACE.sub("", unit_text)]


def convert(value: float, multiplier_text: str | None, unit_text: str) -> tuple[float, str]:
    """470, '亿', '元' -> (4.7e10, 'CNY'); 1.2, '亿', '千瓦' -> (120000, 'MW')."""
    unit, factor = canonical(unit_text)
    return float(f"{value * numbers.multiplier(multiplier_text) * factor:.12g}"), unit  # 3‰ is 0.3 %, not 0.30000000000000004


def is_count(unit_text: str) -> bool:
    return canonical(unit_text)[0] == "count"


def of_substance(unit: str, indicator: str, before: str) -> str:
    """Tonnes of what: 节约标准煤4.5万吨 is tce, 减少碳排放3.2亿吨 is tCO2; 按每吨5000元 is CNY/t.
    ``before`` is the text just before the value."""
    if unit == "CNY" and "每吨" in before:
        return "CNY/t"
    if unit != "t":
        return unit
    if _PER_YEAR.search(before):
        return "t/a"  # 年处理10万吨: a capacity per year (全年产煤12亿吨 is a year's output: t)
    if _COAL_EQUIVALENT.search(indicator + before[-4:]):
        return "tce"
    if _CARBON_MASS.search(indicator + before):
        return "tCO2"
    return unit
