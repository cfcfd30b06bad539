"""Value-less dated commitments: 2030年前实现碳达峰 (a milestone), 2022年建成…项目二期 (a commitment)."""
from __future__ import annotations

import regex

from transforms import blocks, indicators
from transforms.extract import cues
from transforms.extract.filters import quoted_abroad
from transforms.extract.place import place
from transforms.extract.rules import declare, note

MILESTONE = regex.compile(r"^[^，,；;。]{0,12}?(?P<w>碳排放达峰|碳达峰|达峰|达到峰值|碳中和|净零排放)"
                          r"(?!路径|行动|方案|研究|设计|技术|工作|试点|示范)")  # 2060年前碳中和路径设计: a study
# a milestone stated as the completion of the period's commitment, in a later clause of the sentence the
# period opens (2030年前，…，推动全省碳达峰目标如期完成 / 到2030年，…；二氧化碳排放量达到峰值并…);
# not a purpose (为实现碳中和奠定基础)
MILESTONE_DONE = regex.compile(
    r"(?<![为以])(?P<w>碳达峰|碳中和|达峰)目标(?:如期|顺利|全面)?(?:完成|实现|达成)"
    r"|(?<![为以])(?:如期|顺利|确保|率先)?(?:实现|完成)(?P<w>碳达峰|碳中和)(?:目标)?(?![^，,；;。]{0,6}(?:奠定|打下|创造|提供|基础))"
    r"|(?:二氧化碳|碳)排放(?:量|总量)?(?P<w>达到峰值|达峰)(?=并|[，,；;。、]|$)")  # not 达峰后…, 达峰行动
# a peak that only part of the place commits to (有条件的地方和重点行业率先实现碳排放达峰)
_PARTIAL_SUBJECT = regex.compile(r"有条件的|部分|重点行业|重点企业|重点领域|园区|行业|企业")
_SUPPORTS = regex.compile(r"(?:支撑|支持|助力|服务于?|保障|助推)[^，,；;。]{0,6}$")
_COMMIT = regex.compile(r"^\s*(?:力争|全面|基本|率先|全部|要|将)?\s*(?P<v>建成|完成|投运|投产|建设完成|实现)"
                        r"(?P<o>[^，,；;。]{2,24})")
_COMMIT_WORD = regex.compile(r"实现|达到|率先|力争|完成")
_COMMIT_BEFORE = regex.compile(r"力争|确保|争取|努力|实现|将于|计划")
_QUOTES = regex.compile(r"[“”\"]")
_NO_OBJECT = regex.compile(r"^(?:了|的|情况|目标任务)")

MILESTONE_RULE = declare("kind.milestone", "a carbon peak or neutrality after a deadline or a dated commitment (2030年前实现碳达峰)",
                         "a value-less target (achievement when the year is past or 已 says so)",
                         [("力争2030年前实现碳达峰、2060年前实现碳中和。", "碳中和", "target"),
                          ("我市已于2020年实现碳达峰。", "碳达峰", "achievement", "2023-01-01")])
MILESTONE_PIECE = declare("kind.milestone_in_list", "a piece of a list a deadline opened states the peak "
                          "(到2030年，…；二氧化碳排放量达到峰值并实现稳中有降)", "a value-less target, the list's year",
                          [("到2030年：\n二氧化碳排放量达到峰值并实现稳中有降。", "碳达峰", "target")])
COMMITMENT = declare("kind.commitment", "a deadline or a future year followed by 建成/完成/投产 + an object",
                     "a value-less target", [("2022年建成城市绿道二期工程。", "建成城市绿道二期工程", "target", "2021-05-01")])
STORY_PERIOD = declare("kind.story_period_under_way", "in a story written inside a plan period, the period followed by "
                       "实现/完成… with no cue of what is to come (“十四五”实现良好开局)", "no commitment: the story reports",
                       [("2021年，全国完成造林360万公顷，“十四五”实现良好开局。", "实现良好开局", "drop", "2022-03-12")])
VALUED = declare("kind.commitment_with_value", "the object of a dated commitment holds an amount (实现双边贸易额达到1000亿美元)",
                 "no value-less commitment: it states a value, in a unit the extractor does not read",
                 [("双方将力争在2025年前实现双边贸易额达到1000亿美元。", "实现双边贸易额达到1000亿美元", "drop", "2023-06-15")])
_AMOUNT = regex.compile(r"\d[\d.]*\s*(?:多|余)?\s*(?:万亿|亿|万|美元|欧元|%)")
ABROAD = declare("kind.commitment_abroad", "a milestone or commitment in a sentence about another country, a bloc or the world "
                 "that names no Chinese place (欧盟承诺到2050年实现碳中和; filters.quoted_abroad)",
                 "no commitment: the pledge of another place, quoted (brief: quoted figures of other places)",
                 [("欧盟承诺到2050年实现碳中和。", "碳中和", "drop", "2023-07-15")])
YEAR = declare("year.commitment", "the time expression of the commitment", "its year",
               [("力争2030年前实现碳达峰。", "碳达峰", "2030")])


def _row(kind: str, name: str, sector: str, year: int, text: str, start: int, end: int, ctx, rules: list[str]):
    code, level, place_name, prule = place(text, start, ctx, whole_sentence=True)
    for rid, decision in ((rules[0], kind), (rules[1], year), (prule, code)):
        note(rid, name, decision)
    return {"kind": kind, "indicator": name, "sector": sector, "value": None,
            "value_upper": None, "value_raw": None, "unit": None, "comparator": "=",
            "direction": None, "base_year": None, "target_year": year, "region_code": code,
            "region_level": level, "place_name": place_name, "start": start, "end": end,
            "kind_rule": rules[0], "year_rule": rules[1], "place_rule": prule, "rules": [*rules, prule]}


def milestone_name(word: str) -> str:
    """The indicator a milestone's word names: 碳中和 (also 净零) or 碳达峰."""
    return "碳中和" if ("中和" in word or "净零" in word) else "碳达峰"


def milestone(word: str, year: int, done: bool, text: str, start: int, end: int, ctx, rule: str, year_rule: str) -> dict:
    """A value-less carbon-peak or carbon-neutrality commitment."""
    return _row("achievement" if done else "target", milestone_name(word), "carbon", year, text, start, end, ctx,
                [rule, year_rule])


_PLAN_NAME = regex.compile(blocks.PLAN)


def _under_way(t, text: str, ctx) -> bool:
    """A story written inside the plan period ``t`` names, with no target cue before it: what the period did so far."""
    if ctx.is_plan or ctx.pub_year is None or t.year is None or not _PLAN_NAME.search(t.text):
        return False
    return t.year - 4 <= ctx.pub_year <= t.year and not cues.TARGET.search(text, 0, t.start) \
        and not cues.TARGET.search(text, t.end, indicators.clause_end(text, t.end))


def commitments(text: str, times, cands, ctx, carry) -> list[dict]:
    """Value-less dated commitments: 2030年前实现碳达峰, 2022年建成…项目二期."""
    out = []
    for t in times:
        if t.role in ("base", "past") or t.year is None:
            continue
        ce = indicators.clause_end(text, t.end)
        nxt = next((u.start for u in times if u.start >= t.end), len(text))
        rest = text[t.end:min(ce, nxt)]
        if any(t.end <= c.start < ce for c in cands):
            continue
        m = MILESTONE.search(rest)
        if m is None and t.role == "target":
            governed = next((u.start for u in times if u.start >= t.end and u.role not in ("base", "past")),
                            len(text))
            m = MILESTONE_DONE.search(text, t.end, governed)
            if m and (_SUPPORTS.search(text, max(t.end, m.start() - 8), m.start())
                      or _PARTIAL_SUBJECT.search(text, max(t.end, indicators.clause_start(text, m.start())), m.start())):
                m = None  # 到2025年，…支撑我市如期实现碳达峰: the year is the support's, not the peak's
        if m and not t.text.endswith(("前", "以前", "之前")) and not t.text.startswith(("到", "至")) \
                and not _COMMIT_WORD.search(rest[:m.start("w")]) \
                and not _COMMIT_BEFORE.search(text[max(0, t.start - 6):t.start]):
            m = None  # 开展2022年珠海市建筑领域碳达峰…讲座, “十四五”是碳达峰的关键期: no commitment
        if m and t.role in ("target", "point", "current") and quoted_abroad(text, t.start, t.end):
            note(ABROAD.id, milestone_name(m.group("w")), "drop")
            continue  # 欧盟承诺到2050年实现碳中和: another place's pledge
        if m and t.role in ("target", "point", "current"):
            done = (t.role == "point" and ctx.anchor_year is not None and t.year < ctx.anchor_year) \
                or "已" in rest[:m.start("w")]
            out.append(milestone(m.group("w"), t.year, done, text, t.start, t.end, ctx, MILESTONE_RULE.id, YEAR.id))
            continue
        m = _COMMIT.match(rest)
        if m and _under_way(t, text, ctx):
            note(STORY_PERIOD.id, (m.group("v") + m.group("o"))[:indicators.MAX_LEN], "drop")
            continue
        if m and t.role in ("target", "point"):
            obj = _QUOTES.split(m.group("o"))
            obj = "".join(obj).strip()
            if len(obj) < 3 or _NO_OBJECT.match(obj):
                continue
            if t.role == "point" and ctx.anchor_year is not None and t.year < ctx.anchor_year:
                continue
            if _AMOUNT.search(obj):
                note(VALUED.id, (m.group("v") + obj)[:indicators.MAX_LEN], "drop")
                continue  # 实现双边贸易额达到1000亿美元: a value in a unit not read, not a value-less commitment
            name = (m.group("v") + obj)[:indicators.MAX_LEN]
            if quoted_abroad(text, t.start, t.end):
                note(ABROAD.id, name, "drop")
                continue  # 德国计划2038年前全面完成退煤: another place's pledge
            out.append(_row("target", name, indicators.sector(name, text), t.year, text, t.start, t.end, ctx,
                            [COMMITMENT.id, YEAR.id]))
    # a piece of a list the deadline opened (到2030年，…；…，二氧化碳排放量达到峰值并实现稳中有降)
    if carry.time is not None and carry.time.role == "target" and carry.time.year is not None \
            and not out and not any(t.role not in ("base", "past") for t in times):
        m = MILESTONE_DONE.search(text)
        if m and not _SUPPORTS.search(text, max(0, m.start() - 8), m.start()) \
                and not _PARTIAL_SUBJECT.search(text, indicators.clause_start(text, m.start()), m.start()):
            out.append(milestone(m.group("w"), carry.time.year, False, text, m.start(), m.end(), ctx,
                                 MILESTONE_PIECE.id, carry.time_rule or "year.previous_piece"))
    return out
