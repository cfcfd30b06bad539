"""The run lock: one pipeline run at a time on a warehouse.

An exclusive ``flock`` on ``<warehouse>.lock`` beside the warehouse file. The holder writes its pid, host
and start time into the file, so that a second run can say whom it waits for. The kernel drops the lock
when the holder's process ends, however it ends (SIGKILL included): a stale lock cannot outlive its run.
"""
from __future__ import annotations

import fcntl
import json
import os
import socket
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable


@dataclass(frozen=True)
class Holder:
    pid: int | None
    host: str | None
    started_at: str | None  # ISO 8601, UTC

    def describe(self) -> str:
        if self.pid is None:
            return "another run (it has not said who it is yet)"
        where = f" on {self.host}" if self.host and self.host != socket.gethostname() else ""
        return f"the run of pid {self.pid}{where}, started {self.started_at}"


class RunLocked(RuntimeError):
    """Another run holds the warehouse's run lock."""

    def __init__(self, lock_path: Path, holder: Holder):
        super().__init__(f"{holder.describe()} holds {lock_path}")
        self.lock_path = lock_path
        self.holder = holder


def lock_path(warehouse: str | os.PathLike) -> Path:
    p = Path(warehouse)
    return p.with_name(p.name + ".lock")


def _read_holder(fd: int) -> Holder:
    try:
        data = os.pread(fd, 4096, 0)
        info = json.loads(data.decode("utf-8")) if data.strip() else {}
    except (OSError, ValueError):
        info = {}
    return Holder(info.get("pid"), info.get("host"), info.get("started_at"))


@contextmanager
def run_lock(warehouse: str | os.PathLike, wait: bool = True,
             on_wait: Callable[[Holder], None] | None = None):
    """Hold the warehouse's run lock for the ``with`` block. When another run holds it: with ``wait``,
    call ``on_wait(holder)`` once and block until it is free; without, raise RunLocked at once."""
    path = lock_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            if not wait:
                raise RunLocked(path, holder) from None
            if on_wait is not None:
                on_wait(holder)
            fcntl.flock(fd, fcntl.LOCK_EX)
        me = {"pid": os.getpid(), "host": socket.gethostname(),
              "started_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(me).encode("utf-8"), 0)
        try:
            yield Holder(me["pid"], me["host"], me["started_at"])
        finally:
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # releases the lock
