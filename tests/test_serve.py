"""The nightly deployment: a cron schedule at 02:00 Asia/Shanghai over the configured inbox."""
from __future__ import annotations

from flows.cli import build_parser


def test_default_schedule_is_two_am_shanghai():
    from flows.nightly import deployment

    args = build_parser().parse_args(["serve"])
    dep = deployment(args.inbox, "w.duckdb", args.cron, args.timezone)
    (sched,) = dep.schedules
    assert sched.schedule.cron == "0 2 * * *"
    assert sched.schedule.timezone == "Asia/Shanghai"
    assert dep.parameters == {"paths": ["inbox/"], "warehouse": "w.duckdb", "batch_size": 500}


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
