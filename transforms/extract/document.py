"""An article's sentences in order: indicator tables (专栏) read cell by cell, headings open sections, and
what one sentence sets (a deadline, a 目标) is handed to the pieces, list items and paragraph that
follow (the ``year.*`` carry rules of time.py)."""
from __future__ import annotations

import hashlib

import pyarrow as pa
import regex

from schemas import tables
from transforms import blocks, indicator_tables, indicators, numbers, regions, timex
from transforms.extract import candidates, cues, naming, time
from transforms.extract.context import Carry, Section, article_context, section
from transforms.extract.place import place, scope_named
from transforms.extract.rules import declare, note
from transforms.extract.sentence import sentence_measures

EXTRACTOR_VERSION = "0.25.80"

TABLE_CELL = declare("kind.table_column", "a cell of an indicator table (专栏 主要指标)",
                     "the kind of its column: the first year the baseline, a goal or a year to come the target, "
                     "a past year the achievement",
                     [("指标 2020年 2025年 属性\n森林覆盖率（%） 25.6 26.1 约束性", "26.1%", "target", "2021-06-01")])
TABLE_YEAR = declare("year.table_column", "a cell of an indicator table", "its column's year",
                     [("指标 2020年 2025年 属性\n森林覆盖率（%） 25.6 26.1 约束性", "25.6%", "2020", "2021-06-01")])
TABLE_ROW = declare("filter.table_row", "a line of three or more bare numbers that no table header explains",
                    "no measures in the line", [("12 35 48 60", "line", "drop")])

# what a sentence needs to hold a time (timex.MAY_HOLD_TIME) or a value (candidates.MAY_HOLD_VALUE); every
# heading (blocks.HEADING_RANKS) holds a Chinese numeral and every table row (looks_like_row) digits
_MAY_SPEAK = regex.compile(f"{timex.MAY_HOLD_TIME.pattern}|{candidates.MAY_HOLD_VALUE.pattern}")

_BREAKDOWN = regex.compile(r"\s*其中\s*[，,]")  # a story's sentence that breaks the previous one's total down
_ENDS_PIECE = ("；", ";", "：", ":", "，", ",")


def table_rows(text: str, row: indicator_tables.Row, ctx) -> list[dict]:
    out = []
    for cell in row.cells:
        code, level, place_name, place_rule = place(text, cell.start, ctx)
        note(TABLE_CELL.id, cell.raw, cell.column.kind)
        note(TABLE_YEAR.id, cell.raw, cell.column.year)
        out.append({"kind": cell.column.kind, "indicator": row.label, "sector": indicators.sector(row.label),
                    "value": cell.value, "value_upper": None, "value_raw": cell.raw, "unit": cell.unit,
                    "comparator": cell.comparator, "direction": row.direction, "base_year": None,
                    "target_year": cell.column.year, "region_code": code, "region_level": level,
                    "place_name": place_name, "start": cell.start, "end": cell.end, "evidence": row.text,
                    "kind_rule": TABLE_CELL.id, "year_rule": TABLE_YEAR.id, "place_rule": place_rule,
                    "rules": [TABLE_CELL.id, TABLE_YEAR.id, place_rule]})
    return out


def _scope_of(text: str, ctx, last_town):
    """``scope_named(text, ctx)`` as it reads now (the last town named so far), to be called later."""
    def scope() -> tuple[str, str, str | None] | None:
        pc = ctx.places
        now, pc.last_town = pc.last_town, last_town
        try:
            return scope_named(text, ctx)
        finally:
            pc.last_town = now
    return scope


def measure_id(doc_id: str, article_idx: int, start: int, end: int, indicator: str) -> str:
    return hashlib.sha256(f"{doc_id}|{article_idx}|{start}|{end}|{indicator}".encode()).hexdigest()[:32]


def article_measures(doc: dict, art: dict, sents: list[dict]) -> list[dict]:
    """The measure rows of one article (``sents`` in order: sentence_idx, text, span_start)."""
    key = (doc["doc_id"], art["article_idx"])
    ctx = article_context(doc, art)
    carry, list_carry, prev_text, sec = Carry(), None, "", Section()
    tables_reader = indicator_tables.TableReader(ctx.anchor_year)
    sections: dict[int, Section] = {}
    art_text, prev_end, paragraph_deadline, story_year = art.get("text") or "", 0, None, None
    rows: list[dict] = []
    seen: set[str] = set()
    ends = ""  # the last mark of the sentence before
    for s, text in zip(sents, numbers.halfwidth_many([s["text"] for s in sents])):
        span_start = s["span_start"]
        new_paragraph = art_text.find("\n", prev_end, span_start) >= 0
        if new_paragraph:
            paragraph_deadline = None  # a new paragraph
            story_year = None
            ctx.paragraph_scope = None
            ctx.paragraph_this_year = False
            ctx.trend_topic = None
        prev_end = span_start + len(s["text"])
        # a quiet sentence: no numeral, no 年, 五, 番 ...: no time, no value, no heading, no table row
        quiet = not _MAY_SPEAK.search(text)
        if ends in _ENDS_PIECE:
            incoming = Carry(carry.time, carry.target, time_rule=time.PREVIOUS_PIECE.id)
            if ends in ("：", ":"):
                list_carry = carry
        elif ctx.is_story and carry.target and ends in ("。",) and _BREAKDOWN.match(text) and not new_paragraph:
            # 到2025年，全省新能源装机达到1亿千瓦。其中，光伏装机4000万千瓦: the breakdown of a target is a target
            incoming = Carry(carry.time, True, time_rule=time.PREVIOUS_PIECE.id)
        elif list_carry is not None and blocks.LIST_MARK.match(text):
            incoming = Carry(list_carry.time, list_carry.target, time_rule=time.LIST_ITEM.id)
        else:
            incoming, list_carry = Carry(), None
        rank = None if quiet else blocks.heading_rank(text)
        if rank is not None:
            parent = next((sections[k] for k in range(rank - 1, -1, -1) if k in sections), None)
            sections = {k: v for k, v in sections.items() if k < rank}
            sec = sections[rank] = section(text, ctx, parent)
        if sec.goal and incoming.time is None:
            incoming.time = sec.goal_time
            incoming.time_rule = time.SECTION_GOAL.id
        times_here = [] if quiet else timex.find(text, ctx.pub_year, ctx.pub_month)
        if incoming.time is None and paragraph_deadline is not None \
                and not any(t.role not in ("base",) for t in times_here) \
                and cues.TARGET.search(text) and not cues.ACHIEVED_STRONG.search(text):
            incoming.time = paragraph_deadline  # 到2025年，…。全省森林覆盖率要达到36.5%…。: the paragraph's goals
            incoming.time_rule = time.PARAGRAPH_DEADLINE.id
            incoming.target = True
        if times_here:
            opening = next((t for t in reversed(times_here) if t.role == "target"
                            and (not text[:t.start].strip() or text[:t.start].rstrip()[-1] in "，,：:")), None)
            if opening is not None:
                paragraph_deadline = opening
            elif any(t.role not in ("base",) for t in times_here):
                paragraph_deadline = None  # another time takes over the paragraph
        incoming.target = incoming.target or sec.goal or sec.future
        incoming.past_section = sec.past
        incoming.section_time = sec.time
        incoming.story_year = story_year
        found = None
        consumed, trow = tables_reader.feed(text)
        if trow is not None:
            found = table_rows(text, trow, ctx)
        elif consumed:
            found = []
        if found is None and not quiet and indicator_tables.looks_like_row(text):
            note(TABLE_ROW.id, "line", "drop")
            found = []
        if found is None:
            found, carry = sentence_measures(text, ctx, incoming, times_here, quiet)
            if found:  # (with no rows it has nothing to name)
                naming.continue_line(prev_text, text, found)  # 非化石能源消费|占比提升至23%: a line cut mid-sentence
        if sec.goal:
            sec.goal_time = next((t for t in times_here if t.role == "target"), sec.goal_time)
        # the sentence's own times (not a base year)
        own = [t for t in times_here if t.role != "base" and t.year is not None] if times_here else []
        if ctx.is_story and not found:  # name.trend_topic: what the paragraph's trend sentence said grows
            ctx.trend_topic = naming.trend_topic(text) or ctx.trend_topic
        if ctx.is_story:  # place.paragraph, year.story_this_year: what the next sentences of the paragraph inherit
            ctx.scope_later(_scope_of(text, ctx, ctx.places.last_town))
            if own:
                ctx.paragraph_this_year = own[-1].year == ctx.pub_year
            elif not quiet and time.DAY_OR_MONTH.search(text):
                ctx.paragraph_this_year = True  # 今天预计…。其中，…预计1750万人次: a day of this year
        for town in regions.towns_named(text, ctx.places):
            ctx.places.last_town = town
        for f in found:
            start, end = span_start + f.pop("start"), span_start + f.pop("end")
            mid = measure_id(key[0], key[1], start, end, f["indicator"])
            if mid in seen:
                continue
            seen.add(mid)
            rows.append({"measure_id": mid, "doc_id": key[0], "source_name": doc["source_name"],
                         "article_idx": key[1], "sentence_idx": s["sentence_idx"], **f,
                         "evidence": f.get("evidence") or s["text"], "span_start": start, "span_end": end,
                         "extractor_version": EXTRACTOR_VERSION})
        prev_text = text
        ends = text.rstrip()[-1:]
        # year.story_previous_past: 去年，…。新增装机3.6亿千瓦 (with no story year and no time, nothing changes)
        if not ctx.is_plan and ctx.pub_year is not None and (story_year is not None or times_here):
            if time.speaks_of_now(text, own, ctx.pub_year):
                story_year = None  # 从2019年7月份投运以来，…已累计…: up to now
            elif own:
                past = own[-1].year < ctx.pub_year and not own[-1].text.startswith(("从", "自"))
                story_year = own[-1].year if past else None
    return rows


def extract(documents: pa.Table, articles: pa.Table, sentences: pa.Table) -> pa.Table:
    docs = {d["doc_id"]: d for d in documents.to_pylist()} if documents.num_rows else {}
    arts = {(a["doc_id"], a["article_idx"]): a for a in articles.to_pylist()}
    by_article: dict[tuple[str, int], list[dict]] = {}
    # column by column: Table.to_pylist builds each row through Arrow scalars, many times slower
    cols = [sentences.column(n).to_pylist() for n in ("doc_id", "article_idx", "sentence_idx", "text", "span_start")]
    for doc_id, article_idx, sentence_idx, text, span_start in zip(*cols):
        by_article.setdefault((doc_id, article_idx), []).append(
            {"doc_id": doc_id, "article_idx": article_idx, "sentence_idx": sentence_idx, "text": text,
             "span_start": span_start})
    rows: list[dict] = []
    for key, sents in by_article.items():
        doc = docs.get(key[0], {"doc_id": key[0], "source_name": "?"})
        art = arts.get(key, {"article_idx": key[1]})
        sents.sort(key=lambda s: s["sentence_idx"])
        rows.extend(article_measures(doc, art, sents))
    return pa.Table.from_pylist(rows, tables.MEASURES.arrow)
