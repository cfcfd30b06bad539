"""Prefect tasks: the flow's steps (flows/steps.py) as tasks. A batch is one task that runs the whole pure
chain in memory (transforms.pipeline) and leaves its tables in the batch store; the flow's single writer
loads them. Tables never travel through Prefect: tasks take file paths and return counts and timings."""
from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows import steps
from flows.steps import add_timings, as_json, file_facts, load_batch, open_writer, read_files, timed  # noqa: F401

process_batch = task(name="process-batch", retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE)(
    steps.process_batch)
prepare_warehouse = task(name="prepare", retries=2, retry_delay_seconds=5, cache_policy=NO_CACHE)(
    steps.prepare_warehouse)
record_files = task(name="record-files", retries=2, retry_delay_seconds=5, cache_policy=NO_CACHE)(
    steps.record_files)
publish = task(name="publish", retries=2, retry_delay_seconds=5, cache_policy=NO_CACHE)(steps.publish)
