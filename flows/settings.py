"""Where tanlu keeps its state, and the settings of Prefect (and of Arrow's allocator). Import this before
anything imports prefect or pyarrow."""
from __future__ import annotations

import os
from pathlib import Path


def state_dir() -> Path:
    """The project's ignored state folder (Prefect's home, batch files): ``$TANLU_STATE`` or ``./.state``."""
    return Path(os.environ.get("TANLU_STATE") or Path.cwd() / ".state").resolve()


def configure_prefect() -> None:
    """Run Prefect in-process with no server setup; its home lives in the state folder, never in ~."""
    home = state_dir() / "prefect"
    home.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PREFECT_HOME", str(home))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
    # the flow's own log lines (progress) stay visible; per-task state chatter does not
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL", "WARNING")
    # Arrow buffers from malloc, not mimalloc (which keeps what a batch freed): in this process and in the
    # local Dask workers, which inherit the environment (flows/tasks.py sets it for any worker too)
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")


configure_prefect()
