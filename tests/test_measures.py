"""Extraction on sentences as policy texts write them; each test states what an analyst would see."""
from __future__ import annotations

import hashlib
from datetime import date

import pyarrow as pa
import pytest

from schemas import tables, validate
from transforms import measures, segment


def run(text: str, region: str | None = "320000", published: date | None = None, title: str | None = None):
    doc_id = hashlib.sha256(text.encode()).hexdigest()
    doc = {"doc_id": doc_id, "source_name": "t.txt", "title": title, "published_date": published,
           "published_month_day": None, "date_precision": "day" if published else "none", "issuer": None,
           "doc_number": None, "doc_type": None, "script": "simplified", "region_code": region,
           "region_name": None, "region_level": None, "n_articles": 1, "clean_text": text,
           "pipeline_version": "test"}
    art = {"doc_id": doc_id, "article_idx": 0, "title": title, "author": None, "region_code": region,
           "published_date": published, "published_month_day": None, "span_start": 0, "text": text}
    documents = pa.Table.from_pylist([doc], tables.DOCUMENTS.arrow)
    articles = pa.Table.from_pylist([art], tables.ARTICLES.arrow)
    out = measures.extract(documents, articles, segment.segment(articles))
    assert not validate(tables.MEASURES, out).failures
    return out.to_pylist()


def test_fenbie_gives_one_row_per_indicator():
    rows = run("到2025年，单位国内生产总值能耗和二氧化碳排放分别降低13.5%、18%。")
    assert [(r["indicator"], r["value"], r["unit"], r["direction"], r["target_year"]) for r in rows] == [
        ("单位国内生产总值能耗", 13.5, "%", "decrease", 2025),
        ("单位国内生产总值二氧化碳排放", 18.0, "%", "decrease", 2025),
    ]
    assert {r["sector"] for r in rows} == {"energy", "carbon"}
    assert all(r["kind"] == "target" for r in rows)


def test_enumeration_with_times_and_unknown_publication_date():
    rows = run("力争今年10月底居民光伏屋顶安装率达50%，12月底达60%，2年内达80%。")
    assert [(r["value"], r["kind"], r["target_year"], r["indicator"]) for r in rows] == [
        (50.0, "target", None, "居民光伏屋顶安装率"),
        (60.0, "target", None, "居民光伏屋顶安装率"),
        (80.0, "target", None, "居民光伏屋顶安装率"),
    ]


def test_relative_times_resolve_against_the_publication_date():
    rows = run("力争今年10月底居民光伏屋顶安装率达50%，2年内达80%。", published=date(2022, 3, 1))
    assert [r["target_year"] for r in rows] == [2022, 2024]


def test_document_number_date_and_list_numbering_are_not_measures():
    assert run("（川环函〔2022〕409号）") == []
    assert run("2022年3月5日，第五届国际低碳大会召开。") == []
    assert run("1. 坚定实施产业强市“一号战略”，奋力打好“五大关键战”。") == []


def test_programme_names_and_rhetoric_are_not_measures():
    assert run("奋力总攻“双60”目标，围绕绿色园区建设“2040”工程。") == []
    assert run("严格落实“八个一律”“六个百分之百”。") == []
    assert run("为压降0.01微克PM2.5付出100%的搏击。")[0]["unit"] == "ug/m3"
    assert len(run("为压降0.01微克PM2.5付出100%的搏击。")) == 1
    assert run("必须紧紧抓住剩余的10天左右时间。") == []
    assert run("坚定“四个自信”、做到“两个维护”，完善“1+N”政策体系。") == []


def test_values_in_canonical_units_with_raw_kept():
    rows = run("2021年1-10月，284个市重大项目完成投资470亿元，超序时1.7个百分点。")
    got = [(r["value_raw"], r["value"], r["unit"], r["kind"], r["target_year"]) for r in rows]
    assert got == [("284个", 284.0, "count", "achievement", 2021),
                   ("470亿元", 4.7e10, "CNY", "achievement", 2021),
                   ("1.7个百分点", 1.7, "pp", "achievement", 2021)]
    assert rows[0]["indicator"] == "市重大项目"
    assert rows[1]["indicator"] == "市重大项目完成投资"


def test_comparators():
    rows = run("城镇新增就业1100万人以上，城镇调查失业率全年控制在5.5%以内；居民消费价格涨幅3%左右；油坊已有规模以上光伏企业近20家。")
    assert [(r["value"], r["unit"], r["comparator"]) for r in rows] == [
        (11000000.0, "people", ">="), (5.5, "%", "<="), (3.0, "%", "~"), (20.0, "count", "~")]


def test_ranges_keep_the_upper_bound():
    rows = run("到2025年，培育省级示范企业3—5个，能效提升10%-15%。")
    assert [(r["value"], r["value_upper"], r["unit"]) for r in rows] == [(3.0, 5.0, "count"), (10.0, 15.0, "%")]


def test_chinese_numerals_fractions_and_doubling():
    rows = run("到2025年，绿色建筑占比达到百分之二十，能耗降低三分之一，可再生能源装机实现翻一番。")
    assert [(r["value"], r["unit"]) for r in rows] == [(20.0, "%"), (pytest.approx(1 / 3), "ratio"), (2.0, "ratio")]


def test_base_year_and_direction():
    rows = run("到2025年，全省单位地区生产总值能耗比2020年下降14%左右，非化石能源消费比重提高到20%。")
    assert [(r["value"], r["base_year"], r["direction"], r["comparator"], r["target_year"]) for r in rows] == [
        (14.0, 2020, "decrease", "~", 2025), (20.0, None, "level", "=", 2025)]


def test_from_value_is_a_baseline():
    rows = run("我市的全国文明城市信用排名从去年年初97名上升至去年10月66名。", region="321100")
    assert [(r["value"], r["unit"], r["kind"], r["indicator"]) for r in rows] == [
        (97.0, "rank", "baseline", "全国文明城市信用排名"), (66.0, "rank", "achievement", "全国文明城市信用排名")]
    assert {r["region_code"] for r in rows} == {"321100"}


def test_potential():
    rows = run("全镇居民屋顶光伏电站可安装30MW，实现居民年增收约1554万元。")
    assert [(r["value"], r["unit"], r["kind"], r["comparator"]) for r in rows] == [
        (30.0, "MW", "potential", "="), (15540000.0, "CNY", "potential", "~")]


def test_value_less_milestones_are_national_when_the_nation_commits():
    rows = run("2020年，我国正式提出：力争在2030年前实现“碳达峰”，2060年前实现“碳中和”。", region="321100")
    assert [(r["indicator"], r["value"], r["target_year"], r["region_code"], r["region_level"]) for r in rows] == [
        ("碳达峰", None, 2030, "100000", "national"), ("碳中和", None, 2060, "100000", "national")]


def test_place_most_specific_named_and_inherited_otherwise():
    rows = run("徐州经济技术开发区规上工业企业单位增加值能耗下降5%。", region="320300")
    assert (rows[0]["region_code"], rows[0]["region_level"]) == ("320371", "zone")
    rows = run("到2025年，森林覆盖率提高到19%。", region="150200")
    assert (rows[0]["region_code"], rows[0]["region_level"]) == ("150200", "city")


def test_town_measures_get_the_county_code_and_the_town_name():
    text = "关于扬中市油坊镇碳中和示范村镇建设的调研报告\n全镇登记在册的102户贫困户已全部安装光伏屋顶。"
    rows = run(text, region="321100")
    assert [(r["value"], r["region_code"], r["region_level"], r["place_name"]) for r in rows] == [
        (102.0, "321182", "town", "油坊镇")]


def test_thresholds_that_pick_a_subject_are_not_measures():
    assert run("对年综合能耗1万吨标准煤以上企业开展节能诊断，基本完成30万千瓦及以上热电联产电厂改造。") == []


def test_review_section_values_are_achievements_of_its_period():
    text = ("一、发展基础\n（一）“十三五”主要成就\n新能源总装机由225万千瓦增加至1145万千瓦。\n"
            "二、主要目标\n到2025年，全省可再生能源装机达到4450万千瓦。\n其中，风电装机1200万千瓦。")
    rows = run(text, region="430000", title="湖南省“十四五”可再生能源发展规划")
    assert [(r["value"], r["kind"], r["target_year"]) for r in rows] == [
        (2250.0, "baseline", 2015), (11450.0, "achievement", 2020), (44500.0, "target", 2025),
        (12000.0, "target", 2025)]


def test_indicator_table_cells():
    text = "专栏二 可再生能源发展主要指标\n单位2020年2025年 属性\n可再生能源电力消纳权重% 47 50预期性\n风电 万千瓦669 1200预期性"
    rows = run(text, region="430000", title="湖南省“十四五”可再生能源发展规划")
    assert [(r["indicator"], r["value"], r["unit"], r["kind"], r["target_year"]) for r in rows] == [
        ("可再生能源电力消纳权重", 47.0, "%", "baseline", 2020), ("可再生能源电力消纳权重", 50.0, "%", "target", 2025),
        ("风电", 6690.0, "MW", "baseline", 2020), ("风电", 12000.0, "MW", "target", 2025)]


def test_offsets_point_at_the_value_in_the_article_text():
    text = "前言。\n到2025年，非化石能源消费比重达到20%左右。"
    row = run(text)[0]
    assert text[row["span_start"]:row["span_end"]] == "20%"
    assert row["evidence"] == "到2025年，非化石能源消费比重达到20%左右。"


def test_measure_ids_are_stable():
    text = "到2025年，非化石能源消费比重达到20%左右。"
    assert run(text)[0]["measure_id"] == run(text)[0]["measure_id"]


def test_pue_and_doubling_in_words():
    rows = run("到2025年，大型数据中心运行电能利用效率降至1.3以下，可再生能源装机实现翻番。")
    assert [(r["value"], r["unit"], r["comparator"]) for r in rows] == [(1.3, "ratio", "<="), (2.0, "ratio", "=")]


def test_comparator_words_are_not_confused():
    rows = run("面上项目省拨经费原则上不超过1500万元，支持资金超过500万元，耕地保有量守住18亿亩。")
    assert [(r["value"], r["comparator"]) for r in rows] == [(1.5e7, "<="), (5e6, ">="), (1.2e8, ">=")]  # 18亿亩 = 1.2亿 ha


def test_specifications_and_thresholds_are_not_measures():
    assert run("实现钙钛矿电池转换效率≥28%，组件生产成本降至0.7元/W。") == []
    assert run("营业收入超过1亿元的环保企业达到20家。")[0]["value"] == 20.0
    assert len(run("营业收入超过1亿元的环保企业达到20家。")) == 1


def test_the_nation_only_as_the_subject():
    rows = run("打造全国农业绿色发展先行区2个。", region="371400")
    assert rows[0]["region_code"] == "371400"
    rows = run("截至2020年底，全国城镇新建绿色建筑占比达到77%。", region="371400")
    assert (rows[0]["region_code"], rows[0]["kind"], rows[0]["target_year"]) == ("100000", "achievement", 2020)


def test_places_that_are_examples_or_names_are_not_the_measure_place():
    rows = run("推进安化等13个抽水蓄能项目开工，支持西湖大学建设20家研发中心。", region="430000")
    assert [r["region_code"] for r in rows] == ["430000", "430000"]


def test_review_sentences_with_completed_targets_are_achievements():
    rows = run("全市二氧化硫排放量比2015年下降44.76%，完成自治区下达目标的331%。", region="150300",
               title="乌海市“十四五”生态环境保护规划")
    assert [(r["value"], r["kind"], r["base_year"]) for r in rows] == [(44.76, "achievement", 2015),
                                                                      (331.0, "achievement", None)]


def test_an_estimate_framing_the_sentence_makes_potentials():
    rows = run("据初步估算，“十四五”期间，全省可再生能源总投资约1300亿元，其中，水电投资340亿元。", region="430000")
    assert [(r["value"], r["kind"], r["target_year"]) for r in rows] == [(1.3e11, "potential", 2025),
                                                                         (3.4e10, "potential", 2025)]


def test_meeting_logistics_and_application_quotas_are_not_measures():
    assert run("本报讯 7月19日，第3期绿色低碳培训班开班，来自全市的120名学员参加培训。") == []
    assert run("会议要求，各地要在10个工作日内报送材料，每个单位限报2项。") == []
    assert run("发布时间：2023-07-19 10:30  浏览次数：1234  联系电话：025-83335678") == []


def test_a_year_in_a_title_is_no_milestone_and_team_rules_are_no_measures():
    assert run("关于开展2022年珠海市建筑领域碳达峰碳中和宣传讲座的通知") == []
    assert run("线下报名人数控制在50人以内，先报先得。") == []
    assert run("现场核查组应至少由2人组成。") == []
    rows = run("方案明确，力争2026年实现全领域碳达峰。", region="150200")
    assert [(r["indicator"], r["target_year"], r["kind"]) for r in rows] == [("碳达峰", 2026, "target")]


def test_headings_rank_sections_under_chapters():
    text = ("第一章 “十三五”林业发展回顾\n第一节 主要成绩\n一、科技支撑逐步提升\n获省级以上科学技术奖11项。\n"
            "第二章 发展目标\n到2025年，森林覆盖率达到64%。")
    rows = run(text, region="520000", title="贵州省“十四五”林业草原保护发展规划")
    assert [(r["value"], r["kind"], r["target_year"]) for r in rows] == [(11.0, "achievement", 2020),
                                                                         (64.0, "target", 2025)]


def test_a_work_report_after_its_review_sets_next_years_targets():
    text = "一、2018年工作回顾\n财政收入增长6.2%。\n二、2019年经济社会发展总体要求和政策取向\n财政赤字2.76万亿元。"
    rows = run(text, region="100000", title="政府工作报告")
    assert [(r["value"], r["kind"], r["target_year"]) for r in rows] == [(6.2, "achievement", 2018),
                                                                         (2.76e12, "target", 2019)]


def test_more_things_that_are_not_measures_or_not_what_they_seem():
    assert run("逐步推动大中型危险废物产生企业（5000吨/年以上）配套建设利用处置设施。") == []
    assert run("配备执法车辆、5个人移动执法设备。") == []
    rows = run("苏北地区按每吨3750元确定基础统筹金额，实名举报人最高可奖励50万元。")
    assert [(r["value"], r["unit"], r["comparator"]) for r in rows] == [(3750.0, "CNY/t", "="), (5e5, "CNY", "<=")]


def test_base_year_in_the_clause_before_and_period_starts_for_from_values():
    rows = run("2020年全市铁路货运量5798万吨,与2017年相比,增加836万吨。", region="370100")
    assert [(r["value"], r["kind"], r["target_year"], r["base_year"]) for r in rows] == [
        (5.798e7, "achievement", 2020, None), (8.36e6, "achievement", 2020, 2017)]
    rows = run("“十三五”期间，化工园区由54个减少到29个。", region="320000", title="江苏省“十四五”应对气候变化规划")
    assert [(r["value"], r["kind"], r["target_year"]) for r in rows] == [(54.0, "baseline", 2015),
                                                                         (29.0, "achievement", 2020)]


def test_a_short_county_name_inside_a_word_is_no_place():
    rows = run("确保雄安新区蓝绿空间占比稳定在70%。", region="130000")
    assert rows[0]["region_code"] == "130600"  # 雄安新区 (保定's, no code of its own), not 安新县 130632


def test_designations_and_authorities_do_not_move_the_place():
    rows = run("新建全国森林康养基地试点建设乡（镇）15个以上。", region="420000")
    assert rows[0]["region_code"] == "420000"
    rows = run("到“十三五”末，完成湖北省下达任务目标的156.9%。", region="420100")
    assert rows[0]["region_code"] == "420100"


def test_a_heading_ending_with_a_full_stop_still_opens_a_review():
    text = "（一）生态环境保护成效显著。\n淘汰国三排放标准营运柴油货车2万余辆。"
    rows = run(text, region="370200", title="青岛市“十四五”生态环境保护规划")
    assert [(r["value"], r["comparator"], r["kind"]) for r in rows] == [(20000.0, ">=", "achievement")]


def test_milestones_need_a_commitment():
    assert run("袁家军强调，“十四五”是碳达峰的关键期、窗口期。") == []
    rows = run("我省力争2030年碳达峰，“十五五”期间实现碳中和。", region="330000")
    assert [(r["indicator"], r["target_year"]) for r in rows] == [("碳达峰", 2030), ("碳中和", 2030)]


def test_per_mille():
    rows = run("森林火灾受害率控制在0.9‰以内。", region="520000")
    assert [(r["value"], r["unit"], r["comparator"]) for r in rows] == [(pytest.approx(0.09), "%", "<=")]


def test_more_than_before_or_after_the_multiplier():
    rows = run("新建改建高速公路6000多公里、农村公路30多万公里，全省规上企业1200余家。")
    assert [(r["value"], r["unit"], r["comparator"]) for r in rows] == [
        (6000.0, "km", ">="), (300000.0, "km", ">="), (1200.0, "count", ">=")]


def test_news_year_over_year_and_self_references():
    rows = run("去年，全省PM2.5平均浓度为32微克/立方米，同比下降5.9%。", region="320300", published=date(2023, 7, 20))
    assert [(r["value"], r["kind"], r["target_year"], r["base_year"], r["region_code"]) for r in rows] == [
        (32.0, "achievement", 2022, None, "320000"), (5.9, "achievement", 2022, 2021, "320000")]
    rows = run("1-6月，全市规上工业单位增加值能耗同比下降4.5%。", region="320300", published=date(2023, 7, 20))
    assert [(r["value"], r["target_year"], r["base_year"], r["region_code"]) for r in rows] == [
        (4.5, 2023, 2022, "320300")]


@pytest.mark.parametrize("indicator,sector", [
    ("森林覆盖率", "forestry"), ("PM2.5平均浓度", "pollution"), ("单位地区生产总值能耗", "energy"),
    ("市重大项目完成投资", "investment"), ("专项债券额度", "finance"), ("城市公交出行分担率", "transport"),
    ("城镇新建绿色建筑占比", "buildings"), ("单位地区生产总值二氧化碳排放", "carbon"), ("湿地保护率", "ecology"),
    ("化肥利用率", "agriculture"), ("规模以上工业增加值", "industry"), ("全国文明城市信用排名", "governance"),
])
def test_sectors(indicator, sector):
    from transforms import indicators
    assert indicators.sector(indicator) == sector


def test_indicator_is_the_verb_and_its_object_when_the_noun_follows_the_value():
    rows = run("“十四五”期间，全面保护全省5600万亩永久性公益林，装配式建筑占比达到30%。")
    assert [r["indicator"] for r in rows] == ["保护永久性公益林", "装配式建筑占比"]


def test_indicator_table_given_one_cell_a_line():
    text = ("表1 主要指标\n指标2020年\n现状2025年目标 属性\n环境\n治理\n1\n2空气质量优良天数比率（%）*\n约束\n性\n60.1 65.4\n"
            "8\n氮氧化物重点工程减排量（万\n吨）\n约束\n性\n—0.82\n下一段正文很长，说明规划的实施保障措施和考核办法。")
    rows = run(text, region="371400", title="德州市“十四五”生态环境保护规划")
    got = [(r["indicator"], r["value"], r["unit"], r["kind"], r["target_year"]) for r in rows]
    assert got == [("空气质量优良天数比率", 60.1, "%", "baseline", 2020), ("空气质量优良天数比率", 65.4, "%", "target", 2025),
                   ("氮氧化物重点工程减排量", 8200.0, "t", "target", 2025)]
    for r in rows:
        assert text[r["span_start"]:r["span_end"]] in ("60.1", "65.4", "0.82")


def test_spot_check_lessons():
    assert run("禁止在长江干支流岸线一公里范围内新建、扩建化工园区。", region="500000") == []
    rows = run("对我国2030年前实现碳达峰，2060年前实现碳中和具有重要意义。", region="150000")
    assert [(r["indicator"], r["region_code"]) for r in rows] == [("碳达峰", "100000"), ("碳中和", "100000")]
    rows = run("森林覆盖率提高到19%，成为我国北方绿色低碳发展的典范。", region="150200")
    assert rows[0]["region_code"] == "150200"
    rows = run("预测资源总量高达13.54万亿m3，富集有利区26个。", region="520000")
    assert [r["kind"] for r in rows] == ["potential", "potential"]
    rows = run("到2025年，城区常住人口100万以上城市绿色出行比例达到70%。", region="320000")
    assert rows[0]["indicator"] == "城区常住人口100万以上城市绿色出行比例"


def test_a_present_state_section_under_a_plan_heading_has_no_plan_year():
    text = "一、“十四五”规划基础\n（一）发展现状。\n以煤为主的能源结构没有根本改变，煤炭消费占比达到55%。"
    rows = run(text, region="430000", title="湖南省“十四五”生态环境保护规划")
    assert [(r["value"], r["kind"], r["target_year"]) for r in rows] == [(55.0, "achievement", None)]


def test_sizes_of_each_and_generic_follow_ups():
    rows = run("实施5个1万亩以上南方典型草原生态保护工程。", region="520000")
    assert [(r["value"], r["unit"]) for r in rows] == [(5.0, "count")]
    rows = run("森林蓄积量从2015年的4.7亿立方米增加到2020年的6.09亿立方米，增幅达29.57%。", region="520000")
    assert [r["indicator"] for r in rows] == ["森林蓄积量", "森林蓄积量", "森林蓄积量增幅"]


def test_the_rate_in_force_is_the_baseline():
    rows = run("将交通运输业、建筑业等行业现行10%的税率降至9%。", region="100000")
    assert [(r["value"], r["kind"]) for r in rows] == [(10.0, "baseline"), (9.0, "target")]  # 将…降至: a plan


def test_rivers_named_after_counties_and_walking_distances():
    rows = run("赤水河流域培育规模以上企业10家以上。", region="520000")
    assert rows[0]["region_code"] == "520000"
    assert run("倡导1公里以内步行、3公里以内骑自行车。") == []


def test_conditions_programme_counts_and_list_sizes_are_not_measures():
    assert run("在确保100%回灌的前提下稳妥推广地下水源热泵。") == []
    assert [r["value"] for r in run("对名单内绿色工厂自我声明率达到85%以上的，推荐数量可放宽至30家。")] == [30.0]
    assert run("着力打造“1+7+N”（1个市级应急中心、7个区域分中心、35个区县）三级环境应急机构网络。") == []
    assert run("范围包括遵义市赤水市、习水县、仁怀市、桐梓县，共9个县(市、区)。", region="520000") == []


def test_a_commitment_quoted_from_the_centre_is_national():
    rows = run("习近平总书记多次强调，二氧化碳排放力争于2030年前达到峰值，努力争取2060年前实现碳中和。", region="420100")
    assert [(r["indicator"], r["target_year"], r["region_code"]) for r in rows] == [
        ("碳达峰", 2030, "100000"), ("碳中和", 2060, "100000")]


def test_full_stops_typed_as_dots_end_sentences_after_percentages():
    from transforms import segment
    assert [s for _, s in segment.split_sentences("洒水冲刷率达到100%.对排名落后的道路严管严控.达到30.县级机关率先")] == [
        "洒水冲刷率达到100%.", "对排名落后的道路严管严控.", "达到30.", "县级机关率先"]


def test_second_spot_check_lessons():
    assert run("35%。") == []  # a line cut from its sentence
    assert run("每个地区推荐的绿色工厂不超过20个。") == []
    rows = run("2025年，力争全省环保产业总产值年均增长率保持在10%—15%。", region="430000")
    assert [(r["value"], r["value_upper"], r["comparator"]) for r in rows] == [(10.0, 15.0, "=")]
    rows = run("全市突发环境事件年响应次数分别为35次、42次，基本维持在30次以上。", region="500000")
    assert rows[-1]["indicator"] == "突发环境事件年响应次数"
    rows = run("聚焦胶州湾、灵山岛等9个海洋生物多样性保护优先区域。", region="370200")
    assert rows[0]["region_code"] == "370200"
    text = "第八章 林业草原基础支撑建设\n第一节 做强人才队伍\n自主培育千层次人才3～5名。"
    rows = run(text, region="520000", title="贵州省“十四五”林业草原保护发展规划")
    assert [(r["value"], r["value_upper"], r["kind"]) for r in rows] == [(3.0, 5.0, "target")]


def test_third_spot_check_lessons():
    rows = run("落实《山东省建筑垃圾减量化工作实施方案》，实现新建建筑施工现场建筑垃圾排放量每万平方米不高于300吨。",
               region="371400")
    assert rows[0]["region_code"] == "371400"
    rows = run("实施山东希元环保科技股份有限公司回收再生10万吨危废处置综合利用项目。", region="371400")
    assert rows[0]["region_code"] == "371400"
    rows = run("达到空气质量二级标准的市级城市由2015年的0个提升至7个。", region="430000")
    assert [(r["value"], r["kind"], r["target_year"]) for r in rows] == [(0.0, "baseline", 2015),
                                                                         (7.0, "achievement", None)]
    assert run("近14亿人口的发展中大国，实现了比较充分就业。") == []


def test_ranking_scope_and_headings_that_report_progress():
    rows = run("PM2.5平均浓度较2015年改善49%，改善幅度列全省第1位。", region="371400")
    assert {r["region_code"] for r in rows} == {"371400"}
    text = "一、生态文明建设取得历史性突破\n创建国家园林城市（县城）37个。"
    rows = run(text, region="530000", title="云南省生态文明建设排头兵规划（2021—2025年）")
    assert [(r["value"], r["kind"]) for r in rows] == [(37.0, "achievement")]


def test_a_milestone_completed_later_in_the_sentence_its_period_opens():
    rows = run("2030年前，财政政策体系基本形成，推动全省碳达峰目标如期完成，为实现碳中和奠定坚实基础。"
               "2060年前，政策体系成熟健全，推动碳中和目标顺利实现。", region="330000")
    assert [(r["indicator"], r["target_year"], r["region_code"]) for r in rows] == [
        ("碳达峰", 2030, "330000"), ("碳中和", 2060, "330000")]


def test_a_milestone_in_a_later_piece_of_the_deadlines_list():
    rows = run("到2030年，非化石能源消费比重达到25%左右；森林蓄积量达到190亿立方米，二氧化碳排放量达到峰值并实现稳中有降。",
               region="100000")
    assert [(r["indicator"], r["value"], r["target_year"]) for r in rows] == [
        ("非化石能源消费比重", 25.0, 2030), ("森林蓄积量", 19e9, 2030), ("碳达峰", None, 2030)]


def test_no_milestone_for_a_peak_already_past_or_a_year_that_dates_support():
    assert [r["indicator"] for r in run("到2035年，广泛形成绿色生产生活方式，碳排放达峰后稳中有降，生态环境根本好转。")] == []
    assert run("到2025年，初步构建绿色低碳技术创新体系，高质量支撑我市如期实现碳达峰。", region="330100") == []


def test_no_milestone_for_a_study_an_action_or_a_part_of_the_place():
    assert run("有序推进云南省2060年前碳中和路径设计，明确重点领域。", region="530000") == []
    assert run("到2025年，二氧化碳排放达峰行动迈上新台阶。") == []
    assert run("到2025年，生产生活方式绿色转型成效显著，有条件的地方和重点行业率先实现碳排放达峰。", region="440000") == []


def test_a_bound_before_a_short_verb_and_an_approximate_share():
    rows = run("“十四五”期间，各区县每年至少开展应急演练1次。")
    assert [(r["value"], r["unit"], r["comparator"]) for r in rows] == [(1.0, "count", ">=")]
    rows = run("我省温室气体排放约占全国的7.2%。")
    assert [(r["value"], r["comparator"]) for r in rows] == [(7.2, "~")]


def test_the_issuer_of_a_named_standard_is_not_the_place():
    rows = run("到2025年，在新建项目中全面执行湖北省《低能耗居住建筑节能设计标准》，执行率达到100%。", region="420100")
    assert [(r["value"], r["region_code"]) for r in rows] == [(100.0, "420100")]


def test_a_modifier_alone_is_no_indicator():
    rows = run("商品有机肥施用量超过24万吨，超额完成23万吨的目标要求。")
    assert {r["indicator"] for r in rows} == {"商品有机肥施用量"}
    assert run("对平台给予补助，最高500万元。") == []


def test_a_list_of_pollutant_codes_shares_the_head_after_the_last():
    rows = run("2020年，SO2、PM10和PM2.5污染物的年均值浓度分别为26微克/立方米、81微克/立方米和32微克/立方米。")
    assert [(r["indicator"], r["value"], r["unit"]) for r in rows] == [
        ("SO2年均值浓度", 26.0, "ug/m3"), ("PM10年均值浓度", 81.0, "ug/m3"), ("PM2.5年均值浓度", 32.0, "ug/m3")]


def test_a_list_of_pollutants_shares_its_head():
    rows = run("2020年，全市化学需氧量、氨氮、二氧化硫、氮氧化物四项主要污染物排放量较2015年分别下降11.7%、13.5%、32.1%、24.5%。")
    assert [r["indicator"] for r in rows] == ["化学需氧量排放量", "氨氮排放量", "二氧化硫排放量", "氮氧化物排放量"]
    rows = run("“十三五”期间，全省化学需氧量、氨氮、二氧化硫、氮氧化物的排放量较2015年分别降低11.6%、17.1%、28.7%、18.8%。")
    assert [r["indicator"] for r in rows] == ["化学需氧量排放量", "氨氮排放量", "二氧化硫排放量", "氮氧化物排放量"]
    assert {r["base_year"] for r in rows} == {2015}


def test_a_share_followed_by_its_noun_counts_that_noun():
    rows = run("到2025年，全市80%以上的规模以上工业企业完成清洁生产审核。")
    assert [(r["indicator"], r["value"], r["comparator"]) for r in rows] == [("规模以上工业企业", 80.0, ">=")]
    rows = run("全省75%的重点湖泊和60%的重要湿地得到有效保护。")
    assert [(r["indicator"], r["value"]) for r in rows] == [("重点湖泊", 75.0), ("重要湿地", 60.0)]
    rows = run("到2025年，力争形成相当于最大用电负荷3%的可调节负荷能力。")
    assert [(r["indicator"], r["value"]) for r in rows] == [("可调节负荷能力", 3.0)]
    rows = run("到2025年，可再生能源消费比重达到15%的目标。")  # a rate named before keeps its name
    assert [r["indicator"] for r in rows] == ["可再生能源消费比重"]


def test_indicator_words_a_list_or_a_cut_leaves_dangling():
    rows = run("2024年底前新建3家省级工程技术研究中心和5家重点实验室。")
    assert [(r["indicator"], r["value"]) for r in rows] == [("省级工程技术研究中心", 3.0), ("重点实验室", 5.0)]
    rows = run("累计创建省级生态文明建设示范区（县）12个。")
    assert [r["indicator"] for r in rows] == ["创建省级生态文明建设示范区(县)"]
    rows = run("今年一般公共预算支出拟安排26.7万亿元。", region="100000")
    assert [r["indicator"] for r in rows] == ["一般公共预算支出"]


def test_a_list_shares_a_per_unit_tail_or_a_head():
    rows = run("到2025年，铁路和内河船舶单位换算周转量综合能耗比2020年分别下降5%、4%。")
    assert [r["indicator"] for r in rows] == ["铁路单位换算周转量综合能耗", "内河船舶单位换算周转量综合能耗"]
    rows = run("到2025年，二氧化硫、氨氮、挥发性有机物重点工程减排量分别达到1.2万吨、0.05万吨、0.8万吨。")
    assert [r["indicator"] for r in rows] == ["二氧化硫减排量", "氨氮减排量", "挥发性有机物重点工程减排量"]


def test_a_list_after_fenbie_and_a_colon():
    rows = run("截至2022年底，全省光伏、风电和生物质发电装机分别为：1200万千瓦、800万千瓦和60万千瓦。")
    assert [(r["indicator"], r["value"], r["unit"]) for r in rows] == [
        ("光伏装机", 12000.0, "MW"), ("风电装机", 8000.0, "MW"), ("生物质发电装机", 600.0, "MW")]


def test_a_threshold_that_defines_a_term_in_brackets_is_not_a_measure():
    rows = run("严格控制高硫煤（含硫量高于3%）的使用，到2025年，煤炭消费比重下降到60%。")
    assert [(r["indicator"], r["value"]) for r in rows] == [("煤炭消费比重", 60.0)]


def test_a_funding_rule_in_a_call_for_projects_is_not_a_measure():
    assert run("资助方式：定额资助，本方向拟资助不超过5个项目。") == []


def test_less_than_and_yearly_capacities():
    rows = run("目前全县平均每个乡镇环保员不足2人。")
    assert [(r["value"], r["unit"], r["comparator"]) for r in rows] == [(2.0, "people", "<")]
    rows = run("到2025年，建成餐厨垃圾处理厂1座，年处理餐厨垃圾3万吨。")
    assert [(r["value"], r["unit"]) for r in rows] == [(1.0, "count"), (30000.0, "t/a")]
    rows = run("2020年，全市年产生一般工业固体废物120万吨。")
    assert [(r["value"], r["unit"]) for r in rows] == [(1200000.0, "t")]


def test_a_count_before_a_list_of_modifiers_counts_the_noun_they_share():
    rows = run("到2025年，培育20家以上技术先进、带动力强、管理规范的林业龙头企业。")
    assert [(r["indicator"], r["value"], r["comparator"]) for r in rows] == [("林业龙头企业", 20.0, ">=")]
    rows = run("2021年，全市办结368件国家、省级环保督察转办件。")
    assert [r["indicator"] for r in rows] == ["国家、省级环保督察转办件"]


def test_list_pieces_after_a_value_and_sub_counts_by_level():
    rows = run("到2025年，建成8个海绵城市示范片区、生态清洁小流域15条。")
    assert [r["indicator"] for r in rows] == ["海绵城市示范片区", "生态清洁小流域"]
    rows = run("到2025年，创建绿色矿山60家，其中国家级20家，省级40家。")
    assert [r["indicator"] for r in rows] == ["创建绿色矿山", "国家级绿色矿山", "省级绿色矿山"]


def test_headings_ranks_and_caps_in_indicator_words():
    rows = run("三、大气污染防治重点工程（26项）")
    assert [(r["indicator"], r["value"]) for r in rows] == [("大气污染防治重点工程", 26.0)]
    rows = run("2020年，全市空气质量改善幅度位居全省第1位。")
    assert [(r["indicator"], r["unit"]) for r in rows] == [("空气质量改善幅度", "rank")]
    rows = run("对示范项目按投资额的10%给予奖励，每个项目最高不超过200万元。")
    assert all(r["unit"] != "CNY" for r in rows)


def test_a_pilot_place_or_a_basis_is_not_where_the_value_is():
    rows = run("以章丘区为试点，在全市范围内推广建设农村生活污水处理设施300处。", region="370100")
    assert [(r["value"], r["region_code"]) for r in rows] == [(300.0, "370100")]
    rows = run("到2025年，在长清区现有3座垃圾焚烧厂的基础上，再建设垃圾焚烧厂2座。", region="370100")
    assert [(r["value"], r["region_code"]) for r in rows][-1] == (2.0, "370100")


def test_list_heads_after_deng_or_zhan_and_a_part_of_a_whole():
    rows = run("到2025年，城市公交、出租汽车、城市配送等能耗强度分别下降5%、4%、6%。")
    assert [r["indicator"] for r in rows] == ["城市公交能耗强度", "出租汽车能耗强度", "城市配送能耗强度"]
    rows = run("2020年，数字经济核心产业、文化产业增加值占地区生产总值比重分别达到9.5%和5.1%。")
    assert [r["indicator"] for r in rows] == ["数字经济核心产业占地区生产总值比重", "文化产业增加值占地区生产总值比重"]
    rows = run("到2025年，高效节水灌溉面积达到耕地面积的40%。")
    assert [(r["indicator"], r["value"]) for r in rows] == [("高效节水灌溉面积占耕地面积比例", 40.0)]
    rows = run("2021年，规模以上工业企业研发经费占营业收入仅为1.2%。")
    assert [r["indicator"] for r in rows] == ["规模以上工业企业研发经费占营业收入"]


def test_who_a_rule_covers_is_not_a_measure():
    text = ("年度温室气体排放量达2.6万吨二氧化碳当量（综合能源消费量约1万吨标准煤）及以上的钢铁、"
            "建材行业企业应报送排放报告。")
    assert run(text) == []
    assert run("对优良比例未达到90%但较上年有提升的县，给予奖励。") == []
    assert run("关停电厂30公里供热半径范围内的燃煤锅炉。") == []


def test_a_share_of_what_the_last_clause_measured_and_what_it_is_compared_with():
    rows = run("截至2021年底，全市光伏发电装机容量达到120万千瓦，占全市电力总装机18.5%。", region="320300")
    assert [r["indicator"] for r in rows] == ["光伏发电装机容量", "光伏发电装机容量占全市电力总装机"]
    rows = run("绿色建筑面积累计达到5亿平方米，占城镇建筑总量的55%。")
    assert [(r["indicator"], r["region_code"]) for r in rows][-1] == ("绿色建筑面积占城镇建筑总量", "320000")
    rows = run("考核指标：新品种单位面积碳汇量较当地主栽品种提高15%以上。")
    assert [(r["indicator"], r["value"], r["direction"]) for r in rows] == [("新品种单位面积碳汇量", 15.0, "increase")]


def test_product_test_conditions_and_table_sub_rows():
    rows = run("储能电池循环寿命不低于6000次（90%DOD）。")
    assert [r["unit"] for r in rows] == ["count"]
    text = "专栏一 林业发展主要指标\n单位2020年2025年 属性\n林业总产值（亿元）3000 4000预期性\n其中：森林旅游产值（亿元）800 1200预期性"
    rows = run(text, region="420000", title="湖北省林业发展“十四五”规划")
    assert [r["indicator"] for r in rows][-2:] == ["森林旅游产值", "森林旅游产值"]


def test_a_long_fenbie_subject_is_not_cut_before_it_splits():
    rows = run("到2025年，全省公共机构单位建筑面积能耗、单位建筑面积碳排放、人均综合能耗和人均用水量比2020年分别下降5%、7%、6%和6%。")
    assert [r["indicator"] for r in rows] == ["公共机构单位建筑面积能耗", "单位建筑面积碳排放", "人均综合能耗", "人均用水量"]


def test_list_marks_orders_of_magnitude_and_yearly_recovery():
    rows = run("（3）建设年回收利用5万吨废旧动力电池综合利用项目；")
    assert [(r["value"], r["unit"]) for r in rows] == [(50000.0, "t/a")]
    assert not run("区内煤层瓦斯含量较周边矿区高1~2个数量级。")


def test_mountains_codes_with_leading_zeros_and_conjunctions_at_the_length_limit():
    rows = run("以大别山、武当山生态保护修复为重点，每年完成营造林100万亩以上。", region="420000")
    assert [r["region_code"] for r in rows] == ["420000"]
    assert run("02生态保护修复项目") == []
    rows = run("力争引进20名以上新能源与节能环保领域高层次创新人才和青年骨干人才。")
    assert [r["indicator"] for r in rows] == ["引进新能源与节能环保领域高层次创新人才"]


def test_short_modifier_lists_do_not_swallow_the_next_value():
    rows = run("到2025年，建成北电南送2回通道、东电西送3回通道。")
    assert [(r["indicator"], r["value"]) for r in rows][0] == ("通道", 2.0)


def test_a_pilot_county_is_where_its_project_is_and_issued_targets_are_no_part():
    rows = run("以盘州市为试点，开展光伏项目100万千瓦的示范基地建设。", region="520000")
    assert [r["region_code"] for r in rows] == ["520281"]
    rows = run("2020年，全省完成省下达指标的120%。")
    assert [r["indicator"] for r in rows] != ["完成下占指标比例"]
    assert run("每个项目省资助经费一般不超过300万元。") == []


def test_a_half_width_full_stop_is_no_part_of_the_name():
    rows = run("到2025年,新增3家省级绿色低碳技术创新中心.")
    assert [r["indicator"] for r in rows] == ["省级绿色低碳技术创新中心"]


def test_a_deadline_that_opens_a_paragraph_governs_its_later_goals():
    text = ("日前，省政府印发实施意见提出，到2025年，全省绿色发展政策体系要基本建立。全市公园绿地面积要达到12平方米。"
            "城镇污水处理率力争达到98%。\n2021年，全省森林覆盖率已达35%。")
    rows = run(text, region="130000")
    assert [(r["indicator"], r["value"], r["target_year"], r["kind"]) for r in rows] == [
        ("公园绿地面积", 12.0, 2025, "target"), ("城镇污水处理率", 98.0, 2025, "target"),
        ("森林覆盖率", 35.0, 2021, "achievement")]
    rows = run("到2025年，全省绿色发展政策体系要基本建立。\n城镇污水处理率要达到95%。", region="130000")
    assert [(r["value"], r["target_year"]) for r in rows] == [(95.0, None)]  # a new paragraph: no deadline


@pytest.mark.parametrize("text, comparator", [
    ("全省光伏装机超出1000万千瓦。", ">="),
    ("全省森林覆盖率几乎达到70%。", "~"),
    ("全省光伏装机约合1000万千瓦。", "~"),
])
def test_words_of_bound_and_approximation_before_the_value(text, comparator):
    rows = run(text)
    assert [r["comparator"] for r in rows] == [comparator]


def test_a_daily_rate_gets_a_canonical_daily_unit_only():
    assert [r["unit"] for r in run("“深海一号”日产天然气已达到1000万立方米。")] == ["m3/d"]
    assert [r["unit"] for r in run("现在平均每天超过5000辆新能源汽车乘船出海。", region="100000")] == ["count/d"]
