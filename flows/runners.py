"""Which Prefect task runner runs the batch tasks: an existing Dask cluster, a local one, or none."""
from __future__ import annotations

import os
from contextlib import contextmanager


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

        from flows.cluster import WORKER_OPTIONS, local_config

        local_config()
        return DaskTaskRunner(cluster_kwargs={"n_workers": min(workers(), n_batches), **WORKER_OPTIONS})
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=1)


@contextmanager
def workers_report_here():
    """Task runs on Dask workers report to this flow run's Prefect API. Without PREFECT_API_URL the flow runs
    on a local API (the one ``tanlu run`` serves in its process, flows.server.api_in_this_process, or
    Prefect's temporary server); naming its address in the settings that travel with each task keeps every
    worker process from starting a temporary server of its own (10-20 s each)."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    if get_current_settings().api.url:
        yield
        return
    with get_client(sync_client=True) as client:
        url = str(client.api_url)
    with temporary_settings(updates={PREFECT_API_URL: url}):
        yield
