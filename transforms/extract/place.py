"""Place: where a value holds. regions.place_of_value decides (the most specific place named in the
value's clause or before it, the common parent of a list, the nation when the sentence speaks for it,
全镇 for the last town named, 全省 in a city's article, else the article's place); the rule id says
which of these answers it gave."""
from __future__ import annotations

from functools import lru_cache

import regex

from transforms import indicators, regions
from transforms.extract import candidates, rules
from transforms.extract.rules import declare

NAMED = declare("place.named", "a place named in the value's clause (or before it in the sentence)", "that place",
                [("江苏省新增光伏装机20万千瓦。", "20万千瓦", "320000"),
                 ("雄安新区森林覆盖率达到34.9%。", "34.9%", "130600"),  # no code of its own: 保定's
                 ("在吉林大安，光热电站每年可提供1.8亿度清洁电能。", "1.8亿度", "220882"),  # 大安 (an everyday word) after 吉林
                 ("在苏州，全市累计建成充电桩3000个。", "3000个", "320500"),  # 全市 is the city just named (the article: a province)
                 ("在内蒙古鄂尔多斯，全市新能源装机容量突破1000万千瓦。", "1000万千瓦", "150600", "2024-05-01"),
                 ("在青海海南州，光伏园区装机已超过1600万千瓦。", "1600万千瓦", "632500", "2024-05-10")])  # not 海南省
NATION = declare("place.nation", "the sentence speaks for the nation (全国, 我国) and names no place", "the nation",
                 [("全国新能源汽车保有量达到1000万辆。", "1000万辆", "100000")])
PARENT = declare("place.parent", "several places listed, or 全省/全市 in a lower place's article",
                 "their common parent, or the place 全省 names")
TOWN = declare("place.last_town", "全镇/本镇 after a town was named", "that town")
ARTICLE = declare("place.article", "no place in the sentence", "the article's place",
                  [("全市累计建成充电桩3000个。", "3000个", "320000"),
                    ("全市在龙羊湖南岸开展4000亩的生态修复。", "4000亩", "320000")])  # a lake's south bank, not 湖南
STORY_NATION = declare("place.story_nation", "a story's sentence that names no place but speaks for the country before "
                       "the value (今天的中国，…; 我国…, 全国…)", "the nation",
                       [("今天的中国，在国家层面创建绿色工厂5095家。", "5095家", "100000", "2024-03-02")])
PARAGRAPH = declare("place.paragraph", "a story's sentence that names no place, in a paragraph whose earlier sentence "
                    "named one (在四川达州，…。这个项目…), or spoke for the country (如今，我国…。新能源…)",
                    "the place (or the nation) the paragraph named last",
                    [("在四川达州，固军水库正在建设。这个清洁能源项目建成后，年发电量预计达16.37亿千瓦时。",
                      "16.37亿千瓦时", "511700", "2025-03-13"),
                     ("如今，我国可再生能源装机达15.16亿千瓦。新能源发电技术为全球贡献了60%的风电装备。", "60%", "100000",
                      "2024-03-02")])
STORY_NOT_LOCAL = declare("place.story_not_local", "a story whose title and lead name no place and whose text names "
                          "the nation (我国, 全国, 中国) more often than its place (read from places named in passing), "
                          "a sentence that names none", "the nation",
                          [("我国推动绿色发展。在西藏那曲，牧民实现零碳供暖。\n如今，清洁能源装机突破1300万千瓦。",
                            "1300万千瓦", "100000", "2024-03-02", "谱写中国式现代化绿色发展新篇章")])
ABROAD = declare("place.abroad", "a story's sentence that names no Chinese place but a foreign country (老挝, 阿根廷) "
                 "before the end of the value's clause", "the nation (a place abroad has no GB/T 2260 code): not the place "
                 "the paragraph named before", [("中老铁路从昆明出发。这条能让老挝总收入提升21%的铁路还是中国造。", "21%", "100000",
                                                  "2022-08-21")])
COUNTRIES_ABROAD = regex.compile(
    r"老挝|柬埔寨|越南|泰国|缅甸|印度尼西亚|印尼|马来西亚|新加坡|菲律宾|文莱|孟加拉国|斯里兰卡|尼泊尔|巴基斯坦|哈萨克斯坦|"
    r"乌兹别克斯坦|吉尔吉斯斯坦|塔吉克斯坦|土库曼斯坦|蒙古国|俄罗斯|白俄罗斯|乌克兰|波兰|匈牙利|塞尔维亚|希腊|意大利|西班牙|"
    r"葡萄牙|法国|德国|英国|荷兰|比利时|瑞士|瑞典|挪威|芬兰|丹麦|奥地利|土耳其|伊朗|伊拉克|沙特|阿联酋|卡塔尔|以色列|埃及|"
    r"埃塞俄比亚|肯尼亚|坦桑尼亚|乌干达|卢旺达|莫桑比克|安哥拉|赞比亚|南非|尼日利亚|加纳|阿尔及利亚|摩洛哥|美国|加拿大|墨西哥|"
    r"巴西|阿根廷|智利|秘鲁|哥伦比亚|委内瑞拉|澳大利亚|新西兰|日本|韩国|朝鲜|印度(?!洋)")
# the country as the subject in a story: 我国, 今天的中国, 全国 (not 中国企业, 全国首个, 全国人大)
STORY_NATION_WORDS = regex.compile(
    r"我国|国家层面|(?:^|(?<=[，,。；;：:“”的]))中国(?!共产党|特色|式|人民|梦|企业|公司|制造|品牌|方案|经验|智慧|故事|声音|的|代表|政府|气象)"
    r"|(?:^|(?<=[，,。；;：:“”]))全国(?!人大|政协|两会|各族|文明|劳模|劳动模范|先进|优秀|重点|示范|首个|首批|第一|统一|范围|一盘棋|碳市场)")
_LOCAL_WORDS = regex.compile(r"我市|全市|本市|我省|全省|本省|我区|全区|本区|全县|我县|本县|全镇|本镇|全州|全旗|当地|这里|该(?:市|省|县|区)")
HERE = declare("place.paragraph_here", "a story's sentence that names no place but points back to one (这里, 当地, 该市, 该县) "
               "before the end of the value's clause, in a paragraph whose earlier sentence named a place",
               "the place the paragraph named last (这里, 当地 are that place, not the article's)",
               [("在甘肃酒泉，一座座风机迎风转动。这里的新能源装机已经突破2000万千瓦。", "2000万千瓦", "620900", "2024-05-10"),
                ("在内蒙古鄂尔多斯，绿氢项目加快建设。当地今年将新增新能源装机500万千瓦。", "500万千瓦", "150600", "2024-05-10"),
                ("在宁夏中卫，沙漠里建起了光伏电站。这里日照时间长。这里的光伏装机已达到500万千瓦。", "500万千瓦", "640500",
                 "2024-05-20")])  # 日照时间: sunshine, not the city 日照
_HERE_WORDS = regex.compile(r"这里|当地(?!时间)|该(?:省|市|州|县|区|旗)(?![委政级])")
FRAME = declare("place.superlative_frame", "the place named in the value's clause frames a superlative (西藏首个, 全省最大) "
                "and a place inside it was named earlier in the sentence (那曲市安多县，…西藏首个…光热电站)",
                "the place inside: the superlative ranks the project in the larger place, it does not move it there",
                [("在那曲市安多县，西藏首个塔式光热项目——土硕100兆瓦光热电站进入冲刺阶段。", "100兆瓦", "540624", "2026-05-24")])
_SUPERLATIVE = regex.compile(r"\s*(?:的)?(?:首个|首座|首台|首批|首条|第一个|第一座|最大|最高|最长|唯一|规模最大)")


def _inside_earlier(text: str, name: str, code: str, cs: int, pc) -> str | None:
    """The code of a place inside ``code`` named before the clause, when ``name`` frames a superlative in it."""
    at = text.find(name, cs)
    if at < 0 or not _SUPERLATIVE.match(text, at + len(name)):
        return None
    inside = None
    for m in regions.mentions(text):
        if m.end <= cs:
            under = [c for c in m.candidates if c != code and code in regions.ancestors(c)]
            if len(under) == 1:
                inside = under[0]  # 那曲市安多县: the last (most specific) place named inside 西藏
    return inside


RESPECTIVELY = declare("place.respectively", "a list of places before 分别 and a list of as many values after it, in one "
                       "clause (青海、甘肃的新能源装机占比分别达到60%和50%)", "each value the place at its position in the list",
                       [("青海、甘肃的新能源装机占比分别达到60%和50%。", "50%", "620000", "2024-05-10"),
                        ("江苏、浙江、广东新增光伏装机分别为300万千瓦、200万千瓦和250万千瓦。", "200万千瓦", "330000")])
_LIST_GAP = regex.compile(r"\s*(?:、|和|与|及|以及)\s*")
_CLAUSE_BREAK = regex.compile(f"[{indicators.CLAUSE_BREAK}]")


@lru_cache(maxsize=64)
def _values(text: str) -> tuple:
    """The candidate values of a sentence, found again without noting them in a trace."""
    with rules.tracing():
        return tuple(candidates.find(text))


def _respectively(text: str, start: int, pc) -> tuple[str, str, str | None] | None:
    """(code, level, name) of the place paired with the value at ``start`` by 分别, else None."""
    f = text.rfind("分别", 0, start)
    if f < 0:
        return None
    run = []  # the values after 分别, one list
    for c in _values(text):
        if c.start < f + 2:
            continue
        if not run:
            if _CLAUSE_BREAK.search(text, f + 2, c.start):
                return None
        elif not _LIST_GAP.fullmatch(text, run[-1].end, c.start):
            break
        run.append(c)
    starts = [c.start for c in run]
    if len(run) < 2 or start not in starts:
        return None
    places = []  # the list of places before 分别, read backwards from it
    for m in reversed([m for m in regions.mentions(text) if m.end <= f]):
        code = regions.usable(m, pc)
        if code is None:
            continue
        if not places:
            if _CLAUSE_BREAK.search(text, m.end, f):
                return None
        elif not _LIST_GAP.fullmatch(text, m.end, places[0][0].start):
            break
        places.insert(0, (m, code))
    if len(places) != len(run):
        return None
    m, code = places[starts.index(start)]
    return regions.county_code(code), regions.level_of(code), m.surface


MILESTONE_SCOPE = "a milestone reads the whole sentence before it (对我国2030年前实现碳达峰，2060年前…)"


def place(text: str, start: int, ctx, whole_sentence: bool = False) -> tuple[str, str, str | None, str]:
    """(region code, level, place as written, rule id) of a value at ``start``."""
    cs = 0 if whole_sentence else indicators.clause_start(text, start)
    ce = indicators.clause_end(text, start)
    if "分别" in text:
        paired = _respectively(text, start, ctx.places)
        if paired is not None:
            return (*paired, RESPECTIVELY.id)
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
    if rid == NAMED.id and getattr(ctx, "is_story", False):
        inside = _inside_earlier(text, name, code, cs, pc)
        if inside is not None:
            r = regions.get(inside)
            return inside, regions.level_of(inside), r.name if r else None, FRAME.id
    if rid == ARTICLE.id and getattr(ctx, "is_story", False) and _HERE_WORDS.search(text, 0, ce) \
            and not any(m.start < ce and regions.usable(m, pc) for m in regions.mentions(text)):
        scope = ctx.paragraph_scope
        if scope is not None and scope[0] != regions.NATIONAL:
            return scope[0], scope[1], scope[2], HERE.id  # 在甘肃酒泉，…。这里的新能源装机…: 酒泉
    if rid == ARTICLE.id and getattr(ctx, "is_story", False) and not _LOCAL_WORDS.search(text) \
            and not any(m.start < ce and regions.usable(m, pc) for m in regions.mentions(text)):
        if STORY_NATION_WORDS.search(text, 0, start):
            return regions.NATIONAL, "national", None, STORY_NATION.id
        if COUNTRIES_ABROAD.search(text, 0, ce):
            return regions.NATIONAL, "national", None, ABROAD.id
        if ctx.paragraph_scope is not None:
            code, level, name = ctx.paragraph_scope
            return code, level, name, PARAGRAPH.id
        if getattr(ctx, "place_from_body", False):
            return regions.NATIONAL, "national", None, STORY_NOT_LOCAL.id
    return code, level, name, rid


def scope_named(text: str, ctx) -> tuple[str, str, str | None] | None:
    """The place a story's sentence names (the most specific, or the common parent of a list), the nation when
    it speaks for the country, else None: what the next sentences of its paragraph inherit."""
    code, level, name = regions.place_of_value(text, len(text), 0, len(text), ctx.places)
    if name is not None and name in text:
        return code, level, name
    if STORY_NATION_WORDS.search(text):
        return regions.NATIONAL, "national", None
    return None
