"""Synthetic corpus generator: many distinct documents made from the seeds and the work reports
(../shared/corpus/work-reports when present), so that the pipeline can be timed at scale.

    python -m bench.synth                     # >= 40 M characters into bench/out/synth/ (ignored by git)
    python -m bench.synth --chars 5e6 --out /tmp/synth
    python -m bench.synth --docs 20000 --doc-chars 400 --out bench/out/flow/docs-20000   # many short ones

Each document takes one template, keeps its first line (the title) and a random run of its paragraphs
(30 % to all of them), shuffles part of the body, scales every number but years by a random factor and swaps the
names of provinces and cities for others of the same level, so every document differs (their sha256 are
checked to be distinct). The same seed gives the same corpus. ``--doc-chars`` cuts each document to its
title and the paragraphs that reach that many characters, for corpora of many short documents.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO / "seeds", REPO.parent / "shared" / "corpus" / "work-reports"]
OUT = REPO / "bench" / "out" / "synth"
TARGET_CHARS = 40_000_000
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def templates() -> list[str]:
    out = []
    for folder in SOURCES:
        if folder.is_dir():
            out += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if not out:
        raise SystemExit("bench.synth: no templates (seeds/*.txt, ../shared/corpus/work-reports/*.txt)")
    return out


def _places() -> dict[str, list[str]]:
    """Province and city full names by level (from the code table), to swap for each other."""
    from transforms import regions

    out: dict[str, list[str]] = {"province": [], "city": []}
    for r in regions.all_regions().values():
        if r.level in out and len(r.name) >= 3:
            out[r.level].append(r.name)
    return {k: sorted(set(v)) for k, v in out.items()}


def _variant(text: str, rng: random.Random, places: dict[str, list[str]], place_re: re.Pattern,
             level: dict[str, str]) -> str:
    lines = text.split("\n")
    title, body = lines[0], lines[1:]
    if len(body) > 4:
        keep = max(3, int(len(body) * rng.uniform(0.3, 1.0)))
        start = rng.randrange(0, len(body) - keep + 1)
        body = body[start:start + keep]
        if rng.random() < 0.5:  # shuffle a stretch of paragraphs
            a = rng.randrange(0, len(body))
            b = min(len(body), a + rng.randint(2, 12))
            part = body[a:b]
            rng.shuffle(part)
            body[a:b] = part
    swap: dict[str, str] = {}

    def place(m: re.Match) -> str:
        name = m.group()
        if name not in swap:
            swap[name] = rng.choice(places[level[name]])
        return swap[name]

    def number(m: re.Match) -> str:
        if len(m.group()) == 4 and m.group()[:2] in ("19", "20"):
            return m.group()  # a year stays a year
        v = float(m.group()) * rng.uniform(0.5, 1.5)
        return str(int(v)) if "." not in m.group() else f"{v:.{len(m.group().split('.')[1])}f}"

    out = "\n".join([title, *body])
    out = place_re.sub(place, out)
    return _NUMBER.sub(number, out)


def _cut(text: str, doc_chars: int) -> str:
    """The title and the first paragraphs that reach ``doc_chars`` characters."""
    out, n = [], 0
    for line in text.split("\n"):
        out.append(line)
        n += len(line) + 1
        if n >= doc_chars and len(out) > 1:
            break
    return "\n".join(out)


def generate(out_dir: Path, n_docs: int | None = None, chars: int | None = None, seed: int = 7,
             doc_chars: int | None = None) -> list[Path]:
    """Write documents under ``out_dir`` until ``n_docs`` documents or ``chars`` characters; returns their
    paths. Documents are distinct (checked by their sha256); ``doc_chars`` cuts each one short (``_cut``)."""
    if n_docs is None and chars is None:
        chars = TARGET_CHARS
    rng = random.Random(seed)
    base = templates()
    places = _places()
    level = {n: lv for lv, names in places.items() for n in names}
    place_re = re.compile("|".join(sorted(map(re.escape, level), key=len, reverse=True)))
    out_dir.mkdir(parents=True, exist_ok=True)
    paths, seen, total = [], set(), 0
    while (n_docs is None or len(paths) < n_docs) and (chars is None or total < chars):
        text = _variant(rng.choice(base), rng, places, place_re, level)
        if doc_chars:
            text = _cut(text, doc_chars)
        digest = hashlib.sha256(text.encode("utf-8")).digest()
        if digest in seen:
            continue
        seen.add(digest)
        p = out_dir / f"synthetic_{len(paths):06d}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
        total += len(text)
    return paths


def corpus(out_dir: Path = OUT, chars: int | None = TARGET_CHARS, seed: int = 7, n_docs: int | None = None,
           doc_chars: int | None = None) -> list[Path]:
    """The corpus of ``chars`` characters (or ``n_docs`` documents) in ``out_dir``, generated once (a stamp
    records how)."""
    stamp = out_dir / ".made"
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
    key = (f"chars={chars} docs={n_docs} doc_chars={doc_chars} seed={seed} "
           f"templates={sum(len(t) for t in templates())} generator={code}")
    if stamp.exists() and stamp.read_text() == key:
        return sorted(out_dir.glob("synthetic_*.txt"))
    for old in out_dir.glob("synthetic_*.txt"):
        old.unlink()
    paths = generate(out_dir, n_docs=n_docs, chars=chars, seed=seed, doc_chars=doc_chars)
    stamp.write_text(key)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=float, default=None, help=f"characters in all (default {TARGET_CHARS:,} "
                    "unless --docs is given)")
    ap.add_argument("--docs", type=int, default=None, help="documents in all")
    ap.add_argument("--doc-chars", type=int, default=None, help="cut each document to about this many characters")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default=str(OUT))
    a = ap.parse_args()
    chars = int(a.chars) if a.chars else (None if a.docs else TARGET_CHARS)
    paths = corpus(Path(a.out), chars, a.seed, n_docs=a.docs, doc_chars=a.doc_chars)
    n = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    print(f"{len(paths)} documents, {n / 1e6:.1f} M characters in {a.out}")


if __name__ == "__main__":
    main()
