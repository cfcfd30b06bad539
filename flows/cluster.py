"""A local Dask cluster for a `tanlu run`, started before Prefect is: its workers start and warm up (imports,
the chain's lookup tables) while Prefect starts its temporary server, instead of after the flow has planned
its batches. The flow then runs its batch tasks on it as on any existing cluster (``--dask-address``).

Only a run whose inputs make batches for more than one worker on a machine of several cores starts one
(flows/cli.py); with ``--dask-address`` (or ``$TANLU_DASK_ADDRESS``) none is started. Nothing here imports
Prefect, so that the workers start before the flow's process has imported it.
"""
from __future__ import annotations

import os
import threading

# a local cluster's workers: processes, one thread each (the chain is CPU-bound Python)
WORKER_OPTIONS = {"threads_per_worker": 1, "processes": True, "dashboard_address": ":0"}

# Dask settings of a local cluster (its scheduler runs in this process; a Nanny hands its process's Dask
# config to its worker): no statistical profiler, which walks every thread's stack 100 times a second for the
# dashboard's profile page and so took a fifth of each worker's own (non-task) CPU; and the periodic
# callbacks of every process's event loop less often: the tick that watches for a blocked loop (every 20 ms
# by default: a worker's loop then takes the GIL from the batch task 50 times a second), the system monitor
# (CPU and memory for the dashboard, 500 ms) and the memory monitor (100 ms: a batch grows by hundreds of MB
# in seconds, not gigabytes in milliseconds). An idle local cluster of 2 workers took 1.0 s CPU in this
# process and 0.5 s in each worker over 20 s with the defaults, 0.2 s and 0.1 s with these.
WORKER_CONFIG = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s",
                 "distributed.admin.system-monitor.interval": "5s",
                 "distributed.worker.memory.monitor-interval": "2s"}


def local_config() -> None:
    """Set WORKER_CONFIG in this process's Dask config, before a local cluster starts its workers."""
    import dask

    dask.config.set(WORKER_CONFIG)

# a short text in the style of the corpus: one pass of the chain over it builds what each stage builds once
WARM_TEXT = ("关于印发《某市碳达峰实施方案》的通知\n"
             "到2025年，全市单位地区生产总值能耗比2020年下降13.5%，非化石能源消费比重达到20%左右。\n"
             "2023年，全省新增光伏装机容量120万千瓦，完成造林面积3.2万亩。\n")


def warm_up() -> int:
    """Import what a batch task needs and run the chain once over WARM_TEXT (in a worker)."""
    import prefect.task_engine  # noqa: F401  (a task run's engine, imported by its first task otherwise)

    import flows.tasks  # noqa: F401
    from transforms import ingest, pipeline

    pipeline.process([ingest.SourceFile("warm-up.txt", "warm-up.txt", WARM_TEXT.encode("utf-8"))],
                     run_id="warm-up")
    return os.getpid()


def planned_workers(paths: list[str], batch_size: int | None, workers: int) -> int:
    """How many workers the batches of the inputs under ``paths`` would keep busy, counting every input (new
    or not: they have not been hashed yet) as new: 0 or 1 when a run needs no cluster."""
    if workers < 2:
        return 0
    from flows import steps
    from transforms import pipeline

    files = [str(f) for f in pipeline.list_inputs(paths)]
    sizes = []
    for f in files:
        try:
            sizes.append(os.stat(f).st_size)
        except OSError:
            sizes.append(0)
    return min(workers, len(steps.batch_plan(files, batch_size, workers, sizes)))


class EarlyCluster:
    """A LocalCluster of ``n_workers`` started (and warmed up) in a background thread; ``address()`` waits
    for it (None when it could not start: the flow then starts its own, as without it). ``close()`` shuts it
    down in a background thread too; ``join()`` waits for that."""

    def __init__(self, n_workers: int):
        self.n_workers = n_workers
        self._cluster = None
        self._error: Exception | None = None
        self._started = threading.Thread(target=self._start, name="tanlu-early-cluster", daemon=True)
        self._closed: threading.Thread | None = None
        self._started.start()

    def _start(self) -> None:
        try:
            from distributed import Client, LocalCluster

            local_config()
            self._cluster = LocalCluster(n_workers=self.n_workers, **WORKER_OPTIONS)
        except Exception as err:  # noqa: BLE001 - the flow starts its own cluster instead
            self._error = err
            return
        try:
            with Client(self._cluster) as client:
                workers = list(client.scheduler_info()["workers"])
                client.gather([client.submit(warm_up, workers=[w], pure=False, allow_other_workers=False)
                               for w in workers])
        except Exception:  # noqa: BLE001 - a worker not warmed up warms up on its first batch
            pass

    def address(self) -> str | None:
        self._started.join()
        if self._error is not None or self._cluster is None:
            return None
        return self._cluster.scheduler_address

    def close(self) -> None:
        """Shut the cluster down in the background (the run goes on recording itself meanwhile)."""
        if self._closed is None:
            self._closed = threading.Thread(target=self._close, name="tanlu-cluster-close", daemon=True)
            self._closed.start()

    def _close(self) -> None:
        self._started.join()
        if self._cluster is not None:
            try:
                self._cluster.close()
            except Exception:  # noqa: BLE001 - the workers are done; their processes end with ours
                pass

    def join(self) -> None:
        self.close()
        self._closed.join()


_current: EarlyCluster | None = None  # the one a `tanlu run` in this process started


def start_if_worth_it(paths: list[str], batch_size: int | None, workers: int) -> None:
    """Start the early cluster when the inputs would keep more than one worker busy."""
    global _current
    n = planned_workers(paths, batch_size, workers)
    if n > 1:
        _current = EarlyCluster(n)


def n_workers() -> int:
    return _current.n_workers if _current is not None else 0


def address() -> str | None:
    """The early cluster's scheduler address once its workers are warm; None without one."""
    return _current.address() if _current is not None else None


def batches_done() -> None:
    """The flow has loaded its last batch: the early cluster (if any) can go."""
    if _current is not None:
        _current.close()


def finish() -> None:
    """Wait until the early cluster (if any) has shut down."""
    global _current
    if _current is not None:
        _current.join()
        _current = None
