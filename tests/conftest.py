"""Shared fixtures: paths to the seeds and ../shared, one Prefect test harness for the session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"
CORPUS = SHARED / "corpus"

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
def prefect_harness():
    """One Prefect test server for the whole session (it costs ~12 s to start)."""
    import flows.settings  # noqa: F401
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
