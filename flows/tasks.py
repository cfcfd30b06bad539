"""Prefect tasks: the flow's steps (flows/steps.py) as tasks. A batch is one task that runs the whole pure
chain in memory (transforms.pipeline) and leaves its tables in the batch store; the flow's single writer
loads them. Tables never travel through Prefect: tasks take file paths and return counts and timings."""
from __future__ import annotations

import pyarrow as pa
from prefect import task
from prefect.cache_policies import NO_CACHE

from flows import steps
from flows.steps import add_timings, as_json, file_facts, load_batch, open_writer, read_files, timed  # noqa: F401


def process_batch_task(files: list[str], store_root: str, batch_id: str, run_id: str) -> dict:
    """steps.process_batch, its Arrow buffers from the system allocator. (Its own function, not a wrapper
    named as steps.process_batch: Dask pickles a task's function by its module and name.)"""
    # Arrow buffers from the system allocator: mimalloc (pyarrow's default) keeps a batch's freed buffers
    # for the process. Set here, where the batch runs, since a worker of an existing cluster does not
    # have the flow's environment (flows.settings sets ARROW_DEFAULT_MEMORY_POOL for local ones).
    pa.set_memory_pool(pa.system_memory_pool())
    return steps.process_batch(files, store_root, batch_id, run_id)


process_batch = task(name="process-batch", retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE)(
    process_batch_task)
prepare_warehouse = task(name="prepare", retries=2, retry_delay_seconds=5, cache_policy=NO_CACHE)(
    steps.prepare_warehouse)
record_files = task(name="record-files", retries=2, retry_delay_seconds=5, cache_policy=NO_CACHE)(
    steps.record_files)
publish = task(name="publish", retries=2, retry_delay_seconds=5, cache_policy=NO_CACHE)(steps.publish)
