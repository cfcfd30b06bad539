"""Filters: candidates that are no measure (ordinals, codes, quoted names, thresholds that only pick a
subject, product specifications, application rules...). An ordered list of rules; each returns True
(drop the candidate), False (keep it, no later filter asked) or None (no opinion)."""
from __future__ import annotations

from typing import Callable

import ahocorasick_rs
import regex

from transforms import indicators, regions
from transforms.extract.candidates import Candidate
from transforms.extract.place import COUNTRIES_ABROAD
from transforms.extract.rules import Rule, note, rule

FILTERS: list[Rule] = []

_c = regex.compile


def _clause_start(text: str, pos: int) -> int:
    return indicators.clause_start(text, pos)


def _in_sentence(pattern: regex.Pattern | ahocorasick_rs.AhoCorasick) -> Callable[[str], bool]:
    """Whether ``pattern`` (or one of the automaton's words) occurs in the sentence, searched once for the
    sentence all its values ask about (the last text asked): a filter whose patterns need one of its words in
    the sentence is over at once without them."""
    search = pattern.find_matches_as_indexes if isinstance(pattern, ahocorasick_rs.AhoCorasick) else pattern.search
    last: list[tuple[str | None, bool]] = [(None, False)]  # (text, answer), replaced whole

    def holds(text: str) -> bool:
        asked, answer = last[0]
        if asked is not text:
            answer = bool(search(text))
            last[0] = (text, answer)
        return answer
    return holds


def in_quotes(text: str, start: int, end: int) -> bool:
    """Inside a short quoted name (“双60”, “六个百分之百”) or a title in 《》."""
    for o, c, limit in (("“", "”", 12), ('"', '"', 12), ("《", "》", 80)):
        i = text.rfind(o, 0, start)
        if i < 0:
            continue
        j = text.find(c, end)
        if j < 0:
            continue
        if text.find(c, i + 1, start) >= 0:
            continue
        if j - i <= limit:
            return True
    return False


_RHETORIC = _c(r"(?:付出|拿出|投入|以|用|尽|倾注)\s*$")
_PENALTY = _c(r"罚款|罚金|处罚|没收")
_DAY_CUE = _c(r"达到|达|不少于|不低于|保持|储备|天数|提前|缩短|压缩|压减|控制在|以上|提高到|增加到|延长")
_HOUR_CUE = _c(r"达到|不少于|不低于|缩短|压缩|压减|控制在|以内|提高到|延长|时长")
_AFTER_SKIP = _c(r"^\s*(?:及以上|及以下|及其以上|级|至\s*\d|(?:以内|以外)?范围|月|个月|工作日|季度|星期|周年|周|年度|批次|小时|分钟|"
                 r"倍以上的|种|类|方面)")
_QUOTA = _c(r"(?:限报|限额推荐|最多推荐|推荐|限推)(?:不超过|不多于)?\s*$|(?:拟|计划)?(?:支持|资助|立项)(?:不超过|不多于)\s*$")
_LOGISTICS = _c(r"报名|参会|出席|与会|参加会议|参训|观看|听众|组成")
_AFTER_QUALIFIER = _c(r"^\s*(?:以上|以下)的")
AFTER_SUBJECT = _c(r"^\s*(?:及?以上|及?以下)?(?:的[\u4e00-\u9fff]{0,6}?)?(?:工业)?(?:企业|单位|用户|用能单位|项目|园区|城市|"
                   r"地区|行业|锅炉|机组|车辆|区域|乡镇|村庄)")
_LEVEL_VERB_NEAR = _c(r"(?:达到|达|提高到|提升至|提升到|不低于|保持在|稳定在|控制在|增加到|增至|降至|降到)\s*$")
_COUNT_STOP = _c(r"^(?:措施|举措|行动(?!计划|方案)|倡议|建议|主张|原则|承诺|解决办法|解决措施|解决方案|意见建议|问题清单|单位|办公室|部门|阶段|方面|环节|工作日|课题|专题|工作专班|专班|调研题目|志愿者|建设者|施工人员|人次以上|批次|领导|成员|同志|代表|专家|学员|记者|"
                 r"委员|方向|领域|板块|层次|维度|环境|部分|类别|类|种|层|数量级|指标)|"
                 r"(?:工作组|小组|专班|办公室|推进部|指挥部|保障组|处室|科室|专项组)$")
_COUNT_STOP_AHEAD = _c(r"\s*(?:工作专班|专班|工作组|专题|调研题目|志愿者|建设者|施工人员)")  # where right_text stops short
_LEADING_ZERO = _c(r"0\d")
_BRACKET_BOUND_AFTER = _c(r"\s*(?:及)?(?:以上|以下)\s*[）)]")
_OPEN_BRACKET = _c(r"[（(][^）)]*$")
_BRACKET_DEFINITION = _c(r"[（(][^（()）]{0,20}(?:大于|小于|高于|低于|超过|不低于|不高于|不超过|不少于)\s*$")
_BRACKET_CLOSE_AFTER = _c(r"\s*(?:及?以上|及?以下)?\s*[）)]")
_EACH_OF = _c(r"\d\s*[个家座处项条]\s*$")
_COMPOUND_UNIT = _c(r"[A-Za-z]*\s*[/·]")
_ENDS_LATIN = _c(r"[A-Za-z]$")
_STARTS_LATIN = _c(r"[A-Za-z]")
_SPEC_SIGN = _c(r"[≥≤＞＜><]\s*$")
_CONDITION = _c(r"^[^，,。；;]{0,6}的(?:前提|情况|条件)下")
_CONDITION_CLAUSE = _c(r"^\s*(?:以上|以下)?的\s*[，,]")
_PROGRAMME_BRACKET = _c(r"[”\"]\s*[（(][^）)]*$")
_PLACE_COUNT = _c(r"^(?:个)?(?:县|市|区|乡镇|村)")
_LIST_TOTAL = _c(r"共\s*$|等\s*$")
_NOT_REACHED = _c(r"(?:未|没有|尚未)(?:达到|达)\s*$")
_RADIUS = _c(r"^[^，,；;。\d]{0,6}?(?:范围内|以内|之内)")
_BRACKET_AHEAD = _c(r"^\s*[（(][^（()）]{0,30}[）)]")
_THRESHOLD_AFTER = _c(r"^\s*(?:及)?(?:以上|以下)的")
_CLOSE_THRESHOLD = _c(r"^\s*[）)]\s*(?:及)?(?:以上|以下)的")
_OPEN_BRACKET_ANY = _c(r"[（(][^（()）]*$")
_TEST_CONDITION = _c(r"^[A-Za-z]{2,}")
_PER_ITEM_CAP = _c(r"(?:单项|每项|单个|每个|每家|每户|每个项目|单个项目)[^，,；;。\d]{0,10}(?:最高|最多|不超过|上限)[^，,；;。\d]{0,4}$")
_WITHIN = _c(r"^\s*(?:以内|之内|内|范围)")
_DAY_SPAN = _c(r"\s*(?:左右)?(?:时间|内|之内|后|前|以后)")
_APPLICATION = _c(r"推荐|申报|限报")
_AT_MOST = _c(r"不超过\s*$|不多于\s*$")
_EVERY = _c(r"每[\u4e00-\u9fff]{0,2}\s*$")
_THEN_THERE_IS = _c(r"^[^，,；;。]{0,8}?(?:中|里)?[，,]?\s*(?:就|便)有")
_EVERY_THEN = _c(r"每[^，,；;。]{0,10}(?:就|便)有\s*$")
_PRODUCT_COMPARISON = _c(r"比[^，,；;。\d]{0,4}(?:传统|主流|普通|常规|同类|一般|国内外|国际|现有|燃油)[^，,；;。\d]{0,14}$")
_AWAY = _c(r"^\s*(?:以外|之外|外)")


# what a filter can speak for, when it asks the candidate's unit, count, classifier or rule before anything else: a
# test of those four only (skip calls the filter only for the candidates it holds for)
_ONLY: dict[str, Callable[[Candidate], bool]] = {}


_PERCENT = lambda c: c.unit == "%"  # noqa: E731
_COUNT = lambda c: c.count  # noqa: E731
_PEOPLE = lambda c: c.unit == "people"  # noqa: E731
_COUNT_OR_PEOPLE = lambda c: c.count or c.unit == "people"  # noqa: E731
_MONEY = lambda c: c.unit == "CNY"  # noqa: E731
_KM = lambda c: c.unit == "km"  # noqa: E731


def _r(id, tests, examples=(), only: Callable[[Candidate], bool] | None = None):
    if only is not None:
        _ONLY[id] = only
    return rule(FILTERS, id, tests, "drop the candidate", examples)


@_r("filter.ordinal", "第 just before a value that is no rank", [("这是第5批试点。", "5批", "drop")], only=lambda c: c.unit != "rank")
def _ordinal(c, text, before, after):
    return True if before.endswith("第") and c.unit != "rank" else None


@_r("filter.leading_zero", "a number with a leading zero", [("01人才队伍建设项目。", "01人", "drop")])
def _leading_zero(c, text, before, after):
    return True if c.raw[:1] == "0" and _LEADING_ZERO.match(c.raw) else None


@_r("filter.quoted_name", "inside a short quoted name or a 《title》",
    [("严格执行“三个100%”要求。", "100%", "drop")])
def _quoted(c, text, before, after):
    return True if in_quotes(text, c.start, c.end) else None


@_r("filter.bracket_threshold", "以上/以下 closing a bracket: a threshold that says who is covered",
    [("大中型危险废物产生企业（5000吨/年以上）。", "5000吨/年", "drop")])
def _bracket_threshold(c, text, before, after):
    return True if _BRACKET_BOUND_AFTER.match(after) and _OPEN_BRACKET.search(before) else None


@_r("filter.bracket_definition", "a bound in brackets that defines a term (甲烷含量大于30%)",
    [("抽采利用高浓度瓦斯（甲烷含量大于30%）。", "30%", "drop")])
def _bracket_definition(c, text, before, after):
    if "(" not in before and "（" not in before:
        return None  # (every match of _BRACKET_DEFINITION opens a bracket)
    return True if _BRACKET_DEFINITION.search(before) and _BRACKET_CLOSE_AFTER.match(after) else None


@_r("filter.size_of_each", "a count just before: the size of each of several",
    [("实施5个1万亩以上高标准农田工程。", "1万亩", "drop")])
def _size_of_each(c, text, before, after):
    return True if before[-1:] in "个家座处项条" and _EACH_OF.search(before) else None


@_r("filter.geren", "个 followed by 人: 个人 is a word", [("配备5个人移动执法设备。", "5个", "drop")])
def _geren(c, text, before, after):
    return True if c.raw.endswith("个") and after.startswith("人") else None


@_r("filter.slogan_percent", "a percentage counted by 个 (六个百分之百)", [("严格落实六个百分之百。", "百分之百", "drop")], only=_PERCENT)
def _slogan(c, text, before, after):
    return True if c.unit == "%" and before.endswith("个") else None


@_r("filter.rhetoric", "付出/拿出 100%的…: rhetoric", [("为压降PM2.5付出100%的搏击。", "100%", "drop")], only=_PERCENT)
def _rhetoric(c, text, before, after):
    return True if c.unit == "%" and after.lstrip().startswith("的") and _RHETORIC.search(before[-4:]) else None


@_r("filter.unit_word_after", "a word after the unit that makes it no measure (级, 个月, 批次, 种, 方面 ...)",
    [("开展3个月专项行动。", "3个", "drop")])
def _after_skip(c, text, before, after):
    return True if _AFTER_SKIP.match(after) and not (c.unit == "%" and after.lstrip().startswith("以上")) else None


@_r("filter.compound_unit", "a compound unit the unit table does not know (元/W, 吨/月)",
    [("组件价格降至0.7元/W。", "0.7元", "drop")])
def _compound(c, text, before, after):
    if ("/" in after or "·" in after) and _COMPOUND_UNIT.match(after):
        return True
    return True if _ENDS_LATIN.search(c.raw) and _STARTS_LATIN.match(after) else None


@_r("filter.specification", "≥ ≤ > < just before: a product or test specification",
    [("电池转换效率≥28%。", "28%", "drop")])
def _spec(c, text, before, after):
    return True if before[-1:] in "≥≤＞＜><" and _SPEC_SIGN.search(before) else None


@_r("filter.condition", "的前提下 / …以上的， after the value: a condition",
    [("在确保100%回灌的前提下开展试点。", "100%", "drop")])
def _condition(c, text, before, after):
    if "的" not in after:
        return None  # (both patterns need 的 after the value)
    return True if _CONDITION.match(after) or _CONDITION_CLAUSE.match(after) else None


@_r("filter.programme_bracket", "inside the bracket after a quoted programme name",
    [("建设“1+7+N”（1个市级应急中心、7个区域分中心）。", "1个", "drop")])
def _programme(c, text, before, after):
    if ("”" not in before and '"' not in before) or ("(" not in before and "（" not in before):
        return None
    return True if _PROGRAMME_BRACKET.search(before) else None


@_r("filter.list_size", "共N个县 after a list of at least three: the size of the list just given",
    [("包括甲县、乙县、丙县等9个县。", "9个", "drop")], only=_COUNT)
def _list_size(c, text, before, after):
    return True if c.count and before.count("、") >= 2 and _LIST_TOTAL.search(before) \
        and _PLACE_COUNT.match(indicators.right_text(text, c.end)) else None


@_r("filter.not_reached", "未达到 before: a condition", [("覆盖率未达到100%但有改善的市县。", "100%", "drop")])
def _not_reached(c, text, before, after):
    return True if before[-1:] in "达到" and _NOT_REACHED.search(before) else None


@_r("filter.run_together_cells", "an area or volume followed by a digit: table cells run together",
    [("面积22600m28。", "22600m2", "drop")], only=lambda c: c.unit in ("m2", "m3", "ha"))
def _run_together(c, text, before, after):
    return True if c.unit in ("m2", "m3", "ha") and after[:1].isdigit() else None


@_r("filter.radius", "a distance before 范围内/以内: it bounds something else",
    [("电厂15公里供热半径范围内。", "15公里", "drop")], only=_KM)
def _radius(c, text, before, after):
    return True if c.unit == "km" and _RADIUS.match(after) else None


@_r("filter.bracketed_threshold_subject", "a bracket then 以上的 or a subject noun: who a rule covers",
    [("排放量达2.6万吨二氧化碳当量（综合能源消费量约1万吨标准煤）及以上的企业。", "2.6万吨二氧化碳当量", "drop")])
def _bracketed_subject(c, text, before, after):
    if "(" not in after and "（" not in after:
        return None  # (no bracket for _BRACKET_AHEAD to take away)
    unbracketed = _BRACKET_AHEAD.sub("", after, count=1)
    if unbracketed != after and (_THRESHOLD_AFTER.match(unbracketed)
                                 or (not c.count and AFTER_SUBJECT.match(unbracketed))):
        return True
    return None


@_r("filter.bracket_restates_threshold", "）及以上的 after a value in brackets",
    [("排放量达2.6万吨二氧化碳当量（综合能源消费量约1万吨标准煤）及以上的企业。", "1万吨标准煤", "drop")])
def _bracket_restates(c, text, before, after):
    return True if _CLOSE_THRESHOLD.match(after) and _OPEN_BRACKET_ANY.search(before) else None


@_r("filter.test_condition", "a percentage followed by Latin letters (93%DOD)", [("循环寿命（93%DOD）。", "93%", "drop")], only=_PERCENT)
def _test_condition(c, text, before, after):
    return True if c.unit == "%" and _TEST_CONDITION.match(after) else None


@_r("filter.product_comparison", "a value compared with conventional products (比国内外主流产品低30%, 比传统燃油装载机节省"
    "三分之一): a product's specification", [("它的风阻系数比国内外主流产品低30%左右。", "30%", "drop")])
def _product_comparison(c, text, before, after):
    return True if "比" in before and _PRODUCT_COMPARISON.search(text, _clause_start(text, c.start), c.start) else None


# what one product, vehicle or device can do (续航超过500公里, 瞬间刹车可产生50吨的牵引力): its specification
_SPEC_NOUN = (r"续航(?:里程)?|续驶里程|牵引力|拉力|推力|扭矩|最高时速|时速|最高速度|载重量?|载客量|能量密度|功率密度|"
              r"刹车|制动力|起重量|吊重|单机容量|单机功率|扫风面积|可装载|装载量|百公里(?:电耗|油耗|能耗)|桥隧比")
_SPEC_BEFORE = _c(rf"(?:{_SPEC_NOUN})[^，,；;。\d]{{0,6}}$")
_SPEC_AFTER = _c(rf"^\s*(?:以上|左右)?的?(?:{_SPEC_NOUN})")


@_r("filter.product_spec", "a specification word of a product, vehicle or device (续航, 牵引力, 时速, 载重, 能量密度; the level of "
    "a 转换效率, of a machine's 功率, of a weight 重达) just "
    "before the value in its clause or just after it: what one product can do, not a policy measure",
    [("可以实现充电五分钟，续航超过500公里。", "500公里", "drop"),
     ("这台风机单机容量达到18兆瓦，叶轮扫风面积约5万平方米。", "18兆瓦", "drop"),
     ("这款车型的百公里电耗仅为12千瓦时。", "12千瓦时", "drop"),
     ("刹车卡钳是控制风机旋转的重要设备，瞬间刹车可产生50吨的牵引力。", "50吨", "drop"),
     ("新一代钙钛矿电池的光电转换效率达到33.9%，创造了新的世界纪录。", "33.9%", "drop"),
     ("每块光伏板的功率达到700瓦，转换效率超过22%。", "22%", "drop"),
     ("首台国产化燃气轮机功率达到50兆瓦。", "50兆瓦", "drop"), ("这座海上风电平台重达2万吨。", "2万吨", "drop")])
def _product_spec(c, text, before, after):
    if not _may_spec(text):
        return None
    cs = _clause_start(text, c.start)
    if _SPEC_BEFORE.search(text, cs, c.start) or _SPEC_AFTER.match(after):
        return True
    if _SPEC_LEVEL.search(text, cs, c.start):
        return True  # 光电转换效率达到33.9%, 这座海上风电平台重达2万吨: what one cell or structure is (not a change of it)
    return None


# a level (not a change) of a device's efficiency or of one structure's weight
# every match of _SPEC_BEFORE, _SPEC_AFTER or _SPEC_LEVEL holds one of these
_MAY_SPEC = _c(rf"{_SPEC_NOUN}|转换效率|功率|重达|重约|自重|重量")
_may_spec = _in_sentence(_MAY_SPEC)
_SPEC_LEVEL = _c(r"(?:(?:光电)?转换效率|(?:组件|电池|芯片|机组|风机|燃气轮机|逆变器)(?:的)?(?:单机|额定)?功率)\s*(?:已经?)?"
                 r"(?:高?达到?|超过|突破|为|刷新至|提升至|提高到)\s*(?:了)?\s*$|(?<![比权])(?:重达|重约|自重|重量(?:达到?|为|约|超过))\s*$")


_ONE_PRODUCT_WORD = _c(r"这款|该款|此款|这台|该台|这套|该套|这块|这辆|这艘|这列|这根|这颗|这件|这只")
_names_one_product = _in_sentence(_ONE_PRODUCT_WORD)
_ONE_PRODUCT = _c(rf"(?:{_ONE_PRODUCT_WORD.pattern})[^，,；;。\d]{{0,16}}$")


@_r("filter.one_product_spec", "a share, length, mass or price in a clause about one product or device (这款电池的光电转换效率"
    "高达26.8%, 这款新能源汽车的售价在20万元左右, 这台设备的国产化率达到100%): the product's specification, as 续航 and 牵引力 "
    "(news gold: product specs are not measures); a plant's output (这台机组每年可发电…) is not touched",
    [("这款光伏组件的良品率高达99.5%，刷新了行业纪录。", "99.5%", "drop"), ("这款新能源汽车的售价在20万元左右。", "20万元", "drop"),
     ("这个钢结构重达2000吨，这台设备的国产化率达到100%。", "100%", "drop")], only=lambda c: c.unit in ("%", "km", "t", "CNY", "ratio"))
def _one_product(c, text, before, after):
    if c.unit in ("%", "km", "t", "CNY", "ratio") and _names_one_product(text) \
            and _ONE_PRODUCT.search(text, _clause_start(text, c.start), c.start):
        return True
    return None


_PRICE_NOUN = r"价格|售价|单价|均价|报价|电价|油价|气价|水价|碳价|房价|票价|(?:收盘|开盘|成交|收购|结算|出厂|零售|批发|交易)价"
_PRICE_WORD = _c(rf"(?:{_PRICE_NOUN})"
                 r"(?:[^，,；;。\d总额]{0,6}?)(?:每[\u4e00-\u9fffA-Za-z]{1,3})?\s*(?:为|在|约|是|达到?|降至|降到|跌至|涨至|仅为?|只有|低至|高达|"
                 r"超过|不到|保持在|稳定在)?\s*(?:约|近|超过?)?\s*$")


@_r("filter.unit_price", "an amount of money after a price word in its clause (价格, 售价, 电价, 碳价, 收盘价…, also with 每 "
    "and a unit: 收盘价为每吨58元): the price of one unit of something, not a measure of a place (a change of a price in %, "
    "居民消费价格上涨2.1%, 电价再降低10%, and a rate with no price word, 按每吨3750元确定基础统筹金额, are not touched)",
    [("全国碳市场碳排放配额收盘价为每吨58元。", "58元", "drop"), ("居民用电价格为每千瓦时0.56元。", "0.56元", "drop"),
     ("当天，碳价收于每吨80元左右。", "80元", "drop"), ("这批光伏组件的中标均价仅为0.9元。", "0.9元", "drop"),
     ("全国碳市场碳价从开市时的每吨48元涨到了每吨60元左右。", "60元", "drop")], only=_MONEY)
def _unit_price(c, text, before, after):
    if c.unit != "CNY":
        return None
    cs = _clause_start(text, c.start)
    if _PRICE_WORD.search(text, cs, c.start):
        return True
    if _PER_UNIT.search(text, cs, c.start) and _PRICE_NAMED.search(text, cs, c.start):
        return True  # 碳价从开市时的每吨48元涨到了每吨60元左右: each value a price per unit
    return None


_PER_UNIT = _c(r"每(?:吨|瓦|千瓦时|度电?|公斤|千克|斤|升|立方米|平方米|克|兆瓦时|张|个|辆|台)\s*(?:约|近|仅|只需|为|在|达)?\s*$")
_PRICE_NAMED = _c(_PRICE_NOUN)


_PER_USER_WORD = _c(r"(?:为|帮|让|给)(?:每[位个户辆台家]|单个|用户|车主|消费者|客户|居民家庭)")
_names_per_user = _in_sentence(_PER_USER_WORD)
_PER_USER = _c(rf"{_PER_USER_WORD.pattern}[^，,；;。\d]{{0,8}}$")


@_r("filter.per_user_benefit", "what one user, vehicle or household saves or gains (可为用户节约5万元燃油支出): a product's "
    "benefit, not a policy measure", [("可为用户节约5万—6万元人民币的燃油支出。", "5万—6万元人民币", "drop")])
def _per_user(c, text, before, after):
    if not _names_per_user(text):
        return None
    return True if _PER_USER.search(text, _clause_start(text, c.start), c.start) else None


_RECORD_AFTER = _c(r"^\s*(?:多|余)?(?:项|个)?\s*(?:世界|全球|全国|国内|国际|行业)(?:第一|之最|纪录|首创|领先)")


@_r("filter.record_count", "a count of records or firsts (拥有12项世界第一): a boast, not a measure",
    [("拥有12项世界第一的张北柔性直流电网迎来压力测试。", "12项", "drop")], only=_COUNT)
def _record_count(c, text, before, after):
    return True if c.count and _RECORD_AFTER.match(after) else None


_CHANGE_BY = _c(r"(?:增加|增长|提高|提升|上升|下降|减少|降低|缩短|压减)了?$")


@_r("filter.fraction_share", "a share written as a fraction (约四分之一来自中国, 占三分之一), not a change by it (增加三分之二): "
    "MEASURES.md gives shares in % (%, 百分之X) and reads no fraction", [("本世纪以来，全球新增绿化面积约四分之一来自中国。", "四分之一", "drop")], only=lambda c: c.rule == "candidate.fraction")
def _fraction_share(c, text, before, after):
    return True if c.rule == "candidate.fraction" and not _CHANGE_BY.search(before[-4:]) else None


_RESPONDENTS = _c(r"受访|被调查|受调查|被访|调查对象|参与调查|接受调查|网友|网民")
_names_respondents = _in_sentence(_RESPONDENTS)


@_r("filter.survey_share", "a share of the people asked (受访者, 被调查者, 网友) in its clause or the one before: "
    "what a survey found, no indicator of a place (MEASURES.md: a policy indicator for some place); so is the share of "
    "the people (消费者, 居民, 家庭) in a sentence that tells a survey's result (调查显示, 问卷)",
    [("调查显示，超过80%的受访者表示愿意购买新能源汽车。", "80%", "drop"),
     ("在被调查的企业中，六成以上已制定减碳计划。", "六成", "drop"),
     ("一项调查显示，72%的消费者愿意为绿色产品支付更高价格。", "72%", "drop"),
     ("问卷调查结果显示，超过八成的居民对垃圾分类表示满意。", "八成", "drop")], only=_PERCENT)
def _survey_share(c, text, before, after):
    if c.unit != "%":
        return None
    if _tells_survey(text) and _PEOPLE_SHARE.match(text, c.end):
        return True  # 一项调查显示，72%的消费者愿意…: the share of the people a survey asked
    if not _names_respondents(text):
        return None
    cs = _clause_start(text, max(0, _clause_start(text, c.start) - 1))  # this clause and the one before it
    return True if _RESPONDENTS.search(text, cs, indicators.clause_end(text, c.end)) else None


_SURVEYED = _c(r"调查(?:显示|发现|结果|表明)|问卷|抽样调查|民意调查|民调")
_tells_survey = _in_sentence(_SURVEYED)
_PEOPLE_SHARE = _c(r"\s*(?:以上|左右|多)?的?\s*(?:受访者|消费者|居民|市民|家庭|用户|网友|公众|群众|青年|年轻人|车主|游客|乘客|员工|职工|"
                   r"学生|农户|村民|人)")


_ATTENDS = _c(r"\s*(?:以上|左右)?[^，,；;。\d]{0,10}?(?:参展|参会|参赛|与会|出席|报名参加|参加(?:了)?(?:本次|此次|本届)?"
              r"(?:会议|论坛|大会|博览会|展会|活动|峰会|交易会|洽谈会)|参加了?(?=[，,；;。]|$)|参与其中|展商)")
_EXHIBITION_AREA = _c(r"(?:展览|展出|展区|展馆|布展)面积[^，,；;。\d]{0,4}$")


@_r("filter.event_attendance", "a count whose noun then attends an event (1500多家企业参展, 30个国家的代表出席, 3000多家参展商, "
    "100多个国家和地区的企业参与其中), or an exhibition's floor area (展览面积达10万平方米): "
    "meeting logistics (MEASURES.md: not measures)",
    [("本届博览会吸引了1500多家企业参展。", "1500多家", "drop"),
     ("来自40多个国家和地区的嘉宾出席论坛。", "40多个", "drop"),
     ("大会通过了一系列决议，共有190多个缔约方参加。", "190多个", "drop"),
     ("目前，已有100多个国家和地区的企业参与其中。", "100多个", "drop"),
     ("本次博览会展览面积达10万平方米，吸引了2000多家企业参展。", "10万平方米", "drop"),
     ("截至目前，已有来自20多个国家的200多家企业报名参展。", "20多个", "drop")], only=lambda c: c.unit == "m2" or c.count)
def _event_attendance(c, text, before, after):
    if c.unit == "m2" and _EXHIBITION_AREA.search(text, _clause_start(text, c.start), c.start):
        return True  # 展览面积达10万平方米: the size of the fair
    if c.count and _FROM_PLACES.search(before[-8:]) and _ATTEND_WORD.search(text, c.end, indicators.clause_end(text, c.end)):
        return True  # 已有来自20多个国家的200多家企业报名参展: where the attendants come from
    return True if c.count and _ATTENDS.match(text, c.end) else None


_FROM_PLACES = _c(r"来自(?:全球|世界|全国|海内外|国内外)?(?:各地)?(?:的)?\s*$")
_ATTEND_WORD = _c(r"参展|参会|参赛|与会|出席|参加|报名")


_ONE_LENGTH = _c(r"(?:全长|全线长|长约|长达|延伸|绵延|蜿蜒)\s*(?:约|近|超过|超|达到?|为)?\s*$")
_SITE_AREA = _c(r"(?<!减少|节约|节省|压减|少)占地(?:面积)?\s*(?:约|近|超过|超|达到?|为)?\s*$")


@_r("filter.one_object_size", "the length of one line, bridge or road (全长1600多公里, 长达3000公里) or the ground one site "
    "stands on (占地面积约3000亩): a site's specification, as 海拔, 叶片长度 (news gold: not measures)",
    [("这条特高压输电线路全长1600多公里，途经4个省区。", "1600多公里", "drop"),
     ("该光伏项目占地面积约3000亩。", "3000亩", "drop"),
     ("记者来到光伏基地，一排排光伏板延伸10多公里。", "10多公里", "drop")], only=lambda c: c.unit in ("km", "ha", "m2"))
def _one_object_size(c, text, before, after):
    if (c.unit == "km" and _ONE_LENGTH.search(before[-8:])) or (c.unit in ("ha", "m2") and _SITE_AREA.search(before[-10:])):
        return True
    return None


_LIKE_PLANTING = _c(r"相当于[^，,；;。\d]{0,8}$")
_PLANTING = _c(r"植树|种树|造林|种植|绿化")
_PICTURE_NOUN = _c(r"\s*(?:多|余)?(?:个|座|倍)?\s*(?:标准)?(?:足球场|西湖|天安门广场|故宫|三峡|鸟巢|水立方)")


@_r("filter.like_planting", "a value after 相当于 that pictures another one: trees planted (相当于植树造林5万亩) or a "
    "landmark (相当于7个足球场): an illustration, not a measure (as filter.illustration for counts)",
    [("项目每年可减少二氧化碳排放约100万吨，相当于植树造林5万亩。", "5万亩", "drop"),
     ("光伏板总面积达200万平方米，相当于280个标准足球场。", "280个", "drop")])
def _like_planting(c, text, before, after):
    if "相当于" not in before:
        return None
    m = _LIKE_PLANTING.search(text, _clause_start(text, c.start), c.start)
    return True if m is not None and (_PLANTING.search(m.group()) or _PICTURE_NOUN.match(text, c.end)) else None


_PER_ITEM = _c(r"每(?:转动|转)?一?(?:户|辆|台|块|亩|千瓦时|度电|瓦|升|圈|平方米|小时|立方米)(?!\d)(?:[^，,；;。\d]{0,12})$")


@_r("filter.per_item_value", "an amount, energy or mass per one item (每户每年可增收3000元, 每亩每年800元, 每转动一圈可发电34.2千瓦时, "
    "每千瓦时电的碳排放减少0.5千克): a rate of one unit, which MEASURES.md has no unit for, not a measure of a place",
    [("光伏电站的租金每亩每年800元。", "800元", "drop"), ("该机组每转动一圈可发电34.2千瓦时。", "34.2千瓦时", "drop")], only=lambda c: c.unit in ("CNY", "MWh", "t", "tCO2", "m3"))
def _per_item(c, text, before, after):
    if c.unit in ("CNY", "MWh", "t", "tCO2", "m3") and _PER_ITEM.search(text, _clause_start(text, c.start), c.start):
        return True
    return None


_SUPPLIES = _c(r"(?:满足|可供|供应|供)[^，,；;。\d]{0,6}$")
_HOUSEHOLD_USE = _c(r"[^，,；;。\d]{0,14}?(?:用电|用能|用水|用气|取暖|供暖)")


@_r("filter.households_supplied", "a count of households or people after 满足/可供 and before 用电/用水 (能满足3.6万户三口之家"
    "一年的生活用电): a picture of an energy amount, as 相当于 is", [("这台机组每年可输出清洁电能6600万千瓦时，能满足3.6万户三口之家一年的生活用电。",
                                                        "3.6万户", "drop")], only=_COUNT_OR_PEOPLE)
def _households(c, text, before, after):
    if (c.count or c.unit == "people") and _SUPPLIES.search(text, _clause_start(text, c.start), c.start) \
            and _HOUSEHOLD_USE.match(text, c.end):
        return True
    return None


_VISIT = _c(r"[^，,；;。\d]{0,10}?(?:考察|视察|调研|来到|到访|访问|出访|会见|会晤|通话|主持召开|召开|开会|会议|座谈|讲话|批示|指示|回信)")


@_r("filter.visits_and_meetings", "a number of times (N次) a leader visited, met or spoke (先后5次来到这里考察, 3次主持召开会议): "
    "an organisational count, not a measure (news gold: meeting logistics and organisational counts)",
    [("习近平总书记十分关心生态文明建设，先后5次来到这里考察。", "5次", "drop"),
     ("他先后3次主持召开专题会议。", "3次", "drop")], only=lambda c: c.classifier in ("次", "回"))
def _visits(c, text, before, after):
    return True if c.classifier in ("次", "回") and _VISIT.match(text, c.end) else None


_VISITED = _c(r"(?:走访|深入(?!调查|推进|开展|实施|研究|推动|贯彻|落实|学习|打好|挖掘|分析|排查|整治|治理)|实地调研|调研走访|考察了?|察看|暗访|拜访|慰问|看望)[^，,；;。]{0,16}$")
_MEETING_COUNT = _c(r"(?:召开|举办|举行|组织|开展)[^，,；;。\d]{0,12}(?:会|座谈|论坛|培训班?|讲座|活动|宣讲|研讨)[^，,；;。\d]{0,4}$")


@_r("filter.visited_and_held", "a count after a word of visiting (走访企业320家, 深入40多家企业, 走访了23家重点企业) in its clause, "
    "or of meetings and events held (召开座谈会12场, 举办各类培训班30余期): an organisational count, not a measure (news gold: "
    "meeting logistics and organisational counts)",
    [("督察组共走访企业320家，发现问题150个。", "320家", "drop"), ("调研组先后深入8个省份、40多家企业进行实地调研。", "40多家", "drop"),
     ("截至目前，共召开座谈会12场。", "12场", "drop")], only=_COUNT)
def _visited(c, text, before, after):
    if not c.count or not _MAY_VISIT.search(before):
        return None
    cs = _clause_start(text, c.start)
    if _VISITED.search(text, cs, c.start) or (c.classifier in ("场", "次", "期", "届", "轮")
                                              and _MEETING_COUNT.search(text, cs, c.start)):
        return True
    return None


_MAY_VISIT = _c(r"走访|深入|调研|考察|察看|暗访|拜访|慰问|看望|召开|举办|举行|组织|开展")


_LEAD = _c(r"提前\s*$")
_DONE_AFTER = _c(r"\s*(?:左右|多)?(?:时间)?\s*(?:全面|全线|顺利|正式)?(?:完成|实现|投产|建成|并网|通车|竣工|交付|开工|贯通|完工)")


@_r("filter.schedule_lead", "days or months after 提前 and before 完成/投产/建成/通车 (比原计划提前30天实现全面投产): how far a "
    "project is ahead of its schedule, not a measure", [("这个项目比原计划提前30天实现全面投产。", "30天", "drop")], only=lambda c: c.unit in ("day", "hour"))
def _schedule_lead(c, text, before, after):
    return True if c.unit in ("day", "hour") and _LEAD.search(before[-4:]) and _DONE_AFTER.match(after) else None


_ONE_MACHINE = _c(r"(?:首台套?|单台|这台|该台|一台|每台|研发的|研制的|下线的|吊装的|制造的)[^，,；;。\d]{0,8}$")
_MACHINE_AFTER = _c(r"[^，,；;。\d]{0,8}?(?:机组|风机|发电机|电机|主机|变压器|逆变器)")


@_r("filter.one_machine_size", "a capacity between one machine's words (首台, 单台, 这台; 研发的, 研制的, 下线的) and the machine it names (首台套16兆瓦海上"
    "风电机组): the machine's size class, as 百万千瓦级 and 5万千瓦级 in the news gold's not-measures",
    [("这是我国自主研发的首台套16兆瓦海上风电机组，国产化率达到100%。", "16兆瓦", "drop"),
     ("我国自主研发的18兆瓦海上风电机组成功并网。", "18兆瓦", "drop")], only=lambda c: c.unit == "MW")
def _one_machine(c, text, before, after):
    if c.unit == "MW" and _ONE_MACHINE.search(text, _clause_start(text, c.start), c.start) and _MACHINE_AFTER.match(text, c.end):
        return True
    return None


_PROGRESS = _c(r"(?:进度|工程量|形象进度|建设任务)[^，,；;。\d]{0,6}$")


@_r("filter.project_progress", "a share after 进度 / 工程量 (项目建设进度已完成80%, 已完成总工程量的85%): how far one project's works "
    "are done, not a measure of a place", [("项目建设进度已完成80%。", "80%", "drop"),
                                            ("截至目前，项目已完成总工程量的85%。", "85%", "drop")], only=_PERCENT)
def _progress(c, text, before, after):
    return True if c.unit == "%" and _PROGRESS.search(text, _clause_start(text, c.start), c.start) else None


# a figure a story quotes of another country, a bloc or the world, with no word of China in its sentence
_BLOCS = (r"欧盟|欧洲|非洲|东盟|拉美|中东|北美|国际能源署|国际可再生能源署|联合国|世界银行|国际货币基金组织|世界气象组织|"
          r"世界卫生组织|发达国家")
_FOREIGN = _c(r"(?<![到赴向为给帮助援助与同和及、])(?:" + COUNTRIES_ABROAD.pattern + "|" + _BLOCS + ")"
              r"(?!北部|南部|东部|西部|中部|境内|当地|首都|[\u4e00-\u9fff]{0,3}(?:高原|沙漠|草原|港|岛|湾))")
_WORLD_OPENS = _c(r"(?:据[^，,；;。]{0,16}[，,]\s*|预计\s*|目前\s*|当前\s*|如今\s*|去年\s*|今年\s*)?(?:全球|世界|全世界)"
                  r"(?!首|第一|最|领先|范围|上|各国|一流|级|前列)")
# every match of _FOREIGN or _WORLD_OPENS holds one of these words (印度 of 印度(?!洋) too): one automaton
_ABROAD_WORDS = (COUNTRIES_ABROAD.pattern.replace("(?!洋)", "") + "|" + _BLOCS + "|全球|世界").split("|")
assert all(regex.fullmatch(r"[\u4e00-\u9fff]+", w) for w in _ABROAD_WORDS)  # words only, nothing of a pattern
_MAY_ABROAD = ahocorasick_rs.AhoCorasick(_ABROAD_WORDS)
_may_be_abroad = _in_sentence(_MAY_ABROAD)
_CHINA = _c(r"中国|我国|中方|国内|全国|我们|国产|中企|中资|中欧|中非|中美|中老|中法|中德|中俄|中阿|中巴|中拉|中国—|中国-|"
            r"共建|一带一路|我省|我市|我区|我县|全省|全市|全区|全县|本省|本市|当地")


@_r("filter.foreign_figure", "a value in a sentence that names another country, a bloc or an international body as its "
    "subject (欧盟提出, 美国的人均碳排放量, 国际能源署预测…全球) or opens its clause with 全球/世界 (全球每年…), and names "
    "neither China (我国, 中国, 中方, 共建…) nor a Chinese province or city: a figure quoted of another place, no measure of a "
    "place in China (brief: quoted figures of other places); a place abroad that only locates a Chinese project "
    "(阿根廷北部，…, 在老挝) and 全球首个 / 世界第一 are not touched",
    [("欧盟提出，到2030年可再生能源在能源消费中的占比要达到42.5%。", "42.5%", "drop"),
     ("国际能源署预测，到2030年全球可再生能源装机将增长2.5倍。", "2.5倍", "drop"),
     ("全球每年因空气污染死亡的人数约700万人。", "700万人", "drop")])
def _foreign(c, text, before, after):
    return True if quoted_abroad(text, c.start, c.end) else None


def quoted_abroad(text: str, start: int, end: int) -> bool:
    """Whether what stands at start..end is a figure or commitment of another country, a bloc or the world
    (filter.foreign_figure): a foreign subject before the end of its clause, or 全球/世界 opening its clause or
    the sentence, and no word of China nor a Chinese province or city in the sentence."""
    if not _may_be_abroad(text):
        return False  # (most sentences: no other country, bloc or world in them)
    ce = indicators.clause_end(text, end)
    if not (_FOREIGN.search(text, 0, ce) or _WORLD_OPENS.match(text, _clause_start(text, start))
            or _WORLD_OPENS.match(text, 0)):
        return False
    return not (_CHINA.search(text) or any(any(len(code) == 6 and regions.level_of(code) in ("province", "city")
                                               for code in m.candidates) for m in regions.mentions(text)))


# a time long gone that has no year (上世纪80年代, 新中国成立之初, 二十年前): the then of a then-and-now story
_PAST_ERA = _c(r"(?<![比较与同和跟])(?:上个?世纪[^，,；;。]{0,6}?(?:年代|初|末|中叶|中期)|(?:新中国|建国)(?:成立)?(?:之初|初期|前|时)|"
               r"改革开放(?:之初|初期|前)|(?<![\d〇零一二三四五六七八九])(?:\d{1,2}|[一二两三四五六七八九十几数]{1,3})(?:多|余)?年前|"
               r"几十年前|多年前)"
               r"(?![^，,；;。]{0,3}(?:相比|相较|比|以来))")
_PAST_ERA_WORD = _c(r"世纪|新中国|建国|改革开放|年前")  # every match of _PAST_ERA holds one of them
_NOW_WORD = _c(r"如今|目前|现在|当前|眼下|今天|今日|现已|已经|已达|已超")
_may_name_past_era = _in_sentence(_PAST_ERA_WORD)


@_r("filter.past_era_figure", "a value after a time long gone that has no year in its sentence (上世纪80年代, 新中国成立之初, "
    "20年前; not 2030年前) with no word of the present between them (如今, 目前, 已经): a figure of another time that a story "
    "quotes as the 'then' of its then-and-now, not a measure (brief: quoted figures of other times); the 'now' value "
    "(如今已达到60%), a comparison base (比十年前下降了90%) and a change from then (由两年前的20%提高到45%) are not touched",
    [("上世纪80年代，这里的森林覆盖率只有不到5%。", "5%", "drop"),
     ("新中国成立之初，全国森林覆盖率仅为8.6%。", "8.6%", "drop"),
     ("20年前，这里还是一片荒漠，植被覆盖率不足10%，如今已达到60%。", "10%", "drop"),
     ("十年前，这里的森林覆盖率还不到10%。", "10%", "drop")])
def _past_era(c, text, before, after):
    if not _may_name_past_era(text):
        return None
    era = None
    for era in _PAST_ERA.finditer(text, 0, c.start):
        pass
    if era is None or _NOW_WORD.search(text, era.end(), c.start):
        return None
    if _FROM_BEFORE.search(text, max(0, era.start() - 3), era.start()):
        return None  # 由两年前的20%提高到45%: the base and the end of a change, not a quoted figure of then
    return True


_FROM_BEFORE = regex.compile(r"(?:由|从|较|比|相比)\s*$")


@rule(FILTERS, "filter.share_kept", "a percentage no earlier filter dropped", "keep: a share of the subjects is a measure",
      [("80%以上的县级党政机关建成节约型机关。", "80%", "keep"),
       ("全市新能源汽车渗透率由两年前的20%提高到45%。", "20%", "keep")])  # not a past era's figure: a change's base
def _share_kept(c, text, before, after):
    return False if c.unit == "%" else None


_ONLY[_share_kept.id] = _PERCENT


@_r("filter.threshold_subject", "a subject noun after the value (…以上企业): a threshold that picks the subject",
    [("年综合能耗1万吨标准煤以上企业开展能源审计。", "1万吨标准煤", "drop")], only=lambda c: not c.count)
def _threshold_subject(c, text, before, after):
    return True if not c.count and AFTER_SUBJECT.match(after) else None


@_r("filter.threshold_qualifier", "以上的 / 以下的 after a value with no level verb before it",
    [("年运输量150万吨以上的大户。", "150万吨", "drop")])
def _threshold_qualifier(c, text, before, after):
    return True if _AFTER_QUALIFIER.match(after) and not _LEVEL_VERB_NEAR.search(before[-8:]) else None


@_r("filter.penalty", "money in a sentence about fines", [("处5万元以下罚款。", "5万元", "drop")], only=_MONEY)
def _penalty(c, text, before, after):
    return True if c.unit == "CNY" and _PENALTY.search(text) else None


@_r("filter.per_item_cap", "money capped per item (单项最高不超过500万元)",
    [("单项最高不超过500万元。", "500万元", "drop")], only=_MONEY)
def _per_item_cap(c, text, before, after):
    return True if c.unit == "CNY" and _PER_ITEM_CAP.search(before) else None


@_r("filter.example_ratio", "每… then 就有/便有: a ratio told as an example",
    [("每10辆汽车中，就有3辆新能源汽车。", "10辆", "drop"), ("平均每1分钟就有1台新能源汽车下线。", "1台", "drop")])
def _example_ratio(c, text, before, after):
    if "每" not in before:
        return None  # (both patterns need 每 before the value)
    if _EVERY.search(before) and _THEN_THERE_IS.match(after):
        return True  # 每发3度电，就有1度是绿电; 每10辆汽车中，就有一辆: a ratio told as an example, not a measure
    if _EVERY_THEN.search(before):
        return True  # 平均每1分钟就有1台…下线: the other half of the example
    return None


@_r("filter.distance_away", "a distance before 以外/外: where a place lies", [("送到1500公里外的河南。", "1500公里", "drop")], only=_KM)
def _distance_away(c, text, before, after):
    return True if c.unit == "km" and _AWAY.match(after) else None


@_r("filter.distance_bound", "a distance before 以内/范围: it bounds something else",
    [("步行1公里内可达公交站点。", "1公里", "drop")], only=_KM)
def _distance_bound(c, text, before, after):
    return True if c.unit == "km" and _WITHIN.match(after) else None


@_r("filter.day_span", "days with no cue of a measured duration, or a span (N天内, N天后)",
    [("必须紧紧抓住剩余的10天左右时间。", "10天", "drop")], only=lambda c: c.unit == "day")
def _days(c, text, before, after):
    if c.unit == "day":
        if not _DAY_CUE.search(before[-8:] + after[:3]) or _DAY_SPAN.match(after):
            return True
    return None


@_r("filter.few_kinds", "N种 with no 万 or 亿: how many kinds of thing a text lists (两种模式, 3种路径); "
    "4万多种绿色产品 counts products and stays",
    [("探索形成3种推广模式。", "3种", "drop")], only=lambda c: c.classifier == "种")
def _few_kinds(c, text, before, after):
    return True if c.classifier == "种" and "万" not in c.raw and "亿" not in c.raw else None


_TRAVEL = _c(r"(?:车程|行程|路程|航程|通行|通勤|出行|往返|抵达|到达|直达|连接|运输|旅行|飞行|航行|换乘)(?:时间|时长|用时|耗时)?"
             r"[^，,；;。\d]{0,6}$")


@_r("filter.travel_time", "a duration after a journey word in its clause (车程, 通行时间, 连接时间从2小时): how long a trip "
    "takes is no indicator of INDICATORS.md",
    [("大桥将两侧区域的连接时间从2小时缩短为10分钟。", "2小时", "drop")], only=lambda c: c.unit in ("hour", "day"))
def _travel_time(c, text, before, after):
    return True if c.unit in ("hour", "day") and _TRAVEL.search(text, _clause_start(text, c.start), c.start) else None


@_r("filter.hour_span", "hours with no cue of a measured duration", [("会议持续3小时。", "3小时", "drop")], only=lambda c: c.unit == "hour")
def _hours(c, text, before, after):
    return True if c.unit == "hour" and not _HOUR_CUE.search(before[-8:] + after[:3]) else None


@_r("filter.application_quota", "a count in an application rule (限报2项, 推荐不超过3个)",
    [("每个单位限报2项。", "2项", "drop")], only=_COUNT)
def _quota(c, text, before, after):
    if c.count and (_QUOTA.search(before[-8:]) or (_APPLICATION.search(before[_clause_start(text, c.start):])
                                                   and _AT_MOST.search(before))):
        return True
    return None


@_r("filter.population_description", "人口的 after people: a description", [("近14亿人口的发展中大国。", "14亿人", "drop")], only=_PEOPLE)
def _population(c, text, before, after):
    return True if c.unit == "people" and after.startswith("口的") else None


@_r("filter.logistics", "people in meeting logistics or a team rule (报名, 组成, 由N人)",
    [("报名人数控制在50人以内。", "50人", "drop")], only=_PEOPLE)
def _logistics(c, text, before, after):
    return True if c.unit == "people" and (_LOGISTICS.search(text) or before.endswith("由")) else None


@_r("filter.count_noun_stop", "a count of offices, phases, kinds (3个部门, 两个阶段)",
    [("设立3个办公室。", "3个", "drop"), ("组建了20个工作专班，通过座谈访谈开展调研。", "20个", "drop"),
     ("梳理出加快新能源并网、提升企业绿电使用比例等10余项解决办法。", "10余项", "drop"),
     ("实施重点领域产业链供应链贯通工程等16条措施发布。", "16条", "drop"), ("常泰长江大桥的1000多名建设者正在紧张地施工。", "1000多名", "drop"),
     ("一季度，全区地区生产总值、固定资产投资等8项指标增速位居全国第一。", "8项", "drop"),
     ("中方宣布支持全球发展的8项行动。", "8项", "drop")], only=_COUNT_OR_PEOPLE)
def _count_stop(c, text, before, after):
    if c.count or c.unit == "people":
        noun = indicators.right_text(text, c.end).strip()
        if noun and _COUNT_STOP.search(noun) or _COUNT_STOP_AHEAD.match(text, c.end):
            return True
    return None


# the teams an inspection or a campaign sends, the sessions of a forum, the cases a meeting publishes and the
# measures a document lists: what an event or an office organised, not what a place achieved
_ORGANISED_NOUN = (r"(?:督察|督查|督导|检查|调研|巡视|巡查|指导|考核|核查|暗访|评估|宣讲|服务|帮扶|联络|工作)(?:组|队)|小分队|"
                   r"(?:主|分|平行|专题)论坛|分会场|(?:典型)?案例|典型经验|经验做法|(?:具体|务实)(?:措施|举措)")
_ORGANISED_AFTER = _c(rf"\s*(?:多|余)?[^，,；;。\d]{{0,10}}?(?:{_ORGANISED_NOUN})(?=[，,；;。、和及与]|$)")
_ORGANISED_BEFORE = _c(rf"(?:{_ORGANISED_NOUN})\s*(?:共|达|超过?|近)?\s*$")


@_r("filter.organised_count", "a count of teams sent (12个督查组, 派出工作组300多个), forum sessions (20场分论坛), cases "
    "published (30个绿色低碳典型案例) or the measures a document lists (25条具体措施), the noun just after the value or "
    "just before it; in a sentence about a meeting, the sessions it held (举办了300多场边会活动) and the outcomes it reached or "
    "passed (达成了20多项成果, 审议通过了…等3个文件): an organisational count (news gold: meeting logistics and organisational counts are not measures)",
    [("国务院派出12个督查组，对各地政策落实情况开展实地督查。", "12个", "drop"),
     ("各地共派出工作组300多个，深入一线指导。", "300多个", "drop"),
     ("大会共设置了1场主论坛和20场分论坛。", "20场", "drop"),
     ("此次共发布了30个绿色低碳典型案例。", "30个", "drop"),
     ("《意见》共分为8个部分，提出了25条具体措施。", "25条", "drop"),
     ("会议期间，共举办了300多场边会活动。", "300多场", "drop"), ("这次峰会共达成了20多项成果。", "20多项", "drop"),
     ("会议审议通过了《关于进一步加强生态环境保护的意见》等3个文件。", "3个", "drop")], only=_COUNT)
def _organised(c, text, before, after):
    if not c.count:
        return None
    if _ORGANISED_AFTER.match(text, c.end) or _ORGANISED_BEFORE.search(text, _clause_start(text, c.start), c.start):
        return True
    if _MEETING_HERE.search(text):
        cs = _clause_start(text, c.start)
        if (_HELD_BEFORE.search(text, cs, c.start) and _SESSION_AFTER.match(text, c.end)) \
                or (_REACHED_BEFORE.search(text, cs, c.start) and _OUTCOME_AFTER.match(text, c.end)):
            return True  # 会议期间，共举办了300多场边会活动; 这次峰会共达成了20多项成果; 审议通过了…等3个文件
    return None


# what a meeting held, reached or passed, in a sentence about a meeting
_MEETING_HERE = _c(r"会议|峰会|论坛|大会|会谈|对话|博览会|进博会|广交会|展会|会上|会期")
_HELD_BEFORE = _c(r"(?:举办|举行|召开|组织|开展)了?[^，,；;。\d]{0,4}$")
_SESSION_AFTER = _c(r"\s*(?:多|余)?[^，,；;。\d]{0,6}?(?:边会|分会|会议|论坛|活动|座谈会|研讨会|发布会|推介会|对接会|签约仪式)")
_REACHED_BEFORE = _c(r"(?:达成|形成|取得|发布|审议通过|通过|签署)了?(?:[^，,；;。\d《]|《[^》]{0,40}》){0,16}$")
_OUTCOME_AFTER = _c(r"\s*(?:多|余)?[^，,；;。\d]{0,6}?(?:成果|共识|文件|决议|协议|倡议|声明)(?=[，,；;。、和及与]|$)")


# the verbs that make a count a measure (建成…800多个, 已有45家, 新增…1000家, 覆盖…20个省份)
_MEASURE_VERB = _c(r"建|新增|完成|累计|达|有|培育|创建|实施|推广|安装|打造|形成|增|减|超|突破|共|已|入选|认定|开发|投运|投产|"
                   r"签约|引进|落地|开工|布局|设|覆盖|命名|批复|遴选|评选|改造|淘汰|关停|退出|整治|治理|提升|提高|上升|下降|"
                   r"降|扩大|带动|吸引|服务|惠及|帮助|培训|支持|资助|发放|核发|发布|出台|制定|组织|举办|开展|建立|改|整|新|"
                   r"计划|目标|力争|确保|将|要|拟|预计|可|能|推进|推动|加快|启动|实现|部署|安排|谋划|储备|聚焦|围绕|包括|涵盖|选择|确定|选取|依托|重点")
_SCOPE_NOUN = _c(r"(?:个|多个|余个)?(?:共建|发展中|沿线|成员|重点|主要|地级及以上|地级)?(?:国家|国家和地区|经济体|城市|地级市|设区的?市|设区城市|省份|省市|省区市|省区|地区)")
_LIST_OPENED = _c(r"、[^，,；;。]*等\s*$")
_ILLUSTRATION = _c(r"相当于[^，,；;。\d]{0,8}$")
_DESCRIBES = _c(r"[^，,；;。\d已]{1,14}?(?:正在|正|全部|都|均|每年|在|给|利用|坚守|共同|积极|陆续|纷纷)(?![^，,；;。]{0,3}已)")


_AMONG_BEFORE = _c(r"在[^，,；;。\d]{0,12}$")
_AMONG_AFTER = _c(r"[^，,；;。\d]{0,10}?(?:之中|当中|中)(?=\s*(?:[，,]|排名|排在|排|位列|位居|居|名列|已有|共有|有))")


@_r("filter.among_count", "在 + a count + 中 and then a ranking or a part of it (在全国168个重点城市中排名第15位, 在被调查的500家"
    "企业中，60%…): the set something is ranked or counted among, not a measure",
    [("该市的空气质量在全国168个重点城市中排名第15位。", "168个", "drop"),
     ("在全国300多个地级市中，已有100多个城市出台了相关政策。", "300多个", "drop")], only=_COUNT)
def _among_count(c, text, before, after):
    if c.count and "在" in before and _AMONG_AFTER.match(text, c.end) \
            and _AMONG_BEFORE.search(text, _clause_start(text, c.start), c.start):
        return True
    return None


@_r("filter.scope_count", "a count of countries, cities or provinces with no verb that makes it a measure before it "
    "in its clause: the scope a sentence describes (全国339个城市空气…, 与43个发展中国家签署)",
    [("全国339个城市空气优良天数的比例明显提高。", "339个", "drop"), ("与43个发展中国家签署55份谅解备忘录。", "43个", "drop"),
     ("全国168个重点城市PM2.5平均浓度同比下降5%。", "168个", "drop"), ("在13个设区市开展空气污染对人群健康影响监测与防护项目。", "13个", "drop")], only=_COUNT)
def _scope_count(c, text, before, after):
    if c.count and _SCOPE_NOUN.match(text, c.end - len(c.classifier)) \
            and not _MEASURE_VERB.search(text, _clause_start(text, c.start), c.start):
        return True
    return None


@_r("filter.list_total", "等N个 after a list (A、B等27个行业) with no verb that makes it a measure before it: the size "
    "of the list just given", [("我国石化化工、钢铁等27个工业重点行业领域加快设备更新。", "27个", "drop")], only=_COUNT)
def _list_total(c, text, before, after):
    cs = _clause_start(text, c.start)
    if c.count and _LIST_OPENED.search(text, cs, c.start) and not _MEASURE_VERB.search(text, cs, c.start):
        return True  # but 将加快建设乌鲁木齐、伊犁等4个氢能产业示范区: what is built is the measure
    return None


@_r("filter.illustration", "a count after 相当于: an illustration of another value (相当于每天投运近20个风电场)",
    [("新增装机容量3.6亿千瓦，相当于每天投运近20个标准风电场。", "20个", "drop")], only=_COUNT)
def _illustration(c, text, before, after):
    return True if c.count and _ILLUSTRATION.search(text, _clause_start(text, c.start), c.start) else None


@_r("filter.count_describes", "a count or people opening its clause (after a place or X的) with no verb that makes "
    "it a measure, whose noun is followed by what it does (269台风电机组正…输送, 1000多名建设者正在施工)",
    [("在广东阳江，海上风电场的269台海上风电机组正源源不断输送绿色电能。", "269台", "drop"),
     ("深海一号11口生产井全部开井产气。", "11口", "drop")], only=_COUNT_OR_PEOPLE)
def _count_describes(c, text, before, after):
    if (c.count or c.unit == "people") and _DESCRIBES.match(text, c.end) \
            and not _MEASURE_VERB.search(text, _clause_start(text, c.start), c.start):
        return True
    return None


_OFFSHORE = _c(r"(?:离岸|(?<![距隔分脱偏])离|距离?|相距|远离)(?:[^，,；;。\d]{0,8}?(?:有|约|近|超过?|逾|仅|不到|不足|只有|达))?\s*$")
_ASSUMED = _c(r"按(?:照)?[^，,；;。]{0,20}$")
_ASSUMED_END = _c(r"[^，,；;。]{0,16}?(?:来|进行)?(?:计算|测算|估算|核算)")


@_r("filter.offshore_distance", "a distance after 离岸/距离/相距, also with the place it is measured from between (距离市区约50公里): "
    "where something lies, not a measure (news gold: distances are not measures)",
    [("这个离岸超70公里的风电平台投产后每年能提供超过4400万度电。", "70公里", "drop"),
     ("这里距离市区约50公里，是全国最大的光伏基地之一。", "50公里", "drop")], only=_KM)
def _offshore(c, text, before, after):
    return True if c.unit == "km" and _OFFSHORE.search(text, _clause_start(text, c.start), c.start) else None


@_r("filter.assumed_value", "a value inside 按(照)…计算: the assumption a later estimate rests on",
    [("按照每年30万公里的行驶里程来计算，可为用户节约5万元燃油支出。", "30万公里", "drop")])
def _assumed(c, text, before, after):
    return True if "按" in before and _ASSUMED.search(text, _clause_start(text, c.start), c.start) \
        and _ASSUMED_END.match(text, c.end) else None


_NEGATED = _c(r"(?:不是|并非|并不是|而非)[^，,；;。\d]{0,8}$")
_IN_PLACE = _c(r"在[^，,；;。\d]{0,6}$")
_PLACE_AFTER = _c(r"[^，,；;。\d]{0,2}的[^，,；;。\d]{1,8}?(?:上|中|里|内|间)(?:[，,；;。]|$)")


@_r("filter.negated", "a value after 不是/并非: what something is not (不是乘坐在190多条小船上)",
    [("各国不是乘坐在190多条小船上，而是乘坐在一条命运与共的大船上。", "190多条", "drop")])
def _negated(c, text, before, after):
    if "是" not in before and "非" not in before:
        return None  # (the cheap test first: every word of _NEGATED holds 是 or 非)
    return True if _NEGATED.search(text, _clause_start(text, c.start), c.start) else None


@_r("filter.size_of_a_scene", "在 + a value + 的 + a place + 上/中/里: the size of where something happens "
    "(在近万亩的戈壁滩上)", [("在近万亩的戈壁滩上，安装了50多万块光伏板。", "万亩", "drop")])
def _scene(c, text, before, after):
    if "在" in before and _IN_PLACE.search(text, _clause_start(text, c.start), c.start) \
            and _PLACE_AFTER.match(text, c.end):
        return True
    return None


_FOR_FACETS: dict[tuple, list[Rule]] = {}


def _filters_for(c: Candidate) -> list[Rule]:
    """The filters, in order, less those whose ``only`` rules ``c`` out: the rest would say nothing about it."""
    key = (c.unit, c.count, c.classifier, c.rule)
    found = _FOR_FACETS.get(key)
    if found is None:
        found = _FOR_FACETS[key] = [r for r in FILTERS if r.id not in _ONLY or _ONLY[r.id](c)]
    return found


def skip(c: Candidate, text: str) -> bool:
    """True when ``c`` is no measure; the deciding filter is noted in the trace."""
    before = text[:c.start].rstrip()
    after = text[c.end:]
    for r in _filters_for(c):  # rules.first(FILTERS, c, text, before, after), without its argument tuple
        decision = r.fn(c, text, before, after)
        if decision is not None:
            note(r.id, c.raw, "drop" if decision else "keep")
            return bool(decision)
    return False
