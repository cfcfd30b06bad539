"""Clean: pinyin ruby out, mojibake repaired, boilerplate dropped, wraps joined, traditional to simplified.

The text is handled as lines, each remembering where it started in the decoded text; the clean text keeps
one paragraph (or heading) a line, and ``line_map`` gives, for each clean line, the pair
(offset in the clean text, offset in the decoded text). Within a line the offsets are close but not exact
(pinyin and zero-width characters removed).

Steps, in order:
1. Characters: zero-width characters out, full-width and no-break spaces to spaces, full-width digits
   and Latin letters to ASCII, spaces between Chinese and digits out (PDF text "2022 年 3 月").
2. Pinyin ruby: "產(chǎn)業(yè)" -> "產業"; a parenthesis holding Chinese ("(近)") is text and stays.
3. Mojibake: "濱??h" (GBK bytes read as GB2312: lost characters, trail bytes left as ASCII) is repaired
   when one place name of the code table fits the garbled bytes.
4. PDF pages: page numbers, running headers and footers, table-of-contents lines out.
5. Boilerplate (``data/boilerplate.txt``): WeChat headers and footers, share widgets, navigation,
   "推荐新闻" / "往期推荐" lists.
6. Hard wraps joined inside sentences; a sentence repeated right after itself dropped.
7. 繁→简 with OpenCC t2s; the original script is recorded (simplified / traditional / mixed).
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from importlib import resources

import ahocorasick_rs
import numpy as np
import opencc
import pyarrow as pa

from schemas import tables
from transforms.needles import needles as needles_of
from transforms.rejects import Reject

# ---------------------------------------------------------------- characters

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad]")
_SPACES = re.compile("[\u3000\u00a0\u2002\u2003\u2009\u202f\t]")
# full-width digits, Latin letters and % . to ASCII; Chinese punctuation stays full-width
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}
_FULLWIDTH.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})
_FULLWIDTH.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})
_FULLWIDTH[0xFF05] = ord("%")
_CJK = "\u4e00-\u9fff\u3400-\u4dbf"
_CJK_PUNCT = "\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2014\u2026"
_SPACE_CJK_DIGIT = re.compile(rf"(?<=[{_CJK}{_CJK_PUNCT}]) +(?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%]) +(?=[{_CJK}{_CJK_PUNCT}])")
# the same rule, found from its spaces: a run of spaces between a Chinese character (or punctuation) and a
# digit, letter or % goes (``_drop_cjk_digit_spaces``)
_SPACE_RUN = re.compile(" +")
_CJK_SIDE = re.compile(f"[{_CJK}{_CJK_PUNCT}]")
_ASCII_SIDE = re.compile("[0-9A-Za-z%]")
_FULLWIDTH_CHAR = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05]")
# a heading set with a space between every character: "济 南 市 人 民 政 府"
_SPACED_LETTERS = re.compile(rf"^[{_CJK}](?: [{_CJK}]){{2,}}$")

# ---------------------------------------------------------------- pinyin ruby

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# "(" first, so that the scan looks for "(" and only then at the character before it
_PINYIN_PAREN = re.compile(rf"\((?<=[{_CJK}?]\()([a-zA-Zü{_TONED}]{{1,6}})\)")
_SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|üan|ai|ei|ao|ou|an|en|er|in|un|ün|vn|"
    r"ia|ie|iu|ua|uo|ue|üe|ve|ui|a|o|e|i|u|ü|v)|hm|hng|ng|m|n")


def _toneless(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s.lower()) if not unicodedata.combining(c)) \
        .replace("u\u0308", "ü")


@lru_cache(maxsize=8192)
def _ruby(syl: str) -> tuple[bool, bool]:
    """(has a tone mark, is a pinyin syllable) of the letters in a parenthesis."""
    return any(c in _TONED for c in syl), bool(_SYLLABLE.fullmatch(_toneless(syl)))


def strip_pinyin(lines: list[str]) -> list[str]:
    """Drop pinyin in parentheses after a character. Toneless syllables ("(de)") go only in a text that
    is annotated (three or more toned ones), so that "(km)" or "(an)" in plain text stays."""
    text = "\n".join(lines)  # one pass over the text: a ruby never spans a line break
    if "(" not in text:
        return list(lines)
    found = [(m.start(), m.end(), *_ruby(m.group(1))) for m in _PINYIN_PAREN.finditer(text)]
    if not found:
        return list(lines)
    annotated = sum(1 for f in found if f[2]) >= 3
    out, pos = [], 0
    for a, b, has_tone, syllable in found:
        if (has_tone or annotated) and syllable:
            out.append(text[pos:a])
            pos = b
    if not pos:
        return list(lines)
    out.append(text[pos:])
    return "".join(out).split("\n")


# ---------------------------------------------------------------- mojibake

# two or more "?" (lost characters), or "?" and an ASCII letter (a trail byte): one "?" is a question mark
_MOJIBAKE = re.compile(rf"([{_CJK}])(\?{{2,}}[\x40-\x7e]?|\?[\x40-\x7e])(?=[^\x00-\x7f]|$)")


def _garble(chars: str) -> str | None:
    """What GBK bytes of ``chars`` look like when read as GB2312 by a lenient decoder: a lost character
    is "?", and a trail byte in the ASCII range survives as that letter."""
    out = []
    for c in chars:
        try:
            b = c.encode("gbk")
        except UnicodeEncodeError:
            return None
        if len(b) != 2:
            return None
        out.append("?" + (chr(b[1]) if 0x40 <= b[1] <= 0x7e else ""))
    return "".join(out)


@lru_cache(maxsize=1)
def _place_names() -> tuple[str, ...]:
    from transforms import regions

    names = set()
    for r in regions.all_regions().values():
        names.update((r.name, r.short_name))
    conv = _s2t()
    return tuple(sorted(names | {conv.convert(n) for n in names}))


@lru_cache(maxsize=1)
def _names_by_char() -> dict[str, list[tuple[str, int]]]:
    """Each character of the place names -> (name, where the character first occurs in it)."""
    out: dict[str, list[tuple[str, int]]] = {}
    for name in _place_names():
        for c in dict.fromkeys(name):
            out.setdefault(c, []).append((name, name.index(c)))
    return out


def repair_mojibake(line: str) -> str:
    """Repair "濱??h" when exactly one place name starts with the character before the garble and its
    next characters garble to the same "?"s and letters."""
    def repl(m: re.Match) -> str:
        lead, garbled = m.group(1), m.group(2)
        n = garbled.count("?")
        fits = set()
        for name, i in _names_by_char().get(lead, ()):
            if len(name) < i + 1 + n:
                continue
            cand = name[i + 1: i + 1 + n]
            if _garble(cand) == garbled:
                fits.add(cand)
        return lead + fits.pop() if len(fits) == 1 else m.group(0)

    return _MOJIBAKE.sub(repl, line) if "?" in line else line


# ---------------------------------------------------------------- boilerplate

@dataclass(frozen=True)
class _Rules:
    line: re.Pattern
    pair: re.Pattern
    trailer: re.Pattern
    inline: re.Pattern
    footer: re.Pattern


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    kinds: dict[str, list[str]] = {"line": [], "pair": [], "trailer": [], "inline": [], "footer": []}
    path = resources.files("transforms") / "data" / "boilerplate.txt"
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        kind, _, rx = raw.partition("\t")
        kinds[kind.strip()].append(rx.strip())
    return _Rules(*(re.compile("|".join(f"(?:{p})" for p in kinds[k])) for k in ("line", "pair", "trailer",
                                                                              "inline", "footer")))


_BULLET = re.compile(r"^(?:[-–—•·◆◇▪■□●○▶►※*>]|\d{1,2}[.、)）])\s*")
_TERMINAL = "。！？!?；;：:"
_CLOSERS = "”’」』）)】\"'"


_WRAPPED = re.compile(r"^(?:\(.*\)|（.*）|【.*】|\[.*\]|“.*”|《[^》]*》)$")


_TRAILING_NOTE = re.compile(r"[（(][^（()）]{1,80}[）)]$")


_OPENERS = ("(", "（", "【", "[", "“", "《")  # the first character of every match of _WRAPPED
_NOTE_ENDS = ("）", ")", "）\n", ")\n")  # the end of every match of _TRAILING_NOTE ($: before a final \n too)


def ends_sentence(line: str) -> bool:
    """The line ends a sentence, or is a whole unit in brackets ("(作者单位:…)")."""
    if line.startswith(_OPENERS) and _WRAPPED.match(line):
        return True
    m = _TRAILING_NOTE.search(line) if line.endswith(_NOTE_ENDS) else None  # "…新篇章。(作者系扬州市油坊镇党委书记)"
    if m and m.start() > 0 and ends_sentence(line[: m.start()]):
        return True
    s = line.rstrip(_CLOSERS)
    return bool(s) and (s[-1] in _TERMINAL or s.endswith(("……", "…")))


# ---------------------------------------------------------------- lines

@dataclass
class Line:
    start: int  # offset in the decoded text
    text: str
    indented: bool = False
    page: int = 0
    last: str = ""  # the last physical line joined into this one


def split_lines(text: str) -> list[Line]:
    out, pos, page = [], 0, 0
    for raw in text.split("\n"):
        if raw == "\f" or raw.strip() == "\f":
            page += 1
        else:
            out.append(Line(pos, raw, raw[:1] in (" ", "\u3000", "\t"), page))
        pos += len(raw) + 1
    return out


_SPACED_LINE = re.compile(_SPACED_LETTERS.pattern, re.M)
_MULTI_SPACE = re.compile(r" {2,}")


def normalise_lines(texts: list[str]) -> list[str]:
    """``normalise_chars`` of every line, in one pass of each rule over the whole text (no rule
    crosses a line break)."""
    if not texts:
        return []
    s = _ZERO_WIDTH.sub("", "\n".join(texts))
    s = _SPACES.sub(" ", s)
    if _FULLWIDTH_CHAR.search(s):
        s = _FULLWIDTH_CHAR.sub(lambda m: chr(ord(m.group()) - 0xFEE0), s)  # = s.translate(_FULLWIDTH)
    s = "\n".join(map(str.strip, s.split("\n")))  # str.strip() of every line, in C
    if " " in s:
        s = _SPACED_LINE.sub(lambda m: m.group().replace(" ", ""), s)
        s = _drop_cjk_digit_spaces(s)
        if "  " in s:
            s = _MULTI_SPACE.sub(" ", s)
    return s.split("\n")


def _drop_cjk_digit_spaces(s: str) -> str:
    """``_SPACE_CJK_DIGIT.sub("", s)``, from the runs of spaces: the run goes when a Chinese character
    (or punctuation) is on one side and a digit, letter or % on the other."""
    out, pos = [], 0
    for m in _SPACE_RUN.finditer(s):
        a, b = m.span()
        if a == 0 or b == len(s):
            continue
        before, after = s[a - 1], s[b]
        if (_CJK_SIDE.match(before) and _ASCII_SIDE.match(after)) or (_ASCII_SIDE.match(before)
                                                                      and _CJK_SIDE.match(after)):
            out.append(s[pos:a])
            pos = b
    if not pos:
        return s
    out.append(s[pos:])
    return "".join(out)


def normalise_chars(s: str) -> str:
    s = _ZERO_WIDTH.sub("", s)
    s = _SPACES.sub(" ", s).translate(_FULLWIDTH).strip()
    if _SPACED_LETTERS.match(s):
        return s.replace(" ", "")
    s = _SPACE_CJK_DIGIT.sub("", s)
    return re.sub(r" {2,}", " ", s)


_PAGE_NUMBER = re.compile(r"^(?:[-—–－~\s]*\d{1,4}[-—–－~\s]*|第\s*\d+\s*页(?:\s*[/,，]?\s*共\s*\d+\s*页)?|"
                          r"\d+\s*/\s*\d+|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩIVXivx]{1,5}|[-—–]\s*[ivxIVX]+\s*[-—–])$")
# page numbers that cannot be anything else, wherever the text layer puts them on the page ("-14—")
_DASHED_PAGE_NUMBER = re.compile(r"^(?:[-—–－~]\s*\d{1,4}\s*[-—–－~]|第\s*\d+\s*页(?:\s*[/,，]?\s*共\s*\d+\s*页)?)$")
_TOC = re.compile(r"(?:\.{4,}|…{2,}|·{4,}|-{6,})\s*\d{0,4}\s*$|^\S.{0,40}\s\d{1,3}$")


_DIGITS = re.compile(r"\d+")
_LEADER_LINE = re.compile(r"(?:\.{4,}|…{2,}|·{4,})\s*(?:\d{0,4}|错误!未定义书签。?)\s*$")
_TOC_CHAPTER = re.compile(r"^(?:第[一二三四五六七八九十]+[章节]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）).{1,40}\s?\d{1,3}$")


def _has_leaders(t: str) -> bool:
    """The line holds a run of leaders (...., ……, ····), as every match of _LEADER_LINE does."""
    return "...." in t or "……" in t or "····" in t


def clean_pdf_pages(lines: list[Line]) -> list[Line]:
    """Drop page numbers, lines repeated at the top or bottom of many pages, and contents lines."""
    pages: dict[int, list[int]] = {}
    for i, ln in enumerate(lines):
        if ln.text:
            pages.setdefault(ln.page, []).append(i)
    drop: set[int] = set()
    edge_keys: dict[str, list[int]] = {}
    for idx in pages.values():
        drop.update(i for i in idx if _DASHED_PAGE_NUMBER.match(lines[i].text))
        edges = idx[:2] + idx[-2:]
        for i in dict.fromkeys(edges):
            t = lines[i].text
            if _PAGE_NUMBER.match(t):
                drop.add(i)
            else:
                edge_keys.setdefault(_DIGITS.sub("#", t), []).append(i)
    n_pages = len(pages)
    if n_pages >= 3:
        for key, idx in edge_keys.items():
            n = len({lines[i].page for i in idx})
            if n >= 3 and n >= 0.3 * n_pages and len(key) <= 40 and not _CLAUSE.search(key):
                drop.update(idx)
    # both leader rules need a run of leaders: only the lines that hold one are tried
    led = [i for i, ln in enumerate(lines) if _has_leaders(ln.text)]
    has_toc = any(_TOC.search(lines[i].text) for i in led)
    drop.update(i for i in led if _LEADER_LINE.search(lines[i].text))
    if has_toc:
        drop.update(i for i, ln in enumerate(lines) if ln.page <= 3 and i not in drop
                    and _TOC_CHAPTER.match(ln.text))  # contents line without dot leaders: "第二节主要短板 8"
    return [ln for i, ln in enumerate(lines) if i not in drop]


_TOC_HEAD = re.compile(r"^(?:目\s*录|目\s*次|CONTENTS|Contents)$")
_TOC_PAGE = re.compile(r"\s*(?:\d{1,3}|错误!未定义书签。?)$")


def _toc_key(s: str) -> str:
    return _TOC_PAGE.sub("", s).replace(" ", "")


_ENDS_DIGIT = re.compile(r"\d$")


def drop_contents(lines: list[Line]) -> list[Line]:
    """A table of contents: the "目录" line and the entries under it that come again later in the text as
    headings (with or without their page numbers, perhaps cut short by a wrap)."""
    out: list[Line] = []
    i, n = 0, len(lines)
    keys: str | None = None  # the _toc_key of every line, each after a line break, and one at the end
    at: list[int] = []  # where each line's key starts in ``keys`` (its line break)
    while i < n:
        if i > 200 or not _TOC_HEAD.match(lines[i].text):
            out.append(lines[i])
            i += 1
            continue
        if keys is None:
            each = [_toc_key(x.text) for x in lines]
            keys = "".join(f"\n{k}" for k in each) + "\n"
            at = list(accumulate((len(k) + 1 for k in each), initial=0))
        j = i + 1
        while j < n and not ends_sentence(lines[j].text) and _width(lines[j].text) <= 60:
            key = keys[at[j] + 1:at[j + 1]]
            if len(key) < 2:
                break
            paged = bool(_ENDS_DIGIT.search(lines[j].text))  # "第一章工作回顾及机遇挑战5"
            # a later line (of the next 3999) that is the key, or starts with it when it is 4 long or more
            a, b = at[min(j + 1, n)], at[min(j + 4000, n)]
            again = paged or (keys.find(f"\n{key}", a, b) >= 0 if len(key) >= 4 else
                              keys.find(f"\n{key}\n", a, b + 1) >= 0)
            if not again:
                break
            j += 1
        if j == i + 1:  # nothing under it that is a contents entry: keep the line
            out.append(lines[i])
            i += 1
            continue
        i = j
    return out


_HINTED = ("line", "pair", "trailer", "inline", "footer")  # each rule is tried only on the lines its words are in


@lru_cache(maxsize=1)
def _hints() -> tuple[ahocorasick_rs.AhoCorasick, list[tuple[str, ...]]] | None:
    """One automaton of the needles of the ``_HINTED`` rules, and the rules each needle is a needle of."""
    by_needle: dict[str, set[str]] = {}
    for name in _HINTED:
        rule = getattr(_rules(), name)
        needles = needles_of(rule.pattern, rule.flags)
        if needles is None:
            return None
        for w in needles:
            by_needle.setdefault(w, set()).add(name)
    words = list(by_needle)
    automaton = ahocorasick_rs.AhoCorasick(words, implementation=ahocorasick_rs.Implementation.DFA)
    return automaton, [tuple(by_needle[w]) for w in words]


def _may_match(texts: list[str]) -> dict[str, set[int]] | None:
    """For each ``_HINTED`` rule, the lines (by index) that hold one of its needles: one scan of the lines
    joined by line breaks (a needle holds none). None: every line may match."""
    hints = _hints()
    joined = "\n".join(texts)
    if hints is None or joined.count("\n") != len(texts) - 1:
        return None
    automaton, rules_of = hints
    starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    out: dict[str, set[int]] = {name: set() for name in _HINTED}
    for k, a, _ in automaton.find_matches_as_indexes(joined, overlapping=True):
        line = bisect_right(starts, a) - 1
        for name in rules_of[k]:
            out[name].add(line)
    return out


def drop_boilerplate(lines: list[Line]) -> list[Line]:
    rules = _rules()
    out: list[Line] = []
    i, n = 0, len(lines)
    may = _may_match([ln.text for ln in lines])
    every = range(n)
    may_line, may_pair, may_trailer, may_inline, may_footer = (
        (may[k] if may is not None else every) for k in ("line", "pair", "trailer", "inline", "footer"))
    while i < n:
        ln = lines[i]
        t = ln.text
        if i in may_footer and rules.footer.match(t):
            break
        if i in may_pair and rules.pair.fullmatch(t):
            i += 2
            continue
        if i in may_line and rules.line.fullmatch(t):
            i += 1
            continue
        if i in may_inline and rules.inline.search(t):
            t = rules.inline.sub("", t).strip()
        m = rules.trailer.search(t) if i in may_trailer or t != ln.text else None
        if m:
            head = t[: m.start()].strip()
            if head:
                out.append(Line(ln.start, head, ln.indented, ln.page))
            i += 1
            # the list after the marker: bullet lines, or short lines with bullets after them
            while i < n:
                t2 = lines[i].text
                if _BULLET.match(t2) or (i in may_line and rules.line.fullmatch(t2)) or (
                        i in may_pair and rules.pair.fullmatch(t2)):
                    i += 1
                    continue
                rest = lines[i: i + 4]
                if len(t2) <= 40 and not ends_sentence(t2) and any(_BULLET.match(x.text) for x in rest[1:]):
                    i += 1
                    continue
                break
            continue
        if t:
            out.append(Line(ln.start, t, ln.indented, ln.page) if t != ln.text else ln)
        i += 1
    return out


# ---------------------------------------------------------------- wraps and repeats

_STARTS_BLOCK = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.、．](?!\d)|"
                           r"第[一二三四五六七八九十百\d]+[章节条部分篇]|附件|附表|[■◆●▲★•·▶]|——)")
_CLAUSE = re.compile(r"[，,；;：:。]")
# no line starts with these: the line before was broken ("法律\n、\n法规")
_OPENS_LINE_BADLY = re.compile(r"^[、，,。；;：:！？!?）)》」』】]")
# the addressees of a notice: "各县(市、区)人民政府，市政府相关部门：" starts a block of its own
_SALUTATION = re.compile(r"^各.{1,100}[：:]$")


_PRINTABLE_ASCII = bytes(range(0x20, 0x7f))


def _width(s: str) -> float:
    """Characters, a printable ASCII one (\\x20-\\x7e) counting half."""
    a = s.encode("ascii", "ignore")  # the ASCII characters of ``s``, in C
    return len(s) - (len(a) - len(a.translate(None, _PRINTABLE_ASCII))) / 2 if a else float(len(s))


def heading_like(text: str, prev_heading: bool) -> bool:
    """A short line without sentence punctuation: a title, subtitle, byline or section heading."""
    if len(text) > 100:
        return False  # wider than 50 whatever its share of ASCII (see _width)
    w = _width(text)
    if ends_sentence(text) or w > 50:
        return False
    if w <= 40 and not _CLAUSE.search(text):
        return True
    return prev_heading  # a subtitle under a title may have a comma


_ALNUM_FIRST = re.compile(r"[A-Za-z0-9]")
_LETTER_END = re.compile(r"[A-Za-z]$")


def _ends_with_letter(a: str) -> bool:
    """``re.search(r"[A-Za-z]$", a)``, from the end of ``a`` (not a scan of the whole line)."""
    return bool(_LETTER_END.search(a[-2:]))


def join_wraps(lines: list[Line], fmt: str) -> list[Line]:
    """Join lines broken inside a sentence. In PDFs a line continues when it is about as wide as the
    page's text and the next one is not indented; elsewhere when it is not a heading."""
    if not lines:
        return lines
    full = 0.0
    if fmt == "pdf":
        widths = sorted(_width(ln.text) for ln in lines)
        full = (widths[int(0.8 * (len(widths) - 1))] if len(widths) >= 10 else widths[-1]) * 0.8
    out: list[Line] = []
    prev_heading = True  # the document start behaves like a heading before the title
    cur: Line | None = None
    cur_heading = False
    for ln in lines:
        if cur is None:
            cur, cur_heading = Line(ln.start, ln.text, ln.indented, ln.page), heading_like(ln.text, prev_heading)
            continue
        a, b = cur.text, ln.text
        if _OPENS_LINE_BADLY.match(b) or a.endswith(("《", "“", "（", "(", "、")):
            join = True  # "法律\n、\n法规": a broken line, whatever the layout
        elif fmt == "pdf":
            join = (not ends_sentence(a) and _width(cur.last or a) >= full and not ln.indented
                    and not _STARTS_BLOCK.match(b) and not _SALUTATION.match(b))
        else:
            join = (not ends_sentence(a) and not cur_heading and not _STARTS_BLOCK.match(b)
                    and not _SALUTATION.match(b))
        if join:
            sep = " " if _ALNUM_FIRST.match(b) and _ends_with_letter(a) else ""
            cur.last = b
            cur.text = a + sep + b
            cur_heading = False
        else:
            out.append(cur)
            prev_heading = cur_heading
            cur, cur_heading = Line(ln.start, ln.text, ln.indented, ln.page), heading_like(ln.text, prev_heading)
    out.append(cur)
    return out


_SENT = re.compile(r"[^。！？!?]+[。！？!?]+[”’」』]?|[^。！？!?]+$")


def drop_repeats(lines: list[Line]) -> list[Line]:
    """A sentence repeated right after itself (or its tail, "5月21日下午，…。21日下午，…。") goes;
    so does a line equal to the line before it."""
    out: list[Line] = []
    for ln in lines:
        if out and ln.text == out[-1].text:
            continue
        sents = _SENT.findall(ln.text)
        if len(sents) > 1 and not any(map(str.endswith, sents, sents[1:])) \
                and not any(map(str.endswith, sents[1:], sents)):
            # no sentence ends with the one before it nor the one before with it (as a repeat does):
            # every one is kept
            text = "".join(sents)
            if text != ln.text:
                ln = Line(ln.start, text, ln.indented, ln.page)
        elif len(sents) > 1:
            kept: list[str] = []
            for s in sents:
                if kept:
                    p = kept[-1]
                    if s == p or (len(s) >= 10 and p.endswith(s)):
                        continue
                    if len(p) >= 10 and s.endswith(p):
                        kept[-1] = s
                        continue
                kept.append(s)
            text = "".join(kept)
            if text != ln.text:
                ln = Line(ln.start, text, ln.indented, ln.page)
        out.append(ln)
    return out


# ---------------------------------------------------------------- script

@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


@lru_cache(maxsize=1)
def _t2s_changes() -> np.ndarray:
    """A table over all code points: True for the characters OpenCC t2s can change
    (``data/opencc_changes.tsv``, written from its dictionaries: every character of a key that differs from
    its value, and every character of a key whose value has another length). A character outside it stays
    as it is wherever it stands, and a character that is gone after the conversion is one of them."""
    path = resources.files("transforms") / "data" / "opencc_changes.tsv"
    name, _, chars = path.read_text(encoding="utf-8").rstrip("\n").partition("\t")
    assert name == "t2s", name
    table = np.zeros(0x110000, bool)
    table[_code_points(chars)] = True
    return table


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), np.uint32)


def _count_changed(text: str, converted: str) -> int:
    """How many characters of ``text`` the conversion changed: the occurrences of the characters that
    are gone from ``converted`` (or, when the length changed, that OpenCC converts on their own)."""
    if text == converted:
        return 0
    if len(text) == len(converted):
        changed = set(text).difference(converted)
    else:
        changed = {c for c in set(text) if _t2s().convert(c) != c}
    return sum(map(text.count, changed))


def _counts_changed(texts: list[str], converted: list[str], can: np.ndarray | None = None) -> list[int]:
    """``_count_changed`` of each pair, counted in arrays for all of them. ``can``: a table of the characters
    the conversion can change (``_t2s_changes``), when known: a character gone after it is one of them."""
    out = [0] * len(texts)
    same_length = []
    for i, (a, b) in enumerate(zip(texts, converted)):
        if a == b:
            continue
        if len(a) == len(b):
            same_length.append(i)
        else:
            out[i] = _count_changed(a, b)
    if not same_length:
        return out
    mine = _code_points("".join([texts[i] for i in same_length]))
    theirs = _code_points("".join([converted[i] for i in same_length]))
    owner = np.repeat(np.arange(len(same_length), dtype=np.uint64),
                      np.fromiter((len(texts[i]) for i in same_length), np.int64, len(same_length)))
    keys = []
    for cp in (mine, theirs):  # (text, character) of each character, as one number
        at = can[cp] if can is not None else slice(None)
        keys.append((owner[at] << np.uint64(21)) | cp[at])
    gone = keys[0][~np.isin(keys[0], keys[1])]  # each occurrence of a character that is not in its converted text
    for i, n in zip(same_length, np.bincount((gone >> np.uint64(21)).astype(np.int64), minlength=len(same_length)).tolist()):
        out[i] = n
    return out


def _line_groups(lines: list[str], counts: list[int]) -> list[str]:
    """``lines`` joined by line breaks in runs of ``counts`` lines."""
    out, i = [], 0
    for k in counts:
        out.append("\n".join(lines[i:i + k]))
        i += k
    return out


def to_simplified_many(texts: list[str]) -> list[tuple[str, str]]:
    """``to_simplified`` of each text, each conversion one OpenCC call for all of them: a call of its own
    finds OpenCC's dictionaries gone from the CPU's caches, and that was most of its time.

    No key of OpenCC's dictionaries holds a line break, so OpenCC converts each line on its own: the texts
    are converted joined by line breaks, and t2s is given only the lines that hold a character it can
    change (``_t2s_changes``: a line without one stays as it is)."""
    if not texts:
        return []
    whole = "\n".join(texts)
    try:
        cp = _code_points(whole)
    except UnicodeEncodeError:  # a lone surrogate: OpenCC says what is wrong with the first such text, as before
        for text in texts:
            try:
                _code_points(text)
            except UnicodeEncodeError:
                _t2s().convert(text)
        raise
    lens = np.fromiter(map(len, texts), np.int64, len(texts))
    text_start = np.zeros(len(texts), np.int64)
    np.cumsum(lens[:-1] + 1, out=text_start[1:])
    # the lines that hold a character t2s can change, each with its text
    breaks = np.flatnonzero(cp == 10)
    hit_lines = np.unique(np.searchsorted(breaks, np.flatnonzero(_t2s_changes()[cp])))
    starts = np.concatenate(([0], breaks + 1))[hit_lines]
    ends = np.append(breaks, len(whole))[hit_lines]
    owner = (np.searchsorted(text_start, starts, "right") - 1).tolist()
    starts, ends = starts.tolist(), ends.tolist()
    sub = [whole[a:b] for a, b in zip(starts, ends)]
    conv = _t2s().convert("\n".join(sub)).split("\n") if sub else []
    # each text: its converted lines spliced in, and the changed characters counted in those lines
    per_text: list[list[int]] = [[] for _ in texts]
    for k, t in enumerate(owner):
        per_text[t].append(k)
    simp, changed, mine, theirs = list(texts), [], [], []
    for t, ks in enumerate(per_text):
        if not ks:
            continue
        a, b = "\n".join([sub[k] for k in ks]), "\n".join([conv[k] for k in ks])
        if a == b:
            continue
        base, out, pos, text = int(text_start[t]), [], 0, texts[t]
        for k in ks:
            out += (text[pos:starts[k] - base], conv[k])
            pos = ends[k] - base
        out.append(text[pos:])
        simp[t] = "".join(out)
        changed.append(t)
        mine.append(a)
        theirs.append(b)
    # traditional-only characters: every one that t2s changed (and every occurrence of it) is in these lines
    trad = [0] * len(texts)
    for t, n in zip(changed, _counts_changed(mine, theirs, _t2s_changes())):
        trad[t] = n
    # the CJK characters of each text (U+4E00-U+9FFF, U+3400-U+4DBF, as _CJK), by where they are
    at = np.flatnonzero((cp - 0x3400 < 0x4dc0 - 0x3400) | (cp - 0x4e00 < 0xa000 - 0x4e00))
    n_cjk = (np.searchsorted(at, text_start + lens) - np.searchsorted(at, text_start)).tolist()
    scripts = ["simplified"] * len(texts)
    ask = [t for t in range(len(texts)) if trad[t] and not (
        trad[t] < 0.02 * (n_cjk[t] or 1) and (trad[t] < 0.005 * (n_cjk[t] or 1) or trad[t] < 3))]
    if ask:  # characters written the simplified way, in the texts where they decide the script
        back = _line_groups(_s2t().convert("\n".join(texts[t] for t in ask)).split("\n"),
                            [texts[t].count("\n") + 1 for t in ask])
        for t, simp_only in zip(ask, _counts_changed([texts[t] for t in ask], back)):
            n = n_cjk[t] or 1
            if trad[t] >= 0.02 * n and trad[t] >= 4 * simp_only:
                scripts[t] = "traditional"
            elif trad[t] >= 0.005 * n and trad[t] >= 3 and simp_only >= 3:
                scripts[t] = "mixed"
    return list(zip(simp, scripts))


def to_simplified(text: str) -> tuple[str, str]:
    """(simplified text, original script)."""
    return to_simplified_many([text])[0]


# ---------------------------------------------------------------- chain

def clean_lines(text: str, fmt: str = "txt") -> list[Line]:
    """The cleaned lines of a decoded text, still in its original script."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = split_lines(text)
    texts = strip_pinyin(normalise_lines([ln.text for ln in lines]))
    if any("?" in t for t in texts):  # a garble holds "?"
        texts = [repair_mojibake(t) for t in texts]
    for ln, t in zip(lines, texts):
        ln.text = t
    if fmt == "pdf":
        lines = clean_pdf_pages(lines)
    lines = [ln for ln in lines if ln.text]
    lines = drop_boilerplate(lines)
    lines = drop_contents(lines)
    lines = join_wraps(lines, fmt)
    return drop_repeats(lines)


def _line_map(lines: list[Line], joined: str, simp: str) -> list[list[int]]:
    """[[clean offset, decoded offset], ...] of each line; ``simp``: the simplified ``joined``."""
    line_map, pos = [], 0
    for ln in lines:
        line_map.append([pos, ln.start])
        pos += len(ln.text) + 1
    if len(simp) != len(joined):  # OpenCC changed a length (rare): recompute the clean offsets
        pos, line_map = 0, []
        for ln, s in zip(lines, simp.split("\n")):
            line_map.append([pos, ln.start])
            pos += len(s) + 1
    return line_map


def clean_text(text: str, fmt: str = "txt") -> tuple[str, str, list[list[int]]]:
    """(clean text, original script, line map [[clean offset, decoded offset], ...])."""
    lines = clean_lines(text, fmt)
    joined = "\n".join(ln.text for ln in lines)
    simp, script = to_simplified(joined)
    return simp, script, _line_map(lines, joined, simp)


def clean(decoded: pa.Table) -> tuple[pa.Table, list[tuple[str, str | None, Reject]]]:
    docs = decoded.to_pylist()
    lines = [clean_lines(d["text"] or "", d["format"] or "txt") for d in docs]
    joined = ["\n".join(ln.text for ln in ls) for ls in lines]
    rows, rejects, titled = [], [], []
    for d, ls, j, (text, script) in zip(docs, lines, joined, to_simplified_many(joined)):
        if not text.strip():
            rejects.append((d["source_name"], d["doc_id"],
                            Reject("clean", "no text left after cleaning: the file holds only boilerplate "
                                            "or whitespace", f"{len(d['text'] or '')} characters decoded")))
            continue
        if d["meta_title"]:
            titled.append(len(rows))
        rows.append({**{k: d[k] for k in ("doc_id", "source_name", "format", "meta_date", "meta_url")},
                     "meta_title": d["meta_title"], "clean_text": text, "script": script,
                     "line_map": _line_map(ls, j, text)})
    # a page's or a jsonl line's title, cleaned like the text
    titles = [" ".join(ln.text for ln in clean_lines(rows[i]["meta_title"])) for i in titled]
    for i, (title, _) in zip(titled, to_simplified_many(titles)):
        rows[i]["meta_title"] = title or None
    return pa.Table.from_pylist(rows, tables.CLEANED), rejects
