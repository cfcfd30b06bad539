"""Shared fixtures: paths to the seeds and ../shared, one Prefect test harness for the session, and the
pure pipeline over the corpus once per session (PDF text extraction costs seconds)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ROOT = REPO
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"
CORPUS = SHARED / "corpus"
SCORER = SHARED / "tools" / "score_measures.py"

os.environ.setdefault("TANLU_STATE", str(REPO / ".state" / "test"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not (CORPUS / "policies").is_dir():
        pytest.skip("../shared/corpus is absent")
    return CORPUS


@pytest.fixture(scope="session")
def shared_gold() -> Path:
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared/gold is absent")
    return SHARED / "gold"


@pytest.fixture(scope="session")
def corpus_tables():
    """The pure pipeline over every corpus document (policies and work reports)."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    from transforms import pipeline

    files = [f for f in pipeline.list_inputs([CORPUS]) if f.suffix.lower() in pipeline.INPUT_SUFFIXES]
    return pipeline.process(pipeline.read_sources(files))


@pytest.fixture(scope="session")
def prefect_harness():
    """One Prefect test server for the whole session (it costs ~12 s to start)."""
    import flows.settings  # noqa: F401
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
