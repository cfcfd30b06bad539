"""Ingest: bytes in, decoded text out. Detect format and encoding, hash, keep the raw bytes.

Formats: ``.txt``, ``.html``/``.htm``, ``.pdf`` (its text layer, pages separated by form feeds; pages
without one are read by OCR), ``.docx``, Word 97-2003 ``.doc`` and WPS ``.wps``, OFD ``.ofd``
(transforms.office) and ``.jsonl`` (one document a line: ``content`` or ``text``,
optional ``title``, ``url``, ``date``). Encodings of text formats: UTF-8 with or without BOM, UTF-16 (with a BOM, or without one
when the byte pattern says so), GB18030/GBK and Big5; the one found is recorded. What cannot be read
(binary bytes, a scanned PDF where OCR finds no text, a broken file) becomes a reject with the reason.
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime

import pyarrow as pa
from charset_normalizer import from_bytes

from schemas import tables
from transforms import office
from transforms.rejects import Reject


@dataclass(frozen=True)
class SourceFile:
    source_name: str  # the file's base name
    source_uri: str  # where it came from (path, path#line for jsonl)
    data: bytes


@dataclass
class IngestResult:
    raw_documents: pa.Table
    decoded: pa.Table
    rejects: list[tuple[str, str | None, Reject]]  # (source_name, doc_id, why)


@dataclass(frozen=True)
class Decoded:
    """One document read from a file."""
    doc_id: str
    format: str
    encoding: str | None
    text: str
    raw: bytes
    source_uri: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    ocr_pages: int = 0  # PDF pages without a text layer, read by OCR
    ocr_confidence: float | None = None  # mean confidence of the OCR'd lines


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- format

_TEXT_SUFFIXES = ("", ".txt", ".text")


def _is_word_zip(data: bytes) -> bool:
    try:
        return "word/document.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError):
        return False


READABLE = ".txt .html .htm .pdf .docx .doc .wps .ofd .jsonl"
# what to do with a file tanlu has no reader for, by its suffix
_NO_READER = {
    ".rtf": " (rich text: save it as .docx)",
    ".png": " (an image: a scanned page needs OCR into text or a searchable PDF first)",
    ".jpg": " (an image: a scanned page needs OCR into text or a searchable PDF first)",
    ".jpeg": " (an image: a scanned page needs OCR into text or a searchable PDF first)",
    ".tif": " (an image: a scanned page needs OCR into text or a searchable PDF first)",
    ".tiff": " (an image: a scanned page needs OCR into text or a searchable PDF first)",
}
# a .doc, .wps or .ofd whose bytes are not of that format (HTML saved as .doc is read as HTML)
_NOT_AS_NAMED = {
    ".doc": "is not a Word 97-2003 file by its content (%s): open it in Word, WPS or LibreOffice and save "
            "it as .docx or PDF",
    ".wps": "is not a Word-compatible WPS file by its content (%s; older WPS versions have a format of "
            "their own): open it in WPS Office and save it as .docx or PDF",
    ".ofd": "is not an OFD file by its content (%s: an OFD is a ZIP with an OFD.xml): export it to PDF with "
            "an OFD reader",
}


def _content_kind(data: bytes) -> str:
    if data.startswith(b"{\\rtf"):
        return "rich text (RTF)"
    if office.is_ole2(data):
        return "an OLE2 file without a Word document stream: an old Excel or PowerPoint file?"
    if data.startswith(b"PK\x03\x04"):
        return "a ZIP file"
    return "its first bytes are %r" % data[:8]


def detect_format(name: str, data: bytes) -> str:
    """The format by content first (PDF, OLE2 Word and ZIP magic, OFD.xml, HTML markup), then by the
    file name. A file of another kind (.csv, .xlsx, images...) is a reject that says what tanlu reads."""
    low = name.lower()
    suffix = "." + low.rsplit(".", 1)[1] if "." in low.lstrip(".") else ""
    if office.is_word97(data):  # .doc, and the .wps that WPS Office writes Word-compatible
        return "doc"
    if data.startswith(b"%PDF") or low.endswith(".pdf"):
        return "pdf"
    if office.is_ofd(data):
        return "ofd"
    if low.endswith(".docx") or (data.startswith(b"PK\x03\x04") and _is_word_zip(data)):
        return "docx"
    if low.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if low.endswith(".jsonl"):
        return "jsonl"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta")):
        return "html"
    if suffix in _NOT_AS_NAMED:
        raise Reject("ingest", f"{suffix} file {_NOT_AS_NAMED[suffix] % _content_kind(data)}", name)
    if suffix not in _TEXT_SUFFIXES:
        hint = _NO_READER.get(suffix, "")
        raise Reject("ingest", f"unsupported file type {suffix}{hint}; tanlu reads {READABLE}", name)
    return "txt"


# ---------------------------------------------------------------- encodings

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd\ue000-\uf8ff]")
# what a Chinese or English text is made of: every printable ASCII character, CJK, kana, hangul, Latin
# letters with accents, general and CJK punctuation, full-width forms. A wrong legacy decoding (GB18030
# bytes read as Big5, UTF-16 read as GB18030) gives rare symbols and control characters instead.
_READABLE = re.compile(r"[\x20-\x7e\s\u00a0-\u024f\u2000-\u206f\u2100-\u22ff\u2460-\u24ff\u2500-\u25ff"
                       r"\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]")
_CANDIDATES = ["gb18030", "big5", "utf_16_le", "utf_16_be"]
_NAMES = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "big5": "big5", "big5hkscs": "big5",
          "cp950": "big5", "utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be", "utf_16": "utf-16",
          "utf_8": "utf-8", "ascii": "utf-8"}
# markup is judged after it is removed: scripts, styles and comments whole, then tags and entities
_MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<![^>]*>|<\?[^>]*>|</?[A-Za-z][^<>]*>"
                     r"|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]\w*);", re.S | re.I)


def strip_markup(text: str) -> str:
    """The text of an HTML or XML page without tags, scripts, styles, comments and entities (for judging
    its characters only; the reader keeps the page's structure)."""
    return _MARKUP.sub(" ", text)


def _few_controls(text: str) -> bool:
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) <= max(2, 0.002 * len(sample))


def _looks_like_text(text: str, markup: bool = False) -> bool:
    """Few control characters, and mostly characters a Chinese or English text is made of (for HTML,
    once its markup is removed). Used to choose among legacy encodings, which decode any bytes."""
    if markup:
        text = strip_markup(text)
    if not text.strip():
        return True
    sample = text[:20000]
    if not _few_controls(sample):
        return False
    return len(_READABLE.findall(sample)) >= 0.85 * len(sample)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NUL bytes sit on one parity only, as in UTF-16 text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    n = len(data) // 2
    if odd > 0.2 * n and even < 0.02 * n:
        return "utf-16-le"
    if even > 0.2 * n and odd < 0.02 * n:
        return "utf-16-be"
    # CJK UTF-16 has few NULs; try it when the bytes are not valid in the legacy encodings
    return None


def decode_text(data: bytes, markup: bool = False) -> tuple[str, str]:
    """Decode bytes of text; returns (text, encoding). Raises Reject for binary or undecodable input.

    Valid UTF-8 with (almost) no control characters is text, whatever its characters. Other bytes are
    tried as UTF-16 and the legacy encodings, and one is taken when its text reads as text (``markup``:
    judged after the HTML markup is removed)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise Reject("ingest", "undecodable: a UTF-16 byte-order mark but invalid UTF-16", str(e)) from None
    valid_utf8 = False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        valid_utf8 = True
        if _few_controls(text):
            return text, "utf-8"
    if not valid_utf8:
        # UTF-8 with a damaged byte or a character cut at the end: still UTF-8, the damage replaced
        lenient = data.decode("utf-8", errors="replace")
        bad = lenient.count("\ufffd")
        if 0 < bad <= max(3, len(lenient) // 2000) and _few_controls(lenient.replace("\ufffd", "")):
            return lenient, "utf-8"
    enc = _utf16_without_bom(data)
    if enc:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            text = None
        if text is not None and _looks_like_text(text, markup):
            return text, enc
    if valid_utf8:  # UTF-8 that is no UTF-16 either: control characters where text should be
        raise Reject("ingest", "binary content: control characters in what should be text",
                     f"{len(data)} bytes")
    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is not None:
        enc = _NAMES.get(best.encoding, best.encoding)
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            text = str(best)
        if _looks_like_text(text, markup):
            return text, enc
    if b"\x00" in data[:4096]:
        raise Reject("ingest", "binary content: not text in any supported encoding "
                               "(UTF-8, UTF-16, GB18030, Big5)", f"{len(data)} bytes")
    raise Reject("ingest", "undecodable: no supported encoding (UTF-8, UTF-16, GB18030, Big5) fits these bytes",
                 f"{len(data)} bytes")


# ---------------------------------------------------------------- readers

def read_pdf(data: bytes) -> tuple[str, dict]:
    """The text of a PDF, pages separated by form feeds; metadata title if any.

    Pages with a text layer give that text. In a scan (a PDF with too little text layer for its pages)
    the pages without one are read by OCR (transforms.ocr). meta says how many pages were OCR'd and
    the mean confidence of their lines.
    """
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except Exception as e:  # pdfium raises PdfiumError for broken and encrypted files
        msg = str(e)
        if "password" in msg.lower():
            raise Reject("ingest", "PDF is password-protected", msg) from None
        raise Reject("ingest", "broken PDF: pdfium cannot open it", msg) from None
    ocr_pages, confidences = 0, []
    try:
        pages = []
        for i in range(len(doc)):
            tp = doc[i].get_textpage()
            pages.append(tp.get_text_bounded())
            tp.close()
        # a scan: too little text layer for its pages. Then its pages without a text layer are read by OCR.
        # A text PDF's blank or figure pages are left alone (OCR costs seconds a page).
        if len(re.sub(r"\s", "", "".join(pages))) < 2 * max(1, len(pages)):
            from transforms.ocr import ocr_pdf_page

            for i, text in enumerate(pages):
                if len(re.sub(r"\s", "", text)) >= 2:
                    continue
                try:
                    read = ocr_pdf_page(doc[i])
                except Exception as e:  # a page pdfium cannot render, an OCR failure
                    raise Reject("ingest", "scanned PDF: OCR failed",
                                 f"page {i + 1}: {type(e).__name__}: {e}") from None
                pages[i] = read.text
                ocr_pages += 1
                confidences += read.confidences
        meta = doc.get_metadata_dict()
    finally:
        doc.close()
    text = "\n\f\n".join(p.replace("\r\n", "\n").replace("\r", "\n") for p in pages)
    n_chars = len(re.sub(r"\s", "", text))
    if n_chars < 2 * max(1, len(pages)):
        raise Reject("ingest", "scanned PDF: no text layer and OCR found no text",
                     f"{len(pages)} pages ({ocr_pages} OCR'd), {n_chars} characters of text")
    return text, {"title": (meta.get("Title") or "").strip() or None, "ocr_pages": ocr_pages,
                  "ocr_confidence": sum(confidences) / len(confidences) if confidences else None}


def read_docx(data: bytes) -> tuple[str, dict]:
    import docx

    try:
        d = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise Reject("ingest", "broken .docx: not a Word document", str(e)) from None
    except Exception as e:  # lxml errors and the like
        raise Reject("ingest", "broken .docx: cannot be read", f"{type(e).__name__}: {e}") from None
    lines = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            cells = []
            for c in row.cells:
                if not cells or c.text != cells[-1]:  # merged cells repeat their text
                    cells.append(c.text)
            lines.append("\t".join(cells))
    title = (d.core_properties.title or "").strip() or None
    return "\n".join(lines), {"title": title}


_BLOCK_TAGS = ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
               "section", "article", "blockquote", "dd", "dt", "dl", "pre", "hr", "header", "footer")
_BLOCK_RE = re.compile(r"<\s*/?\s*(?:%s)\b[^>]*>" % "|".join(_BLOCK_TAGS), re.I)
_JUNK_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
              "button", "select", "template", "object")
# class or id of page furniture: navigation, sharing, recommendations, comments, ads
_JUNK_ATTR = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|share|sharing|social|footer|"
                        r"header|sidebar|side|recommend|related|comments?|advert|ads?|banner|toolbar|"
                        r"copyright|pagination|pager|qrcode|weixin-share|bdshare|jiathis)(?:$|[\s_-])", re.I)
_PARA = "\u2029"
_META_DATE = ("article:published_time", "pubdate", "publishdate", "publish_date", "date", "dc.date",
              "firstpublishedtime", "og:release_date")


def read_html(data: bytes) -> tuple[str, str, dict]:
    """(text, encoding, meta) of an HTML page without its navigation, share widgets and scripts."""
    from selectolax.lexbor import LexborHTMLParser

    head = data[:4096].decode("ascii", errors="ignore")
    m = re.search(r"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", head, re.I)
    html = enc = None
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = m.group(1).lower()
        declared = {"gb2312": "gb18030", "gbk": "gb18030", "utf8": "utf-8"}.get(declared, declared)
        try:
            html, enc = data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            html = None
    if html is None:
        html, enc = decode_text(data, markup=True)
    marked = _BLOCK_RE.sub(lambda mm: mm.group(0) + _PARA, html)
    tree = LexborHTMLParser(marked)
    meta: dict = {}
    node = tree.css_first('meta[property="og:title"]')
    if node is not None and node.attributes.get("content"):
        meta["title"] = node.attributes["content"].strip()
    elif tree.css_first("title") is not None:
        meta["title"] = tree.css_first("title").text(strip=True).replace(_PARA, "") or None
    for n in tree.css("meta"):
        key = (n.attributes.get("property") or n.attributes.get("name") or "").lower()
        if key in _META_DATE and n.attributes.get("content"):
            meta["date"] = n.attributes["content"].strip()
            break
    node = tree.css_first('link[rel="canonical"]')
    if node is not None:
        meta["url"] = node.attributes.get("href")
    for tag in _JUNK_TAGS:
        for n in tree.css(tag):
            n.decompose()
    for n in tree.css("[class], [id]"):
        attrs = " ".join(filter(None, (n.attributes.get("class"), n.attributes.get("id"))))
        if _JUNK_ATTR.search(attrs) and n.tag not in ("html", "body"):
            n.decompose()
    body = tree.body or tree.root
    text = body.text(separator="", strip=False) if body is not None else ""
    # HTML whitespace: runs collapse to one space; block boundaries become line breaks
    text = re.sub(r"[ \t\r\n\f]+", " ", text)
    text = re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])", "", text)
    text = re.sub(r" *\u2029[\u2029 ]*", "\n", text).strip()
    return text, enc, meta


def _one(f: SourceFile) -> tuple[list[Decoded], list[tuple[str, str | None, Reject]]]:
    """The documents in one file, and rejects for parts of it (bad jsonl lines)."""
    if not f.data:
        raise Reject("ingest", "empty file", f.source_name)
    fmt = detect_format(f.source_name, f.data)
    doc_id = sha256(f.data)
    if fmt == "pdf":
        text, meta = read_pdf(f.data)
        return [Decoded(doc_id, fmt, None, text, f.data, f.source_uri, title=meta.get("title"),
                        ocr_pages=meta["ocr_pages"], ocr_confidence=meta["ocr_confidence"])], []
    if fmt == "doc":
        suffix = "." + f.source_name.lower().rsplit(".", 1)[1] if "." in f.source_name else ".doc"
        text, _meta = office.read_word97(f.data, suffix if suffix in (".doc", ".wps") else ".doc")
        return [Decoded(doc_id, fmt, None, text, f.data, f.source_uri)], []
    if fmt == "ofd":
        text, meta = office.read_ofd(f.data)
        return [Decoded(doc_id, fmt, None, text, f.data, f.source_uri, title=meta.get("title"))], []
    if fmt == "docx":
        text, meta = read_docx(f.data)
        return [Decoded(doc_id, fmt, None, text, f.data, f.source_uri, title=meta.get("title"))], []
    if fmt == "html":
        text, enc, meta = read_html(f.data)
        return [Decoded(doc_id, fmt, enc, text, f.data, f.source_uri, title=meta.get("title"),
                        date=meta.get("date"), url=meta.get("url"))], []
    text, enc = decode_text(f.data)
    if fmt != "jsonl":
        return [Decoded(doc_id, fmt, enc, text, f.data, f.source_uri)], []
    out, rejects = [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        raw = line.encode("utf-8")
        line_id = sha256(raw)
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            rejects.append((f.source_name, line_id, Reject("ingest", "jsonl line is not valid JSON",
                                                           f"line {n}: {e.msg}")))
            continue
        body = obj.get("content") or obj.get("text") if isinstance(obj, dict) else None
        if not isinstance(body, str) or not body.strip():
            rejects.append((f.source_name, line_id, Reject("ingest", "jsonl line has no 'content' or 'text'",
                                                           f"line {n}")))
            continue

        def s(key):
            v = obj.get(key)
            return str(v).strip() if v not in (None, "") else None

        out.append(Decoded(line_id, fmt, enc, body, raw, f"{f.source_uri}#L{n}", title=s("title"),
                           date=s("date"), url=s("url")))
    return out, rejects


def with_ocr(documents: pa.Table, decoded: pa.Table) -> pa.Table:
    """``documents`` with how ingest read their text: ``ocr_pages`` (pages read by OCR) and
    ``ocr_confidence`` (the mean confidence of their lines), both NULL for a document OCR did not read."""
    read = {}
    for d in decoded.select(["doc_id", "ocr_pages", "ocr_confidence"]).to_pylist():
        if d["ocr_pages"]:
            read[d["doc_id"]] = (d["ocr_pages"], d["ocr_confidence"])
    ids = documents.column("doc_id").to_pylist()
    pages = pa.array([read.get(i, (None, None))[0] for i in ids], pa.int32())
    confidence = pa.array([read.get(i, (None, None))[1] for i in ids], pa.float64())
    for name, col in (("ocr_pages", pages), ("ocr_confidence", confidence)):
        if name in documents.column_names:
            documents = documents.set_column(documents.column_names.index(name), name, col)
        else:
            documents = documents.append_column(name, col)
    return documents


def ingest(files: list[SourceFile], now: datetime) -> IngestResult:
    raw_rows: list[dict] = []
    dec_rows: list[dict] = []
    rejects: list[tuple[str, str | None, Reject]] = []
    seen: set[str] = set()
    for f in files:
        try:
            docs, bad = _one(f)
        except Reject as r:
            rejects.append((f.source_name, sha256(f.data), r))
            continue
        rejects += bad
        for d in docs:
            if d.doc_id in seen:  # the same bytes twice in one batch: one document
                continue
            seen.add(d.doc_id)
            raw_rows.append({"doc_id": d.doc_id, "source_name": f.source_name, "source_uri": d.source_uri,
                             "format": d.format, "encoding": d.encoding, "n_bytes": len(d.raw), "raw": d.raw,
                             "ingested_at": now})
            dec_rows.append({"doc_id": d.doc_id, "source_name": f.source_name, "format": d.format,
                             "text": d.text, "meta_title": d.title, "meta_date": d.date, "meta_url": d.url,
                             "encoding": d.encoding, "ocr_pages": d.ocr_pages,
                             "ocr_confidence": d.ocr_confidence})
    return IngestResult(pa.Table.from_pylist(raw_rows, tables.RAW_DOCUMENTS.arrow),
                        pa.Table.from_pylist(dec_rows, tables.DECODED),
                        rejects)
