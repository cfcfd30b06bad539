"""Indicator tables (专栏 主要指标): a header naming years or plan periods, then one row per indicator.

Plans print their targets as tables, which reach us one row a line:

    指 标 2020年 2025年 指标属性            单位2020年2025年 属性
    森林覆盖率 (%) 25.6 26.1 约束性         可再生能源发电装机 万千瓦2855 4450

A header may also come one cell a line (内 容 / 2015年 / （万千瓦） / “十三五”目标 / ...). ``Header.feed``
collects header lines; ``parse_row`` reads a row into one cell per year column. The first year column
is the baseline, a "目标" column or a year still to come is the target, a past year the achievement.
Text must be ``numbers.halfwidth``-ed first.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from transforms import numbers, timex, units

_re = lru_cache(maxsize=None)(regex.compile)  # patterns written inline, compiled once

_HEADER_TOKEN = regex.compile(r"""
  (?P<year>(?P<y>(?:19|20)\d\d)\s*年\s*(?:底|末)?\s*(?P<ygoal>目标值?|规划值|预期值)?(?:现状值?|基期值?|基数)?)
 |(?P<plan>[“"]?(?P<p>十[一二三四五六]五)[”"]?\s*(?P<pgoal>目标|规划目标)?(?:末|期末)?)
 |(?P<unit>[（(]\s*(?P<u>[^（）()\d]{1,10})\s*[）)])
 |(?P<word>内\s*容|指\s*标\s*(?:名\s*称)?|单\s*位|指标\s*属性|属\s*性|类\s*别|序\s*号|项\s*目|名\s*称|目标值|现状值|
           基期值|备\s*注|类\s*型|领\s*域|主要指标|现\s*状值?|基准值?|基期)
""", regex.VERBOSE)
_NUM_CELL = regex.compile(r"(?<![A-Za-z\d.])〔?\s*(\d+(?:\.\d+)?)\s*〕?(?![\d.])")
_CELL = regex.compile(r"〔?\s*\d+(?:\.\d+)?\s*〕?|—+|－|(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,10}(?![\u4e00-\u9fff])")
_ATTRIBUTE = regex.compile(r"预期性|约束性|预期|约束")
_LIST_NUMBER = regex.compile(r"^\s*(?:\d{1,2}\s*[.．、]|[（(]\s*\d{1,2}\s*[）)]|\d{1,2}(?=[\u4e00-\u9fff]))\s*")
_CATEGORY = regex.compile(r"^\s*[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]\s*[\u4e00-\u9fff]{2,16}\s*$|^\s*[—\-]\s*\d+\s*[—\-]\s*$")
_DECREASE = regex.compile(r"降低|下降|减少|削减|压减")
_INCREASE = regex.compile(r"提高|增长|提升|增加")


@dataclass
class Column:
    year: int
    kind: str  # baseline, achievement, target


@dataclass
class Header:
    columns: list[Column] = field(default_factory=list)
    unit: str | None = None  # the table's unit when the header gives one (（万千瓦）)
    raw: list[tuple[int, bool, str | None]] = field(default_factory=list)  # (year, goal column, unit)

    @property
    def ready(self) -> bool:
        return bool(self.columns)

    def feed(self, line: str, anchor_year: int | None) -> bool:
        """Take ``line`` into the header if it is a header line; True if it was."""
        if not is_header_line(line):
            return False
        for m in _HEADER_TOKEN.finditer(line):
            if m.group("year"):
                self.raw.append((int(m.group("y")), bool(m.group("ygoal")), None))
            elif m.group("plan"):
                self.raw.append((timex.PLANS[m.group("p")], True, None))
            elif m.group("unit") and _unit(m.group("u")) is not None:
                self.unit = m.group("u")
        self._columns(anchor_year)
        return True

    def _columns(self, anchor_year: int | None) -> None:
        cols = []
        n = len(self.raw)
        for i, (year, goal, _) in enumerate(self.raw):
            if goal:
                kind = "target"
            elif i == 0 and n > 1:
                kind = "baseline"
            elif anchor_year is not None and year >= anchor_year:
                kind = "target"
            else:
                kind = "achievement"
            cols.append(Column(year, kind))
        self.columns = cols


# a header line is header tokens and white space or ∗ only: it starts with the first character of a token
_HEADER_FIRST = frozenset("12“\"十（(内指单属类序项名目现基备领主∗*")


def is_header_line(line: str) -> bool:
    s = line.strip()
    if not s or s[0] not in _HEADER_FIRST or len(s) > 48 or "。" in s or "，" in s:
        return False
    rest = _HEADER_TOKEN.sub("", s)
    return not _re(r"[\s∗*]").sub("", rest) and bool(_HEADER_TOKEN.search(s))


def is_category_line(line: str) -> bool:
    """A group heading inside a table ((一)环境治理) or a page footer (— 13 —)."""
    return bool(_CATEGORY.match(line))


def _unit(text: str) -> tuple[float, str] | None:
    """(multiplier, canonical unit) of a unit cell such as 万千瓦, %, 万吨; None if unknown."""
    t = _re(r"[\s∗*]").sub("", text)
    m = _re(rf"^({numbers.MULTIPLIER})?(.+)$").match(t)
    if not m:
        return None
    try:
        unit, factor = units.canonical(m.group(2))
    except KeyError:
        return None
    return numbers.multiplier(m.group(1)) * factor, unit


@dataclass
class Cell:
    start: int
    end: int
    value: float
    unit: str
    raw: str
    column: Column
    comparator: str = "="


@dataclass
class Row:
    label: str
    direction: str
    cells: list[Cell]
    text: str = ""  # the row as read: the line, or its label lines and its values line joined


_ROW_UNIT = regex.compile(rf"[（(]\s*(?P<pu>[^（）()\d]{{1,10}})\s*[）)]\s*[∗*]?|(?P<bu>{numbers.MULTIPLIER}?{units.pattern()})\s*[∗*]?")


def parse_row(line: str, header: Header) -> Row | None:
    """The cells of a table row under ``header``; None if ``line`` is not a row of it."""
    if not header.columns or _re(r"[，。；;！？]").search(line):
        return None
    lead = _LIST_NUMBER.match(line)
    label_start = lead.end() if lead else 0
    first = _NUM_CELL.search(line, label_start)
    if first is None:
        return None
    label_end, unit_text = first.start(), None
    for m in _ROW_UNIT.finditer(line, label_start, first.start()):
        text = m.group("pu") or m.group("bu")
        if m.group("bu") and (_re(r"[\s∗*—－]").sub("", line[m.end():first.start()])
                              or (len(text) == 1 and units.is_count(text))):
            continue  # a bare unit ends the label, right before the cells; 处 in 处理率 is no unit
        if _unit(text) is not None:
            label_end, unit_text = m.start(), text
            cells_from = m.end()
    if unit_text is None:
        cells_from = first.start()
        dash = _re(r"—+|－").search(line[label_start:first.start()])
        if dash:
            label_end = cells_from = label_start + dash.start()
    label = _re(r"[\s∗*]").sub("", line[label_start:label_end])
    label = _re(r"^(?:其中|含)[:：]?(?=[\u4e00-\u9fff])").sub("", label)  # 其中：林下经济产值: a sub-row names itself
    if not _re(r"[\u4e00-\u9fff]").search(label) or len(label) > 40:
        return None
    unit = _unit(unit_text or header.unit or "")
    if unit is None:
        return None
    cells = [m for m in _CELL.finditer(line, cells_from) if not _ATTRIBUTE.fullmatch(m.group())]
    numeric = [m for m in cells if _re(r"\d").search(m.group())]
    n = len(header.columns)
    if len(cells) >= n:
        picked = list(zip(cells[:n], header.columns))
    elif len(numeric) == n:
        picked = list(zip(numeric, header.columns))
    else:
        return None
    mult, canonical = unit
    out = []
    for m, col in picked:
        num = _NUM_CELL.search(m.group())
        if num is None:
            continue
        value = float(f"{float(num.group(1)) * mult:.12g}")
        s = m.start() + num.start(1)
        sign = line[max(0, m.start() - 2):m.start()].strip()[-1:]
        comparator = {"≥": ">=", "≤": "<=", ">": ">", "<": "<", "＞": ">", "＜": "<"}.get(sign, "=")
        out.append(Cell(s, s + len(num.group(1)), value, canonical, num.group(1) + (unit_text or header.unit or ""),
                        col, comparator))
    if not out:
        return None
    direction = "decrease" if _DECREASE.search(label) else ("increase" if _INCREASE.search(label) else "level")
    return Row(label, direction, out)


_BARE_NUMBER = regex.compile(r"(?:^|\s)[-+]?\d+(?:\.\d+)?%?(?=\s|$)")


def looks_like_row(line: str) -> bool:
    """A line of table cells (three or more bare numbers, no sentence punctuation) that no header
    explains: prose reading would only make nonsense of it."""
    return not _re(r"[，。；;：]").search(line) and len(_BARE_NUMBER.findall(line)) >= 3


_COLUMN_TOKEN = regex.compile(r"(?:19|20)\d\d\s*年|十[一二三四五六]五|指\s*标|属\s*性|单\s*位")
_CELLS_ONLY = regex.compile(r"^(?:\s*(?:〔?\s*\d+(?:\.\d+)?\s*〕?|—+|－|-|[\u4e00-\u9fff]{2,10}|[∗*]))+\s*$")
_ROW_NUMBER = regex.compile(r"\s*\d{1,2}\s*")
_SENTENCE_MARK = regex.compile(r"[，。；;！？]")
_STARTS_ROW = regex.compile(r"\s*\d{1,2}[\u4e00-\u9fff]")
_FURNITURE = regex.compile(r"^\s*(?:约束|预期|约束性|预期性|性|[∗*]|\d{1,2})\s*$")


class TableReader:
    """Reads the lines after a table header, whether a row comes on one line or one cell a line
    (label, unit and values on lines of their own, as some PDFs give them)."""

    def __init__(self, anchor_year: int | None):
        self.anchor_year = anchor_year
        self.header: Header | None = None
        self.header_open = False
        self.misses = 0
        self.pending = ""  # label and unit lines of a row whose values have not come yet

    def feed(self, line: str) -> tuple[bool, Row | None]:
        """(consumed, row): a consumed line is table furniture or a row, which prose reading skips."""
        in_rows = self.header is not None and self.header.ready and not self.header_open
        if is_header_line(line) and not (in_rows and not _COLUMN_TOKEN.search(line)):
            if self.header is None or not self.header_open:
                self.header = Header()
            self.header.feed(line, self.anchor_year)
            self.header_open, self.misses, self.pending = True, 0, ""
            return True, None
        self.header_open = False
        if self.header is None or not self.header.ready:
            return False, None
        row = parse_row(line, self.header)
        if row is not None and not (self.pending and _CELLS_ONLY.match(line)):
            self.misses, self.pending = 0, ""
            return True, row
        if self.pending and _NUM_CELL.search(line) and _CELLS_ONLY.match(line):
            joined = self.pending + " " + line
            row = parse_row(joined, self.header)
            self.pending = ""
            if row is not None:
                shift = len(joined) - len(line)  # offsets into ``line``, where the values are
                for c in row.cells:
                    c.start, c.end = c.start - shift, c.end - shift
                row.text, self.misses = joined, 0
                return True, row
        if is_category_line(line):
            return True, None
        if _FURNITURE.match(line):
            if _ROW_NUMBER.fullmatch(line):
                self.pending = ""  # a row number: the next row's label follows
            return True, None
        if len(line) <= 30 and not _SENTENCE_MARK.search(line):
            starts_row = bool(_STARTS_ROW.match(line))
            self.pending = line if starts_row or len(self.pending) + len(line) > 60 else self.pending + line
            return True, None
        self.misses += 1
        if self.misses > 2:
            self.header, self.pending = None, ""
        return False, None
