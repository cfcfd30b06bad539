"""The analyst views: exact rows on a hand-made warehouse, consistency with `measures` on the seeds and the corpus."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from schemas import tables
from transforms import indicator_ids, pipeline, regions
from warehouse import store

from tests import controlled
from tests.conftest import SEEDS

VIEWS = {"targets_by_region_year", "carbon_milestones", "measure_facts", "indicator_timeline", "document_coverage",
         "commitments", "target_revisions", "indicator_comparison"}


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = controlled.build(tmp_path_factory.mktemp("controlled") / "tanlu.duckdb")
    c = duckdb.connect(str(path), read_only=True)
    yield c
    c.close()


def rows(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


# --- every view ---------------------------------------------------------------------------------------------

def test_every_view_exists_with_a_comment(con):
    got = dict(rows(con, "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal"))
    assert set(got) == VIEWS
    for name, comment in got.items():
        assert comment and len(comment) > 40, name


def test_every_view_file_starts_with_a_comment_block():
    for path in Path(store.__file__).with_name("views").glob("*.sql"):
        assert path.read_text(encoding="utf-8").startswith(f"-- {path.stem}:"), path.name


# --- targets_by_region_year --------------------------------------------------------------------------------

def test_targets_roll_up_from_county_and_city_to_province(con):
    got = rows(con, """SELECT region_code, region_name, region_level, province_name, target_year, sector,
                              n_targets, n_own_targets, n_documents, indicators
                       FROM targets_by_region_year WHERE province_code = '320000'
                       ORDER BY region_code, target_year, sector""")
    assert got == [
        ("320000", "江苏省", "province", "江苏省", 2023, "buildings", 1, 0, 1, "屋顶光伏安装率"),
        ("320000", "江苏省", "province", "江苏省", 2023, "energy", 1, 0, 1, "光伏装机"),
        ("320000", "江苏省", "province", "江苏省", 2025, "energy", 2, 2, 1, "单位地区生产总值能耗；非化石能源消费比重"),
        ("320000", "江苏省", "province", "江苏省", 2028, "carbon", 1, 0, 1, "碳达峰"),
        ("320000", "江苏省", "province", "江苏省", 2030, "carbon", 1, 1, 1, "碳达峰"),
        ("320000", "江苏省", "province", "江苏省", 2030, "energy", 1, 0, 1, "光伏装机"),
        ("321100", "镇江市", "city", "江苏省", 2023, "buildings", 1, 0, 1, "屋顶光伏安装率"),
        ("321100", "镇江市", "city", "江苏省", 2023, "energy", 1, 0, 1, "光伏装机"),
        ("321100", "镇江市", "city", "江苏省", 2028, "carbon", 1, 1, 1, "碳达峰"),
        ("321100", "镇江市", "city", "江苏省", 2030, "energy", 1, 1, 1, "光伏装机"),
        ("321182", "扬中市", "county", "江苏省", 2023, "buildings", 1, 1, 1, "屋顶光伏安装率"),
        ("321182", "扬中市", "county", "江苏省", 2023, "energy", 1, 1, 1, "光伏装机"),
    ]


def test_national_targets_stay_national_and_unknown_codes_keep_their_row(con):
    assert rows(con, """SELECT target_year, sector, n_targets FROM targets_by_region_year
                        WHERE region_code = '100000' ORDER BY ALL""") == [
        (2025, "energy", 1), (2030, "carbon", 1), (2030, "energy", 1), (2060, "carbon", 1), (2060, "energy", 1)]
    assert rows(con, """SELECT region_code, region_name, region_level, target_year, n_targets
                        FROM targets_by_region_year WHERE region_name IS NULL""") == [
        (controlled.UNKNOWN_CODE, None, None, 2025, 1)]
    # 合肥's target rolls up to 安徽 only through the regions table
    assert rows(con, """SELECT target_year, n_targets, n_own_targets FROM targets_by_region_year
                        WHERE region_code = '340000' ORDER BY ALL""") == [(2025, 1, 0), (2030, 1, 0)]


def test_own_targets_add_up_to_the_targets(con):
    own, total = rows(con, "SELECT sum(n_own_targets), sum(n_targets) FROM targets_by_region_year")[0]
    assert own == rows(con, "SELECT count(*) FROM measures WHERE kind = 'target'")[0][0] == 17  # none repeated
    # each 扬中 target counts three times (county, city, province), each 镇江 and 合肥 target twice
    assert total == 17 + 2 * 2 + 2 + 2


# --- carbon_milestones -------------------------------------------------------------------------------------

def test_carbon_milestones_per_region_with_sources(con):
    got = rows(con, """SELECT region_code, region_name, region_level, peak_year, peak_source, peak_measure_id,
                              neutrality_year, neutrality_source, neutrality_measure_id, n_documents,
                              peak_years, neutrality_years
                       FROM carbon_milestones ORDER BY region_code""")
    nat = "国务院碳达峰碳中和意见.txt"
    assert got == [
        ("100000", "中华人民共和国", "national", 2030, nat, "m002", 2060, nat, "m004", 1, "2030", "2060"),
        ("320000", "江苏省", "province", 2030, "江苏省碳达峰实施方案.txt", "m007", None, None, None, 1, "2030", None),
        ("321100", "镇江市", "city", 2028, "镇江市绿色低碳发展规划.txt", "m011", None, None, None, 1, "2028", None),
    ]
    ev = rows(con, "SELECT peak_evidence, neutrality_evidence FROM carbon_milestones WHERE region_code = '100000'")
    assert ev == [(controlled.DOCS[0].sentences[1], controlled.DOCS[0].sentences[2])]


def _add(path, docs=(), measures=()):
    """Insert rows beside the existing ones (load_batch would replace the documents' rows)."""
    with store.open_warehouse(path) as c:
        for name, spec, new in (("documents", tables.DOCUMENTS, docs), ("measures", tables.MEASURES, measures)):
            if new:
                c.register("_new", pa.Table.from_pylist(list(new), spec.arrow))
                c.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _new")
                c.unregister("_new")


def _measure(mid: str) -> dict:
    return next(m for m in controlled.batch()["measures"].to_pylist() if m["measure_id"] == mid)


def _document(key: str) -> dict:
    did = controlled.doc_id(key)
    return next(d for d in controlled.batch()["documents"].to_pylist() if d["doc_id"] == did)


def test_when_texts_disagree_the_year_most_documents_state_wins_then_the_earliest(tmp_path):
    path = controlled.build(tmp_path / "w.duckdb")
    query = ("SELECT peak_year, peak_measure_id, peak_years, n_documents FROM carbon_milestones "
             "WHERE region_code = '320000'")
    # the 江苏 plan also says 2027 somewhere: one document each for 2027 and 2030, so the earlier wins
    _add(path, measures=[{**_measure("m007"), "measure_id": "m900", "target_year": 2027}])
    with duckdb.connect(str(path), read_only=True) as c:
        assert rows(c, query) == [(2027, "m900", "2027, 2030", 1)]
    # a second document states 2030: two documents against one
    later = {**_document("js"), "doc_id": controlled.doc_id("js-2"), "source_name": "江苏省碳达峰行动.txt",
             "published_date": date(2023, 1, 5)}
    _add(path, docs=[later], measures=[{**_measure("m007"), "measure_id": "m901", "doc_id": later["doc_id"],
                                        "source_name": later["source_name"]}])
    with duckdb.connect(str(path), read_only=True) as c:
        # the source is the earliest published document stating 2030: the 2022 plan, not the 2023 one
        assert rows(c, query) == [(2030, "m007", "2027, 2030", 2)]


def test_coal_consumption_peaking_is_not_a_carbon_peak(tmp_path):
    path = controlled.build(tmp_path / "w.duckdb")
    _add(path, measures=[{**_measure("m007"), "measure_id": "m902", "indicator": "煤炭消费达峰", "target_year": 2025,
                          "region_code": "330000"}])
    with duckdb.connect(str(path), read_only=True) as c:
        assert rows(c, "SELECT count(*) FROM carbon_milestones WHERE region_code = '330000'") == [(0,)]


# --- measure_facts -----------------------------------------------------------------------------------------

def test_measure_facts_one_wide_row_per_measure(con):
    assert rows(con, "SELECT count(*), count(DISTINCT measure_id) FROM measure_facts") == [(20, 20)]
    got = rows(con, """SELECT indicator, value, unit, target_year, region_code, region_name, place_name,
                              city_code, city_name, province_code, province_name, source_name, doc_title,
                              doc_type, issuer, published_date::VARCHAR, published_year, evidence
                       FROM measure_facts WHERE measure_id = 'm013'""")
    assert got == [("居民光伏屋顶安装率", 50.0, "%", 2023, "321182", "扬中市", "油坊镇", "321100", "镇江市",
                    "320000", "江苏省", "镇江市绿色低碳发展规划.txt", "镇江市绿色低碳发展规划", "规划",
                    "镇江市人民政府", "2022-05-10", 2022, controlled.DOCS[3].sentences[2])]


def test_measure_facts_keeps_the_measure_columns(con):
    cols = [r[0] for r in rows(con, "DESCRIBE measure_facts")]
    for c in tables.MEASURES.columns:
        assert c in cols, c


# --- indicator_timeline ------------------------------------------------------------------------------------

def test_indicator_timeline_puts_targets_beside_achievements(con):
    got = rows(con, """SELECT indicator, region_code, year, target_value, target_comparator, target_source,
                              achieved_value, achieved_source, n_targets, n_achievements
                       FROM indicator_timeline WHERE region_code = '321182' ORDER BY indicator""")
    plan, report = "镇江市绿色低碳发展规划.txt", "扬中市2024年政府工作报告.txt"
    assert got == [
        ("企业屋顶电站装机容量", "321182", 2023, 20.0, "=", plan, 22.0, report, 1, 1),
        ("单位地区生产总值能耗", "321182", 2023, None, None, None, 3.1, report, 0, 1),
        ("居民光伏屋顶安装率", "321182", 2023, 50.0, "=", plan, None, None, 1, 0),
    ]


def test_indicator_timeline_one_indicator_by_region_and_year(con):
    got = rows(con, """SELECT region_name, year, target_value FROM indicator_timeline
                       WHERE indicator = '非化石能源消费比重' ORDER BY region_code, year""")
    assert got == [("中华人民共和国", 2025, 20.0), ("中华人民共和国", 2030, 25.0), ("中华人民共和国", 2060, 80.0),
                   ("江苏省", 2025, 18.0), ("浙江省", 2025, 24.0), ("合肥市", 2025, 15.0)]
    # the potential (no year) is not on the timeline; every dated target and achievement is
    n = rows(con, "SELECT sum(n_targets + n_achievements) FROM indicator_timeline")[0][0]
    assert n == rows(con, "SELECT count(*) FROM measures WHERE target_year IS NOT NULL "
                          "AND kind IN ('target', 'achievement')")[0][0] == 19


def test_indicator_timeline_the_latest_document_wins(tmp_path):
    path = controlled.build(tmp_path / "w.duckdb")
    b = controlled.batch()
    m = b["measures"].filter(pa.compute.equal(b["measures"]["measure_id"], "m005")).to_pylist()[0]
    d = b["documents"].filter(pa.compute.equal(b["documents"]["source_name"], "江苏省碳达峰实施方案.txt")).to_pylist()[0]
    new_doc = {**d, "doc_id": controlled.doc_id("js-2023"), "source_name": "江苏省2023年能源工作要点.txt",
               "published_date": date(2023, 3, 1)}
    new_m = {**m, "measure_id": "m901", "doc_id": new_doc["doc_id"], "source_name": new_doc["source_name"],
             "value": 19.0, "value_raw": "19%"}
    with store.open_warehouse(path) as c:
        store.load_batch(c, {"documents": pa.Table.from_pylist([new_doc], tables.DOCUMENTS.arrow),
                             "measures": pa.Table.from_pylist([new_m], tables.MEASURES.arrow)})
        got = rows(c, """SELECT target_value, target_value_raw, target_source, n_targets FROM indicator_timeline
                         WHERE indicator = '非化石能源消费比重' AND region_code = '320000' AND year = 2025""")
    assert got == [(19.0, "19%", "江苏省2023年能源工作要点.txt", 2)]


# --- document_coverage -------------------------------------------------------------------------------------

def test_document_coverage_counts_each_documents_measures(con):
    got = rows(con, """SELECT source_name, region_code, region_name, published_year, n_measures, n_targets,
                              n_achievements, n_other_measures, first_target_year, last_target_year,
                              n_documents_region_year, n_measures_region_year
                       FROM document_coverage ORDER BY region_code""")
    assert got == [
        ("国务院碳达峰碳中和意见.txt", "100000", "中华人民共和国", 2021, 5, 5, 0, 0, 2025, 2060, 1, 5),
        ("江苏省碳达峰实施方案.txt", "320000", "江苏省", 2022, 4, 3, 0, 1, 2025, 2030, 1, 4),
        ("淮安市成立碳达峰工作领导小组的通知.txt", "320800", "淮安市", 2022, 0, 0, 0, 0, None, None, 1, 0),
        ("镇江市绿色低碳发展规划.txt", "321100", "镇江市", 2022, 4, 4, 0, 0, 2023, 2030, 1, 4),
        ("扬中市2024年政府工作报告.txt", "321182", "扬中市", 2024, 2, 0, 2, 0, None, None, 1, 2),
        ("浙江省碳达峰实施方案.txt", "330000", "浙江省", 2022, 2, 2, 0, 0, 2025, 2030, 1, 2),
        ("合肥市政府工作报告.txt", "340100", "合肥市", None, 3, 3, 0, 0, 2025, 2030, 1, 3),
    ]


def test_document_coverage_groups_documents_of_a_region_and_year(tmp_path):
    path = controlled.build(tmp_path / "w.duckdb")
    b = controlled.batch()
    d = b["documents"].filter(pa.compute.equal(b["documents"]["source_name"], "江苏省碳达峰实施方案.txt")).to_pylist()[0]
    with store.open_warehouse(path) as c:
        store.load_batch(c, {"documents": pa.Table.from_pylist(
            [{**d, "doc_id": controlled.doc_id("js-2"), "source_name": "江苏省另一份通知.txt"}], tables.DOCUMENTS.arrow)})
        got = rows(c, """SELECT source_name, n_measures, n_documents_region_year, n_measures_region_year
                         FROM document_coverage WHERE region_code = '320000' ORDER BY source_name""")
    assert got == [("江苏省另一份通知.txt", 0, 2, 4), ("江苏省碳达峰实施方案.txt", 4, 2, 4)]


# --- on real texts: properties that hold whatever the extractor finds ---------------------------------------

def check_consistent(con) -> dict[str, int]:
    """Every view agrees with `measures` and `documents`; returns the counts for further checks."""
    one = lambda sql: con.execute(sql).fetchall()[0][0]  # noqa: E731
    n_measures = one("SELECT count(*) FROM measures")
    n_targets = one("SELECT count(*) FROM measures WHERE kind = 'target'")
    n_docs = one("SELECT count(*) FROM documents")
    assert one("SELECT count(*) FROM measure_facts") == one("SELECT count(DISTINCT measure_id) FROM measure_facts") \
        == n_measures
    assert one("SELECT count(*) FROM measure_facts WHERE doc_title IS NULL AND source_name IS NULL") == 0
    # targets_by_region_year counts commitments: each once, however many sentences state it
    n_commitments = one("SELECT count(*) FROM commitments")
    assert one("SELECT coalesce(sum(n_own_targets), 0) FROM targets_by_region_year") == n_commitments
    assert one("SELECT coalesce(sum(n_statements), 0) FROM commitments") == n_targets
    assert one("""SELECT count(*) FROM (SELECT region_code, coalesce(indicator_id, indicator), target_year, comparator,
                                              value, unit FROM commitments GROUP BY ALL HAVING count(*) > 1)""") == 0
    assert one("SELECT count(*) FROM commitments WHERE n_documents > n_statements OR n_documents < 1") == 0
    # indicator_comparison: one row per indicator_id x region x target year that has a target with an id
    assert one("SELECT count(*) FROM indicator_comparison") == one(
        """SELECT count(*) FROM (SELECT DISTINCT indicator_id, region_code, target_year FROM measures
           WHERE kind = 'target' AND indicator_id IS NOT NULL AND target_year IS NOT NULL)""")
    # every id is one of the indicators table
    assert one("SELECT count(*) FROM measures WHERE indicator_id NOT IN (SELECT indicator_id FROM indicators)") == 0
    assert one("SELECT count(*) FROM targets_by_region_year WHERE n_targets < n_own_targets OR n_targets < 1") == 0
    # a province's row holds at least the targets of every region under it for the same year and sector
    assert one("""SELECT count(*) FROM targets_by_region_year c JOIN targets_by_region_year p
                  ON p.region_code = c.province_code AND p.target_year IS NOT DISTINCT FROM c.target_year
                     AND p.sector = c.sector AND c.region_code <> c.province_code
                  WHERE p.n_targets < c.n_targets""") == 0
    assert one("SELECT count(*) FROM document_coverage") == n_docs
    assert one("SELECT coalesce(sum(n_measures), 0) FROM document_coverage") == n_measures
    assert one("""SELECT coalesce(sum(n_targets + n_achievements), 0) FROM indicator_timeline""") == \
        one("SELECT count(*) FROM measures WHERE target_year IS NOT NULL AND kind IN ('target', 'achievement')")
    assert one("SELECT count(*) FROM carbon_milestones WHERE peak_year IS NULL AND neutrality_year IS NULL") == 0
    assert one("SELECT count(*) FROM carbon_milestones") == one("SELECT count(DISTINCT region_code) FROM carbon_milestones")
    return {"measures": n_measures, "targets": n_targets, "documents": n_docs, "commitments": n_commitments}


def _load(path: Path, files: list[Path]) -> Path:
    t = pipeline.process(pipeline.read_sources(files))
    with store.open_warehouse(path) as c:
        store.migrate(c, regions.regions_table(), indicator_ids.indicators_table())
        store.load_batch(c, {k: getattr(t, k) for k in store.DOC_TABLES + ("rejects",)})
    return path


def corpus_warehouse(corpus_dir: Path, tmp_path_factory) -> Path:
    """The corpus (work reports and policies) through the pure chain into a warehouse, built once a session."""
    path = tmp_path_factory.getbasetemp() / "corpus-warehouse" / "tanlu.duckdb"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        _load(path.with_suffix(".tmp"), pipeline.list_inputs([corpus_dir / "work-reports", corpus_dir / "policies"]))
        path.with_suffix(".tmp").rename(path)
    return path


@pytest.fixture(scope="module")
def seeds_con(tmp_path_factory):
    path = _load(tmp_path_factory.mktemp("seeds") / "tanlu.duckdb", pipeline.list_inputs([SEEDS]))
    c = duckdb.connect(str(path), read_only=True)
    yield c
    c.close()


def test_views_agree_with_measures_on_the_seeds(seeds_con):
    got = check_consistent(seeds_con)
    assert got["documents"] == 5 and got["measures"] > 0 and got["targets"] > 0


def test_rooftop_solar_targets_of_youfang_show_under_their_city_on_the_seeds(seeds_con):
    """Issue 2: 油坊镇's rooftop-solar targets (seed 004) show in targets_by_region_year under their city."""
    solar = seeds_con.execute("""SELECT m.region_code, coalesce(r.city_code, m.region_code), count(*)
                                 FROM measures m LEFT JOIN regions r USING (region_code)
                                 WHERE m.kind = 'target' AND m.source_name LIKE '004_%'
                                   AND m.evidence LIKE '%光伏屋顶安装率%' GROUP BY ALL""").fetchall()
    assert solar, "the extractor found no rooftop-solar target in seed 004"
    for _, city, n in solar:
        got = seeds_con.execute("""SELECT region_level, sum(n_targets) FROM targets_by_region_year
                                   WHERE region_code = ? GROUP BY ALL""", [city]).fetchall()
        assert got and got[0][0] == "city" and got[0][1] >= n, (city, got)


@pytest.mark.corpus
@pytest.mark.slow
def test_views_agree_with_measures_on_the_corpus(corpus_dir, tmp_path_factory):
    path = corpus_warehouse(corpus_dir, tmp_path_factory)
    with duckdb.connect(str(path), read_only=True) as c:
        got = check_consistent(c)
        reports = c.execute("SELECT source_name, n_measures FROM document_coverage "
                            "WHERE source_name LIKE '%政府工作报告%' ORDER BY source_name").fetchall()
    # the two work reports (.txt) load whether or not PDFs are read, and both state measures
    assert [r[0] for r in reports] == ["2019年政府工作报告.txt", "2022年政府工作报告.txt"]
    assert all(n > 0 for _, n in reports)
    assert got["documents"] >= 2 and got["measures"] >= sum(n for _, n in reports)


# --- commitments, target_revisions, indicator_comparison ----------------------------------------------------

def _restate(path, key: str, mids: dict[str, dict], published: date, name: str):
    """A new document (``key``) restating measures of the controlled set, with changes per measure_id."""
    b = controlled.batch()
    first = next(iter(mids))
    src = next(m for m in b["measures"].to_pylist() if m["measure_id"] == first)
    doc = next(d for d in b["documents"].to_pylist() if d["doc_id"] == src["doc_id"])
    new_doc = {**doc, "doc_id": controlled.doc_id(key), "source_name": name, "published_date": published}
    new_ms = [{**next(m for m in b["measures"].to_pylist() if m["measure_id"] == mid), "doc_id": new_doc["doc_id"],
               "source_name": name, "measure_id": f"{key}-{mid}", **change} for mid, change in mids.items()]
    with store.open_warehouse(path) as c:
        store.load_batch(c, {"documents": pa.Table.from_pylist([new_doc], tables.DOCUMENTS.arrow),
                             "measures": pa.Table.from_pylist(new_ms, tables.MEASURES.arrow)})


def test_commitments_one_row_per_distinct_target(con):
    got = rows(con, """SELECT region_code, indicator_id, indicator_name, indicator, target_year, comparator, value,
                              unit, n_documents, n_statements, source_names, is_latest
                       FROM commitments WHERE region_code IN ('100000', '340100', '340199') ORDER BY ALL""")
    nat, hefei = ["国务院碳达峰碳中和意见.txt"], ["合肥市政府工作报告.txt"]
    assert got == [
        ("100000", "carbon_neutrality", "碳中和", "碳中和", 2060, "=", None, None, 1, 1, nat, True),
        ("100000", "carbon_peak", "碳达峰", "二氧化碳排放达峰", 2030, "=", None, None, 1, 1, nat, True),
        ("100000", "non_fossil_share", "非化石能源消费比重", "非化石能源消费比重", 2025, "~", 20.0, "%", 1, 1, nat, True),
        ("100000", "non_fossil_share", "非化石能源消费比重", "非化石能源消费比重", 2030, "~", 25.0, "%", 1, 1, nat, True),
        ("100000", "non_fossil_share", "非化石能源消费比重", "非化石能源消费比重", 2060, ">=", 80.0, "%", 1, 1, nat, True),
        ("340100", "non_fossil_share", "非化石能源消费比重", "非化石能源消费比重", 2025, "=", 15.0, "%", 1, 1, hefei, True),
        ("340100", None, None, "新能源汽车产量", 2030, "=", 1_000_000.0, "count", 1, 1, hefei, True),
        (controlled.UNKNOWN_CODE, None, None, "绿色工厂数量", 2025, "=", 10.0, "count", 1, 1, hefei, True),
    ]
    # every target statement is in exactly one commitment; the potential is none
    assert rows(con, "SELECT count(*), sum(n_statements) FROM commitments") == [(17, 17)]


def test_a_target_quoted_by_several_documents_counts_once(tmp_path):
    path = controlled.build(tmp_path / "w.duckdb")
    # a 2023 notice restates 江苏's 18% (m005) and its peak (m007), in other words
    _restate(path, "js-2023", {"m005": {"indicator": "非化石能源占一次能源消费比重"}, "m007": {}},
             date(2023, 2, 1), "江苏省2023年能源工作要点.txt")
    with duckdb.connect(str(path), read_only=True) as c:
        got = rows(c, """SELECT indicator_id, target_year, value, n_documents, n_statements, first_published::VARCHAR,
                                latest_published::VARCHAR, source_names,
                                [s.measure_id FOR s IN statements], is_latest
                         FROM commitments WHERE region_code = '320000' AND target_year IS NOT NULL ORDER BY ALL""")
        assert got == [
            ("carbon_peak", 2030, None, 2, 2, "2022-10-08", "2023-02-01",
             ["江苏省2023年能源工作要点.txt", "江苏省碳达峰实施方案.txt"], ["m007", "js-2023-m007"], True),
            ("energy_intensity", 2025, 14.0, 1, 1, "2022-10-08", "2022-10-08", ["江苏省碳达峰实施方案.txt"], ["m006"], True),
            ("non_fossil_share", 2025, 18.0, 2, 2, "2022-10-08", "2023-02-01",
             ["江苏省2023年能源工作要点.txt", "江苏省碳达峰实施方案.txt"], ["m005", "js-2023-m005"], True),
        ]
        # the province's own 2025 energy targets are still two, the carbon one still one
        assert rows(c, """SELECT target_year, sector, n_own_targets, n_statements FROM targets_by_region_year
                          WHERE region_code = '320000' AND n_own_targets > 0 ORDER BY ALL""") == [
            (2025, "energy", 2, 3), (2030, "carbon", 1, 2)]
        assert rows(c, "SELECT count(*) FROM target_revisions") == [(0,)]


def test_a_revised_target_shows_the_earlier_and_the_later_value(tmp_path):
    path = controlled.build(tmp_path / "w.duckdb")
    _restate(path, "zj-2023", {"m009": {"value": 22.0, "value_raw": "22%"}}, date(2023, 5, 4), "浙江省能源发展报告.txt")
    with duckdb.connect(str(path), read_only=True) as c:
        got = rows(c, """SELECT region_name, indicator_id, target_year, unit, earlier_value, earlier_source,
                                earlier_published::VARCHAR, later_value, later_source, later_published::VARCHAR
                         FROM target_revisions""")
        assert got == [("浙江省", "non_fossil_share", 2025, "%", 24.0, "浙江省碳达峰实施方案.txt", "2022-07-20",
                        22.0, "浙江省能源发展报告.txt", "2023-05-04")]
        assert rows(c, """SELECT value, is_latest FROM commitments WHERE region_code = '330000'
                          AND indicator_id = 'non_fossil_share' ORDER BY value""") == [(22.0, True), (24.0, False)]
        # the comparison shows the later value, and that the documents disagree
        assert rows(c, """SELECT target_value, target_source, n_documents, n_values FROM indicator_comparison
                          WHERE region_code = '330000' AND indicator_id = 'non_fossil_share'""") == [
            (22.0, "浙江省能源发展报告.txt", 2, 2)]


def test_indicator_comparison_every_places_target_for_one_indicator(con):
    got = rows(con, """SELECT region_name, region_level, target_year, target_value, target_unit, target_comparator,
                              target_direction, target_source, reported_value
                       FROM indicator_comparison WHERE indicator_id = 'non_fossil_share' AND target_year = 2025
                       ORDER BY target_value DESC""")
    assert got == [("浙江省", "province", 2025, 24.0, "%", "=", "level", "浙江省碳达峰实施方案.txt", None),
                   ("中华人民共和国", "national", 2025, 20.0, "%", "~", "level", "国务院碳达峰碳中和意见.txt", None),
                   ("江苏省", "province", 2025, 18.0, "%", "=", "level", "江苏省碳达峰实施方案.txt", None),
                   ("合肥市", "city", 2025, 15.0, "%", "=", "level", "合肥市政府工作报告.txt", None)]


def test_indicator_comparison_puts_the_latest_reported_value_beside_the_target(con):
    got = rows(con, """SELECT indicator_id, indicator_name, region_name, target_year, target_value, target_unit,
                              target_source, reported_year, reported_value, reported_unit, reported_kind, reported_source
                       FROM indicator_comparison WHERE region_code = '321182' ORDER BY indicator_id""")
    plan, report = "镇江市绿色低碳发展规划.txt", "扬中市2024年政府工作报告.txt"
    assert got == [
        ("rooftop_solar_rate", "屋顶光伏安装率", "扬中市", 2023, 50.0, "%", plan, None, None, None, None, None),
        ("solar_capacity", "光伏装机", "扬中市", 2023, 20.0, "MW", plan, 2023, 22.0, "MW", "achievement", report),
    ]


def test_new_views_on_the_seeds(seeds_con):
    got = rows(seeds_con, """SELECT region_code, indicator_id, target_year, n_documents, n_statements
                             FROM commitments WHERE indicator_id IN ('carbon_peak', 'carbon_neutrality') ORDER BY ALL""")
    # seed 004 states the nation's 2030 peak twice and its 2060 neutrality three times (the third in the
    # national 十四五 outline it quotes): one commitment each
    assert got == [("100000", "carbon_neutrality", 2060, 1, 3), ("100000", "carbon_peak", 2030, 1, 2)]
    assert rows(seeds_con, """SELECT indicator_id, region_code, target_year, target_source FROM indicator_comparison
                              ORDER BY ALL""") == [
        ("carbon_neutrality", "100000", 2060, "004_d5cbc6d95d43ea27.txt"),
        ("carbon_peak", "100000", 2030, "004_d5cbc6d95d43ea27.txt")]


@pytest.mark.corpus
@pytest.mark.slow
def test_new_views_on_the_corpus(corpus_dir, tmp_path_factory):
    """Issue 10: every province's 2025 non-fossil share target in one WHERE indicator_id = …; Hunan's included."""
    path = corpus_warehouse(corpus_dir, tmp_path_factory)
    with duckdb.connect(str(path), read_only=True) as c:
        got = rows(c, """SELECT region_name, target_value, target_unit, target_comparator, target_source
                         FROM indicator_comparison
                         WHERE indicator_id = 'non_fossil_share' AND target_year = 2025 AND region_level = 'province'
                         ORDER BY region_code""")
        assert got == [
            ("江苏省", 18.0, "%", "~", "501、江苏省“十四五”应对气候变化规划.pdf"),
            ("湖南省", 22.0, "%", ">=", "561、湖南省“十四五”可再生能源发展规划.pdf"),
            ("云南省", 46.0, "%", "=", "371、云南省生态文明建设排头兵规划（2021—2025年）.pdf"),
            ("甘肃省", 30.0, "%", "~", "311、甘肃省“十四五”节能减排综合工作方案.pdf"),
        ]
        # Hunan's two plans disagree: the environment plan says 21%, the renewables plan (later) 22%
        assert rows(c, """SELECT earlier_value, earlier_source, later_value, later_source FROM target_revisions
                          WHERE region_code = '430000' AND indicator_id = 'non_fossil_share'""") == [
            (21.0, "81、湖南省“十四五”生态环境保护规划.pdf", 22.0, "561、湖南省“十四五”可再生能源发展规划.pdf")]
        # the nation's 2030 peak, quoted by many documents, is one commitment
        assert rows(c, """SELECT count(*), max(n_documents) FROM commitments
                          WHERE region_code = '100000' AND indicator_id = 'carbon_peak' AND target_year = 2030""") == [
            (1, 6)]
