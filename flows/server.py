"""A local Prefect server with its services, for the scheduled deployment.

Prefect's temporary in-process server (what ``tanlu run`` uses when no API URL is set) runs no
scheduler, so a cron schedule served against it never fires. ``tanlu serve`` therefore starts
``prefect server start`` (API, UI and services, SQLite in the state folder) unless ``PREFECT_API_URL``
already names a server, and stops it when serving ends.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from contextlib import contextmanager

import httpx

from flows.settings import state_dir


def _healthy(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


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
        raise RuntimeError(f"a server already answers on port {port}: set PREFECT_API_URL={url} to use it, "
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
                raise RuntimeError(f"the Prefect server did not start; see {log_path}")
            time.sleep(0.5)
        with temporary_settings(updates={PREFECT_API_URL: url}):
            yield url
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
