"""How each input was read is on record: OCR pages and confidence per document, and a source_files row
for every metadata sidecar (issue 11)."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from schemas import tables
from schemas.validate import validate
from tests.conftest import SEEDS
from transforms import ingest, pipeline
from transforms.source_files import outcome

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = sorted(SEEDS.glob("*.txt"))[0]


@pytest.mark.slow
def test_a_scanned_pdf_records_its_ocr_pages_and_confidence_and_a_text_file_none():
    scan = FIXTURES / "扫描件.pdf"
    t = pipeline.process([ingest.SourceFile(scan.name, str(scan), scan.read_bytes()),
                          ingest.SourceFile(SEED.name, str(SEED), SEED.read_bytes())])
    assert t.rejects.num_rows == 0
    assert validate(tables.DOCUMENTS, t.documents).failures == []
    docs = {d["source_name"]: d for d in t.documents.to_pylist()}
    ocr = docs["扫描件.pdf"]
    assert ocr["clean_text"] == "关于推进分布式光伏发展的通知\n到2025年，全市新增分布式光伏装机容量50万千瓦。"
    assert ocr["ocr_pages"] == 1 and 0.99 < ocr["ocr_confidence"] <= 1.0
    assert (docs[SEED.name]["ocr_pages"], docs[SEED.name]["ocr_confidence"]) == (None, None)
    assert [(m["indicator"], m["value"], m["unit"]) for m in t.measures.to_pylist()
            if m["source_name"] == "扫描件.pdf"] == [("分布式光伏装机容量", 500.0, "MW")]


def test_sidecar_outcomes():
    assert outcome("metadata", "a" * 64, "in/metadata.csv", set(), None) == "metadata"
    assert outcome("metadata_unreadable", "a" * 64, "in/metadata.jsonl", set(), None) == "rejected"


def test_sidecar_states_say_which_sidecar_was_read(tmp_path):
    (tmp_path / "a.txt").write_text("到2025年，光伏装机容量达到100万千瓦。", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,title\na.txt,甲\n", encoding="utf-8")
    (tmp_path / "metadata.jsonl").write_bytes(b'{"file": "a.txt"}\nnot json\n')
    states = pipeline.sidecar_states([tmp_path / "a.txt"])
    assert [(Path(s["path"]).name, s["status"]) for s in states] == [("metadata.csv", "metadata"),
                                                                     ("metadata.jsonl", "metadata_unreadable")]
    rejected = []
    assert pipeline.sidecars([tmp_path / "a.txt"], rejected).column("title").to_pylist() == ["甲"]
    (name, doc_id, why), = rejected
    assert (name, doc_id) == ("metadata.jsonl", ingest.sha256(b'{"file": "a.txt"}\nnot json\n'))
    assert (why.stage, why.reason, why.detail) == (
        "metadata", "metadata sidecar metadata.jsonl has a line that is not JSON: fix it (its rows are not applied)",
        "line 2: Expecting value")


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
def test_a_run_records_ocr_in_documents_and_every_sidecar_in_source_files(tmp_path):
    from flows.nightly import nightly

    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    shutil.copy(SEED, inbox / "a.txt")
    shutil.copy(FIXTURES / "扫描件.pdf", inbox / "扫描件.pdf")
    (inbox / "metadata.csv").write_text("文件名,标题\na.txt,某市光伏发展通知\n", encoding="utf-8")
    shutil.copy(SEED, inbox / "sub" / "b.txt")
    (inbox / "sub" / "metadata.jsonl").write_bytes("{\"file\": \"b.txt\", \"title\": \"乙\"\n".encode())
    wh = tmp_path / "w.duckdb"
    nightly(paths=[str(inbox)], warehouse=str(wh))
    with duckdb.connect(str(wh), read_only=True) as con:
        files = con.execute("SELECT source_name, outcome FROM source_files ORDER BY path").fetchall()
        docs = con.execute("SELECT source_name, title, ocr_pages, ocr_confidence > 0.99 FROM documents "
                           "ORDER BY source_name").fetchall()
        rejects = con.execute("SELECT source_name, stage, reason, detail FROM rejects").fetchall()
    assert files == [("a.txt", "loaded"), ("metadata.csv", "metadata"), ("b.txt", "duplicate"),
                     ("metadata.jsonl", "rejected"), ("扫描件.pdf", "loaded")]
    assert docs == [("a.txt", "某市光伏发展通知", None, None), ("扫描件.pdf", "关于推进分布式光伏发展的通知", 1, True)]
    assert rejects == [("metadata.jsonl", "metadata", "metadata sidecar metadata.jsonl has a line that is not JSON: "
                        "fix it (its rows are not applied)", "line 1: Expecting ',' delimiter")]
