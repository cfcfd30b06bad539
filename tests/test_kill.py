"""A run killed with SIGKILL part-way, then run again, leaves the warehouse a clean run leaves (issue 11):
each batch loads in one transaction, and what is not loaded is processed by the next run."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from tests.conftest import REPO, SEEDS

pytestmark = [pytest.mark.usefixtures("prefect_harness"), pytest.mark.slow,
              pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs os.sched_setaffinity (Linux)")]

CORPUS_NEWS = REPO.parent / "shared" / "corpus" / "news"
# what a run leaves, without what says when it ran (ingested_at, run ids)
TABLES = {
    "raw_documents": "SELECT doc_id, source_name, format, encoding, n_bytes, raw FROM raw_documents",
    "documents": "SELECT * FROM documents",
    "articles": "SELECT * FROM articles",
    "sentences": "SELECT * FROM sentences",
    "measures": "SELECT * FROM measures",
    "rejects": "SELECT source_name, doc_id, stage, reason, detail FROM rejects",
}


def _inbox(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for f in sorted(SEEDS.glob("*.txt")):
        shutil.copy(f, inbox / f.name)
    if CORPUS_NEWS.is_dir():  # a few corpus stories when the corpus is there; the seeds alone otherwise
        for f in sorted(CORPUS_NEWS.glob("*.txt"))[:3]:
            shutil.copy(f, inbox / f.name)
    (inbox / "empty.txt").write_bytes(b"")
    return inbox


def _cmd(wh, inbox):
    return [sys.executable, "-m", "flows.cli", "--warehouse", str(wh), "run", "--batch-size", "1", str(inbox)]


def _env(tmp_path, name):
    from prefect.settings import PREFECT_API_URL

    return {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "TANLU_STATE": str(tmp_path / name)}


def _contents(wh) -> dict[str, list]:
    with duckdb.connect(str(wh), read_only=True) as con:
        return {name: sorted(map(repr, con.execute(sql).fetchall())) for name, sql in TABLES.items()}


def test_a_run_killed_after_its_first_load_then_run_again_equals_a_clean_run(tmp_path):
    from flows.nightly import nightly

    inbox = _inbox(tmp_path)
    n_files = len(list(inbox.iterdir()))
    nightly(paths=[str(inbox)], warehouse=str(tmp_path / "clean.duckdb"))

    wh = tmp_path / "killed.duckdb"
    # `tanlu run` in a session of its own, so that SIGKILL reaches each of its processes; on one core, so
    # that its one-file batches run in its own process one after the other (no Dask cluster to start)
    run = subprocess.Popen(_cmd(wh, inbox), cwd=REPO, env=_env(tmp_path, "state"), stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True, start_new_session=True,
                           preexec_fn=lambda: os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}))
    seen, deadline = [], time.monotonic() + 120
    try:
        for line in run.stderr:  # the flow logs a progress line after each batch it has loaded
            seen.append(line)
            if "progress: 1/" in line or time.monotonic() > deadline:
                break
    finally:
        os.killpg(run.pid, signal.SIGKILL)
        run.wait(timeout=60)
        run.stderr.close()
    assert run.returncode == -signal.SIGKILL
    assert any("progress: 1/" in ln for ln in seen), "".join(seen)[-2000:]
    with duckdb.connect(str(wh), read_only=True) as con:
        loaded = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        runs = con.execute("SELECT count(*) FROM runs WHERE status = 'completed'").fetchone()[0]
    assert 1 <= loaded < n_files - 1 and runs == 0  # killed part-way: some loaded, not all, no run completed

    again = nightly(paths=[str(inbox)], warehouse=str(wh))
    assert again["run"]["n_skipped_documents"] == loaded
    assert _contents(wh) == _contents(tmp_path / "clean.duckdb")
