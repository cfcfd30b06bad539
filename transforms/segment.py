"""Segment: sentences with offsets, and jieba-compatible tokens (rjieba) with a policy lexicon.

An article is cut by rjieba in one call, and each sentence takes the run of tokens between its offsets.
That is the cut of the sentence alone: jieba cuts a text block by block, a block being a run of Chinese
characters, ASCII letters and digits and ``+#&._%-``, and a sentence ends at a character outside every
block (。！？；, a closing quote or bracket, a line break, a space). The one exception is a full stop typed
as "." before a Chinese character, inside a block: the two sentences beside it are cut on their own.
The token column is built from the text's own UTF-8 bytes (token offsets), not from a Python string a token.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from itertools import accumulate, chain

import numpy as np
import pyarrow as pa
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
# point or a "1." list number: the "." follows a Chinese character, ”, ）, ) or %, or one to six digits
# after a Chinese character. One pattern for ``re.split``: it opens with the set of the characters that
# can end a sentence (so that the scan skips every other character fast), and lookbehinds of fixed width
# then tell which of them it is.
_CJK = "\u4e00-\u9fff"
_SEPARATOR = re.compile(
    r"([。！？!?；;\n.．](?:(?<=\n)|(?<=[。！？!?；;])[。！？!?；;]*[”’」』）)]*"
    rf"|(?=[{_CJK}“（(])(?:(?<=[{_CJK}”）)%％][.．])|"
    + "|".join(rf"(?<=[{_CJK}]\d{{{k}}}[.．])" for k in range(1, 7)) + ")))")


def _split(text: str, base: int, starts: list[int], sents: list[str], dotted: list[bool]) -> None:
    """Append each sentence of ``text``: its offset plus ``base``, its text, and whether a "." stop is
    beside it (``dotted``: the cut of the whole text may differ from the sentence's own there)."""
    parts = _SEPARATOR.split(text)  # piece, separator, piece, ..., piece
    ends = list(accumulate(map(len, parts)))
    pieces, seps = parts[0::2], parts[1::2]
    at = [0, *ends[1::2]]  # where each piece starts: after the separator before it
    seps.append("")
    # a sentence is its piece and the separator that ends it (a line break is no part of it)
    raw = [p if s == "\n" else p + s for p, s in zip(pieces, seps)]
    dot = [s == "." or s == "．" for s in seps]
    keep = [i for i, r in enumerate(raw) if not r.isspace() and r]
    starts.extend(base + at[i] + len(raw[i]) - len(raw[i].lstrip()) for i in keep)
    sents.extend(raw[i].strip() for i in keep)
    dotted.extend(dot[i] or (i > 0 and dot[i - 1]) for i in keep)


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence of ``text``; offsets index ``text``."""
    starts: list[int] = []
    sents: list[str] = []
    _split(text, 0, starts, sents, [])
    return list(zip(starts, sents))


def tokenize(text: str) -> list[str]:
    return _jieba().cut(text, hmm=True)


def _byte_offsets(text: str) -> np.ndarray:
    """The UTF-8 byte offset of every character of ``text``, and of its end."""
    cp = np.frombuffer(text.encode("utf-32-le"), np.uint32)
    out = np.zeros(len(cp) + 1, np.int64)
    np.cumsum(1 + (cp >= 0x80) + (cp >= 0x800) + (cp >= 0x10000), out=out[1:])
    return out


def _ranges(first: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """first[0], first[0]+1, …, first[0]+counts[0]-1, first[1], …: the concatenated ranges."""
    total = int(counts.sum())
    ends = np.cumsum(counts)
    return np.arange(total, dtype=np.int64) + np.repeat(first - (ends - counts), counts)


def segment(articles: pa.Table) -> pa.Table:
    texts = articles.column("text").to_pylist()
    per_article: list[int] = []  # how many sentences each article has
    bases: list[int] = []  # where each article starts in the texts joined
    starts: list[int] = []  # offsets in the articles' texts joined
    sents: list[str] = []
    dotted: list[bool] = []
    base = 0
    for text in texts:
        n0 = len(sents)
        _split(text, base, starts, sents, dotted)
        n = len(sents) - n0
        if "\r" in text:  # "\r\n" is one token of jieba's, across a line break: cut sentence by sentence
            dotted[n0:] = [True] * n
        per_article.append(n)
        bases.append(base)
        base += len(text)
    of_article = np.repeat(np.arange(len(texts)), per_article)  # each sentence's article
    whole = "".join(texts)
    cuts = [tokenize(t) for t in texts]  # the tokens of all articles tile ``whole``
    n_tok = sum(map(len, cuts))
    bounds = np.zeros(n_tok + 1, np.int64)
    np.cumsum(np.fromiter(map(len, chain.from_iterable(cuts)), np.int64, n_tok), out=bounds[1:])
    s = np.array(starts, np.int64)
    e = s + np.fromiter(map(len, sents), np.int64, len(sents))
    first = np.searchsorted(bounds, s)
    last = np.searchsorted(bounds, e)
    own = np.array(dotted, bool)
    if bounds[-1] == len(whole):
        own |= (bounds[np.minimum(first, n_tok)] != s) | (bounds[np.minimum(last, n_tok)] != e)
    else:  # pragma: no cover - rjieba keeps every character
        own[:] = True
    counts = last - first
    extra: list[str] = []
    for i in np.flatnonzero(own):  # cut on their own; their tokens come after all the others
        toks = tokenize(sents[i])
        first[i] = n_tok + len(extra)
        counts[i] = len(toks)
        extra += toks
    try:
        data = whole.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: Arrow says what is wrong with it, as before
        pa.array(list(chain.from_iterable(cuts)), pa.string())
        raise
    offsets = _byte_offsets(whole)[bounds]
    cut_tokens = pa.LargeStringArray.from_buffers(n_tok, pa.py_buffer(offsets), pa.py_buffer(data))
    values = pa.concat_arrays([cut_tokens, pa.array(extra, pa.large_string())])
    values = values.take(pa.array(_ranges(first, counts))).cast(pa.string())
    list_offsets = np.zeros(len(sents) + 1, np.int32)
    np.cumsum(counts, out=list_offsets[1:])
    schema = tables.SENTENCES.arrow
    tokens = pa.ListArray.from_arrays(pa.array(list_offsets), values, type=schema.field("tokens").type)
    # a sentence's tokens tile it: its text is the run of their bytes (no conversion of each sentence)
    token_bytes = np.frombuffer(values.buffers()[1], np.int32, len(values) + 1, values.offset * 4)
    text_col = pa.StringArray.from_buffers(len(sents), pa.py_buffer(token_bytes[list_offsets]), values.buffers()[2])
    first_sentence = np.cumsum(per_article) - per_article
    cols = {"doc_id": articles.column("doc_id").take(pa.array(of_article)).combine_chunks(),
            "article_idx": pa.array(articles.column("article_idx").to_numpy()[of_article], pa.int32()),
            "sentence_idx": pa.array(np.arange(len(sents)) - first_sentence[of_article], pa.int32()),
            "text": text_col, "tokens": tokens,
            "span_start": pa.array(s - np.array(bases, np.int64)[of_article], pa.int32())}
    return pa.Table.from_arrays([cols[f.name] for f in schema], schema=schema)
