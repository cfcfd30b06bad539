"""Shared fixtures: the corpus run once per session (PDF text extraction costs seconds)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SCORER = ROOT.parent / "shared" / "tools" / "score_measures.py"


@pytest.fixture(scope="session")
def corpus_tables():
    """The pure pipeline over every corpus document (policies and work reports)."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    from transforms import pipeline

    files = [f for f in pipeline.list_inputs([CORPUS]) if f.suffix.lower() in pipeline.INPUT_SUFFIXES
             and f.name != "metadata.csv"]
    return pipeline.process(pipeline.read_sources(files))
