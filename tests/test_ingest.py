"""Ingest: every format and encoding analysts have; what cannot be read is rejected with the reason."""
from __future__ import annotations

import io
import json
import random

import pytest

from transforms import clean, ingest, pipeline

try:
    from tests.helpers_ingest import (NOW, corpus_policies, docx_bytes, image_only_pdf, need_corpus, run, run_one,
                                      seed_bytes, source, text_pdf)
except ImportError:  # tests/ on sys.path instead of the project root
    from helpers_ingest import (NOW, corpus_policies, docx_bytes, image_only_pdf, need_corpus, run, run_one,
                                seed_bytes, source, text_pdf)


def decoded_of(name: str, data: bytes) -> dict:
    res = ingest.ingest([source(name, data)], NOW)
    assert res.rejects == []
    assert res.decoded.num_rows == 1
    raw = res.raw_documents.to_pylist()[0]
    dec = res.decoded.to_pylist()[0]
    assert raw["raw"] == data and raw["n_bytes"] == len(data)
    assert dec["doc_id"] == raw["doc_id"] == ingest.sha256(data)
    return {**dec, "raw_encoding": raw["encoding"], "raw_format": raw["format"]}


def clean_of(text: str) -> str:
    return clean.clean_text(text)[0]


# ------------------------------------------------------------------ encodings

def test_utf8_seed_decodes_as_utf8():
    d = decoded_of("seed.txt", seed_bytes("001"))
    assert d["raw_encoding"] == "utf-8" and d["raw_format"] == "txt"
    assert d["text"] == seed_bytes("001").decode("utf-8")


def test_utf8_with_bom_loses_the_bom():
    text = seed_bytes("002").decode("utf-8")
    d = decoded_of("bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert d["raw_encoding"] == "utf-8-sig"
    assert d["text"] == text


@pytest.mark.parametrize("seed", ["000", "002", "004"])
def test_gb18030_copy_gives_the_same_clean_text(seed):
    text = seed_bytes(seed).decode("utf-8")
    d = decoded_of("gbk copy.txt", text.encode("gb18030"))
    assert d["raw_encoding"] == "gb18030"
    assert d["text"] == text
    assert clean_of(d["text"]) == clean_of(text)


def test_big5_copy_of_a_traditional_seed():
    # Big5 has no pinyin tone letters: the copy an analyst gets is the text without the ruby
    text = "\n".join(clean.strip_pinyin(seed_bytes("003").decode("utf-8").split("\n")))
    d = decoded_of("big5.txt", text.encode("big5"))
    assert d["raw_encoding"] == "big5"
    assert d["text"] == text
    assert "市领导现场督办政协重点提案" in clean_of(d["text"])


@pytest.mark.parametrize("codec,recorded", [("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"),
                                            ("utf-16-be", "utf-16-be")])
def test_utf16_with_and_without_bom(codec, recorded):
    text = seed_bytes("004").decode("utf-8")
    d = decoded_of("u16.txt", text.encode(codec))
    assert d["raw_encoding"] == recorded
    assert d["text"] == text


def test_random_bytes_are_rejected_as_binary():
    data = random.Random(7).randbytes(4096)
    res = ingest.ingest([source("blob.txt", data)], NOW)
    assert res.decoded.num_rows == 0 and res.raw_documents.num_rows == 0
    (name, doc_id, why), = res.rejects
    assert name == "blob.txt" and doc_id == ingest.sha256(data)
    assert why.stage == "ingest"
    assert why.reason.startswith(("binary content", "undecodable"))


def test_empty_file_is_rejected():
    res = ingest.ingest([source("empty.txt", b"")], NOW)
    assert [r[2].reason for r in res.rejects] == ["empty file"]


# ------------------------------------------------------------------ PDF

def test_scanned_pdf_where_ocr_finds_no_text_is_rejected():
    data = image_only_pdf()  # a blank scan
    res = ingest.ingest([source("scan.pdf", data)], NOW)
    (_, _, why), = res.rejects
    assert why.reason == "scanned PDF: no text layer and OCR found no text"
    assert why.detail == "1 pages (1 OCR'd), 0 characters of text"


def scanned_band(pdf_path, top: float, bottom: float) -> bytes:
    """An image-only PDF of a band of page 1 of a real PDF, rasterised as a scanner would."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf_path))
    img = doc[0].render(scale=2).to_pil()
    doc.close()
    w, h = img.size
    buf = io.BytesIO()
    img.crop((0, int(h * top), w, int(h * bottom))).save(buf, "PDF", resolution=144)
    return buf.getvalue()


@pytest.mark.corpus
@pytest.mark.slow
def test_scanned_pdf_is_read_by_ocr_and_marked():
    folder = need_corpus("policies")
    pdf = folder / "111、石家庄市关于加快推进绿色低碳循环发展经济体系的若干措施.pdf"
    data = scanned_band(pdf, 0.42, 0.55)
    dec = decoded_of("scan.pdf", data)
    assert "单位GDP能耗下降16%以上" in dec["text"]
    assert "全市空气质量优良天数比例比2020年提高9.8个百分点" in dec["text"]
    assert dec["ocr_pages"] == 1
    assert 0.9 < dec["ocr_confidence"] <= 1.0


def test_pdf_with_a_text_layer_is_not_ocrd():
    dec = decoded_of("notice.pdf", text_pdf([["The city will build new solar farms by 2025."]]))
    assert dec["ocr_pages"] == 0 and dec["ocr_confidence"] is None


def test_broken_pdf_is_rejected():
    res = ingest.ingest([source("broken.pdf", b"%PDF-1.4\n this is not a pdf")], NOW)
    (_, _, why), = res.rejects
    assert why.reason == "broken PDF: pdfium cannot open it"


def test_pdf_pages_are_read_with_page_furniture_removed():
    body = ["The city will cut coal use by ten percent and build", "new solar farms on public roofs by 2025."]
    pages = [["City Notice 2022", body[0] if i == 0 else "Page text number %d goes here." % i, body[1]
              if i == 0 else "More text.", "- %d -" % (i + 1)] for i in range(3)]
    doc, arts, rejects = run_one("notice.pdf", text_pdf(pages))
    assert rejects == []
    text = doc["clean_text"]
    assert "- 1 -" not in text and "- 3 -" not in text  # page numbers
    assert "City Notice 2022" not in text  # the running header of every page
    assert "Page text number 1 goes here." in text


@pytest.mark.corpus
def test_corpus_pdfs_are_all_read_and_none_rejected():
    folder = need_corpus("policies")
    docs, rejects = corpus_policies()
    assert rejects == []
    assert sorted(docs.column("source_name").to_pylist()) == sorted(p.name for p in folder.glob("*.pdf"))
    assert min(len(t) for t in docs.column("clean_text").to_pylist()) > 500


@pytest.mark.corpus
def test_work_reports_are_read_whole_without_the_scrape_furniture():
    folder = need_corpus("work-reports")
    files = [source(p.name, p.read_bytes()) for p in sorted(folder.glob("*.txt"))]
    ing, _c, docs, arts, rejects = run(files)
    assert rejects == []
    assert set(ing.raw_documents.column("encoding").to_pylist()) == {"utf-8"}
    raw = "".join(ing.decoded.column("text").to_pylist())
    assert "\u3000" in raw and "Public domain" in raw  # the scrape has a full-width space and a licence footer
    for text in docs.column("clean_text").to_pylist():
        assert "\u3000" not in text and "\u200b" not in text and "Public domain" not in text and "本作品" not in text
        assert text.endswith("奋斗！")
    assert docs.column("n_articles").to_pylist() == [1, 1]


# ------------------------------------------------------------------ docx, html, jsonl

def test_docx_paragraphs_and_tables():
    data = docx_bytes(["天津市碳达峰实施方案", "到2025年，单位地区生产总值能耗比2020年下降14.5%。"],
                      table=[["指标", "目标"], ["非化石能源消费比重", "11.7%"]])
    d = decoded_of("方案 （征求意见稿）.docx", data)
    assert d["raw_format"] == "docx" and d["raw_encoding"] is None
    assert d["text"].split("\n")[:2] == ["天津市碳达峰实施方案", "到2025年，单位地区生产总值能耗比2020年下降14.5%。"]
    assert "非化石能源消费比重\t11.7%" in d["text"]
    doc, _arts, _ = run_one("方案 （征求意见稿）.docx", data)
    assert doc["title"] == "天津市碳达峰实施方案" and doc["doc_type"] == "方案"
    assert doc["region_code"] == "120000"


def test_broken_docx_is_rejected():
    res = ingest.ingest([source("bad.docx", b"PK\x03\x04 not really a zip")], NOW)
    (_, _, why), = res.rejects
    assert why.reason.startswith("broken .docx")


HTML = """<!DOCTYPE html><html><head><meta charset="gbk">
<title>杭州市科创领域碳达峰行动方案 - 杭州市科学技术局</title>
<meta name="PubDate" content="2021-09-24 10:00">
<script>var x = "分享到微信";</script><style>.nav{color:red}</style></head>
<body><div class="nav">首页 | 新闻中心 | 政策文件</div>
<div class="breadcrumb">当前位置：首页 &gt; 政策文件</div>
<h1>杭州市科创领域碳达峰行动方案</h1>
<div class="content"><p>为深入贯彻落实碳达峰碳中和重大决策部署，
制定本方案。</p><p>到2025年，<b>建成</b>一批低碳技术创新平台。</p></div>
<div class="share-box">分享到：微信 微博 QQ空间</div>
<div id="footer">版权所有 杭州市科学技术局</div></body></html>"""


def test_html_page_without_navigation_and_share_widgets():
    data = HTML.encode("gbk")
    d = decoded_of("page.html", data)
    assert d["raw_format"] == "html" and d["raw_encoding"] == "gb18030"
    assert d["text"].split("\n") == ["杭州市科创领域碳达峰行动方案",
                                     "为深入贯彻落实碳达峰碳中和重大决策部署，制定本方案。",
                                     "到2025年，建成一批低碳技术创新平台。"]
    doc, _arts, _ = run_one("page.html", data)
    assert doc["title"] == "杭州市科创领域碳达峰行动方案"
    assert str(doc["published_date"]) == "2021-09-24" and doc["date_precision"] == "day"
    assert doc["region_code"] == "330100" and doc["doc_type"] == "方案"


def test_jsonl_one_document_a_line_and_bad_lines_rejected():
    lines = [json.dumps({"title": "浙江省碳达峰方案", "content": "浙江省到2025年单位GDP能耗下降15%。",
                         "url": "https://example.org/a", "date": "2022-08-01"}, ensure_ascii=False),
             "{not json",
             json.dumps({"text": "江苏省召开会议。", "title": "江苏会议"}, ensure_ascii=False),
             json.dumps({"title": "空的"}, ensure_ascii=False)]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    ing, _cleaned, docs, arts, rejects = run([source("batch.jsonl", data)])
    assert ing.raw_documents.column("source_uri").to_pylist() == ["/inbox/batch.jsonl#L1", "/inbox/batch.jsonl#L3"]
    assert sorted(r[2].reason for r in rejects) == ["jsonl line has no 'content' or 'text'",
                                                    "jsonl line is not valid JSON"]
    by_title = {d["title"]: d for d in docs.to_pylist()}
    assert set(by_title) == {"浙江省碳达峰方案", "江苏会议"}
    assert str(by_title["浙江省碳达峰方案"]["published_date"]) == "2022-08-01"
    assert by_title["浙江省碳达峰方案"]["region_code"] == "330000"
    assert by_title["江苏会议"]["date_precision"] == "none"


# ------------------------------------------------------------------ folders and names

def test_folder_is_read_recursively_with_non_ascii_names(tmp_path):
    sub = tmp_path / "二〇二二 年" / "通知（第 1 批）"
    sub.mkdir(parents=True)
    (sub / "天津市 关于…的通知 ＃1.txt").write_bytes(seed_bytes("000"))
    (tmp_path / "page one.htm").write_bytes(HTML.encode("gbk"))
    (tmp_path / "notes.docx").write_bytes(docx_bytes(["一段文字。"]))
    files = pipeline.list_inputs([tmp_path])
    assert sorted(f.name for f in files) == sorted(["天津市 关于…的通知 ＃1.txt", "page one.htm", "notes.docx"])
    ing, _c, docs, _a, rejects = run(pipeline.read_sources(files))
    assert rejects == []
    assert sorted(ing.raw_documents.column("format").to_pylist()) == ["docx", "html", "txt"]
    assert "天津市 关于…的通知 ＃1.txt" in docs.column("source_name").to_pylist()


def test_the_same_bytes_twice_make_one_document():
    ing = ingest.ingest([source("a.txt", seed_bytes("001")), source("copy of a.txt", seed_bytes("001"))], NOW)
    assert ing.raw_documents.num_rows == 1


@pytest.mark.parametrize("name,hint", [
    ("metadata.csv", ""),
    ("通知.rtf", " (rich text: save it as .docx)"),
    ("scan.png", " (an image: a scanned page needs OCR into text or a searchable PDF first)"),
])
def test_unsupported_file_types_are_rejected_with_what_is_read(name, hint):
    res = ingest.ingest([source(name, b"file,title\n1,2\n")], NOW)
    (_, _, why), = res.rejects
    suffix = "." + name.rsplit(".", 1)[1]
    assert why.reason == f"unsupported file type {suffix}{hint}; tanlu reads .txt .html .htm .pdf .docx .doc .wps .ofd .jsonl"


def test_jsonl_traditional_title_is_simplified_like_the_text():
    line = json.dumps({"title": "臺北市節能減碳計畫", "content": "臺北市推動節能減碳，到2030年減碳百分之三十。"},
                      ensure_ascii=False)
    doc, _arts, _ = run_one("tw.jsonl", line.encode("utf-8"))
    assert doc["title"] == "台北市节能减碳计划" and doc["script"] == "traditional"


def test_a_word_file_without_its_suffix_and_a_spreadsheet():
    data = docx_bytes(["一段文字。"])
    res = ingest.ingest([source("attachment", data)], NOW)
    assert res.rejects == [] and res.raw_documents.column("format").to_pylist() == ["docx"]
    import io
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    res = ingest.ingest([source("表.xlsx", buf.getvalue())], NOW)
    (_, _, why), = res.rejects
    assert why.reason.startswith("unsupported file type .xlsx")


def test_utf8_cut_in_the_middle_of_a_character_is_still_utf8():
    data = seed_bytes("001").rstrip(b"\n")[:-1]  # the file ends inside its last character
    assert data.decode("utf-8", errors="replace").endswith("\ufffd")
    d = decoded_of("cut.txt", data)
    assert d["raw_encoding"] == "utf-8"
    assert d["text"].startswith("\n微信号\nzhejiangjingxin")


# ------------------------------------------------------------------ the text rule: markup is no binary

SHORT_HTML = "<html><body><p>今年新增分布式光伏5万千瓦。</p></body></html>"
# a page cut from a browser: more markup than text, attributes, entities, a script, no charset declared
HEAVY_HTML = ("<!DOCTYPE html><html><head><title>光伏新闻</title><script>var a = {b: 1 && 2 < 3};</script>"
              "<style>div.x > p {margin: 0 !important;}</style></head><body>"
              + "".join(f'<div class="row r{i}" data-id="{i}" style="width:{i}px"><a href="/n?id={i}&amp;p=1">'
                        f'&nbsp;&gt;&gt;</a></div>' for i in range(40))
              + "<p>今年新增分布式光伏5万千瓦，到2025年累计装机达到120万千瓦。</p></body></html>")


@pytest.mark.parametrize("name", ["page.html", "page.txt", "page"])
def test_short_html_without_a_charset_loads(name):
    d = decoded_of(name, SHORT_HTML.encode("utf-8"))
    assert (d["raw_format"], d["raw_encoding"], d["text"]) == ("html", "utf-8", "今年新增分布式光伏5万千瓦。")


@pytest.mark.parametrize("codec,recorded", [("utf-8", "utf-8"), ("gb18030", "gb18030")])
def test_markup_heavy_html_without_a_charset_is_judged_after_its_markup(codec, recorded):
    d = decoded_of("cut.htm", HEAVY_HTML.encode(codec))
    assert d["raw_encoding"] == recorded
    assert d["text"].splitlines()[-1] == "今年新增分布式光伏5万千瓦，到2025年累计装机达到120万千瓦。"


def test_plain_text_full_of_ascii_symbols_is_text():
    text = "指标 | 目标 <= 2025\n#1 光伏 >= 5万千瓦 & 风电 = 3万千瓦 ~ {a:b} @ $ ^ ` *\n" * 3
    d = decoded_of("table.txt", text.encode("utf-8"))
    assert (d["raw_encoding"], d["text"]) == ("utf-8", text)


def test_utf8_with_control_characters_is_still_binary():
    data = ("光伏" + "\x01\x02\x03\x04" * 20).encode("utf-8")
    res = ingest.ingest([source("ctl.txt", data)], NOW)
    (_, _, why), = res.rejects
    assert why.reason == "binary content: control characters in what should be text"
