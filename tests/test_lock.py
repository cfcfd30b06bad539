"""The run lock: a second run on the same warehouse waits for the first, or with --no-wait exits 4 at once,
and names the holder's pid and start time. A killed holder leaves no stale lock."""
from __future__ import annotations

import re
import signal
import subprocess
import sys

import pytest

from flows.cli import main
from tests.conftest import REPO
from warehouse import lock

HOLD = ("import sys, time\nfrom warehouse.lock import run_lock\n"
        "with run_lock(sys.argv[1]):\n    print('holding', flush=True)\n    time.sleep(120)\n")


@pytest.fixture
def holder(tmp_path):
    wh = tmp_path / "w.duckdb"
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(wh)], cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "holding"
        yield wh, proc
    finally:
        proc.kill()
        proc.wait()


def test_no_wait_raises_at_once_and_names_the_holder(holder):
    wh, proc = holder
    with pytest.raises(lock.RunLocked) as got:
        with lock.run_lock(wh, wait=False):
            pass
    h = got.value.holder
    assert h.pid == proc.pid
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", h.started_at)
    assert str(got.value) == f"the run of pid {proc.pid}, started {h.started_at} holds {wh}.lock"


def test_a_waiting_run_goes_on_when_the_holder_is_killed(holder):
    wh, proc = holder
    seen = []

    def on_wait(h):
        seen.append(h.pid)
        proc.send_signal(signal.SIGKILL)  # the holder dies mid-run: the kernel drops its lock

    with lock.run_lock(wh, on_wait=on_wait) as me:
        assert me.pid != proc.pid
    assert seen == [proc.pid]
    with lock.run_lock(wh, wait=False):  # released again
        pass


def test_tanlu_run_no_wait_exits_4_naming_the_holder(holder, capsys, tmp_path):
    wh, proc = holder
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    code = main(["--warehouse", str(wh), "run", str(inbox), "--no-wait"])
    out, err = capsys.readouterr()
    assert (code, out) == (4, "")
    assert re.fullmatch(rf"tanlu run: the run of pid {proc.pid}, started \S+ is loading {re.escape(str(wh))}; "
                        rf"try again when it has finished, or leave out --no-wait to wait for it\n", err)
    assert not wh.exists()


def test_the_nightly_deployment_runs_one_at_a_time():
    from flows.nightly import deployment

    assert deployment("inbox/", "w.duckdb").concurrency_limit == 1
