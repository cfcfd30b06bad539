"""Extract: numbers with units, times, places and cue words -> measures (see MEASURES.md).

This first version finds a number with a known unit and labels it with the cue words around it.
"""
from __future__ import annotations

import hashlib
import re

import pyarrow as pa

from schemas import tables
from transforms import regions

EXTRACTOR_VERSION = "0.1.0"

_UNITS = {  # written unit -> (canonical unit, factor)
    "%": ("%", 1), "个百分点": ("pp", 1), "亿元": ("CNY", 1e8), "万元": ("CNY", 1e4), "元": ("CNY", 1),
    "MW": ("MW", 1), "万千瓦": ("MW", 10), "千瓦": ("MW", 1e-3), "个": ("count", 1), "家": ("count", 1),
    "户": ("count", 1), "项": ("count", 1), "名": ("rank", 1),
}
_NUM_UNIT = re.compile(r"(\d+(?:\.\d+)?)(" + "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True)) + ")")
_TARGET = re.compile(r"到20\d\d年|力争|确保|目标|计划|以上|不低于|控制在|年内|月底")
_YEAR = re.compile(r"(20\d\d)年")


def extract(documents: pa.Table, articles: pa.Table, sentences: pa.Table) -> pa.Table:
    docs = {d["doc_id"]: d for d in documents.select(["doc_id", "source_name", "region_code"]).to_pylist()}
    arts = {(a["doc_id"], a["article_idx"]): a for a in articles.select(
        ["doc_id", "article_idx", "region_code"]).to_pylist()}
    rows = []
    for s in sentences.select(["doc_id", "article_idx", "sentence_idx", "text", "span_start"]).to_pylist():
        doc, art = docs[s["doc_id"]], arts[(s["doc_id"], s["article_idx"])]
        code = regions.county_code(art["region_code"] or doc["region_code"] or regions.NATIONAL)
        for m in _NUM_UNIT.finditer(s["text"]):
            unit, factor = _UNITS[m.group(2)]
            years = _YEAR.findall(s["text"])
            start = s["span_start"] + m.start()
            mid = hashlib.sha256(f"{s['doc_id']}|{s['article_idx']}|{start}|{m.group()}".encode()).hexdigest()[:32]
            rows.append({
                "measure_id": mid, "doc_id": s["doc_id"], "source_name": doc["source_name"],
                "article_idx": s["article_idx"], "sentence_idx": s["sentence_idx"],
                "kind": "target" if _TARGET.search(s["text"]) else "achievement",
                "indicator": s["text"][max(0, m.start() - 8):m.start()] or m.group(), "sector": "other",
                "value": float(m.group(1)) * factor, "value_upper": None, "value_raw": m.group(),
                "unit": unit, "comparator": "=", "direction": "level", "base_year": None,
                "target_year": int(years[0]) if years else None, "region_code": code,
                "region_level": regions.level_of(code), "place_name": None, "evidence": s["text"],
                "span_start": start, "span_end": start + len(m.group()), "extractor_version": EXTRACTOR_VERSION,
            })
    return pa.Table.from_pylist(rows, tables.MEASURES.arrow)
