"""Check a folder of news gold against the stories as tanlu segments them.

Usage: python tests/gold/check_gold.py tests/gold/news [tests/gold/news_holdout ...] [--corpus ../shared/corpus/news]

For every gold row it checks that the anchor has no 。/；, occurs in exactly one segmented sentence of its
story (after NFKC and with white space removed) and only once in that sentence. Then it turns the gold rows
into predictions (evidence = that sentence, region_code = the first region prefix padded to 6 digits) and
scores them with ../shared/tools/score_measures.py, which must report F1 1.000 and strict F1 1.000.
It runs ingest, clean, structure and segment only: the extract stage is never called.
Exits 1 on any failure.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from transforms import ingest, pipeline  # noqa: E402

SCORER = REPO.parent / "shared" / "tools" / "score_measures.py"
KINDS = {"target", "achievement", "baseline", "potential"}
COMPARATORS = {"=", ">=", "<=", "~", ">", "<"}
DIRECTIONS = {"increase", "decrease", "level"}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or "")))


def sentences_of(files: list[Path]) -> dict[str, list[str]]:
    """source name -> its sentences, as tanlu's ingest, clean, structure and segment stages leave them."""
    ing = ingest.ingest(pipeline.read_sources(files), datetime.now(timezone.utc))
    names = dict(zip(ing.raw_documents.column("doc_id").to_pylist(),
                     ing.raw_documents.column("source_name").to_pylist()))
    rejected: list = []
    (cleaned,) = pipeline.guarded("clean", pipeline.run_clean, [ing.decoded], names, rejected)
    _, articles = pipeline.guarded("structure", pipeline.run_structure, [cleaned], names, rejected)
    (sents,) = pipeline.guarded("segment", pipeline.run_segment, [articles], names, rejected)
    out: dict[str, list[str]] = {}
    for doc_id, text in zip(sents.column("doc_id").to_pylist(), sents.column("text").to_pylist()):
        out.setdefault(names[doc_id], []).append(text)
    return out


def check_rows(rows: list[dict], sents: dict[str, list[str]]) -> tuple[list[str], list[dict]]:
    errors, preds = [], []
    for n, g in enumerate(rows, 1):
        where = f"{g.get('doc')} row {n}"
        if g.get("doc") not in sents:
            errors.append(f"{where}: story not found")
            continue
        if g.get("no_measures"):
            continue
        a = squash(g["anchor"])
        if "。" in a or "；" in a or ";" in a:
            errors.append(f"{where}: anchor has 。/；: {g['anchor']}")
        hits = [s for s in sents[g["doc"]] if a in squash(s)]
        if len(hits) != 1:
            errors.append(f"{where}: anchor {g['anchor']!r} in {len(hits)} sentences")
            continue
        if squash(hits[0]).count(a) != 1:
            errors.append(f"{where}: anchor {g['anchor']!r} twice in its sentence")
        if g["kind"] not in KINDS or g["comparator"] not in COMPARATORS or g["direction"] not in DIRECTIONS:
            errors.append(f"{where}: bad kind, comparator or direction")
        if (g["value"] is None) != (g["unit"] is None):
            errors.append(f"{where}: value and unit must be both null or both set")
        region = g["region_prefix"].split("|")[0]
        preds.append({"source_name": g["doc"], "value": g["value"], "unit": g["unit"], "kind": g["kind"],
                      "comparator": g["comparator"], "target_year": g["year"],
                      "region_code": region.ljust(6, "0"), "evidence": hits[0],
                      "indicator_id": g.get("indicator_id") or ""})
    return errors, preds


def score(rows: list[dict], preds: list[dict]) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold.jsonl"
        gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows if not r.get("no_measures")),
                        encoding="utf-8")
        pred = Path(tmp) / "pred.csv"
        with pred.open("w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=list(preds[0]))
            w.writeheader()
            w.writerows(preds)
        return subprocess.run([sys.executable, str(SCORER), "--gold", str(gold), "--pred", str(pred)],
                              capture_output=True, text=True, check=True).stdout


def check_folder(folder: Path, corpus: Path) -> list[str]:
    rows = [json.loads(line) for f in sorted(folder.glob("*.jsonl"))
            for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = sorted({r["doc"] for r in rows})
    sents = sentences_of([corpus / d for d in docs if (corpus / d).exists()])
    errors, preds = check_rows(rows, sents)
    if preds:
        out = score(rows, preds)
        strict = [ln for ln in out.splitlines() if ln.startswith("strict")]
        last = out.strip().splitlines()[-1]
        print(f"{folder}: {len(docs)} stories, {sum(not r.get('no_measures') for r in rows)} rows "
              f"({sum(r.get('required', True) for r in rows if not r.get('no_measures'))} required)")
        print("  " + strict[0])
        print("  " + last)
        if not last.startswith("F1 1.000") or not strict[0].startswith(
                "strict (kind, year, region and comparator all right): F1 1.000"):
            errors.append(f"{folder}: the gold does not score 1.000 against itself")
    return errors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "news")
    a = ap.parse_args()
    errors = [e for folder in a.folders for e in check_folder(folder, a.corpus)]
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
