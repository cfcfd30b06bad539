"""What a number means in a dated news story: kind and year, through the public extraction API.

Sentences are real ones from the national news stories of ../shared/corpus/news (quoted, so these tests
need no corpus). A story is no plan: what it states in the present is a reported fact of its own year.
"""
from __future__ import annotations

from datetime import date

import pytest

import hashlib

import pyarrow as pa

from schemas import tables
from transforms import measures, segment
from tests.test_measures import run


def facts(text: str, published: date, region: str = "100000"):
    return [(r["kind"], r["target_year"], r["value"], r["unit"], r["comparator"])
            for r in run(text, region=region, published=published)]


@pytest.mark.parametrize("text, published, expected", [
    # a present stock or level with only a bound (超过, 突破, 多): reported, of the story's year
    ("截至目前，我国森林覆盖率超过23%，1.18万个自然保护地，成为各种生物共同的家园。", date(2021, 12, 6),
     [("achievement", 2021, 23.0, "%", ">="), ("achievement", 2021, 11800.0, "count", "=")]),
    ("如今，全国新建绿色建筑面积占比已经超过91%。", date(2025, 8, 15),
     [("achievement", 2025, 91.0, "%", ">=")]),
    # 今年上半年 … 超过25%: what the half-year reached, not a target
    ("今年上半年，全国新开工装配式建筑占新建建筑面积的比例超过25%，装配式建筑建设面积累计达到24亿平方米。",
     date(2022, 7, 10), [("achievement", 2022, 25.0, "%", ">="), ("achievement", 2022, 2.4e9, "m2", "=")]),
    # 超 alone is a lower bound
    ("光伏产品连续四年出口额超2000亿元。", date(2025, 11, 24), [("achievement", 2025, 2e11, "CNY", ">=")]),
])
def test_a_story_reports_present_facts_of_its_own_year(text, published, expected):
    assert facts(text, published) == expected


@pytest.mark.parametrize("text, published, expected", [
    ("雄安新区，新建建筑现在都是“绿色”的，每年可减排二氧化碳超140万吨。", date(2025, 8, 15),
     [("potential", None, 1.4e6, "tCO2", ">=")]),
    ("在冬奥赛时阶段，仅制冰一项就可减少二氧化碳排放量约900吨。", date(2021, 11, 12),
     [("potential", None, 900.0, "tCO2", "~")]),
    ("奥迪一汽新能源汽车项目已进入设备调试阶段，项目设计年产能15万辆。", date(2023, 3, 25),
     [("potential", None, 150000.0, "count", "=")]),
])
def test_what_a_project_is_expected_to_yield_is_potential(text, published, expected):
    assert facts(text, published, region="220000") == expected


def test_targets_in_a_story_stay_targets():
    assert facts("今年，西藏计划完成营造林40万亩以上，修复治理退化草原220万亩。", date(2026, 5, 24), "540000") == [
        ("target", 2026, pytest.approx(400000 / 15), "ha", ">="),
        ("target", 2026, pytest.approx(2200000 / 15), "ha", "="),
    ]
    assert [r[:2] for r in facts("到2030年，西藏清洁能源电力装机计划达到6000万千瓦。", date(2026, 5, 24), "540000")] \
        == [("target", 2030)]


@pytest.mark.parametrize("text, published, expected", [
    # the whole year, told in its first half: what the year is to bring
    ("今年，全国新增光伏装机2亿千瓦左右。", date(2024, 3, 9), [("target", 2024, 200000.0, "MW", "~")]),
    # the same words at the year's end report it
    ("今年，全国新增光伏装机超过2亿千瓦。", date(2024, 12, 23), [("achievement", 2024, 200000.0, "MW", ">=")]),
    # a part of the year already gone, or a day of it, is reported
    ("今年1至5月，全国光伏新增装机6000万千瓦。", date(2023, 6, 5), [("achievement", 2023, 60000.0, "MW", "=")]),
    ("今年一季度，全省新增光伏装机100万千瓦。", date(2023, 4, 11), [("achievement", 2023, 1000.0, "MW", "=")]),
    ("今年以来，全省新增光伏装机100万千瓦。", date(2023, 4, 11), [("achievement", 2023, 1000.0, "MW", "=")]),
    ("今年清明假期首日，全国发送旅客2亿人次。", date(2024, 4, 5), [("achievement", 2024, 2e8, "people", "=")]),
    # a quarter or months still to come in a story of January: last year's
    ("四季度，全国新能源汽车产量同比增长30%。", date(2024, 1, 28), [("achievement", 2023, 30.0, "%", "=")]),
])
def test_the_year_ahead_and_the_parts_of_a_year_gone(text, published, expected):
    assert [(r["kind"], r["target_year"], r["value"], r["unit"], r["comparator"]) for r in story(text, published)] \
        == expected


def test_from_to_carries_two_years():
    rows = facts("非化石能源消费比重由2020年的16.0%增至2024年的19.8%，年均提高近1个百分点。", date(2025, 11, 8))
    assert rows[:2] == [("baseline", 2020, 16.0, "%", "="), ("achievement", 2024, 19.8, "%", "=")]


def test_a_from_value_with_no_year_gets_no_story_year():
    rows = facts("五年来，山西的新能源和清洁能源装机占比从39.68%提升到54.4%，绿电占比超过了传统能源。",
                 date(2025, 9, 14), "140000")
    assert rows[0][:3] == ("baseline", None, 39.68)


def test_a_story_inside_a_plan_period_reports_the_period_so_far():
    assert facts("“十四五”期间，山西建成智能化煤矿298座，煤炭先进产能占比达83%。", date(2025, 9, 14), "140000") == [
        ("achievement", 2025, 298.0, "count", "="), ("achievement", 2025, 83.0, "%", "=")]
    # what the period is still to bring stays a target of its last year
    assert [r[:2] for r in facts("“十四五”期间，我国还将新增可再生能源装机1亿千瓦。", date(2023, 5, 1))] == [("target", 2025)]


@pytest.mark.parametrize("text, published, kind", [
    ("在吴忠，牛首山二期680万千瓦抽水蓄能电站项目完成招标，即将开工。", date(2023, 5, 6), "potential"),
    ("这几天，甘肃酒泉瓜州县175万千瓦风力发电项目启动建设。", date(2023, 4, 11), "potential"),
    # once it runs, its size is a fact
    ("我国自主设计、建设的40万吨煤制乙二醇项目在榆林国家能源化工基地刚刚投产，每年可以清洁利用煤炭60万吨。",
     date(2021, 12, 6), "achievement"),
])
def test_a_plant_named_by_its_size_before_it_runs_is_potential(text, published, kind):
    assert run(text, region="100000", published=published)[0]["kind"] == kind


def test_a_sentence_with_no_time_continues_the_past_year_of_the_one_before():
    text = "去年，全球每3美元的新能源投入，就有1美元来自中国。新能源发电新增装机容量3.6亿千瓦，相当于每天投运近20个5万千瓦级标准风电场。"
    rows = run(text, region="100000", published=date(2025, 8, 15))
    assert [(r["kind"], r["target_year"], r["value"]) for r in rows if r["unit"] == "MW"][:1] == [("achievement", 2024, 360000.0)]
    # "up to now" in the sentence before (已累计) hands on no past year
    text = "从2019年7月份投运以来，这张电网已累计向各个冬奥场馆组织供应绿电1.6亿度。北京冬奥会在奥运史上首次实现100%清洁能源供电。"
    rows = run(text, region="110000", published=date(2021, 11, 12))
    assert [r["target_year"] for r in rows if r["unit"] == "%"] == [2021]


@pytest.mark.parametrize("text", [
    "如今，每发3度电，就有1度是绿电。",
    "路上行驶的每10辆汽车中，就有一辆是新能源。",
    "在四川绵阳，新改造的高能效电视生产线正开足马力生产，平均每1分钟就有1台85寸的一级能效智能电视下线。",
    "来自青海的绿电被送到1500公里外的河南，照亮千家万户。",
])
def test_examples_and_distances_that_place_something_are_no_measures(text):
    assert run(text, region="100000", published=date(2025, 8, 15)) == []


def story(text: str, published: date, region: str = "100000"):
    """``text`` read as a news story (doc_type 新闻) whose article structure placed in ``region``."""
    doc_id = hashlib.sha256(text.encode()).hexdigest()
    doc = {"doc_id": doc_id, "source_name": "t.txt", "title": None, "published_date": published,
           "published_month_day": None, "date_precision": "day", "issuer": None, "doc_number": None,
           "doc_type": "新闻", "script": "simplified", "region_code": region, "region_name": None,
           "region_level": None, "n_articles": 1, "clean_text": text, "pipeline_version": "test"}
    art = {"doc_id": doc_id, "article_idx": 0, "title": None, "author": None, "region_code": region,
           "published_date": published, "published_month_day": None, "span_start": 0, "text": text}
    articles = pa.Table.from_pylist([art], tables.ARTICLES.arrow)
    out = measures.extract(pa.Table.from_pylist([doc], tables.DOCUMENTS.arrow), articles, segment.segment(articles))
    return out.to_pylist()


@pytest.mark.parametrize("text", [
    "在广东阳江，我国首个百万千瓦级海上风电场的269台海上风电机组正源源不断向粤港澳大湾区输送绿色清洁电能。",
    "天更蓝了，今年以来，全国339个城市空气优良天数的比例明显提高。",
    "我国石化化工、钢铁等27个工业重点行业领域，正抓住国家大规模设备更新改造的机遇，加快设备工艺更新。",
    "新能源发电新增装机容量3.6亿千瓦，相当于每天投运近20个5万千瓦级标准风电场。",
    "在天津，20多台无人驾驶电动集装箱卡车在天津港来回奔忙。",  # one port's fleet at work (optional in the gold)
])
def test_counts_that_only_describe_are_no_measures(text):
    assert [r["value_raw"] for r in run(text, region="100000", published=date(2025, 8, 15))
            if r["unit"] == "count"] == []


@pytest.mark.parametrize("text, raw", [
    ("近年来,油坊扎实推进居民户光伏屋顶安装工作,全镇登记在册的102户贫困户已全部由政府出资安装光伏屋顶助其脱贫。", "102户"),
    ("今年，新疆将加快建设准东、喀什等一批千万千瓦级新能源基地和乌鲁木齐、伊犁等4个氢能产业示范区。", "4个"),
])
def test_counts_of_what_was_done_or_is_planned_stay(text, raw):
    assert raw in [r["value_raw"] for r in run(text, region="100000", published=date(2024, 3, 24))]


def test_round_numerals_are_read_with_their_comparator():
    got = facts("吉林今年将实施160多个“上台阶”项目，总投资近千亿元。", date(2023, 3, 25), region="220000")
    assert got == [("target", 2023, 160.0, "count", ">="), ("target", 2023, 1e11, "CNY", "~")]
    assert facts("新材料上下游企业已经有近百家。", date(2024, 3, 24)) == [("achievement", 2024, 100.0, "count", "~")]


def test_a_national_story_that_visits_one_region_speaks_for_the_nation():
    text = ("在西藏那曲市聂荣县尼玛乡铜龙村，40多户牧民实现了“零碳供暖”。\n"
            "绿色制造体系基本构建。今天的中国，在国家层面创建绿色工厂5095家。\n"
            "如今，我国可再生能源装机达15.16亿千瓦。新能源发电技术为全球贡献了60%的风电装备。")
    got = {r["value_raw"]: r["region_code"] for r in story(text, date(2024, 3, 2), region="540000")}
    assert got == {"40多户": "540000", "5095家": "100000", "15.16亿千瓦": "100000", "60%": "100000"}
