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
