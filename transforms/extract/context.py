"""What an article, its sections and its earlier sentences tell a sentence: ``Context`` (the article:
region, publication and anchor year, whether it is a plan), ``Section`` (what a heading says about the
sentences under it) and ``Carry`` (what one sentence hands to the next)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable

import regex

from transforms import blocks, numbers, regions, timex

_PLAN_NAME = regex.compile(blocks.PLAN)
_PAST_SECTION = regex.compile(r"回顾|成就|成效|成绩|取得了?(?:历史性|显著|重大|积极|明显|长足)?(?:突破|进展)|(?:发展|工作|现实|规划|已有)基础|基础和|进展|现状|取得的|过去|总结|完成情况|"
                              r"发展历程|存在的(?:主要)?问题")
_GOAL_SECTION = regex.compile(r"目标")
_ISSUES_PLAN = regex.compile(r"印发[^。]{0,60}(?:方案|规划|意见|措施|计划|纲要|要点|清单)|(?:方案|规划|意见|措施|计划)》?的?通知|"
                             r"〔(?:19|20)\d\d〕\s*\d+\s*号|人民政府[，,]|各有关单位[：:]")
PLAN_TYPES = ("通知", "方案", "规划", "意见", "办法", "条例", "指南", "措施", "计划", "纲要", "要点", "清单")
# a plan period in the title: the plan was written in its first year (when no date says otherwise)
_TITLE_PERIOD = [(regex.compile(blocks.plan_or_years(p)), blocks.PLAN_PERIODS[p][0]) for p in ("十四五", "十五五", "十三五")]
_TITLE_YEAR = regex.compile(r"((?:19|20)\d\d)\s*年度")


@dataclass
class Context:
    """What one article tells about all its sentences."""
    doc_id: str
    source_name: str
    article_idx: int
    region_code: str  # 6 or 9 digits
    pub_year: int | None
    anchor_year: int | None  # the year of writing, or the first year of the plan period the title names
    is_plan: bool
    places: regions.PlaceContext
    review_year: int | None = None  # the latest year a review section ("2018年工作回顾") looked back on
    is_story: bool = False  # a news story (doc_type 新闻)
    paragraph_this_year: bool = False  # a story: an earlier sentence of the paragraph spoke of 今年
    trend_topic: str | None = None  # a story: what the paragraph's trend sentence said grows (name.trend_topic)
    pub_month: int | None = None
    # a story whose place was read from its body only (its title and lead name no place inside or around it)
    place_from_body: bool = False
    # a story that speaks of an event still being prepared (筹办, 测试赛, 倒计时): what the event "实现" is a promise
    event_to_come: bool = False
    _scope: tuple[str, str, str | None] | None = field(default=None, repr=False)
    _scope_pending: list[Callable[[], tuple[str, str, str | None] | None]] = field(default_factory=list, repr=False)

    @property
    def paragraph_scope(self) -> tuple[str, str, str | None] | None:
        """A story: the scope the paragraph named last before this sentence, (code, level, name as written);
        the nation is (100000, "national", None); None when the paragraph has named none.

        Reading the scope a sentence names costs a scan of its place names, and few values ever ask for
        the paragraph's: ``scope_later`` queues each sentence, and the queue is read back, from the latest
        sentence, only when a value asks."""
        if self._scope_pending:
            pending, self._scope_pending = self._scope_pending, []
            for scope_of in reversed(pending):
                found = scope_of()
                if found is not None:
                    self._scope = found
                    break
        return self._scope

    @paragraph_scope.setter
    def paragraph_scope(self, value: tuple[str, str, str | None] | None) -> None:
        self._scope, self._scope_pending = value, []

    def scope_later(self, scope_of: Callable[[], tuple[str, str, str | None] | None]) -> None:
        """The next sentences inherit ``scope_of()`` (what a sentence names) when it is not None, else the
        scope they had: ``paragraph_scope = scope_of() or paragraph_scope``, evaluated when first read."""
        self._scope_pending.append(scope_of)


@dataclass
class Carry:
    time: timex.TimeExpr | None = None
    target: bool = False
    past_section: bool = False  # inside a section that reviews what was done
    section_time: timex.TimeExpr | None = None  # the period a review section's heading names
    time_rule: str | None = None
    story_year: int | None = None  # a story: the past year the previous sentence of the paragraph spoke of  # the rule that handed ``time`` down (year.previous_piece, year.list_item ...)


@dataclass
class Section:
    """What a heading tells about the sentences under it."""
    past: bool = False  # a review: 发展基础, “十三五”主要成就, 2021年工作回顾
    future: bool = False  # headed by a year still to come: 2022年政府工作任务
    goal: bool = False  # 主要目标: its deadline (到2025年) governs every sentence under it
    time: timex.TimeExpr | None = None  # the year or period the heading names
    goal_time: timex.TimeExpr | None = None


def section(heading: str, ctx: Context, parent: Section | None) -> Section:
    times = [t for t in timex.find(heading, ctx.pub_year, ctx.pub_month) if t.role != "base"]
    plan = _PLAN_NAME.search(heading)
    if not times and plan:
        times = [timex.TimeExpr(plan.start(), plan.end(), blocks.PLAN_END[plan.group()], "past", plan.group())]
    time = times[0] if times else None
    past = bool(_PAST_SECTION.search(heading))
    future = False
    if time is not None and time.year is not None and ctx.anchor_year is not None:
        past = past or time.year < ctx.anchor_year
        future = not past and time.year >= ctx.anchor_year
    elif time is not None and time.year is not None and ctx.review_year is not None:
        future = not past and time.year > ctx.review_year  # "2018年工作回顾" then "2019年…总体要求"
    if past and time is not None and time.year is not None and ctx.anchor_year is not None \
            and time.year >= ctx.anchor_year:
        time = None  # "“十四五”规划基础": the heading names the coming plan, not the period reviewed
    if past and time is not None and time.year is not None:
        ctx.review_year = max(ctx.review_year or time.year, time.year)
    goal = bool(_GOAL_SECTION.search(heading))
    if parent is not None:  # a sub-heading inherits what it does not say
        past = past or (parent.past and not future and not goal)
        future = future or (parent.future and not past)
        goal = goal or parent.goal
        if time is None and (parent.past, parent.future) == (past, future):
            time = parent.time
    return Section(past, future, goal, time if (past or future) else None,
                   parent.goal_time if parent is not None and goal else None)


def article_context(doc: dict, art: dict) -> Context:
    code = art.get("region_code") or doc.get("region_code") or regions.NATIONAL
    pub = art.get("published_date") or doc.get("published_date")
    pub_year = pub.year if isinstance(pub, date) else None
    title = " ".join(x for x in (art.get("title"), doc.get("title")) if x and len(x) <= 60)
    title_h = numbers.halfwidth(title)
    anchor = pub_year
    for pat, first in _TITLE_PERIOD:
        if pat.search(title_h):
            anchor = anchor or first
            break
    if anchor is None:
        m = _TITLE_YEAR.search(title_h)
        if m:
            anchor = int(m.group(1))
    doc_type = doc.get("doc_type") or ""
    head = (art.get("text") or "")[:300]
    is_plan = (doc_type in PLAN_TYPES or any(t in title for t in PLAN_TYPES)
               or bool(_ISSUES_PLAN.search(head)))
    is_story = doc_type == "新闻" and not is_plan
    return Context(doc["doc_id"], doc["source_name"], art["article_idx"], code, pub_year, anchor, is_plan,
                   regions.PlaceContext.of(code), is_story=is_story,
                   pub_month=pub.month if isinstance(pub, date) else None,
                   place_from_body=is_story and bool(title) and code != regions.NATIONAL
                   and not _names_place(title_h + " " + _lead(head), code)
                   and _speaks_for_nation(art.get("text") or "", code),
                   event_to_come=is_story and bool(_PREPARING.search(art.get("text") or "")))


_PREPARING = regex.compile(r"筹办|筹备工作|测试赛|测试活动|倒计时|备战|即将(?:举办|召开|开幕|举行)")


_LEAD = regex.compile(r"(?:新闻联播|消息)[）)]?[：:]\s*([^。！？]*)")


def _lead(head: str) -> str:
    """A story's first sentence (after 央视网消息（新闻联播）：)."""
    m = _LEAD.search(head)
    return m.group(1) if m else ""


_NATION_WORD = regex.compile(r"我国|全国|中国")
_LOCAL_WORD = regex.compile(r"全省|全市|全区|全县|我省|我市|我区|我县|本省|本市|本区|本县")


def _speaks_for_nation(text: str, code: str) -> bool:
    """The story names the nation (我国, 全国, 中国) more often than its place and its own 全省, 我市...: a national
    story that names the place in passing."""
    nation = len(_NATION_WORD.findall(text))
    if not nation:
        return False
    six = regions.county_code(code)
    local = len(_LOCAL_WORD.findall(text))
    local += sum(1 for m in regions.find_mentions(text) if any(six in regions.ancestors(c) for c in m.candidates))
    return nation > local


def _names_place(text: str, code: str) -> bool:
    """``text`` names the place ``code``, a place inside it or one it lies in."""
    six = regions.county_code(code)
    for m in regions.find_mentions(text):
        for c in m.candidates:
            if six in regions.ancestors(c) or c in regions.ancestors(six):
                return True
    return False
