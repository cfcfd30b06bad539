"""The nightly flow end to end on the seeds: loads, is idempotent, keeps bad input as rejects."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SEEDS

pytestmark = pytest.mark.usefixtures("prefect_harness")

DATA_TABLES = ("raw_documents", "documents", "articles", "sentences", "measures", "regions", "rejects")


def _counts(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in DATA_TABLES + ("runs",)}
    finally:
        con.close()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    from flows.nightly import nightly

    wh = tmp_path_factory.mktemp("wh") / "tanlu.duckdb"
    first = nightly(paths=[str(SEEDS)], warehouse=str(wh))
    return wh, first


def test_seeds_load_every_table(seeded):
    wh, first = seeded
    counts = _counts(wh)
    assert counts["raw_documents"] == 5
    assert counts["documents"] == 5
    assert counts["regions"] > 3000
    assert counts["measures"] > 0 and counts["sentences"] > 0
    assert counts["rejects"] == 0
    assert first["run"]["n_new_documents"] == 5
    assert first["run"]["n_measures"] == counts["measures"]


def test_second_run_changes_nothing(seeded):
    from flows.nightly import nightly

    wh, _ = seeded
    before = _counts(wh)
    again = nightly(paths=[str(SEEDS)], warehouse=str(wh))
    after = _counts(wh)
    assert again["run"]["n_new_documents"] == 0
    assert again["run"]["n_skipped_documents"] == 5
    assert {k: after[k] for k in DATA_TABLES} == {k: before[k] for k in DATA_TABLES}
    assert after["runs"] == before["runs"] + 1


def test_runs_row_records_counts_and_versions(seeded):
    wh, first = seeded
    con = duckdb.connect(str(wh), read_only=True)
    row = con.execute("SELECT status, n_files, n_new_documents, n_measures, pipeline_version, timings "
                      "FROM runs WHERE run_id = ?", [first["run"]["run_id"]]).fetchall()[0]
    con.close()
    assert row[0] == "completed" and row[1] == 5 and row[2] == 5
    assert row[3] == first["run"]["n_measures"]
    assert '"extract"' in row[5] and '"load"' in row[5]


def test_bad_files_become_rejects_and_the_run_goes_on(tmp_path):
    from flows.nightly import nightly

    inbox = tmp_path / "inbox 收件箱"
    inbox.mkdir()
    shutil.copy(SEEDS / "004_d5cbc6d95d43ea27.txt", inbox / "镇江 材料（一）.txt")
    (inbox / "noise.txt").write_bytes(bytes(range(256)) * 64)
    (inbox / "empty.txt").write_bytes(b"")
    wh = tmp_path / "w.duckdb"
    nightly(paths=[str(inbox)], warehouse=str(wh))
    again = nightly(paths=[str(inbox)], warehouse=str(wh))
    # the rejected files are not processed again by the same pipeline version: the re-run runs no batch
    assert [f["status"] for f in sorted(again["files"].to_pylist(), key=lambda f: f["path"])] == [
        "rejected_before", "rejected_before", "known"]
    assert "ingest" not in again["timings"] and "load" not in again["timings"]
    con = duckdb.connect(str(wh), read_only=True)
    docs = con.execute("SELECT source_name FROM documents").fetchall()
    rejects = con.execute("SELECT source_name, stage, reason FROM rejects ORDER BY source_name").fetchall()
    raw = con.execute("SELECT source_name, n_bytes FROM raw_documents ORDER BY source_name").fetchall()
    con.close()
    assert docs == [("镇江 材料（一）.txt",)]
    assert [r[0] for r in rejects] == ["empty.txt", "noise.txt"]  # once each, though the run went twice
    assert all(r[2] for r in rejects)
    # nothing lost: the seed's bytes are kept
    assert ("镇江 材料（一）.txt", (SEEDS / "004_d5cbc6d95d43ea27.txt").stat().st_size) in raw


def test_run_leaves_a_markdown_artifact(seeded):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    async def latest():
        async with get_client() as client:
            return await client.read_artifacts(
                artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["tanlu-run-summary"])))

    import asyncio

    arts = asyncio.run(latest())
    assert arts, "no run-summary artifact"
    assert "measures" in arts[0].data and "| documents | 5 |" in "\n".join(a.data for a in arts)


def test_a_failed_run_is_recorded_as_failed(tmp_path, monkeypatch):
    from prefect import task

    from flows import tasks
    from flows.nightly import nightly

    @task(name="load")
    def broken_load(store_root, batch_id, warehouse):
        raise OSError("disk full")

    monkeypatch.setattr(tasks, "load_batch", broken_load)
    wh = tmp_path / "w.duckdb"
    with pytest.raises(OSError, match="disk full"):
        nightly(paths=[str(SEEDS)], warehouse=str(wh))
    con = duckdb.connect(str(wh), read_only=True)
    rows = con.execute("SELECT status, n_files, n_documents FROM runs").fetchall()
    con.close()
    assert rows == [("failed", 5, 0)]


def test_a_run_without_a_prefect_server_is_recorded_by_the_api_it_serves_itself(tmp_path):
    """`tanlu run` with no PREFECT_API_URL starts no temporary Prefect server process: it serves Prefect's
    API in its own process, and the flow run, its batch subflow and each batch task (on the local Dask
    workers when the machine has several cores) are recorded, completed, in Prefect's database in the
    state folder, with the run's log lines."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_") and k != "TANLU_DASK_ADDRESS"}
    env["TANLU_STATE"] = str(tmp_path / "state")
    wh = tmp_path / "w.duckdb"
    got = subprocess.run([str(Path(sys.executable).parent / "tanlu"), "run", "--warehouse", str(wh),
                          "--batch-size", "2", str(SEEDS)], env=env, capture_output=True, text=True, timeout=600)
    assert got.returncode == 0, got.stderr[-3000:]
    assert "5 files, 5 new documents" in got.stdout
    assert "Starting temporary server" not in got.stderr
    con = duckdb.connect(str(wh), read_only=True)
    (flow_run_id,), = con.execute("SELECT flow_run_id FROM runs").fetchall()
    con.close()
    db = sqlite3.connect(tmp_path / "state" / "prefect" / "prefect.db")
    try:
        runs = dict(db.execute("SELECT id, state_name FROM flow_run").fetchall())
        batches = db.execute("SELECT state_name, count(*) FROM task_run WHERE name LIKE 'process-batch%' "
                             "GROUP BY state_name").fetchall()
        logged = db.execute("SELECT count(*) FROM log WHERE flow_run_id = ? AND message LIKE '5 input files%'",
                            [flow_run_id]).fetchall()
    finally:
        db.close()
    assert runs[flow_run_id] == "Completed"
    assert sorted(runs.values()) == ["Completed", "Completed"]  # tanlu-nightly and its tanlu-batches subflow
    assert batches == [("Completed", 3)]
    assert logged == [(1,)]
