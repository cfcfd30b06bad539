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


# the characters str.isspace() (and so str.strip()) takes for spaces: all of them below U+3001
_SPACE_BELOW = 0x3001
_SPACE = np.array([chr(c).isspace() for c in range(_SPACE_BELOW)] + [False], bool)
_DOTS = (ord("."), ord("．"))


def _code_points(text: str) -> np.ndarray:
    """The code points of ``text``, then a 0 (where a sentence that ends the text looks for its stop)."""
    return np.frombuffer((text + "\0").encode("utf-32-le"), np.uint32)


def _sentences(texts: list[str], cp: np.ndarray, whole: str) -> tuple[np.ndarray, ...]:
    """(start, end, dotted, text) of each sentence of ``texts``: its offsets in ``whole`` (the texts joined;
    ``cp``: its ``_code_points``), whether a "." stop is beside it (``dotted``: the cut of the whole text
    may differ from the sentence's own there) and the index of its text.

    A sentence is a piece between separators and the separator that ends it (a line break is no part of
    it), without the spaces around it; a piece of spaces alone is none. The pieces are found by one
    ``re.split`` a text; the rest is arrays of all the pieces of all the texts.
    """
    lens: list[int] = []  # of each text: piece, separator, ..., piece, and "" as the last one's separator
    n_pieces: list[int] = []
    for text in texts:
        parts = _SEPARATOR.split(text)
        lens += map(len, parts)
        lens.append(0)
        n_pieces.append((len(parts) + 1) >> 1)
    pairs = np.array(lens, np.int64).reshape(-1, 2)  # (piece, its separator)
    ends = np.cumsum(pairs, axis=None).reshape(-1, 2)
    piece_end, sep_end = ends[:, 0], ends[:, 1]
    start = piece_end - pairs[:, 0]
    one = pairs[:, 1] == 1  # a separator that is a line break or a "." is one character
    at_sep = cp[piece_end]
    dot = one & ((at_sep == _DOTS[0]) | (at_sep == _DOTS[1]))
    stop = np.where(one & (at_sep == 10), piece_end, sep_end)
    for _ in range(8):  # the spaces around a sentence, a few at most (any more: from the text, below)
        inside = start < stop
        lead = inside & _SPACE[np.minimum(cp[start], _SPACE_BELOW)]
        trail = inside & _SPACE[np.minimum(cp[stop - 1], _SPACE_BELOW)]
        if not (lead.any() or trail.any()):
            break
        start += lead
        stop -= trail & (start < stop)
    else:
        left = (start < stop) & (_SPACE[np.minimum(cp[start], _SPACE_BELOW)]
                                 | _SPACE[np.minimum(cp[stop - 1], _SPACE_BELOW)])
        for i in np.flatnonzero(left):
            a, b = int(start[i]), int(stop[i])
            s = whole[a:b]
            start[i] = a + len(s) - len(s.lstrip())
            stop[i] = a + len(s.rstrip())
    keep = start < stop
    dotted = dot.copy()
    dotted[1:] |= dot[:-1]  # the sentence after a "." stop too (the last piece of a text has no stop)
    of_text = np.repeat(np.arange(len(texts)), n_pieces)
    return start[keep], stop[keep], dotted[keep], of_text[keep]


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence of ``text``; offsets index ``text``."""
    start, stop, _, _ = _sentences([text], _code_points(text), text)
    return [(a, text[a:b]) for a, b in zip(start.tolist(), stop.tolist())]


def tokenize(text: str) -> list[str]:
    return _jieba().cut(text, hmm=True)


def _byte_offsets(cp: np.ndarray) -> np.ndarray:
    """The UTF-8 byte offset of every character of a text (``cp``: its code points), and of its end."""
    width = (cp >= 0x80).view(np.uint8) + (cp >= 0x800).view(np.uint8)  # bytes beyond the first
    width += (cp >= 0x10000).view(np.uint8)
    width += 1
    out = np.zeros(len(cp) + 1, np.int64)
    np.cumsum(width, dtype=np.int64, out=out[1:])
    return out


def _ranges(first: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """first[0], first[0]+1, …, first[0]+counts[0]-1, first[1], …: the concatenated ranges."""
    total = int(counts.sum())
    ends = np.cumsum(counts)
    return np.arange(total, dtype=np.int64) + np.repeat(first - (ends - counts), counts)


def segment(articles: pa.Table) -> pa.Table:
    texts = articles.column("text").to_pylist()
    whole = "".join(texts)
    # the tokens of all articles tile ``whole``: their lengths are kept, not the tokens (the column is cut
    # from the text's bytes)
    tok_lens: list[int] = []
    for t in texts:
        tok_lens += map(len, tokenize(t))
    cp = _code_points(whole)
    s, e, dotted, of_article = _sentences(texts, cp, whole)
    per_article = np.bincount(of_article, minlength=len(texts))  # how many sentences each article has
    bases = np.cumsum(np.array([0, *map(len, texts)], np.int64))[:-1]  # where each article starts in ``whole``
    crlf = [i for i, t in enumerate(texts) if "\r" in t]
    if crlf:  # "\r\n" is one token of jieba's, across a line break: cut sentence by sentence
        dotted |= np.isin(of_article, crlf)
    n_sents = len(s)
    n_tok = len(tok_lens)
    bounds = np.zeros(n_tok + 1, np.int64)
    np.cumsum(np.array(tok_lens, np.int64), out=bounds[1:])
    del tok_lens
    first = np.searchsorted(bounds, s)
    last = np.searchsorted(bounds, e)
    own = dotted.copy()
    if bounds[-1] == len(whole):
        own |= (bounds[np.minimum(first, n_tok)] != s) | (bounds[np.minimum(last, n_tok)] != e)
    else:  # pragma: no cover - rjieba keeps every character
        own[:] = True
    counts = last - first
    extra: list[str] = []
    for i in np.flatnonzero(own):  # cut on their own; their tokens come after all the others
        toks = tokenize(whole[s[i]:e[i]])
        first[i] = n_tok + len(extra)
        counts[i] = len(toks)
        extra += toks
    try:
        data = whole.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: Arrow says what is wrong with it, as before
        pa.array([tok for t in texts for tok in tokenize(t)], pa.string())
        raise
    offsets = _byte_offsets(cp[:-1])[bounds]
    cut_tokens = pa.LargeStringArray.from_buffers(n_tok, pa.py_buffer(offsets), pa.py_buffer(data))
    values = pa.concat_arrays([cut_tokens, pa.array(extra, pa.large_string())])
    values = values.take(pa.array(_ranges(first, counts))).cast(pa.string())
    list_offsets = np.zeros(n_sents + 1, np.int32)
    np.cumsum(counts, out=list_offsets[1:])
    schema = tables.SENTENCES.arrow
    tokens = pa.ListArray.from_arrays(pa.array(list_offsets), values, type=schema.field("tokens").type)
    # a sentence's tokens tile it: its text is the run of their bytes (no conversion of each sentence)
    token_bytes = np.frombuffer(values.buffers()[1], np.int32, len(values) + 1, values.offset * 4)
    text_col = pa.StringArray.from_buffers(n_sents, pa.py_buffer(token_bytes[list_offsets]), values.buffers()[2])
    first_sentence = np.cumsum(per_article) - per_article
    cols = {"doc_id": articles.column("doc_id").take(pa.array(of_article)).combine_chunks(),
            "article_idx": pa.array(articles.column("article_idx").to_numpy()[of_article], pa.int32()),
            "sentence_idx": pa.array(np.arange(n_sents) - first_sentence[of_article], pa.int32()),
            "text": text_col, "tokens": tokens,
            "span_start": pa.array(s - bases[of_article], pa.int32())}
    return pa.Table.from_arrays([cols[f.name] for f in schema], schema=schema)
