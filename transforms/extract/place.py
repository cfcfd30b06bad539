"""Place: where a value holds. regions.place_of_value decides (the most specific place named in the
value's clause or before it, the common parent of a list, the nation when the sentence speaks for it,
全镇 for the last town named, 全省 in a city's article, else the article's place); the rule id says
which of these answers it gave."""
from __future__ import annotations

from transforms import indicators, regions
from transforms.extract.rules import declare

NAMED = declare("place.named", "a place named in the value's clause (or before it in the sentence)", "that place",
                [("江苏省新增光伏装机20万千瓦。", "20万千瓦", "320000")])
NATION = declare("place.nation", "the sentence speaks for the nation (全国, 我国) and names no place", "the nation",
                 [("全国新能源汽车保有量达到1000万辆。", "1000万辆", "100000")])
PARENT = declare("place.parent", "several places listed, or 全省/全市 in a lower place's article",
                 "their common parent, or the place 全省 names")
TOWN = declare("place.last_town", "全镇/本镇 after a town was named", "that town")
ARTICLE = declare("place.article", "no place in the sentence", "the article's place",
                  [("全市累计建成充电桩3000个。", "3000个", "320000")])
MILESTONE_SCOPE = "a milestone reads the whole sentence before it (对我国2030年前实现碳达峰，2060年前…)"


def place(text: str, start: int, ctx, whole_sentence: bool = False) -> tuple[str, str, str | None, str]:
    """(region code, level, place as written, rule id) of a value at ``start``."""
    cs = 0 if whole_sentence else indicators.clause_start(text, start)
    ce = indicators.clause_end(text, start)
    code, level, name = regions.place_of_value(text, start, cs, ce, ctx.places)
    pc = ctx.places
    if name is not None and name in text[:ce]:
        rid = NAMED.id
    elif code == regions.NATIONAL and pc.code != regions.NATIONAL:
        rid = NATION.id
    elif code == pc.code[:6]:
        rid = ARTICLE.id
    elif level == "town" and pc.last_town and name == pc.last_town[1]:
        rid = TOWN.id
    else:
        rid = PARENT.id
    return code, level, name, rid
