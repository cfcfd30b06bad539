"""Structure: split a document into articles; title, author, date, issuer, document number, type, place.

Works on the clean text (simplified, one paragraph or heading a line):

- Articles: a file of news or commentary may hold several. A new article starts at a block of heading
  lines (short, no sentence punctuation, not numbered like "一、") of two or more lines, or of a title
  and a byline, or of any heading after a line that closes an article ("(作者系…)", "（记者…）").
  PDFs are one article each: their headings are chapters, not articles.
- Dates: the 落款 date under the issuer, a page's labelled date ("发布日期：2022-03-01"), a dated header
  ("（2022年3月30日…会议通过）"), a date line, else the first date of the text that is not a deadline
  or a start date ("…日前", "…日起施行"); Arabic or Chinese numerals ("二〇二一年十二月十七日"). Precision:
  day, month ("2022年3月"), year, month_day ("7月19日" with no year), or none ("昨日" with no base).
- Issuer (落款 or header), document number (津政发〔2022〕12号), document type from the title.
- Place: a GB/T 2260 code for each article (its headings' place, else the place most of its text is
  about), and for the document (the common ancestor of its articles' places).
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from itertools import accumulate
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources

import pyarrow as pa

from schemas import tables
from transforms import regions
from transforms.clean import _STARTS_BLOCK, ends_sentence, heading_like
from transforms.rejects import Reject

# ---------------------------------------------------------------- dates

_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "O": 0, "o": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_YEAR = r"(?:19|20)\d\d|[一二][〇○零O][〇○零O一二三四五六七八九]{2}"
_NUM = r"\d{1,3}|[一二三四五六七八九十]{1,3}"
_FULL_DATE = re.compile(rf"(?P<y>{_YEAR})\s*年\s*(?P<m>{_NUM})\s*月\s*(?P<d>{_NUM})\s*[日号]")
_YEAR_MONTH = re.compile(rf"(?P<y>{_YEAR})\s*年\s*(?P<m>{_NUM})\s*月(?!\s*(?:{_NUM})\s*[日号])(?![份底末初中])")
_MONTH_DAY = re.compile(rf"(?<![\d年至到—\-－~])(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,2}})\s*月\s*(?P<d>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*[日号](?![前后内])")
_ISO_DATE = re.compile(r"((?:19|20)\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})")
_ISO_LINE_DATE = re.compile(r"(?<![\d.])(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}(?![\d.])")


def _cn_int(s: str) -> int | None:
    """'12', '十二', '二十一', '〇一' -> int."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    if "十" in s:
        a, _, b = s.partition("十")
        tens = _CN_DIGIT.get(a, None) if a else 1
        ones = _CN_DIGIT.get(b, None) if b else 0
        return None if tens is None or ones is None else tens * 10 + ones
    digits = [_CN_DIGIT.get(c) for c in s]
    if None in digits or not digits:
        return None
    return int("".join(map(str, digits)))


def _ymd(m: re.Match) -> date | None:
    y, mo, d = _cn_int(m.group("y")), _cn_int(m.group("m")), _cn_int(m.group("d"))
    try:
        return date(y, mo, d) if y and mo and d else None
    except ValueError:
        return None


@dataclass(frozen=True)
class When:
    date: date | None  # null unless the year is known; the 1st for month precision
    month_day: str | None
    precision: str  # day / month / year / month_day / none

    @staticmethod
    def none() -> "When":
        return When(None, None, "none")


def parse_meta_date(s: str | None) -> When | None:
    """A date from a page's metadata or a jsonl field ("2022-03-01", "2022/3/1 10:00", "2022年3月1日")."""
    if not s:
        return None
    m = _ISO_DATE.search(s)
    if m:
        try:
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return When(d, d.strftime("%m-%d"), "day")
        except ValueError:
            return None
    m = re.fullmatch(r"\s*((?:19|20)\d\d)[-/.年](\d{1,2})月?\s*", s)
    if m and 1 <= int(m.group(2)) <= 12:
        return When(date(int(m.group(1)), int(m.group(2)), 1), None, "month")
    m = re.fullmatch(r"\s*((?:19|20)\d\d)年?\s*", s)
    if m:
        return When(date(int(m.group(1)), 1, 1), None, "year")
    return None


_NOT_PUBLISHED = re.compile(r"^\s*(?:前|以前|之前|起|开始|以后|之后|止|截止|至|到|—|-|－|~)")


def _publication(text: str, rx: re.Pattern) -> re.Match | None:
    """The first match of ``rx`` that is not a deadline or a start date ("2021年7月30日前", "…起施行")."""
    for m in rx.finditer(text):
        if not _NOT_PUBLISHED.match(text[m.end():m.end() + 3]):
            return m
    return None


def _date_in(line: str) -> tuple[When, re.Match] | None:
    m = _FULL_DATE.search(line)
    if m:
        d = _ymd(m)
        if d:
            return When(d, d.strftime("%m-%d"), "day"), m
    m = _YEAR_MONTH.search(line)
    if m:
        y, mo = _cn_int(m.group("y")), _cn_int(m.group("m"))
        if y and mo and 1 <= mo <= 12:
            return When(date(y, mo, 1), None, "month"), m
    return None




def _anon(rx: re.Pattern) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", rx.pattern)


_DATE_LINE = re.compile(rf"^[（(【\[]?\s*(?:{_anon(_FULL_DATE)}|{_anon(_YEAR_MONTH)})\s*(?:印发|发布|公布|制定|修订)?\s*[）)】\]]?$")
# "（2022年3月30日福建省第十三届人民代表大会常务委员会第三十二次会议通过）"
_ADOPTED = re.compile(rf"^[（(]\s*(?:{_FULL_DATE.pattern})(?P<body>.{{2,60}}?)(?:通过|批准|公布|印发|发布)[^）)]{{0,30}}[）)]$")
_ORG_SUFFIX = ("人民政府", "政府", "人民代表大会常务委员会", "常务委员会", "委员会", "办公厅", "办公室", "厅", "局", "部",
               "委", "院", "署", "中心", "小组", "银行", "协会", "学会", "联合会", "党委", "省委", "市委", "区委",
               "县委", "国务院", "中共中央", "总局", "管委会", "公司", "集团", "研究院", "大学", "领导小组")
_ORG = re.compile(r"^[\u4e00-\u9fff（）()]{2,40}$")


def is_org(line: str) -> bool:
    s = line.replace(" ", "")
    return bool(_ORG.match(s)) and s.endswith(_ORG_SUFFIX) and not _STARTS_BLOCK.match(s)


def split_orgs(line: str) -> list[str]:
    """'中共云南省委 云南省人民政府' -> two organisations."""
    parts = [p for p in re.split(r"[\s、，,]+", line.strip()) if p]
    if len(parts) > 1 and all(is_org(p) for p in parts):
        return parts
    return [line.replace(" ", "")]


@dataclass
class DocDate:
    when: When
    line: int | None  # index of the line it was read from
    issuer: list[str] = field(default_factory=list)


_LABELLED_DATE = re.compile(r"(?:(?:发布|发文|成文|印发|公布)(?:时间|日期)|^日期)\s*[:：]\s*(.{6,24})")


def find_doc_date(lines: list[str]) -> DocDate:
    """The publication date of a document (see the module doc for the order)."""
    # the lines that are a date alone (each holds 年)
    date_lines = [i for i, ln in enumerate(lines) if "年" in ln and _DATE_LINE.match(ln)]
    # 1. a date line signed by an issuer just above it (落款), the first one in the text
    for i in date_lines:
        orgs = []
        j = i - 1
        while j >= 0 and i - j <= 4 and is_org(lines[j]):
            orgs[:0] = split_orgs(lines[j])
            j -= 1
        if orgs:
            found = _date_in(lines[i])
            if found:
                return DocDate(found[0], i, orgs)
    # 2. a web page's labelled date near the top: "发布时间：2022-03-01 10:00"
    for i, ln in enumerate(lines[:15]):
        m = _LABELLED_DATE.search(ln)
        if m and len(ln) <= 80:
            when = parse_meta_date(m.group(1))
            if when is None:
                found = _date_in(m.group(1))
                when = found[0] if found else None
            if when is not None:
                return DocDate(when, i)
    # 3. a dated header under the title: "（2022年3月30日…会议通过）"
    for i, ln in enumerate(lines[:12]):
        if ln.startswith(("（", "(")) and "）" not in ln and ")" not in ln and i + 1 < len(lines):
            ln = ln + lines[i + 1]  # the header wrapped onto two lines
        m = _ADOPTED.match(ln)
        if m:
            d = _ymd(m)
            if d:
                body = re.sub(r"第[一二三四五六七八九十百\d]+[届次]", "", m.group("body"))
                body = re.sub(r"会议$", "", body.strip())
                return DocDate(When(d, d.strftime("%m-%d"), "day"), i, [body] if is_org(body) else [])
    # 4. a line that is a date alone: the first in the head of the text, else the last one (落款
    #    without an issuer line)
    head = [i for i in date_lines if i < 15]
    for i in head + date_lines[::-1][:1]:
        found = _date_in(lines[i])
        if found:
            return DocDate(found[0], i)
    # 5. news: the first date of the first paragraphs
    text = "\n".join(lines[:8])[:600]
    m = _publication(text, _FULL_DATE)
    md = _publication(text, _MONTH_DAY)
    iso = _publication(text, _ISO_LINE_DATE)  # "原创 某某 2022-03-01 10:00"
    if iso and (not m or iso.start() < m.start()) and (not md or iso.start() < md.start()):
        when = parse_meta_date(iso.group())
        if when:
            return DocDate(when, None)
    if m and (not md or m.start() <= md.start() + 5):
        d = _ymd(m)
        if d:
            return DocDate(When(d, d.strftime("%m-%d"), "day"), None)
    if md:
        mo, d = _cn_int(md.group("m")), _cn_int(md.group("d"))
        if mo and d and 1 <= mo <= 12 and 1 <= d <= 31:
            return DocDate(When(None, f"{mo:02d}-{d:02d}", "month_day"), None)
    # 6. a government work report reviews the year before the one it is given in: "一、2018年工作回顾"
    for i, ln in enumerate(lines):
        m = _REVIEW_HEADING.match(ln)
        if m:
            return DocDate(When(date(int(m.group(1)) + 1, 1, 1), None, "year"), None)
    return DocDate(When.none(), None)


_REVIEW_HEADING = re.compile(r"^[一二三四五六七八九十]{1,2}\s*[、.．]\s*((?:19|20)\d\d)\s*年\s*工作回顾\s*$")


# ---------------------------------------------------------------- numbers, types, titles

_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔\[【(（［]\s*((?:19|20)\d\d)\s*[〕\]】)）］]\s*\d{1,4}\s*号")
_TYPES = [  # (title ends with, type); the title's trailing brackets are ignored
    (("通知", "通告", "公告", "通报", "函"), "通知"),
    (("方案",), "方案"),
    (("规划", "纲要"), "规划"),
    (("意见",), "意见"),
    (("办法", "规定", "细则", "规则"), "办法"),
    (("条例",), "条例"),
    (("报告",), "报告"),
    (("指南", "指引", "目录"), "指南"),
    (("措施", "举措"), "措施"),
    (("计划", "清单", "要点"), "计划"),
    (("决定",), "决定"),
]
_TRAILING_BRACKETS = re.compile(r"(?:[（(][^）)]{1,20}[）)]|\s)+$")


def doc_type_of(title: str | None) -> str | None:
    if not title:
        return None
    t = _TRAILING_BRACKETS.sub("", title.strip().rstrip("》>")).strip("》 ")
    for ends, kind in _TYPES:
        if t.endswith(ends):
            return kind
    # "…印发《XX实施方案》的通知" ends in 通知 already; "关于XX的实施方案" too
    return None


def find_doc_number(lines: list[str]) -> str | None:
    """A document number standing on its own line in the head (or near the 落款) of the text."""
    for ln in lines[:15] + lines[-10:]:
        m = _DOC_NUMBER.search(ln) if "号" in ln else None  # every number ends in 号
        if m and len(ln) <= len(m.group()) + 6:
            return re.sub(r"\s+", "", m.group())
    return None


_TITLE_END = re.compile(r"(?:通知|通告|公告|方案|规划|纲要|意见|办法|规定|细则|条例|报告|指南|指引|措施|计划|清单|决定|要点)"
                        r"(?:[（(][^）)]{1,20}[）)])*》?$")


def find_pdf_title(lines: list[str]) -> tuple[str | None, int]:
    """(title, index of its last line) of a policy document: the first heading in the head of the text
    that ends with a document type, with the heading lines above it that belong to it."""
    head = lines[:25]
    for i, ln in enumerate(head):
        if len(ln) > 80 or _DOC_NUMBER.search(ln) and len(ln) < 25:
            continue
        if _TITLE_END.search(ln.replace(" ", "")) and (not ends_sentence(ln) or ln.startswith("《")):
            parts = [ln]
            j = i - 1
            while j >= 0 and i - j <= 2 and _title_part(lines[j]):
                parts.insert(0, lines[j])
                j -= 1
            title = _join_title(parts).strip("《》")
            if len(re.findall(r"[\u4e00-\u9fff]", title)) >= 6:
                return title, i
    for i, ln in enumerate(head):
        if heading_like(ln, False) and len(re.findall(r"[\u4e00-\u9fff]", ln)) >= 6 and not is_org(ln) \
                and not _DATE_LINE.match(ln) and not _STARTS_BLOCK.match(ln):
            return _join_title([ln]), i
    return None, -1


def _title_part(ln: str) -> bool:
    return (heading_like(ln, False) and not is_org(ln) and not _DATE_LINE.match(ln) and not _DOC_NUMBER.search(ln)
            and not _STARTS_BLOCK.match(ln) and not ln.endswith("文件") and len(ln) >= 4)


def _join_title(parts: list[str]) -> str:
    t = "".join(parts)
    return re.sub(r"(?<=[\u4e00-\u9fff“”《》]) (?=[\u4e00-\u9fff“”《》])", "", t).strip()


def title_from_name(source_name: str) -> str | None:
    """A title from a file name that reads like one ("141、包头市…实施方案.pdf"); None for names like
    "001_1866d2bb.txt". Used only when the text states no title."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", source_name).strip()
    stem = re.sub(r"^\d{1,4}\s*[、._\-\s]\s*", "", stem).strip()
    return stem if len(re.findall(r"[\u4e00-\u9fff]", stem)) >= 4 else None


def clean_meta_title(t: str | None) -> str | None:
    """A page title without the site name after it ("XX方案 - 某某市人民政府")."""
    if not t:
        return None
    parts = re.split(r"\s+[-_|–—]\s+|_", t)
    return parts[0].strip() if parts and len(parts[0].strip()) >= 4 else t.strip()


# ---------------------------------------------------------------- issuer

_ISSUER_IN_TITLE = re.compile(r"^(?P<org>[\u4e00-\u9fff、]{2,40}?(?:" + "|".join(sorted(_ORG_SUFFIX, key=len, reverse=True))
                              + r"))(?:关于|印发|发布|转发|出台|联合印发)")


def find_issuer(lines: list[str], title: str | None, dd: DocDate) -> str | None:
    if dd.issuer:
        return "、".join(dict.fromkeys(o.replace(" ", "") for o in dd.issuer))
    for ln in lines[:5]:
        s = ln.replace(" ", "")
        if s.endswith("文件") and is_org(s[:-2]):
            return s[:-2]
    if title:
        m = _ISSUER_IN_TITLE.match(title.replace(" ", ""))
        if m:
            return m.group("org")
    # a heading of organisations above the title: "中共石家庄市委\n石家庄市人民政府\n《关于…》"
    orgs = []
    for ln in lines[:4]:
        if is_org(ln):
            orgs += split_orgs(ln)
        elif orgs:
            break
    if orgs:
        return "、".join(dict.fromkeys(orgs))
    # the 落款 at the end without a date: the last lines are organisations
    tail = []
    for ln in reversed(lines[-3:]):
        if is_org(ln):
            tail[:0] = split_orgs(ln)
        else:
            break
    return "、".join(dict.fromkeys(tail)) if tail else None


# ---------------------------------------------------------------- authors

@lru_cache(maxsize=1)
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    path = resources.files("transforms") / "data" / "surnames.txt"
    words = [w for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#") for w in ln.split()]
    return frozenset(w for w in words if len(w) == 1), frozenset(w for w in words if len(w) == 2)


def is_name(s: str) -> bool:
    single, double = _surnames()
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", s):
        return False
    return (s[:2] in double and len(s) >= 3) or (s[0] in single and len(s) <= 3)


_BYLINE = re.compile(r"(?:融媒体记者|本报记者|特约记者|见习记者|记者|通讯员|作者|撰稿|撰文|文字|文|编辑|摄影|图文)\s*[|｜/／:：]?\s*"
                     r"(?P<names>[\u4e00-\u9fff]{2,4}(?:[\s、，,]+[\u4e00-\u9fff]{2,4}){0,4})")


def byline_names(line: str) -> list[str] | None:
    """The names of a byline: a line of bare names ("谈沁磊 孙力"), or "■融媒体记者 杨丹丹", "（记者宋平）"."""
    s = line.strip().strip("■◆●（()）【】[] ")
    parts = [p for p in re.split(r"[\s、，,]+", s) if p]
    if parts and len(parts) <= 5 and all(is_name(p) for p in parts):
        return parts
    m = _BYLINE.match(s)
    if m and len(s) <= len(m.group()) + 2:
        names = [p for p in re.split(r"[\s、，,]+", m.group("names")) if p]
        if names and all(is_name(n) for n in names):
            return names
    return None


_INLINE_BYLINE = re.compile(r"[（(]\s*(?:本报)?(?:融媒体)?(?:记者|通讯员)\s*(?P<names>[\u4e00-\u9fff]{2,4}(?:[\s、，,]+[\u4e00-\u9fff]{2,4}){0,3})\s*[）)]")
_ARTICLE_END = re.compile(r"^[（(]\s*(?:作者|本文作者|记者|通讯员|来源|责任编辑|编辑).{0,60}[）)]$|[（(]\s*作者[^）)]{2,60}[）)]$")


def find_author(head: list[str], body: list[str]) -> str | None:
    for ln in head[1:]:
        names = byline_names(ln)
        if names:
            return "、".join(names)
    for ln in body[:2] + body[-3:]:
        if len(ln) <= 30:
            names = byline_names(ln)
            if names:
                return "、".join(names)
        m = _INLINE_BYLINE.search(ln[:40])
        if m:
            names = [p for p in re.split(r"[\s、，,]+", m.group("names")) if p]
            if all(is_name(n) for n in names):
                return "、".join(names)
    return None


# ---------------------------------------------------------------- articles

@dataclass
class Article:
    first: int  # first line (its headings)
    body: int  # first body line
    end: int  # one past its last line


_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.、．](?!\d)|"
                       r"第[一二三四五六七八九十百\d]+[章节条部分篇]|[■◆●▲★•·▶])")


def _headingish(lines: list[str]) -> list[bool]:
    out, prev = [], True
    for ln in lines:
        h = heading_like(ln, prev) and not _NUMBERED.match(ln)
        out.append(h)
        prev = h
    return out


_NEWS_LEAD = re.compile(r"^(?:\d{1,2}月\d{1,2}日|[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日|日前|近日|昨天|昨日|"
                        r"今天|今日|本报讯|本报记者|.{0,12}讯[:：]|[（(]?记者)")


def _title_line(s: str) -> bool:
    """A line that can be an article's title: six Chinese characters or more, not a name, an
    organisation, a date or a document number."""
    return (len(re.findall(r"[\u4e00-\u9fff]", s)) >= 6 and not is_org(s) and not _DATE_LINE.match(s)
            and not _DOC_NUMBER.search(s) and byline_names(s) is None and not s.endswith("文件"))


def split_articles(lines: list[str], is_pdf: bool, official: bool = False) -> list[Article]:
    """Articles as line ranges. A file is split where a heading block that opens with a title line
    has a byline, follows a line that closes an article ("(作者系…)"), or is followed by a news lead
    ("12月17日晚…", "本报讯"). PDFs and official documents (a 落款 or a document number) are one
    article: their headings are chapters."""
    n = len(lines)
    if n == 0:
        return []
    heads = _headingish(lines)
    blocks: list[tuple[int, int]] = []  # runs of heading lines
    i = 0
    while i < n:
        if heads[i]:
            j = i
            while j < n and heads[j]:
                j += 1
            blocks.append((i, j))
            i = j
        else:
            i += 1
    starts = [(0, blocks[0][1] if blocks and blocks[0][0] == 0 else 0)]
    if not is_pdf and not official:
        for a, b in blocks:
            if a == 0 or b >= n:
                continue
            block = lines[a:b]
            if not _title_line(block[0]):
                continue
            if not any(not heads[k] for k in range(starts[-1][1], a)):
                continue  # no body since the last article started
            has_byline = any(byline_names(x) for x in block[1:])
            closed = bool(_ARTICLE_END.search(lines[a - 1]))
            lead = len(block) >= 2 and bool(_NEWS_LEAD.match(lines[b]))
            if has_byline or closed or lead:
                starts.append((a, b))
    out = []
    for k, (a, b) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else n
        out.append(Article(a, b, end))
    return out


# ---------------------------------------------------------------- places

_FULL_NAME_END = ("省", "市", "县", "区", "自治区", "自治州", "州", "盟", "旗", "镇", "乡", "街道")


def _resolve(text: str | list, ctx: list[str], strict: bool = False, named_in: set[str] | None = None) -> list[str]:
    """Codes of the places named in ``text`` (or in these mentions; ambiguous names resolved with ``ctx``).

    ``strict`` keeps only credible mentions: a full name (淮安市, 射阳县), a province's or city's short
    name, or a county's short name whose city or province is named in the text too ("射阳" beside
    "盐城"). Short county names are often ordinary words ("资源", "清新", "壮大新能源").
    """
    found = regions.find_mentions(text) if isinstance(text, str) else text
    named = set(named_in or ())
    if strict:
        for m in found:
            if len(m.candidates) == 1:
                c = m.candidates[0]
                if len(c) == 6 and regions.level_of(c) in ("province", "city"):
                    named.add(c)
    out = []
    for m in found:
        code = regions.choose(m.candidates, ctx)
        if strict:
            level = regions.level_of(code)
            full = m.surface.endswith(_FULL_NAME_END) or level in ("province", "city", "national")
            if not full and not (set(regions.ancestors(code)[1:]) & named):
                continue
        out.append(code)
    return out


def _context(mentions: list) -> list[str]:
    """The places named unambiguously, once each (the context that resolves ambiguous names)."""
    return list(dict.fromkeys(m.candidates[0] for m in mentions if len(m.candidates) == 1))


def _between(mentions: list, starts: list[int], start: int, end: int) -> list:
    """The mentions inside [start, end); ``starts``: their start offsets, sorted."""
    i = bisect.bisect_left(starts, start)
    j = bisect.bisect_left(starts, end)
    return [m for m in mentions[i:j] if m.end <= end]


def majority_place(codes: list[str], share: float = 0.6) -> str | None:
    """The most specific place that at least ``share`` of the mentions fall in."""
    codes = [c for c in codes if c and c != regions.NATIONAL]
    if not codes:
        return None
    tally: Counter[str] = Counter()
    for c in codes:
        for a in regions.ancestors(c):
            tally[a] += 1
    need = share * len(codes)
    best = None
    for code, k in tally.items():
        if k >= need and (best is None or len(regions.ancestors(code)) > len(regions.ancestors(best))):
            best = code
    return best


def lowest_common(codes: list[str]) -> str | None:
    codes = [c for c in codes if c]
    if not codes:
        return None
    chains = [list(reversed(regions.ancestors(c))) for c in codes]
    common = None
    for level in zip(*chains):
        if len(set(level)) == 1:
            common = level[0]
        else:
            break
    return common or regions.NATIONAL


_NATIONAL_ISSUER = re.compile(r"^(?:中共中央|国务院|全国人民代表大会|全国人大|国家|中国人民银行|中国银|中国证|中央)|"
                              r"^(?:生态环境|工业和信息化|财政|科学技术|住房和城乡建设|交通运输|自然资源|商务|农业农村|水利|教育)部")


_NATION = re.compile(r"全国|我国|中国|国家|中华人民共和国|党中央|国务院")
_LOCAL = re.compile(r"全省|全市|全区|全县|全镇|我省|我市|我区|我县|本省|本市|本区|本县|省委|市委|县委|区委")


@lru_cache(maxsize=1)
def _province_abbr() -> dict[str, str]:
    """One-character province abbreviations that open document numbers (津环气候〔2022〕19号)."""
    path = resources.files("transforms") / "data" / "province_abbr.csv"
    rows = [ln.split(",") for ln in path.read_text(encoding="utf-8").splitlines()[1:] if ln.strip()]
    return {r[0]: r[1] for r in rows}


def place_of(head: str, body: str, issuer: str | None, ctx: list[str], doc_number: str | None = None,
             head_mentions: list | None = None, body_mentions: list | None = None) -> str | None:
    """The region an article or document is about: its headings' place, the issuer's, the province of its
    document number, else the place most of its text names; the whole country when it names few places
    but the nation often, or for a national issuer. ``head_mentions``/``body_mentions``: the places of
    ``head``/``body`` when already found."""
    named = {c for c in ctx if len(c) == 6 and regions.level_of(c) in ("province", "city")}
    for part in (head if head_mentions is None else head_mentions, issuer or ""):
        codes = _resolve(part, ctx, strict=True, named_in=named)
        if codes:
            # the most specific of the places named, when they nest; else the first
            codes_sorted = sorted(codes, key=lambda c: -len(regions.ancestors(c)))
            best = codes_sorted[0]
            if all(c in regions.ancestors(best) for c in codes):
                return best
            return codes[0]
    if doc_number:
        m = re.match(r"[\u4e00-\u9fff]", doc_number)
        if m and m.group() in _province_abbr():
            return _province_abbr()[m.group()]
    if issuer and _NATIONAL_ISSUER.search(issuer):
        return regions.NATIONAL
    codes = _resolve(body if body_mentions is None else body_mentions, ctx, strict=True)
    if len(codes) < 3 and len(_NATION.findall(head + body)) > len(codes) + len(_LOCAL.findall(body)):
        return regions.NATIONAL
    if len(codes) >= 1:
        best = majority_place(codes)
        if best and (len(codes) >= 2 or best in ctx):
            return best
    return regions.NATIONAL if regions.names_nation(head + body) else None


# ---------------------------------------------------------------- structure

@lru_cache(maxsize=1)
def _town_names() -> dict[str, str]:
    return {code: name for name, pairs in regions.towns().items() for code, _county in pairs}


def _as_region(code: str | None) -> tuple[str | None, str | None, str | None]:
    if not code:
        return None, None, None
    if len(code) == 9:
        return code, _town_names().get(code), "town"
    r = regions.get(code)
    return code, (r.name if r else None), regions.level_of(code)


def structure_one(d: dict, pipeline_version: str) -> tuple[dict, list[dict]]:
    text = d["clean_text"]
    lines = text.split("\n")
    offsets = list(accumulate((len(ln) + 1 for ln in lines[:-1]), initial=0))  # where each line starts

    def span(first: int, end: int) -> str:
        """``"\\n".join(lines[first:end])``, cut from the text"""
        return text[offsets[first]:offsets[end] - 1 if end < len(lines) else len(text)] if first < end else ""
    is_pdf = d["format"] == "pdf"
    mentions = regions.find_mentions(text)  # once for the whole text; articles take their share
    ctx = _context(mentions)
    starts = [m.start for m in mentions]
    dd = find_doc_date(lines)
    meta_when = parse_meta_date(d.get("meta_date"))
    doc_when = meta_when or dd.when
    doc_number = find_doc_number(lines)
    official = bool(doc_number or dd.issuer)  # a 落款 or a document number: a government document
    arts = split_articles(lines, is_pdf, official=official)

    art_rows = []
    for k, a in enumerate(arts):
        head = lines[a.first:a.body]
        body = lines[a.body:a.end]
        if k == 0:
            if is_pdf or official:
                title = find_pdf_title(lines)[0] or clean_meta_title(d.get("meta_title"))
            elif not head and d.get("meta_title"):
                title = clean_meta_title(d.get("meta_title"))
            else:
                title = next((h for h in head if _title_line(h)), None) or clean_meta_title(d.get("meta_title"))
        else:
            title = next((h for h in head if not byline_names(h)), None)
        author = find_author(head, body)
        if k == 0:
            when = doc_when
        else:
            own = find_doc_date(body[:3]).when
            when = own if own.precision != "none" else doc_when
            if own.precision == "month_day" and doc_when.date is not None:
                when = own
        art_rows.append({"doc_id": d["doc_id"], "article_idx": k, "title": title, "author": author,
                         "_when": when, "_head": "\n".join(h for h in head if not byline_names(h)),
                         "_body": span(a.body, a.end),
                         "_head_m": _between(mentions, starts, offsets[a.first], offsets[a.body] if a.body < len(lines)
                                             else len(text)) if head else [],
                         "_body_m": _between(mentions, starts, offsets[a.body] if a.body < len(lines) else len(text),
                                             offsets[a.end] if a.end < len(lines) else len(text)),
                         "span_start": offsets[a.first],
                         "text": span(a.first, a.end)})

    doc_title = art_rows[0]["title"] if art_rows else None
    if is_pdf:
        doc_title = doc_title or clean_meta_title(d.get("meta_title"))
    text_title = doc_title  # what the text itself says: places are read from this, not from a file name
    if doc_title is None:
        doc_title = title_from_name(d["source_name"])
        if art_rows and art_rows[0]["title"] is None:
            art_rows[0]["title"] = doc_title
    issuer = find_issuer(lines, doc_title, dd) if (is_pdf or official or doc_type_of(doc_title)) else None

    # places: each article's own, else the document's
    doc_head = (text_title or "") if is_pdf else art_rows[0]["_head"] if art_rows else ""
    if is_pdf:
        code = place_of(doc_head, text, issuer, ctx, doc_number, body_mentions=mentions)
        for r in art_rows:
            r["region_code"] = code
        doc_code = code
    else:
        codes = []
        for k, r in enumerate(art_rows):
            signed = k == 0 and official  # the issuer and number speak for the first (only) article
            head_m = r["_head_m"] if r["_head"] else None  # no headings: the title (from metadata) instead
            r["region_code"] = place_of(r["_head"] or (r["title"] or ""), r["_body"], issuer if signed else None,
                                        ctx, doc_number if signed else None, head_m, r["_body_m"])
            codes.append(r["region_code"])
        first = next((c for c in codes if c), None)
        if first is None and issuer:
            first = place_of("", "", issuer, ctx, doc_number)
        for r in art_rows:
            if r["region_code"] is None:
                r["region_code"] = first
        doc_code = lowest_common([r["region_code"] for r in art_rows]) if len(art_rows) > 1 else art_rows[0]["region_code"]

    doc_type = doc_type_of(doc_title)
    if doc_type is None and not is_pdf and not issuer and not doc_number:
        doc_type = "新闻"
    region_code, region_name, region_level = _as_region(doc_code)
    doc = {"doc_id": d["doc_id"], "source_name": d["source_name"], "title": doc_title,
           "published_date": doc_when.date, "published_month_day": doc_when.month_day,
           "date_precision": doc_when.precision, "issuer": issuer, "doc_number": doc_number,
           "doc_type": doc_type, "script": d["script"], "region_code": region_code, "region_name": region_name,
           "region_level": region_level, "n_articles": len(art_rows), "clean_text": text,
           "pipeline_version": pipeline_version}
    out_arts = []
    for r in art_rows:
        w = r.pop("_when")
        for key in ("_head", "_body", "_head_m", "_body_m"):
            r.pop(key)
        r["published_date"] = w.date
        r["published_month_day"] = w.month_day
        out_arts.append(r)
    return doc, out_arts


_READS = ("doc_id", "source_name", "format", "clean_text", "script", "meta_title", "meta_date")


def structure(cleaned: pa.Table, pipeline_version: str):
    docs, arts, rejects = [], [], []
    # the columns structure_one reads (line_map, a list a line, costs most to convert and is not one)
    used = [c for c in cleaned.column_names if c in _READS]
    for d in cleaned.select(used).to_pylist():
        try:
            doc, rows = structure_one(d, pipeline_version)
        except Exception as e:  # one bad document must not stop the batch
            rejects.append((d["source_name"], d["doc_id"],
                            Reject("structure", "could not split or describe this document",
                                   f"{type(e).__name__}: {e}")))
            continue
        docs.append(doc)
        arts.extend(rows)
    return (pa.Table.from_pylist(docs, tables.DOCUMENTS.arrow),
            pa.Table.from_pylist(arts, tables.ARTICLES.arrow), rejects)
