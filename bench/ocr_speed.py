"""Speed of OCR of scanned pages, as a ratio against pypdfium2 text extraction of the same pages.

    python -m bench.ocr_speed [pdf ...] [--pages N]   (default: the first N pages of ../shared/corpus/policies)

Each page is rendered at transforms.ocr.RENDER_SCALE and read by OCR (model load excluded: one warm-up
page first); the same pages' text layers are read by pypdfium2. Prints pages/s of both and the ratio.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import pypdfium2 as pdfium

from transforms import ocr

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--pages", type=int, default=5, help="pages to time (default 5)")
    a = ap.parse_args()
    pdfs = a.pdfs or sorted((ROOT.parent / "shared" / "corpus" / "policies").glob("*.pdf"))
    docs = [pdfium.PdfDocument(str(p)) for p in pdfs]
    pages = [d[i] for d in docs for i in range(len(d))][:a.pages]
    if not pages:
        raise SystemExit("no PDF pages to time (is ../shared/corpus there?)")
    ocr.ocr_pdf_page(pages[0])  # warm-up: loads the models
    t0 = time.perf_counter()
    for p in pages:
        ocr.ocr_pdf_page(p)
    t_ocr = time.perf_counter() - t0
    t0 = time.perf_counter()
    for p in pages:
        tp = p.get_textpage()
        tp.get_text_bounded()
        tp.close()
    t_text = time.perf_counter() - t0
    n = len(pages)
    print(f"OCR: {n / t_ocr:.2f} pages/s; pypdfium2 text layer: {n / t_text:.1f} pages/s; "
          f"OCR is {t_ocr / t_text:.0f}x slower ({n} pages)")


if __name__ == "__main__":
    main()
