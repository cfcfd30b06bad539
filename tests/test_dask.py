"""The same flow on a real Dask cluster: a scheduler and two workers on 127.0.0.1, started from the
project's environment, give the same warehouse as a run without Dask."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SEEDS

pytestmark = pytest.mark.slow
NEWS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "news"
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    raise TimeoutError(f"no Dask scheduler on 127.0.0.1:{port}")


@pytest.fixture
def cluster(tmp_path):
    port = _free_port()
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    procs = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], cwd=tmp_path, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        _wait_for_port(port)
        for i in range(2):
            procs.append(subprocess.Popen([str(BIN / "dask"), "worker", f"tcp://127.0.0.1:{port}",
                                           "--host", "127.0.0.1", "--nworkers", "1", "--nthreads", "1",
                                           "--no-dashboard", "--name", f"w{i}"],
                                          cwd=Path(__file__).resolve().parents[1], env=env,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        from distributed import Client

        with Client(f"tcp://127.0.0.1:{port}", timeout=60) as c:
            c.wait_for_workers(2, timeout=60)
        yield f"tcp://127.0.0.1:{port}"
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()


def _tanlu(*args, env_extra=None, cwd=None):
    env = {**os.environ, **(env_extra or {})}
    env.pop("TANLU_DASK_ADDRESS", None)
    res = subprocess.run([str(BIN / "tanlu"), *args], capture_output=True, text=True, env=env, cwd=cwd,
                         timeout=900)
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-4000:]
    return res.stdout


def _rows(wh: Path) -> dict[str, list]:
    con = duckdb.connect(str(wh), read_only=True)
    try:
        return {
            "documents": con.execute("SELECT doc_id, source_name, title, published_date, region_code, n_articles "
                                     "FROM documents ORDER BY doc_id").fetchall(),
            "measures": con.execute("SELECT measure_id, doc_id, sentence_idx, kind, indicator, indicator_id, value, "
                                    "unit, comparator, target_year, region_code, span_start, span_end "
                                    "FROM measures ORDER BY measure_id").fetchall(),
            "sentences": con.execute("SELECT count(*), count(DISTINCT doc_id) FROM sentences").fetchall(),
        }
    finally:
        con.close()


def test_a_run_on_a_dask_cluster_loads_the_same_warehouse_as_one_without(cluster, tmp_path):
    if not NEWS.is_dir():
        pytest.skip("../shared/corpus/news is absent")
    inputs = [str(SEEDS), str(NEWS)]
    state = {"TANLU_STATE": str(tmp_path / "state")}
    out = _tanlu("run", "--warehouse", str(tmp_path / "dask.duckdb"), "--dask-address", cluster,
                 "--batch-size", "10", *inputs, env_extra=state)
    assert "65 files, 65 new documents" in out
    _tanlu("run", "--warehouse", str(tmp_path / "plain.duckdb"), "--batch-size", "1000", *inputs,
           env_extra=state)
    dask_rows, plain_rows = _rows(tmp_path / "dask.duckdb"), _rows(tmp_path / "plain.duckdb")
    assert len(dask_rows["documents"]) == 65
    assert len(dask_rows["measures"]) > 300
    assert dask_rows == plain_rows
