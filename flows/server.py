"""The Prefect API a run reports to when ``PREFECT_API_URL`` names none.

``tanlu run``: Prefect's own API app (what Prefect's temporary server runs: no UI, no services), served
by uvicorn in a thread of the run's process (``api_in_this_process``), not in a temporary server process
of its own, which costs 220-260 MB more for a whole interpreter with Prefect imported again.

``tanlu serve``: that API runs no scheduler, so a cron schedule served against it never fires.
``tanlu serve`` therefore starts ``prefect server start`` (API, UI and services, SQLite in the state
folder) unless ``PREFECT_API_URL`` already names a server, and stops it when serving ends.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

from flows.settings import state_dir


class ServerError(RuntimeError):
    """The local Prefect server cannot be used: its port is taken, or it did not start."""


class InboxError(OSError):
    """The inbox folder cannot be served: it is a file, or neither it nor its parent folder exists."""


CRON_HELP = ("five fields: minute (0-59) hour (0-23) day-of-month (1-31) month (1-12) day-of-week (0-6, "
             "0 is Sunday), e.g. '0 2 * * *' for 02:00 every day")


def validate_schedule(cron: str, timezone: str) -> None:
    """Raise ValueError, naming what is wrong, unless Prefect's cron schedule accepts both."""
    from pydantic import ValidationError
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=cron, timezone=timezone)
    except ValidationError as err:
        fields = {str(e["loc"][0]) for e in err.errors() if e.get("loc")}
        if "cron" in fields:
            raise ValueError(f"--cron {cron!r} is not a cron schedule: {CRON_HELP}") from None
        raise ValueError(f"--timezone {timezone!r} is not an IANA time zone name "
                         f"(e.g. Asia/Shanghai, Asia/Urumqi, UTC)") from None


def prepare_inbox(inbox: str) -> str:
    """Make sure the inbox folder exists; returns what was done, to be said. A missing inbox is created
    when its parent folder exists; when that is missing too (a typo, an unmounted disk) it is refused."""
    path = Path(inbox)
    if path.is_dir():
        return f"inbox {inbox}: an existing folder"
    if path.exists():
        raise InboxError(f"--inbox {inbox} is a file, not a folder; name the folder the nightly run loads")
    parent = path.absolute().parent
    if not parent.is_dir():
        raise InboxError(f"--inbox {inbox} does not exist, nor does its parent folder {parent}: refusing to "
                         f"create both (a typo or an unmounted disk?); create the folder or fix the path")
    try:
        path.mkdir()
    except OSError as err:
        raise InboxError(f"--inbox {inbox} does not exist and cannot be created ({err.strerror})") from None
    return f"inbox {inbox} did not exist: created it (empty)"


def _healthy(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@contextmanager
def api_in_this_process(ready_seconds: float = 90):
    """Yield the API URL of the run: the configured one, or Prefect's API app served in a thread here.

    Dask workers report their task runs to it over 127.0.0.1 (flows.runners.workers_report_here), as they
    did to Prefect's temporary server. Prefect's log and event workers are drained before it stops."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    configured = PREFECT_API_URL.value()
    if configured:
        yield configured
        return
    import uvicorn
    from prefect.server.api.server import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(ephemeral=True), host="127.0.0.1", port=port,
                                           log_level="error", lifespan="on"))
    thread = threading.Thread(target=server.run, name="prefect-api", daemon=True)
    thread.start()
    deadline = time.monotonic() + ready_seconds
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise ServerError("Prefect's API did not start in this process")
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}/api"
    try:
        with temporary_settings(updates={PREFECT_API_URL: url}):
            try:
                yield url
            finally:
                _drain_prefect_workers()
    finally:
        server.should_exit = True
        thread.join(30)


def _drain_prefect_workers() -> None:
    """Send what Prefect's background workers hold (log lines, events) while the API still answers."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        try:
            worker.drain_all(timeout=10, at_exit=False)
        except Exception:  # noqa: BLE001 - a log line or event that cannot be sent must not fail the run
            pass


@contextmanager
def scheduling_server(port: int = 4200, ready_seconds: float = 120, extra_env: dict[str, str] | None = None):
    """Yield the API URL of a Prefect server whose scheduler runs: the configured one, or a local one."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    configured = PREFECT_API_URL.value()
    if configured:
        yield configured
        return
    url = f"http://127.0.0.1:{port}/api"
    if _healthy(url):
        raise ServerError(f"a server already answers on port {port}: set PREFECT_API_URL={url} to use it, "
                           f"or choose another --port")
    log_path = state_dir() / "prefect-server.log"
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port),
             "--analytics-off"],
            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(extra_env or {})})
    try:
        deadline = time.monotonic() + ready_seconds
        while not _healthy(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise ServerError(f"the Prefect server did not start; see {log_path}")
            time.sleep(0.5)
        with temporary_settings(updates={PREFECT_API_URL: url}):
            yield url
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
