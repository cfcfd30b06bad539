"""Reject records: what a stage could not handle, with a reason a person can act on."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

import pyarrow as pa

from schemas import tables


@dataclass(frozen=True)
class Reject(Exception):
    stage: str
    reason: str
    detail: str | None = None

    def __str__(self) -> str:
        return f"{self.stage}: {self.reason}" + (f" ({self.detail})" if self.detail else "")


def rejects_table(rows: list[tuple[str, str | None, Reject]], now: datetime | None = None,
                  run_id: str | None = None) -> pa.Table:
    """Rows of (source_name, doc_id, Reject) as a ``rejects`` table."""
    at = now or datetime.now(timezone.utc)
    return pa.table({
        "source_name": [r[0] for r in rows],
        "doc_id": [r[1] for r in rows],
        "stage": [r[2].stage for r in rows],
        "reason": [r[2].reason for r in rows],
        "detail": [r[2].detail for r in rows],
        "at": [at] * len(rows),
        "run_id": [run_id] * len(rows),
    }, schema=tables.REJECTS.arrow)
