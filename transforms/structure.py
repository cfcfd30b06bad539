"""Structure: split a document into articles; title, date, author, issuer, type and place."""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pyarrow as pa

from schemas import tables
from transforms import regions
from transforms.rejects import Reject

_FULL_DATE = re.compile(r"(20\d\d|19\d\d)年(\d{1,2})月(\d{1,2})日")
_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日")
_DOC_TYPES = ("通知", "方案", "规划", "意见", "办法", "条例", "报告", "指南", "措施", "计划")


def find_date(text: str) -> tuple[date | None, str | None, str]:
    """(published_date, 'MM-DD', precision) from the first date the text states."""
    m = _FULL_DATE.search(text)
    if m:
        try:
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return d, d.strftime("%m-%d"), "day"
        except ValueError:
            pass
    m = _MONTH_DAY.search(text[:400])
    if m and 1 <= int(m.group(1)) <= 12 and 1 <= int(m.group(2)) <= 31:
        return None, f"{int(m.group(1)):02d}-{int(m.group(2)):02d}", "month_day"
    return None, None, "none"


def place_of(text: str, title: str | None) -> str | None:
    """The region a text is about: its title's place first, else the most named place."""
    if title:
        ms = regions.find_mentions(title)
        if ms:
            ctx = [c for m in regions.find_mentions(text) for c in m.candidates if len(m.candidates) == 1]
            return regions.county_code(regions.choose(ms[-1].candidates, ctx))
    ms = regions.find_mentions(text)
    counts = Counter(m.candidates[0] for m in ms if len(m.candidates) == 1)
    if not counts:
        return regions.NATIONAL if regions.names_nation(text) else None
    return regions.county_code(counts.most_common(1)[0][0])


def structure(cleaned: pa.Table, pipeline_version: str):
    docs, arts, rejects = [], [], []
    for d in cleaned.to_pylist():
        text = d["clean_text"]
        lines = text.split("\n")
        title = d["meta_title"] or (lines[0][:200] if lines else None)
        pub, md, prec = find_date(text)
        code = place_of(text, title)
        reg = regions.get(code)
        doc_type = next((t for t in _DOC_TYPES if title and title.endswith(t)), "新闻")
        docs.append({"doc_id": d["doc_id"], "source_name": d["source_name"], "title": title,
                     "published_date": pub, "published_month_day": md, "date_precision": prec,
                     "issuer": None, "doc_number": None, "doc_type": doc_type, "script": d["script"],
                     "region_code": code, "region_name": reg.name if reg else None,
                     "region_level": regions.level_of(code) if code else None, "n_articles": 1,
                     "clean_text": text, "pipeline_version": pipeline_version})
        arts.append({"doc_id": d["doc_id"], "article_idx": 0, "title": title, "author": None,
                     "region_code": code, "published_date": pub, "published_month_day": md,
                     "span_start": 0, "text": text})
    return (pa.Table.from_pylist(docs, tables.DOCUMENTS.arrow),
            pa.Table.from_pylist(arts, tables.ARTICLES.arrow), rejects)
