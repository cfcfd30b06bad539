"""Numbers as policy texts write them: Arabic and Chinese numerals, thousands separators, decimals,
multipliers (万, 亿, 万亿), percentages written out (百分之二十), fractions (三分之一) and 翻一番.

Everything here works on text that went through ``halfwidth`` (full-width digits and signs mapped to
ASCII one character for one, so offsets do not move).
"""
from __future__ import annotations

import re
from functools import lru_cache

import cn2an
import numpy as np

# full-width forms (０-９ Ａ-Ｚ ％ ． ， etc.) to ASCII, one character for one
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH.update({0x3000: 0x20, 0x3007: ord("〇")})
_FULLWIDTH[ord("～")] = ord("~")
# the same map, char to char, for the characters it changes: one C-level scan finds them
_HALF = {chr(k): chr(v) for k, v in _FULLWIDTH.items() if k != v}
_FULLWIDTH_RE = re.compile("[" + "".join(sorted(_HALF)) + "]")

ARABIC = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
# A Chinese numeral that is a number on its own: starts with a digit word (not 百/千/万, which begin
# units like 千瓦 and 万元), may carry 十百千 and a decimal part.
CHINESE = r"(?:[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千]*(?:点[零〇一二三四五六七八九]+)?)"
MULTIPLIERS = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4}
MULTIPLIER = r"(?:万亿|千亿|百亿|亿|千万|百万|万)"
FAN = {"一": 2, "两": 4, "二": 4, "三": 8}  # 翻一番 doubles, 翻两番 quadruples


def halfwidth(text: str) -> str:
    """Full-width digits, Latin letters and signs to ASCII; the length never changes."""
    # str.translate with a dict looks up every character in Python; most characters are unchanged
    return _FULLWIDTH_RE.sub(lambda m: _HALF[m.group()], text)


def _halfwidth_codes(text: str) -> str:
    """``halfwidth`` as arithmetic on the text's code points (U+FF01-U+FF5E less 0xFEE0, U+3000 to a
    space): one numpy pass, for a long text with many full-width signs (every ，（）： of a policy text)."""
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)
    wide = (cp - np.uint32(0xFF01)) < np.uint32(0xFF5F - 0xFF01)  # unsigned: below U+FF01 wraps high
    space = cp == 0x3000
    if not (wide.any() or space.any()):
        return text
    out = cp.copy()
    out[wide] -= np.uint32(0xFEE0)
    out[space] = 0x20
    return out.tobytes().decode("utf-32-le", "surrogatepass")


def halfwidth_many(texts: list[str]) -> list[str]:
    """``halfwidth`` of each text, in one pass over all of them (the map is one character for one, so
    the texts joined by NUL and split again are the texts mapped one by one)."""
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:  # a text holds NUL itself
        return [halfwidth(t) for t in texts]
    return _halfwidth_codes(joined).split("\x00") if texts else []


@lru_cache(maxsize=4096)
def parse_chinese(s: str) -> float:
    """二十 -> 20, 一百二十点五 -> 120.5, 两 -> 2."""
    return float(cn2an.cn2an(s.replace("〇", "零"), "smart"))


def parse_number(s: str) -> float:
    """An Arabic or Chinese numeral, without multiplier: '1,200.5' -> 1200.5, '二十' -> 20."""
    s = s.strip()
    if not s:
        raise ValueError("empty number")
    if s[0].isdigit():
        return float(s.replace(",", ""))
    return parse_chinese(s)


def multiplier(s: str | None) -> float:
    """万 -> 1e4, 亿 -> 1e8, 万亿 -> 1e12; none -> 1."""
    return MULTIPLIERS[s] if s else 1.0


def fraction(denominator: str, numerator: str) -> float:
    """三分之一 is written denominator first: fraction('三', '一') -> 1/3."""
    return parse_number(numerator) / parse_number(denominator)


def fan(times: str) -> float:
    """翻一番 -> 2, 翻两番 -> 4."""
    return float(FAN[times])


def is_year(value: float) -> bool:
    return value.is_integer() and 1949 <= value <= 2100
