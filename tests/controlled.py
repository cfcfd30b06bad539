"""A warehouse with hand-made contents, so that view, README, export and report tests can assert exact rows.

Seven documents: the national opinion (peak 2030, neutrality 2060, non-fossil shares), the 江苏 and 浙江
provincial plans, the 镇江 city plan with two targets of its county 扬中 (油坊镇 rooftop solar), the 扬中
work report achieving one of them, the 合肥 work report (no publication year; one target filed under a
code missing from the regions table) and a 淮安 notice that states no measure.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyarrow as pa

from schemas import tables
from transforms import indicator_ids, regions
from warehouse import store

UNKNOWN_CODE = "340199"  # not in the GB/T 2260 table


@dataclass(frozen=True)
class Doc:
    key: str
    source_name: str
    title: str
    published: date | None
    region_code: str
    doc_type: str
    issuer: str | None
    sentences: tuple[str, ...]
    month_day: str | None = None


@dataclass(frozen=True)
class M:
    doc: str
    sentence: int          # index into Doc.sentences
    anchor: str            # the value (or commitment) as written in the sentence
    kind: str
    indicator: str
    sector: str
    value: float | None
    unit: str | None
    target_year: int | None
    region_code: str
    comparator: str = "="
    direction: str | None = "level"
    base_year: int | None = None
    place_name: str | None = None


DOCS = [
    Doc("nat", "国务院碳达峰碳中和意见.txt", "关于完整准确全面贯彻新发展理念做好碳达峰碳中和工作的意见",
        date(2021, 10, 24), "100000", "意见", "国务院",
        ("到2025年，非化石能源消费比重达到20%左右。",
         "到2030年，非化石能源消费比重达到25%左右，二氧化碳排放量达到峰值并实现稳中有降。",
         "到2060年，非化石能源消费比重达到80%以上，碳中和目标顺利实现。")),
    Doc("js", "江苏省碳达峰实施方案.txt", "江苏省碳达峰实施方案", date(2022, 10, 8), "320000", "方案",
        "江苏省人民政府",
        ("到2025年，非化石能源消费比重达到18%。",
         "到2025年，单位地区生产总值能耗比2020年下降14%。",
         "2030年前全省二氧化碳排放达到峰值。",
         "全省屋顶光伏可安装容量约5000万千瓦。")),
    Doc("zj", "浙江省碳达峰实施方案.txt", "浙江省碳达峰实施方案", date(2022, 7, 20), "330000", "方案",
        "浙江省人民政府",
        ("到2025年，非化石能源消费比重达到24%。",
         "到2030年，全省光伏装机容量达到4000万千瓦。")),
    Doc("zhenjiang", "镇江市绿色低碳发展规划.txt", "镇江市绿色低碳发展规划", date(2022, 5, 10), "321100", "规划",
        "镇江市人民政府",
        ("力争2028年前率先实现碳达峰。",
         "到2030年，全市光伏装机容量达到300万千瓦。",
         "油坊镇到2023年居民光伏屋顶安装率达50%，扬中市到2023年完成企业屋顶电站20兆瓦。")),
    Doc("yangzhong", "扬中市2024年政府工作报告.txt", "扬中市2024年政府工作报告", date(2024, 1, 10), "321182",
        "工作报告", "扬中市人民政府",
        ("2023年建成企业屋顶电站22兆瓦。",
         "2023年单位地区生产总值能耗下降3.1%。")),
    Doc("hefei", "合肥市政府工作报告.txt", "合肥市政府工作报告", None, "340100", "工作报告", None,
        ("到2030年，新能源汽车产量达到100万辆。",
         "到2025年，全市非化石能源消费比重达到15%。",
         "到2025年，经开区绿色工厂达到10家。"), month_day="01-20"),
    Doc("huaian", "淮安市成立碳达峰工作领导小组的通知.txt", "关于成立碳达峰工作领导小组的通知", date(2022, 3, 1),
        "320800", "通知", "淮安市人民政府", ("成立淮安市碳达峰工作领导小组。",)),
]

MEASURES = [
    M("nat", 0, "20%", "target", "非化石能源消费比重", "energy", 20, "%", 2025, "100000", comparator="~"),
    M("nat", 1, "25%", "target", "非化石能源消费比重", "energy", 25, "%", 2030, "100000", comparator="~"),
    M("nat", 1, "达到峰值", "target", "二氧化碳排放达峰", "carbon", None, None, 2030, "100000", direction=None),
    M("nat", 2, "80%", "target", "非化石能源消费比重", "energy", 80, "%", 2060, "100000", comparator=">="),
    M("nat", 2, "碳中和", "target", "碳中和", "carbon", None, None, 2060, "100000", direction=None),
    M("js", 0, "18%", "target", "非化石能源消费比重", "energy", 18, "%", 2025, "320000"),
    M("js", 1, "14%", "target", "单位地区生产总值能耗", "energy", 14, "%", 2025, "320000", direction="decrease",
      base_year=2020),
    M("js", 2, "达到峰值", "target", "二氧化碳排放达峰", "carbon", None, None, 2030, "320000", direction=None),
    M("js", 3, "5000万千瓦", "potential", "屋顶光伏可安装容量", "energy", 50000, "MW", None, "320000", comparator="~"),
    M("zj", 0, "24%", "target", "非化石能源消费比重", "energy", 24, "%", 2025, "330000"),
    M("zj", 1, "4000万千瓦", "target", "光伏装机容量", "energy", 40000, "MW", 2030, "330000"),
    M("zhenjiang", 0, "实现碳达峰", "target", "碳达峰", "carbon", None, None, 2028, "321100", direction=None),
    M("zhenjiang", 1, "300万千瓦", "target", "光伏装机容量", "energy", 3000, "MW", 2030, "321100"),
    M("zhenjiang", 2, "50%", "target", "居民光伏屋顶安装率", "buildings", 50, "%", 2023, "321182",
      place_name="油坊镇"),
    M("zhenjiang", 2, "20兆瓦", "target", "企业屋顶电站装机容量", "energy", 20, "MW", 2023, "321182"),
    M("yangzhong", 0, "22兆瓦", "achievement", "企业屋顶电站装机容量", "energy", 22, "MW", 2023, "321182"),
    M("yangzhong", 1, "3.1%", "achievement", "单位地区生产总值能耗", "energy", 3.1, "%", 2023, "321182",
      direction="decrease"),
    M("hefei", 0, "100万辆", "target", "新能源汽车产量", "transport", 1_000_000, "count", 2030, "340100"),
    M("hefei", 1, "15%", "target", "非化石能源消费比重", "energy", 15, "%", 2025, "340100"),
    M("hefei", 2, "10家", "target", "绿色工厂数量", "industry", 10, "count", 2025, UNKNOWN_CODE),
]

EXTRACTOR = "test-0"

# the canonical indicator of each indicator text above (INDICATORS.md); the others have none
INDICATOR_IDS = {
    "非化石能源消费比重": "non_fossil_share", "二氧化碳排放达峰": "carbon_peak", "碳达峰": "carbon_peak",
    "碳中和": "carbon_neutrality", "单位地区生产总值能耗": "energy_intensity", "屋顶光伏可安装容量": "solar_capacity",
    "光伏装机容量": "solar_capacity", "居民光伏屋顶安装率": "rooftop_solar_rate", "企业屋顶电站装机容量": "solar_capacity",
}


def doc_id(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def source_of(key: str) -> str:
    return next(d.source_name for d in DOCS if d.key == key)


def measure_id(i: int) -> str:
    return f"m{i:03d}"


def _level(code: str) -> str:
    r = regions.all_regions().get(code)
    return r.level if r else "zone"


def batch() -> dict[str, pa.Table]:
    docs, arts, sents, meas = [], [], [], []
    by_key = {d.key: d for d in DOCS}
    starts: dict[tuple[str, int], int] = {}
    for d in DOCS:
        did = doc_id(d.key)
        text, pos = "", 0
        for i, s in enumerate(d.sentences):
            starts[(d.key, i)] = pos
            sents.append({"doc_id": did, "article_idx": 0, "sentence_idx": i, "text": s, "tokens": list(s),
                          "span_start": pos})
            text += s
            pos += len(s)
        r = regions.all_regions().get(d.region_code)
        docs.append({"doc_id": did, "source_name": d.source_name, "title": d.title,
                     "published_date": d.published,
                     "published_month_day": d.published.strftime("%m-%d") if d.published else d.month_day,
                     "date_precision": "day" if d.published else "month_day", "issuer": d.issuer,
                     "doc_number": None, "doc_type": d.doc_type, "script": "simplified",
                     "region_code": d.region_code, "region_name": r.name if r else None,
                     "region_level": r.level if r else None, "n_articles": 1, "clean_text": d.title + "\n" + text,
                     "pipeline_version": "test"})
        arts.append({"doc_id": did, "article_idx": 0, "title": d.title, "author": None,
                     "region_code": d.region_code, "published_date": d.published,
                     "published_month_day": None, "span_start": len(d.title) + 1, "text": text})
    for i, m in enumerate(MEASURES):
        sentence = by_key[m.doc].sentences[m.sentence]
        at = sentence.index(m.anchor)
        start = starts[(m.doc, m.sentence)] + at
        meas.append({"measure_id": measure_id(i), "doc_id": doc_id(m.doc), "source_name": source_of(m.doc),
                     "article_idx": 0, "sentence_idx": m.sentence, "kind": m.kind, "indicator": m.indicator,
                     "sector": m.sector, "value": None if m.value is None else float(m.value),
                     "value_upper": None, "value_raw": m.anchor if m.value is not None else None,
                     "unit": m.unit, "comparator": m.comparator, "direction": m.direction,
                     "base_year": m.base_year, "target_year": m.target_year, "region_code": m.region_code,
                     "region_level": _level(m.region_code), "place_name": m.place_name, "evidence": sentence,
                     "span_start": start, "span_end": start + len(m.anchor), "extractor_version": EXTRACTOR,
                     "indicator_id": INDICATOR_IDS.get(m.indicator)})
    return {
        "documents": pa.Table.from_pylist(docs, tables.DOCUMENTS.arrow),
        "articles": pa.Table.from_pylist(arts, tables.ARTICLES.arrow),
        "sentences": pa.Table.from_pylist(sents, tables.SENTENCES.arrow),
        "measures": pa.Table.from_pylist(meas, tables.MEASURES.arrow),
    }


def build(path: Path) -> Path:
    """A migrated warehouse at ``path`` holding exactly the rows above."""
    with store.open_warehouse(path) as con:
        store.migrate(con, regions.regions_table(), indicator_ids.indicators_table())
        store.load_batch(con, batch())
    return path
