"""bench.spot_check samples the corpus without the documents of the held-out gold folders."""
from pathlib import Path

import pytest

from bench.score_gold import gold_docs, held_out_docs
from bench.spot_check import sample_inputs

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
def test_spot_check_leaves_out_every_held_out_document_and_only_those():
    everything = {f.name for f in sample_inputs([str(CORPUS)], include_held_out=True)}
    sampled = {f.name for f in sample_inputs([str(CORPUS)])}
    held = held_out_docs()
    assert len(gold_docs(ROOT / "tests" / "gold" / "news_holdout2")) == 11
    assert held <= everything  # every held-out document is a corpus file
    assert sampled == everything - held
    assert gold_docs(ROOT / "tests" / "gold" / "news") <= sampled
