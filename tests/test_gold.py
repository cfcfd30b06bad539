"""The extractor against hand-annotated gold: the seeds (../shared/gold) and corpus documents (tests/gold).

Scored with ../shared/tools/score_measures.py's own matching rules, imported as it is.
"""
from __future__ import annotations

import importlib.util
import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from conftest import CORPUS, ROOT, SCORER
from schemas import tables, validate
from transforms import pipeline

GOLD_DIR = ROOT / "tests" / "gold"
SEEDS_GOLD = ROOT.parent / "shared" / "gold" / "seeds_measures.jsonl"


def scorer():
    if not SCORER.is_file():
        pytest.skip("../shared/tools/score_measures.py is absent")
    spec = importlib.util.spec_from_file_location("score_measures", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def score(gold: list[dict], preds: list[dict]) -> tuple[float, float, float, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        f1, p, r = scorer().score_measures(gold, preds, show_misses=True)
    return f1, p, r, out.getvalue()


def field_accuracy(report: str) -> dict[str, float]:
    acc = {}
    for line in report.splitlines():
        parts = line.split()
        if len(parts) >= 6 and parts[1] == "correct" and "/" in parts[5]:
            ok, n = map(int, parts[5].split("/"))
            acc[parts[0]] = ok / n if n else 1.0
    return acc


def read_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_seeds_f1_and_fields():
    if not SEEDS_GOLD.is_file():
        pytest.skip("../shared/gold is absent")
    t = pipeline.process(pipeline.read_sources(pipeline.list_inputs([ROOT / "seeds"])))
    f1, _, _, report = score(read_gold(SEEDS_GOLD), t.measures.to_pylist())
    assert f1 >= 0.95, report
    acc = field_accuracy(report)
    assert acc["kind"] >= 0.95 and acc["year"] >= 0.95, report


@pytest.mark.corpus
@pytest.mark.slow
def test_corpus_gold_f1(corpus_tables):
    gold, no_measures = [], set()
    for f in sorted(GOLD_DIR.glob("*.jsonl")):
        for g in read_gold(f):
            if g.get("no_measures"):
                no_measures.add(g["doc"])  # every prediction there is a false positive
            else:
                gold.append(g)
    if not gold:
        pytest.skip("no corpus gold yet")
    docs = {g["doc"] for g in gold} | no_measures
    preds = [p for p in corpus_tables.measures.to_pylist() if p["source_name"] in docs]
    f1, p, r, report = score(gold, preds)
    print(report)
    assert f1 >= 0.85, report
    assert not [p for p in preds if p["source_name"] in no_measures], "measures found in a notice with none"


@pytest.mark.corpus
@pytest.mark.slow
def test_whole_corpus_extraction_has_no_schema_failures(corpus_tables):
    assert corpus_tables.counts["documents"] >= 50
    assert corpus_tables.measures.num_rows > 500
    failures = [r for r in corpus_tables.rejects.to_pylist() if r["stage"] == "validate"]
    assert failures == []
    assert not validate(tables.MEASURES, corpus_tables.measures).failures
