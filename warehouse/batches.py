"""The batch store: a run's batch files and the set of documents the warehouse already holds.

Each batch task of the flow writes its validated tables here (one Arrow IPC file per table, in the
batch's own folder); the flow's single writer reads them back to load the warehouse. The store also
answers which input files are new: a document's id is the sha256 of its bytes, so an unchanged re-run
reads and hashes the files, finds every id known, and writes no batch at all.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.feather as feather

BATCH_TABLES = ("raw_documents", "documents", "articles", "sentences", "measures", "rejects")


@dataclass(frozen=True)
class FileState:
    path: str
    doc_id: str | None  # None: the file could not be read
    # new; duplicate (same bytes as an earlier file of this run); known (loaded by this pipeline version);
    # rejected_before (rejected by a run of this pipeline version: the same bytes are rejected again);
    # unreadable
    status: str
    error: str | None = None
    n_bytes: int | None = None
    mtime: float | None = None  # seconds since the epoch


STATES = pa.schema([("path", pa.string()), ("doc_id", pa.string()), ("status", pa.string()),
                    ("error", pa.string()), ("n_bytes", pa.int64()), ("mtime", pa.float64())])


def states_table(states: list[FileState]) -> pa.Table:
    """The file states as one Arrow table: Prefect passes it to a task (or returns it) without walking
    20,000 Python objects, as it walks every list and dict of a task's parameters."""
    return pa.table({name: [getattr(s, name) for s in states] for name in STATES.names}, schema=STATES)


def file_sha256(path: str | Path) -> str:
    return _hash_and_stat(path)[0]


def _hash_and_stat(path: str | Path) -> tuple[str, int, float]:
    """(sha256 of the bytes, size, modification time) from one open of the file."""
    with open(path, "rb") as f:
        st = os.fstat(f.fileno())
        if st.st_size <= 1 << 24:
            digest = hashlib.sha256(f.read()).hexdigest()
        else:
            digest = hashlib.file_digest(f, "sha256").hexdigest()
    return digest, st.st_size, st.st_mtime


class BatchStore:
    """Batch files under ``root`` (a run's folder), and the ids of documents already loaded."""

    def __init__(self, root: str | Path, known: set[str] | None = None, rejected: set[str] | None = None):
        self.root = Path(root)
        self.known = set(known or ())
        self.rejected = set(rejected or ()) - self.known

    def classify(self, files: list[str]) -> list[FileState]:
        """Hash every file: new ones, copies of an earlier file of this run, ones already loaded or
        rejected by this pipeline version (their result would be the same: they are not processed again)."""
        return list(self.states(files))

    def states(self, files: list[str]):
        """``classify``, one file at a time (a caller may stop at the first new file)."""
        seen: set[str] = set()
        for f in files:
            try:
                doc_id, size, mtime = _hash_and_stat(f)
            except OSError as err:
                yield FileState(f, None, "unreadable", str(err))
                continue
            status = ("known" if doc_id in self.known else "rejected_before" if doc_id in self.rejected
                      else "duplicate" if doc_id in seen else "new")
            seen.add(doc_id)
            yield FileState(f, doc_id, status, None, size, mtime)

    def batch_dir(self, batch_id: str) -> Path:
        return self.root / batch_id

    def write(self, batch_id: str, parts: dict[str, pa.Table]) -> None:
        """One uncompressed Arrow IPC file per table: written and read back at the speed of the disk
        (a batch's files live only until the flow has loaded them; they are read into memory, not mapped, as
        they are deleted once loaded)."""
        d = self.batch_dir(batch_id)
        d.mkdir(parents=True, exist_ok=True)
        for name in BATCH_TABLES:
            feather.write_feather(parts[name], d / f"{name}.arrow", compression="uncompressed")

    def read(self, batch_id: str) -> dict[str, pa.Table]:
        d = self.batch_dir(batch_id)
        return {name: feather.read_table(d / f"{name}.arrow", memory_map=False) for name in BATCH_TABLES}

    def discard(self, batch_id: str) -> None:
        shutil.rmtree(self.batch_dir(batch_id), ignore_errors=True)

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def write_plan(root: str | Path, batches: list[list[str]]) -> None:
    """The run's batches (lists of file paths): a flow parameter may not hold 20,000 paths."""
    import json

    Path(root).mkdir(parents=True, exist_ok=True)
    (Path(root) / "plan.json").write_text(json.dumps(batches, ensure_ascii=False), encoding="utf-8")


def read_plan(root: str | Path) -> list[list[str]]:
    import json

    return json.loads((Path(root) / "plan.json").read_text(encoding="utf-8"))
