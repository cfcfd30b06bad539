"""Structure: articles, titles, bylines, dates with precision, issuer, number, type and place."""
from __future__ import annotations

import json
from datetime import date

import pytest

from transforms import regions, structure

try:
    from tests.helpers_ingest import GOLD, ROOT, corpus_policies, need_corpus, run_one, seed_bytes, seed_path
except ImportError:  # tests/ on sys.path instead of the project root
    from helpers_ingest import GOLD, ROOT, corpus_policies, need_corpus, run_one, seed_bytes, seed_path


def seed(prefix: str):
    return run_one(seed_path(prefix).name, seed_bytes(prefix))


def summary(arts):
    return [(a["title"], a["author"], a["region_code"], a["published_month_day"]) for a in arts]


# ------------------------------------------------------------------ the seeds

def test_seed_004_three_articles_with_titles_authors_and_places():
    doc, arts, rejects = seed("004")
    assert rejects == []
    assert doc["n_articles"] == 3
    assert summary(arts) == [
        ("扛起光荣使命 在现代化新镇江建设中激情奔跑", "谈沁磊、孙力", "321100", None),
        ("扛起山水花园名城建设光荣使命", "吴海平", "321100", None),
        ("践行“两山”理念 争当“双碳”赛道领跑者", "杨友军", "321182102", None),  # 油坊镇, 扬中市
    ]
    assert doc["region_code"] == "321100" and doc["region_level"] == "city"  # 镇江 holds all three
    assert doc["date_precision"] == "none" and doc["published_month_day"] is None


def test_articles_are_spans_of_the_clean_text():
    doc, arts, _ = seed("004")
    text = doc["clean_text"]
    assert [a["article_idx"] for a in arts] == [0, 1, 2]
    assert arts[0]["span_start"] == 0
    for a, nxt in zip(arts, arts[1:] + [None]):
        assert text[a["span_start"]:a["span_start"] + len(a["text"])] == a["text"]
        end = nxt["span_start"] - 1 if nxt else len(text)
        assert a["span_start"] + len(a["text"]) == end  # articles tile the text
    assert arts[1]["text"].startswith("扛起山水花园名城建设光荣使命\n吴海平\n")
    assert arts[0]["text"].endswith("(作者单位:镇江市发展和改革委员会)")
    assert arts[2]["text"].endswith("(作者系扬州市油坊镇党委书记)")


def test_seed_002_two_articles_in_the_development_zone():
    doc, arts, _ = seed("002")
    assert summary(arts) == [("全面吹响新时代绿色发展“集结号”", None, "320371", "12-18"),
                             ("防污治污人人有劳企企有责", None, "320371", "12-17")]
    assert (doc["published_month_day"], doc["date_precision"], doc["published_date"]) == ("12-18", "month_day", None)
    assert doc["region_name"] == "徐州经济技术开发区" and doc["region_level"] == "zone"


def test_seed_000_traditional_news_with_a_month_day():
    doc, arts, _ = seed("000")
    assert doc["title"] == "全市(近)零碳产业园区建设工作会议召开"
    assert (doc["published_month_day"], doc["date_precision"]) == ("07-19", "month_day")
    assert doc["script"] == "traditional" and doc["doc_type"] == "新闻"
    assert doc["region_code"] == "320900"  # 盐城: the city its counties belong to
    assert len(arts) == 1


def test_seed_003_yesterday_without_a_base_has_no_date():
    doc, arts, _ = seed("003")
    assert (doc["published_month_day"], doc["date_precision"], doc["published_date"]) == (None, "none", None)
    assert doc["title"] == "市领导现场督办政协重点提案"
    assert arts[0]["author"] == "杨丹丹"
    assert doc["region_code"] == "320800"  # 淮安, not the counties that ordinary words look like


def test_seed_001_wechat_article_without_a_title():
    doc, arts, _ = seed("001")
    assert doc["title"] is None  # the text has none, the file name is not one
    assert (doc["published_month_day"], doc["date_precision"]) == ("05-21", "month_day")
    assert doc["region_code"] == "330000"  # 杭州, 宁波, 衢州, 绍兴: the province


def test_every_field_of_the_seed_gold():
    path = GOLD / "seeds_documents.jsonl"
    if not path.exists():
        pytest.skip(f"no gold at {path}")
    for line in path.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        doc, _arts, _ = run_one(g["doc"], (ROOT / "seeds" / g["doc"]).read_bytes())
        assert any(doc["region_code"].startswith(p) for p in g["region_prefix"].split("|")), g["doc"]
        assert doc["n_articles"] == g["articles"], g["doc"]
        assert doc["script"] == g["script"], g["doc"]
        assert doc["published_month_day"] == g["month_day"], g["doc"]
        assert (doc["published_date"].year if doc["published_date"] else None) == g["year"], g["doc"]
        if g["title_contains"]:
            assert g["title_contains"] in doc["title"], g["doc"]


# ------------------------------------------------------------------ dates

@pytest.mark.parametrize("lines,expected", [
    (["天津市人民政府", "2022年3月1日"], (date(2022, 3, 1), "03-01", "day")),
    (["济南市人民政府", "二〇二一年十二月十七日"], (date(2021, 12, 17), "12-17", "day")),
    (["某某规划", "2022 年 3 月", "目 录"], (date(2022, 3, 1), None, "month")),
    (["7月19日,全市零碳产业园区建设工作会议召开。"], (None, "07-19", "month_day")),
    (["淮安日报讯:昨日,市委书记现场督办提案。"], (None, None, "none")),
    (["请于2021年7月30日前将申报材料寄送。"], (None, None, "none")),  # a deadline
    (["《方案》从2022年4月1日起实施。"], (None, None, "none")),  # a start date
    (["福建省生态环境保护条例", "（2022年3月30日福建省第十三届人民代表大会", "常务委员会第三十二次会议通过）"],
     (date(2022, 3, 30), "03-30", "day")),
    # a work report with no date line reviews the year before its own
    (["各位代表：", "现在，我代表国务院，向大会报告政府工作。", "一、2018年工作回顾", "过去一年是开局之年。"],
     (date(2019, 1, 1), None, "year")),
])
def test_publication_date_and_precision(lines, expected):
    w = structure.find_doc_date(lines).when
    assert (w.date, w.month_day, w.precision) == expected


def test_adopted_header_names_the_issuer():
    dd = structure.find_doc_date(["福建省生态环境保护条例", "（2022年3月30日福建省第十三届人民代表大会",
                                  "常务委员会第三十二次会议通过）"])
    assert dd.issuer == ["福建省人民代表大会常务委员会"]


# ------------------------------------------------------------------ a government notice

NOTICE = """天津市人民政府关于印发天津市碳达峰实施方案的通知
津政发〔2022〕12号
各区人民政府，市政府各委、局，各直属单位：
现将《天津市碳达峰实施方案》印发给你们，请认真贯彻执行。
到2025年，全市单位地区生产总值能耗比2020年下降14.5%。
天津市人民政府
2022年3月1日
（此件主动公开）
"""


def test_notice_issuer_number_type_date_and_place():
    doc, arts, _ = run_one("通知.txt", NOTICE.encode("gb18030"))
    assert doc["title"] == "天津市人民政府关于印发天津市碳达峰实施方案的通知"
    assert doc["issuer"] == "天津市人民政府"
    assert doc["doc_number"] == "津政发〔2022〕12号"
    assert doc["doc_type"] == "通知"
    assert (doc["published_date"], doc["date_precision"]) == (date(2022, 3, 1), "day")
    assert doc["region_code"] == "120000" and doc["region_level"] == "province"
    assert arts[0]["published_date"] == date(2022, 3, 1) and arts[0]["region_code"] == "120000"


@pytest.mark.parametrize("title,kind", [
    ("湖北省林业发展“十四五”规划", "规划"), ("重庆市环境应急能力建设“十四五”规划（2021—2025年）", "规划"),
    ("企业温室气体排放报告核查指南（试行）", "指南"), ("福建省生态环境保护条例", "条例"),
    ("关于印发《湖北省碳排放第三方核查机构管理办法》的通知", "通知"), ("关于促进应对气候变化投融资的指导意见", "意见"),
    ("政府工作报告", "报告"), ("齐齐哈尔市绿色建筑创建行动实施方案", "方案"), ("全市零碳产业园区建设工作会议召开", None),
])
def test_document_type_from_the_title(title, kind):
    assert structure.doc_type_of(title) == kind


def test_national_document_and_common_words_that_look_like_places():
    text = ("国家发展改革委等部门关于发布《煤炭清洁高效利用重点领域标杆水平和基准水平》的通知\n"
            "各省、自治区、直辖市发展改革委：\n为贯彻落实党中央、国务院决策部署，推动全国煤炭清洁高效利用，"
            "加强产融合作，现发布标杆水平和基准水平。\n国家发展改革委\n2022年4月9日\n")
    doc, _, _ = run_one("n.txt", text.encode("utf-8"))
    assert doc["region_code"] == "100000"  # not 平和县 ("水平和基准") nor 合作市 ("产融合作")
    assert doc["issuer"] == "国家发展改革委"


def test_byline_names():
    assert structure.byline_names("谈沁磊 孙力") == ["谈沁磊", "孙力"]
    assert structure.byline_names("■融媒体记者 杨丹丹") == ["杨丹丹"]
    assert structure.byline_names("目 录") is None
    assert structure.byline_names("一、新征程面临新形势") is None


# ------------------------------------------------------------------ the corpus against the peer's table

@pytest.mark.corpus
def test_corpus_metadata_agreement(capsys):
    """The thresholds of issue 3, measured by bench/compare_metadata.py. The date threshold holds on the
    PDFs whose text states a full date, against the table corrected where the text says otherwise
    (bench/metadata_notes.csv); 15 of the 51 texts state no date with a year at all."""
    folder = need_corpus("policies")
    from bench import compare_metadata

    docs, rejects = corpus_policies()
    notes = compare_metadata.load_notes()
    texts = dict(zip(docs.column("source_name").to_pylist(), docs.column("clean_text").to_pylist()))
    for (file, _field), note in notes.items():  # every correction is what the text says
        assert note["evidence"] in texts[file], file
    res = compare_metadata.main(["--corpus", str(folder)], result=(docs, rejects))
    assert res.n == 51 and rejects == []
    assert res.province_pct >= 95.0
    assert res.city_pct >= 90.0
    assert res.date_stated_text_pct >= 90.0
    assert res.date_ok >= 27  # of 51 against the table as it is (measured 27; see the report)
    assert res.month_ok == res.month_only  # the PDFs that give only a month give the table's
    out = capsys.readouterr().out
    assert f"province right {res.province_ok}/51" in out and f"city right {res.city_ok}/15" in out


@pytest.mark.corpus
def test_corpus_titles_issuers_and_numbers():
    need_corpus("policies")
    docs, _ = corpus_policies()
    by = {d["source_name"].split("、")[0]: d for d in docs.to_pylist()}
    assert (by["461"]["issuer"], by["461"]["doc_number"]) == ("济南市人民政府", "济政字〔2021〕92号")
    assert by["461"]["published_date"] == date(2021, 12, 17)
    assert by["101"]["issuer"] == "福建省人民代表大会常务委员会" and by["101"]["doc_type"] == "条例"
    assert by["1"]["issuer"] == "中共中央、国务院" and by["1"]["region_code"] == "100000"
    assert by["561"]["title"] == "湖南省“十四五”可再生能源发展规划"
    assert by["341"]["region_code"] == "120000"  # 津环气候〔2022〕19号: a notice of the 市 of 天津
    assert all(d["n_articles"] == 1 for d in docs.to_pylist())


def test_cities_without_counties_do_not_hang_the_place_finder():
    # 东莞市, 中山市 and 儋州市 have no counties: the source table lists each again as its own county
    doc, _, rejects = run_one("gd.txt", "广东省中山市、东莞市召开碳达峰工作会议。\n会议要求中山市加快建设。".encode())
    assert rejects == []
    assert doc["region_code"] == "440000"
    assert regions.ancestors("442000") == ["442000", "440000"]


@pytest.mark.corpus
def test_a_policy_text_saved_as_txt_stays_one_article():
    need_corpus("policies")
    docs, _ = corpus_policies()
    for d in docs.to_pylist():
        doc, _arts, rejects = run_one(d["source_name"] + ".txt", d["clean_text"].encode("utf-8"))
        assert rejects == [] and doc["n_articles"] == 1, d["source_name"]


def test_a_web_page_date_label_and_the_signature_date_wins_over_it():
    page = ["某市印发碳达峰实施方案", "发布时间：2022-03-01 10:00 来源：市政府", "方案提出，到2025年建成10个零碳园区。"]
    w = structure.find_doc_date(page).when
    assert (w.date, w.precision) == (date(2022, 3, 1), "day")
    signed = page + ["某市人民政府", "2022年2月20日"]
    assert structure.find_doc_date(signed).when.date == date(2022, 2, 20)


def test_a_town_is_named_as_a_town():
    doc, _, _ = run_one("t.txt", "关于油坊镇碳中和示范村镇建设的调研报告\n杨友军\n油坊镇位于扬中市。".encode())
    assert (doc["region_code"], doc["region_name"], doc["region_level"]) == ("321182102", "油坊镇", "town")


def test_a_wechat_byline_with_an_iso_date():
    lines = ["全省碳达峰碳中和工作推进会召开", "原创 浙江经信 2021-05-22 18:30", "5月21日下午，推进会在杭州召开。"]
    w = structure.find_doc_date(lines).when
    assert (w.date, w.precision) == (date(2021, 5, 22), "day")


def test_red_head_notice_in_a_text_file():
    text = ("天津市人民政府文件\n津政发〔2022〕12号\n关于加快建设绿色低碳循环发展经济体系的通知\n各区人民政府：\n"
            "现就有关事项通知如下。到2025年，绿色产业比重显著提升。\n天津市人民政府\n2022年3月1日\n")
    doc, arts, _ = run_one("红头.txt", text.encode("utf-8"))
    assert doc["title"] == "关于加快建设绿色低碳循环发展经济体系的通知"
    assert (doc["issuer"], doc["doc_number"], doc["doc_type"]) == ("天津市人民政府", "津政发〔2022〕12号", "通知")
    assert doc["region_code"] == "120000" and arts[0]["region_code"] == "120000" and doc["n_articles"] == 1


def test_articles_after_an_authors_note_at_the_end_of_a_paragraph():
    text = seed_bytes("004").decode("utf-8")
    doc, arts, _ = run_one("twice.txt", (text + "\n" + text).encode("utf-8"))
    assert doc["n_articles"] == 6
    assert [a["author"] for a in arts] == ["谈沁磊、孙力", "吴海平", "杨友军"] * 2
