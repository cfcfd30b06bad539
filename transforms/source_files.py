"""What happened to each input file of a run: the rows of ``source_files`` (warehouse/sql/004_source_files.sql).

Pure: from the run's file states (hash status of each path), the file facts, the documents the warehouse
holds after the run's loads, and the rows on record from earlier runs.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pyarrow as pa

from schemas import tables


def outcome(status: str, doc_id: str | None, path: str, loaded: set[str],
            previous_doc_id: str | None) -> str:
    """``status`` is the hash step's (new, duplicate, known, unreadable), or a metadata sidecar's (metadata,
    metadata_unreadable: transforms.pipeline.sidecar_states); ``loaded`` the doc_ids in ``documents`` after
    the run, and the id of each file with a line in ``documents`` (a .jsonl file, one document a line);
    ``previous_doc_id`` this path's doc_id on record from an earlier run."""
    if status == "metadata":
        return "metadata"
    if status == "metadata_unreadable":
        return "rejected"
    if status == "duplicate":
        return "duplicate"
    if status == "known":
        return "unchanged" if previous_doc_id is not None and previous_doc_id == doc_id else "already_loaded"
    return "loaded" if doc_id is not None and doc_id in loaded else "rejected"


def source_files_table(states: list[dict], facts: dict[str, tuple[int | None, datetime | None]],
                       loaded: set[str], previous: dict[str, tuple[str | None, datetime]],
                       now: datetime, run_id: str | None) -> pa.Table:
    """One row per file state. ``states``: dicts with path, doc_id, status; ``facts``: path -> (size,
    modified time); ``previous``: path -> (doc_id, first_seen) of its row on record."""
    rows = []
    for s in states:
        path, doc_id = s["path"], s["doc_id"]
        prev_doc, first_seen = previous.get(path, (None, None))
        size, modified = facts.get(path, (None, None))
        rows.append({"path": path, "source_name": Path(path).name, "n_bytes": size, "modified_at": modified,
                     "doc_id": doc_id, "first_seen": first_seen or now, "last_seen": now,
                     "outcome": outcome(s["status"], doc_id, path, loaded, prev_doc), "run_id": run_id})
    return pa.Table.from_pylist(rows, tables.SOURCE_FILES.arrow)
