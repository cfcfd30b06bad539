"""Shared helpers of the ingest, clean and structure tests: the seeds, the corpus, generated files."""
from __future__ import annotations

import ctypes
import io
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import pytest

from transforms import PIPELINE_VERSION, clean, ingest, structure

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CORPUS = ROOT / ".." / "shared" / "corpus"
GOLD = ROOT / ".." / "shared" / "gold"
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


def seed_path(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def seed_bytes(prefix: str) -> bytes:
    return seed_path(prefix).read_bytes()


def source(name: str, data: bytes) -> ingest.SourceFile:
    return ingest.SourceFile(name, f"/inbox/{name}", data)


def run(files: list[ingest.SourceFile]):
    """ingest -> clean -> structure in memory: (IngestResult, cleaned, documents, articles, all rejects)."""
    ing = ingest.ingest(files, NOW)
    cleaned, r1 = clean.clean(ing.decoded)
    docs, arts, r2 = structure.structure(cleaned, PIPELINE_VERSION)
    return ing, cleaned, docs, arts, ing.rejects + r1 + r2


def run_one(name: str, data: bytes):
    """(document row, article rows, rejects) for one file."""
    _ing, _cleaned, docs, arts, rejects = run([source(name, data)])
    rows = docs.to_pylist()
    return (rows[0] if rows else None), arts.to_pylist(), rejects


def need_corpus(sub: str = "") -> Path:
    path = CORPUS / sub
    if not path.exists():
        pytest.skip(f"corpus not present at {path}")
    return path


@lru_cache(maxsize=1)
def corpus_policies():
    """(documents, rejects) of the corpus PDFs, computed once a test session (PDF text takes seconds)."""
    from bench.compare_metadata import run_pipeline

    pdfs = sorted((CORPUS / "policies").glob("*.pdf"))
    return run_pipeline(pdfs)


def image_only_pdf() -> bytes:
    """A one-page PDF holding an image and no text, as a scanner makes."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(200, 200)
    img = pdfium.PdfImage.new(pdf)
    img.set_bitmap(pdfium.PdfBitmap.new_native(50, 50, pdfium.raw.FPDFBitmap_BGR))
    img.set_matrix(pdfium.PdfMatrix().scale(50, 50))
    page.insert_obj(img)
    page.gen_content()
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def text_pdf(pages: list[list[str]]) -> bytes:
    """A PDF with one ASCII text line a string (standard Helvetica), for testing page handling."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for lines in pages:
        page = pdf.new_page(400, 600)
        for k, line in enumerate(lines):
            obj = pdfium.raw.FPDFPageObj_NewTextObj(pdf, b"Helvetica", 12.0)
            buf = (line + "\x00").encode("utf-16-le")
            pdfium.raw.FPDFText_SetText(obj, ctypes.cast(ctypes.c_char_p(buf), ctypes.POINTER(ctypes.c_ushort)))
            pdfium.raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 20, 560 - 20 * k)
            pdfium.raw.FPDFPage_InsertObject(page, obj)
        page.gen_content()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for i, row in enumerate(table):
            for j, cell in enumerate(row):
                t.cell(i, j).text = cell
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
