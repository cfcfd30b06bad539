"""The nightly deployment: a cron schedule at 02:00 Asia/Shanghai over the configured inbox."""
from __future__ import annotations

import pytest

from flows.cli import build_parser


def test_default_schedule_is_two_am_shanghai():
    from flows.nightly import deployment

    args = build_parser().parse_args(["serve"])
    dep = deployment(args.inbox, "w.duckdb", args.cron, args.timezone)
    (sched,) = dep.schedules
    assert sched.schedule.cron == "0 2 * * *"
    assert sched.schedule.timezone == "Asia/Shanghai"
    assert dep.parameters == {"paths": ["inbox/"], "warehouse": "w.duckdb", "batch_size": None}


def test_inbox_and_cron_are_configurable():
    from flows.nightly import deployment

    args = build_parser().parse_args(["serve", "--inbox", "/data/收件箱", "--cron", "30 1 * * 1-5"])
    dep = deployment(args.inbox, "w.duckdb", args.cron, args.timezone)
    assert dep.schedules[0].schedule.cron == "30 1 * * 1-5"
    assert dep.parameters["paths"] == ["/data/收件箱"]


def test_the_local_server_schedules_the_nightly_runs_at_two_am_shanghai(tmp_path):
    """`tanlu serve` needs a server whose scheduler runs (Prefect's temporary one has none)."""
    import asyncio
    import socket
    import time
    from zoneinfo import ZoneInfo

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.nightly import deployment
    from flows.server import scheduling_server

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {"PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "1"}
    with temporary_settings(restore_defaults={PREFECT_API_URL}), scheduling_server(port, extra_env=env) as api:
        assert api == f"http://127.0.0.1:{port}/api"
        dep_id = deployment(str(tmp_path / "inbox"), str(tmp_path / "w.duckdb")).apply()

        async def scheduled():
            async with get_client() as client:
                return await client.read_flow_runs(
                    deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[dep_id])))

        runs = []
        deadline = time.monotonic() + 60
        while not runs and time.monotonic() < deadline:
            time.sleep(1)
            runs = asyncio.run(scheduled())
    assert runs, "the scheduler planned no run"
    local = {r.expected_start_time.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%H:%M") for r in runs}
    assert local == {"02:00"}
    assert {r.state_name for r in runs} == {"Scheduled"}


# ------------------------------------------------------------------ checked before anything starts

def _serve(capsys, tmp_path, *extra):
    from flows.cli import main

    code = main(["--warehouse", str(tmp_path / "w.duckdb"), "serve", "--inbox", str(tmp_path / "inbox"), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_bad_cron_is_refused_before_anything_starts(capsys, tmp_path):
    code, out, err = _serve(capsys, tmp_path, "--cron", "61 2 * * *")
    assert (code, out) == (2, "")
    assert err == ("tanlu serve: --cron '61 2 * * *' is not a cron schedule: five fields: minute (0-59) hour (0-23) "
                   "day-of-month (1-31) month (1-12) day-of-week (0-6, 0 is Sunday), e.g. '0 2 * * *' for 02:00 "
                   "every day\n")
    assert not (tmp_path / "inbox").exists() and not (tmp_path / "w.duckdb").exists()


def test_a_four_field_cron_is_refused(capsys, tmp_path):
    code, _, err = _serve(capsys, tmp_path, "--cron", "0 2 * *")
    assert code == 2 and err.startswith("tanlu serve: --cron '0 2 * *' is not a cron schedule")


@pytest.mark.parametrize("tz", ["Mars/Olympus", "asia/shanghai", "GMT+8"])
def test_an_unknown_timezone_is_refused_before_anything_starts(capsys, tmp_path, tz):
    code, out, err = _serve(capsys, tmp_path, "--timezone", tz)
    assert (code, out) == (2, "")
    assert err == f"tanlu serve: --timezone '{tz}' is not an IANA time zone name (e.g. Asia/Shanghai, Asia/Urumqi, UTC)\n"


def test_a_missing_inbox_is_created_and_said(tmp_path):
    from flows.server import prepare_inbox

    inbox = tmp_path / "收件箱"
    assert prepare_inbox(str(inbox)) == f"inbox {inbox} did not exist: created it (empty)"
    assert inbox.is_dir() and list(inbox.iterdir()) == []
    assert prepare_inbox(str(inbox)) == f"inbox {inbox}: an existing folder"


def test_an_inbox_whose_folder_is_missing_too_is_refused(capsys, tmp_path):
    from flows.cli import main

    inbox = tmp_path / "mnt" / "inbox"
    code = main(["--warehouse", str(tmp_path / "w.duckdb"), "serve", "--inbox", str(inbox)])
    out, err = capsys.readouterr()
    assert (code, out) == (3, "")
    assert err == (f"tanlu serve: --inbox {inbox} does not exist, nor does its parent folder {tmp_path / 'mnt'}: "
                   f"refusing to create both (a typo or an unmounted disk?); create the folder or fix the path\n")
    assert not (tmp_path / "mnt").exists()


def test_an_inbox_that_is_a_file_is_refused(capsys, tmp_path):
    from flows.cli import main

    (tmp_path / "inbox").write_text("x")
    code = main(["--warehouse", str(tmp_path / "w.duckdb"), "serve", "--inbox", str(tmp_path / "inbox")])
    assert code == 3
    assert capsys.readouterr().err == (f"tanlu serve: --inbox {tmp_path / 'inbox'} is a file, not a folder; name "
                                       f"the folder the nightly run loads\n")
