"""The news gold (dev and held-out) stays consistent with the stories as tanlu segments them: every anchor
is in exactly one sentence, and the gold turned into predictions scores 1.000 with the shared scorer.
This checks the gold, not the extractor (the extract stage is never run)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from conftest import CORPUS, REPO, SCORER

NEWS = CORPUS / "news"


def check_gold():
    spec = importlib.util.spec_from_file_location("check_gold", REPO / "tests" / "gold" / "check_gold.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize(("folder", "stories"), [("news", 12), ("news_holdout", 12), ("news_dev2", 13),
                                                  ("news_dev3", 12), ("news_holdout2", 11)])
def test_news_gold_anchors_and_self_score(folder, stories, capsys):
    if not NEWS.is_dir() or not SCORER.exists():
        pytest.skip("../shared/corpus/news or the scorer is absent")
    path = REPO / "tests" / "gold" / folder
    assert len(list(path.glob("*.jsonl"))) == stories
    errors = check_gold().check_folder(path, NEWS)
    out = capsys.readouterr().out
    assert errors == [], out + "\n".join(errors)
    assert "F1 1.000 P 1.000 R 1.000" in out


def test_an_anchor_in_two_sentences_is_reported(tmp_path):
    if not NEWS.is_dir() or not SCORER.exists():
        pytest.skip("../shared/corpus/news or the scorer is absent")
    row = {"doc": "xwlb_20210117_06.txt", "anchor": "万辆", "indicator": "x", "indicator_id": None, "value": 1366000,
           "unit": "count", "kind": "achievement", "comparator": "=", "year": 2020, "region_prefix": "100000",
           "direction": "level", "base_year": None, "required": True}
    (tmp_path / "x.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    errors = check_gold().check_folder(tmp_path, NEWS)
    assert any("in 2 sentences" in e for e in errors), errors
