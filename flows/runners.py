"""Which Prefect task runner runs the batch tasks: an existing Dask cluster, a local one, or none."""
from __future__ import annotations

import os


def dask_address(explicit: str | None = None) -> str | None:
    """``--dask-address``, else ``$TANLU_DASK_ADDRESS``, else none (tcp://HOST:PORT of a Dask scheduler)."""
    return explicit or os.environ.get("TANLU_DASK_ADDRESS") or None


def workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def batch_task_runner(n_batches: int, address: str | None = None):
    """The runner for ``n_batches`` batch tasks.

    With an address: prefect-dask's DaskTaskRunner on that cluster. With more than one batch on a machine
    of several cores: a local Dask cluster of worker processes, one per core (one thread each, since the
    chain is CPU-bound Python). Otherwise Prefect's thread pool with one thread: no cluster to start.
    """
    if address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=address)
    if n_batches > 1 and workers() > 1:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(cluster_kwargs={"n_workers": min(workers(), n_batches), "threads_per_worker": 1,
                                              "processes": True, "dashboard_address": None})
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=1)
