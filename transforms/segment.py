"""Segment: sentences with offsets, and jieba-compatible tokens (rjieba) with a policy lexicon."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import pyarrow as pa
import regex
import rjieba

from schemas import tables



@lru_cache(maxsize=1)
def _jieba() -> rjieba.Jieba:
    jb = rjieba.Jieba()
    lexicon = resources.files("transforms") / "data" / "policy_lexicon.txt"
    for line in lexicon.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            jb.add_word(word, None, None)
    return jb


# A sentence ends at 。！？；, at a line break, or at a full stop typed as "." / "．" before a Chinese
# character (some PDFs set 。 that way: "减排.实施…", "达到100%.对…", "达到30.县级…"), never at a decimal
# point or a "1." list number.
_BOUNDARY = regex.compile(r"[。！？!?；;]+[”’」』）)]*|\n|(?<=[\u4e00-\u9fff”）)%％]|[\u4e00-\u9fff]\d{1,6})[.．](?=[\u4e00-\u9fff“（(])")


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence of ``text``; offsets index ``text``."""
    out = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end() if m.group() != "\n" else m.start()
        _add(out, text, start, end)
        start = m.end()
    _add(out, text, start, len(text))
    return out


def _add(out: list[tuple[int, str]], text: str, start: int, end: int) -> None:
    s = text[start:end]
    stripped = s.strip()
    if stripped:
        out.append((start + s.index(stripped[0]), stripped))


def tokenize(text: str) -> list[str]:
    return _jieba().cut(text, hmm=True)


def segment(articles: pa.Table) -> pa.Table:
    cols: dict[str, list] = {n: [] for n in tables.SENTENCES.columns}
    for a in articles.select(["doc_id", "article_idx", "text"]).to_pylist():
        for i, (start, sent) in enumerate(split_sentences(a["text"])):
            cols["doc_id"].append(a["doc_id"])
            cols["article_idx"].append(a["article_idx"])
            cols["sentence_idx"].append(i)
            cols["text"].append(sent)
            cols["tokens"].append(tokenize(sent))
            cols["span_start"].append(start)
    return pa.table(cols, schema=tables.SENTENCES.arrow)
