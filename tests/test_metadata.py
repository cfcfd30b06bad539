"""A metadata sidecar beside the input files takes precedence over what is read from the text (issue 11)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.conftest import REPO
from transforms import metadata, pipeline

POLICIES = REPO.parent / "shared" / "corpus" / "policies"


def _corpus(*prefixes):
    if not (POLICIES / "metadata.csv").is_file():
        pytest.skip("../shared/corpus is absent")
    return [p for p in sorted(POLICIES.glob("*.pdf")) if p.name.split("、")[0] in prefixes]


def test_parse_reads_english_and_chinese_columns():
    csv_rows = metadata.parse("metadata.csv", "\ufeff文件名,标题,发布日期,发布机构,链接\na.txt,甲方案,2022.03.30,某市人民政府,"
                              "http://x/1\n".encode("utf-8"))
    jsonl_rows = metadata.parse("metadata.jsonl", '{"file": "b.txt", "title": "乙", "date": "2021-05-01"}\n'.encode())
    assert csv_rows.to_pylist() == [{"file": "a.txt", "title": "甲方案", "date": "2022.03.30", "issuer": "某市人民政府",
                                     "url": "http://x/1"}]
    assert jsonl_rows.to_pylist() == [{"file": "b.txt", "title": "乙", "date": "2021-05-01", "issuer": None,
                                       "url": None}]


def test_the_sidecar_is_not_an_input(tmp_path):
    (tmp_path / "a.txt").write_text("到2025年，光伏装机容量达到100万千瓦。", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,date\na.txt,2022-05-01\n", encoding="utf-8")
    assert [p.name for p in pipeline.list_inputs([tmp_path])] == ["a.txt"]
    assert pipeline.sidecars([tmp_path / "a.txt"]).to_pylist() == [
        {"file": "a.txt", "title": None, "date": "2022-05-01", "issuer": None, "url": None}]


def test_corpus_pdfs_take_the_tables_date_and_keep_the_texts():
    files = _corpus("151", "161")
    assert len(files) == 2
    plain = pipeline.process(pipeline.read_sources(files))
    withside = pipeline.process(pipeline.read_sources(files), sidecar=pipeline.sidecars(files))
    cols = ["source_name", "published_date", "date_precision", "issuer", "text_published_date", "text_issuer"]
    assert [r["published_date"] for r in plain.documents.to_pylist()] == [None, date(2021, 10, 29)]
    assert withside.documents.select(cols).to_pylist() == [
        # the text states no date: the table's
        {"source_name": "151、湖北省林业发展“十四五”规划.pdf", "published_date": date(2022, 1, 7), "date_precision": "day",
         "issuer": "湖北省人民政府", "text_published_date": None, "text_issuer": None},
        # the text's 落款 date and issuer disagree with the table's: kept beside them
        {"source_name": "161、贵州省“十四五”林业草原保护发展规划.pdf", "published_date": date(2021, 11, 19),
         "date_precision": "day", "issuer": "贵州省人民政府", "text_published_date": date(2021, 10, 29),
         "text_issuer": "贵州省人民政府办公厅"}]
