"""`tanlu run` end to end through the command line: the summary names rejects by reason, a run that
could not complete exits 5 with one line and no traceback."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import duckdb
import pytest

from flows.cli import main
from tests.conftest import REPO, SEEDS

pytestmark = pytest.mark.usefixtures("prefect_harness")


def tanlu(tmp_path, *argv, prelude: str = "") -> tuple[int, str, str]:
    """`tanlu ARGV` in a process of its own, as a user runs it, against the session's Prefect test server."""
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "TANLU_STATE": str(tmp_path / "state")}
    code = f"import sys\n{prelude}\nfrom flows.cli import main\nsys.exit(main(sys.argv[1:]))"
    got = subprocess.run([sys.executable, "-c", code, *argv], cwd=REPO, env=env, capture_output=True, text=True,
                         timeout=300)
    return got.returncode, got.stdout, got.stderr


def test_a_run_with_rejects_exits_0_and_names_them_by_reason(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEEDS / "004_d5cbc6d95d43ea27.txt", inbox / "镇江.txt")
    (inbox / "noise.txt").write_bytes(bytes(range(256)) * 64)
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "also empty.txt").write_bytes(b"")
    (inbox / "table.xlsx").write_bytes(b"PK\x03\x04")
    wh = tmp_path / "w.duckdb"
    code, out, err = tanlu(tmp_path, "--warehouse", str(wh), "run", str(inbox))
    assert code == 0
    assert "Traceback" not in out + err
    lines = out.splitlines()
    # the second empty file has the same bytes as the first: a copy, not processed again
    assert lines[0].startswith("tanlu run ")
    assert ": 5 files, 1 new documents (0 already loaded, 1 copy of another file)" in lines[0]
    assert "3 rejects" in lines[0]
    assert lines[1] == "rejected (the rejects table says which file and why):"
    with duckdb.connect(str(wh), read_only=True) as con:
        reasons = con.execute("SELECT reason, count(*) FROM rejects GROUP BY ALL ORDER BY 2 DESC, 1").fetchall()
    shown = [(ln[10:], int(ln[:8])) for ln in lines[2:2 + len(reasons)]]
    assert shown == reasons
    assert reasons == [("binary content: not text in any supported encoding (UTF-8, UTF-16, GB18030, Big5)", 1),
                       ("empty file", 1),
                       ("unsupported file type .xlsx; tanlu reads .txt .html .htm .pdf .docx .doc .wps .ofd .jsonl", 1)]


def test_a_run_that_cannot_complete_exits_5_in_one_line(tmp_path):
    disk_full = ("from warehouse import store\n"
                 "def disk_full(con, batch):\n"
                 "    raise OSError(28, 'No space left on device')\n"
                 "store.load_batch = disk_full")
    wh = tmp_path / "w.duckdb"
    code, out, err = tanlu(tmp_path, "--warehouse", str(wh), "run", str(SEEDS), prelude=disk_full)
    assert code == 5
    assert "Traceback" not in out + err
    last = [ln for ln in err.splitlines() if ln.startswith("tanlu run:")]
    log = tmp_path / "state" / "tanlu-errors.log"
    assert last == [f"tanlu run: the run could not complete: OSError: [Errno 28] No space left on device "
                    f"(traceback in {log}; the documents of the batches that loaded are kept, a re-run goes on "
                    f"from there)"]
    assert "disk_full" in log.read_text()
    with duckdb.connect(str(wh), read_only=True) as con:
        assert con.execute("SELECT status FROM runs").fetchall() == [("failed",)]


def test_a_warehouse_that_is_no_duckdb_file(capsys, tmp_path):
    wh = tmp_path / "w.duckdb"
    wh.write_text("not a database")
    code = main(["--warehouse", str(wh), "run", str(SEEDS)])
    assert code == 3
    assert capsys.readouterr().err == (f"tanlu run: the warehouse {wh} is not a DuckDB database file; name another "
                                       f"--warehouse (a new file is created)\n")
    assert wh.read_text() == "not a database"


def test_two_overlapping_runs_process_each_document_once(tmp_path):
    import time

    from prefect.settings import PREFECT_API_URL

    wh = tmp_path / "w.duckdb"
    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "TANLU_STATE": str(tmp_path / "state")}
    cmd = [sys.executable, "-m", "flows.cli", "--warehouse", str(wh), "run", str(SEEDS)]
    # the first run loads slowly, so that the second starts while it holds the warehouse
    slow = ("import sys, time\nfrom warehouse import store\n_load = store.load_batch\n"
            "def slow_load(con, batch):\n    time.sleep(8)\n    return _load(con, batch)\n"
            "store.load_batch = slow_load\nfrom flows.cli import main\nsys.exit(main(sys.argv[1:]))")
    first = subprocess.Popen([sys.executable, "-c", slow, *cmd[3:]], cwd=REPO, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    lock_file = tmp_path / "w.duckdb.lock"
    deadline = time.monotonic() + 120
    while not (lock_file.exists() and lock_file.read_text()) and time.monotonic() < deadline:
        time.sleep(0.1)
    second = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    out1, err1 = first.communicate(timeout=300)
    assert (first.returncode, second.returncode) == (0, 0)
    assert f"tanlu run: waiting for the run of pid {first.pid}, started " in second.stderr
    assert ": 5 files, 5 new documents (0 already loaded)" in out1
    assert ": 5 files, 0 new documents (5 already loaded)" in second.stdout
    with duckdb.connect(str(wh), read_only=True) as con:
        assert con.execute("SELECT status, n_new_documents FROM runs ORDER BY started_at").fetchall() == [
            ("completed", 5), ("completed", 0)]


def test_an_unchanged_rerun_records_the_run_without_starting_prefect(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEEDS / "004_d5cbc6d95d43ea27.txt", inbox / "镇江.txt")
    shutil.copy(SEEDS / "004_d5cbc6d95d43ea27.txt", inbox / "镇江 copy.txt")
    (inbox / "empty.txt").write_bytes(b"")
    wh = tmp_path / "w.duckdb"
    said = "import atexit, sys\natexit.register(lambda: print('prefect imported:', 'prefect' in sys.modules))"
    code, first, _ = tanlu(tmp_path, "--warehouse", str(wh), "run", str(inbox), prelude=said)
    assert code == 0 and "prefect imported: True" in first
    code, again, err = tanlu(tmp_path, "--warehouse", str(wh), "run", str(inbox), prelude=said)
    assert code == 0, err
    lines = again.splitlines()
    assert ": 3 files, 0 new documents (2 already loaded), 0 measures, 0 rejects, " in lines[0]
    assert lines[1] == f"warehouse {wh}:"
    assert "  runs                  2" in lines
    assert lines[-1] == "prefect imported: False"
    with duckdb.connect(str(wh), read_only=True) as con:
        runs = con.execute("SELECT status, n_files, n_new_documents, n_skipped_documents, flow_run_id <> '' "
                           "FROM runs ORDER BY started_at").fetchall()
        timings = con.execute("SELECT timings FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()[0]
        files = con.execute("SELECT source_name, outcome FROM source_files ORDER BY source_name").fetchall()
    assert runs == [("completed", 3, 1, 0, True), ("completed", 3, 0, 2, False)]
    assert sorted(json.loads(timings)) == ["hash", "prepare", "record_files"]
    assert files == [("empty.txt", "rejected"), ("镇江 copy.txt", "unchanged"), ("镇江.txt", "unchanged")]


def test_an_unchanged_jsonl_file_is_not_processed_again(tmp_path):
    # a .jsonl file holds one document a line: the hash of its bytes is no document's id, so the warehouse
    # knows it by its source_files row
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    lines = [json.dumps({"title": f.stem, "content": f.read_text(encoding="utf-8")}, ensure_ascii=False)
             for f in sorted(SEEDS.glob("*.txt"))[:2]]
    (inbox / "stories.jsonl").write_text("\n".join(lines) + "\nnot json\n", encoding="utf-8")
    shutil.copy(SEEDS / "004_d5cbc6d95d43ea27.txt", inbox / "镇江.txt")
    wh = tmp_path / "w.duckdb"
    said = "import atexit, sys\natexit.register(lambda: print('prefect imported:', 'prefect' in sys.modules))"
    code, first, err = tanlu(tmp_path, "--warehouse", str(wh), "run", str(inbox), prelude=said)
    assert code == 0, err
    assert ": 2 files, 3 new documents (0 already loaded), " in first.splitlines()[0]
    with duckdb.connect(str(wh), read_only=True) as con:
        assert con.execute("SELECT source_name, outcome FROM source_files ORDER BY 1").fetchall() == [
            ("stories.jsonl", "loaded"), ("镇江.txt", "loaded")]
    code, again, err = tanlu(tmp_path, "--warehouse", str(wh), "run", str(inbox), prelude=said)
    assert code == 0, err
    assert ": 2 files, 0 new documents (2 already loaded), 0 measures, 0 rejects, " in again.splitlines()[0]
    assert again.splitlines()[-1] == "prefect imported: False"
    with duckdb.connect(str(wh), read_only=True) as con:
        assert con.execute("SELECT source_name, outcome FROM source_files ORDER BY 1").fetchall() == [
            ("stories.jsonl", "unchanged"), ("镇江.txt", "unchanged")]
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
        assert con.execute("SELECT count(*) FROM rejects").fetchone()[0] == 1  # the bad line, once


def test_a_run_for_two_workers_starts_them_with_the_run_and_loads_what_the_chain_gives(tmp_path):
    # more than 250 KB of inputs (seeds, news stories, work reports) make batches for two workers: `tanlu run` starts its local Dask cluster
    # before Prefect (the workers warm up meanwhile), and the flow runs its batches there
    from flows import runners
    from transforms import pipeline

    corpus = REPO.parent / "shared" / "corpus"
    inputs = [SEEDS, corpus / "news", corpus / "work-reports"]
    if not all(p.is_dir() for p in inputs):
        pytest.skip("../shared/corpus is absent")
    if runners.workers() < 2:
        pytest.skip("needs two cores")
    wh = tmp_path / "w.duckdb"
    code, out, err = tanlu(tmp_path, "--warehouse", str(wh), "run", *map(str, inputs))
    assert code == 0, err[-3000:]
    assert "67 files, 67 new documents" in out
    assert "2 batches on the local Dask cluster started with the run (2 workers, warmed up while Prefect " \
           "started)" in err
    chain = pipeline.process(pipeline.read_sources(pipeline.list_inputs(inputs)))
    with duckdb.connect(str(wh), read_only=True) as con:
        docs = con.execute("SELECT doc_id FROM documents ORDER BY 1").fetchall()
        measures = con.execute("SELECT measure_id, value, unit, target_year FROM measures ORDER BY 1").fetchall()
    assert [d for (d,) in docs] == sorted(chain.documents.column("doc_id").to_pylist())
    cols = ["measure_id", "value", "unit", "target_year"]
    assert measures == sorted(tuple(r.values()) for r in chain.measures.select(cols).to_pylist())
    assert len(measures) > 300
