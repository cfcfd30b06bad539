"""Word 97-2003 .doc, WPS .wps and OFD .ofd: read by their readers (transforms/office.py), recognised by
content, and rejected with what to do when they cannot be read. The fixtures are made by
tests/fixtures/make_fixtures.py."""
from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from transforms import ingest, office, pipeline

try:
    from tests.helpers_ingest import NOW, source
except ImportError:  # tests/ on sys.path instead of the project root
    from helpers_ingest import NOW, source

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HAVE_DOC_READERS = bool(shutil.which("antiword") and shutil.which("catdoc"))
need_doc_readers = pytest.mark.skipif(not HAVE_DOC_READERS, reason="antiword and catdoc are not installed "
                                      "(make readers installs them; it needs root)")


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def read_one(name: str, data: bytes) -> dict:
    res = ingest.ingest([source(name, data)], NOW)
    assert [r[2].reason for r in res.rejects] == []
    (raw,), (dec,) = res.raw_documents.to_pylist(), res.decoded.to_pylist()
    assert raw["raw"] == data and raw["doc_id"] == ingest.sha256(data)
    return {**dec, "raw_format": raw["format"]}


def reject_of(name: str, data: bytes):
    res = ingest.ingest([source(name, data)], NOW)
    assert res.decoded.num_rows == 0
    (_, _, why), = res.rejects
    return why


@need_doc_readers
def test_doc_with_a_table_is_read_by_antiword_one_paragraph_a_line_cells_by_tabs():
    dec = read_one("节能减排工作方案.doc", fixture("节能减排工作方案.doc"))
    assert dec["format"] == dec["raw_format"] == "doc" and dec["encoding"] is None
    lines = dec["text"].split("\n")
    assert lines[:3] == ["某市“十四五”节能减排工作方案", "一、总体要求",
                         "（1）坚持节约优先，推动能源消费方式转变，第1项工作按期完成。"]
    assert len(lines) == 37
    assert lines[-5:] == ["二、主要目标", "到2025年，全市单位地区生产总值能耗比2020年下降14.5%，主要目标如下：",
                          "指标\t2020年\t2025年目标", "非化石能源消费比重\t16.2%\t20%",
                          "光伏装机容量（万千瓦）\t120\t300"]
    assert office.read_word97(fixture("节能减排工作方案.doc"))[1] == {"reader": "antiword"}


@need_doc_readers
def test_short_doc_that_antiword_refuses_is_read_by_catdoc():
    text, meta = office.read_word97(fixture("通知.doc"))
    assert meta == {"reader": "catdoc"}
    assert text == ("关于推进分布式光伏发展的通知\n各区人民政府，市政府各部门：\n"
                    "到2025年，全市新增分布式光伏装机容量50万千瓦，单位地区生产总值能耗比2020年下降13.5%。")


@need_doc_readers
def test_word_compatible_wps_and_a_doc_without_its_suffix_are_read_by_content():
    dec = read_one("公共机构节能.wps", fixture("公共机构节能.wps"))
    assert dec["format"] == "doc"
    assert dec["text"] == "关于开展公共机构节能工作的通知\n到2025年，公共机构单位建筑面积能耗下降5%，人均综合能耗下降6%。"
    assert read_one("attachment", fixture("通知.doc"))["format"] == "doc"
    assert read_one("通知.pdf", fixture("通知.doc"))["format"] == "doc"  # a wrong suffix: the content decides


def test_ofd_is_read_page_by_page_with_its_title():
    dec = read_one("碳达峰实施方案.ofd", fixture("碳达峰实施方案.ofd"))
    assert dec["format"] == "ofd" and dec["meta_title"] == "关于印发碳达峰实施方案的通知"
    assert dec["text"] == ("关于印发碳达峰实施方案的通知\n\n到2025年，非化石能源消费比重达到20%左右。"
                           "\n\f\n到2030年，单位地区生产总值二氧化碳排放比2005年下降65%以上。")
    assert read_one("公文", fixture("碳达峰实施方案.ofd"))["format"] == "ofd"


@need_doc_readers
def test_office_files_give_their_measures():
    files = [ingest.SourceFile(n, str(FIXTURES / n), fixture(n))
             for n in ("通知.doc", "节能减排工作方案.doc", "公共机构节能.wps", "碳达峰实施方案.ofd")]
    t = pipeline.process(files, NOW)
    assert t.rejects.num_rows == 0
    got = sorted((m["source_name"], m["indicator"], m["value"], m["unit"], m["target_year"])
                 for m in t.measures.to_pylist() if m["kind"] == "target")
    assert got == [
        ("公共机构节能.wps", "人均综合能耗", 6.0, "%", 2025),
        ("公共机构节能.wps", "公共机构单位建筑面积能耗", 5.0, "%", 2025),
        ("碳达峰实施方案.ofd", "单位地区生产总值二氧化碳排放", 65.0, "%", 2030),
        ("碳达峰实施方案.ofd", "非化石能源消费比重", 20.0, "%", 2025),
        ("节能减排工作方案.doc", "光伏装机容量", 3000.0, "MW", 2025),
        ("节能减排工作方案.doc", "单位地区生产总值能耗", 14.5, "%", 2025),
        ("通知.doc", "分布式光伏装机容量", 500.0, "MW", 2025),
        ("通知.doc", "单位地区生产总值能耗", 13.5, "%", 2025),
    ]


def test_doc_without_its_readers_is_rejected_with_the_command_that_installs_them(monkeypatch):
    monkeypatch.setenv("PATH", "")
    why = reject_of("报告.doc", fixture("通知.doc"))
    assert why.reason == ("Word 97-2003 file (.doc) needs antiword, which is not installed: "
                          "run make readers (or: apt-get install antiword catdoc)")
    why = reject_of("通知.wps", fixture("公共机构节能.wps"))
    assert why.reason.startswith("Word 97-2003 file (.wps) needs antiword")


@need_doc_readers
def test_short_doc_without_catdoc_is_rejected_with_the_command(monkeypatch):
    antiword = shutil.which("antiword")
    monkeypatch.setattr(office.shutil, "which", lambda name: antiword if name == "antiword" else None)
    why = reject_of("通知.doc", fixture("通知.doc"))
    assert why.reason == ("short Word 97-2003 file (.doc) needs catdoc, which is not installed: "
                          "run make readers (or: apt-get install antiword catdoc)")
    assert why.detail == "antiword: I'm afraid the text stream of this file is too small to handle."


@need_doc_readers
def test_broken_doc_is_rejected_with_what_antiword_said():
    data = bytearray(fixture("通知.doc"))
    directory = data.find("WordDocument".encode("utf-16-le")) // 512 * 512
    data[512:directory] = bytes(directory - 512)  # the sectors between header and directory lost
    why = reject_of("报告.doc", bytes(data))
    assert why.reason == ("broken Word 97-2003 file (.doc): no text could be read from it; "
                          "save it as .docx or PDF")
    assert why.detail == "antiword: This OLE file does not contain a Word document"


def _zip(entries: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for k, v in entries.items():
            z.writestr(k, v)
    return buf.getvalue()


@pytest.mark.parametrize("name,data,reason", [
    ("报告.doc", b"{\\rtf1\\ansi hello}",
     ".doc file is not a Word 97-2003 file by its content (rich text (RTF)): open it in Word, WPS or "
     "LibreOffice and save it as .docx or PDF"),
    ("通知.wps", b"WPS\x00\x01\x02\x03\x04 an old WPS file",
     ".wps file is not a Word-compatible WPS file by its content (its first bytes are b'WPS\\x00\\x01\\x02\\x03\\x04'"
     "; older WPS versions have a format of their own): open it in WPS Office and save it as .docx or PDF"),
    ("表.doc", office.OLE2_MAGIC + b"\x00" * 504 + "Workbook".encode("utf-16-le"),
     ".doc file is not a Word 97-2003 file by its content (an OLE2 file without a Word document stream: an "
     "old Excel or PowerPoint file?): open it in Word, WPS or LibreOffice and save it as .docx or PDF"),
    ("公文.ofd", _zip({"content.xml": "<a/>"}),
     ".ofd file is not an OFD file by its content (a ZIP file: an OFD is a ZIP with an OFD.xml): export it to "
     "PDF with an OFD reader"),
])
def test_a_file_whose_content_is_not_its_suffix_is_rejected_with_what_to_do(name, data, reason):
    assert reject_of(name, data).reason == reason


def test_html_saved_as_doc_is_read_as_html():
    page = "<html><body><p>今年新增分布式光伏5万千瓦。</p></body></html>".encode("utf-8")
    dec = read_one("通知.doc", page)
    assert dec["format"] == "html" and dec["text"] == "今年新增分布式光伏5万千瓦。"


def test_ofd_whose_pages_are_images_and_a_broken_ofd_are_rejected():
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    scan = _zip({
        "OFD.xml": f'<ofd:OFD {ns}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
        "Doc_0/Document.xml": f'<ofd:Document {ns}><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'
                              f'</ofd:Pages></ofd:Document>',
        "Doc_0/Pages/Page_0/Content.xml": f'<ofd:Page {ns}><ofd:Content><ofd:Layer ID="2"><ofd:ImageObject ID="3" '
                                          f'ResourceID="4" Boundary="0 0 210 297"/></ofd:Layer></ofd:Content></ofd:Page>',
    })
    why = reject_of("扫描件.ofd", scan)
    assert why.reason == ("OFD file (.ofd) has no text layer (its pages are images): export it to PDF with an "
                          "OFD reader, and tanlu reads the PDF by OCR")
    assert why.detail == "1 pages"
    why = reject_of("坏.ofd", _zip({"OFD.xml": "<ofd:OFD xmlns:ofd='x'></ofd:OFD>"}))
    assert why.reason == "broken OFD file (.ofd): ofdkit cannot read it"
    assert why.detail == "OFD.xml contains no DocBody"
