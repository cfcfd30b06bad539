"""Show each gold row next to the prediction that matched it (kind, year, region, comparator), and the
false positives: a developer's view of score_measures.py's numbers.

    python -m bench.compare GOLD.jsonl PRED.parquet [--all]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

import pyarrow.parquet as pq


def load_scorer():
    path = Path(__file__).resolve().parents[1].parent / "shared" / "tools" / "score_measures.py"
    spec = importlib.util.spec_from_file_location("score_measures", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--all", action="store_true")
    a = ap.parse_args()
    sm = load_scorer()
    gold = [json.loads(x) for x in open(a.gold, encoding="utf-8") if x.strip()]
    preds = pq.read_table(a.pred).to_pylist()
    used = set()
    for g in gold:
        ps = [p for p in preds if p["source_name"] == g["doc"] and sm.matches(g, p)]
        if not ps:
            print("MISS", g["doc"][:12], g["anchor"], g.get("value"), g.get("unit"))
            continue
        p = ps[0]
        used.update(id(x) for x in ps)
        bad = []
        if p["kind"] != g["kind"]:
            bad.append(f"kind {p['kind']}!={g['kind']}")
        if g.get("year") is not None and p["target_year"] != g["year"]:
            bad.append(f"year {p['target_year']}!={g['year']}")
        if g.get("region_prefix") and not any(str(p["region_code"]).startswith(x) for x in g["region_prefix"].split("|")):
            bad.append(f"region {p['region_code']}!={g['region_prefix']}")
        if (p["comparator"] or "=") != g["comparator"]:
            bad.append(f"comp {p['comparator']}!={g['comparator']}")
        if bad or a.all:
            print("BAD " if bad else "ok  ", g["doc"][:12], g["anchor"], "|", p["indicator"], "|", "; ".join(bad))
    gold_docs = {g["doc"] for g in gold}
    recall_only = {g["doc"] for g in gold if g.get("recall_only")}
    for p in preds:
        if id(p) not in used and p["source_name"] in gold_docs and p["source_name"] not in recall_only:
            print("FP  ", p["source_name"][:12], p["value_raw"], p["unit"], p["kind"], "|", p["indicator"], "|",
                  p["evidence"][:70])


if __name__ == "__main__":
    main()
