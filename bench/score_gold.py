"""Score the extractor on the hand-made corpus gold (tests/gold/*.jsonl) with ../shared/tools/score_measures.py.

    python -m bench.score_gold [--show-misses] [--gold-dir tests/gold/holdout]

Runs the pure pipeline over the corpus documents the gold files name, writes their measures to
bench/out/gold/measures.parquet and the merged gold to bench/out/gold/gold.jsonl (a "no_measures"
document contributes no rows: any prediction there counts as a false positive), then prints the
scorer's report; its last line is "F1 <f1> P <p> R <r>".
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from transforms import pipeline

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SCORER = ROOT.parent / "shared" / "tools" / "score_measures.py"


HELD_OUT = ("holdout", "holdout2", "news_holdout", "news_holdout2")


def gold_docs(gold_dir: Path) -> set[str]:
    """The file names of the corpus documents the gold files of one folder name (their `doc` field)."""
    return {json.loads(line)["doc"] for f in sorted(Path(gold_dir).glob("*.jsonl"))
            for line in f.read_text(encoding="utf-8").splitlines() if line.strip()}


def held_out_docs() -> set[str]:
    """The documents of the held-out gold folders, which sampling and row-printing tools leave out."""
    return set().union(*(gold_docs(ROOT / "tests" / "gold" / d) for d in HELD_OUT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "gold"))
    ap.add_argument("--gold-dir", default=str(ROOT / "tests" / "gold"),
                    help="folder of gold files (tests/gold/holdout holds documents the extractor was not tuned on)")
    a = ap.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    gold, docs = [], set()
    for f in sorted(Path(a.gold_dir).glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                g = json.loads(line)
                docs.add(g["doc"])
                if not g.get("no_measures"):
                    gold.append(g)
    files = [f for f in pipeline.list_inputs([CORPUS]) if f.name in docs]
    t = pipeline.process(pipeline.read_sources(files))
    pq.write_table(t.measures, out / "measures.parquet")
    (out / "gold.jsonl").write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), encoding="utf-8")
    cmd = [sys.executable, str(SCORER), "--gold", str(out / "gold.jsonl"), "--pred", str(out / "measures.parquet")]
    sys.exit(subprocess.call(cmd + (["--show-misses"] if a.show_misses else [])))


if __name__ == "__main__":
    main()
