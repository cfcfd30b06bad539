"""OCR of page images: Chinese PP-OCR models run with onnxruntime (the ``rapidocr`` package).

The models (PP-OCRv6 small detection and recognition) ship inside the rapidocr wheel, so this needs no
network. Pure: an image in,
text lines and their confidences out. ingest calls it for PDF pages that have no text layer.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# pages are rendered at this many pixels per PDF point (72 dpi * 2 = 144 dpi): enough for body text
RENDER_SCALE = 2.0


@dataclass(frozen=True)
class PageText:
    text: str  # the recognised lines, top to bottom, one a line
    confidences: tuple[float, ...]  # one per line


@lru_cache(maxsize=1)
def _engine():
    from rapidocr import RapidOCR

    return RapidOCR()


def ocr_image(image) -> PageText:
    """Text of one page image (a PIL image or an HxWx3 uint8 RGB array)."""
    import numpy as np

    arr = np.asarray(image.convert("RGB") if hasattr(image, "convert") else image)
    arr = arr[:, :, ::-1].copy()  # RapidOCR reads arrays as OpenCV does: BGR
    out = _engine()(arr)
    if not out.txts:  # None (nothing found) or empty
        return PageText("", ())
    # one entry per text line, already in reading order (top to bottom)
    return PageText("\n".join(out.txts), tuple(float(x) for x in out.scores))


def ocr_pdf_page(page, scale: float = RENDER_SCALE) -> PageText:
    """Text of one pypdfium2 page, rendered at ``scale`` and read by OCR."""
    return ocr_image(page.render(scale=scale).to_pil())
